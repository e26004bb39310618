"""The shipped ontology in an Oxigraph store, in its own named graph.

The store (``kg build``), ``kg query --data`` and the site all query the data together with the
ontology, so that queries can follow ``rdfs:subClassOf``; they load it here, the same way.

The graph's IRI is ``kg.core.namespaces.ONTOLOGY_IRI``, written out here because that module imports
rdflib, which the site does not load (``kg site`` stays quick to start); a test checks they agree.
"""

from kg.core.errors import KgError
from kg.core.resources import ONTOLOGY_DIR

ONTOLOGY_GRAPH = "https://w3id.org/diplokg/ontology"


def add_ontology(store) -> None:
    """Load every ``*.ttl`` of the ontology folder into the graph ``ONTOLOGY_GRAPH`` of ``store``."""
    import pyoxigraph as ox

    files = sorted(ONTOLOGY_DIR.glob("*.ttl"))
    if not files:
        raise KgError(f"{ONTOLOGY_DIR}: no ontology (*.ttl) found")
    graph = ox.NamedNode(ONTOLOGY_GRAPH)
    for path in files:
        try:
            store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=graph)
        except (OSError, SyntaxError, ValueError) as exc:
            raise KgError(f"{path}: cannot load the ontology: {exc}") from None
