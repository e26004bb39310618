"""A graph as sorted N-Triples lines: the form a build keeps each article in between builds.

N-Triples is line-based, so a graph's lines can be sorted (a total order that does not depend on the
hash seed), hashed, joined with other graphs' lines and turned into N-Quads or TriG without parsing
them in Python: pyoxigraph's parser and serialisers do that work. rdflib graphs are made from the lines
only where rdflib is needed (linking, validation).
"""

import hashlib

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.core.errors import KgError
from kg.rdf.formats import serialized

_XSD_STRING = str(XSD.string)  # rdflib looks a DefinedNamespace term up anew on every use


def lines(graph: Graph) -> list[str]:
    """The graph's triples as sorted N-Triples lines (each ending in a newline)."""
    import pyoxigraph as ox

    memo = ToOxigraph()
    made, convert = memo.cache, memo._convert  # inlined, as in graph()
    triples = []
    try:
        for s, p, o in graph:
            a, b, c = made.get(s), made.get(p), made.get(o)
            if a is None:
                a = made[s] = convert(s)
            if b is None:
                b = made[p] = convert(p)
            if c is None:
                c = made[o] = convert(o)
            triples.append(ox.Triple(a, b, c))
    except ValueError as exc:  # a term rdflib let through that RDF does not allow (an IRI with a space ...)
        raise KgError(f"cannot write the graph as RDF: {exc}") from None
    text = serialized(triples, ox.RdfFormat.N_TRIPLES).decode("utf-8")
    return sorted(set(split(text)))


def split(text: str) -> list[str]:
    """N-Triples text as its lines, each with its newline. Lines end at line feeds only: N-Triples
    leaves U+0085, U+2028 and U+2029 unescaped in literals, and ``str.splitlines`` would cut there."""
    lines = text.split("\n")
    last = lines.pop()  # "" when the text ends with a newline
    return [line + "\n" for line in lines] + ([last] if last else [])


def in_graph(name: str, graph_lines: list[str]) -> bytes:
    """The lines as N-Quads of the named graph ``name`` (for pyoxigraph's parser)."""
    suffix = f" <{name}> .\n"
    return "".join(line[:-3] + suffix for line in graph_lines).encode("utf-8")


def digest(graph_lines: list[str]) -> str:
    return hashlib.sha256("".join(graph_lines).encode("utf-8")).hexdigest()


def graph(graph_lines: list[str], into: Graph | None = None) -> Graph:
    """An rdflib graph of N-Triples lines, on a store of its own (``kg.rdf.graphstore``); ``into``: add
    them to this graph."""
    import pyoxigraph as ox

    from kg.rdf.graphstore import new_graph

    out = into if into is not None else new_graph()
    add = out.store.add  # what Graph.add calls, without its checks of terms made right here
    memo = ToRdflib()
    made, convert = memo.cache, memo._convert  # inlined: a call per term was a third of the work
    try:
        for t in ox.parse("".join(graph_lines).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES):
            s, p, o = made.get(t.subject), made.get(t.predicate), made.get(t.object)
            if s is None:
                s = made[t.subject] = convert(t.subject)
            if p is None:
                p = made[t.predicate] = convert(t.predicate)
            if o is None:
                o = made[t.object] = convert(t.object)
            add((s, p, o), out, quoted=False)
    except SyntaxError as exc:
        raise KgError(f"cannot read a kept graph: {exc}") from None
    return out


class _Memo:
    """A term converter that converts each distinct term once (an article repeats its IRIs a lot)."""

    def __init__(self):
        import pyoxigraph as ox

        self.ox = ox
        self.cache: dict = {}

    def __call__(self, term):
        found = self.cache.get(term)
        if found is None:
            found = self.cache[term] = self._convert(term)
        return found


class ToOxigraph(_Memo):
    """rdflib terms to pyoxigraph's."""

    def _convert(self, term):
        ox = self.ox
        if isinstance(term, URIRef):
            return ox.NamedNode(str(term))
        if isinstance(term, Literal):
            if term.language:
                return ox.Literal(str(term), language=term.language)
            if term.datatype:
                return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
            return ox.Literal(str(term))
        if isinstance(term, BNode):
            return ox.BlankNode(str(term))
        raise KgError(f"cannot write term {term!r}")


class ToRdflib(_Memo):
    """pyoxigraph terms to rdflib's. A literal typed xsd:string becomes a plain literal, as rdflib
    writes it (RDF 1.1: the same literal)."""

    def _convert(self, term):
        ox = self.ox
        if isinstance(term, ox.NamedNode):
            return URIRef(term.value)
        if isinstance(term, ox.Literal):
            if term.language:
                return Literal(term.value, lang=term.language)
            datatype = term.datatype.value
            if datatype == _XSD_STRING:
                return Literal(term.value)
            return Literal(term.value, datatype=URIRef(datatype))
        if isinstance(term, ox.BlankNode):
            return BNode(term.value)
        raise KgError(f"cannot read term {term!r}")
