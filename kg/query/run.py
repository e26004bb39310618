"""Run SPARQL on the embedded Oxigraph store or on RDF files, and bind parameters safely.

A ``--param`` value becomes an RDF term (``parse_param``) and goes into a ``VALUES`` block appended to
the query (``bind``), written in N-Triples syntax, so text in a value can never change the query.
Remote endpoints get the same text (``kg.query.remote``).
"""

import re
from pathlib import Path

from kg.core.errors import EXIT_BAD_INPUT, KgError
from kg.query import guard, library, order
from kg.query.prefixes import PREFIXES
from kg.query.results import Result, from_answer
from kg.rdf.files import check_readable, oxigraph_format


def parse_param(spec: str):
    """``name=value``: ``<iri>``, a prefixed name (dkg:Talks), an N-Triples literal, or a plain string."""
    import pyoxigraph as ox

    name, sep, value = spec.partition("=")
    name = name.lstrip("?$")
    if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise KgError(f"--param '{spec}': expected name=value")
    if value.startswith("<"):  # an IRI whose '>' the shell or a typo lost must not become a string
        if not value.endswith(">"):
            raise KgError(
                f"--param {name}: an IRI in <...> lacks its closing '>' (a string that begins with '<' is "
                f"written as an N-Triples literal: '\"{value}\"')"
            )
        try:
            return name, ox.NamedNode(value[1:-1])
        except ValueError as exc:
            raise KgError(f"--param {name}: invalid IRI: {exc}") from None
    prefix, colon, local = value.partition(":")
    if colon and prefix in PREFIXES and re.fullmatch(r"[A-Za-z0-9_\-.]*", local):
        return name, ox.NamedNode(str(PREFIXES[prefix]) + local)
    if value.startswith('"'):
        try:
            triple = next(ox.parse(f"<urn:s> <urn:p> {value} .".encode(), format=ox.RdfFormat.N_TRIPLES))
        except (SyntaxError, ValueError, StopIteration) as exc:
            raise KgError(f"--param {name}: invalid literal: {exc}") from None
        return name, triple.object
    return name, ox.Literal(value)


def variables(query: str) -> set[str]:
    """Every ``?name`` / ``$name`` in the text (a few false friends inside IRIs or strings only make
    the unused-parameter check more lenient)."""
    return set(re.findall(r"[?$]([A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)", query))


def check_params(bound: dict, queries: list[str]) -> list[list[str]]:
    """For each query, the names of the parameters it uses. A parameter that no query uses is almost
    always a typo (``--param nme=...``), so it is an error instead of being ignored."""
    used = [[name for name in sorted(bound) if name in variables(text)] for text in queries]
    unused = sorted(set(bound) - {name for names in used for name in names})
    if unused:
        which = "the query has no variable" if len(queries) == 1 else "no library query has a variable"
        raise KgError(f"--param {unused[0]}: {which} ?{unused[0]}")
    return used


def load_files(paths: list[Path], with_ontology: bool = True):
    import pyoxigraph as ox

    from kg.rdf.ontology_graph import add_ontology

    store = ox.Store()
    if with_ontology:
        add_ontology(store)
    for path in paths:
        check_readable(path)
        fmt = oxigraph_format(path, option=None)  # kg query --data has no --input-format
        try:
            store.bulk_load(path=str(path), format=fmt)
        except (OSError, SyntaxError, ValueError) as exc:
            raise KgError(f"{path}: cannot load: {exc}") from None
    return store


def with_prefixes(query: str) -> str:
    """The query with PREFIX declarations for the predeclared prefixes it uses and does not declare,
    for endpoints (the embedded store gets them as a parameter). They go on the query's first line,
    so that an endpoint's syntax error still names the user's line numbers."""
    declared = {m.lower() for m in re.findall(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*|):", query)}
    used = [p for p in PREFIXES if p not in declared and re.search(rf"(?<![\w.-]){re.escape(p)}:", query)]
    if not used:
        return query
    return " ".join(f"PREFIX {p}: <{PREFIXES[p]}>" for p in used) + " " + query


def bind(query: str, params: dict | None) -> str:
    """Append a VALUES block: each parameter is an RDF term in N-Triples syntax, so text cannot escape it.

    (SEP-0007 substitution would be neater, but Oxigraph only substitutes projected variables and
    remote endpoints do not implement it; a trailing VALUES clause is plain SPARQL 1.1.)
    """
    if not params:
        return query
    names = sorted(params)
    values = " ".join(str(params[n]) for n in names)
    return f"{query}\nVALUES ({' '.join('?' + n for n in names)}) {{ ({values}) }}\n"


def run_local(
    store, query: str, params: dict | None = None, label: str = "query", graphs: list[str] | None = None
) -> Result:
    """``graphs``: the named graphs that make the default graph (SPARQL's default-graph-uri); the
    default is the union of all graphs."""
    import pyoxigraph as ox

    scope = {"default_graph": [ox.NamedNode(g) for g in graphs]} if graphs else {"use_default_graph_as_union": True}
    guard.check(query, label)
    if not graphs:
        variant = library.summary_variant(query, label)
        if variant is not None and has_summary(store):
            query = variant
    unordered = order.split(query)
    if unordered is not None:  # kg sorts the answer: the engine's sort reads each term's text per comparison
        text, wanted = unordered
        result = _evaluate(store, bind(text, params), label, scope)
        if result.kind == "select" and order.sort_result(result, wanted):
            return result
    return _evaluate(store, bind(query, params), label, scope)


def has_summary(store) -> bool:
    """Whether the store holds a corpus summary with the counts the library's summary variants read
    (a build's, of this kg's summary version; ``kg.build.summary``)."""
    from kg.query.prefixes import SUMMARY_GRAPH, SUMMARY_VERSION

    ask = (
        f"ASK {{ GRAPH <{SUMMARY_GRAPH}> {{ <{SUMMARY_GRAPH}> <https://w3id.org/diplokg/summary#version> ?v "
        f"FILTER (?v = {SUMMARY_VERSION}) }} }}"
    )
    return bool(store.query(ask))


def _evaluate(store, query: str, label: str, scope: dict) -> Result:
    try:
        answer = store.query(query, prefixes=PREFIXES, **scope)
    except SyntaxError as exc:
        raise KgError(f"{label}: SPARQL syntax {exc}", EXIT_BAD_INPUT) from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise KgError(f"{label}: query failed: {exc}") from None
    try:
        return from_answer(answer)  # solutions are evaluated as they are read
    except (OSError, ValueError, RuntimeError, SyntaxError) as exc:
        raise KgError(f"{label}: query failed: {exc}") from None
