"""Export: serialise the graphs in the usual RDF syntaxes, deterministically and atomically.

Each graph is taken as its sorted N-Triples lines (``kg.rdf.ntriples``; a build keeps every article in that
form) and handed to pyoxigraph's serialisers in that order: the same graphs give the same bytes under
any hash seed, and a build writes its files from the kept lines of unchanged articles without making
rdflib graphs of them. Syntaxes without named graphs get the union of the graphs (each triple once).
"""

import heapq
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

    return ox.parse(ntriples.in_graph(name, graph_lines), format=ox.RdfFormat.N_QUADS)


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


def write_union_turtle(chunks: Sequence[tuple[str, Lines]], path: Path) -> None:
    """The Turtle file of a build, into a new output set (not yet visible, so written in place): the
    union goes through a scratch N-Triples file that pyoxigraph reads and writes from, so the corpus is
    not held again as one string."""
    import pyoxigraph as ox

    scratch = Path(path).with_name(f".{Path(path).name}.union.nt")
    try:
        with open(scratch, "w", encoding="utf-8") as handle:
            previous = None
            # each graph's lines are sorted, so a merge gives the union in order (it reads every graph first)
            for line in heapq.merge(*(_lines(graph_lines) for _name, graph_lines in chunks)):
                if line != previous:
                    handle.write(line)
                previous = line
        ox.serialize(
            ox.parse(path=str(scratch), format=ox.RdfFormat.N_TRIPLES),
            output=str(path),
            format=ox.RdfFormat.TURTLE,
            prefixes=_prefixes(),
        )
    except (ValueError, SyntaxError) as exc:
        raise KgError(f"cannot write turtle: {exc}") from None
    except OSError as exc:
        raise KgError(f"{path}: cannot write: {exc.strerror or exc}") from None
    finally:
        scratch.unlink(missing_ok=True)


def write_trig(blocks, path: Path) -> None:
    """The TriG file of a build from its graphs' blocks (``trig_block``), in IRI order, into a new
    output set. ``blocks``: (graph IRI, block or a callable giving it), read one at a time."""
    try:
        with open(path, "w", encoding="utf-8") as handle:
            started = False
            for _name, block in sorted(blocks, key=lambda item: item[0]):
                text = block() if callable(block) else block
                if text and not started:
                    handle.write(_trig_header())
                    started = True
                handle.write(text)
    except OSError as exc:
        raise KgError(f"{path}: cannot write: {exc.strerror or exc}") from None
