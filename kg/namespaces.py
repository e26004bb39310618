"""The IRIs kg mints and the vocabularies it writes, in one place.

Closed rdflib namespaces make a misspelled term fail at import time rather than produce a silent typo
in the graph.
"""

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

BASE = "https://w3id.org/diplokg/"
DKG = Namespace(BASE + "ontology#")
ONTOLOGY_IRI = URIRef(BASE + "ontology")
ID = Namespace(BASE + "id/")
GRAPH = Namespace(BASE + "graph/")
ENTITY = Namespace(BASE + "entity/")
ENTITIES_GRAPH = GRAPH["entities"]  # the corpus entity graph; "entities" is therefore not a valid slug
RESERVED_SLUGS = ("entities",)
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
GAF = Namespace("http://groundedannotationframework.org/gaf#")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
WD = Namespace("http://www.wikidata.org/entity/")
SH = Namespace("http://www.w3.org/ns/shacl#")

PREFIXES = {
    "dkg": DKG,
    "nif": NIF,
    "schema": SCHEMA,
    "org": ORG,
    "prov": PROV,
    "sem": SEM,
    "gaf": GAF,
    "geo": GEO,
    "wd": WD,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
}


def article_iri(slug: str) -> URIRef:
    return ID[slug]


def node_iri(slug: str, local_id: str) -> URIRef:
    return ID[f"{slug}/{local_id}"]


def entity_iri(key: str) -> URIRef:
    """A corpus entity: named by its entity-list id (or its pinned item and class), never by an article."""
    return ENTITY[key]


def graph_iri(slug: str) -> URIRef:
    return GRAPH[slug]


def text_iri(slug: str, begin: int, end: int) -> URIRef:
    """RFC 5147 fragment on the article's text resource, as NIF 2.0 does."""
    return ID[f"{slug}/text#char={begin},{end}"]


def bind_prefixes(graph) -> None:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)


