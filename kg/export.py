"""Export: serialise the graphs in the usual RDF syntaxes, deterministically and atomically.

Quads are converted once to pyoxigraph terms, sorted by their N-Triples-like text (graph, subject,
predicate, object) and handed to pyoxigraph's serialisers, which write them in that order: the same
graphs give the same bytes under any hash seed, with no copy of the corpus into new rdflib graphs.
Syntaxes without named graphs get the union of the graphs (each triple once).
"""

from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef

from kg import atomic
from kg.errors import KgError
from kg.namespaces import PREFIXES


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
ALIASES = {"ttl": "turtle", "ntriples": "nt", "n-triples": "nt", "nq": "nquads", "n-quads": "nquads",
           "jsonld": "json-ld", "rdfxml": "xml", "rdf/xml": "xml", "rdf": "xml"}


def get_format(name: str) -> Format:
    key = ALIASES.get(name.lower(), name.lower())
    if key not in FORMATS:
        raise KgError(f"unknown format '{name}'; choose one of: {', '.join(FORMATS)}")
    return FORMATS[key]


def format_for_path(path: Path) -> Format:
    suffix = Path(path).suffix.lstrip(".").lower()
    for fmt in FORMATS.values():
        if fmt.extension == suffix:
            return fmt
    return get_format(suffix) if suffix in ALIASES else FORMATS["turtle"]


class _Terms:
    """rdflib terms to pyoxigraph terms (memoised: a corpus repeats its IRIs and literals a lot)."""

    def __init__(self):
        import pyoxigraph as ox

        self.ox = ox
        self.cache: dict = {}

    def __call__(self, term):
        found = self.cache.get(term)
        if found is None:
            found = self.cache[term] = self._convert(term)
        return found

    def _convert(self, term):
        ox = self.ox
        if isinstance(term, URIRef):
            node = ox.NamedNode(str(term))
            return node, str(term)
        if isinstance(term, Literal):
            if term.language:
                lit = ox.Literal(str(term), language=term.language)
            elif term.datatype:
                lit = ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
            else:
                lit = ox.Literal(str(term))
            return lit, f"\"{term}\"@{term.language or ''}^^{term.datatype or ''}"
        if isinstance(term, BNode):
            return ox.BlankNode(str(term)), f"_:{term}"
        raise KgError(f"cannot export term {term!r}")


def sorted_quads(graphs: dict[URIRef, Graph], keep_graphs: bool) -> list:
    """pyoxigraph quads (or triples) in a total order that does not depend on the hash seed."""
    ox = __import__("pyoxigraph")
    convert = _Terms()
    keyed = {}
    for name, graph in graphs.items():
        g, g_key = convert(name) if keep_graphs else (None, "")
        for s, p, o in graph:
            (s_ox, s_key), (p_ox, p_key), (o_ox, o_key) = convert(s), convert(p), convert(o)
            key = (g_key, s_key, p_key, o_key)
            if key not in keyed:
                keyed[key] = ox.Quad(s_ox, p_ox, o_ox, g) if keep_graphs else ox.Triple(s_ox, p_ox, o_ox)
    return [keyed[k] for k in sorted(keyed)]


def serialize(graphs: dict[URIRef, Graph], fmt: Format) -> bytes:
    import pyoxigraph as ox

    items = sorted_quads(graphs, fmt.quads)
    prefixes = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    try:
        return ox.serialize(items, format=getattr(ox.RdfFormat, fmt.oxigraph_name), prefixes=prefixes)
    except (ValueError, OSError) as exc:
        raise KgError(f"cannot write {fmt.name}: {exc}") from None


def export(graphs: dict[URIRef, Graph], fmt: Format, path: Path) -> None:
    atomic.write_bytes(path, serialize(graphs, fmt))
