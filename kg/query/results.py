"""Query results in one engine-neutral shape, written out by pyoxigraph's serialisers.

A SELECT result keeps its solutions as pyoxigraph wrote them in SPARQL 1.1 TSV (``Result.lines``: one
line of bytes per solution, each term in N-Triples syntax, a TAB between them), whichever engine
answered: the embedded store's answer and a remote endpoint's are both read by pyoxigraph
(``from_answer``, ``parse_json``), so a remote store's dialect (Virtuoso's "typed-literal", an explicit
xsd:string) comes out as the embedded store's would. TSV is lossless (pyoxigraph reads it back to the
same terms) and cheap: Python never builds an object per term, which for a large answer took longer
than the query (63,666 rows of eight terms: 36 MB of JSON and 0.4-0.7 s of ``json.loads``; issue 23).
CSV, TSV, JSON and XML are then written by pyoxigraph from those lines (``QuerySolutions.serialize``);
only the table for people is written here. ``Result.rows`` gives the solutions as SPARQL 1.1 Results
JSON term objects ({"type", "value", "datatype", "xml:lang"}) when something asks for them (tests,
a result made from rows), read from the lines by pyoxigraph once.
"""

import json
import re

from kg.core.errors import KgError
from kg.util.text import clip, counted

_TSV_TERMS = None  # pyoxigraph.QueryResultsFormat.TSV, imported when first needed


class Result:
    """``kind``: "select", "ask" or "graph"; ``graph``: N-Triples for CONSTRUCT / DESCRIBE."""

    def __init__(
        self,
        kind: str,
        variables: list[str] | None = None,
        rows: list[dict] | None = None,
        boolean: bool | None = None,
        graph: bytes = b"",
        lines: list[bytes] | None = None,
    ):
        self.kind = kind
        self.variables = list(variables or [])
        self.boolean = boolean
        self.graph = graph
        self._lines = lines if rows is None else None  # TSV solutions, when the result was read from an engine
        self._rows = rows

    @property
    def rows(self) -> list[dict]:
        if self._rows is None:
            self._rows = _bindings(self.variables, self.lines) if self.lines else []
        return self._rows

    @rows.setter
    def rows(self, value: list[dict]) -> None:
        self._rows, self._lines = value, None

    @property
    def lines(self) -> list[bytes] | None:
        return self._lines

    @lines.setter
    def lines(self, value: list[bytes] | None) -> None:
        self._lines, self._rows = value, None  # rows read before are of the lines before

    @property
    def count(self) -> int:
        """The number of solutions, without reading them."""
        return len(self.lines) if self.lines is not None else len(self.rows)


def from_answer(answer) -> Result:
    """A pyoxigraph answer (solutions, a boolean or triples) as a result, read to its end.

    A solution stream parsed from an endpoint is read lazily, so a body cut short fails here, as a
    ``SyntaxError`` from pyoxigraph, which the caller words."""
    import pyoxigraph as ox

    if isinstance(answer, (bool, ox.QueryBoolean)):
        return Result("ask", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = [v.value for v in answer.variables]
        if not variables:  # no TSV header to read back: the few such answers go through JSON
            body = json.loads(answer.serialize(format=ox.QueryResultsFormat.JSON) or b"{}")
            return Result("select", variables, body["results"]["bindings"])
        text = answer.serialize(format=ox.QueryResultsFormat.TSV) or b""
        return Result("select", variables, lines=text.split(b"\n")[1:-1])
    data = ox.serialize(answer, format=ox.RdfFormat.N_TRIPLES) if answer is not None else b""
    return Result("graph", graph=data or b"")


def tsv_document(variables: list[str], lines: list[bytes]) -> bytes:
    """SPARQL TSV results: the header line, then one line per solution."""
    head = "\t".join(f"?{name}" for name in variables).encode("utf-8")
    return b"\n".join([head, *lines, b""])


def _bindings(variables: list[str], lines: list[bytes]) -> list[dict]:
    import pyoxigraph as ox

    answer = ox.parse_query_results(tsv_document(variables, lines), format=ox.QueryResultsFormat.TSV)
    return json.loads(answer.serialize(format=ox.QueryResultsFormat.JSON) or b"{}")["results"]["bindings"]


def read_terms(cells) -> dict:
    """Each distinct TSV cell (bytes) -> its pyoxigraph term, read by pyoxigraph (None for an empty,
    unbound cell). Called on a column's distinct cells, which are far fewer than its rows."""
    import pyoxigraph as ox

    cells = [cell for cell in dict.fromkeys(cells) if cell]
    terms: dict = {b"": None}
    if cells:
        answer = ox.parse_query_results(tsv_document(["t"], cells), format=ox.QueryResultsFormat.TSV)
        assert isinstance(answer, ox.QuerySolutions)  # a TSV document with a header: solutions
        for cell, solution in zip(cells, answer, strict=True):
            terms[cell] = solution[0]
    return terms


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

    if result.kind == "select" and result.lines is not None:
        document = tsv_document(result.variables, result.lines)
        if fmt == "csv":
            document = _IRI_CELL.sub(_iri_as_literal, document)
        answer = ox.parse_query_results(document, format=ox.QueryResultsFormat.TSV)
    else:
        if result.kind == "ask":
            body: dict = {"head": {}, "boolean": bool(result.boolean)}
        else:
            rows = [_iris_as_text(row) for row in result.rows] if fmt == "csv" else result.rows
            body = {"head": {"vars": result.variables}, "results": {"bindings": rows}}
        answer = ox.parse_query_results(json.dumps(body).encode("utf-8"), format=ox.QueryResultsFormat.JSON)
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


# An IRI cell of a TSV line (not a quoted triple, whose cell starts with "<<"): IRIs hold no '<', '>',
# TAB or line break.
_IRI_CELL = re.compile(rb"(?m)(?:^|(?<=\t))<([^<>\t\n]*)>(?=\t|$)")


def _iri_as_literal(match: re.Match) -> bytes:
    """As ``_iris_as_text``, on a TSV cell: the IRI's text as a string literal."""
    return b'"' + match.group(1).replace(b"\\", b"\\\\").replace(b'"', b'\\"') + b'"'


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


def _shown_cells(lines: list[bytes], prefixes: dict) -> dict[bytes, str]:
    """Each distinct TSV cell as ``_cell`` shows its term: worked out once per distinct term."""
    shown: dict[bytes, str] = {b"": ""}
    literals = []
    for cell in {cell for line in lines for cell in line.split(b"\t")}:
        if cell in shown:
            continue
        if cell.startswith(b"<"):
            shown[cell] = " ".join(compact_iri(cell[1:-1].decode("utf-8"), prefixes).split())
        elif cell.startswith(b"_:"):
            shown[cell] = " ".join(cell.decode("utf-8").split())
        else:
            literals.append(cell)
    for cell, term in read_terms(literals).items():
        if term is not None:
            shown[cell] = " ".join(term.value.split())
    return shown


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
    if result.lines is not None and not any(b"<<" in line for line in result.lines):
        shown = _shown_cells(result.lines, prefixes)
        cells = [[shown[cell] for cell in line.split(b"\t")] for line in result.lines]
    else:
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
