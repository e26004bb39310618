"""A query's final ORDER BY, done by kg on the answer instead of by the embedded engine.

Oxigraph sorts by comparing the terms themselves, and reads an IRI's or a long literal's text from its
string table for every comparison: on the 1M-triple bench corpus, 31,590 rows of two IRIs took 1.8 s of
CPU sorted and 0.12 s unsorted, and the sort was about half of each large library query (issue 23).
kg reads every term's text once anyway, to write the answer; sorting those rows in Python costs
milliseconds. This module takes a trailing ``ORDER BY`` of plain variables off the query (``split``)
and sorts the answer in the same order (``sort``):

- unbound first, then blank nodes, then IRIs (by their text, in code point order, as Oxigraph compares
  them), then literals; ``DESC`` reverses the whole comparison, as in Oxigraph;
- literals only where a column's literals are all of one comparable kind: plain strings (``xsd:string``),
  strings of one language tag, or integers (compared by value). A column with literals of other or mixed
  kinds (dates, booleans, decimals, two languages) is sorted by the engine: ``sort`` returns None and the
  caller runs the query with its ORDER BY;
- rows that tie on every key keep the order the engine gave them, as its own sort does.

Anything else after the WHERE clause (LIMIT, OFFSET, a trailing VALUES) or an ORDER BY of expressions
leaves the query to the engine. Remote endpoints always get the query as written.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from kg.query.guard import SKIPPED

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {
    _XSD + name
    for name in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
}
_CONDITION = re.compile(r"\s*(?:(ASC|DESC)\s*\(\s*[?$](\w+)\s*\)|[?$](\w+))", re.I)
_VARIABLE = re.compile(r"[?$](\w+)")


@dataclass(frozen=True)
class Order:
    keys: list[tuple[str, bool]]  # (variable, descending)
    extra: list[str]  # variables projected only to sort by, taken off the rows afterwards


def split(query: str) -> tuple[str, Order] | None:
    """``query`` without its final ORDER BY, and the order, or None when the engine should sort."""
    code = SKIPPED.sub(lambda m: " " * len(m.group(0)), query)  # same offsets, no strings or comments
    outside = [m for m in re.finditer(r"\bORDER\s+BY\b", code, re.I) if _depth_at(code, m.start()) == 0]
    if len(outside) != 1:
        return None
    found = outside[0]
    tail = code[found.end() :]
    keys, at = [], 0
    while True:
        match = _CONDITION.match(tail, at)
        if not match:
            break
        direction, inner, bare = match.groups()
        keys.append((inner or bare, (direction or "").upper() == "DESC"))
        at = match.end()
    if not keys or tail[at:].strip():
        return None  # an expression, LIMIT, OFFSET, VALUES: the engine sorts
    select = _select_clause(code)
    if select is None:
        return None
    start, end, distinct = select
    projected = _projected(code[start:end])
    if projected is None:
        return None
    missing = [name for name, _desc in keys if name not in projected]
    missing = list(dict.fromkeys(missing))
    if missing and (distinct or re.search(r"\bGROUP\s+BY\b", _top_text(code), re.I)):
        return None  # projecting them would change which rows are distinct or grouped
    text = query[: found.start()].rstrip() + "\n"
    if missing:
        text = text[:end] + "".join(f" ?{name}" for name in missing) + " " + text[end:]
    return text, Order(keys, missing)


def _depth_at(code: str, offset: int) -> int:
    return code.count("{", 0, offset) - code.count("}", 0, offset)


def _top_text(code: str) -> str:
    """The text at brace depth 0 (the query's own clauses, not its groups)."""
    out, depth = [], 0
    for char in code:
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif depth == 0:
            out.append(char)
    return "".join(out)


def _select_clause(code: str) -> tuple[int, int, bool] | None:
    """(start, end) of the variables of the query's own SELECT (depth 0), and whether it is DISTINCT."""
    match = next((m for m in re.finditer(r"\bSELECT\b", code, re.I) if _depth_at(code, m.start()) == 0), None)
    if match is None:
        return None
    modifier = re.compile(r"\s*(DISTINCT|REDUCED)\b", re.I).match(code, match.end())
    start = modifier.end() if modifier else match.end()
    where = re.compile(r"\bWHERE\b|\{", re.I).search(code, start)
    if where is None:
        return None
    return start, where.start(), bool(modifier)


def _projected(clause: str) -> set[str] | None:
    """The variables a SELECT clause projects: bare ones and ``(... AS ?name)``; None for ``*``."""
    if "*" in _strip_parentheses(clause):
        return None
    names = set(_VARIABLE.findall(_strip_parentheses(clause)))
    names |= set(re.findall(r"\bAS\s+[?$](\w+)\s*\)", clause, re.I))
    return names


def _strip_parentheses(text: str) -> str:
    out, depth = [], 0
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif depth == 0:
            out.append(char)
    return "".join(out)


def sort(rows: list[dict], order: Order) -> list[dict] | None:
    """``rows`` (SPARQL JSON bindings) in ``order``, or None when a column holds literals that kg does
    not compare as Oxigraph does (the engine must sort)."""
    keyers = []
    for name, descending in order.keys:
        keyer = _column_key([row.get(name) for row in rows])
        if keyer is None:
            return None
        keyers.append((name, descending, keyer))
    ordered = list(rows)
    for name, descending, keyer in reversed(keyers):  # stable: the last key first, the first key last
        ordered.sort(key=_by(name, keyer), reverse=descending)
    if order.extra:
        for row in ordered:
            for name in order.extra:
                row.pop(name, None)
    return ordered


def sort_result(result, order: Order) -> bool:
    """Put a SELECT ``result``'s solutions in ``order`` and take the ``extra`` variables off; False
    (and ``result`` unchanged) when a column holds literals that kg does not compare as Oxigraph does.

    The solutions are TSV lines (``kg.query.results``); each column's key is worked out once per
    distinct term, not once per row or comparison, and the lines are sorted as they are."""
    if result.lines is None:
        rows = sort(result.rows, order)
        if rows is None:
            return False
        result.rows = rows
    else:
        lines = sort_lines(result.lines, result.variables, order)
        if lines is None:
            return False
        result.lines = lines
    result.variables = [name for name in result.variables if name not in order.extra]
    return True


def sort_lines(lines: list[bytes], variables: list[str], order: Order) -> list[bytes] | None:
    """``lines`` (TSV solutions of ``variables``) in ``order``, without the ``extra`` columns; None
    when the engine must sort.

    Each row's cells are split once; a column's distinct cells are collected and ranked in C (``map``,
    ``set``), and each row gets one integer of its columns' ranks, first key first. The cycle collector
    is held off meanwhile: the split rows are a million lists for cq13 at 10,000 articles, and its
    passes over them were a third of the sort (13 -> 8 s)."""
    import gc

    collecting = gc.isenabled()
    gc.disable()
    try:
        return _sorted_lines(lines, variables, order)
    finally:
        if collecting:
            gc.enable()


def _sorted_lines(lines: list[bytes], variables: list[str], order: Order) -> list[bytes] | None:
    from operator import itemgetter

    from kg.query.results import read_terms

    column = {name: at for at, name in enumerate(variables)}
    last = max(column[name] for name, _ in order.keys)
    table = [line.split(b"\t", last + 1) for line in lines]  # the cells up to the last key's
    composite: list[int] | None = None
    for name, descending in order.keys:  # one integer per row: the columns' ranks, first key first
        cell_of = itemgetter(column[name])
        keys = _cell_keys(set(map(cell_of, table)), read_terms)
        if keys is None:
            return None
        ranks = {key: rank for rank, key in enumerate(sorted(set(keys.values())))}
        size = len(ranks)
        rank = {cell: (size - 1 - ranks[key] if descending else ranks[key]) for cell, key in keys.items()}
        ranked = map(rank.__getitem__, map(cell_of, table))
        if composite is None:
            composite = list(ranked)
        else:
            composite = [before * size + r for before, r in zip(composite, ranked, strict=True)]
    assert composite is not None  # an Order has at least one key
    positions = sorted(range(len(lines)), key=composite.__getitem__)  # stable: ties keep the engine's order
    if not order.extra:
        return [lines[at] for at in positions]
    kept = [at for at, name in enumerate(variables) if name not in order.extra]
    return [b"\t".join([cells[k] for k in kept]) for cells in (lines[at].split(b"\t") for at in positions)]


def _cell_keys(cells: set[bytes], read_terms) -> dict[bytes, tuple] | None:
    """Each distinct TSV cell of a column -> its sort key, as ``_column_key`` gives it for the term,
    or None when its literals are not of one comparable kind (or it holds quoted triples)."""
    keys: dict[bytes, tuple] = {}
    literals = []
    for cell in cells:
        if not cell:
            keys[cell] = (0, "")
        elif cell.startswith(b"<<"):
            return None
        elif cell.startswith(b"<"):
            keys[cell] = (2, cell[1:-1].decode("utf-8"))
        elif cell.startswith(b"_:"):
            keys[cell] = (1, "")  # Oxigraph holds all blank nodes equal
        else:
            literals.append(cell)
    terms = read_terms(literals)
    kinds = {_term_kind(terms[cell]) for cell in literals}
    if len(kinds) > 1 or None in kinds:
        return None
    numeric = kinds == {"integer"}
    for cell in literals:
        value = terms[cell].value
        keys[cell] = (3, int(value)) if numeric else (3, value)
    return keys


def _term_kind(term) -> str | None:
    """``_literal_kind`` for a pyoxigraph literal."""
    if term.language:
        return "@" + term.language.lower()
    datatype = term.datatype.value
    if datatype == _XSD + "string":
        return "string"
    if datatype in _INTEGERS and re.fullmatch(r"[+-]?[0-9]+", term.value):
        return "integer"
    return None


def _by(name: str, keyer: Callable[[dict | None], tuple]) -> Callable[[dict], tuple]:
    return lambda row: keyer(row.get(name))


def _column_key(terms: list) -> Callable[[dict | None], tuple] | None:
    """A key function for one column's terms, or None when its literals are not of one comparable kind."""
    kinds = set()
    for term in terms:
        if term is not None and term.get("type") in ("literal", "typed-literal"):
            kinds.add(_literal_kind(term))
    if len(kinds) > 1 or None in kinds:
        return None
    numeric = kinds == {"integer"}

    def key(term: dict | None) -> tuple:
        if term is None:
            return (0, "")
        kind = term.get("type")
        if kind == "bnode":
            return (1, "")  # Oxigraph holds all blank nodes equal
        if kind == "uri":
            return (2, term["value"])
        return (3, int(term["value"])) if numeric else (3, term["value"])

    return key


def _literal_kind(term: dict) -> str | None:
    if "xml:lang" in term:
        return "@" + term["xml:lang"].lower()
    datatype = term.get("datatype", _XSD + "string")
    if datatype == _XSD + "string":
        return "string"
    if datatype in _INTEGERS and re.fullmatch(r"[+-]?[0-9]+", term["value"]):
        return "integer"
    return None
