"""The IRIs the site reads, as plain strings.

The site does not import rdflib (``kg site`` stays quick to start); a test checks that these agree
with ``kg.core.namespaces``.
"""

BASE = "https://w3id.org/diplokg/"
DKG = BASE + "ontology#"
ONTOLOGY_IRI = BASE + "ontology"
GRAPH = BASE + "graph/"
ENTITIES_GRAPH = GRAPH + "entities"
WD = "http://www.wikidata.org/entity/"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
GEO = "http://www.opengis.net/ont/geosparql#"
SCHEMA = "https://schema.org/"

RDF_TYPE = RDF + "type"

# Prefixes for readable names (CURIEs) on the pages and in the Turtle they show.
PREFIXES = {
    "dkg": DKG,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "nif": NIF,
    "geo": GEO,
    "schema": SCHEMA,
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "gaf": "http://groundedannotationframework.org/gaf#",
    "time": "http://www.w3.org/2006/time#",
    "cameo": BASE + "cameo#",
    "wd": WD,
}

# Reading order of the statuses (the ontology's own order); a status the list does not know goes last.
STATUS_ORDER = ("planned", "expected", "possible", "happened", "ongoing", "cancelled", "notHappened", "inForce")
