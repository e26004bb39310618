"""Whether the build in an output folder is current, for the commands that read it (query, push, site).

A build records the fingerprint of everything it read (``kg.inputs.sha256``) and the articles folder it
read (``kg.build-key``). A command that reads a build first checks both against the inputs as they are
now, and has the build redone when they differ, so that nobody queries a graph older than its articles.
"""

import json
import os
from collections.abc import Callable
from pathlib import Path

from kg.build import inputs
from kg.core.errors import KgError
from kg.util import console

INPUTS_FILE = "kg.inputs.sha256"  # the fingerprint of what the build read
KEY_FILE = "kg.build-key"  # the build's options, the cache answers its links read, the folder it read


def store_dir(out: Path) -> Path:
    """``KG_STORE`` places the embedded store elsewhere; by default it sits in the output folder."""
    return Path(os.environ["KG_STORE"]) if os.environ.get("KG_STORE") else Path(out) / "store"


def built_from(out: Path) -> Path | None:
    """The articles folder the build in ``out`` was made from (None for a build that did not record it)."""
    try:
        recorded = json.loads((Path(out) / KEY_FILE).read_text()).get("articles_dir")
    except (OSError, ValueError, AttributeError):
        return None
    return Path(recorded) if recorded else None


def ensure(out: Path, articles: Path, rebuild: Callable[[], object]) -> Path:
    """The built TriG, after ``rebuild()`` if it is missing or its inputs changed since the last build.

    A build of another corpus is never replaced by one of ``articles`` (``./articles`` by default): it
    is used while its own folder is unchanged, and is an error otherwise.
    """
    marker = Path(out) / INPUTS_FILE
    trig = Path(out) / "kg.trig"
    source = built_from(out)
    if trig.is_file() and source is not None and articles.is_dir() and source != Path(articles).resolve():
        if marker.is_file() and inputs.current(marker, source):
            return trig
        raise KgError(
            f"{out} was built from {source}, which changed since; "
            f"rebuild it with 'kg build --articles {source} --out {out}', or give --articles {source}"
        )
    if not trig.is_file() or not marker.is_file() or (articles.is_dir() and not inputs.current(marker, articles)):
        if not articles.is_dir():
            raise KgError(f"{trig}: no built graph and no {articles} folder; run 'kg build' first")
        console.note("the build is missing or older than its inputs; rebuilding (offline linking)")
        rebuild()
    return trig


def article_graphs(trig: Path) -> dict:
    """The article graphs of a build plus the ontology graph, as rdflib graphs (what ``kg push`` sends)."""
    from rdflib import Dataset, Graph

    from kg.core.namespaces import GRAPH, ONTOLOGY_IRI
    from kg.core.ontology import load_ontology_graph

    ds = Dataset()
    ds.parse(trig, format="trig")
    graphs = {}
    for graph in ds.graphs():
        if len(graph) and str(graph.identifier).startswith(str(GRAPH)):
            copy = Graph()
            for triple in graph:
                copy.add(triple)
            graphs[graph.identifier] = copy
    graphs[ONTOLOGY_IRI] = load_ontology_graph()
    return graphs
