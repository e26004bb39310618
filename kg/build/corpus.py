"""The corpus in memory, every article loaded and compiled at once: for ``kg link``, the drafter and
tests, which need the compiled articles themselves. ``kg build`` streams articles instead
(``kg.build.pipeline``)."""

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef

from kg.compile import CompiledArticle, compile_article, compile_entities
from kg.compile.entities import subset
from kg.compile.references import check_references, claims_of, references_of
from kg.core.errors import KgError
from kg.core.namespaces import ENTITY, RESERVED_SLUGS, entity_iri
from kg.core.ontology import default_ontology
from kg.core.pins import Pins
from kg.load import Article, articles_in, load_article, unreviewed
from kg.resolve import ENTITIES_FILE, Resolution, load_entity_list, resolve

PINS_FILE = "wikidata-pins.yaml"


@dataclass
class Corpus:
    """Every article of the folder, loaded, and what their nodes resolve to."""

    articles: list[Article]
    resolution: Resolution


def load_corpus(articles_dir: Path, pins_path: Path | None = None, drafts: bool = False) -> Corpus:
    """``drafts`` also loads folders that hold only an unreviewed ``mapping.draft.yaml``."""
    articles_dir = Path(articles_dir)
    articles = [load_article(folder, name) for folder, name in articles_in(articles_dir, drafts)]
    for article in articles:
        check_slug(article)
    check_unique([(a.slug, a.folder.name) for a in articles], articles_dir)
    articles.sort(key=lambda a: a.slug)
    entity_list = load_entity_list(articles_dir / ENTITIES_FILE)
    pins = Pins.load(pins_file(articles_dir, pins_path))
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
            raise KgError(
                f"{articles_dir}: '{only}' has only an unreviewed draft; review and rename it, or use --drafts"
            )
        raise KgError(f"{articles_dir}: no article with folder or slug '{only}'")
    return chosen


def _folder_name(item) -> str:
    """A compiled article's folder name, or a build record's (``kg.build.units.CompiledUnit``)."""
    return item.folder if isinstance(getattr(item, "folder", None), str) else item.article.folder.name


def compile_all(
    articles_dir: Path, only: str | None = None, pins_path: Path | None = None, drafts: bool = False
) -> list[CompiledArticle]:
    """Compiled articles (all, or one), for commands that do not need the entity graph."""
    compiled, _entities = compile_corpus(load_corpus(articles_dir, pins_path, drafts))
    return select(compiled, only, articles_dir)


def entity_refs(graph: Graph, entities: Graph, keys: set[str] | None = None) -> Graph:
    """The part of the entity graph that an article graph refers to. ``keys`` (the compiler's record of
    the corpus entities the article names) spares a scan of every term of the graph."""
    if keys is None:
        refs = {
            t
            for t in set(graph.subjects()) | set(graph.objects())
            if isinstance(t, URIRef) and t.startswith(str(ENTITY))
        }
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


def check_slug(article: Article) -> None:
    if article.slug in RESERVED_SLUGS:
        raise KgError(
            f"{article.where('article', 'slug')}: slug '{article.slug}' is reserved (it names the corpus entity graph)"
        )


def check_unique(slugs: list[tuple[str, str]], articles_dir: Path) -> None:
    seen: dict[str, str] = {}
    for slug, folder in slugs:
        if slug in seen:
            raise KgError(f"{articles_dir}: two articles share the slug '{slug}' ({seen[slug]} and {folder})")
        seen[slug] = folder


def pins_file(articles_dir: Path, pins_path: Path | None) -> Path:
    if pins_path is not None and not Path(pins_path).is_file():
        raise KgError(f"{pins_path}: no such pin file (--pins / KG_PINS)")
    return Path(pins_path) if pins_path is not None else Path(articles_dir) / PINS_FILE
