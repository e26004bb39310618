"""The SPARQL that SHACL validation asks for: run by Oxigraph on a copy of the data graph, else by
rdflib with each text parsed once.

pySHACL evaluates SPARQL-based constraints and targets through rdflib's ``Graph.query``, once per
focus node with ``$this`` pre-bound. rdflib parses the text on every call (pyparsing: about 35 ms a
text) and evaluates row by row in Python; for a seed-sized article that was about half of its
validation. rdflib's documented way to change how ``Graph.query`` runs is its "sparql" processor
plugin. This one answers from an Oxigraph store holding the same triples, when the validator made
one (``mirrored``): Oxigraph parses and evaluates natively, and pre-binding is its ``substitutions``
(SEP-0007, the substitution SHACL's pre-binding is defined by). A text Oxigraph will not take that way
(its substitution needs the variable in the SELECT projection) and every graph without a copy go to
rdflib's own engine, with the translated query kept per text.

A graph holding an article text (``nif:isString``) longer than ``TEXT_LIMIT`` characters is copied
too, but a query that calls SUBSTR or STRLEN on it goes to rdflib: Oxigraph's SUBSTR and STRLEN walk a
UTF-8 string from its start, so the span check over a long text grows with its length times its spans,
where rdflib slices a Python string in constant time (measured on a 1 MB article: 9 s against 3.4 s).
Every other query (the corpus-entity target, over every typed node) costs the same per row in both
engines' string functions, and far less in Oxigraph's evaluation (on a 5 MB article: 10 s in rdflib).

On such a text, the span check itself (``SpanTextShape``) is rdflib's slowest query: its FILTER is
evaluated row by row in Python's SPARQL algebra (13 s of a 2 MB draft's 16 s of validation, for about
400,000 spans). ``_span_text`` answers it instead: Oxigraph lists the spans (no string function), the
spans whose words are plainly the text's words at their offsets are settled in Python (a string
slice), and rdflib's engine answers for every other span, pre-bound, so that what it reports is what
it always reported.
"""

import io
import re
from contextlib import contextmanager
from functools import lru_cache

from rdflib import Graph, Literal, Variable, plugin
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.processor import SPARQLProcessor
from rdflib.query import Processor

TEXT_LIMIT = 100_000  # characters; see the module's docstring

# id(graph) -> (the graph, its Oxigraph copy, whether it holds a text over TEXT_LIMIT)
_mirrors: dict[int, tuple[Graph, object, bool]] = {}
# the functions Oxigraph evaluates by walking a string from its start (see the module's docstring)
_WALKS = re.compile(r"\b(?:SUBSTR|STRLEN)\s*\(", re.IGNORECASE)


@contextmanager
def mirrored(graph: Graph, lines: list[str] | None = None):
    """Within the block, SHACL's queries on ``graph`` are answered by an Oxigraph copy of it; the
    graph must not change meanwhile (pySHACL without rules or inference does not change it).
    ``lines``: the graph's triples as N-Triples lines, when the caller has them (Oxigraph parses them
    natively; otherwise each triple is converted in Python, about a third of a small graph's
    validation)."""
    if not _wanted(graph):
        yield
        return
    import pyoxigraph as ox

    from kg.core.errors import KgError
    from kg.rdf.ntriples import ToOxigraph

    copy = ox.Store()
    try:
        if lines is not None:
            # kg's own lines: every term was checked by Oxigraph when they were written
            # (kg.rdf.ntriples.lines), so the parser skips checking IRIs and language tags again
            copy.load(io.BufferedReader(_Reader(lines)), format=ox.RdfFormat.N_TRIPLES, lenient=True)
        else:
            convert = ToOxigraph()
            copy.extend(ox.Quad(convert(s), convert(p), convert(o)) for s, p, o in graph)
    except (ValueError, SyntaxError, KgError):
        # a term rdflib lets through and Oxigraph refuses (an IRI with a space, a malformed language
        # tag): rdflib's engine answers for this graph, as it would have anyway
        yield
        return
    key = id(graph)
    _mirrors[key] = (graph, copy, _long_text(graph))
    try:
        yield
    finally:
        _mirrors.pop(key, None)


class _Reader(io.RawIOBase):
    """The lines as one N-Triples document, read a block at a time: the same document as the lines
    joined, without the joined text and its bytes at once (on a 2 MB draft's graph, two copies of
    about 130 MB each while the copy was loaded)."""

    def __init__(self, lines: list[str], block: int = 4096):
        super().__init__()
        self._lines, self._block, self._at = lines, block, 0
        self._left = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if not self._left:
            chunk = self._lines[self._at : self._at + self._block]
            self._at += len(chunk)
            self._left = memoryview("".join(chunk).encode("utf-8"))
        size = min(len(buffer), len(self._left))
        buffer[:size] = self._left[:size]
        self._left = self._left[size:]
        return size


# Where kg's shapes read an offset (nif:beginIndex, nif:endIndex), both engines agree on integers
# written in canonical form, which is what the compiler writes. On others they do not: Oxigraph stores
# numbers canonically ("012" as 12), follows SPARQL's error rules on a string offset, and rounds a
# decimal where rdflib's SUBSTR raises. A graph with any other offset is left to rdflib's engine, which
# answers it as it always has (``_wanted``).
_INTEGERS = {
    f"http://www.w3.org/2001/XMLSchema#{name}"
    for name in (
        "integer",
        "nonNegativeInteger",
        "positiveInteger",
        "int",
        "long",
        "short",
        "byte",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
    )
}
_CANONICAL = re.compile(r"0|[1-9][0-9]*")


def _wanted(graph: Graph) -> bool:
    """Every offset an integer in canonical form."""
    from kg.core.namespaces import NIF

    return all(
        isinstance(o, Literal) and str(o.datatype) in _INTEGERS and _CANONICAL.fullmatch(str(o))
        for p in (NIF.beginIndex, NIF.endIndex)
        for o in graph.objects(None, p)
    )


def _long_text(graph: Graph) -> bool:
    """An article text over ``TEXT_LIMIT``: queries that walk it go to rdflib."""
    from kg.core.namespaces import NIF

    return any(len(str(text)) > TEXT_LIMIT for text in graph.objects(None, NIF.isString))


@lru_cache(maxsize=512)
def _prepared(text: str, base: str | None, namespaces: tuple):
    return translateQuery(parseQuery(text), base, dict(namespaces))


class ShaclProcessor(SPARQLProcessor):
    def query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):  # noqa: N803 (rdflib's names)
        mirror = _mirrors.get(id(self.graph))
        # the very graph copied (pySHACL queries the rdflib graph it was given), not another one on its store
        if (
            mirror is not None
            and mirror[0] is self.graph
            and isinstance(strOrQuery, str)
            and mirror[2]
            and " ".join(strOrQuery.split()).endswith(_SPAN_TEXT)
        ):
            answered = _span_text(self, mirror, strOrQuery, initBindings or {}, initNs or {}, base)
            if answered is not None:
                return answered
        if (
            mirror is not None
            and mirror[0] is self.graph
            and isinstance(strOrQuery, str)
            and not (mirror[2] and _WALKS.search(strOrQuery))
        ):
            answered = _by_oxigraph(mirror[1], strOrQuery, initBindings or {}, initNs or {}, base)
            if answered is not None:
                return answered
        if isinstance(strOrQuery, str):
            strOrQuery = _prepared(strOrQuery, base, tuple(sorted((initNs or {}).items())))
        return super().query(strOrQuery, initBindings or {}, initNs or {}, base, DEBUG)


# the span check of kg's shapes (SpanTextShape-span-text), whitespace collapsed; ``_span_text`` answers it
_SPAN_FILTER = (
    " FILTER (?end <= ?begin || ?end > STRLEN(?text) || SUBSTR(?text, ?begin + 1, ?end - ?begin) != STR(?anchor))"
)
_SPAN_TEXT = (
    "SELECT $this ?value ?anchor ?begin ?end WHERE { $this nif:isString ?text . ?value nif:referenceContext $this ;"
    f" nif:anchorOf ?anchor ; nif:beginIndex ?begin ; nif:endIndex ?end .{_SPAN_FILTER} }}"
)
_SPAN_VARS = ("this", "value", "anchor", "begin", "end")


def _span_text(processor: "ShaclProcessor", mirror: tuple, text: str, bindings: dict, namespaces: dict, base):
    """The span check's answer, as rdflib's engine gives it (None: left to the usual ways).

    Oxigraph lists the spans of the pre-bound context (the same query without its FILTER). A span's row
    is dropped here only when rdflib's FILTER is plainly false for it: the context has one text, a
    plain literal in the rdflib graph (so SUBSTR gives a plain literal), the offsets are integers (the
    copy is made only then: ``_wanted``) with 0 <= begin < end <= the text's length, and the anchor is an
    ``xsd:string`` literal whose words are the slice ``text[begin:end]`` (STR gives them as a plain
    literal, equal to SUBSTR's). Every other span (an IRI: a blank node is named apart in the copy) is
    asked of rdflib's engine with ``?value`` pre-bound too, which gives exactly that span's rows of the
    whole answer."""
    import pyoxigraph as ox
    from rdflib import Variable

    from kg.core.namespaces import NIF
    from kg.rdf.ntriples import ToOxigraph

    graph, store, _long = mirror
    if len(bindings) != 1 or str(next(iter(bindings))) != "this":
        return None
    this = next(iter(bindings.values()))
    texts = list(graph.objects(this, NIF.isString))
    if len(texts) != 1 or not isinstance(texts[0], Literal) or texts[0].language or texts[0].datatype:
        return None
    whole = str(texts[0])
    listing = " ".join(text.split()).replace(_SPAN_FILTER, "")
    try:
        rows = store.query(
            listing,
            base_iri=base,
            prefixes={str(k): str(v) for k, v in namespaces.items()},
            substitutions={ox.Variable("this"): ToOxigraph()(this)},
        )
        string = ox.NamedNode("http://www.w3.org/2001/XMLSchema#string")
        doubtful: dict = {}
        for row in rows:
            anchor, begin, end = row["anchor"], int(row["begin"].value), int(row["end"].value)
            if not (
                isinstance(anchor, ox.Literal)
                and anchor.datatype == string
                and 0 <= begin < end <= len(whole)
                and whole[begin:end] == anchor.value
            ):
                doubtful.setdefault(row["value"], None)
        if not all(isinstance(value, ox.NamedNode) for value in doubtful):
            return None  # a blank node is named apart in the copy: rdflib's engine answers the whole query
    except (SyntaxError, RuntimeError, ValueError, OSError, TypeError, KeyError):
        return None
    from kg.rdf.ntriples import ToRdflib

    to_rdf = ToRdflib()
    found: list = []
    for value in doubtful:
        pinned = {"this": this, "value": to_rdf(value)}
        query = _prepared(text, base, _sorted(namespaces))
        found.extend(SPARQLProcessor.query(processor, query, pinned, namespaces, base)["bindings"])
    return {"type_": "SELECT", "vars_": [Variable(name) for name in _SPAN_VARS], "bindings": found}


def _sorted(namespaces: dict) -> tuple:
    return tuple(sorted(namespaces.items()))


def _by_oxigraph(store, text: str, bindings: dict, namespaces: dict, base: str | None) -> dict | None:
    """The answer in the form rdflib's own engine gives it (what ``SPARQLResult`` is made from)."""
    import pyoxigraph as ox

    from kg.rdf.ntriples import ToOxigraph, ToRdflib

    to_ox, to_rdf = ToOxigraph(), ToRdflib()
    try:  # Oxigraph evaluates lazily: an error may come while the answer is read
        answer = store.query(
            text,
            base_iri=base,
            prefixes={str(k): str(v) for k, v in namespaces.items()},
            substitutions={ox.Variable(str(k)): to_ox(v) for k, v in bindings.items()},
        )
        if isinstance(answer, ox.QueryBoolean):
            return {"type_": "ASK", "askAnswer": bool(answer)}
        if isinstance(answer, ox.QuerySolutions):
            names = [v.value for v in answer.variables]
            rows = [{Variable(name): to_rdf(row[name]) for name in names if row[name] is not None} for row in answer]
            return {"type_": "SELECT", "vars_": [Variable(name) for name in names], "bindings": rows}
        triples = [(to_rdf(t.subject), to_rdf(t.predicate), to_rdf(t.object)) for t in answer]
    except (SyntaxError, RuntimeError, ValueError, OSError):
        return None  # rdflib's engine answers instead
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return {"type_": "CONSTRUCT", "graph": graph}


_installed = False


def install() -> None:
    """Make ``Graph.query(text)`` in this process go through ``ShaclProcessor``."""
    global _installed
    if not _installed:
        plugin.register("sparql", Processor, __name__, "ShaclProcessor")
        _installed = True
