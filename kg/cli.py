"""The ``kg`` command line: a thin layer over the pipeline stages.

Heavy libraries (rdflib, pySHACL, pyoxigraph, requests) are imported inside the commands, and the
help is plain text (typer's rich rendering cost about 100 ms), so ``kg --help`` stays fast. Every
user-caused failure is a ``KgError``: one line on stderr and exit code 2 (bad input) or 1 (the data
does not conform), never a traceback. Results and summaries go to stdout, diagnostics to stderr
(``kg.util.console``).
"""

import json
import sys
from pathlib import Path

import typer
from typer.core import TyperCommand

from kg.core.errors import EXIT_BAD_INPUT, EXIT_INVALID, KgError
from kg.util import console
from kg.util.paths import DEFAULT_ARTICLES_DIR, DEFAULT_OUT_DIR, corpus_file
from kg.util.text import counted

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Turn diplomatic news articles into a validated, linked RDF knowledge graph.",
)

ArticlesOpt = typer.Option(DEFAULT_ARTICLES_DIR, "--articles", metavar="DIR", help="Folder of article folders.")
OutOpt = typer.Option(DEFAULT_OUT_DIR, "--out", metavar="DIR", help="Build folder (graphs/, store/).")
QuietOpt = typer.Option(False, "--quiet", "-q", help="Only results and errors: no summaries, warnings or notes.")
VerboseOpt = typer.Option(False, "--verbose", "-v", help="Also say what kg is doing, on stderr.")
CacheOpt = typer.Option(None, "--cache-dir", envvar="KG_CACHE_DIR", metavar="DIR", help="Wikidata cache folder.")
ApiOpt = typer.Option(None, "--wikidata-api", envvar="KG_WIKIDATA_API", metavar="URL", help="MediaWiki action API URL.")
PinsOpt = typer.Option(
    None, "--pins", envvar="KG_PINS", metavar="FILE", help="Curated link file (default ARTICLES/wikidata-pins.yaml)."
)
ContactOpt = typer.Option(
    None, "--contact", envvar="KG_CONTACT", metavar="URL", help="Contact URL or e-mail for the User-Agent."
)
TimeoutOpt = typer.Option(30.0, "--timeout", metavar="SECONDS", help="Seconds to wait for a remote endpoint.")


class _Command(TyperCommand):
    """Every command takes ``-q`` and ``-v`` after its name as well as before it (``QuietOpt``,
    ``VerboseOpt``); their effect is set here, once, before any command runs."""

    def invoke(self, ctx):
        console.set_level(bool(ctx.params.get("quiet")), bool(ctx.params.get("verbose")))
        try:
            return super().invoke(ctx)
        finally:
            console.warnings_summary()


def _version(value: bool) -> None:
    if value:
        from kg import __version__

        typer.echo(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def _global(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print kg's version and exit."
    ),
    quiet: bool = QuietOpt,
    verbose: bool = VerboseOpt,
):
    """Turn diplomatic news articles into a validated, linked RDF knowledge graph."""
    console.set_level(quiet, verbose)


def _warn_skipped(articles: Path) -> None:
    from kg.load.folders import folders_without_mapping

    for folder in folders_without_mapping(articles):
        console.warn(f"{folder}: no mapping.yaml, so not an article; skipped")


def _run_build(
    articles: Path,
    out: Path | None,
    only: str | None,
    link_opts,
    quiet: bool = False,
    pins: Path | None = None,
    drafts: bool = False,
    jobs: int = 0,
):
    from kg import build
    from kg.build.current import store_dir

    _warn_skipped(articles)
    linker = None
    if link_opts is not None:
        from kg.link import make_linker

        linker = make_linker(**link_opts)
    result = build.build(
        articles,
        out,
        only=only,
        linker=linker,
        store_dir=store_dir(out) if out else None,
        pins_path=pins,
        drafts=drafts,
        mode=_link_mode(link_opts),
        jobs=jobs,
        progress=None if quiet else console.progress,
        fetches=link_opts is not None and not link_opts["offline"],
    )
    for folder in result.drafts:
        if drafts:
            console.warn(f"{folder}: built from an unreviewed mapping.draft.yaml")
        elif not quiet:
            console.warn(
                f"{folder}: found an unreviewed mapping.draft.yaml and did not build it "
                "(review it and rename it to mapping.yaml, or use --drafts)"
            )
    for item in result.articles:
        if not item.report.conforms:
            console.failure(f"{item.slug}: {item.report.text()}")
        elif item.report.findings and not quiet:
            console.diagnostic(f"{item.slug}: {item.report.text()}")
    build.require_conformance(result)
    return result


def _link_mode(link_opts) -> str:
    """The linking options that change what a build writes (for the up-to-date check)."""
    if link_opts is None:
        return "no-link"
    return json.dumps(
        {k: str(v) for k, v in sorted(link_opts.items()) if k in ("offline", "api_url", "cache_dir", "pins_path")}
    )


def _link_options(
    offline: bool,
    cache_dir: Path | None,
    wikidata_api: str | None,
    no_link: bool,
    report: Path | None = None,
    articles: Path = DEFAULT_ARTICLES_DIR,
    pins: Path | None = None,
    contact: str | None = None,
):
    if no_link:
        return None
    return {
        "offline": offline,
        "cache_dir": cache_dir,
        "api_url": wikidata_api,
        "report_path": report,
        "pins_path": pins or corpus_file(articles, "wikidata-pins.yaml"),
        "contact": contact,
    }


@app.command(cls=_Command)
def build(
    article: str | None = typer.Argument(
        None,
        metavar="ARTICLE",
        help="Report only this article (folder name, its path, or slug); the whole corpus is built.",
    ),
    articles: Path = ArticlesOpt,
    out: Path = OutOpt,
    offline: bool = typer.Option(False, "--offline", help="Link from the cache and pins only; no network."),
    no_link: bool = typer.Option(False, "--no-link", help="Skip Wikidata linking."),
    cache_dir: Path | None = CacheOpt,
    wikidata_api: str | None = ApiOpt,
    pins: Path | None = PinsOpt,
    contact: str | None = ContactOpt,
    report: Path | None = typer.Option(
        None, "--link-report", metavar="FILE", help="Also write the link report (JSON, or CSV by extension)."
    ),
    drafts: bool = typer.Option(
        False, "--drafts", help="Also build folders that hold only an unreviewed mapping.draft.yaml."
    ),
    jobs: int = typer.Option(
        0, "--jobs", "-j", metavar="N", min=0, help="Compile and validate on this many processes (0: one per core)."
    ),
    quiet: bool = QuietOpt,
    verbose: bool = VerboseOpt,
):
    """Compile, link, validate and write the graph: one file per named graph in OUT/graphs and the store OUT/store."""
    import time

    from kg.build.current import store_dir
    from kg.util.text import clip

    if no_link and report is not None:
        raise KgError("--link-report writes what linking found, and --no-link skips linking: give one of them")
    started = time.perf_counter()
    result = _run_build(
        articles,
        out,
        article,
        _link_options(offline, cache_dir, wikidata_api, no_link, report, articles, pins, contact),
        quiet=console.level() < 0,
        pins=pins,
        drafts=drafts,
        jobs=jobs,
    )
    if result.unchanged:
        console.summary(
            f"nothing changed since the last build in {out}: inputs and options are the same; "
            f"kept {', '.join(str(p) for p in result.outputs)} and {store_dir(out)}"
        )
        return
    for item in result.articles:
        warnings = sum(1 for f in item.report.findings if f.severity == "Warning")
        covered = item.sentences - len(item.uncovered)
        console.summary(
            f"{item.slug}: {counted(item.triples, 'triple')}, {covered} of {counted(item.sentences, 'sentence')} "
            f"covered, conforms ({counted(warnings, 'warning')})"
        )
        for sentence in item.uncovered:
            short = clip(sentence, 80, "...")
            console.warn(f'{item.slug}: sentence is evidence for no fact: "{short}"')
        for warning in item.warnings:
            console.warn(warning)
    resolution = result.resolution
    shared = resolution.shared_across_articles()
    reused = f" ({result.reused} as the last build left them)" if result.reused else ""
    console.summary(
        f"corpus: {counted(result.article_count, 'article')}{reused}, {counted(len(shared), 'entity')} named in "
        f"several articles (from {counted(sum(len(e.members) for e in shared), 'mapping node')})"
    )
    for label, classes, nodes in resolution.unjoined:
        where = ", ".join(sorted({slug for slug, _ in nodes}))
        console.note(
            f'note: {"/".join(classes)} "{label}" is a separate node in {where}; '
            f"add it to the entity list to make it one entity, or say 'entity: none'"
        )
    if result.link_summary is not None:
        console.summary(str(result.link_summary))
    for path in result.outputs:
        console.summary(f"wrote {path} ({counted(len(result.chunks), 'graph')}, one TriG and one N-Triples file each)")
    if result.outputs:
        console.summary(f"wrote {store_dir(out)} (Oxigraph store)")
    if report is not None:
        console.summary(f"wrote {report}")
    console.detail(f"build took {time.perf_counter() - started:.2f} s")


@app.command(cls=_Command)
def draft(
    path: Path = typer.Argument(
        ...,
        metavar="PATH",
        help="An article text, its folder, or a folder of article folders (those without mapping.yaml).",
    ),
    backend: str = typer.Option(
        "rules",
        "--backend",
        metavar="NAME",
        help="rules (offline, deterministic), llm (KG_LLM_BASE_URL, KG_LLM_MODEL, KG_LLM_API_KEY) "
        "or nlp (a spaCy pipeline, see --model).",
    ),
    model: str | None = typer.Option(
        None, "--model", metavar="NAME", help="The spaCy pipeline of --backend nlp (default: en_core_web_sm)."
    ),
    force: bool = typer.Option(
        False, "--force", help="Replace an existing mapping.draft.yaml (a mapping.yaml is never touched)."
    ),
    report: Path | None = typer.Option(
        None, "--report", metavar="FILE", help="Write what grounding kept, repaired and dropped, and why (JSON)."
    ),
    entities: Path | None = typer.Option(
        None, "--entities", metavar="FILE", help="Corpus entity list (default: entities.yaml in the articles folder)."
    ),
    pins: Path | None = PinsOpt,
    cache_dir: Path | None = typer.Option(
        None, "--cache-dir", envvar="KG_CACHE_DIR", metavar="DIR", help="Wikidata link cache, for known names."
    ),
    offline: bool = typer.Option(
        True,
        "--offline/--online",
        help="--online types the names the back-end could only guess through Wikidata, with the link cache "
        "(default: offline, deterministic).",
    ),
    wikidata_api: str | None = ApiOpt,
    contact: str | None = ContactOpt,
    quiet: bool = QuietOpt,
    verbose: bool = VerboseOpt,
):
    """Draft mapping.draft.yaml next to an article text: an unreviewed mapping, grounded in the text, that builds."""
    from kg.draft import write_drafts

    for option, given in (("--entities", entities), ("--pins", pins)):
        if given is not None and not Path(given).is_file():
            what = "not a file" if Path(given).exists() else "no such file"
            raise KgError(f"{given}: {what} ({option})")

    if model is not None and backend != "nlp":
        raise KgError("--model is for --backend nlp (the llm back-end takes KG_LLM_MODEL)")
    drafts = write_drafts(
        path, backend, force, entities, pins, cache_dir, report, model, not offline, wikidata_api, contact
    )
    for made in drafts:
        counts = made.report_dict()["counts"]
        console.summary(
            f"wrote {made.target} ({counted(counts['kept'], 'node')} kept, {counted(counts['repaired'], 'repair')}, "
            f"{counts['dropped']} dropped)"
        )
    if report is not None:
        console.summary(f"wrote {report}")


@app.command("draft-eval", cls=_Command)
def draft_eval(
    draft_file: Path = typer.Argument(..., metavar="DRAFT", help="A drafted mapping (mapping.draft.yaml)."),
    gold: Path = typer.Argument(..., metavar="GOLD", help="A reviewed mapping of the same text."),
    fmt: str = typer.Option("table", "--format", "-f", metavar="FORMAT", help="table or json."),
    quiet: bool = QuietOpt,
    verbose: bool = VerboseOpt,
):
    """Compare a draft with a reviewed mapping: precision, recall and F1 for entities and claims."""
    import json

    from kg.draft.evaluate import evaluate

    if fmt not in ("table", "json"):
        raise KgError(f"--format must be 'table' or 'json', not '{fmt}'")
    result = evaluate(draft_file, gold)
    console.result(result.table() if fmt == "table" else json.dumps(result.as_dict(), indent=2, ensure_ascii=False))


@app.command(cls=_Command)
def link(
    article: str | None = typer.Argument(
        None, metavar="ARTICLE", help="Link only this article (folder name, its path, or slug)."
    ),
    articles: Path = ArticlesOpt,
    report: Path | None = typer.Option(
        None, "--report", metavar="FILE", help="Write the link report here (JSON, or CSV by extension)."
    ),
    offline: bool = typer.Option(False, "--offline", help="Use only the cache and pins; no network."),
    cache_dir: Path | None = CacheOpt,
    wikidata_api: str | None = ApiOpt,
    pins: Path | None = PinsOpt,
    contact: str | None = ContactOpt,
    quiet: bool = QuietOpt,
    verbose: bool = VerboseOpt,
):
    """Link entities to Wikidata and report what was linked, how, and what was not (writes no graph)."""
    from kg.build import compile_corpus, entity_refs, load_corpus, select
    from kg.link import make_linker

    _warn_skipped(articles)
    linker = make_linker(
        offline=offline,
        cache_dir=cache_dir,
        api_url=wikidata_api,
        report_path=report,
        contact=contact,
        pins_path=pins or corpus_file(articles, "wikidata-pins.yaml"),
    )
    corpus = load_corpus(articles, pins)
    compiled, entities = compile_corpus(corpus)
    if article is not None:
        compiled = select(compiled, article, articles)
        entities = entity_refs(compiled[0].graph, entities)
    summary = linker(compiled, entities, corpus.resolution.entity_list.language)
    console.summary(str(summary))
    if report is not None:
        console.summary(f"wrote {report}")


@app.command(cls=_Command)
def validate(
    file: Path = typer.Argument(
        ..., metavar="FILE", help="An RDF file (Turtle, TriG, N-Triples, N-Quads, RDF/XML, JSON-LD)."
    ),
    report_format: str = typer.Option("text", "--format", metavar="FORMAT", help="Report as 'text' or 'turtle'."),
    input_format: str | None = typer.Option(
        None,
        "--input-format",
        metavar="FORMAT",
        help="The file's syntax: turtle, nt, trig, nquads, json-ld or xml (default: from the extension).",
    ),
    shapes: Path | None = typer.Option(
        None, "--shapes", metavar="FILE", help="Shapes file (default: the shipped shapes)."
    ),
    quiet: bool = QuietOpt,
    verbose: bool = VerboseOpt,
):
    """Validate any RDF file against the shapes, with the ontology's class hierarchy (its rdfs:subClassOf
    triples) added to the data. Exit 1 on violations."""
    from kg.rdf.files import read_graph
    from kg.validate import validate as run_validate

    if report_format not in ("text", "turtle"):
        raise KgError(f"--format must be 'text' or 'turtle', not '{report_format}'")
    data = read_graph(file, input_format)
    if len(data) == 0:
        why = "the file is empty" if not file.read_bytes().strip() else "it holds no triples"
        raise KgError(f"{file}: nothing to validate ({why})")
    shapes_graph = read_graph(shapes, option=None) if shapes is not None else None  # --input-format is the data's
    console.detail(f"validating {counted(len(data), 'triple')}")
    report = run_validate(data, shapes=shapes_graph)
    if report_format == "turtle":
        console.result(report.graph.serialize(format="turtle"), nl=False)
    else:
        console.result(report.text())
    if not report.conforms:
        raise typer.Exit(EXIT_INVALID)


@app.command(cls=_Command)
def export(
    fmt: str | None = typer.Option(
        None,
        "--format",
        "-f",
        metavar="FORMAT",
        help="turtle, nt, trig, nquads, json-ld or xml (default: from the --out extension; turtle on standard output).",
    ),
    output: Path | None = typer.Option(
        None, "--out", "-o", "--output", metavar="FILE", help="Output file (default: standard output)."
    ),
    articles: Path = ArticlesOpt,
    article: str | None = typer.Option(None, "--article", metavar="SLUG", help="Export only this article."),
    offline: bool = typer.Option(True, "--offline/--online", help="Link from cache and pins only (default)."),
    no_link: bool = typer.Option(False, "--no-link", help="Skip Wikidata linking."),
    cache_dir: Path | None = CacheOpt,
    build_dir: Path | None = typer.Option(
        None,
        "--build",
        metavar="DIR",
        help="Write the graph of this build folder (made current first, as kg query does); no build in memory.",
    ),
    quiet: bool = QuietOpt,
    verbose: bool = VerboseOpt,
):
    """Build in memory, or read a build (--build), and write the graph in one RDF syntax, atomically."""
    from kg import export as exporter
    from kg.rdf.formats import get_format, syntax_name

    if fmt is None and output is not None and syntax_name(output) is None:
        raise KgError(f"{output}: cannot tell the RDF syntax from the extension; give --format")
    target = get_format(fmt or (syntax_name(output) if output else None) or "turtle")
    if build_dir is not None:
        if article is not None or no_link or not offline or cache_dir is not None:
            raise KgError(
                "--build writes the build as it is; --article, --online, --no-link and --cache-dir build in memory"
            )
        _export_build(build_dir, articles, target, output)
        return
    result = _run_build(
        articles, None, article, _link_options(offline, cache_dir, None, no_link, None, articles), quiet=True
    )
    chunks = result.chunks if article is None else result.article_chunks(result.articles[0].slug)
    chunks = [(str(name), lines) for name, lines in chunks.items()]
    if output is None:
        console.result_bytes(exporter.serialize_lines(chunks, target))
    else:
        exporter.export_lines(chunks, target, output)
        if target.quads:  # each graph's triples are its quads
            console.summary(
                f"wrote {output} ({target.name}, {counted(sum(len(lines) for _n, lines in chunks), 'quad')})"
            )
        else:  # the union: a triple two graphs state is written once
            triples = len({line for _name, lines in chunks for line in lines})
            console.summary(f"wrote {output} ({target.name}, {counted(triples, 'triple')})")


def _export_build(build_dir: Path, articles: Path, target, output: Path | None) -> None:
    """``kg export --build``: the build's graph files joined into one file (TriG by concatenation, the
    Turtle union by merging the sorted lines), without building anything when the build is current."""
    import shutil
    import sys
    import tempfile

    from kg import export as exporter
    from kg.build.current import graph_files

    _ensure_build(build_dir, articles)
    files = graph_files(build_dir)
    if output is None:
        with tempfile.TemporaryDirectory(prefix="kg-export-") as scratch:
            written = Path(scratch) / "graph"
            exporter.export_files(files, target, written)
            sys.stdout.flush()
            with open(written, "rb") as handle:
                shutil.copyfileobj(handle, sys.stdout.buffer)
            sys.stdout.buffer.flush()
        return
    exporter.export_files(files, target, output)
    console.summary(f"wrote {output} ({target.name}, {counted(len(files), 'graph')} of {build_dir})")


@app.command(cls=_Command)
def query(
    query_spec: str | None = typer.Argument(
        None, metavar="QUERY", help="Inline SPARQL, a .rq file, a library query name, or - (standard input)."
    ),
    list_: bool = typer.Option(False, "--list", help="List the query library with each query's question."),
    all_: bool = typer.Option(False, "--all", help="Run every library query."),
    fmt: str = typer.Option(
        "table",
        "--format",
        "-f",
        metavar="FORMAT",
        help="SELECT/ASK: table, csv, tsv, json, xml. CONSTRUCT: turtle, nt.",
    ),
    output: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        metavar="FILE",
        help="Write the results here, atomically (with --all and csv/tsv/xml: a folder, one file per query).",
    ),
    width: int | None = typer.Option(
        None,
        "--width",
        metavar="COLUMNS",
        help="Table lines at most this wide (default: the terminal's; 0 or piped: cells in full).",
    ),
    params: list[str] = typer.Option([], "--param", "-p", metavar="NAME=VALUE", help="Bind a variable (repeatable)."),
    data: list[Path] = typer.Option(
        [], "--data", metavar="FILE", help="Query these RDF files instead of the built store."
    ),
    endpoint: str | None = typer.Option(
        None,
        "--endpoint",
        envvar="KG_ENDPOINT",
        metavar="URL",
        help="Query a remote store (base URL or SPARQL endpoint).",
    ),
    layout: str | None = typer.Option(
        None,
        "--layout",
        metavar="LAYOUT",
        help="Store layout: oxigraph, fuseki, virtuoso, graphdb, generic (default: guessed from the URL).",
    ),
    query_url: str | None = typer.Option(None, "--query-url", metavar="URL", help="Override the query endpoint URL."),
    timeout: float = TimeoutOpt,
    article_scope: list[str] = typer.Option(
        [],
        "--article",
        metavar="SLUG",
        help="Query only this article's graph (repeatable), plus the corpus entity graph and the ontology.",
    ),
    graph: list[str] = typer.Option(
        [], "--graph", metavar="IRI", help="Use this named graph as (part of) the default graph (repeatable)."
    ),
    out: Path = OutOpt,
    articles: Path = ArticlesOpt,
    quiet: bool = QuietOpt,
    verbose: bool = VerboseOpt,
):
    """Run SPARQL on the built graph (embedded Oxigraph store), on RDF files, or on an endpoint.

    The default graph is the union of all graphs; --article or --graph narrow it (SPARQL default-graph-uri).
    """
    from kg.query.command import run

    code = run(
        query_spec,
        list_,
        all_,
        fmt,
        output,
        width,
        params,
        data,
        endpoint,
        layout,
        query_url,
        timeout,
        article_scope,
        graph,
        out,
        articles,
        _ensure_build,
    )
    if code:
        raise typer.Exit(code)


@app.command(cls=_Command)
def push(
    endpoint: str = typer.Option(
        ...,
        "--endpoint",
        envvar="KG_ENDPOINT",
        metavar="URL",
        help="The store's base URL (Oxigraph root, Fuseki dataset, Virtuoso /sparql, GraphDB repository).",
    ),
    layout: str | None = typer.Option(
        None, "--layout", metavar="LAYOUT", help="oxigraph, fuseki, virtuoso, graphdb or generic (default: guessed)."
    ),
    query_url: str | None = typer.Option(None, "--query-url", metavar="URL", help="Override the query endpoint."),
    update_url: str | None = typer.Option(None, "--update-url", metavar="URL", help="Override the update endpoint."),
    gsp_url: str | None = typer.Option(
        None, "--gsp-url", metavar="URL", help="Override the Graph Store Protocol endpoint."
    ),
    method: str = typer.Option(
        "auto", "--method", metavar="METHOD", help="auto (GSP PUT, else SPARQL Update), gsp or update."
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Only say which graphs would be sent or dropped, and why."),
    full: bool = typer.Option(False, "--full", help="Send every graph, whatever the last push recorded."),
    verify: bool = typer.Option(
        False, "--verify", help="Count every graph in the store first and send those that differ from the record."
    ),
    timeout: float = typer.Option(60.0, "--timeout", metavar="SECONDS", help="Seconds to wait for each request."),
    out: Path = OutOpt,
    articles: Path = ArticlesOpt,
    quiet: bool = QuietOpt,
    verbose: bool = VerboseOpt,
):
    """Bring a remote store to the build: send each new or changed named graph, drop removed ones.

    What the last push to the endpoint sent is recorded in the build folder, so unchanged graphs are not
    sent again; each pushed graph is counted in the store afterwards, and a push the store does not confirm
    fails.
    """
    from kg.push import push as run_push
    from kg.push.record import PushRecord
    from kg.push.send import check_method
    from kg.push.source import build_graphs
    from kg.query.remote import Endpoint
    from kg.util.outputs import STATE
    from kg.util.redact import redact_url

    remote = Endpoint.from_base(
        endpoint, timeout=timeout, layout=layout, query_url=query_url, update_url=update_url, gsp_url=gsp_url
    )
    console.detail(
        f"store: query {redact_url(remote.query_url)}, update {redact_url(remote.update_url or '-')}, "
        f"graph store {redact_url(remote.gsp_url or '-')}"
    )
    check_method(remote, method)
    _ensure_build(out, articles)  # push reads the build's graph files, not the embedded store
    source = build_graphs(Path(out))
    record = PushRecord.load(
        Path(out) / STATE / "push", [remote.query_url, remote.update_url or "", remote.gsp_url or ""]
    )
    result = run_push(remote, source, record, method=method, dry_run=dry_run, full=full, verify=verify)
    if result.unverified_reason:
        console.warn(f"cannot ask the store to count its graphs, so nothing is verified ({result.unverified_reason})")
    if dry_run:
        for item in result.planned:
            if item.reason != "unchanged":
                console.result(str(item))
        console.summary(
            f"{counted(len(result.to_send), 'graph')} to send, {result.unchanged} unchanged, "
            f"{sum(p.reason == 'removed' for p in result.planned)} to drop"
        )
        return
    for name, triples in result.pushed.items():
        check = "verified by count" if result.verified.get(name) else "not verified"
        console.detail(f"pushed <{name}> ({counted(triples, 'triple')}, {result.method[name]}, {check})")
    for name in result.removed:
        console.detail(f"dropped <{name}> (no longer in the build)")
    verified = sum(result.verified.values())
    check = "verified by count" if verified == len(result.pushed) else f"{verified} verified by count"
    sent = f"pushed {counted(len(result.pushed), 'graph')}, {counted(sum(result.pushed.values()), 'triple')} ({check})"
    dropped = f", dropped {len(result.removed)}" if result.removed else ""
    console.summary(
        f"{sent if result.pushed else 'nothing to push'}{dropped}; {result.unchanged} unchanged; "
        f"{counted(result.requests, 'request')} to {redact_url(endpoint)}"
    )


@app.command(cls=_Command)
def site(
    out: Path | None = typer.Option(None, "--out", metavar="DIR", help="Site folder (default: BUILD/site)."),
    build_dir: Path = typer.Option(DEFAULT_OUT_DIR, "--build", metavar="DIR", help="Build folder whose store is read."),
    articles: Path = ArticlesOpt,
    serve: bool = typer.Option(False, "--serve", help="Then serve the site on 127.0.0.1 until interrupted."),
    port: int | None = typer.Option(
        None, "--port", metavar="N", min=0, max=65535, help="Port for --serve (0: any free port; default 8000)."
    ),
    quiet: bool = QuietOpt,
    verbose: bool = VerboseOpt,
):
    """Write a static site of the built graph: articles with their evidence highlighted, entities, the ontology."""
    from kg.render import build_site
    from kg.util.paths import check_apart

    if port is not None and not serve:
        raise KgError("--port is the port of --serve; give --serve too (or leave --port out)")
    target = out if out is not None else Path(build_dir) / "site"
    check_apart(articles, out, "the site")  # the default, BUILD/site, is as apart as the build
    result = build_site(_current_store(build_dir, articles), target)
    console.summary(
        f"wrote {target} ({counted(result.articles, 'article')}, {counted(result.claims, 'claim')}, "
        f"{counted(result.entities, 'entity')}; {counted(result.files, 'file')}, {result.bytes / 1024:.0f} KiB); "
        f"open {target / 'index.html'}"
    )
    if serve:
        from kg.render.serve import serve as serve_site

        serve_site(
            target,
            8000 if port is None else port,
            lambda host, bound: console.summary(f"serving {target} at http://{host}:{bound}/ (Ctrl-C to stop)"),
        )


def _current_store(out: Path, articles: Path):
    """The embedded store, after making sure the build it comes from is current."""
    from kg.build.current import open_store

    return open_store(out, _ensure_build(out, articles))


def _ensure_build(out: Path, articles: Path) -> Path:
    """The build's graphs file, rebuilt offline first when it is missing or older than its inputs."""
    from kg.build.current import ensure

    return ensure(out, articles, lambda: rebuild_offline(out, articles))


def rebuild_offline(out: Path, articles: Path) -> None:
    """The rebuild of a build older than its inputs, before a command reads it (offline linking)."""
    _run_build(articles, out, None, _link_options(True, None, None, False, None, articles), quiet=True)


def _click_exception(exc: Exception):
    """typer vendors click; find its exception base class without importing private modules."""
    return next((c for c in type(exc).__mro__ if c.__name__ == "ClickException"), None)


def os_error_line(exc: OSError) -> str:
    """An error of the file system (a file the user cannot read, a symbolic link that loops, a folder
    that is not writable, a full disk) as one line: the path and the system's reason. Each stage reads
    and writes many files, and any of them can meet such an error; the user can fix every one of them,
    so none deserves a traceback."""
    reason = exc.strerror or " ".join(str(exc).split()) or type(exc).__name__
    names = [str(name) for name in (exc.filename, exc.filename2) if name is not None]
    return f"{' -> '.join(names)}: {reason}" if names else reason


def main() -> None:
    import logging

    # rdflib logs a warning for each odd IRI it meets ("does not look like a valid URI"), without kg's
    # prefix and once per use; what matters of such data reaches the user as kg's own findings or errors
    logging.getLogger("rdflib").setLevel(logging.ERROR)
    try:
        code = app(standalone_mode=False, prog_name="kg")
        if code == 130:  # typer turns Ctrl-C into a silent exit code 130; no kg command returns it
            console.error("interrupted")
        sys.exit(code if isinstance(code, int) else 0)
    except KgError as exc:
        console.error(str(exc))
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        console.error("aborted")
        sys.exit(130)
    except KeyboardInterrupt:
        console.error("interrupted")
        sys.exit(130)
    except (BrokenPipeError, console.OutputClosed):  # `kg query ... | head`: the reader left, as with head
        import os

        if sys.stdout is not None:  # Python's last flush must not fail again (as the Python docs advise)
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except OSError as exc:  # the system refused a file kg was told to use: one line, as for any bad input
        console.error(os_error_line(exc))
        sys.exit(EXIT_BAD_INPUT)
    except Exception as exc:  # usage errors arrive here in non-standalone mode
        if _click_exception(exc) is None:
            raise
        if type(exc).__name__ == "NoArgsIsHelpError":  # bare `kg` or a group without its command
            typer.echo(getattr(exc, "ctx").get_help(), err=True)  # noqa: B009 (click's, not typed here)
            sys.exit(EXIT_BAD_INPUT)
        console.error(getattr(exc, "format_message")())  # noqa: B009
        sys.exit(getattr(exc, "exit_code", EXIT_BAD_INPUT))
