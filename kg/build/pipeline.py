"""The pipeline: load every article, resolve entities across the corpus, compile, link, validate, then
export and store.

Each article is compiled, linked and validated as its own named graph (with the part of the corpus
entity graph it refers to), and kept (``kg.build.units``) so that the next build redoes only what
changed; articles stream through as sorted N-Triples lines, so a corpus is never held as rdflib graphs
all at once. Outputs are written only when every article conforms, so a failed build never leaves a
half-written graph behind.
"""

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path

from rdflib import Graph, URIRef

from kg import __version__, store
from kg import validate as validation
from kg.build import current, inputs, summary
from kg.build.corpus import compile_one, corpus_resolver, join, select
from kg.build.finish import Finisher, Task, made
from kg.build.result import ArticleResult, BuildResult
from kg.build.units import FORMAT, CompiledUnit, Sidecar, Units, compile_key, corpus_salt, digest
from kg.compile.coverage import uncovered_sentences
from kg.compile.entities import closures
from kg.compile.references import claims_of, references_of
from kg.core.errors import EXIT_INVALID, KgError
from kg.core.namespaces import ENTITIES_GRAPH, entity_iri, graph_iri
from kg.link.linker import result_from_json
from kg.load import articles_in, load_article, unreviewed
from kg.rdf import ntriples
from kg.rdf.graphstore import release
from kg.resolve import ENTITIES_FILE, Contribution, Resolver
from kg.util import atomic, parallel
from kg.util.outputs import OutputSet
from kg.validate import Memo, Report


# -- the build ---------------------------------------------------------------------------------------
def build(
    articles_dir: Path,
    out_dir: Path | None,
    only: str | None = None,
    linker=None,
    store_dir: Path | None = None,
    pins_path: Path | None = None,
    drafts: bool = False,
    mode: str = "",
    jobs: int = 1,
    progress=None,
    fetches: bool = False,
) -> BuildResult:
    """Build the whole corpus. ``only`` names the article to report on; the output is always the corpus.

    ``linker`` (a ``kg.link.LinkStage``) adds Wikidata links before validation; ``drafts`` also builds
    folders that hold only an unreviewed ``mapping.draft.yaml``. With ``out_dir``, the build holds the
    folder's lock, skips all work when nothing it reads changed since the last build (``mode``
    describes the options that change the output, such as linking; ``fetches`` says the linker may ask
    Wikidata, so a last build that lacked answers is redone), reuses every article whose inputs did
    not change, and switches the output set (Turtle, TriG, store) as one step. ``jobs`` links (when
    linking cannot ask Wikidata) and validates articles on that many processes.
    """
    _check_apart(Path(articles_dir), out_dir)
    if out_dir is None:
        return _build(articles_dir, only, linker, pins_path, drafts, jobs, progress, Units(None), None, mode, fetches)
    outputs = OutputSet(out_dir)
    with outputs.lock():
        digests = inputs.Digests(outputs.state / "digests.json")
        fingerprint, inputs_record = inputs.take(articles_dir, digests)  # what the build reads, before it reads it
        key = build_key(fingerprint, pins_path, drafts, mode)
        previous = outputs.current()
        if previous is not None and only is None and _unchanged(previous, key, linker, fetches):
            digests.save()
            return BuildResult(unchanged=True, outputs=[Path(out_dir) / current.GRAPHS_DIR])
        units, memo = Units(outputs.state / "units"), Memo(outputs.state / "validated")
        result = _build(
            articles_dir, only, linker, pins_path, drafts, jobs, progress, units, memo, mode, fetches, digests
        )
        digests.save()
        units.prune()
        memo.prune()
        if not result.conforms:
            return result
        graphs = result.digests
        with outputs.new_generation() as (folder, switched):
            _link_graphs(folder, result, units)
            atomic.write_text(folder / current.GRAPHS_FILE, current.graphs_record(store.ontology_digest(), graphs))
            # issue 23: the corpus counts (kg/build/summary.py), beside the graphs file; the store loads them
            summary.write(folder, outputs.state, result.digests, result.chunks)
            # KG_STORE: a store outside the output set, loaded from the new graphs once they are switched in
            elsewhere = None if store_dir is None or Path(store_dir) == Path(out_dir) / "store" else Path(store_dir)
            if elsewhere is None:
                _write_store(folder, previous, graphs, result.chunks)
            atomic.write_text(folder / current.INPUTS_FILE, inputs_record)
            complete = result.link_summary is None or not result.link_summary.lacks_answers
            atomic.write_text(
                folder / current.KEY_FILE,
                json.dumps(
                    {
                        "key": key,
                        "links_complete": complete,
                        "reads": result.reads,
                        "articles": result.article_count,
                        "articles_dir": str(Path(articles_dir).resolve()),
                    }
                )
                + "\n",
            )
            outputs.switch(folder, switched)
        if elsewhere is not None:
            graphs_file = Path(out_dir) / current.GRAPHS_FILE
            store.load(elsewhere, [g.trig for g in current.graph_files(Path(out_dir))], graphs_file)
        result.outputs = [Path(out_dir) / current.GRAPHS_DIR]
        return result


def _link_graphs(folder: Path, result: BuildResult, units: Units) -> None:
    """Each graph's files (``graphs/<slug>.trig`` and ``.nt``) into the new set: hard links to the
    kept records, which are never written again, so an unchanged graph costs two links and no bytes,
    and the files of the set before are left as they were."""
    target = folder / current.GRAPHS_DIR
    target.mkdir()
    for name, record in sorted(result.records.items()):
        stem = current.file_stem(name)
        units.link(record, "trig", target / f"{stem}.trig")
        units.link(record, "lines", target / f"{stem}.nt")


def _check_apart(articles_dir: Path, out_dir: Path | None) -> None:
    """Outputs inside the articles folder would be read as inputs by the next build (and the fingerprint
    of what a build reads would change with every build)."""
    if out_dir is None:
        return
    articles, out = articles_dir.resolve(), Path(out_dir).resolve()
    if out == articles or articles in out.parents:
        raise KgError(f"--out {out_dir} is inside --articles {articles_dir}; write the build to another folder")


def _write_store(
    folder: Path, previous: Path | None, graphs: dict[str, str], chunks: Mapping[URIRef, list[str]]
) -> None:
    """The new set's store: the previous set's store with the changed graphs replaced, when there is
    one built with the same ontology; else loaded from the new graph files."""
    if previous is not None and _update_store(folder, previous, graphs, chunks):
        return
    documents = [folder / current.GRAPHS_DIR / f"{current.file_stem(name)}.trig" for name in sorted(graphs)]
    store.load(folder / "store", documents, folder / current.GRAPHS_FILE)


def _update_store(folder: Path, previous: Path, graphs: dict[str, str], chunks: Mapping[URIRef, list[str]]) -> bool:
    """Whether the previous set's store, built with the same ontology, took the changed graphs; a store
    most of whose graphs changed is not updated (loading it whole is quicker)."""
    try:
        before = json.loads((previous / current.GRAPHS_FILE).read_text())
    except (OSError, ValueError):
        return False
    if before.get("ontology") != store.ontology_digest() or not (previous / "store").is_dir():
        return False
    old = before.get("graphs", {})
    removed = sorted(name for name in old if name not in graphs)
    changed = {name: chunks[URIRef(name)] for name, value in sorted(graphs.items()) if old.get(name) != value}
    if len(changed) > len(graphs) // 2:
        return False
    return store.update(folder / "store", previous / "store", folder / current.GRAPHS_FILE, removed, changed)


def build_key(fingerprint: str, pins_path: Path | None, drafts: bool, mode: str) -> str:
    """Everything a build's output depends on, but the Wikidata cache: the inputs (``fingerprint``)
    and the options."""
    value = hashlib.sha256(fingerprint.encode())
    if pins_path is not None and Path(pins_path).is_file():
        value.update(Path(pins_path).read_bytes())
    # the layout of the output set: a build of an older layout is made again, never taken as current
    value.update(f"\0{__version__}\0{drafts}\0{mode}\0{current.LAYOUT}".encode())
    return value.hexdigest()


def _unchanged(previous: Path, key: str, linker, fetches: bool) -> bool:
    """The last build read the same inputs with the same options and the same Wikidata cache answers,
    and (when this one may ask Wikidata) it was not missing answers that this build might now get."""
    try:
        recorded = json.loads((previous / current.KEY_FILE).read_text())
    except (OSError, ValueError):
        return False
    if recorded.get("key") != key or (linker is not None and not linker.unchanged(recorded.get("reads", []))):
        return False
    return recorded.get("links_complete", False) or not (linker is not None and fetches)


def _build(
    articles_dir, only, linker, pins_path, drafts, jobs, progress, units: Units, memo, mode, fetches, digests=None
) -> BuildResult:
    articles_dir = Path(articles_dir)
    resolver, pins_path = corpus_resolver(articles_dir, pins_path)
    salt = corpus_salt(articles_dir / ENTITIES_FILE, pins_path)
    compiled = _compile_all(articles_dir, drafts, salt, units, resolver, jobs, digests or inputs.Digests())
    compiled.sort(key=lambda u: u.slug)
    resolution, entities = join(
        resolver,
        articles_dir,
        [(u.slug, u.folder, u.references, set(u.claims)) for u in compiled],
        [Contribution.from_json(u.contribution) for u in compiled],
        set().union(*(u.entities for u in compiled)) if compiled else set(),
    )
    reported = select(compiled, only, articles_dir)
    result = BuildResult(resolution=resolution, drafts=unreviewed(articles_dir))
    corpus, countries, stamp, link_results = _link_entities(
        compiled, entities, resolver.list.language, linker, units, mode, fetches, salt
    )
    entity_lines = units.load(corpus, "lines")
    tasks = _tasks(compiled, closures(entity_lines), units, linker, stamp, fetches)
    finisher = Finisher(units, memo, linker, countries)
    if linker is not None and linker.may_fetch:  # one polite Wikidata client: link here, in order
        for task in tasks:
            if task.kept is None:
                task.kept = finisher.link(task)[0]
    if parallel.forks(jobs, len(tasks)):
        validation.prepare()  # loaded once, before the workers fork, rather than by each of them
    done = parallel.run(finisher, tasks, jobs, progress, [u.slug for u in compiled])
    for item in done:
        units.adopt(item.linked, item.fresh)
        if memo is not None:
            memo.used.add(item.memo_key)
    if linker is not None:
        link_results.extend(result_from_json(r) for item in done for r in item.linked.results)
        result.reads = sorted({tuple(r) for unit in (corpus, *(item.linked for item in done)) for r in unit.reads})
        result.link_summary = linker.finish(link_results)
    result.reused = sum(1 for u in compiled if u.key not in units.fresh)
    _collect(result, articles_dir, units, reported, zip(compiled, tasks, done, strict=True))
    if entity_lines:
        result.chunks[ENTITIES_GRAPH] = lambda: entity_lines
        result.records[str(ENTITIES_GRAPH)] = corpus
        result.digests[str(ENTITIES_GRAPH)] = corpus.digest
    return result


def _tasks(compiled: list[CompiledUnit], parts_of, units: Units, linker, stamp: str, fetches: bool) -> list[Task]:
    """Each article's linking and validation task, with its kept linked record when that still holds
    and the part of the entity graph it refers to."""
    tasks = []
    for unit in compiled:
        key = digest("linked", unit.key, stamp) if linker is not None else digest("compiled", unit.key)
        kept = units.linked(key)
        if kept is not None and linker is not None and not _links_hold(kept, linker, fetches):
            kept = None
        part = sorted(set().union(*(parts_of.get(str(entity_iri(k)), ()) for k in unit.entities)))
        tasks.append(Task(unit, key, kept, part))
    return tasks


def _collect(result: BuildResult, articles_dir: Path, units: Units, reported, finished) -> None:
    """Each finished article into the result: its report (when it is reported on or does not conform)
    and its kept record, whose lines are read when asked for and whose files the output set links."""
    for unit, task, item in finished:
        report = Report(item.findings, Graph(), Sidecar(units, unit, "origins"))
        linked = item.linked
        if unit in reported or not report.conforms:
            report.origins = dict(units.load(unit, "origins"))
            result.articles.append(
                ArticleResult(
                    unit.slug,
                    articles_dir / unit.folder,
                    linked.triples,
                    report,
                    unit.sentences,
                    list(unit.uncovered),
                    list(unit.warnings),
                )
            )
        result.chunks[graph_iri(unit.slug)] = lambda linked=linked: units.take(linked, "lines")
        result.parts[unit.slug] = task.part
        result.records[str(graph_iri(unit.slug))] = linked
        result.digests[str(graph_iri(unit.slug))] = linked.digest


def _compile_all(
    articles_dir: Path, drafts: bool, salt: str, units: Units, resolver: Resolver, jobs: int, digests: inputs.Digests
) -> list[CompiledUnit]:
    """Every article's compiled unit, in folder order: kept from an earlier build with the same inputs,
    or made now, on ``jobs`` forked processes (compiling an article reads nothing of the others)."""
    found: list[CompiledUnit | None] = []
    todo: list[tuple[Path, str, str]] = []
    for folder, mapping_name in articles_in(articles_dir, drafts):
        key = compile_key(digest(salt, folder), folder, mapping_name, digests)
        unit = units.compiled(key)
        found.append(unit)
        if unit is None:
            todo.append((folder, mapping_name, key))
    made_now = iter(parallel.run(_CompileJob(units, resolver), todo, jobs))
    compiled = []
    for unit in found:
        if unit is None:
            unit = next(made_now)
            units.adopt(unit, fresh=True)
        compiled.append(unit)
    return compiled


class _CompileJob:
    """``job((folder, mapping name, key)) -> CompiledUnit``, its record written (by a worker
    process, when there are several)."""

    def __init__(self, units: Units, resolver: Resolver):
        self.units, self.resolver = units, resolver

    def __call__(self, job: tuple[Path, str, str]) -> CompiledUnit:
        return _compiled(*job, self.units, self.resolver)


def _compiled(folder: Path, mapping_name: str, key: str, units: Units, resolver: Resolver) -> CompiledUnit:
    """The article's compiled unit, made now and kept."""
    article = load_article(folder, mapping_name)
    contribution, item = compile_one(article, resolver)
    from kg.link.linker import context_of

    unit = CompiledUnit(
        key=key,
        slug=item.slug,
        folder=folder.name,
        language=article.mapping.article.language,
        entities=sorted(item.entities),
        claims=claims_of(item),
        references=references_of(item),
        contribution=contribution.as_json(),
        context=ntriples.lines(context_of(item.graph, [entity_iri(k) for k in sorted(item.entities)])),
        warnings=list(article.warnings),
        sentences=len(article.sentences),
        uncovered=uncovered_sentences(item),
        lines=ntriples.lines(item.graph),
        origins=item.origins,
    )
    release(item.graph)
    units.put(unit)
    return unit


def _link_entities(
    compiled: list[CompiledUnit],
    entities: Graph,
    language: str,
    linker,
    units: Units,
    mode: str,
    fetches: bool,
    salt: str,
):
    """The entity graph's record (linked, unless nothing links), the countries' links the articles are
    scored against, the stamp that names what an article's links depend on besides the Wikidata cache
    answers they read (the linking options, those countries' links), and the entity graph's link
    results."""
    entity_lines = ntriples.lines(entities) if len(entities) else []
    if linker is None:
        key = digest("compiled", *entity_lines)
        return units.linked(key) or made(units, key, ENTITIES_GRAPH, entity_lines), {}, "", []
    context = sorted({line for u in compiled for line in u.context})
    stamp = digest(FORMAT, mode)
    # the pins (in the corpus salt) choose links as much as the graph does
    key = digest("entities", stamp, salt, ntriples.digest(entity_lines), ntriples.digest(context))
    corpus = units.linked(key)
    if corpus is None or not _links_hold(corpus, linker, fetches):
        results, countries, reads = linker.link_entity_graph(entities, [ntriples.graph(context)], language)
        corpus = made(
            units, key, ENTITIES_GRAPH, ntriples.lines(entities) if len(entities) else [], results, countries, reads
        )
    else:
        results = [result_from_json(r) for r in corpus.results]
    countries = {URIRef(k): v for k, v in corpus.countries.items()}
    return corpus, countries, digest(stamp, *sorted(f"{k} {v}" for k, v in corpus.countries.items())), results


def _links_hold(kept, linker, fetches: bool) -> bool:
    """Kept links stand while every Wikidata cache answer they read is unchanged, unless this build
    may ask Wikidata for answers the last one lacked."""
    return linker.unchanged(kept.reads) and not (fetches and kept.lacks_answers)


def require_conformance(result: BuildResult) -> None:
    if not result.conforms:
        failed = [a.slug for a in result.articles if not a.report.conforms]
        raise KgError(f"validation failed for: {', '.join(failed)}; nothing written", EXIT_INVALID)
