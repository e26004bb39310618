"""The built graphs as ``kg push`` reads them: from the build's embedded store, not from ``kg.trig``.

One graph's N-Triples come out of the Oxigraph store in one call (Rust serializes them), so a push of one
changed article reads that article and nothing else, and a whole push never holds more than one graph.
The digests are the ones the build recorded (``kg.graphs.json`` in the current output set); a build from
before they were recorded is digested here from the store.
"""

import hashlib
import json
from pathlib import Path

from kg.build.pipeline import GRAPHS_FILE
from kg.core.namespaces import ONTOLOGY_IRI
from kg.push import GraphSource
from kg.util.outputs import OutputSet


def build_graphs(out: Path, store) -> GraphSource:
    """The graphs of the build in ``out``; ``store`` is its embedded store, opened read-only and current."""
    import pyoxigraph as ox

    def read(name: str) -> bytes:
        return store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name))

    current = OutputSet(out).current()
    try:
        if current is None:
            raise OSError("no output set")
        recorded = json.loads((current / GRAPHS_FILE).read_text(encoding="utf-8"))
        digests = {str(k): str(v) for k, v in recorded["graphs"].items()}
        digests[str(ONTOLOGY_IRI)] = "ontology:" + str(recorded["ontology"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        names = [graph.value for graph in store.named_graphs()]
        digests = {name: hashlib.sha256(read(name)).hexdigest() for name in names}
    return GraphSource(digests, read)
