"""Whether the build in an output folder is current, and where its graphs are, for the commands that
read it (query, export, push, site).

A build writes each named graph as files of its own (``OUT/graphs/``, listed in ``OUT/kg.graphs.json``):
``graph_files`` is how a reader finds them, one ``GraphFile`` per graph. A build also records the
fingerprint of everything it read (``kg.inputs.sha256``) and the articles folder it read
(``kg.build-key``). A command that reads a build first checks both against the inputs as they are now,
and has the build redone when they differ, so that nobody queries a graph older than its articles.
"""

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kg.build import inputs
from kg.core.errors import KgError
from kg.util import console

INPUTS_FILE = "kg.inputs.sha256"  # the fingerprint of what the build read
KEY_FILE = "kg.build-key"  # the build's options, the cache answers its links read, the folder it read
GRAPHS_FILE = "kg.graphs.json"  # every graph of the build: its digest and its files
GRAPHS_DIR = "graphs"  # one TriG document and one sorted N-Triples file per graph
LAYOUT = 1  # of the graphs file; a build of another layout is made again


@dataclass(frozen=True)
class GraphFile:
    """One named graph of a build. ``trig`` is a TriG document of that graph alone (prefixes, then its
    block); ``lines`` the same triples as sorted N-Triples lines (``kg.rdf.ntriples``), which merge
    into the union without parsing; ``digest`` names the content (``kg.rdf.ntriples.digest``)."""

    name: str
    trig: Path
    lines: Path
    digest: str


def file_stem(name: str) -> str:
    """The files' name of a graph: its slug for kg's graphs (``graphs/<slug>.trig``; a slug is
    ``[a-z0-9][a-z0-9-]*``), else ``_`` and a digest of its IRI."""
    import hashlib

    from kg.core.namespaces import GRAPH  # here: a query that finds its store current never needs rdflib

    local = name[len(str(GRAPH)) :] if name.startswith(str(GRAPH)) else ""
    if re.fullmatch(r"[a-z0-9][a-z0-9-]*", local):
        return local
    return "_" + hashlib.sha256(name.encode()).hexdigest()[:32]


def graphs_record(ontology: str, digests: dict[str, str]) -> str:
    """The text of ``kg.graphs.json``: what the store is updated by and what ``graph_files`` reads."""
    return (
        json.dumps(
            {
                "layout": LAYOUT,
                "ontology": ontology,
                "graphs": digests,
                "files": {name: file_stem(name) for name in digests},
            },
            sort_keys=True,
        )
        + "\n"
    )


def graph_files(out: Path) -> list[GraphFile]:
    """The graphs of the build in ``out``, in IRI order, from one output set: the current one when
    called, read through its real folder, so that a build switching meanwhile does not mix two sets
    (the set before stays one more build). What ``kg push``, ``kg export --build`` and the store read."""
    folder = Path(os.path.realpath(Path(out) / GRAPHS_FILE)).parent
    try:
        record = json.loads((folder / GRAPHS_FILE).read_text(encoding="utf-8"))
        if record.get("layout") != LAYOUT:
            raise ValueError("another layout")
        files, digests = record["files"], record["graphs"]
    except (OSError, ValueError, KeyError, AttributeError):
        raise KgError(f"{out}: no built graphs of this kg version; run 'kg build' first") from None
    graphs = folder / GRAPHS_DIR
    return [
        GraphFile(name, graphs / f"{files[name]}.trig", graphs / f"{files[name]}.nt", digests[name])
        for name in sorted(digests)
    ]


def store_dir(out: Path) -> Path:
    """``KG_STORE`` places the embedded store elsewhere; by default it sits in the output folder."""
    return Path(os.environ["KG_STORE"]) if os.environ.get("KG_STORE") else Path(out) / "store"


def open_store(out: Path, source: Path):
    """The embedded store of the build whose graphs file is ``source``, read-only; loaded first from
    the build's graph files when it holds another build."""
    from kg import store

    console.detail(f"querying the embedded store {store_dir(out)}")
    return store.open_current(store_dir(out), source, lambda: [g.trig for g in graph_files(out)])


def built_from(out: Path) -> Path | None:
    """The articles folder the build in ``out`` was made from (None for a build that did not record it)."""
    try:
        recorded = json.loads((Path(out) / KEY_FILE).read_text()).get("articles_dir")
    except (OSError, ValueError, AttributeError):
        return None
    return Path(recorded) if recorded else None


def ensure(out: Path, articles: Path, rebuild: Callable[[], object]) -> Path:
    """The build's graphs file (``kg.graphs.json``), after ``rebuild()`` if the build is missing, of
    another layout, or older than its inputs.

    A build of another corpus is never replaced by one of ``articles`` (``./articles`` by default): it
    is used while its own folder is unchanged, and is an error otherwise.
    """
    marker = Path(out) / INPUTS_FILE
    trig = Path(out) / GRAPHS_FILE
    source = built_from(out)
    if trig.is_file() and source is not None and articles.is_dir() and source != Path(articles).resolve():
        if marker.is_file() and inputs.current(marker, source):
            return trig
        if not _readable(trig):
            raise KgError(f"{out}: no built graphs of this kg version; run 'kg build --articles {source}' again")
        raise KgError(
            f"{out} was built from {source}, which changed since; "
            f"rebuild it with 'kg build --articles {source} --out {out}', or give --articles {source}"
        )
    if not _readable(trig) or not marker.is_file() or (articles.is_dir() and not inputs.current(marker, articles)):
        if not articles.is_dir():
            raise KgError(f"{out}: no built graph and no {articles} folder; run 'kg build' first")
        console.note("the build is missing or older than its inputs; rebuilding (offline linking)")
        rebuild()
    return trig


def _readable(graphs_file: Path) -> bool:
    """A graphs file this kg reads (an older build's is missing, or of another layout)."""
    try:
        return json.loads(Path(graphs_file).read_text(encoding="utf-8")).get("layout") == LAYOUT
    except (OSError, ValueError, AttributeError):
        return False
