"""Whether the build in an output folder is current, and where its graphs are, for the commands that
read it (query, export, push, site).

A build writes each named graph as files of its own (``OUT/graphs/``, listed in ``OUT/kg.graphs.json``):
``graph_files`` is how a reader finds them, one ``GraphFile`` per graph. A build also records the
fingerprint of everything it read (``kg.inputs.sha256``) and the articles folder it read
(``kg.build-key``). A command that reads a build first checks both against the inputs as they are now,
and has the build redone when they differ, so that nobody queries a graph older than its articles.
"""

import hashlib
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
GRAPHS_FILE = "kg.graphs.json"  # the set's manifest: the parts that list its graphs
GRAPHS_DIR = "graphs"  # in the build state, shared by the sets: one TriG and one N-Triples file per graph version
PARTS_DIR = "parts"  # in the build state, shared by the sets: the manifests' parts
LAYOUT = 2  # of the graphs file; a build of another layout is made again
BUCKETS = 256  # parts of a manifest: a graph is listed in the part its IRI's digest picks


@dataclass(frozen=True)
class GraphFile:
    """One named graph of a build. ``trig`` is a TriG document of that graph alone (prefixes, then its
    block); ``lines`` the same triples as sorted N-Triples lines (``kg.rdf.ntriples``), which merge
    into the union without parsing; ``digest`` names the content (``kg.rdf.ntriples.digest``)."""

    name: str
    trig: Path
    lines: Path
    digest: str


_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
_GRAPH = "https://w3id.org/diplokg/graph/"  # kg.core.namespaces.GRAPH (not imported: it needs rdflib)


def file_stem(name: str) -> str:
    """The files' name of a graph: its slug for kg's graphs (``graphs/<slug>.<digest>.trig``; a slug
    is ``[a-z0-9][a-z0-9-]*``), else ``_`` and a digest of its IRI."""
    local = name[len(_GRAPH) :] if name.startswith(_GRAPH) else ""
    if _SLUG.fullmatch(local):
        return local
    return "_" + hashlib.sha256(name.encode()).hexdigest()[:32]


def file_name(name: str, digest: str) -> str:
    """A graph version's files' name, without the extension (``.trig``, ``.nt``): its stem and the
    digest of its lines. Files are named by what they hold, so a set shares the files of the graphs
    it did not change with the set before, and a file is never written again under its name."""
    return f"{file_stem(name)}.{digest[:16]}"


def bucket(name: str) -> str:
    """The part of the manifest that lists the graph ``name``."""
    return f"{hashlib.sha256(name.encode()).digest()[0] % BUCKETS:02x}"


def parts_of(digests: dict[str, str]) -> dict[str, str]:
    """The manifest's parts of ``digests`` (graph IRI -> digest of its lines): part file name -> its
    text. A part is named by its bucket and the digest of its text, so an edit of one article makes one
    new part and the set shares every other with the set before."""

    buckets: dict[str, dict[str, str]] = {}
    for name, value in digests.items():
        buckets.setdefault(bucket(name), {})[name] = value
    parts = {}
    for key, listed in sorted(buckets.items()):
        text = json.dumps(listed, sort_keys=True) + "\n"
        parts[f"{key}.{hashlib.sha256(text.encode()).hexdigest()[:32]}.json"] = text
    return parts


def graphs_record(ontology: str, parts: list[str], count: int, summary: list[str] | None = None) -> str:
    """The text of ``kg.graphs.json``: the set's manifest, naming its parts (about 60 bytes each, at
    most ``BUCKETS``) and its corpus summary's (``summary``, in ``OUT/.kg/summary``: ``kg.build.summary``);
    the store knows which build it holds by its digest."""
    record = {"layout": LAYOUT, "ontology": ontology, "graphs": count, "parts": parts}
    if summary is not None:
        record["summary"] = summary
    return json.dumps(record, sort_keys=True) + "\n"


def manifest(folder: Path) -> dict:
    """The manifest of the set in ``folder`` (a generation), checked for this layout."""
    record = json.loads((Path(folder) / GRAPHS_FILE).read_text(encoding="utf-8"))
    if not isinstance(record, dict) or record.get("layout") != LAYOUT or not isinstance(record.get("parts"), list):
        raise ValueError("another layout")
    return record


def read_part(state: Path, part: str) -> dict[str, str]:
    listed = json.loads((Path(state) / PARTS_DIR / part).read_text(encoding="utf-8"))
    if not isinstance(listed, dict):
        raise ValueError("not a part")
    return listed


def set_digests(folder: Path) -> dict[str, str]:
    """Graph IRI -> digest of its lines, of the set in ``folder`` (a generation)."""
    found: dict[str, str] = {}
    for part in manifest(folder)["parts"]:
        found.update(read_part(Path(folder).parent, part))
    return found


def graph_files(out: Path) -> list[GraphFile]:
    """The graphs of the build in ``out``, in IRI order, from one output set: the current one when
    called, read through its real folder, so that a build switching meanwhile does not mix two sets
    (the set before, and its files, stay one more build). What ``kg push``, ``kg export --build`` and
    the store read."""
    folder = Path(os.path.realpath(Path(out) / GRAPHS_FILE)).parent
    try:
        digests = set_digests(folder)
    except (OSError, ValueError, KeyError, AttributeError, TypeError):
        raise KgError(f"{out}: no built graphs of this kg version; run 'kg build' first") from None
    graphs = folder.parent / GRAPHS_DIR
    files = []
    for name in sorted(digests):
        base = f"{graphs}{os.sep}{file_name(name, digests[name])}"
        files.append(GraphFile(name, Path(base + ".trig"), Path(base + ".nt"), digests[name]))
    return files


def store_dir(out: Path) -> Path:
    """``KG_STORE`` places the embedded store elsewhere; by default it sits in the output folder."""
    if not os.environ.get("KG_STORE"):
        return Path(out) / "store"
    chosen = Path(os.environ["KG_STORE"])
    from kg import store

    store.check_replaceable(chosen, f"KG_STORE={chosen}")  # refused before the build, not after it
    return chosen


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
        manifest(Path(os.path.realpath(graphs_file)).parent)
    except (OSError, ValueError, AttributeError):
        return False
    return True
