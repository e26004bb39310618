"""SPARQL texts parsed once per process.

rdflib's ``Graph.query`` parses and translates the query text on every call. pySHACL validates a SPARQL
constraint by calling it once per focus node with the same text (and ``$this`` as an initial binding),
so most of a validation's SPARQL time went to pyparsing. rdflib's documented way to change how
``Graph.query`` runs is its processor plugin; this one keeps the translated algebra of each text
(a prepared query, which rdflib evaluates again with new bindings) and is otherwise rdflib's own.
"""

from functools import lru_cache

from rdflib import plugin
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.processor import SPARQLProcessor
from rdflib.query import Processor


@lru_cache(maxsize=512)
def _prepared(text: str, base: str | None, namespaces: tuple):
    return translateQuery(parseQuery(text), base, dict(namespaces))


class CachingProcessor(SPARQLProcessor):
    def query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):  # noqa: N803 (rdflib's names)
        if isinstance(strOrQuery, str):
            strOrQuery = _prepared(strOrQuery, base, tuple(sorted((initNs or {}).items())))
        return super().query(strOrQuery, initBindings or {}, initNs or {}, base, DEBUG)


_installed = False


def install() -> None:
    """Make ``Graph.query(text)`` in this process use the cache."""
    global _installed
    if not _installed:
        plugin.register("sparql", Processor, __name__, "CachingProcessor")
        _installed = True
