"""The ``kg`` command line: a thin layer over the pipeline stages.

Heavy libraries (rdflib, pySHACL, pyoxigraph) are imported inside the commands, so ``kg --help``
stays fast. Every user-caused failure is a ``KgError``: one line on stderr and exit code 2 (bad
input) or 1 (the data does not conform), never a traceback.
"""

import sys
from pathlib import Path
from typing import Optional

import typer

from kg.errors import EXIT_INVALID, KgError
from kg.paths import DEFAULT_ARTICLES_DIR, DEFAULT_OUT_DIR

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Turn diplomatic news articles into a validated, linked RDF knowledge graph.")

ArticlesOpt = typer.Option(DEFAULT_ARTICLES_DIR, "--articles", help="Folder of article folders.")
OutOpt = typer.Option(DEFAULT_OUT_DIR, "--out", help="Output folder (kg.ttl, kg.trig, store/).")


def _echo_err(message: str) -> None:
    typer.echo(message, err=True)


def _store_dir(out: Path) -> Path:
    """``KG_STORE`` places the embedded store elsewhere; by default it sits in the output folder."""
    import os

    return Path(os.environ["KG_STORE"]) if os.environ.get("KG_STORE") else Path(out) / "store"


def _inputs_marker(out: Path) -> Path:
    return Path(out) / "kg.inputs.sha256"


def _run_build(articles: Path, out: Optional[Path], only: Optional[str], link_opts, quiet: bool = False,
               pins: Optional[Path] = None):
    from kg import atomic, build, inputs

    linker = None
    if link_opts is not None:
        from kg.link import make_linker

        linker = make_linker(**link_opts)
    result = build.build(articles, out, only=only, linker=linker, store_dir=_store_dir(out) if out else None,
                         pins_path=pins)
    for item in result.articles:
        if not item.report.conforms or (item.report.findings and not quiet):
            _echo_err(f"{item.slug}: {item.report.text()}")
    build.require_conformance(result)
    if out is not None and only is None:
        atomic.write_text(_inputs_marker(out), inputs.fingerprint(articles) + "\n")
    return result


def _link_options(offline: bool, cache_dir: Optional[Path], wikidata_api: Optional[str], no_link: bool,
                  report: Optional[Path] = None, articles: Path = DEFAULT_ARTICLES_DIR, pins: Optional[Path] = None,
                  contact: Optional[str] = None):
    if no_link:
        return None
    return {"offline": offline, "cache_dir": cache_dir, "api_url": wikidata_api, "report_path": report,
            "pins_path": pins or Path(articles) / "wikidata-pins.yaml", "contact": contact}


@app.command()
def build(
    article: Optional[str] = typer.Argument(None, help="Build only this article (folder name or slug)."),
    articles: Path = ArticlesOpt,
    out: Path = OutOpt,
    offline: bool = typer.Option(False, "--offline", help="Link from the cache and pins only; no network."),
    no_link: bool = typer.Option(False, "--no-link", help="Skip Wikidata linking."),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", envvar="KG_CACHE_DIR", help="Wikidata cache folder."),
    wikidata_api: Optional[str] = typer.Option(None, "--wikidata-api", envvar="KG_WIKIDATA_API", help="MediaWiki action API URL."),
    pins: Optional[Path] = typer.Option(None, "--pins", envvar="KG_PINS", help="Curated link file (default ARTICLES/wikidata-pins.yaml)."),
    contact: Optional[str] = typer.Option(None, "--contact", envvar="KG_CONTACT", help="Contact URL or e-mail for the User-Agent."),
    report: Optional[Path] = typer.Option(None, "--link-report", help="Also write the link report (JSON, or CSV by extension)."),
):
    """Compile, link, validate and write the graph: OUT/kg.ttl, OUT/kg.trig and the store OUT/store."""
    result = _run_build(articles, out, article, _link_options(offline, cache_dir, wikidata_api, no_link, report, articles, pins, contact),
                        pins=pins)
    for item in result.articles:
        warnings = sum(1 for f in item.report.findings if f.severity == "Warning")
        covered = item.sentences - len(item.uncovered)
        typer.echo(f"{item.slug}: {item.triples} triples, {covered} of {item.sentences} sentences covered, conforms ({warnings} warnings)")
        for sentence in item.uncovered:
            short = sentence if len(sentence) <= 80 else sentence[:77] + "..."
            _echo_err(f"kg: warning: {item.slug}: sentence is evidence for no fact: \"{short}\"")
        for warning in item.warnings:
            _echo_err(f"kg: warning: {warning}")
    resolution = result.resolution
    shared = resolution.shared_across_articles()
    typer.echo(f"corpus: {result.article_count} articles, "
               f"{len(shared)} entities named in several articles (from {sum(len(e.members) for e in shared)} mapping nodes)")
    for label, classes, nodes in resolution.unjoined:
        where = ", ".join(sorted({slug for slug, _ in nodes}))
        _echo_err(f"kg: note: {'/'.join(classes)} \"{label}\" is a separate node in {where}; "
                  f"add it to the entity list to make it one entity, or say 'entity: none'")
    if result.link_summary is not None:
        typer.echo(str(result.link_summary))
    for path in result.outputs:
        typer.echo(f"wrote {path}")


@app.command()
def link(
    article: Optional[str] = typer.Argument(None, help="Link only this article (folder name or slug)."),
    articles: Path = ArticlesOpt,
    report: Optional[Path] = typer.Option(None, "--report", help="Write the link report here (JSON, or CSV by extension)."),
    offline: bool = typer.Option(False, "--offline", help="Use only the cache and pins; no network."),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", envvar="KG_CACHE_DIR", help="Wikidata cache folder."),
    wikidata_api: Optional[str] = typer.Option(None, "--wikidata-api", envvar="KG_WIKIDATA_API", help="MediaWiki action API URL."),
    pins: Optional[Path] = typer.Option(None, "--pins", envvar="KG_PINS", help="Curated link file."),
    contact: Optional[str] = typer.Option(None, "--contact", envvar="KG_CONTACT", help="Contact for the User-Agent."),
):
    """Link entities to Wikidata and report what was linked, how, and what was not (writes no graph)."""
    from kg.build import compile_corpus, entity_refs, load_corpus, select
    from kg.link import make_linker

    linker = make_linker(offline=offline, cache_dir=cache_dir, api_url=wikidata_api, report_path=report,
                         contact=contact, pins_path=pins or Path(articles) / "wikidata-pins.yaml")
    corpus = load_corpus(articles, pins)
    compiled, entities = compile_corpus(corpus)
    if article is not None:
        compiled = select(compiled, article, articles)
        entities = entity_refs(compiled[0].graph, entities)
    summary = linker(compiled, entities, corpus.resolution.entity_list.language)
    typer.echo(str(summary))
    if report is not None:
        typer.echo(f"wrote {report}")


@app.command()
def validate(
    file: Path = typer.Argument(..., help="An RDF file (Turtle, TriG, N-Triples, N-Quads, RDF/XML, JSON-LD)."),
    report_format: str = typer.Option("text", "--format", help="Report as 'text' or 'turtle'."),
    shapes: Optional[Path] = typer.Option(None, "--shapes", help="Shapes file (default: the shipped shapes)."),
):
    """Validate any RDF file against the shapes, with the ontology as ont_graph. Exit 1 on violations."""
    from kg.export import format_for_path
    from kg.validate import validate as run_validate

    from rdflib import Dataset, Graph

    if report_format not in ("text", "turtle"):
        raise KgError(f"--format must be 'text' or 'turtle', not '{report_format}'")
    if not file.is_file():
        raise KgError(f"{file}: no such file")
    fmt = format_for_path(file)
    data = Graph()
    try:
        if fmt.quads:
            ds = Dataset()
            ds.parse(file, format=fmt.rdflib_name)
            for quad in ds.quads():
                data.add(quad[:3])
        else:
            data.parse(file, format=fmt.rdflib_name)
    except Exception as exc:  # rdflib parsers raise assorted types
        raise KgError(f"{file}: cannot parse as {fmt.name}: {exc}") from None
    shapes_graph = None
    if shapes is not None:
        try:
            shapes_graph = Graph().parse(shapes)
        except Exception as exc:
            raise KgError(f"{shapes}: cannot parse shapes: {exc}") from None
    report = run_validate(data, shapes=shapes_graph)
    if report_format == "turtle":
        typer.echo(report.graph.serialize(format="turtle"))
    else:
        typer.echo(report.text())
    if not report.conforms:
        raise typer.Exit(EXIT_INVALID)


@app.command()
def export(
    fmt: str = typer.Option("turtle", "--format", "-f", help="turtle, nt, trig, nquads, json-ld or xml."),
    output: Optional[Path] = typer.Option(None, "--out", "-o", help="Output file (default: standard output)."),
    articles: Path = ArticlesOpt,
    article: Optional[str] = typer.Option(None, "--article", help="Export only this article."),
    offline: bool = typer.Option(True, "--offline/--online", help="Link from cache and pins only (default)."),
    no_link: bool = typer.Option(False, "--no-link", help="Skip Wikidata linking."),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", envvar="KG_CACHE_DIR"),
):
    """Build in memory and write the graph in one RDF syntax, atomically."""
    from kg import export as exporter

    target = exporter.get_format(fmt)
    result = _run_build(articles, None, article, _link_options(offline, cache_dir, None, no_link, None, articles), quiet=True)
    graphs = result.graphs if article is None else result.article_graphs(result.articles[0].slug)
    if output is None:
        sys.stdout.buffer.write(exporter.serialize(graphs, target))
    else:
        exporter.export(graphs, target, output)
        typer.echo(f"wrote {output} ({target.name}, {sum(len(g) for g in graphs.values())} triples)", err=True)


@app.command()
def query(
    query_spec: Optional[str] = typer.Argument(None, metavar="QUERY", help="Inline SPARQL, a .rq file, or a library query name."),
    list_: bool = typer.Option(False, "--list", help="List the query library with each query's question."),
    all_: bool = typer.Option(False, "--all", help="Run every library query."),
    fmt: str = typer.Option("table", "--format", "-f", help="SELECT/ASK: table, csv, tsv, json, xml. CONSTRUCT: turtle, nt."),
    params: list[str] = typer.Option([], "--param", "-p", help="Bind a variable: name=value (repeatable)."),
    data: list[Path] = typer.Option([], "--data", help="Query these RDF files instead of the built store."),
    endpoint: Optional[str] = typer.Option(None, "--endpoint", envvar="KG_ENDPOINT", help="Query a remote store (base URL or SPARQL endpoint)."),
    layout: Optional[str] = typer.Option(None, "--layout", help="Store layout: oxigraph, fuseki, virtuoso, graphdb, generic (default: guessed from the URL)."),
    query_url: Optional[str] = typer.Option(None, "--query-url", help="Override the query endpoint URL."),
    timeout: float = typer.Option(30.0, "--timeout", help="Seconds to wait for a remote endpoint."),
    article_scope: list[str] = typer.Option([], "--article", help="Query only this article's graph (slug; repeatable), plus the ontology."),
    graph: list[str] = typer.Option([], "--graph", help="Use this named graph as (part of) the default graph (repeatable)."),
    out: Path = OutOpt,
    articles: Path = ArticlesOpt,
):
    """Run SPARQL on the built graph (embedded Oxigraph store), on RDF files, or on an endpoint.

    The default graph is the union of all graphs; --article or --graph narrow it (SPARQL default-graph-uri).
    """
    from kg.query import WRITERS, list_queries, parse_param, resolve

    if list_:
        for q in list_queries():
            typer.echo(f"{q.name}\t{q.question}")
        return
    bound = dict(parse_param(p) for p in params)
    questions = {q.name: q.question for q in list_queries()}
    if all_:
        specs = list(questions)
    elif query_spec:
        specs = [query_spec]
    else:
        raise KgError("give a QUERY (inline, file or library name), or --list, or --all")
    if fmt not in WRITERS and fmt not in ("turtle", "nt"):
        raise KgError(f"unknown --format '{fmt}'; choose table, csv, tsv, json, xml, turtle or nt")
    scope = _scope(article_scope, graph)
    runner = _query_runner(data, endpoint, timeout, out, articles, layout, query_url, scope)
    exit_code = 0
    for spec in specs:
        text, label = resolve(spec)
        result = runner(text, bound, label)
        if all_:
            typer.echo(f"== {spec}: {questions[spec]}")
        exit_code = max(exit_code, _print_result(result, fmt))
    if exit_code:
        raise typer.Exit(exit_code)


def _scope(article_slugs: list[str], graphs: list[str]) -> list[str] | None:
    from kg.namespaces import ENTITIES_GRAPH, ONTOLOGY_IRI, graph_iri

    if not article_slugs and not graphs:
        return None
    scope = [str(graph_iri(s)) for s in article_slugs] + list(graphs)
    if article_slugs:
        # an article's claims point at corpus entities: their labels and classes come along
        scope += [str(ENTITIES_GRAPH), str(ONTOLOGY_IRI)]
    return scope


def _query_runner(data, endpoint, timeout, out, articles, layout=None, query_url=None, scope=None):
    if endpoint and data:
        raise KgError("use either --data or --endpoint, not both")
    if endpoint:
        from kg.remote import Endpoint

        remote = Endpoint.from_base(endpoint, timeout=timeout, layout=layout, query_url=query_url)
        return lambda text, bound, label: remote.query(text, bound, label, scope)
    from kg.query import load_files, run_local

    if data:
        for path in data:
            if not path.is_file():
                raise KgError(f"{path}: no such file")
        store = load_files(data)
    else:
        store = _current_store(out, articles)
    for name in scope or []:
        import pyoxigraph as ox

        from kg.namespaces import ENTITIES_GRAPH

        if name != str(ENTITIES_GRAPH) and not store.contains_named_graph(ox.NamedNode(name)):
            raise KgError(f"no graph <{name}> in the store (see 'kg query --list' and the article slugs printed by 'kg build')")
    return lambda text, bound, label: run_local(store, text, bound, label, scope)


@app.command()
def push(
    endpoint: str = typer.Option(..., "--endpoint", envvar="KG_ENDPOINT", help="The store's base URL (Oxigraph root, Fuseki dataset, Virtuoso /sparql, GraphDB repository)."),
    layout: Optional[str] = typer.Option(None, "--layout", help="oxigraph, fuseki, virtuoso, graphdb or generic (default: guessed)."),
    query_url: Optional[str] = typer.Option(None, "--query-url", help="Override the query endpoint."),
    update_url: Optional[str] = typer.Option(None, "--update-url", help="Override the update endpoint."),
    gsp_url: Optional[str] = typer.Option(None, "--gsp-url", help="Override the Graph Store Protocol endpoint."),
    method: str = typer.Option("auto", "--method", help="auto (GSP PUT, else SPARQL Update), gsp or update."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Only say which graphs would change and by how many triples."),
    timeout: float = typer.Option(60.0, "--timeout", help="Seconds to wait for each request."),
    out: Path = OutOpt,
    articles: Path = ArticlesOpt,
):
    """Replace each article's named graph, and the ontology's graph, in a remote store."""
    from kg.push import push as run_push
    from kg.remote import Endpoint

    remote = Endpoint.from_base(endpoint, timeout=timeout, layout=layout, query_url=query_url, update_url=update_url, gsp_url=gsp_url)
    _ensure_build(out, articles)  # push reads the TriG, not the embedded store
    graphs = _built_graphs(out)
    result = run_push(remote, graphs, method=method, dry_run=dry_run)
    if dry_run:
        for change in result.changes:
            typer.echo(str(change))
        return
    for name, graph in sorted(graphs.items()):
        typer.echo(f"pushed <{name}> ({len(graph)} triples, {result.method[str(name)]})")


def _built_graphs(out: Path) -> dict:
    """The article graphs of the last build plus the ontology graph, as rdflib graphs."""
    from rdflib import Dataset, Graph

    from kg.compile import load_ontology_graph
    from kg.namespaces import ONTOLOGY_IRI

    ds = Dataset()
    ds.parse(Path(out) / "kg.trig", format="trig")
    graphs = {}
    for graph in ds.graphs():
        if len(graph) and str(graph.identifier).startswith("https://w3id.org/diplokg/graph/"):
            copy = Graph()
            for triple in graph:
                copy.add(triple)
            graphs[graph.identifier] = copy
    graphs[ONTOLOGY_IRI] = load_ontology_graph()
    return graphs


def _current_store(out: Path, articles: Path):
    """Open the embedded store, after making sure the build it comes from is current."""
    from kg import store

    return store.open_current(_store_dir(out), _ensure_build(out, articles))


def _ensure_build(out: Path, articles: Path) -> Path:
    """The built TriG, rebuilt first if it is missing or the inputs changed since the last build."""
    from kg import inputs

    marker = _inputs_marker(out)
    trig = Path(out) / "kg.trig"
    if not trig.is_file() or not marker.is_file() or (
        articles.is_dir() and marker.read_text().strip() != inputs.fingerprint(articles)
    ):
        if not articles.is_dir():
            raise KgError(f"{trig}: no built graph and no {articles} folder; run 'kg build' first")
        _echo_err("kg: the build is missing or older than its inputs; rebuilding (offline linking)")
        _run_build(articles, out, None, _link_options(True, None, None, False, None, articles), quiet=True)
    return trig


def _print_result(result, fmt: str) -> int:
    from kg.query import WRITERS

    if result.kind == "graph":
        if fmt in ("turtle", "table"):
            from rdflib import Graph

            from kg.namespaces import bind_prefixes

            graph = Graph()
            bind_prefixes(graph)
            graph.parse(data=result.graph.decode("utf-8"), format="nt")
            typer.echo(graph.serialize(format="turtle"), nl=False)
        else:
            sys.stdout.write(result.graph.decode("utf-8"))
        return 0
    if fmt in ("turtle", "nt"):
        raise KgError(f"--format {fmt} is for CONSTRUCT and DESCRIBE queries")
    typer.echo(WRITERS[fmt](result), nl=False)
    if result.kind == "ask":
        return 0 if result.boolean else EXIT_INVALID
    return 0


def main() -> None:
    try:
        code = app(standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except KgError as exc:
        _echo_err(f"kg: error: {exc}")
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        _echo_err("kg: aborted")
        sys.exit(130)
    except KeyboardInterrupt:
        _echo_err("kg: interrupted")
        sys.exit(130)
    except Exception as exc:  # usage errors arrive here in non-standalone mode
        click_error = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")
        if isinstance(exc, click_error):
            _echo_err(f"kg: error: {exc.format_message()}")
            sys.exit(exc.exit_code)
        raise
