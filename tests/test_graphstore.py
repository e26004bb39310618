"""kg.rdf.graphstore.OneGraphStore answers every pattern as rdflib's own Memory store does."""

import itertools
import random

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef

from kg.rdf.graphstore import OneGraphStore, new_graph

EX = Namespace("https://example.org/")


def _random_triples(rng: random.Random, count: int):
    subjects = [EX[f"s{i}"] for i in range(12)] + [BNode(f"b{i}") for i in range(3)]
    predicates = [EX[f"p{i}"] for i in range(5)]
    objects = (
        subjects + [Literal(f"text {i}") for i in range(6)] + [Literal(i) for i in range(4)] + [Literal("x", lang="en")]
    )
    return [(rng.choice(subjects), rng.choice(predicates), rng.choice(objects)) for _ in range(count)]


def _both(triples):
    ours, theirs = new_graph(), Graph()
    for triple in triples:
        ours.add(triple)
        theirs.add(triple)
    return ours, theirs


def _patterns(triples):
    terms = sorted({t for triple in triples for t in triple}, key=str)[:6] + [EX["absent"]]
    yield from itertools.product([None, *terms], [None, EX.p0, EX.p3, EX["absent"]], [None, *terms])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_pattern_matches_what_rdflib_memory_answers(seed):
    rng = random.Random(seed)
    triples = _random_triples(rng, 150)
    ours, theirs = _both(triples)
    assert len(ours) == len(theirs) == len(set(triples))
    for pattern in _patterns(triples):
        assert sorted(ours.triples(pattern)) == sorted(theirs.triples(pattern)), pattern
    # a removal by pattern, then single triples
    for pattern in [(None, EX.p1, None), triples[0], (triples[5][0], None, None), (None, None, triples[7][2])]:
        ours.remove(pattern)
        theirs.remove(pattern)
        assert len(ours) == len(theirs)
        assert sorted(ours) == sorted(theirs)
    for pattern in _patterns(triples):
        assert sorted(ours.triples(pattern)) == sorted(theirs.triples(pattern)), pattern


def test_adding_a_triple_twice_keeps_one_and_order_follows_insertion():
    graph = new_graph()
    triples = [(EX.b, EX.p, Literal(2)), (EX.a, EX.p, Literal(1)), (EX.b, EX.p, Literal(2)), (EX.a, EX.q, EX.b)]
    for triple in triples:
        graph.add(triple)
    assert len(graph) == 3
    assert list(graph) == [triples[0], triples[1], triples[3]]  # insertion order, not hash order
    graph += [(EX.c, EX.p, EX.a)]
    assert (EX.c, EX.p, EX.a) in graph and len(graph) == 4


def test_prefixes_bind_as_in_rdflib():
    ours, theirs = Graph(store=OneGraphStore()), Graph()
    for graph in (ours, theirs):
        graph.bind("ex", EX)
        graph.bind("ex", URIRef("https://example.org/other/"))  # taken: rdflib picks another prefix
        graph.bind("fresh", EX, override=True)
    assert sorted(ours.namespaces()) == sorted(theirs.namespaces())
    for graph in (ours, theirs):
        graph.add((EX.a, EX.p, EX.b))
    assert ours.serialize(format="turtle") == theirs.serialize(format="turtle")


@pytest.mark.parametrize(
    "pattern",
    [
        (None, EX.p, EX.o),
        (EX.s0, None, None),
        (None, EX.p, None),
        (None, None, EX.o),
        (EX.s0, EX.p, None),
        (EX.s0, None, EX.o),
        (None, None, None),
    ],
)
def test_a_graph_may_change_while_its_matches_are_read(pattern):
    """As with rdflib's own stores, a caller may add or remove triples while it reads matches (the
    linker adds links to the graph it reads)."""
    ours, theirs = _both([(EX[f"s{i}"], EX.p, EX.o) for i in range(5)] + [(EX.s0, EX.q, EX.o), (EX.s0, EX.p, EX.x)])
    for graph in (ours, theirs):
        for s, p, o in graph.triples(pattern):
            name = "-".join(str(term).rsplit("/", 1)[-1] for term in (s, p, o))  # not the order read
            graph.add((EX[f"new-{name}"], p, o))
            graph.add((s, EX[f"added-{name}"], o))
            graph.remove((s, p, o))
    assert sorted(ours) == sorted(theirs)
    assert len(ours) == len(theirs)
