"""The steps both drivers of the pipeline take over an articles folder, and the in-memory driver.

Two drivers run the stages over a corpus, because two kinds of user need different things of it.
``kg build`` (``kg.build.pipeline``) streams the articles, keeps each one's compiled and linked graph
between builds and works on several processes, so that a large corpus builds in little memory and an
edit rebuilds one article. ``kg link``, the drafter's check and the tests need every compiled article at
once, in memory (``load_corpus``, ``compile_corpus``, ``compile_all`` here). They differ in what they keep,
not in what they compute: both read the entity list and the pins with ``corpus_resolver``, compile each
article with ``compile_one`` and join the compiled articles with ``join``, so they give the same graphs.
"""

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
from kg.resolve import ENTITIES_FILE, Contribution, Resolution, Resolver, combine, load_entity_list
from kg.resolve.tally import Tally
from kg.util.paths import corpus_file

PINS_FILE = "wikidata-pins.yaml"
# a compiled article as the corpus checks see it: slug, folder name, same-event references (where, "slug/claim")
# and its claim ids
Described = tuple[str, str, list[tuple[str, str]], set[str]]


@dataclass
class Corpus:
    """Every article of the folder, loaded, and what their nodes resolve to."""

    articles: list[Article]
    resolution: Resolution
    resolver: Resolver
    folder: Path


def corpus_resolver(articles_dir: Path, pins_path: Path | None) -> tuple[Resolver, Path]:
    """What every article of the folder is resolved against (its entity list and the pins, whose
    classes it checks), and the pins file used."""
    pins_path = pins_file(articles_dir, pins_path)
    entity_list = load_entity_list(corpus_file(articles_dir, ENTITIES_FILE))
    return Resolver(entity_list, Pins.load(pins_path), default_ontology()), pins_path


def compile_one(article: Article, resolver: Resolver) -> tuple[Contribution, CompiledArticle]:
    """An article's part of the corpus resolution, and its graph. The graph's IRIs depend only on the
    article's own mapping, the entity list and the pins, so it is compiled against its own part alone:
    what other articles hold never changes it."""
    check_slug(article)
    contribution = resolver.article(article)
    own = combine([contribution], resolver.list, resolver.pins, resolver.ontology)
    return contribution, compile_article(article, resolver.ontology, own)


def join(
    resolver: Resolver,
    articles_dir: Path,
    compiled: list[Described],
    contributions: list[Contribution],
    used: set[str],
) -> tuple[Resolution, Graph]:
    """The corpus of compiled articles, given as (slug, folder, references, claims): slugs must be
    unique and every same-event reference must name a claim. Gives the corpus resolution and the
    corpus entity graph of the entities the articles ``used``."""
    check_unique([(slug, folder) for slug, folder, _refs, _claims in compiled], Path(articles_dir))
    check_references({slug: (refs, claims) for slug, _folder, refs, claims in compiled})
    resolution = combine(contributions, resolver.list, resolver.pins, resolver.ontology)
    return resolution, compile_entities(resolution, used, resolver.ontology)


def join_tally(
    resolver: Resolver, articles_dir: Path, compiled: list[Described], tally: Tally, used: set[str]
) -> tuple[Resolution, Graph]:
    """``join`` for a build that keeps the corpus resolution between builds (``kg.resolve.tally``):
    the same checks, and the resolution of the contributions added up in ``tally``. ``compiled`` need
    only hold the claims of the articles that others refer to."""
    check_unique([(slug, folder) for slug, folder, _refs, _claims in compiled], Path(articles_dir))
    check_references({slug: (refs, claims) for slug, _folder, refs, claims in compiled})
    resolution = tally.resolution(resolver.list, resolver.pins, resolver.ontology)
    return resolution, compile_entities(resolution, used, resolver.ontology)


def load_corpus(articles_dir: Path, pins_path: Path | None = None, drafts: bool = False) -> Corpus:
    """``drafts`` also loads folders that hold only an unreviewed ``mapping.draft.yaml``."""
    articles_dir = Path(articles_dir)
    resolver, _pins = corpus_resolver(articles_dir, pins_path)
    articles = [load_article(folder, name) for folder, name in articles_in(articles_dir, drafts)]
    for article in articles:
        check_slug(article)
    check_unique([(a.slug, a.folder.name) for a in articles], articles_dir)
    articles.sort(key=lambda a: a.slug)
    contributions = [resolver.article(article) for article in articles]
    resolution = combine(contributions, resolver.list, resolver.pins, resolver.ontology)
    return Corpus(articles, resolution, resolver, articles_dir)


def compile_corpus(corpus: Corpus) -> tuple[list[CompiledArticle], Graph]:
    """The article graphs and the corpus entity graph."""
    made = [compile_one(article, corpus.resolver) for article in corpus.articles]
    compiled = [item for _contribution, item in made]
    used = set().union(*(c.entities for c in compiled)) if compiled else set()
    described = [(c.slug, c.article.folder.name, references_of(c), set(claims_of(c))) for c in compiled]
    _resolution, entities = join(corpus.resolver, corpus.folder, described, [c for c, _ in made], used)
    return compiled, entities


def select(compiled: list, only: str | None, articles_dir: Path) -> list:
    """The article named ``only`` (by slug or folder name) of compiled articles or units."""
    if only is None:
        return compiled
    only = _as_folder_name(only, articles_dir)
    chosen = [c for c in compiled if only in (c.slug, _folder_name(c))]
    if not chosen:
        if any(only == f.name for f in unreviewed(articles_dir)):
            raise KgError(
                f"{articles_dir}: '{only}' has only an unreviewed draft; review and rename it, or use --drafts"
            )
        raise KgError(f"{articles_dir}: no article with folder or slug '{only}'")
    return chosen


def _as_folder_name(only: str, articles_dir: Path) -> str:
    """An article given as its folder's path, as a shell completes it (``articles/000_x/``), is that
    folder's name when the folder is in the articles folder; anything else is left as it was given."""
    path = Path(only)
    if path.name and (path.parent == Path(".") or path.resolve().parent == Path(articles_dir).resolve()):
        return path.name
    return only


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
    return Path(pins_path) if pins_path is not None else corpus_file(articles_dir, PINS_FILE)
