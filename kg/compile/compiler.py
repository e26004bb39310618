"""Compile a loaded article into its RDF graph: entities, claims, evidence spans and sentences.

Everything is minted from the article slug and the mapping's local ids, or, for a node resolved to a
corpus entity, from the entity list (``kg.resolve``), so the same input always gives the same IRIs; no
blank nodes are created, which keeps the output byte-stable and lets a store replace one article's graph
without touching the others.
"""

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import cast

from rdflib import Graph, Literal, URIRef

from kg.compile.mentions import find_mentions, named_entities
from kg.core.checks import domain_error, range_error
from kg.core.errors import KgError
from kg.core.namespaces import (
    BASE,
    DKG,
    NIF,
    ONTOLOGY_IRI,
    SCHEMA,
    article_iri,
    bind_prefixes,
    entity_iri,
    graph_iri,
    node_iri,
    text_iri,
)
from kg.core.namespaces import TERMS_DCTERMS as DCTERMS
from kg.core.namespaces import TERMS_OWL as OWL
from kg.core.namespaces import TERMS_RDF as RDF
from kg.core.namespaces import TERMS_RDFS as RDFS
from kg.core.namespaces import TERMS_SKOS as SKOS
from kg.core.namespaces import TERMS_XSD as XSD
from kg.core.ontology import Ontology, Term, default_ontology
from kg.load import Article, Span
from kg.load.model import Node
from kg.rdf.graphstore import new_graph

# the data of a build as one OWL ontology (the ontology header of every article's graph)
DATA_ONTOLOGY = URIRef(BASE + "data")
STATUS_TERMS = {
    "planned": DKG.planned,
    "expected": DKG.expected,
    "possible": DKG.possible,
    "happened": DKG.happened,
    "ongoing": DKG.ongoing,
    "cancelled": DKG.cancelled,
    "not-happened": DKG.notHappened,
    "in-force": DKG.inForce,
}
_RESERVED = {"article"}


@dataclass
class CompiledArticle:
    slug: str
    graph_iri: URIRef
    graph: Graph
    article: Article
    entities: set[str] = field(default_factory=set)  # keys of the corpus entities this article refers to
    # every IRI the compiler minted or described -> "mapping.yaml:line" of the node or quote that made it,
    # so that a SHACL finding can name the line to fix
    origins: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=4096)
def _index(value: int) -> Literal:
    return Literal(value, datatype=XSD.nonNegativeInteger)


class _Compiler:
    def __init__(self, article: Article, ontology: Ontology, resolution):
        self.article = article
        self.ontology = ontology
        self.resolution = resolution
        self.entities: set[str] = set()
        self.slug = article.slug
        # the compiled graph is one graph, read and converted to N-Triples: the lean one-graph store
        # adds a triple at about a third of the cost of rdflib's context-aware default
        self.graph = new_graph()
        bind_prefixes(self.graph)
        self.article_iri = article_iri(self.slug)
        self.context = text_iri(self.slug, 0, len(article.text))
        self.lang = article.mapping.article.language
        self.origins: dict[str, str] = {}

    def origin(self, iri: URIRef, *at) -> None:
        self.origins.setdefault(str(iri), self.article.where(*at))

    # -- references -------------------------------------------------------------------------------
    def iri(self, node_id: str) -> URIRef:
        shared = self.resolution.shared(self.slug, node_id)
        if shared is None:
            return node_iri(self.slug, node_id)
        self.entities.add(shared.key)
        return shared.iri

    def ref(self, node_id, *at) -> URIRef:
        """A local node id, else an id of the corpus entity list."""
        if node_id == "article":
            return self.article_iri
        if isinstance(node_id, str) and node_id in self.article.mapping.nodes:
            return self.iri(node_id)
        if isinstance(node_id, str) and node_id in self.resolution.entity_list:
            self.entities.add(node_id)
            self.origin(entity_iri(node_id), *at)
            return entity_iri(node_id)
        raise KgError(
            f"{self.article.where(*at)}: unknown node '{node_id}' "
            "(not a node of this mapping nor an entity of the entity list)"
        )

    def classes_of(self, node_id: str) -> list[URIRef]:
        """The ontology classes of what a reference names (for range checks); unknown names give none."""
        if node_id == "article":
            return [DKG.NewsArticle]
        if node_id in self.article.mapping.nodes:
            names = self.article.mapping.nodes[node_id].a
        else:
            names = self.resolution.entity_list.entries[node_id].a
        terms = [self.ontology.term(name) for name in names]
        return [t.iri for t in terms if t is not None and t.kind == "class"]

    # -- text -------------------------------------------------------------------------------------
    def span(self, span: Span, *at) -> URIRef:
        iri = text_iri(self.slug, span.begin, span.end)
        if at:
            self.origin(iri, *at)
        g = self.graph
        _nif_string(g, iri)
        g.add((iri, RDF.type, DKG.TextSpan))
        g.add((iri, NIF.beginIndex, _index(span.begin)))
        g.add((iri, NIF.endIndex, _index(span.end)))
        g.add((iri, NIF.anchorOf, Literal(span.text)))
        g.add((iri, NIF.referenceContext, self.context))
        for begin, end in self.article.sentences_overlapping(span.begin, span.end):
            if (begin, end) != (span.begin, span.end):  # a span that is a whole sentence is that sentence
                g.add((iri, DKG.sentence, text_iri(self.slug, begin, end)))
        return iri

    # -- the article node -------------------------------------------------------------------------
    def article_node(self) -> None:
        meta, g, a = self.article.mapping.article, self.graph, self.article_iri
        self.origin(a, "article")
        self.origin(self.context, "article", "text")
        g.add((a, RDF.type, DKG.NewsArticle))
        g.add((a, DKG.text, self.context))
        g.add((a, DCTERMS.language, Literal(meta.language)))
        if meta.title:
            g.add((a, DCTERMS.title, Literal(meta.title, lang=self.lang)))
        for key, prop in (
            ("publisher", DKG.publisher),
            ("translated_by", DKG.translatedBy),
            ("original_report_by", DKG.originalReportBy),
            ("responsible_party", DKG.responsibleParty),
        ):
            value = getattr(meta, key)
            if value is not None:
                g.add((a, prop, self.ref(value, "article", key)))
        if meta.verified_by_publisher is not None:
            g.add((a, DKG.verifiedByPublisher, Literal(meta.verified_by_publisher)))
        if meta.published is not None:
            g.add((a, DCTERMS.issued, _date(meta.published)))
        if meta.url is not None:
            g.add((a, SCHEMA.url, URIRef(meta.url)))
        if meta.license is not None:
            g.add((a, DCTERMS.license, URIRef(meta.license)))
        for i, author in enumerate(meta.author):
            g.add((a, DCTERMS.creator, self.ref(author, "article", "author", i)))
        if meta.has_original:
            _original_work(self)
        for i, heading in enumerate(meta.sections, start=1):
            span = self.article.locate(heading, "article", "sections", i - 1)
            section = node_iri(self.slug, f"section-{i}")
            self.origin(section, "article", "sections", i - 1)
            g.add((a, DKG.section, section))
            g.add((section, RDF.type, DKG.ArticleSection))
            g.add((section, DCTERMS.title, Literal(span.text, lang=self.lang)))
            g.add((section, DKG.heading, self.span(span, "article", "sections", i - 1)))

    # -- entities and claims ----------------------------------------------------------------------
    def node(self, node_id: str, node: Node) -> None:
        at = ("nodes", node_id)
        g, iri = self.graph, self.iri(node_id)
        self.origin(iri, *at)
        # a corpus entity's class, label and aliases are stated once, in the entity graph
        local = self.resolution.shared(self.slug, node_id) is None
        classes = []
        for name in node.a:
            cls = self.ontology.term(name)
            if cls is None or cls.kind != "class":
                raise KgError(f"{self.article.where(*at, 'a')}: unknown class '{name}' (not in the ontology)")
            classes.append(cls.iri)
            if local:
                g.add((iri, RDF.type, cls.iri))
        kind = " / ".join(node.a)
        if node.label and local:
            g.add((iri, RDFS.label, Literal(node.label, lang=self.lang)))
        for alias in node.aliases if local else ():
            g.add((iri, SKOS.altLabel, Literal(alias, lang=self.lang)))
        for i, mention in enumerate(node.mentions):
            where = (*at, "mentions", i)
            g.add((iri, DKG.mention, self.span(self.article.locate(mention, *where), *where)))
        if any(self.ontology.is_claim_class(c) for c in classes):
            self.claim(iri, node, at, kind)
        else:
            for key in ("evidence", "status", "according_to", "reported_by", "same_event_as"):
                if getattr(node, key):
                    raise KgError(f"{self.article.where(*at, key)}: '{key}' applies only to claims, not to a {kind}")
        for key, value in sorted(node.properties.items()):
            self.property(iri, key, value, at + (key,), classes, kind, node.properties)

    def claim(self, iri: URIRef, node: Node, at: tuple, kind: str) -> None:
        g, defaults = self.graph, self.article.mapping.article.defaults
        if not node.evidence:
            raise KgError(f"{self.article.where(*at)}: a {kind} is a claim and needs 'evidence' (a quote)")
        if node.status is None:
            raise KgError(f"{self.article.where(*at)}: a {kind} is a claim and needs a 'status'")
        for i, evidence in enumerate(node.evidence):
            where = (*at, "evidence", i)
            g.add((iri, DKG.evidence, self.span(self.article.locate(evidence, *where), *where)))
        g.add((iri, DKG.status, STATUS_TERMS[node.status]))
        g.add((iri, DKG.statedIn, self.article_iri))
        according_to = node.according_to or defaults.according_to
        if according_to is None:
            raise KgError(f"{self.article.where(*at)}: no 'according_to' and no default in article.defaults")
        g.add((iri, DKG.accordingTo, self.ref(according_to, *at, "according_to")))
        reported_by = node.reported_by or defaults.reported_by
        if reported_by is not None:
            g.add((iri, DKG.reportedBy, self.ref(reported_by, *at, "reported_by")))
        for ref in node.same_event_as:
            # checked against the other article when the corpus is assembled (kg.compile.references)
            other_slug, other_id = ref.split("/")
            g.add((iri, DKG.sameEventAs, node_iri(other_slug, other_id)))

    def property(
        self, subject: URIRef, key: str, value, at: tuple, classes: list[URIRef], kind: str, given: dict | None = None
    ) -> None:
        """``classes``/``kind``: the node's, for the domain check; ``given``: its other properties."""
        term = self.ontology.term(key)
        if term is None or term.kind == "class" or key in _RESERVED:
            raise KgError(f"{self.article.where(*at)}: unknown property '{key}' (not in the ontology)")
        problem = domain_error(self.ontology, term, key, classes, kind)
        if problem:
            raise KgError(f"{self.article.where(*at)}: {problem}")
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            where = at + (i,) if isinstance(value, list) else at
            if term.kind == "object" and term.range == RDF.Property:
                self.graph.add((subject, term.iri, self.role(item, given or {}, where)))
            elif term.kind == "object":
                target = self.ref(item, *where)
                problem = range_error(self.ontology, term, key, item, self.classes_of(item))
                if problem:
                    raise KgError(f"{self.article.where(*where)}: {problem}")
                self.graph.add((subject, term.iri, target))
            else:
                self.graph.add((subject, term.iri, self.literal(term, item, where)))

    def role(self, name, given: dict, at: tuple) -> URIRef:
        """A property named as a value (``unstated: actor``): it must be an object property of the ontology
        that the node does not also give."""
        term = self.ontology.term(name) if isinstance(name, str) else None
        if term is None or term.kind != "object":
            raise KgError(f"{self.article.where(*at)}: '{name}' is not an object property of the ontology")
        if name in given:
            raise KgError(f"{self.article.where(*at)}: '{name}' is given and also said to be unstated")
        return term.iri

    def literal(self, term: Term, value, at: tuple) -> Literal:
        try:
            return self.ontology.literal(term, value)
        except ValueError as exc:
            raise KgError(f"{self.article.where(*at)}: {exc}") from None

    def check_classes(self) -> None:
        """Every class name first, so a typo is reported at its own line, not where a range check
        meets the node it left without a class."""
        for node_id, node in sorted(self.article.mapping.nodes.items()):
            for i, name in enumerate(node.a):
                cls = self.ontology.term(name)
                if cls is None or cls.kind != "class":
                    at = ("nodes", node_id, "a") + ((i,) if len(node.a) > 1 else ())
                    raise KgError(f"{self.article.where(*at)}: unknown class '{name}' (not in the ontology)")

    def run(self) -> CompiledArticle:
        self.check_classes()
        _header(self.graph)
        _text_nodes(self.graph, self.context, self.slug, self.article)
        self.article_node()
        for node_id, node in sorted(self.article.mapping.nodes.items()):
            self.node(node_id, node)
        self.mentions()
        return CompiledArticle(self.slug, graph_iri(self.slug), self.graph, self.article, self.entities, self.origins)

    def mentions(self) -> None:
        """Automatic mentions (``kg.compile.mentions``), after every listed one is known."""
        g, text = self.graph, self.article.text
        claimed = [(*offsets(g, span), cast(URIRef, entity)) for entity, span in g.subject_objects(DKG.mention)]
        entities = named_entities(self.article, self.ontology, self.resolution, self.iri, set(self.entities))
        where = {e.iri: e.where for e in entities}
        for iri, spans in sorted(find_mentions(text, entities, claimed).items()):
            for begin, end in spans:
                g.add((iri, DKG.mention, self.span(Span(begin, end, text[begin:end]), *where[iri])))


def _header(g: Graph) -> None:
    """The data is an OWL ontology that imports the kg ontology: without the import, OWL tools read every
    dkg: assertion of the data alone as an annotation. One IRI for the data of every article, so that
    kg.ttl, the union of the graphs, has one ontology header (OWL's RDF mapping expects one a document)."""
    g.add((DATA_ONTOLOGY, RDF.type, OWL.Ontology))
    g.add((DATA_ONTOLOGY, OWL.imports, ONTOLOGY_IRI))


def _nif_string(g: Graph, iri: URIRef) -> None:
    """Every span, sentence and context is a NIF string with an RFC 5147 IRI (``#char=begin,end``), typed
    so in the data, for NIF consumers that do not read the ontology's subclass axioms."""
    g.add((iri, RDF.type, NIF.String))
    g.add((iri, RDF.type, NIF.RFC5147String))


def _text_nodes(g: Graph, context: URIRef, slug: str, article: Article) -> None:
    """The text as a NIF context, and each sentence as a string of it."""
    text = article.text
    _nif_string(g, context)
    g.add((context, RDF.type, NIF.Context))
    g.add((context, NIF.isString, Literal(text)))
    g.add((context, NIF.beginIndex, _index(0)))
    g.add((context, NIF.endIndex, _index(len(text))))
    for begin, end in article.sentences:
        iri = text_iri(slug, begin, end)
        _nif_string(g, iri)
        g.add((iri, RDF.type, NIF.Sentence))
        g.add((iri, RDF.type, DKG.Sentence))
        g.add((iri, NIF.beginIndex, _index(begin)))
        g.add((iri, NIF.endIndex, _index(end)))
        g.add((iri, NIF.anchorOf, Literal(text[begin:end])))
        g.add((iri, NIF.referenceContext, context))


def _original_work(compiler: "_Compiler") -> None:
    """The work an article translates, described only by what the mapping gives."""
    meta, g = compiler.article.mapping.article, compiler.graph
    original = URIRef(f"{compiler.article_iri}#original")
    compiler.origin(original, "article", "original_report_by")
    g.add((compiler.article_iri, SCHEMA.translationOfWork, original))
    g.add((original, RDF.type, SCHEMA.NewsArticle))
    if meta.original_language:
        g.add((original, DCTERMS.language, Literal(meta.original_language)))
    if meta.original_title:
        g.add((original, DCTERMS.title, Literal(meta.original_title, lang=meta.original_language)))
    if meta.original_url:
        g.add((original, SCHEMA.url, URIRef(meta.original_url)))
    if meta.original_published is not None:
        g.add((original, DCTERMS.issued, _date(meta.original_published)))
    if meta.original_report_by is not None:
        g.add((original, DCTERMS.publisher, compiler.ref(meta.original_report_by, "article", "original_report_by")))


def _date(value: dt.date | dt.datetime) -> Literal:
    datatype = XSD.dateTime if isinstance(value, dt.datetime) else XSD.date
    return Literal(value.isoformat(), datatype=datatype)


def compile_article(article: Article, ontology: Ontology | None = None, resolution=None) -> CompiledArticle:
    """``resolution`` (from ``kg.resolve.resolve``) says which nodes are corpus entities; without one,
    every node is local to the article, as when an article is compiled on its own."""
    if resolution is None:
        from kg.resolve.entities import EntityList
        from kg.resolve.resolve import Resolution

        resolution = Resolution(EntityList())
    return _Compiler(article, ontology or default_ontology(), resolution).run()


def offsets(graph: Graph, span) -> tuple[int, int]:
    """A compiled span's begin and end (the compiler writes both, as integers, on every span)."""
    return int(cast(Literal, graph.value(span, NIF.beginIndex))), int(cast(Literal, graph.value(span, NIF.endIndex)))
