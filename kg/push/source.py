"""The built graphs as ``kg push`` reads them: each from its own file in the build's output set.

A build keeps every named graph's sorted N-Triples lines in a file of its own (``OUT/graphs/<slug>.nt``,
listed with its digest in ``kg.graphs.json``), so a push of one changed article reads that article's file
and nothing else, and a whole push never holds more than one graph. The digests are the ones the build
recorded; the ontology graph, which the build does not write, is serialized from the shipped ontology.
"""

from pathlib import Path

from kg.build.current import graph_files
from kg.push import GraphSource
from kg.rdf.ontology_graph import ONTOLOGY_GRAPH, add_ontology


def build_graphs(out: Path) -> GraphSource:
    """The graphs of the current build in ``out``, plus the ontology graph."""
    from kg import store

    files = {item.name: item for item in graph_files(out)}
    digests = {name: item.digest for name, item in files.items()}
    digests[ONTOLOGY_GRAPH] = "ontology:" + store.ontology_digest()

    def read(name: str) -> bytes:
        return _ontology_ntriples() if name == ONTOLOGY_GRAPH else files[name].lines.read_bytes()

    return GraphSource(digests, read)


def _ontology_ntriples() -> bytes:
    import pyoxigraph as ox

    memory = ox.Store()
    add_ontology(memory)
    data = memory.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(ONTOLOGY_GRAPH))
    return data or b""  # dump returns the bytes when given no output
