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
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from kg import __version__, atomic, export, inputs, ntriples, store
from kg.article import Article, discover, load_article, mapping_file, unreviewed
from kg.build.units import CompiledUnit, LinkedUnit, Units, compile_key, corpus_salt, digest
from kg.compile import CompiledArticle, compile_article, default_ontology
from kg.compile.coverage import uncovered_sentences
from kg.corpus import ENTITIES_FILE, Contribution, Resolution, Resolver, combine, compile_entities, load_entity_list, resolve
from kg.corpus.graph import subset
from kg.corpus.references import check_references, claims_of, references_of
from kg.errors import EXIT_INVALID, KgError
from kg.link.pins import Pins
from kg.namespaces import ENTITIES_GRAPH, ENTITY, RESERVED_SLUGS, entity_iri, graph_iri
from kg.outputs import OutputSet
from kg.validate import Memo, Report, validate_all

PINS_FILE = "wikidata-pins.yaml"
GRAPHS_FILE = "kg.graphs.json"  # in each output set: the digest of every graph, to update the store by


@dataclass
class ArticleResult:
    slug: str
    folder: Path
    triples: int
    report: Report
    sentences: int
    uncovered: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # "file:line: ..." from loading and compiling


class Chunks(Mapping):
    """Graph name -> its sorted N-Triples lines, each read when asked for: a corpus's lines are not
    held in memory all at once (the Turtle writer merges them graph by graph)."""

    def __init__(self):
        self.readers: dict = {}

    def __setitem__(self, name, reader) -> None:
        self.readers[name] = reader

    def __getitem__(self, name) -> list[str]:
        return self.readers[name]()

    def __iter__(self):
        return iter(self.readers)

    def __len__(self) -> int:
        return len(self.readers)


class Graphs(Mapping):
    """The built graphs by name, made into rdflib graphs only when one is asked for."""

    def __init__(self, chunks: dict[URIRef, list[str]]):
        self.chunks = chunks
        self._made: dict[URIRef, Graph] = {}

    def __getitem__(self, name) -> Graph:
        if name not in self._made:
            self._made[name] = ntriples.graph(self.chunks[name])
        return self._made[name]

    def __iter__(self):
        return iter(self.chunks)

    def __len__(self) -> int:
        return len(self.chunks)


@dataclass
class BuildResult:
    articles: list[ArticleResult] = field(default_factory=list)
    # graph name -> sorted N-Triples lines, read from the kept records when asked for (not held)
    chunks: "Chunks" = field(default_factory=lambda: Chunks())
    blocks: dict[str, object] = field(default_factory=dict)  # graph IRI -> its block of the TriG file (or a callable giving it)
    parts: dict[str, list[str]] = field(default_factory=dict)  # slug -> the lines of the entity graph it refers to
    digests: dict[str, str] = field(default_factory=dict)  # graph IRI -> digest of its lines
    outputs: list[Path] = field(default_factory=list)
    link_summary: object = None
    resolution: Resolution | None = None
    unchanged: bool = False  # nothing the build reads changed since the last one: no work was done
    drafts: list[Path] = field(default_factory=list)  # folders with only an unreviewed draft: built with --drafts, else skipped
    reused: int = 0  # articles taken from the last build as they were

    @property
    def graphs(self) -> Graphs:
        return Graphs(self.chunks)

    def article_chunks(self, slug: str) -> dict[URIRef, list[str]]:
        """One article's named graph and the part of the entity graph it refers to."""
        part = self.parts.get(slug, [])
        return {graph_iri(slug): self.chunks[graph_iri(slug)], **({ENTITIES_GRAPH: part} if part else {})}

    def article_graphs(self, slug: str) -> dict[URIRef, Graph]:
        return {name: ntriples.graph(lines) for name, lines in self.article_chunks(slug).items()}

    @property
    def conforms(self) -> bool:
        return all(a.report.conforms for a in self.articles)

    @property
    def triples(self) -> int:
        return sum(len(lines) for lines in self.chunks.values())

    @property
    def article_count(self) -> int:
        return sum(1 for name in self.chunks if name != ENTITIES_GRAPH)


# -- the corpus in memory (kg link, kg draft, tests): every article loaded and compiled -------------
@dataclass
class Corpus:
    """Every article of the folder, loaded, and what their nodes resolve to."""

    articles: list[Article]
    resolution: Resolution


def load_corpus(articles_dir: Path, pins_path: Path | None = None, drafts: bool = False) -> Corpus:
    """``drafts`` also loads folders that hold only an unreviewed ``mapping.draft.yaml``."""
    articles_dir = Path(articles_dir)
    articles = [load_article(folder, mapping_file(folder, drafts)) for folder in discover(articles_dir, drafts)]
    for article in articles:
        _check_slug(article)
    _check_unique([(a.slug, a.folder.name) for a in articles], articles_dir)
    articles.sort(key=lambda a: a.slug)
    entity_list = load_entity_list(articles_dir / ENTITIES_FILE)
    pins = Pins.load(_pins_path(articles_dir, pins_path))
    return Corpus(articles, resolve(articles, entity_list, pins, default_ontology()))


def compile_corpus(corpus: Corpus) -> tuple[list[CompiledArticle], Graph]:
    """The article graphs and the corpus entity graph."""
    ontology = default_ontology()
    compiled = [compile_article(article, ontology, corpus.resolution) for article in corpus.articles]
    check_references({c.slug: (references_of(c), set(claims_of(c))) for c in compiled})
    used = set().union(*(c.entities for c in compiled)) if compiled else set()
    return compiled, compile_entities(corpus.resolution, used, ontology)


def select(compiled: list, only: str | None, articles_dir: Path) -> list:
    """The article named ``only`` (by slug or folder name) of compiled articles or units."""
    if only is None:
        return compiled
    chosen = [c for c in compiled if only in (c.slug, _folder_name(c))]
    if not chosen:
        if any(only == f.name for f in unreviewed(articles_dir)):
            raise KgError(f"{articles_dir}: '{only}' has only an unreviewed draft; review and rename it, or use --drafts")
        raise KgError(f"{articles_dir}: no article with folder or slug '{only}'")
    return chosen


def _folder_name(item) -> str:
    return item.folder if isinstance(item, CompiledUnit) else item.article.folder.name


def compile_all(articles_dir: Path, only: str | None = None, pins_path: Path | None = None,
                drafts: bool = False) -> list[CompiledArticle]:
    """Compiled articles (all, or one), for commands that do not need the entity graph."""
    compiled, _entities = compile_corpus(load_corpus(articles_dir, pins_path, drafts))
    return select(compiled, only, articles_dir)


def entity_refs(graph: Graph, entities: Graph, keys: set[str] | None = None) -> Graph:
    """The part of the entity graph that an article graph refers to. ``keys`` (the compiler's record of
    the corpus entities the article names) spares a scan of every term of the graph."""
    if keys is None:
        refs = {t for t in set(graph.subjects()) | set(graph.objects()) if isinstance(t, URIRef) and t.startswith(str(ENTITY))}
    else:
        refs = {entity_iri(key) for key in keys}
    return subset(entities, refs)


def article_view(item: CompiledArticle, entities: Graph) -> Graph:
    """One article's graph with the corpus entities it refers to: the unit SHACL validates."""
    view = Graph()
    for triple in item.graph:
        view.add(triple)
    for triple in entity_refs(item.graph, entities, item.entities):
        view.add(triple)
    return view


def _check_slug(article: Article) -> None:
    if article.slug in RESERVED_SLUGS:
        raise KgError(f"{article.where('article', 'slug')}: slug '{article.slug}' is reserved (it names the corpus entity graph)")


def _check_unique(slugs: list[tuple[str, str]], articles_dir: Path) -> None:
    seen: dict[str, str] = {}
    for slug, folder in slugs:
        if slug in seen:
            raise KgError(f"{articles_dir}: two articles share the slug '{slug}' ({seen[slug]} and {folder})")
        seen[slug] = folder


def _pins_path(articles_dir: Path, pins_path: Path | None) -> Path:
    if pins_path is not None and not Path(pins_path).is_file():
        raise KgError(f"{pins_path}: no such pin file (--pins / KG_PINS)")
    return Path(pins_path) if pins_path is not None else Path(articles_dir) / PINS_FILE


# -- the build ---------------------------------------------------------------------------------------
def build(articles_dir: Path, out_dir: Path | None, only: str | None = None, linker=None, store_dir: Path | None = None,
          pins_path: Path | None = None, drafts: bool = False, mode: str = "", jobs: int = 1,
          progress=None, fetches: bool = False) -> BuildResult:
    """Build the whole corpus. ``only`` names the article to report on; the output is always the corpus.

    ``linker`` (a ``kg.link.LinkStage``) adds Wikidata links before validation; ``drafts`` also builds
    folders that hold only an unreviewed ``mapping.draft.yaml``. With ``out_dir``, the build holds the
    folder's lock, skips all work when nothing it reads changed since the last build (``mode``
    describes the options that change the output, such as linking; ``fetches`` says the linker may ask
    Wikidata, so a last build that lacked answers is redone), reuses every article whose inputs did
    not change, and switches the output set (Turtle, TriG, store) as one step. ``jobs`` validates
    articles in parallel.
    """
    if out_dir is None:
        return _build(articles_dir, only, linker, pins_path, drafts, jobs, progress, Units(None), None, mode, fetches)
    outputs = OutputSet(out_dir)
    with outputs.lock():
        fingerprint = inputs.fingerprint(articles_dir)  # what the build reads, taken before it reads it
        key = build_key(fingerprint, pins_path, drafts, mode)
        previous = outputs.current()
        if previous is not None and only is None and _unchanged(previous, key, linker is not None and fetches):
            return BuildResult(unchanged=True, outputs=[Path(out_dir) / n for n in ("kg.ttl", "kg.trig")])
        units, memo = Units(outputs.state / "units"), Memo(outputs.state / "validated")
        result = _build(articles_dir, only, linker, pins_path, drafts, jobs, progress, units, memo, mode, fetches)
        units.prune()
        memo.prune()
        if not result.conforms:
            return result
        chunks = [(str(name), lambda name=name: result.chunks[name]) for name in result.chunks]
        graphs = result.digests
        with outputs.new_generation() as (folder, switched):
            export.write_union_turtle(chunks, folder / "kg.ttl")
            export.write_trig(list(result.blocks.items()), folder / "kg.trig")
            inside = store_dir is None or Path(store_dir) == Path(out_dir) / "store"
            if inside:
                _write_store(folder, previous, graphs, result.chunks)
            atomic.write_text(folder / GRAPHS_FILE, json.dumps({"ontology": store.ontology_digest(), "graphs": graphs},
                                                               sort_keys=True) + "\n")
            atomic.write_text(folder / "kg.inputs.sha256", fingerprint + "\n")
            complete = result.link_summary is None or not result.link_summary.lacks_answers
            atomic.write_text(folder / "kg.build-key", json.dumps({"key": key, "links_complete": complete,
                                                                   "articles": result.article_count}) + "\n")
            outputs.switch(folder, switched)
        if not inside:  # KG_STORE: a store outside the output set, loaded from the new TriG
            store.load(store_dir, Path(out_dir) / "kg.trig")
        result.outputs = [Path(out_dir) / n for n in ("kg.ttl", "kg.trig")]
        return result


def _write_store(folder: Path, previous: Path | None, graphs: dict[str, str], chunks: dict[URIRef, list[str]]) -> None:
    """The new set's store: the previous set's store with the changed graphs replaced, when there is
    one built with the same ontology; else loaded from the new TriG."""
    try:
        before = json.loads((previous / GRAPHS_FILE).read_text()) if previous is not None else None
    except (OSError, ValueError):
        before = None
    if before is not None and before.get("ontology") == store.ontology_digest() and (previous / "store").is_dir():
        old = before.get("graphs", {})
        removed = sorted(name for name in old if name not in graphs)
        changed = {name: chunks[URIRef(name)] for name, value in sorted(graphs.items()) if old.get(name) != value}
        if len(changed) > len(graphs) // 2:  # most of the corpus changed: loading it whole is quicker
            changed = None
        if changed is not None and store.update(folder / "store", previous / "store", folder / "kg.trig", removed, changed):
            return
    store.load(folder / "store", folder / "kg.trig")


def build_key(fingerprint: str, pins_path: Path | None, drafts: bool, mode: str) -> str:
    """Everything a build's output depends on, but the Wikidata cache: the inputs (``fingerprint``)
    and the options."""
    value = hashlib.sha256(fingerprint.encode())
    if pins_path is not None and Path(pins_path).is_file():
        value.update(Path(pins_path).read_bytes())
    value.update(f"\0{__version__}\0{drafts}\0{mode}".encode())
    return value.hexdigest()


def _unchanged(previous: Path, key: str, fetches: bool) -> bool:
    """The last build read the same inputs with the same options, and (when this one may ask
    Wikidata) it was not missing answers that this build might now get."""
    try:
        recorded = json.loads((previous / "kg.build-key").read_text())
    except (OSError, ValueError):
        return False
    return recorded.get("key") == key and (recorded.get("links_complete", False) or not fetches)


def _build(articles_dir, only, linker, pins_path, drafts, jobs, progress, units: Units, memo, mode, fetches) -> BuildResult:
    articles_dir = Path(articles_dir)
    ontology = default_ontology()
    entity_list = load_entity_list(articles_dir / ENTITIES_FILE)
    pins_file = _pins_path(articles_dir, pins_path)
    pins = Pins.load(pins_file)
    resolver = Resolver(entity_list, pins, ontology)  # checks the entity list's classes
    salt = corpus_salt(articles_dir / ENTITIES_FILE, pins_file)
    compiled = [_compiled(folder, mapping_file(folder, drafts), salt, units, resolver)
                for folder in discover(articles_dir, drafts)]
    _check_unique([(u.slug, u.folder) for u in compiled], articles_dir)
    compiled.sort(key=lambda u: u.slug)
    check_references({u.slug: (u.references, set(u.claims)) for u in compiled})
    reported = select(compiled, only, articles_dir)
    resolution = combine([Contribution.from_json(u.contribution) for u in compiled], entity_list, pins, ontology)
    entities = compile_entities(resolution, set().union(*(u.entities for u in compiled)) if compiled else set(), ontology)
    result = BuildResult(resolution=resolution, drafts=unreviewed(articles_dir))
    final, corpus, summary = _link(compiled, entities, entity_list.language, linker, units, mode, fetches)
    entity_lines = units.load(corpus, "lines")
    result.link_summary = summary
    result.reused = sum(1 for u in compiled if u.key not in units.fresh)
    closures = _closures(entity_lines)
    parts = [sorted(set().union(*(closures.get(str(entity_iri(k)), ()) for k in u.entities))) for u in compiled]
    views = [lambda unit=unit, part=part: ntriples.graph(units.take(unit, "lines") + part) for unit, part in zip(final, parts)]
    keys = [memo.key(unit.digest, ntriples.digest(part)) for unit, part in zip(final, parts)] if memo else None
    origins = [_Lazy(units, u, "origins") for u in compiled]
    reports = validate_all(views, origins, jobs, progress, [u.slug for u in compiled], memo, keys)
    for unit, linked, part, report in zip(compiled, final, parts, reports):
        if unit in reported or not report.conforms:
            report.origins = dict(units.load(unit, "origins"))
            result.articles.append(ArticleResult(unit.slug, articles_dir / unit.folder, linked.triples, report,
                                                 unit.sentences, list(unit.uncovered), list(unit.warnings)))
        result.chunks[graph_iri(unit.slug)] = lambda linked=linked: units.take(linked, "lines")
        result.parts[unit.slug] = part
        result.blocks[str(graph_iri(unit.slug))] = lambda linked=linked: units.take(linked, "trig")
        result.digests[str(graph_iri(unit.slug))] = linked.digest
    if entity_lines:
        result.chunks[ENTITIES_GRAPH] = lambda: entity_lines
        result.blocks[str(ENTITIES_GRAPH)] = units.load(corpus, "trig")
        result.digests[str(ENTITIES_GRAPH)] = corpus.digest
    return result


class _Lazy(Mapping):
    """A record's sidecar mapping (the origins), read only if a validation finding needs it."""

    def __init__(self, units: Units, unit, name: str):
        self.units, self.unit, self.name = units, unit, name

    def _data(self) -> dict:
        return self.units.load(self.unit, self.name)

    def __getitem__(self, key):
        return self._data()[key]

    def __iter__(self):
        return iter(self._data())

    def __len__(self) -> int:
        return len(self._data())


def _closures(entity_lines: list[str]) -> dict[str, set[str]]:
    """For each corpus entity, the lines of the entity graph that describe it and what its facts name
    (``kg.corpus.graph.subset``), by IRI: an article's part of the entity graph is the union of its
    entities' closures."""
    about: dict[str, list[str]] = {}
    named: dict[str, set[str]] = {}
    for line in entity_lines:
        subject = line.split(" ", 1)[0]
        iri = subject[1:-1]
        about.setdefault(iri, []).append(line)
        obj = line[:-3].split(" ", 2)[2]
        if obj.startswith("<"):
            named.setdefault(iri, set()).add(obj[1:-1])
    closures: dict[str, set[str]] = {}
    for iri in about:
        todo, seen, lines = [iri], set(), set()
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            lines.update(about.get(current, ()))
            todo.extend(named.get(current, ()))
        closures[iri] = lines
    return closures


def _compiled(folder: Path, mapping_name: str, salt: str, units: Units, resolver: Resolver) -> CompiledUnit:
    """The article's compiled unit: kept from an earlier build with the same inputs, or made now."""
    key = compile_key(digest(salt, folder), folder, mapping_name)
    unit = units.compiled(key)
    if unit is not None:
        return unit
    article = load_article(folder, mapping_name)
    _check_slug(article)
    contribution = resolver.article(article)
    item = compile_article(article, resolver.ontology, combine([contribution], resolver.list, resolver.pins, resolver.ontology))
    from kg.link.linker import context_of

    unit = CompiledUnit(
        key=key, slug=item.slug, folder=folder.name, language=article.mapping.article.language,
        entities=sorted(item.entities), claims=claims_of(item), references=references_of(item),
        contribution=contribution.as_json(),
        context=ntriples.lines(context_of(item.graph, [entity_iri(k) for k in sorted(item.entities)])),
        warnings=list(article.warnings), sentences=len(article.sentences), uncovered=uncovered_sentences(item),
        lines=ntriples.lines(item.graph), origins=item.origins)
    units.put(unit)
    return unit


def _link(compiled: list[CompiledUnit], entities: Graph, language: str, linker, units: Units, mode: str, fetches: bool):
    """Link the entity graph, then each article (with no linker, take the graphs as compiled). Each
    article's result is kept under a key that says what its links depend on: the linking options, the
    Wikidata cache, and the links of the countries it is scored against."""
    from kg.link.linker import LinkSummary, result_as_json, result_from_json

    def made(key, graph_iri_, lines, results=(), countries=None):
        unit = LinkedUnit(key, ntriples.digest(lines), len(lines), [result_as_json(r) for r in results],
                          LinkSummary(list(results), 0).lacks_answers, {str(k): v for k, v in (countries or {}).items()},
                          lines, export.trig_block(str(graph_iri_), lines))
        units.put(unit)
        return unit

    entity_lines = ntriples.lines(entities) if len(entities) else []
    if linker is None:
        final = [units.linked(digest("compiled", u.key)) or made(digest("compiled", u.key), graph_iri(u.slug), units.take(u, "lines"))
                 for u in compiled]
        return final, made(digest("compiled", *entity_lines), ENTITIES_GRAPH, entity_lines), None
    context = sorted({line for u in compiled for line in u.context})
    stamp = digest(mode, linker.stamp())
    key = digest("entities", stamp, ntriples.digest(entity_lines), ntriples.digest(context))
    corpus = units.linked(key)
    if corpus is None or (fetches and corpus.lacks_answers):
        results, countries = linker.link_entity_graph(entities, [ntriples.graph(context)], language)
        corpus = made(key, ENTITIES_GRAPH, ntriples.lines(entities) if len(entities) else [], results, countries)
    else:
        results = [result_from_json(r) for r in corpus.results]
    countries = {URIRef(k): v for k, v in corpus.countries.items()}
    stamp = digest(stamp, *sorted(f"{k} {v}" for k, v in corpus.countries.items()))
    final = []
    for unit in compiled:
        key = digest("linked", unit.key, stamp)
        kept = units.linked(key)
        if kept is None or (fetches and kept.lacks_answers):
            graph = ntriples.graph(units.take(unit, "lines"))
            found = linker.link_article(unit.slug, graph, unit.language, countries)
            kept = made(key, graph_iri(unit.slug), ntriples.lines(graph), found)
            results.extend(found)
        else:
            results.extend(result_from_json(r) for r in kept.results)
        final.append(kept)
    return final, corpus, linker.finish(results)


def require_conformance(result: BuildResult) -> None:
    if not result.conforms:
        failed = [a.slug for a in result.articles if not a.report.conforms]
        raise KgError(f"validation failed for: {', '.join(failed)}; nothing written", EXIT_INVALID)
