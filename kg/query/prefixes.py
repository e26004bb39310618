"""The IRIs a query needs, as plain strings: ``kg.core.namespaces`` without rdflib.

``kg query`` on the embedded store runs in about 0.1 s; importing rdflib (for its ``Namespace``) alone
took 85 ms of that. These copies are checked against ``kg.core.namespaces`` by the tests
(``tests/test_queries.py``), so they cannot drift from it.
"""

BASE = "https://w3id.org/diplokg/"
ONTOLOGY_IRI = BASE + "ontology"
GRAPH = BASE + "graph/"
ENTITIES_GRAPH = GRAPH + "entities"
SUMMARY_GRAPH = BASE + "summary"  # kg.store.SUMMARY_GRAPH
SUMMARY_VERSION = 2  # kg.build.summary.VERSION: what the library's summary variants read

PREFIXES = {
    "dkg": BASE + "ontology#",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "gaf": "http://groundedannotationframework.org/gaf#",
    "geo": "http://www.opengis.net/ont/geosparql#",
    "wd": "http://www.wikidata.org/entity/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def graph_iri(slug: str) -> str:
    return GRAPH + slug
