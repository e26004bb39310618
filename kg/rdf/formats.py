"""The RDF syntaxes kg reads and writes: one table, with each syntax's names for rdflib and Oxigraph,
its media type and the file extensions that say it (the short and the long spellings, as ``riot``
and the Oxigraph CLI accept them)."""

from dataclasses import dataclass
from pathlib import Path

from kg.core.errors import KgError


@dataclass(frozen=True)
class Format:
    name: str
    rdflib_name: str
    extension: str
    media_type: str
    quads: bool  # keeps named graphs
    oxigraph_name: str = ""


FORMATS = {
    f.name: f
    for f in (
        Format("turtle", "turtle", "ttl", "text/turtle", False, "TURTLE"),
        Format("nt", "nt", "nt", "application/n-triples", False, "N_TRIPLES"),
        Format("trig", "trig", "trig", "application/trig", True, "TRIG"),
        Format("nquads", "nquads", "nq", "application/n-quads", True, "N_QUADS"),
        Format("json-ld", "json-ld", "jsonld", "application/ld+json", True, "JSON_LD"),
        Format("xml", "xml", "rdf", "application/rdf+xml", False, "RDF_XML"),
    )
}
ALIASES = {
    "ttl": "turtle",
    "ntriples": "nt",
    "n-triples": "nt",
    "nq": "nquads",
    "n-quads": "nquads",
    "jsonld": "json-ld",
    "rdfxml": "xml",
    "rdf/xml": "xml",
    "rdf": "xml",
}


def get_format(name: str) -> Format:
    key = ALIASES.get(name.lower(), name.lower())
    if key not in FORMATS:
        raise KgError(f"unknown format '{name}'; choose one of: {', '.join(FORMATS)}")
    return FORMATS[key]


# the file extensions that name each syntax
EXTENSIONS = {
    "ttl": "turtle",
    "turtle": "turtle",
    "nt": "nt",
    "ntriples": "nt",
    "trig": "trig",
    "nq": "nquads",
    "nquads": "nquads",
    "jsonld": "json-ld",
    "json": "json-ld",
    "rdf": "xml",
    "xml": "xml",
    "owl": "xml",
    "rdfxml": "xml",
}


def syntax_name(path: Path) -> str | None:
    """The format name (as ``FORMATS`` spells it) the file's extension says, or None."""
    return EXTENSIONS.get(Path(path).suffix.lstrip(".").lower())


def oxigraph(fmt: Format):
    """The pyoxigraph ``RdfFormat`` of a syntax."""
    import pyoxigraph as ox

    return getattr(ox.RdfFormat, fmt.oxigraph_name)


def serialized(items, fmt, prefixes: dict[str, str] | None = None) -> bytes:
    """pyoxigraph's serialisation of quads or triples, in memory (``fmt``: a pyoxigraph ``RdfFormat``).

    pyoxigraph returns None only when it writes to an output it is given; none is given here.
    """
    import pyoxigraph as ox

    data = ox.serialize(items, format=fmt, prefixes=prefixes)
    assert data is not None
    return data
