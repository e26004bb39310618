"""The pipeline: load every article, resolve entities across the corpus, compile, link, validate, then
export and store.

Each article is compiled, linked and validated as its own named graph (with the part of the corpus
entity graph it refers to), and kept (``kg.build.units``) so that the next build redoes only what
changed; articles stream through as sorted N-Triples lines, so a corpus is never held as rdflib graphs
all at once. Outputs are written only when every article conforms, so a failed build never leaves a
half-written graph behind.

A build with an output folder also keeps a ledger (``kg.build.ledger``): an article whose compile key
is the ledger's is taken from it without reading its records, and the corpus-wide sums (resolution,
entity context, link reads and results) are changed by the articles that changed, so that an edit
costs about what the edited article costs, not what the corpus does. The ledger is only an index of
the records: when it is missing, damaged, or names a record that is gone, the build is made from the
records alone (``_Stale``), and gives the same bytes.
"""

import contextlib
import gc
import hashlib
import json
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from rdflib import Graph, URIRef

from kg import __version__, store
from kg import validate as validation
from kg.build import current, inputs, summary
from kg.build.corpus import compile_one, corpus_resolver, join_tally, select
from kg.build.finish import Finisher, Task, made
from kg.build.ledger import Kept, Ledger
from kg.build.result import ArticleResult, BuildResult, kept_summary
from kg.build.units import FORMAT, SIDECARS, CompiledUnit, LinkedUnit, Units, compile_key, corpus_salt, digest
from kg.compile.coverage import uncovered_sentences
from kg.compile.entities import closures
from kg.compile.references import claims_of, references_of
from kg.core.errors import EXIT_INVALID, KgError
from kg.core.namespaces import ENTITIES_GRAPH, GRAPH, entity_iri
from kg.link.linker import result_from_json
from kg.load import articles_in, load_article, unreviewed
from kg.load.load import DRAFT_FILE, MAPPING_FILE
from kg.rdf import ntriples
from kg.rdf.graphstore import release
from kg.resolve import ENTITIES_FILE, Resolver
from kg.util import atomic, parallel
from kg.util.outputs import OutputSet
from kg.util.paths import check_apart
from kg.validate import Memo, Report

LEDGER_FILE = "ledger"  # in the build state: kg.build.ledger
DIGESTS_FILE = "digests"  # in the build state: each input file's SHA-256 by its metadata (kg.build.inputs)


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
    check_apart(Path(articles_dir), out_dir, "the build")
    if out_dir is None:
        return _build(articles_dir, only, linker, pins_path, drafts, jobs, progress, Units(None), None, mode, fetches)
    outputs = OutputSet(out_dir)
    with outputs.lock():
        digests = inputs.Digests(outputs.state / DIGESTS_FILE)
        (outputs.state / "digests.json").unlink(missing_ok=True)  # of kg before the digests were marshalled
        fingerprint, inputs_record = inputs.take(articles_dir, digests)  # what the build reads, before it reads it
        key = build_key(fingerprint, pins_path, drafts, mode)
        previous = outputs.current()
        reports = getattr(linker, "report_path", None) is not None  # a link report asked for is written
        if previous is not None and only is None and not reports and _unchanged(previous, key, linker, fetches):
            digests.save()
            return BuildResult(unchanged=True, outputs=[Path(out_dir) / current.GRAPHS_DIR])
        units, memo = Units(outputs.state / "units"), Memo(outputs.state / "validated")
        ledger = Ledger(outputs.state / LEDGER_FILE)
        # the ledger's few hundred thousand objects live as long as the build and are never garbage: the
        # cycle collector leaves them (at 10,000 articles each full collection walked them, 0.1 s a build)
        frozen = not gc.get_freeze_count()
        if frozen:
            gc.freeze()
        try:
            return _build_outputs(
                articles_dir, out_dir, only, linker, store_dir, pins_path, drafts, mode, jobs, progress, fetches,
                outputs, digests, key, inputs_record, previous, units, memo, ledger,
            )  # fmt: skip
        finally:
            if frozen:
                gc.unfreeze()


def _build_outputs(
    articles_dir, out_dir, only, linker, store_dir, pins_path, drafts, mode, jobs, progress, fetches,
    outputs: OutputSet, digests, key: str, inputs_record: str, previous, units: Units, memo, ledger: Ledger,
) -> BuildResult:  # fmt: skip
    """The build proper, and its output set switched in (``build``, once the lock is held)."""
    # the records the build before used (besides its entity graph's): those no longer used are removed by name
    gone = {key for kept in ledger.articles.values() for key in (kept.compiled, kept.linked)} if ledger.valid else None
    result = _build(
        articles_dir, only, linker, pins_path, drafts, jobs, progress, units, memo, mode, fetches, digests, ledger
    )
    ledger.save()  # before the records it no longer names are removed
    digests.save()
    units.prune(gone)
    memo.prune()
    if not result.conforms:
        # what is reported is read now: a first build that fails leaves no folder, and no records
        for article in result.articles:
            if article.report.findings:
                article.report.origins = dict(article.report.origins)
        return result
    graphs = result.digests
    with outputs.new_generation() as (folder, switched):
        # issue 23: the corpus counts (kg/build/summary.py), as parts the manifest lists; the store loads them
        counts = summary.write(outputs.state, result.digests, result.chunks)
        parts, files = _share_graphs(folder, outputs.state, result, units, counts)
        # KG_STORE: a store outside the output set, loaded from the new graphs once they are switched in
        elsewhere = None if store_dir is None or Path(store_dir) == Path(out_dir) / "store" else Path(store_dir)
        if elsewhere is None:
            _write_store(folder, previous, graphs, result.chunks, parts)
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
    _collect_graphs(outputs, parts, files, counts)
    if elsewhere is not None:
        graphs_file = Path(out_dir) / current.GRAPHS_FILE
        store.load(elsewhere, [g.trig for g in current.graph_files(Path(out_dir))], graphs_file)
    result.outputs = [Path(out_dir) / current.GRAPHS_DIR]
    return result


def _share_graphs(
    folder: Path, state: Path, result: BuildResult, units: Units, counts: list[str]
) -> tuple[dict[str, str], set[str]]:
    """Each graph's files into the graph files the sets share (``OUT/.kg/graphs``), under a name that
    says what they hold (``current.file_name``), and the set's manifest, ``kg.graphs.json`` in
    ``folder``, naming its parts (in ``OUT/.kg/parts``, shared likewise) and its summary's (``counts``,
    written by ``summary.write`` in ``OUT/.kg/summary``). A file or part already there
    is the one this set needs, and is left as it is: an edit adds the edited graph's two files (hard
    links to its kept records, ``Units.link``) and one part, and nothing of the set before is written
    again or removed (it stays whole until it is collected, ``_collect_graphs``). A record made by
    this build is linked again over a file of its name (same bytes): a damaged record's file goes with
    it. Returns the parts (name -> text) and the files' names."""
    graphs_dir, parts_dir = state / current.GRAPHS_DIR, state / current.PARTS_DIR
    for shared in (graphs_dir, parts_dir):
        if shared.exists() and not shared.is_dir():
            shared.unlink()  # kg's own state folder: whatever took its name is not ours
        shared.mkdir(exist_ok=True)
    present = set(os.listdir(graphs_dir))
    base = f"{graphs_dir}{os.sep}"
    files: set[str] = set()
    for name, key in result.records.items():
        stem = current.file_name(name, result.digests[name])
        for sidecar, extension in (("trig", ".trig"), ("lines", ".nt")):
            file = stem + extension
            files.add(file)
            if file not in present or key in units.fresh:
                units.link(key, sidecar, base + file)
    parts = current.parts_of(result.digests)
    have = set(os.listdir(parts_dir))
    for part, text in parts.items():
        if part not in have:
            atomic.write_text(parts_dir / part, text)
    record = current.graphs_record(store.ontology_digest(), sorted(parts), len(result.digests), counts)
    atomic.write_text(folder / current.GRAPHS_FILE, record)
    return parts, files


def _collect_graphs(outputs: OutputSet, parts: dict[str, str], files: set[str], counts: list[str]) -> None:
    """The shared graph files, parts and summary parts that no kept set names (``parts``, ``files`` and
    ``counts``: the new set's) are removed: those of the sets collected, and any a build that did not
    finish left. Only the parts the other kept sets do not share with the new one are read (an edit's
    one or two)."""
    state = outputs.state
    named, keep, counted = set(files), set(parts), set(counts)
    for generation in outputs.generations():
        try:
            record = current.manifest(generation)
            listed = record["parts"]
            counted.update(record.get("summary") or ())
        except (OSError, ValueError, TypeError):
            continue  # a set of the layout before keeps its files in its own folder
        for part in listed:
            if part in keep:
                continue
            keep.add(part)
            try:
                digests = current.read_part(state, part)
            except (OSError, ValueError):
                continue
            for name, value in digests.items():
                stem = current.file_name(name, value)
                named.update((stem + ".trig", stem + ".nt"))
    shared = ((current.GRAPHS_DIR, named), (current.PARTS_DIR, keep), (store.SUMMARY_DIR, counted))
    for folder, wanted in ((state / kind, names) for kind, names in shared):
        for name in set(os.listdir(folder)) - wanted:
            with contextlib.suppress(OSError):
                os.unlink(folder / name)


def _write_store(
    folder: Path,
    previous: Path | None,
    graphs: dict[str, str],
    chunks: Mapping[URIRef, list[str]],
    parts: dict[str, str],
) -> None:
    """The new set's store: the previous set's store with the changed graphs replaced, when there is
    one built with the same ontology; else loaded from the new graph files."""
    if previous is not None and _update_store(folder, previous, graphs, chunks, parts):
        return
    shared = folder.parent / current.GRAPHS_DIR
    documents = [shared / f"{current.file_name(name, graphs[name])}.trig" for name in sorted(graphs)]
    store.load(folder / "store", documents, folder / current.GRAPHS_FILE)


def _difference(previous: Path, graphs: dict[str, str], parts: dict[str, str]) -> tuple[list[str], list[str]] | None:
    """The graphs removed since the set before, and those changed or added (IRIs, sorted). Only the
    parts the two sets do not share are read: the others list the same graphs with the same digests (a
    set of the layout before is compared whole). None when the set before cannot be read."""
    try:
        record = json.loads((previous / current.GRAPHS_FILE).read_text())
        if record.get("layout") == current.LAYOUT:
            old: dict[str, str] = {}
            for part in set(record["parts"]) - set(parts):
                old.update(current.read_part(previous.parent, part))
            new: dict[str, str] = {}
            for part in set(parts) - set(record["parts"]):
                new.update(json.loads(parts[part]))
        else:
            old, new = dict(record["graphs"]), graphs
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    removed = sorted(name for name in old if name not in graphs)
    return removed, sorted(name for name, value in new.items() if old.get(name) != value)


def _update_store(
    folder: Path, previous: Path, graphs: dict[str, str], chunks: Mapping[URIRef, list[str]], parts: dict[str, str]
) -> bool:
    """Whether the previous set's store, built with the same ontology, took the changed graphs; a store
    most of whose graphs changed is not updated (loading it whole is quicker)."""
    try:
        ontology = json.loads((previous / current.GRAPHS_FILE).read_text()).get("ontology")
    except (OSError, ValueError, AttributeError):
        return False
    difference = _difference(previous, graphs, parts)
    if difference is None or ontology != store.ontology_digest() or not (previous / "store").is_dir():
        return False
    removed, names = difference
    changed = {name: chunks[URIRef(name)] for name in names}
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
    articles_dir,
    only,
    linker,
    pins_path,
    drafts,
    jobs,
    progress,
    units: Units,
    memo,
    mode,
    fetches,
    digests=None,
    ledger=None,
) -> BuildResult:
    """The build, once from the ledger and, should it name a record that is gone, again from the records."""
    ledger = ledger if ledger is not None else Ledger(None)
    try:
        return _build_from(
            articles_dir, only, linker, pins_path, drafts, jobs, progress, units, memo, mode, fetches, digests, ledger
        )
    except _Stale:
        ledger.reset("")
        return _build_from(
            articles_dir, only, linker, pins_path, drafts, jobs, progress, units, memo, mode, fetches, digests, ledger
        )


def _build_from(
    articles_dir,
    only,
    linker,
    pins_path,
    drafts,
    jobs,
    progress,
    units: Units,
    memo,
    mode,
    fetches,
    digests,
    ledger: Ledger,
) -> BuildResult:
    articles_dir = Path(articles_dir)
    resolver, pins_path = corpus_resolver(articles_dir, pins_path)
    salt = corpus_salt(articles_dir / ENTITIES_FILE, pins_path)
    if ledger.salt != salt:  # every article is compiled again: nothing of the ledger holds
        ledger.reset(salt)
    kept, compiled = _compile_all(
        articles_dir, drafts, salt, units, resolver, jobs, digests or inputs.Digests(), ledger
    )
    _tally_compiled(ledger, units, compiled)
    articles: list[Kept | CompiledUnit] = sorted([*kept, *compiled], key=lambda a: a.slug)
    claims = _claims(articles, units, articles_dir, resolver)
    _forget_tallied(units, compiled)
    resolution, entities = join_tally(
        resolver,
        articles_dir,
        [(a.slug, a.folder, list(a.references), claims.get(a.slug, set())) for a in articles],
        ledger.tally,
        set(ledger.used),
    )
    reported = {id(a) for a in select(articles, only, articles_dir)}
    result = BuildResult(resolution=resolution, drafts=_unreviewed(articles_dir, digests))
    corpus, countries, stamp, corpus_results = _link_entities(
        sorted(ledger.context), entities, resolver.list.language, linker, units, mode, fetches, salt
    )
    entity_lines = units.load(corpus, "lines")
    parts = _Parts(entity_lines, {a.slug: list(a.entities) for a in articles})
    entity_digest = corpus.digest if entity_lines else ""
    if entity_digest == ledger.entity_digest:
        closures, stale = ledger.closures, set[str]()
    else:  # the articles that name an entity whose part of the entity graph changed are validated again
        closures = parts.digests(ledger.used)
        stale = {k for k in closures.keys() | ledger.closures.keys() if closures.get(k) != ledger.closures.get(k)}
    holds = linker is None or linker.unchanged([list(read) for read in ledger.reads])
    same = ledger.stamp == _stamp_of(stamp, linker)
    tasks: list[Task] = []
    for article in articles:
        if not (isinstance(article, Kept) and _still(article, stamp, same, stale, holds, linker, fetches, units)):
            unit = (
                article if isinstance(article, CompiledUnit) else _compiled_unit(article, articles_dir, units, resolver)
            )
            tasks.append(_task(unit, parts, units, linker, stamp, fetches))
    _untally_links(ledger, units, {task.unit.folder for task in tasks})
    finisher = Finisher(units, memo, linker, countries)
    if linker is not None and linker.may_fetch:  # one polite Wikidata client: link here, in order
        for task in tasks:
            if task.kept is None:
                task.kept = finisher.link(task)[0]
    if parallel.forks(jobs, len(tasks)):
        validation.prepare()  # loaded once, before the workers fork, rather than by each of them
    done = parallel.run(finisher, tasks, jobs, progress, [t.unit.slug for t in tasks])
    finished = {task.unit.folder: (task, item) for task, item in zip(tasks, done, strict=True)}
    for task, item in zip(tasks, done, strict=True):
        units.adopt(item.linked, item.fresh)
        ledger.add_linked(task.unit.slug, item.linked, 1)
    _forget_tallied(units, [item.linked for item in done])
    if linker is not None:
        result.link_summary = _link_summary(linker, corpus_results, articles, ledger, units, finished)
        result.reads = sorted({tuple(r) for r in corpus.reads} | set(ledger.reads))
    result.reused = sum(1 for a in articles if isinstance(a, Kept) or a.key not in units.fresh)
    _collect(result, articles_dir, units, memo, ledger, reported, articles, finished, parts)
    if entity_lines:
        result.chunks[ENTITIES_GRAPH] = lambda: entity_lines
        result.records[str(ENTITIES_GRAPH)] = corpus.key
        result.digests[str(ENTITIES_GRAPH)] = corpus.digest
    ledger.stamp, ledger.entity_digest, ledger.closures, ledger.valid = (
        _stamp_of(stamp, linker),
        entity_digest,
        closures,
        True,
    )
    return result


def _forget_tallied(units: Units, records: list) -> None:
    """What the ledger has tallied of records is not held any longer (a build that reads 10,000 articles
    from their records alone, its ledger lost, held about 1 GB with it); a record is read again when
    needed. Records kept in memory (a build without a folder) are left whole."""
    if units.folder is None:
        return
    for record in records:
        if isinstance(record, CompiledUnit):
            record.context, record.contribution, record.claims = [], {}, []
        else:
            record.reads = []


def _claims(articles: list, units: Units, articles_dir: Path, resolver: Resolver) -> dict[str, set[str]]:
    """The claim IRIs of the articles another article refers to (same-event references are few; a
    claim list is most of a compiled record, so the others' are not read)."""
    named = {ref.split("/")[0] for a in articles for _where, ref in a.references}
    return {
        a.slug: set((a if isinstance(a, CompiledUnit) else _compiled_unit(a, articles_dir, units, resolver)).claims)
        for a in articles
        if a.slug in named
    }


def _still(kept: Kept, stamp: str, same_stamp: bool, stale: set[str], holds: bool, linker, fetches, units) -> bool:
    """Whether an article whose inputs did not change is still what the last build made of it: the same
    linking options and corpus links, the Wikidata cache answers its links read unchanged (``holds``:
    all of those the corpus read are), the same part of the entity graph (it names no ``stale``
    entity), and its graph files intact. ``same_stamp``: the last build linked with the same options,
    so the article's linked key is the one the ledger has, unless its own inputs changed."""
    if not same_stamp:
        expected = digest("linked", kept.compiled, stamp) if linker is not None else digest("compiled", kept.compiled)
        if kept.linked != expected:
            return False
    if any(key in stale for key in kept.entities) or not holds or (fetches and kept.lacks_answers):
        return False
    return units.intact_as(kept.linked, kept.sums, SIDECARS[LinkedUnit])


def _stamp_of(stamp: str, linker) -> str:
    """What an article's linked key is made of besides its compiled key: whether it is linked, and with
    what (``stamp``)."""
    return f"linked {stamp}" if linker is not None else "compiled"


def _light(kept: Kept) -> LinkedUnit:
    """The linked record of a kept article, as the ledger knows it (its lists of link results and cache
    reads are left in the record)."""
    return LinkedUnit(kept.linked, kept.digest, kept.triples, lacks_answers=kept.lacks_answers, sums=kept.sums)


def _compiled_unit(kept: Kept, articles_dir: Path, units: Units, resolver: Resolver) -> CompiledUnit:
    """A kept article's compiled record, read (or made again, when it is gone) because it is linked or
    validated again."""
    unit = units.compiled(kept.compiled)
    if unit is None:
        folder = articles_dir / kept.folder
        from kg.load import mapping_file

        unit = _compiled(folder, mapping_file(folder, True) or "mapping.yaml", kept.compiled, units, resolver)
    return unit


def _task(unit: CompiledUnit, parts: "_Parts", units: Units, linker, stamp: str, fetches: bool) -> Task:
    """An article's linking and validation task, with its kept linked record when that still holds and
    the part of the entity graph it refers to."""
    key = digest("linked", unit.key, stamp) if linker is not None else digest("compiled", unit.key)
    kept = units.linked(key)
    if kept is not None and linker is not None and not _links_hold(kept, linker, fetches):
        kept = None
    return Task(unit, key, kept, parts[unit.slug])


class _Parts(Mapping):
    """slug -> the lines of the entity graph the article refers to (what it is validated with), worked
    out when asked for: an article taken from the ledger as it was never needs its part."""

    def __init__(self, entity_lines: list[str], entities: dict[str, list[str]]):
        self.entities = entities
        self._closures: dict | None = None
        self._lines = entity_lines

    def __getitem__(self, slug: str) -> list[str]:
        if self._closures is None:
            self._closures = closures(self._lines)
        keys = self.entities[slug]
        return sorted(set().union(*(self._closures.get(str(entity_iri(k)), ()) for k in keys)))

    def digests(self, keys) -> dict[str, str]:
        """Each of the corpus entities ``keys``: the digest of its closure (an article's part is the union
        of its entities' closures, so it is unchanged while theirs are)."""
        if self._closures is None:
            self._closures = closures(self._lines)
        return {key: digest(*sorted(self._closures.get(str(entity_iri(key)), ()))) for key in sorted(keys)}

    def __iter__(self):
        return iter(self.entities)

    def __len__(self) -> int:
        return len(self.entities)


class _Stale(Exception):
    """The ledger names a record that is gone: the build is done again from the records alone."""


def _tally_compiled(ledger: Ledger, units: Units, compiled: list[CompiledUnit]) -> None:
    """The ledger's tallies changed by the articles compiled anew (or found under another key) and by
    the articles gone. Without a ledger every article is among ``compiled``, and the tallies are
    added up from all of them."""
    changed = {unit.folder for unit in compiled}
    present = changed | ledger.present
    for folder, old in list(ledger.articles.items()):
        if folder in changed or folder not in present:
            unit = units.peek(CompiledUnit, old.compiled)
            if unit is None:
                raise _Stale(folder)
            ledger.add_compiled(unit, -1)
    for unit in compiled:
        ledger.add_compiled(unit, 1)


def _untally_links(ledger: Ledger, units: Units, redone: set[str]) -> None:
    """The link tallies without the articles gone and those linked or validated again (``redone``, by
    folder), read from their records before these are made again (under the same key, when only the
    Wikidata cache answers they read changed)."""
    for folder, old in ledger.articles.items():
        if folder in ledger.present and folder not in redone:
            continue
        unit = units.peek(LinkedUnit, old.linked)
        if unit is None:
            raise _Stale(folder)
        ledger.add_linked(old.slug, unit, -1)


def _link_summary(linker, corpus_results: list, articles: list, ledger: Ledger, units: Units, finished: dict):
    """The build's link summary. The corpus's link results are the ledger's tally, unless a link report
    is written (it lists every result: they are then read from every article's record)."""
    if getattr(linker, "report_path", None) is None:
        return kept_summary(linker.finish(corpus_results), corpus_results, ledger.links)
    results = list(corpus_results)
    for article in articles:
        if article.folder in finished:
            linked = finished[article.folder][1].linked
        else:
            linked = units.peek(LinkedUnit, article.linked)
            if linked is None:
                raise _Stale(article.folder)
        results.extend(result_from_json(r) for r in linked.results)
    return linker.finish(results)


_NO_REPORT_GRAPH = Graph()  # a build's reports keep their findings only


def _collect(
    result: BuildResult, articles_dir: Path, units: Units, memo, ledger: Ledger, reported, articles, finished, parts
) -> None:
    """Each article into the result (its report, and its kept record, whose lines are read when asked
    for and whose files the output set links) and into the ledger."""
    from kg.validate import Finding

    entries: dict[str, Kept] = {}
    graphs = str(GRAPH)
    for article in articles:
        if article.folder in finished:
            task, item = finished[article.folder]
            unit, linked = task.unit, item.linked
            kept = Kept(
                unit.folder, unit.slug, unit.key, linked.key, linked.digest, linked.triples, linked.sums,
                linked.lacks_answers, item.memo_key, [f.__dict__ for f in item.findings], unit.sentences,
                list(unit.uncovered), list(unit.warnings), [list(r) for r in unit.references],
                [*map(sys.intern, unit.entities)],
            )  # fmt: skip
            findings: list | None = item.findings
        else:
            kept, linked = article, None
            findings = None  # made only if the article is reported (at 10,000 articles, 0.2 s a build)
            units.used.update((kept.compiled, kept.linked))
        if memo is not None and kept.memo is not None:
            memo.used.add(kept.memo)
        entries[kept.folder] = kept
        if id(article) in reported or any(f["severity"] == "Violation" for f in kept.findings):
            if findings is None:
                findings = [Finding(**f) for f in kept.findings]
            report = Report(findings, _NO_REPORT_GRAPH, _Origins(units, kept))
            result.articles.append(
                ArticleResult(
                    kept.slug,
                    articles_dir / kept.folder,
                    kept.triples,
                    report,
                    kept.sentences,
                    list(kept.uncovered),
                    list(kept.warnings),
                )  # fmt: skip
            )
        iri = graphs + kept.slug  # a string: 10,000 rdflib IRIs cost a build 30 ms
        result.chunks[iri] = _Reader(units, kept) if linked is None else _Reader(units, linked)
        result.records[iri] = kept.linked
        result.digests[iri] = kept.digest
    result.parts = parts
    ledger.articles = entries


class _Reader:
    """An article graph's lines, read from its kept record when asked for (``BuildResult.chunks``)."""

    __slots__ = ("units", "unit")

    def __init__(self, units: Units, unit: "Kept | LinkedUnit"):
        self.units, self.unit = units, unit

    def __call__(self) -> list[str]:
        unit = self.unit
        return self.units.take(_light(unit) if isinstance(unit, Kept) else unit, "lines")


class _Origins(Mapping):
    """An article's origins (IRI -> "mapping.yaml:line"), read from its compiled record only if a
    validation finding is reported with them."""

    def __init__(self, units: Units, kept: Kept):
        self.units, self.kept = units, kept
        self._data: dict | None = None

    def _origins(self) -> dict:
        if self._data is None:
            unit = self.units.peek(CompiledUnit, self.kept.compiled)
            self._data = dict(self.units.load(unit, "origins")) if unit is not None else {}
        return self._data

    def __getitem__(self, key):
        return self._origins()[key]

    def __iter__(self):
        return iter(self._origins())

    def __len__(self) -> int:
        return len(self._origins())


def _compile_all(
    articles_dir: Path,
    drafts: bool,
    salt: str,
    units: Units,
    resolver: Resolver,
    jobs: int,
    digests: inputs.Digests,
    ledger: Ledger,
) -> tuple[list[Kept], list[CompiledUnit]]:
    """Every article: taken from the ledger when its compile key is the one there (not read at all),
    else its compiled unit, kept from an earlier build with the same inputs or made now, on ``jobs``
    forked processes (compiling an article reads nothing of the others)."""
    kept: list[Kept] = []
    found: list[CompiledUnit] = []
    todo: list[tuple[Path, str, str]] = []
    present = set()
    listed = digests.by_folder() or {}
    for folder, name, mapping_name in _articles_in(articles_dir, drafts, listed):
        key = compile_key(digest(salt, folder), folder, mapping_name, digests, listed.get(name))
        present.add(name)
        entry = ledger.articles.get(name) if ledger.valid else None
        if entry is not None and entry.compiled == key:
            kept.append(entry)
            continue
        unit = units.compiled(key)
        if unit is None:
            todo.append((Path(folder), mapping_name, key))
        else:
            found.append(unit)
    ledger.present = present
    for unit in parallel.run(_CompileJob(units, resolver), todo, jobs):
        units.adopt(unit, fresh=True)
        found.append(unit)
    return kept, found


def _articles_in(articles_dir: Path, drafts: bool, listed: dict) -> list[tuple[str, str, str]]:
    """``kg.load.articles_in``, from the files the build listed already (``listed``, by folder) when it
    did: a folder is an article when its mapping (or, with ``drafts``, its draft) is one of its files.
    A listing that finds none, or a mapping's name on a folder, is left to ``articles_in`` (and its
    errors). Each as (folder path, folder name, mapping name), strings: 10,000 ``Path`` objects
    cost a build 40 ms."""
    found: list[tuple[str, str, str]] = []
    base = f"{Path(articles_dir)}{os.sep}"
    inside = (f"{MAPPING_FILE}/", f"{DRAFT_FILE}/")
    for name, files in listed.items():
        names = {inner for inner, _path in files}
        if any(inner.startswith(inside) for inner in names):
            found = []
            break
        for mapping_name in (MAPPING_FILE, DRAFT_FILE) if drafts else (MAPPING_FILE,):
            if mapping_name in names:
                found.append((base + name, name, mapping_name))
                break
    return found or [(str(path), path.name, mapping) for path, mapping in articles_in(articles_dir, drafts)]


def _unreviewed(articles_dir: Path, digests) -> list[Path]:
    """``kg.load.unreviewed``, from the files the build listed already when it did."""
    listed = digests.by_folder() if digests is not None else None
    if listed is None:
        return unreviewed(articles_dir)
    return [
        Path(articles_dir) / name
        for name, files in listed.items()
        if DRAFT_FILE in (names := {inner for inner, _path in files}) and MAPPING_FILE not in names
    ]


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
    context: list[str],
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
    results. ``context``: the sorted lines of what linking reads about the corpus entities."""
    entity_lines = ntriples.lines(entities) if len(entities) else []
    if linker is None:
        key = digest("compiled", *entity_lines)
        return units.linked(key) or made(units, key, ENTITIES_GRAPH, entity_lines), {}, "", []
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
