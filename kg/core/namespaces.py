"""The IRIs kg mints and the vocabularies it writes, in one place."""

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD


class Vocabulary(Namespace):
    """An rdflib namespace that makes each of its terms once. rdflib's makes a new URIRef (checking
    the IRI) on every ``DKG.Visit``, and the compiler asks for its terms about 2,000 times an article;
    a term made once is also found in graph indexes by identity, without rdflib's Python-level
    equality."""

    def __getattr__(self, name: str) -> URIRef:
        term = super().__getattr__(name)  # names starting "__" stay attribute errors
        self.__dict__[name] = term
        return term


class Remembered:
    """One of rdflib's closed vocabularies (``RDF``, ``RDFS`` ...), each term asked for once. rdflib's
    ``DefinedNamespace`` checks the name and makes a new URIRef on every ``RDF.type`` (about a tenth of
    compiling an article); this asks it the first time, so an unknown name is still caught as rdflib
    catches it, and keeps the term."""

    def __init__(self, vocabulary):
        self._vocabulary = vocabulary

    def __getattr__(self, name: str) -> URIRef:
        term = getattr(self._vocabulary, name)
        if isinstance(term, URIRef):
            self.__dict__[name] = term
        return term

    def __getitem__(self, name: str) -> URIRef:
        return self._vocabulary[name]

    def __str__(self) -> str:
        return str(self._vocabulary)


# the closed vocabularies kg writes, for code that asks for their terms often (the compiler, linking)
TERMS_RDF, TERMS_RDFS, TERMS_XSD = Remembered(RDF), Remembered(RDFS), Remembered(XSD)
TERMS_DCTERMS, TERMS_SKOS, TERMS_OWL, TERMS_PROV = (
    Remembered(DCTERMS),
    Remembered(SKOS),
    Remembered(OWL),
    Remembered(PROV),
)

BASE = "https://w3id.org/diplokg/"
DKG = Vocabulary(BASE + "ontology#")
ONTOLOGY_IRI = URIRef(BASE + "ontology")
ID = Vocabulary(BASE + "id/")
GRAPH = Vocabulary(BASE + "graph/")
ENTITY = Vocabulary(BASE + "entity/")
ENTITIES_GRAPH = GRAPH["entities"]  # the corpus entity graph; "entities" is therefore not a valid slug
RESERVED_SLUGS = ("entities",)
NIF = Vocabulary("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SCHEMA = Vocabulary("https://schema.org/")
ORG = Vocabulary("http://www.w3.org/ns/org#")
SEM = Vocabulary("http://semanticweb.cs.vu.nl/2009/11/sem/")
GAF = Vocabulary("http://groundedannotationframework.org/gaf#")
GEO = Vocabulary("http://www.opengis.net/ont/geosparql#")
WD = Vocabulary("http://www.wikidata.org/entity/")
SH = Vocabulary("http://www.w3.org/ns/shacl#")

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
