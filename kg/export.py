"""Export: serialise the article graphs in the usual RDF syntaxes, deterministically and atomically.

Triples are re-inserted in sorted order before serialising so that every syntax (not only Turtle,
which rdflib sorts itself) comes out byte-identical for the same input. Line-based syntaxes are
sorted line by line.
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from kg import atomic
from kg.errors import KgError
from kg.namespaces import PREFIXES, bind_prefixes


@dataclass(frozen=True)
class Format:
    name: str
    rdflib_name: str
    extension: str
    media_type: str
    quads: bool  # keeps named graphs


FORMATS = {
    f.name: f
    for f in (
        Format("turtle", "turtle", "ttl", "text/turtle", False),
        Format("nt", "nt", "nt", "application/n-triples", False),
        Format("trig", "trig", "trig", "application/trig", True),
        Format("nquads", "nquads", "nq", "application/n-quads", True),
        Format("json-ld", "json-ld", "jsonld", "application/ld+json", True),
        Format("xml", "xml", "rdf", "application/rdf+xml", False),
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


def union(graphs: dict[URIRef, Graph]) -> Graph:
    merged = Graph()
    bind_prefixes(merged)
    for graph in graphs.values():
        for triple in graph:
            merged.add(triple)
    return _sorted(merged)


def _sorted(graph: Graph) -> Graph:
    out = Graph()
    bind_prefixes(out)
    for triple in sorted(graph):
        out.add(triple)
    return out


def dataset(graphs: dict[URIRef, Graph]) -> Dataset:
    ds = Dataset()
    bind_prefixes(ds)
    for name in sorted(graphs):
        target = ds.graph(name)
        for triple in sorted(graphs[name]):
            target.add(triple)
    return ds


def serialize(graphs: dict[URIRef, Graph], fmt: Format) -> bytes:
    source = dataset(graphs) if fmt.quads else union(graphs)
    if fmt.name == "json-ld":
        # a context with the usual prefixes keeps the JSON-LD readable (compact IRIs)
        context = {prefix: str(ns) for prefix, ns in sorted(PREFIXES.items())}
        data = source.serialize(format="json-ld", encoding="utf-8", context=context, auto_compact=True)
    else:
        data = source.serialize(format=fmt.rdflib_name, encoding="utf-8")
    if fmt.name in ("nt", "nquads"):
        lines = sorted(line for line in data.decode("utf-8").splitlines() if line.strip())
        data = ("\n".join(lines) + "\n").encode("utf-8")
    elif fmt.name == "json-ld":
        data = _stable_json(data)
    elif fmt.name == "xml":
        data = _stable_xml(data)
    return data


def _stable_json(data: bytes) -> bytes:
    """JSON-LD arrays of node objects and values are unordered sets: sort them (there are no @list here)."""

    def canon(value):
        if isinstance(value, dict):
            return {k: canon(v) for k, v in value.items()}
        if isinstance(value, list):
            items = [canon(v) for v in value]
            return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
        return value

    return (json.dumps(canon(json.loads(data)), indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


_XML_BLOCK = re.compile(r"^  <rdf:Description .*?^  </rdf:Description>\n", re.M | re.S)


def _stable_xml(data: bytes) -> bytes:
    """rdflib writes subjects in set order; reorder its top-level rdf:Description blocks by their text."""
    text = data.decode("utf-8")
    blocks = _XML_BLOCK.findall(text)
    if not blocks:
        return data
    head = text[: text.index(blocks[0])] if blocks else text
    tail = text[text.rindex(blocks[-1]) + len(blocks[-1]) :]
    return (head + "".join(sorted(blocks)) + tail).encode("utf-8")


def export(graphs: dict[URIRef, Graph], fmt: Format, path: Path) -> None:
    atomic.write_bytes(path, serialize(graphs, fmt))
