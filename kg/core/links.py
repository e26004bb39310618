"""How a Wikidata link is written in the graph, whether it comes from curation or from search."""

from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS, XSD

from kg.core.namespaces import DKG, WD


def write_link(graph: Graph, node: URIRef, qid: str, method: str, score: float) -> None:
    graph.add((node, SKOS.exactMatch, WD[qid]))
    graph.add((node, DKG.linkMethod, Literal(method)))
    graph.add((node, DKG.linkScore, Literal(Decimal(f"{score:.3f}"), datatype=XSD.decimal)))


def linked_item(graph: Graph, node: URIRef) -> tuple[str, str] | None:
    """The (item, method) a node is already linked to, if any."""
    for target in sorted(str(o) for o in graph.objects(node, SKOS.exactMatch)):
        if target.startswith(str(WD)):
            return target[len(str(WD)) :], str(graph.value(node, DKG.linkMethod) or "pin")
    return None
