"""Query results in one engine-neutral shape, and the standard ways to write them out.

Terms are kept as SPARQL 1.1 Results JSON term objects ({"type", "value", "datatype", "xml:lang"}),
which is what remote endpoints send; the embedded store's terms are converted to the same shape, so
every output format is written by one piece of code whatever answered the query.
"""

import csv
import io
import json
import re
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from kg.export import refuse_outside_xml
from kg.util.text import clip

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass
class Result:
    kind: str  # "select", "ask" or "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    boolean: bool | None = None
    graph: bytes = b""  # N-Triples for CONSTRUCT / DESCRIBE


def _nt_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def term_nt(term: dict | None) -> str:
    """A term in N-Triples / Turtle syntax, as TSV results require."""
    if term is None:
        return ""
    kind, value = term["type"], term["value"]
    if kind == "uri":
        return f"<{value}>"
    if kind == "bnode":
        return f"_:{value}"
    text = f'"{_nt_escape(value)}"'
    if "xml:lang" in term:
        return f"{text}@{term['xml:lang']}"
    if term.get("datatype") and term["datatype"] != XSD_STRING:
        return f"{text}^^<{term['datatype']}>"
    return text


def to_json(result: Result) -> str:
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": result.boolean}, indent=2) + "\n"
    body = {"head": {"vars": result.variables}, "results": {"bindings": result.rows}}
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"


def to_xml(result: Result) -> str:
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "  <head>"]
    out += [f"    <variable name={quoteattr(v)}/>" for v in result.variables]
    out.append("  </head>")
    if result.kind == "ask":
        out.append(f"  <boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        out.append("  <results>")
        for row in result.rows:
            out.append("    <result>")
            for var in result.variables:
                term = row.get(var)
                if term is None:
                    continue
                if term["type"] == "uri":
                    inner = f"<uri>{escape(term['value'])}</uri>"
                elif term["type"] == "bnode":
                    inner = f"<bnode>{escape(term['value'])}</bnode>"
                else:
                    attrs = ""
                    if "xml:lang" in term:
                        attrs = f" xml:lang={quoteattr(term['xml:lang'])}"
                    elif term.get("datatype"):
                        attrs = f" datatype={quoteattr(term['datatype'])}"
                    inner = f"<literal{attrs}>{escape(term['value'])}</literal>"
                out.append(f"      <binding name={quoteattr(var)}>{inner}</binding>")
            out.append("    </result>")
        out.append("  </results>")
    out.append("</sparql>")
    text = "\n".join(out) + "\n"
    refuse_outside_xml(text, "XML results", "json, csv or tsv")
    return text


def to_csv(result: Result) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([row[v]["value"] if v in row else "" for v in result.variables])
    return buffer.getvalue()


def to_tsv(result: Result) -> str:
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    for row in result.rows:
        lines.append("\t".join(term_nt(row.get(v)) for v in result.variables))
    return "\n".join(lines) + "\n"


_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?$")


def compact_iri(iri: str, prefixes: dict) -> str:
    """``dkg:Statement`` for an IRI in a known namespace (longest match), else the IRI itself."""
    best = None
    for prefix, namespace in prefixes.items():
        namespace = str(namespace)
        if iri.startswith(namespace) and (best is None or len(namespace) > len(best[1])):
            best = (prefix, namespace)
    if best is not None:
        local = iri[len(best[1]) :]
        if local == "" or _LOCAL.match(local):
            return f"{best[0]}:{local}"
    return iri


def _cell(term: dict | None, prefixes: dict) -> str:
    if term is None:
        return ""
    if term["type"] == "bnode":
        text = "_:" + term["value"]
    elif term["type"] == "uri":
        text = compact_iri(term["value"], prefixes)
    else:
        text = term["value"]
    return " ".join(text.split())


def _fit(widths: list[int], limit: int, separator: int = 3, floor: int = 6) -> list[int]:
    """Column widths no wider than ``limit`` in total: the widest columns give way first."""

    def total(ws):
        return sum(ws) + separator * (len(ws) - 1)

    if not widths or total(widths) <= limit:
        return widths
    low, high = 1, max(widths)
    while low < high:  # the largest cap that fits
        cap = (low + high + 1) // 2
        if total([min(w, max(cap, floor)) for w in widths]) <= limit:
            low = cap
        else:
            high = cap - 1
    return [min(w, max(low, floor)) for w in widths]


def to_table(result: Result, width: int | None = None, prefixes: dict | None = None) -> str:
    """A table for people: IRIs as prefixed names where a prefix is known, every cell in full unless
    ``width`` (the terminal's, or ``--width``) asks for lines no wider than that."""
    if result.kind == "ask":
        return ("true" if result.boolean else "false") + "\n"
    if prefixes is None:
        from kg.core.namespaces import PREFIXES as prefixes
    header = result.variables
    cells = [[_cell(row.get(v), prefixes) for v in header] for row in result.rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(header)]
    if width:
        widths = _fit(widths, width)
    line = lambda values: " | ".join(clip(v, w).ljust(w) for v, w in zip(values, widths)).rstrip()  # noqa: E731
    out = [line(header), "-+-".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    out.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(out) + "\n"


WRITERS = {"table": to_table, "csv": to_csv, "tsv": to_tsv, "json": to_json, "xml": to_xml}
