"""Export: serialise the graphs in the usual RDF syntaxes, deterministically and atomically.

Each graph is taken as its sorted N-Triples lines (``kg.rdf.ntriples``; a build keeps every article in that
form) and handed to pyoxigraph's serialisers in that order: the same graphs give the same bytes under
any hash seed, and a build writes its files from the kept lines of unchanged articles without making
rdflib graphs of them. Syntaxes without named graphs get the union of the graphs (each triple once).
"""

import contextlib
import heapq
import os
import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef

from kg.core.errors import KgError
from kg.core.namespaces import PREFIXES
from kg.rdf import ntriples
from kg.rdf.formats import Format, oxigraph, serialized
from kg.util import atomic


def _prefixes() -> dict[str, str]:
    return {prefix: str(ns) for prefix, ns in PREFIXES.items()}


def _quads(name: str, graph_lines: list[str]):
    import pyoxigraph as ox

    # lenient: the lines are kg's own, written from Oxigraph's terms, so their IRIs need no checking again
    return ox.parse(ntriples.in_graph(name, graph_lines), format=ox.RdfFormat.N_QUADS, lenient=True)


def trig_block(name: str, graph_lines: list[str]) -> str:
    """One graph's part of a TriG file, after the prefixes (empty for an empty graph): a TriG file is
    its prefix lines and then each graph's block, so a build keeps each article's block and writes
    the file from them."""
    import pyoxigraph as ox

    text = serialized(_quads(name, graph_lines), ox.RdfFormat.TRIG, _prefixes()).decode("utf-8")
    return text[len(_trig_header()) :] if text else ""


@lru_cache(maxsize=1)
def _trig_header() -> str:
    """The prefix lines pyoxigraph writes before the first graph."""
    import pyoxigraph as ox

    probe = ox.Quad(ox.NamedNode("urn:x"), ox.NamedNode("urn:x"), ox.NamedNode("urn:x"), ox.NamedNode("urn:x"))
    text = serialized([probe], ox.RdfFormat.TRIG, _prefixes()).decode("utf-8")
    return "".join(line for line in text.splitlines(keepends=True) if line.startswith("@prefix "))


def trig(blocks: list[tuple[str, str]]) -> bytes:
    """A TriG file of ``(graph IRI, block)``, in IRI order."""
    body = "".join(block for _name, block in sorted(blocks))
    return (_trig_header() + body).encode("utf-8") if body else b""


def serialize_lines(chunks: list[tuple[str, list[str]]], fmt: Format) -> bytes:
    """Write graphs given as sorted N-Triples lines (``kg.rdf.ntriples``), as ``(graph IRI, lines)``.

    TriG is written block by block (``trig_block``); the other quad syntaxes get each graph in IRI
    order, its triples in line order; the triple syntaxes get the union, each triple once, in line
    order. pyoxigraph parses the lines and writes the syntax."""
    import pyoxigraph as ox

    if fmt.name == "trig":
        return trig([(name, trig_block(name, graph_lines)) for name, graph_lines in chunks])
    items: Iterable
    if fmt.quads:
        items = (
            quad
            for name, graph_lines in sorted(chunks, key=lambda chunk: chunk[0])
            for quad in _quads(name, graph_lines)
        )
    else:
        # each graph's lines are sorted: one sort of their concatenation merges the runs
        union = dict.fromkeys(sorted(line for _name, graph_lines in chunks for line in graph_lines))
        items = ox.parse("".join(union).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    try:
        data = serialized(items, oxigraph(fmt), _prefixes())
    except (ValueError, OSError, SyntaxError) as exc:
        raise KgError(f"cannot write {fmt.name}: {exc}") from None
    if fmt.name == "xml":
        refuse_outside_xml(data.decode("utf-8"), "RDF/XML", "turtle, nt or json-ld")
    return data


# characters XML 1.0 cannot hold, escaped or not (a form feed from a PDF, a NUL)
_OUTSIDE_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def refuse_outside_xml(text: str, what: str, instead: str) -> None:
    """An XML writer's output must be XML: a literal holding such a character stops the writing with
    one line rather than giving a file no XML parser reads."""
    found = _OUTSIDE_XML.search(text)
    if found:
        raise KgError(
            f"cannot write {what}: the data holds U+{ord(found.group()):04X}, a character XML 1.0 "
            f"cannot hold; write {instead} instead"
        )


def serialize(graphs: dict[URIRef, Graph], fmt: Format) -> bytes:
    return serialize_lines([(str(name), ntriples.lines(graph)) for name, graph in graphs.items()], fmt)


def export(graphs: dict[URIRef, Graph], fmt: Format, path: Path) -> None:
    atomic.write_bytes(path, serialize(graphs, fmt))


def export_lines(chunks: list[tuple[str, list[str]]], fmt: Format, path: Path) -> None:
    atomic.write_bytes(path, serialize_lines(chunks, fmt))


Lines = list[str] | Callable[[], list[str]]  # a graph's lines, or what reads them when they are needed


def _lines(graph_lines: Lines):
    yield from graph_lines() if callable(graph_lines) else graph_lines


def write_union(line_files: Sequence[Path], fmt: Format, path: Path) -> None:
    """The union of graphs kept as sorted N-Triples files (a build's ``graphs/*.nt``), each triple once,
    written as Turtle or N-Triples: the bytes ``serialize_lines`` gives for the same graphs. The files
    are merged as they are read (a few hundred at a time, through scratch files, so that neither the
    corpus nor one open file per graph is held), and pyoxigraph writes from the merged file."""
    import pyoxigraph as ox

    path = Path(path)
    scratch = path.with_name(f".{path.name}.{os.getpid()}.union.nt")
    made: list[Path] = []
    try:
        level = [Path(p) for p in line_files]
        while len(level) > _FAN_IN:
            merged = []
            for start in range(0, len(level), _FAN_IN):
                merged.append(path.with_name(f".{path.name}.{os.getpid()}.merge{len(made)}.nt"))
                made.append(merged[-1])
                _merge(level[start : start + _FAN_IN], merged[-1])
            level = merged
        _merge(level, scratch)
        with atomic.writing(path) as handle:
            ox.serialize(
                ox.parse(path=str(scratch), format=ox.RdfFormat.N_TRIPLES),
                output=handle,
                format=oxigraph(fmt),
                prefixes=_prefixes(),
            )
    except (ValueError, SyntaxError) as exc:
        raise KgError(f"cannot write {fmt.name}: {exc}") from None
    except OSError as exc:
        raise KgError(f"{path}: cannot write: {exc.strerror or exc}") from None
    finally:
        for leftover in (scratch, *made):
            leftover.unlink(missing_ok=True)


_FAN_IN = 256  # sorted files merged at once (each is an open file)


def _merge(sources: Sequence[Path], target: Path) -> None:
    """Sorted line files into one sorted file, each line once."""
    with contextlib.ExitStack() as stack:
        readers = [stack.enter_context(open(p, encoding="utf-8", newline="")) for p in sources]
        with open(target, "w", encoding="utf-8", newline="") as handle:
            previous = None
            for line in heapq.merge(*readers):
                if line != previous:
                    handle.write(line)
                previous = line


def trig_document(name: str, graph_lines: list[str]) -> str:
    """One graph as a TriG document of its own (empty for an empty graph): the prefix lines and then
    its block (``trig_block``). A build keeps each graph so, and a TriG file of several graphs is the
    prefix lines once and then their blocks in IRI order (``write_trig_files``)."""
    block = trig_block(name, graph_lines)
    return _trig_header() + block if block else ""


def write_trig_files(documents: Sequence[tuple[str, Path]], path: Path) -> None:
    """The TriG file of ``(graph IRI, file of its trig_document)``: the prefix lines once, then each
    graph's block in IRI order, read one file at a time; the bytes ``trig()`` gives for the same graphs."""
    header = _trig_header()
    try:
        with atomic.writing(path, text=True) as handle:
            started = False
            for _name, document in sorted(documents, key=lambda item: item[0]):
                text = Path(document).read_text(encoding="utf-8")
                if not text:
                    continue
                if not text.startswith(header):
                    raise KgError(f"{document}: not a graph file of this kg version; run 'kg build' again")
                if not started:
                    handle.write(header)
                    started = True
                handle.write(text[len(header) :])
    except OSError as exc:
        raise KgError(f"{path}: cannot write: {exc.strerror or exc}") from None


def export_files(files, fmt: Format, path: Path) -> None:
    """A build's graphs (``kg.build.current.GraphFile``: a TriG document and sorted lines each) in one
    syntax, atomically: TriG joins the documents, Turtle and N-Triples merge the lines (both streamed,
    so a large build is not held in memory); the other syntaxes are written from the graphs' lines,
    read whole."""
    if fmt.name == "trig":
        write_trig_files([(item.name, item.trig) for item in files], path)
    elif fmt.name in ("turtle", "nt"):
        write_union([item.lines for item in files], fmt, path)
    else:
        chunks = [(item.name, ntriples.split(Path(item.lines).read_text(encoding="utf-8"))) for item in files]
        export_lines(chunks, fmt, path)
