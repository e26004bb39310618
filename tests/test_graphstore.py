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


@pytest.mark.parametrize("seed", [4, 5])
def test_the_graph_answers_rdflibs_reading_methods_as_rdflib_does(seed):
    """``OneGraph`` reads its store itself for the methods pySHACL calls most: the answers, in the order,
    that rdflib's ``Graph`` gives on the same store (and, as sets, what rdflib's Memory store gives)."""
    rng = random.Random(seed)
    triples = _random_triples(rng, 150)
    ours, memory = _both(triples)
    theirs = Graph(store=OneGraphStore())
    for triple in triples:
        theirs.add(triple)
    assert type(ours) is not Graph and sorted(ours.subject_objects()) == sorted(memory.subject_objects())
    terms = sorted({t for triple in triples for t in triple}, key=str)[:8] + [EX["absent"], None]
    predicates = [None, EX.p0, EX.p3, EX["absent"]]
    for unique in (False, True):
        for a in terms:
            for p in predicates:
                assert list(ours.objects(a, p, unique)) == list(theirs.objects(a, p, unique))
                assert list(ours.subjects(p, a, unique)) == list(theirs.subjects(p, a, unique))
            assert list(ours.predicates(a, None, unique)) == list(theirs.predicates(a, None, unique))
            assert list(ours.predicates(None, a, unique)) == list(theirs.predicates(None, a, unique))
            assert list(ours.predicate_objects(a, unique)) == list(theirs.predicate_objects(a, unique))
            assert list(ours.subject_predicates(a, unique)) == list(theirs.subject_predicates(a, unique))
        for p in predicates:
            assert list(ours.subject_objects(p, unique)) == list(theirs.subject_objects(p, unique))
    for triple in triples[:20] + [(EX.s0, EX.p0, EX["absent"]), (None, EX["absent"], None)]:
        assert (triple in ours) == (triple in theirs)
    subjects = [EX.s0, EX.s1]
    assert list(ours.objects(subjects, EX.p0)) == list(theirs.objects(subjects, EX.p0))
    path = EX.p0 / EX.p1  # a property path goes to rdflib's own evaluation
    assert sorted(ours.objects(EX.s0, path)) == sorted(theirs.objects(EX.s0, path))


def test_graph_from_lines_reads_every_term_as_oxigraphs_parser_does():
    """``kg.rdf.ntriples.graph`` splits the lines it wrote itself in Python: the terms must be those
    Oxigraph's parser reads, escapes, language tags, datatypes and blank nodes included."""
    import pyoxigraph as ox

    from kg.rdf import ntriples

    graph = Graph()
    odd = 'quote " back \\ tab \t nl \n cr \r ff \f bs \b nul \x00 del \x7f é 𝄞 \u2028 end'
    graph.add((EX.s, EX.p, Literal(odd)))
    graph.add((EX.s, EX.p, Literal(odd, lang="en-GB")))
    graph.add((EX.s, EX.p, Literal("5", datatype=URIRef("http://www.w3.org/2001/XMLSchema#nonNegativeInteger"))))
    graph.add((EX.s, EX.p, Literal("x", datatype=URIRef("http://www.w3.org/2001/XMLSchema#string"))))
    graph.add((EX.s, EX.p, Literal('a "b"', datatype=EX.type)))
    graph.add((EX["é?x=1#f"], EX.p, BNode("b1")))
    graph.add((BNode("b1"), EX.p, Literal("")))
    lines = ntriples.lines(graph)
    ours = ntriples.graph(lines)
    convert = ntriples.ToRdflib()
    theirs = {
        (convert(t.subject), convert(t.predicate), convert(t.object))
        for t in ox.parse("".join(lines).encode(), format=ox.RdfFormat.N_TRIPLES)
    }
    assert set(ours) == theirs and len(ours) == len(lines) == 7
    assert ntriples.lines(ours) == lines


def test_the_object_index_made_late_follows_later_changes():
    """The object index is made on the first pattern that needs it, then kept up to date."""
    rng = random.Random(7)
    triples = _random_triples(rng, 120)
    ours, theirs = _both(triples[:60])
    assert ours.store._osp is None  # filling made two indexes
    probe = triples[0][2]
    assert sorted(ours.triples((None, None, probe))) == sorted(theirs.triples((None, None, probe)))
    for triple in triples[60:]:
        ours.add(triple)
        theirs.add(triple)
    ours.remove((None, EX.p2, None))
    theirs.remove((None, EX.p2, None))
    for pattern in _patterns(triples):
        assert sorted(ours.triples(pattern)) == sorted(theirs.triples(pattern)), pattern
