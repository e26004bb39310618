"""Compile a loaded article into its RDF graph: entities, claims, evidence spans and sentences.

Everything is minted from the article slug and the mapping's local ids, so the same input always
gives the same IRIs; no blank nodes are created, which keeps the output byte-stable and lets a store
replace one article's graph without touching the others.
"""

import re
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from kg.article import Article, Span
from kg.article.model import Node
from kg.compile.ontology import Ontology, Term, default_ontology
from kg.errors import KgError
from kg.namespaces import DKG, NIF, article_iri, bind_prefixes, graph_iri, node_iri, text_iri

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


def _index(value: int) -> Literal:
    return Literal(value, datatype=XSD.nonNegativeInteger)


class _Compiler:
    def __init__(self, article: Article, ontology: Ontology):
        self.article = article
        self.ontology = ontology
        self.slug = article.slug
        self.graph = Graph()
        bind_prefixes(self.graph)
        self.article_iri = article_iri(self.slug)
        self.context = text_iri(self.slug, 0, len(article.text))
        self.lang = article.mapping.article.language

    # -- references -------------------------------------------------------------------------------
    def ref(self, node_id, *at) -> URIRef:
        if node_id == "article":
            return self.article_iri
        if not isinstance(node_id, str) or node_id not in self.article.mapping.nodes:
            raise KgError(f"{self.article.where(*at)}: unknown node '{node_id}'")
        return node_iri(self.slug, node_id)

    # -- text -------------------------------------------------------------------------------------
    def span(self, span: Span) -> URIRef:
        iri = text_iri(self.slug, span.begin, span.end)
        g = self.graph
        g.add((iri, RDF.type, DKG.TextSpan))
        g.add((iri, NIF.beginIndex, _index(span.begin)))
        g.add((iri, NIF.endIndex, _index(span.end)))
        g.add((iri, NIF.anchorOf, Literal(span.text)))
        g.add((iri, NIF.referenceContext, self.context))
        for begin, end in self.article.sentences:
            if begin < span.end and span.begin < end:
                g.add((iri, DKG.sentence, text_iri(self.slug, begin, end)))
        return iri

    def text(self) -> None:
        g, text = self.graph, self.article.text
        g.add((self.context, RDF.type, NIF.Context))
        g.add((self.context, NIF.isString, Literal(text)))
        g.add((self.context, NIF.beginIndex, _index(0)))
        g.add((self.context, NIF.endIndex, _index(len(text))))
        for begin, end in self.article.sentences:
            iri = text_iri(self.slug, begin, end)
            g.add((iri, RDF.type, DKG.Sentence))
            g.add((iri, NIF.beginIndex, _index(begin)))
            g.add((iri, NIF.endIndex, _index(end)))
            g.add((iri, NIF.anchorOf, Literal(text[begin:end])))
            g.add((iri, NIF.referenceContext, self.context))

    # -- the article node -------------------------------------------------------------------------
    def article_node(self) -> None:
        meta, g, a = self.article.mapping.article, self.graph, self.article_iri
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
        for i, heading in enumerate(meta.sections, start=1):
            span = self.article.locate(heading, "article", "sections", i - 1)
            section = node_iri(self.slug, f"section-{i}")
            g.add((a, DKG.section, section))
            g.add((section, RDF.type, DKG.ArticleSection))
            g.add((section, DCTERMS.title, Literal(span.text, lang=self.lang)))
            g.add((section, DKG.heading, self.span(span)))

    # -- entities and claims ----------------------------------------------------------------------
    def node(self, node_id: str, node: Node) -> None:
        at = ("nodes", node_id)
        g, iri = self.graph, node_iri(self.slug, node_id)
        classes = []
        for name in node.a:
            cls = self.ontology.term(name)
            if cls is None or cls.kind != "class":
                raise KgError(f"{self.article.where(*at, 'a')}: unknown class '{name}' (not in the ontology)")
            classes.append(cls.iri)
            g.add((iri, RDF.type, cls.iri))
        kind = " / ".join(node.a)
        if node.label:
            g.add((iri, RDFS.label, Literal(node.label, lang=self.lang)))
        for alias in node.aliases:
            g.add((iri, SKOS.altLabel, Literal(alias, lang=self.lang)))
        for i, mention in enumerate(node.mentions):
            g.add((iri, DKG.mention, self.span(self.article.locate(mention, *at, "mentions", i))))
        if any(self.ontology.is_claim_class(c) for c in classes):
            self.claim(iri, node, at, kind)
        else:
            for key in ("evidence", "status", "according_to", "reported_by"):
                if getattr(node, key):
                    raise KgError(f"{self.article.where(*at, key)}: '{key}' applies only to claims, not to a {kind}")
        for key, value in sorted(node.properties.items()):
            self.property(iri, key, value, at + (key,))

    def claim(self, iri: URIRef, node: Node, at: tuple, kind: str) -> None:
        g, defaults = self.graph, self.article.mapping.article.defaults
        if not node.evidence:
            raise KgError(f"{self.article.where(*at)}: a {kind} is a claim and needs 'evidence' (a quote)")
        if node.status is None:
            raise KgError(f"{self.article.where(*at)}: a {kind} is a claim and needs a 'status'")
        for i, evidence in enumerate(node.evidence):
            g.add((iri, DKG.evidence, self.span(self.article.locate(evidence, *at, "evidence", i))))
        g.add((iri, DKG.status, STATUS_TERMS[node.status]))
        g.add((iri, DKG.statedIn, self.article_iri))
        according_to = node.according_to or defaults.according_to
        if according_to is None:
            raise KgError(f"{self.article.where(*at)}: no 'according_to' and no default in article.defaults")
        g.add((iri, DKG.accordingTo, self.ref(according_to, *at, "according_to")))
        reported_by = node.reported_by or defaults.reported_by
        if reported_by is not None:
            g.add((iri, DKG.reportedBy, self.ref(reported_by, *at, "reported_by")))

    def property(self, subject: URIRef, key: str, value, at: tuple) -> None:
        term = self.ontology.term(key)
        if term is None or term.kind == "class" or key in _RESERVED:
            raise KgError(f"{self.article.where(*at)}: unknown property '{key}' (not in the ontology)")
        for item in value if isinstance(value, list) else [value]:
            if term.kind == "object":
                self.graph.add((subject, term.iri, self.ref(item, *at)))
            else:
                self.graph.add((subject, term.iri, self.literal(term, item, at)))

    def literal(self, term: Term, value, at: tuple) -> Literal:
        datatype = self.ontology.literal_datatype(term)
        bad = KgError(f"{self.article.where(*at)}: '{value}' is not a valid {datatype.n3(self.graph.namespace_manager)}")
        if datatype == XSD.string:
            if not isinstance(value, str):
                raise bad
            return Literal(value)
        if datatype == XSD.boolean:
            if not isinstance(value, bool):
                raise bad
            return Literal(value)
        if datatype == XSD.gYear:
            if not re.fullmatch(r"-?\d{4}", str(value)):
                raise bad
            return Literal(str(value), datatype=XSD.gYear)
        if datatype in (XSD.integer, XSD.nonNegativeInteger):
            if isinstance(value, bool) or not isinstance(value, int):
                raise bad
            return Literal(value, datatype=datatype)
        if datatype == XSD.decimal:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise bad
            return Literal(str(value), datatype=XSD.decimal)
        return Literal(str(value), datatype=datatype)

    def run(self) -> CompiledArticle:
        self.text()
        self.article_node()
        for node_id, node in sorted(self.article.mapping.nodes.items()):
            self.node(node_id, node)
        return CompiledArticle(self.slug, graph_iri(self.slug), self.graph, self.article)


def compile_article(article: Article, ontology: Ontology | None = None) -> CompiledArticle:
    return _Compiler(article, ontology or default_ontology()).run()
