"""RDF files named on the command line: which syntax each is in, and reading one into a graph.

The syntax comes from the file's extension (the short and the long spellings, as ``riot`` and the
Oxigraph CLI accept them) or from an explicit ``--input-format``; an extension kg does not know is an
error that says so, rather than a Turtle parse error about a file that was never Turtle.
"""

import re
from pathlib import Path

from kg.core.errors import KgError
from kg.rdf.formats import EXTENSIONS, get_format, oxigraph, syntax_name
from kg.util.text import clip


def syntax_for(path: Path, given: str | None = None, option: str | None = "--input-format"):
    """The ``Format`` to read ``path`` with: ``given`` if any, else from the extension. ``option`` is the
    command's option that names the syntax (None: the command has none, and the file must be renamed)."""
    if given:
        return get_format(given)
    name = syntax_name(path)
    if name is None:
        known = ", ".join(f".{e}" for e in EXTENSIONS)
        fix = f"give {option}" if option else "name the file with one of these extensions"
        raise KgError(f"{path}: cannot tell the RDF syntax from the extension (known: {known}); {fix}")
    return get_format(name)


def oxigraph_format(path: Path, given: str | None = None, option: str | None = "--input-format"):
    return oxigraph(syntax_for(path, given, option))


def check_readable(path: Path) -> None:
    path = Path(path)
    if path.is_dir():
        raise KgError(f"{path}: is a folder, not an RDF file")
    if not path.is_file():
        if path.exists():  # a device, a pipe or a socket: never read, as it may never end
            raise KgError(f"{path}: not a regular file (a device, pipe or socket)")
        raise KgError(f"{path}: no such file")


def parse_message(exc: Exception) -> str:
    """rdflib's parse errors, made readable: no ``b'...'`` reprs, no ``of <>``, no context dump."""
    text = str(exc).split(" at ^ in:")[0]
    text = re.sub(r"\s+of <[^>]*>", "", text)
    text = re.sub(r"""\bb(['"])(.*?)\1""", r"\2", text)
    text = " ".join(text.split())
    return clip(text, 300, "...")


def read_graph(path: Path, given: str | None = None, option: str | None = "--input-format"):
    """All triples of the file (named graphs merged) as one rdflib graph."""
    from rdflib import Dataset, Graph

    check_readable(path)
    fmt = syntax_for(path, given, option)
    data = Graph()
    try:
        if fmt.quads:
            ds = Dataset()
            ds.parse(path, format=fmt.rdflib_name)
            for quad in ds.quads():
                data.add(quad[:3])
        else:
            data.parse(path, format=fmt.rdflib_name)
    except Exception as exc:  # rdflib parsers raise assorted types
        raise KgError(f"{path}: cannot parse as {fmt.name}: {parse_message(exc)}") from None
    return data
