"""The pipeline: load every article, resolve entities across the corpus, compile, link, validate, then
export and store.

Each article is compiled and validated as its own named graph (with the part of the corpus entity
graph it refers to); outputs are written only when every article conforms, so a failed build never
leaves a half-written graph behind.
"""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from kg import __version__, atomic, export, inputs, store
from kg.article import Article, discover, load_article, mapping_file, unreviewed
from kg.compile import CompiledArticle, compile_article, default_ontology
from kg.compile.coverage import uncovered_sentences
from kg.corpus import ENTITIES_FILE, Resolution, compile_entities, load_entity_list, resolve
from kg.corpus.graph import subset
from kg.corpus.references import check_references
from kg.errors import EXIT_INVALID, KgError
from kg.link.pins import Pins
from kg.namespaces import ENTITIES_GRAPH, ENTITY, RESERVED_SLUGS, entity_iri, graph_iri
from kg.outputs import OutputSet
from kg.validate import Memo, Report, validate_all

PINS_FILE = "wikidata-pins.yaml"


@dataclass
class ArticleResult:
    slug: str
    folder: Path
    triples: int
    report: Report
    sentences: int
    uncovered: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # "file:line: ..." from loading and compiling


@dataclass
class BuildResult:
    articles: list[ArticleResult] = field(default_factory=list)
    graphs: dict[URIRef, Graph] = field(default_factory=dict)
    outputs: list[Path] = field(default_factory=list)
    link_summary: object = None
    resolution: Resolution | None = None
    unchanged: bool = False  # nothing the build reads changed since the last one: no work was done
    drafts: list[Path] = field(default_factory=list)  # folders with only an unreviewed draft: built with --drafts, else skipped

    def article_graphs(self, slug: str) -> dict[URIRef, Graph]:
        """One article's named graph and the part of the entity graph it refers to."""
        graph = self.graphs[graph_iri(slug)]
        entities = entity_refs(graph, self.graphs.get(ENTITIES_GRAPH, Graph()))
        return {graph_iri(slug): graph, **({ENTITIES_GRAPH: entities} if len(entities) else {})}

    @property
    def conforms(self) -> bool:
        return all(a.report.conforms for a in self.articles)

    @property
    def triples(self) -> int:
        return sum(len(g) for g in self.graphs.values())

    @property
    def article_count(self) -> int:
        return sum(1 for name in self.graphs if name != ENTITIES_GRAPH)


@dataclass
class Corpus:
    """Every article of the folder, loaded, and what their nodes resolve to."""

    articles: list[Article]
    resolution: Resolution


def load_corpus(articles_dir: Path, pins_path: Path | None = None, drafts: bool = False) -> Corpus:
    """``drafts`` also loads folders that hold only an unreviewed ``mapping.draft.yaml``."""
    articles_dir = Path(articles_dir)
    articles = [load_article(folder, mapping_file(folder, drafts)) for folder in discover(articles_dir, drafts)]
    seen: dict[str, Article] = {}
    for article in articles:
        if article.slug in RESERVED_SLUGS:
            raise KgError(f"{article.where('article', 'slug')}: slug '{article.slug}' is reserved (it names the corpus entity graph)")
        if article.slug in seen:
            raise KgError(f"{articles_dir}: two articles share the slug '{article.slug}' "
                          f"({seen[article.slug].folder.name} and {article.folder.name})")
        seen[article.slug] = article
    articles.sort(key=lambda a: a.slug)
    entity_list = load_entity_list(articles_dir / ENTITIES_FILE)
    if pins_path is not None and not Path(pins_path).is_file():
        raise KgError(f"{pins_path}: no such pin file (--pins / KG_PINS)")
    pins = Pins.load(pins_path if pins_path is not None else articles_dir / PINS_FILE)
    return Corpus(articles, resolve(articles, entity_list, pins, default_ontology()))


def compile_corpus(corpus: Corpus) -> tuple[list[CompiledArticle], Graph]:
    """The article graphs and the corpus entity graph."""
    ontology = default_ontology()
    compiled = [compile_article(article, ontology, corpus.resolution) for article in corpus.articles]
    check_references(compiled)
    used = set().union(*(c.entities for c in compiled)) if compiled else set()
    return compiled, compile_entities(corpus.resolution, used, ontology)


def select(compiled: list[CompiledArticle], only: str | None, articles_dir: Path) -> list[CompiledArticle]:
    if only is None:
        return compiled
    chosen = [c for c in compiled if only in (c.slug, c.article.folder.name)]
    if not chosen:
        if any(only == f.name for f in unreviewed(articles_dir)):
            raise KgError(f"{articles_dir}: '{only}' has only an unreviewed draft; review and rename it, or use --drafts")
        raise KgError(f"{articles_dir}: no article with folder or slug '{only}'")
    return chosen


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


def build(articles_dir: Path, out_dir: Path | None, only: str | None = None, linker=None, store_dir: Path | None = None,
          pins_path: Path | None = None, drafts: bool = False, mode: str = "", jobs: int = 1,
          progress=None, fetches: bool = False) -> BuildResult:
    """Build the whole corpus. ``only`` names the article to report on; the output is always the corpus.

    ``linker`` (a callable over the compiled articles and the entity graph) adds Wikidata links before
    validation; ``drafts`` also builds folders that hold only an unreviewed ``mapping.draft.yaml``.
    With ``out_dir``, the build holds the folder's lock, skips all work when nothing it reads changed
    since the last build (``mode`` describes the options that change the output, such as linking;
    ``fetches`` says the linker may ask Wikidata, so a last build that lacked answers is redone), and
    switches the output set (Turtle, TriG, store) as one step. ``jobs`` validates articles in parallel.
    """
    if out_dir is None:
        return _build(articles_dir, only, linker, pins_path, drafts, jobs, progress)
    outputs = OutputSet(out_dir)
    with outputs.lock():
        fingerprint = inputs.fingerprint(articles_dir)  # what the build reads, taken before it reads it
        key = build_key(fingerprint, pins_path, drafts, mode)
        previous = outputs.current()
        if previous is not None and only is None and _unchanged(previous, key, linker is not None and fetches):
            return BuildResult(unchanged=True, outputs=[Path(out_dir) / n for n in ("kg.ttl", "kg.trig")])
        memo = Memo(outputs.state / "validated")
        result = _build(articles_dir, only, linker, pins_path, drafts, jobs, progress, memo)
        memo.prune()
        if not result.conforms:
            return result
        with outputs.new_generation() as (folder, switched):
            for name, fmt in (("kg.ttl", "turtle"), ("kg.trig", "trig")):
                export.export(result.graphs, export.get_format(fmt), folder / name)
            inside = store_dir is None or Path(store_dir) == Path(out_dir) / "store"
            if inside:
                store.load(folder / "store", folder / "kg.trig")
            atomic.write_text(folder / "kg.inputs.sha256", fingerprint + "\n")
            complete = result.link_summary is None or not result.link_summary.lacks_answers
            atomic.write_text(folder / "kg.build-key", json.dumps({"key": key, "links_complete": complete,
                                                                   "articles": result.article_count}) + "\n")
            outputs.switch(folder, switched)
        if not inside:  # KG_STORE: a store outside the output set, loaded from the new TriG
            store.load(store_dir, Path(out_dir) / "kg.trig")
        result.outputs = [Path(out_dir) / n for n in ("kg.ttl", "kg.trig")]
        return result


def build_key(fingerprint: str, pins_path: Path | None, drafts: bool, mode: str) -> str:
    """Everything a build's output depends on, but the Wikidata cache: the inputs (``fingerprint``)
    and the options."""
    digest = hashlib.sha256(fingerprint.encode())
    if pins_path is not None and Path(pins_path).is_file():
        digest.update(Path(pins_path).read_bytes())
    digest.update(f"\0{__version__}\0{drafts}\0{mode}".encode())
    return digest.hexdigest()


def _unchanged(previous: Path, key: str, fetches: bool) -> bool:
    """The last build read the same inputs with the same options, and (when this one may ask
    Wikidata) it was not missing answers that this build might now get."""
    try:
        recorded = json.loads((previous / "kg.build-key").read_text())
    except (OSError, ValueError):
        return False
    return recorded.get("key") == key and (recorded.get("links_complete", False) or not fetches)


def _build(articles_dir, only, linker, pins_path, drafts, jobs, progress, memo=None) -> BuildResult:
    corpus = load_corpus(articles_dir, pins_path, drafts)
    compiled, entities = compile_corpus(corpus)
    reported = select(compiled, only, articles_dir)
    result = BuildResult(resolution=corpus.resolution, drafts=unreviewed(articles_dir))
    if linker is not None:
        result.link_summary = linker(compiled, entities, corpus.resolution.entity_list.language)
    views = [lambda item=item: article_view(item, entities) for item in compiled]
    keys = [memo.key(item.graph, entity_refs(item.graph, entities, item.entities)) for item in compiled] if memo else None
    for item, report in zip(compiled, validate_all(views, [c.origins for c in compiled], jobs, progress,
                                                   [c.slug for c in compiled], memo, keys)):
        if item in reported or not report.conforms:
            result.articles.append(ArticleResult(item.slug, item.article.folder, len(item.graph), report,
                                                 len(item.article.sentences), uncovered_sentences(item),
                                                 list(item.article.warnings)))
        result.graphs[item.graph_iri] = item.graph
    if len(entities):
        result.graphs[ENTITIES_GRAPH] = entities
    return result


def require_conformance(result: BuildResult) -> None:
    if not result.conforms:
        failed = [a.slug for a in result.articles if not a.report.conforms]
        raise KgError(f"validation failed for: {', '.join(failed)}; nothing written", EXIT_INVALID)
