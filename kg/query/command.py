"""``kg query``: what the command does once its options are read, whoever read them.

The typer command in ``kg.cli`` and the fast path (``kg.query.fastpath``, which reads the common
invocations without importing typer) both call ``run``, so the two cannot drift apart. Nothing here
imports rdflib or typer: a library query on the embedded store needs neither.
"""

from collections.abc import Callable
from pathlib import Path

from kg.core.errors import KgError
from kg.util import console
from kg.util.deadline import check_timeout
from kg.util.text import counted


def run(
    query_spec: str | None,
    list_: bool,
    all_: bool,
    fmt: str,
    output: Path | None,
    width: int | None,
    params: list[str],
    data: list[Path],
    endpoint: str | None,
    layout: str | None,
    query_url: str | None,
    timeout: float,
    article_scope: list[str],
    graph: list[str],
    out: Path,
    articles: Path,
    ensure_build: Callable[[Path, Path], Path],
) -> int:
    """The exit code (0, or 1 when an ASK answers false); a user's mistake raises ``KgError``.
    ``ensure_build(out, articles)``: the build's graphs file, rebuilt first when older than its inputs."""
    from kg.query import list_queries, parse_param, resolve
    from kg.query import output as writer
    from kg.query.run import check_params

    modes = [name for name, on in (("a QUERY", bool(query_spec)), ("--list", list_), ("--all", all_)) if on]
    if len(modes) > 1:
        raise KgError(f"give one of a QUERY, --list or --all, not {' and '.join(modes)}")
    if not modes:
        raise KgError("give a QUERY (inline, file, library name or - for standard input), or --list, or --all")
    if list_:
        console.result("\n".join(f"{q.name}\t{q.question}" for q in list_queries()))
        return 0
    writer.check_format(fmt, all_, output)
    if width is not None and width < 0:
        raise KgError(f"--width must be 0 (no limit) or a number of columns, not {width}")
    bound = dict(parse_param(p) for p in params)
    library = list_queries()
    if all_:
        specs = [(q.name, q.question) for q in library]
    else:
        assert query_spec is not None  # one of QUERY, --list and --all is given (checked above)
        specs = [(query_spec, "")]
    texts = [(resolve(spec), question) for spec, question in specs]
    chosen = check_params(bound, [text for (text, _), _ in texts])
    scope = _scope(article_scope, graph)
    runner = _runner(data, endpoint, timeout, out, articles, layout, query_url, scope, ensure_build)
    answers = []
    for ((text, label), question), used in zip(texts, chosen, strict=True):
        answers.append(writer.QueryAnswer(label, question, _timed(runner, text, {n: bound[n] for n in used}, label)))
    if width is None:
        width = _terminal_width() if output is None and console.is_terminal() else 0
    if all_ and fmt in writer.PER_QUERY_EXTENSIONS:
        assert output is not None  # check_format asks for the folder these formats are written to
        for path in writer.write_per_query(output, answers, fmt):
            console.summary(f"wrote {path}")
    else:
        data_out = writer.render_many(answers, fmt, width) if all_ else writer.render(answers[0].result, fmt, width)
        if output is None:
            console.result_bytes(data_out)
        else:
            from kg.util import atomic

            atomic.write_bytes(output, data_out)
            console.summary(f"wrote {output}")
    return writer.exit_code(answers)


def _terminal_width() -> int:
    import shutil

    return shutil.get_terminal_size().columns


def _timed(runner, text, bound, label):
    import time

    started = time.perf_counter()
    result = runner(text, bound, label)
    size = counted(result.count, "row") if result.kind == "select" else result.kind
    console.detail(f"{label}: {size} in {(time.perf_counter() - started) * 1000:.0f} ms")
    return result


def _scope(article_slugs: list[str], graphs: list[str]) -> list[str] | None:
    from kg.query.scope import default_graphs

    return default_graphs(article_slugs, graphs)


def _runner(data, endpoint, timeout, out, articles, layout, query_url, scope, ensure_build):
    check_timeout(timeout)  # whether or not an endpoint is asked, so a typo shows before it matters
    if endpoint and data:
        raise KgError("use either --data or --endpoint, not both")
    if not endpoint:
        given = [name for name, value in (("--layout", layout), ("--query-url", query_url)) if value]
        if given:  # else the embedded store would answer, and the user believe the remote one did
            verb = "are" if len(given) > 1 else "is"
            raise KgError(f"{' and '.join(given)} {verb} for a remote store: give --endpoint URL (or KG_ENDPOINT)")
    if endpoint:
        from kg.query.remote import Endpoint
        from kg.util.redact import redact_url

        remote = Endpoint.from_base(endpoint, timeout=timeout, layout=layout, query_url=query_url)
        console.detail(f"querying {redact_url(remote.query_url)} ({remote.layout} layout)")
        return lambda text, bound, label: remote.query(text, bound, label, scope)
    from kg.query import load_files, run_local

    if data:
        console.detail(f"loading {', '.join(map(str, data))}")
        store = load_files(data)
    else:
        store = _current_store(out, articles, ensure_build)
    for name in scope or []:
        import pyoxigraph as ox

        from kg.query.prefixes import ENTITIES_GRAPH

        if name != ENTITIES_GRAPH and not store.contains_named_graph(ox.NamedNode(name)):
            raise KgError(
                f"no graph <{name}> in the store (--article takes an article's slug, as 'kg build' prints it)"
            )
    return lambda text, bound, label: run_local(store, text, bound, label, scope)


def _current_store(out: Path, articles: Path, ensure_build):
    """The embedded store, after making sure the build it comes from is current."""
    from kg.build.current import open_store

    return open_store(out, ensure_build(out, articles))
