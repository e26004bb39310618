"""A graph as sorted N-Triples lines: the form a build keeps each article in between builds.

N-Triples is line-based, so a graph's lines can be sorted (a total order that does not depend on the
hash seed), hashed, joined with other graphs' lines and turned into N-Quads or TriG without parsing
them in Python: pyoxigraph's parser and serialisers do that work. rdflib graphs are made from the lines
only where rdflib is needed (linking, validation).
"""

import hashlib
import re

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.core.errors import KgError

_XSD_STRING = str(XSD.string)  # rdflib looks a DefinedNamespace term up anew on every use


def lines(graph: Graph) -> list[str]:
    """The graph's triples as sorted N-Triples lines (each ending in a newline).

    Each distinct term is made a pyoxigraph term once (which checks it is RDF) and written as
    pyoxigraph writes it (``str`` of a pyoxigraph term is its N-Triples form, what its N-Triples
    serialiser writes); a line is the three joined, as that serialiser joins them."""
    memo = ToOxigraph()
    convert = memo._convert
    written: dict = {}
    out = set()
    try:
        for s, p, o in graph:
            a, b, c = written.get(s), written.get(p), written.get(o)
            if a is None:
                a = written[s] = str(convert(s))
            if b is None:
                b = written[p] = str(convert(p))
            if c is None:
                c = written[o] = str(convert(o))
            out.add(f"{a} {b} {c} .\n")
    except ValueError as exc:  # a term rdflib let through that RDF does not allow (an IRI with a space ...)
        raise KgError(f"cannot write the graph as RDF: {exc}") from None
    return sorted(out)


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
    them to this graph.

    The lines are the ones this module writes (Oxigraph's canonical N-Triples: one triple a line, terms
    apart by single spaces), so each is split in Python and each distinct term converted once, keyed by
    its text; a term of the shared vocabulary (``share``) is that very object, so that the lookups of
    validation find it by identity rather than by rdflib's ``__eq__``. A line of any other shape (a blank
    node, an escape in an IRI) is read by Oxigraph's parser, in its place."""
    from kg.rdf.graphstore import new_graph

    out = into if into is not None else new_graph()
    store = out.store
    add = store.add  # what Graph.add calls, without its checks of terms made right here
    made = getattr(store, "terms", None)  # the store's own term cache, when it has one: shared by every fill
    if made is None:
        made = {}
    for line in graph_lines:
        parts = line.split(" ", 2)
        if len(parts) == 3 and line.endswith(" .\n"):
            s, p, o = made.get(parts[0]), made.get(parts[1]), made.get(last := parts[2][:-3])
            if s is None:
                s = made[parts[0]] = _term(parts[0])
            if p is None:
                p = made[parts[1]] = _term(parts[1])
            if o is None:
                o = made[last] = _term(last)
            if s is not None and p is not None and o is not None:
                add((s, p, o), out, quoted=False)
                continue
        for triple in _parsed(line):
            add(triple, out, quoted=False)
    return out


_SHARED: dict[str, URIRef] = {}  # N-Triples text of a vocabulary term -> the one rdflib term for it
_TYPED: dict[str, Literal] = {}  # N-Triples text of a typed, non-string literal -> its rdflib term
_TYPED_LIMIT = 200_000
_ECHAR = re.compile(r"\\(?:([tbnrf\"'\\])|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))")
_ESCAPED = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def share(terms) -> None:
    """Make these IRIs (the shapes' and the ontology's vocabulary) the very objects ``graph`` gives for
    them."""
    for term in terms:
        if type(term) is URIRef:
            _SHARED.setdefault(f"<{term}>", term)


def _unescape(match: re.Match) -> str:
    char, short, long = match.groups()
    return _ESCAPED[char] if char else chr(int(short or long, 16))


def _term(text: str):
    """The rdflib term of one N-Triples term as this module writes it; None for any other form (the
    line is then parsed by Oxigraph)."""
    if text.startswith("<"):
        shared = _SHARED.get(text)
        if shared is not None:
            return shared
        if not text.endswith(">") or "\\" in text:
            return None
        return URIRef(text[1:-1])
    close = text.rfind('"')
    if not text.startswith('"') or close == 0:
        return None
    value, rest = text[1:close], text[close + 1 :]
    if "\\" in value:
        value = _ECHAR.sub(_unescape, value)
    if not rest:
        return Literal(value)
    if rest.startswith("@"):
        return Literal(value, lang=rest[1:])
    return _typed(text, value, rest)


def _typed(text: str, value: str, rest: str) -> Literal | None:
    """A typed literal (``rest``: its ``^^<datatype>``), one object per text (they repeat across articles:
    offsets, dates, booleans)."""
    if not (rest.startswith("^^<") and rest.endswith(">")):
        return None
    datatype = rest[3:-1]
    if datatype == _XSD_STRING:
        return Literal(value)
    found = _TYPED.get(text)
    if found is None:
        found = Literal(value, datatype=_datatype(datatype))
        if len(_TYPED) < _TYPED_LIMIT:
            _TYPED[text] = found
    return found


_DATATYPES: dict[str, URIRef] = {}


def _datatype(iri: str) -> URIRef:
    """A datatype's IRI made a term once (rdflib checks the characters of every IRI it makes, and a long
    text has hundreds of thousands of offsets, each a typed literal of one datatype)."""
    found = _DATATYPES.get(iri)
    if found is None:
        found = _DATATYPES[iri] = URIRef(iri)
    return found


def _parsed(line: str) -> list:
    """One line through Oxigraph's parser (what ``graph`` does not split itself)."""
    import pyoxigraph as ox

    convert = ToRdflib()
    try:
        return [
            (convert(t.subject), convert(t.predicate), convert(t.object))
            for t in ox.parse(line.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
        ]
    except SyntaxError as exc:
        raise KgError(f"cannot read a kept graph: {exc}") from None


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
