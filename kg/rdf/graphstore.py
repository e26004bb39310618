"""An rdflib store for one graph that is filled once and then read many times: an article's graph
while it is linked and validated, and the shapes.

pySHACL only takes a data graph on a context-aware (and graph-aware) store. rdflib's ``Memory`` store
is one, but it keeps, for every triple, the contexts it belongs to, and works out those contexts again
on every match it yields. A graph in a build is always alone in its store, so that bookkeeping is pure
cost: filling an article's graph took about a third more CPU, and pySHACL's thousands of lookups per
article about a tenth more. This store keeps the three indexes of rdflib's ``SimpleMemory`` (insertion
ordered dicts, so iteration does not depend on the hash seed), compares pattern terms with ``is None``
rather than through ``Identifier.__eq__``, counts its triples, and reports no contexts. Like rdflib's
stores, it matches over a copy of the keys, so a caller may add or remove triples while it iterates
over matches. It must not be shared by several graphs: each graph on it sees every triple.
"""

from rdflib import Graph
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
        self._osp: dict = {}
        self._size = 0
        self._namespace: dict = {}
        self._prefix: dict = {}

    def add(self, triple, context=None, quoted=False):
        s, p, o = triple
        objects = self._spo.setdefault(s, {}).setdefault(p, {})
        if o in objects:
            return
        objects[o] = None
        self._pos.setdefault(p, {}).setdefault(o, {})[s] = None
        self._osp.setdefault(o, {}).setdefault(s, {})[p] = None
        self._size += 1

    def addN(self, quads):  # noqa: N802 (rdflib's name)
        for s, p, o, _context in quads:
            self.add((s, p, o))

    def remove(self, triple_pattern, context=None):
        for (s, p, o), _contexts in list(self.triples(triple_pattern)):
            _drop(self._spo, s, p, o)
            _drop(self._pos, p, o, s)
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
        for p in list(self._osp.get(o, {}).get(s, ())):
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
        for s, predicates in list(self._osp.get(o, {}).items()):
            for p in list(predicates):
                yield (s, p, o), _NO_CONTEXTS

    def _all_match(self, _s, _p, _o):
        for s, by_predicate in list(self._spo.items()):
            for p, objects in list(by_predicate.items()):
                for o in list(objects):
                    yield (s, p, o), _NO_CONTEXTS

    def clear(self) -> None:
        self._spo, self._pos, self._osp, self._size = {}, {}, {}, 0

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


def new_graph() -> Graph:
    """An empty graph on a store of its own."""
    return Graph(store=OneGraphStore())


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
