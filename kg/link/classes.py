"""What the ontology tells the linker about a node's classes: which Wikidata classes a candidate must
reach (the class's skos:exactMatch/closeMatch to wd:, or its nearest mapped superclass's), and whether a
node is of a class (asked for every node of every article, so each class's ancestry is walked once)."""

from rdflib import Graph, URIRef
from rdflib.term import Node

from kg.core.namespaces import TERMS_RDF as RDF
from kg.core.namespaces import TERMS_RDFS as RDFS
from kg.core.namespaces import TERMS_SKOS as SKOS
from kg.core.namespaces import WD


class OntologyClasses:
    def __init__(self, ontology: Graph):
        self.ontology = ontology
        self._ancestors: dict[Node, set[Node]] = {}

    def expected(self, classes: list[URIRef]) -> set[str]:
        """Wikidata classes of the nearest ontology ancestors that map to any."""
        expected: set[str] = set()
        for cls in classes:
            frontier: list[Node] = [cls]
            seen: set[Node] = set()
            while frontier:
                found = {
                    str(target)[len(str(WD)) :]
                    for c in frontier
                    for prop in (SKOS.exactMatch, SKOS.closeMatch)
                    for target in self.ontology.objects(c, prop)
                    if str(target).startswith(str(WD))
                }
                if found:
                    expected |= found
                    break
                seen |= set(frontier)
                frontier = [p for c in frontier for p in self.ontology.objects(c, RDFS.subClassOf) if p not in seen]
        return expected

    def is_a(self, graph: Graph, node: URIRef, ancestor: URIRef) -> bool:
        for cls in graph.objects(node, RDF.type):
            if cls not in self._ancestors:
                ancestors = self.ontology.transitive_objects(cls, RDFS.subClassOf)
                self._ancestors[cls] = {c for c in ancestors if c is not None}
            if ancestor in self._ancestors[cls]:
                return True
        return False
