"""Query results in one engine-neutral shape, written out by pyoxigraph's serialisers.

A result keeps its solutions as SPARQL 1.1 Results JSON term objects ({"type", "value", "datatype",
"xml:lang"}), whichever engine answered: the embedded store's answer and a remote endpoint's are both
read by pyoxigraph (``from_answer``, ``parse_json``), so a remote store's dialect (Virtuoso's
"typed-literal", an explicit xsd:string) comes out as the embedded store's would. CSV, TSV, JSON and
XML are then written by pyoxigraph (``QuerySolutions.serialize``); only the table for people is
written here.
"""

import json
import re
from dataclasses import dataclass, field

from kg.core.errors import KgError
from kg.util.text import clip, counted


@dataclass
class Result:
    kind: str  # "select", "ask" or "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    boolean: bool | None = None
    graph: bytes = b""  # N-Triples for CONSTRUCT / DESCRIBE


def from_answer(answer) -> Result:
    """A pyoxigraph answer (solutions, a boolean or triples) as a result, read to its end.

    A solution stream parsed from an endpoint is read lazily, so a body cut short fails here, as a
    ``SyntaxError`` from pyoxigraph, which the caller words."""
    import pyoxigraph as ox

    if isinstance(answer, (bool, ox.QueryBoolean)):
        return Result("ask", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = [v.value for v in answer.variables]
        body = json.loads(answer.serialize(format=ox.QueryResultsFormat.JSON) or b"{}")
        return Result("select", variables, body["results"]["bindings"])
    data = ox.serialize(answer, format=ox.RdfFormat.N_TRIPLES) if answer is not None else b""
    return Result("graph", graph=data or b"")


def parse_json(data: bytes) -> Result:
    """SPARQL 1.1 Results JSON, as an endpoint sends it, as a result.

    ``ValueError`` when ``data`` is no JSON at all (an HTML page, a body cut short), ``SyntaxError``
    when it is JSON but not SPARQL results. Blank node names that are no Turtle labels (Virtuoso's
    ``nodeID://b10001``) are renamed first, as pyoxigraph refuses them; a name only tells which
    cells hold the same node, and renaming keeps that.
    """
    import pyoxigraph as ox

    body = json.loads(data)
    if not isinstance(body, dict):
        raise SyntaxError("not a JSON object")
    bindings = body.get("results", {}).get("bindings") if isinstance(body.get("results"), dict) else None
    if isinstance(bindings, list):
        for row in bindings:
            for term in row.values() if isinstance(row, dict) else ():
                if isinstance(term, dict) and term.get("type") == "bnode" and not _LABEL.match(str(term.get("value"))):
                    term["value"] = "x" + str(term.get("value")).encode("utf-8").hex()
    try:
        answer = ox.parse_query_results(json.dumps(body).encode("utf-8"), format=ox.QueryResultsFormat.JSON)
        return from_answer(answer)
    except (SyntaxError, ValueError) as exc:
        raise SyntaxError(str(exc)) from None


_LABEL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?$")  # a blank node label pyoxigraph takes


def serialize(result: Result, fmt: str) -> bytes:
    """``result`` written by pyoxigraph in ``fmt`` ("csv", "tsv", "json" or "xml")."""
    import pyoxigraph as ox

    if result.kind == "ask":
        document: dict = {"head": {}, "boolean": bool(result.boolean)}
    else:
        rows = [_iris_as_text(row) for row in result.rows] if fmt == "csv" else result.rows
        document = {"head": {"vars": result.variables}, "results": {"bindings": rows}}
    answer = ox.parse_query_results(json.dumps(document).encode("utf-8"), format=ox.QueryResultsFormat.JSON)
    formats = {
        "csv": ox.QueryResultsFormat.CSV,
        "tsv": ox.QueryResultsFormat.TSV,
        "json": ox.QueryResultsFormat.JSON,
        "xml": ox.QueryResultsFormat.XML,
    }
    try:
        return answer.serialize(format=formats[fmt]) or b""
    except (SyntaxError, ValueError) as exc:  # a term pyoxigraph will not write (an invalid IRI from an endpoint)
        raise KgError(f"cannot write the results as {fmt}: {exc}") from None


def _iris_as_text(row: dict) -> dict:
    """CSV writes an IRI and a literal alike, as their text; pyoxigraph 0.5 quotes a literal's text
    where RFC 4180 needs it but writes an IRI bare, and kg's own IRIs hold commas (``#char=12,30``).
    Given as literals, IRIs come out the same, quoted where needed."""
    return {v: {"type": "literal", "value": t["value"]} if t["type"] == "uri" else t for v, t in row.items()}


def to_json(result: Result) -> str:
    """pyoxigraph's JSON, indented two spaces as kg has always written it, for people who read it."""
    body = json.loads(serialize(result, "json"))
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"


def to_xml(result: Result) -> str:
    from kg.export import refuse_outside_xml

    text = serialize(result, "xml").decode("utf-8")
    refuse_outside_xml(text, "XML results", "json, csv or tsv")
    return text


def to_csv(result: Result) -> str:
    """RFC 4180 with CRLF: a literal's lexical form, an IRI, a blank node as ``_:id``; an ASK gives
    ``true`` or ``false``."""
    return serialize(result, "csv").decode("utf-8")


def to_tsv(result: Result) -> str:
    """Each term in Turtle syntax (TAB and newlines escaped); an ASK gives ``true`` or ``false``."""
    return serialize(result, "tsv").decode("utf-8")


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
        from kg.query.prefixes import PREFIXES

        prefixes = dict(PREFIXES)
    header = result.variables
    cells = [[_cell(row.get(v), prefixes) for v in header] for row in result.rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(header)]
    if width:
        widths = _fit(widths, width)
    line = lambda values: " | ".join(clip(v, w).ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()  # noqa: E731
    out = [line(header), "-+-".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    out.append(f"({counted(len(cells), 'row')})")
    return "\n".join(out) + "\n"


WRITERS = {"table": to_table, "csv": to_csv, "tsv": to_tsv, "json": to_json, "xml": to_xml}
