"""An rdflib store for one graph that is filled once and then read many times: an article's graph
while it is linked and validated, and the shapes.

pySHACL only takes a data graph on a context-aware (and graph-aware) store. rdflib's ``Memory`` store
is one, but it keeps, for every triple, the contexts it belongs to, and works out those contexts again
on every match it yields. A graph in a build is always alone in its store, so that bookkeeping is pure
cost: filling an article's graph took about a third more CPU, and pySHACL's thousands of lookups per
article about a tenth more. This store keeps the three indexes of rdflib's ``SimpleMemory`` (insertion
ordered dicts, so iteration does not depend on the hash seed; the object index made only when first
asked for), compares pattern terms with ``is None``
rather than through ``Identifier.__eq__``, counts its triples, and reports no contexts. Like rdflib's
stores, it matches over a copy of the keys, so a caller may add or remove triples while it iterates
over matches. It must not be shared by several graphs: each graph on it sees every triple.
"""

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.store import Store

_NO_CONTEXTS = ()


class OneGraphStore(Store):
    context_aware = True  # what pySHACL asks of a data graph's store; there is only ever one context
    graph_aware = True
    formula_aware = False
    transaction_aware = False

    def __init__(self, configuration=None, identifier=None):
        super().__init__(configuration, identifier)
        self._spo: dict = {}
        self._pos: dict = {}
        self._osp: dict | None = None  # made on first use (see ``osp``)
        self._size = 0
        self._namespace: dict = {}
        self._prefix: dict = {}
        self.terms: dict = {}  # N-Triples text -> rdflib term, of what kg.rdf.ntriples.graph put here

    def add(self, triple, context=None, quoted=False):
        s, p, o = triple
        objects = self._spo.setdefault(s, {}).setdefault(p, {})
        if o in objects:
            return
        objects[o] = None
        self._pos.setdefault(p, {}).setdefault(o, {})[s] = None
        if self._osp is not None:
            self._osp.setdefault(o, {}).setdefault(s, {})[p] = None
        self._size += 1

    def osp(self) -> dict:
        """The object index (object -> subject -> predicate), made from the subject index the first time
        a pattern binds an object and no predicate: no step of a build asks that, so its graphs are filled
        with two indexes rather than three (a third less work and memory per triple). Once made it is
        kept up to date; its order is the subject index's at that time, then insertion."""
        if self._osp is None:
            osp: dict = {}
            for s, by_predicate in self._spo.items():
                for p, objects in by_predicate.items():
                    for o in objects:
                        osp.setdefault(o, {}).setdefault(s, {})[p] = None
            self._osp = osp
        return self._osp

    def addN(self, quads):  # noqa: N802 (rdflib's name)
        for s, p, o, _context in quads:
            self.add((s, p, o))

    def remove(self, triple_pattern, context=None):
        for (s, p, o), _contexts in list(self.triples(triple_pattern)):
            _drop(self._spo, s, p, o)
            _drop(self._pos, p, o, s)
            if self._osp is not None:
                _drop(self._osp, o, s, p)
            self._size -= 1

    def triples(self, triple_pattern, context=None):
        """Matches of the pattern, each read from the index that binds most of it: one small generator
        per combination of bound terms, chosen here once per call rather than tested per match."""
        s, p, o = triple_pattern
        return _MATCHERS[(s is not None, p is not None, o is not None)](self, s, p, o)

    def _spo_match(self, s, p, o):
        if o in self._spo.get(s, {}).get(p, ()):
            yield (s, p, o), _NO_CONTEXTS

    def _sp_match(self, s, p, _o):
        for o in list(self._spo.get(s, {}).get(p, ())):
            yield (s, p, o), _NO_CONTEXTS

    def _so_match(self, s, _p, o):
        for p in list(self.osp().get(o, {}).get(s, ())):
            yield (s, p, o), _NO_CONTEXTS

    def _s_match(self, s, _p, _o):
        for p, objects in list(self._spo.get(s, {}).items()):
            for o in list(objects):
                yield (s, p, o), _NO_CONTEXTS

    def _po_match(self, _s, p, o):
        for s in list(self._pos.get(p, {}).get(o, ())):
            yield (s, p, o), _NO_CONTEXTS

    def _p_match(self, _s, p, _o):
        for o, subjects in list(self._pos.get(p, {}).items()):
            for s in list(subjects):
                yield (s, p, o), _NO_CONTEXTS

    def _o_match(self, _s, _p, o):
        for s, predicates in list(self.osp().get(o, {}).items()):
            for p in list(predicates):
                yield (s, p, o), _NO_CONTEXTS

    def _all_match(self, _s, _p, _o):
        for s, by_predicate in list(self._spo.items()):
            for p, objects in list(by_predicate.items()):
                for o in list(objects):
                    yield (s, p, o), _NO_CONTEXTS

    def clear(self) -> None:
        self._spo, self._pos, self._osp, self._size = {}, {}, None, 0
        self.terms = {}

    def __len__(self, context=None):
        return self._size

    def contexts(self, triple=None):
        return iter(_NO_CONTEXTS)

    def add_graph(self, graph):
        pass

    def remove_graph(self, graph):
        self.remove((None, None, None))

    def bind(self, prefix, namespace, override=True):
        # as rdflib's Memory store binds
        bound_namespace = self._namespace.get(prefix)
        bound_prefix = self._prefix.get(namespace)
        if bound_prefix is None and bound_namespace is not None:
            bound_prefix = self._prefix.get(bound_namespace)
        if override:
            if bound_prefix is not None:
                del self._namespace[bound_prefix]
            if bound_namespace is not None:
                del self._prefix[bound_namespace]
            self._prefix[namespace] = prefix
            self._namespace[prefix] = namespace
        else:
            self._prefix[namespace if bound_namespace is None else bound_namespace] = (
                prefix if bound_prefix is None else bound_prefix
            )
            self._namespace[prefix if bound_prefix is None else bound_prefix] = (
                namespace if bound_namespace is None else bound_namespace
            )

    def namespace(self, prefix):
        return self._namespace.get(prefix)

    def prefix(self, namespace):
        return self._prefix.get(namespace)

    def namespaces(self):
        yield from self._namespace.items()


def _drop(index: dict, a, b, c) -> None:
    inner = index[a][b]
    del inner[c]
    if not inner:
        del index[a][b]
        if not index[a]:
            del index[a]


class OneGraph(Graph):
    """A graph on a ``OneGraphStore`` of its own, read without rdflib's generator layers.

    rdflib's ``Graph.objects`` calls ``Graph.triples``, which asks whether the predicate is a property
    path (an ABC check) and calls the store's ``triples``, which yields (triple, contexts) pairs: three
    generators and an ABC check per lookup. pySHACL makes tens of thousands of lookups per article
    (most of them ``objects(focus, path)``), so this graph reads its store's indexes itself when the
    predicate is an IRI or unbound, with the same answers in the same order (the store's insertion
    order), over a copy of the keys as rdflib's stores do; anything else (a property path, a list of
    subjects) goes to rdflib's own methods."""

    def __init__(self, store=None, identifier=None, **options):
        if store is None or store == "default":  # rdflib's own way to make "a graph like this one"
            store = OneGraphStore()
        if not isinstance(store, OneGraphStore):
            raise TypeError("a OneGraph reads a OneGraphStore of its own")
        self.one: OneGraphStore = store
        super().__init__(store=store, identifier=identifier, **options)

    def add(self, triple):
        """As ``Graph.add``; its checks that each term is an rdflib ``Node`` (an ABC check each, about a
        third of compiling an article) are spared for terms that are plainly ones."""
        s, p, o = triple
        if type(s) in _TERMS and type(p) is URIRef and type(o) in _TERMS:
            self.one.add(triple)
            return self
        return super().add(triple)

    def triples(self, triple):
        s, p, o = triple
        if type(p) in _PLAIN:
            return _triples(self.one, s, p, o)
        return super().triples(triple)

    def __contains__(self, triple) -> bool:
        s, p, o = triple
        if type(p) in _PLAIN:
            for _ in _triples(self.one, s, p, o):
                return True
            return False
        return super().__contains__(triple)

    def objects(self, subject=None, predicate=None, unique=False):
        if type(predicate) in _PLAIN and not isinstance(subject, list):
            if subject is not None and predicate is not None:
                return iter(list(self.one._spo.get(subject, _EMPTY).get(predicate, _EMPTY)))
            if not unique:
                return (t[2] for t in _triples(self.one, subject, predicate, None))
        return super().objects(subject, predicate, unique)

    def subjects(self, predicate=None, object=None, unique=False):  # noqa: A002 (rdflib's name)
        if type(predicate) in _PLAIN and not isinstance(object, list):
            if object is not None and predicate is not None:
                return iter(list(self.one._pos.get(predicate, _EMPTY).get(object, _EMPTY)))
            if not unique:
                return (t[0] for t in _triples(self.one, None, predicate, object))
        return super().subjects(predicate, object, unique)

    def predicates(self, subject=None, object=None, unique=False):  # noqa: A002 (rdflib's name)
        if not unique:
            return (t[1] for t in _triples(self.one, subject, None, object))
        return super().predicates(subject, object, unique)

    def subject_objects(self, predicate=None, unique=False):
        if type(predicate) in _PLAIN and not unique:
            return ((t[0], t[2]) for t in _triples(self.one, None, predicate, None))
        return super().subject_objects(predicate, unique)

    def predicate_objects(self, subject=None, unique=False):
        if not unique:
            return ((t[1], t[2]) for t in _triples(self.one, subject, None, None))
        return super().predicate_objects(subject, unique)

    def subject_predicates(self, object=None, unique=False):  # noqa: A002 (rdflib's name)
        if not unique:
            return ((t[0], t[1]) for t in _triples(self.one, None, None, object))
        return super().subject_predicates(object, unique)


_PLAIN = (URIRef, type(None))
_TERMS = (URIRef, Literal, BNode)
_EMPTY: dict = {}


def _triples(store: OneGraphStore, s, p, o):
    """The store's matches of a pattern as bare triples, over a copy of the keys (as its ``triples``)."""
    if s is not None:
        if p is not None:
            if o is not None:
                return iter([(s, p, o)] if o in store._spo.get(s, _EMPTY).get(p, _EMPTY) else [])
            return iter([(s, p, x) for x in store._spo.get(s, _EMPTY).get(p, _EMPTY)])
        if o is not None:
            return iter([(s, x, o) for x in store.osp().get(o, _EMPTY).get(s, _EMPTY)])
        return iter([(s, x, y) for x, objects in store._spo.get(s, _EMPTY).items() for y in objects])
    if p is not None:
        if o is not None:
            return iter([(x, p, o) for x in store._pos.get(p, _EMPTY).get(o, _EMPTY)])
        return iter([(y, p, x) for x, subjects in store._pos.get(p, _EMPTY).items() for y in subjects])
    if o is not None:
        return iter([(x, y, o) for x, predicates in store.osp().get(o, _EMPTY).items() for y in predicates])
    return iter([(x, y, z) for x, by_p in store._spo.items() for y, objects in by_p.items() for z in objects])


def new_graph() -> Graph:
    """An empty graph on a store of its own."""
    return OneGraph()


def filled(graph: Graph) -> None:
    """The graph will not be filled from N-Triples lines again: the texts its terms were read from
    (``kg.rdf.ntriples.graph`` keeps them to convert each term once) are dropped now, not with the
    graph (on a 5 MB article, a dict of some 250,000 texts)."""
    store = graph.store
    if isinstance(store, OneGraphStore):
        store.terms = {}


def release(graph: Graph) -> None:
    """Empty a graph that is done with, now. An rdflib graph that has been given prefixes refers to
    itself (through its namespace manager), so it, and the thousands of dicts of its indexes, would
    otherwise wait for Python's cycle collector; a build that left every article's graphs to it spent
    about a third of its CPU time in that collector."""
    store = graph.store
    if isinstance(store, OneGraphStore):
        store.clear()


# (subject bound, predicate bound, object bound) -> the matcher for that pattern
_MATCHERS = {
    (True, True, True): OneGraphStore._spo_match,
    (True, True, False): OneGraphStore._sp_match,
    (True, False, True): OneGraphStore._so_match,
    (True, False, False): OneGraphStore._s_match,
    (False, True, True): OneGraphStore._po_match,
    (False, True, False): OneGraphStore._p_match,
    (False, False, True): OneGraphStore._o_match,
    (False, False, False): OneGraphStore._all_match,
}
