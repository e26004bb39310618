"""Differential test: kg's validation gives exactly stock pySHACL's findings (issue 23's constraint).

kg runs pySHACL in a faster form (the class hierarchy instead of the whole ontology, hoisted property
shapes, one harvest of the shapes per process, SHACL's SPARQL answered by Oxigraph). The reference is
pySHACL as documented: a plain rdflib graph, the shapes as written, the ontology as ``ont_graph`` and
rdflib's own SPARQL engine. Every result is compared whole (severity, focus node, path, value, source
shape, constraint component and messages), not only what kg's ``Finding`` keeps, on every article of the
fixture corpus, on every broken graph of tests/test_shapes.py, on all of them broken at once and on
graphs broken by seeded random edits (triples dropped, objects swapped between triples of one
predicate, literals retyped).
"""

import random

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.core.namespaces import SH
from kg.core.ontology import load_ontology_graph
from kg.validate import shapes_graph, validate
from tests.conftest import TERMS_SLUG
from tests.test_shapes import CASES, ID, NODE_CASES, TERMS_CASES

Result = tuple[str, str, str, str, str, str, tuple[str, ...]]


def _term(term) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return "_:"  # blank nodes are named per graph: compared by position only
    return term.n3()


def results(report: Graph) -> list[Result]:
    """Every result of a SHACL report graph, as comparable tuples, sorted, duplicates kept."""
    out = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        out.append(
            (
                _term(report.value(result, SH.resultSeverity)),
                _term(report.value(result, SH.focusNode)),
                _term(report.value(result, SH.resultPath)),
                _term(report.value(result, SH.value)),
                _term(report.value(result, SH.sourceShape)),
                _term(report.value(result, SH.sourceConstraintComponent)),
                tuple(sorted(str(m) for m in report.objects(result, SH.resultMessage))),
            )
        )
    return sorted(out)


def reference(data: Graph) -> list[Result]:
    """Stock pySHACL, as docs/cli.md's one-line command runs it."""
    import pyshacl

    plain = Graph()
    for triple in data:
        plain.add(triple)
    _conforms, report, _text = pyshacl.validate(
        plain,
        shacl_graph=shapes_graph(),
        ont_graph=load_ontology_graph(),
        inference="none",
        advanced=True,
        allow_warnings=True,
        abort_on_first=False,
    )
    return results(report)


def ours(data: Graph) -> list[Result]:
    """kg's validation as a build runs it: on its own copy, from N-Triples lines (the Oxigraph copy)."""
    from kg.rdf import ntriples

    return results(validate(data, lines=ntriples.lines(data)).graph)


def assert_same(data: Graph) -> list[Result]:
    expected = reference(data)
    assert ours(data) == expected
    return expected


@pytest.fixture(scope="module")
def article_graphs(terms_build):
    """Each fixture article's graph with the corpus entities it refers to, as a build validates it."""
    graphs = {}
    for slug in terms_build.parts:
        graph = Graph()
        for part in terms_build.article_graphs(slug).values():
            for triple in part:
                graph.add(triple)
        graphs[slug] = graph
    return graphs


def test_every_fixture_article_gives_pyshacls_findings(article_graphs):
    assert TERMS_SLUG in article_graphs and len(article_graphs) >= 4
    for slug, graph in sorted(article_graphs.items()):
        found = assert_same(graph)
        # the fixtures have no violation (one has a warning), under both
        assert not [r for r in found if r[0] == SH.Violation.n3()], slug


@pytest.mark.parametrize("shape", sorted(CASES))
def test_each_broken_value_gives_pyshacls_findings(seed_graph, shape):
    CASES[shape](seed_graph)
    assert assert_same(seed_graph)


@pytest.mark.parametrize("shape", sorted(NODE_CASES))
def test_each_broken_node_gives_pyshacls_findings(seed_graph, shape):
    NODE_CASES[shape][0](seed_graph)
    assert assert_same(seed_graph)


@pytest.mark.parametrize("shape", sorted(TERMS_CASES))
def test_each_broken_new_term_gives_pyshacls_findings(terms_graph, shape):
    TERMS_CASES[shape](terms_graph)
    assert assert_same(terms_graph)


def test_every_case_at_once_gives_pyshacls_findings(seed_graph):
    for breaker in CASES.values():
        breaker(seed_graph)
    for breaker, _focus in NODE_CASES.values():
        breaker(seed_graph)
    found = assert_same(seed_graph)
    assert len({r[4] for r in found}) >= len(CASES)  # the shapes fired side by side


def _mutated(graph: Graph, seed: int) -> Graph:
    """The graph with about one triple in twelve dropped, objects swapped between triples of the same
    predicate, and literals given another datatype or a language tag."""
    rng = random.Random(seed)
    triples = sorted(graph)
    out = Graph()
    by_predicate: dict = {}
    for _s, p, o in triples:
        by_predicate.setdefault(p, []).append(o)
    for s, p, o in triples:
        roll = rng.random()
        if roll < 0.08:
            continue
        if roll < 0.14 and len(by_predicate[p]) > 1:
            o = rng.choice(by_predicate[p])
        elif roll < 0.18 and isinstance(o, Literal):
            o = rng.choice(
                [Literal(str(o)), Literal(str(o), lang="de"), Literal(str(o), datatype=XSD.token), Literal(7)]
            )
        elif roll < 0.20 and isinstance(o, URIRef) and p != RDF.type:
            o = URIRef(str(o) + "-elsewhere")
        out.add((s, p, o))
    return out


@pytest.mark.parametrize("seed", range(6))
def test_randomly_broken_graphs_give_pyshacls_findings(seed_graph, terms_graph, seed):
    for graph in (seed_graph, terms_graph):
        found = assert_same(_mutated(graph, seed))
        assert found  # the edits broke something


def _odd_spans(graph: Graph) -> None:
    """Spans the span check must judge one by one: words of another language, an IRI for words, two
    anchors (one right), empty, past the end, wrong words, and blank-node spans (right and wrong)."""
    from kg.core.namespaces import DKG, NIF

    context = URIRef(ID + "text#char=0,5434")
    text = str(graph.value(context, NIF.isString))
    integer = XSD.nonNegativeInteger
    cases = [
        ("lang", 0, 5, [Literal(text[0:5], lang="en")]),
        ("iri", 0, 5, [URIRef("https://example.org/words")]),
        ("two", 10, 20, [Literal(text[10:20]), Literal("not these words")]),
        ("typed", 30, 40, [Literal(text[30:40], datatype=XSD.string)]),
        ("empty", 7, 7, [Literal("")]),
        ("past", 5400, 5500, [Literal(text[5400:])]),
        ("wrong", 100, 110, [Literal("0123456789")]),
        (None, 50, 60, [Literal(text[50:60])]),
        (None, 60, 70, [Literal("wrong here")]),
    ]
    for name, begin, end, anchors in cases:
        span = URIRef(ID + f"odd-{name}") if name else BNode()
        graph.add((span, RDF.type, DKG.TextSpan))
        graph.add((span, NIF.referenceContext, context))
        graph.add((span, NIF.beginIndex, Literal(str(begin), datatype=integer)))
        graph.add((span, NIF.endIndex, Literal(str(end), datatype=integer)))
        for anchor in anchors:
            graph.add((span, NIF.anchorOf, anchor))


@pytest.mark.parametrize("case", ["all-at-once", "odd-spans", *(f"random-{seed}" for seed in range(3))])
def test_the_span_check_over_a_long_text_gives_pyshacls_findings(seed_graph, monkeypatch, case):
    """Over a text longer than TEXT_LIMIT the span check is answered in Python (``_span_text``), with
    rdflib's engine judging each span that is not plainly right: the same results as stock pySHACL's."""
    from kg.validate import shacl_sparql

    monkeypatch.setattr(shacl_sparql, "TEXT_LIMIT", 1_000)  # the seed's text is longer
    answered = []
    span_text = shacl_sparql._span_text
    monkeypatch.setattr(shacl_sparql, "_span_text", lambda *a: answered.append(span_text(*a)) or answered[-1])
    graph = seed_graph
    if case == "all-at-once":  # the node-level cases (the value cases retype offsets: no copy is made then)
        for breaker, _focus in NODE_CASES.values():
            breaker(graph)
    elif case == "odd-spans":
        _odd_spans(graph)
        without_blank = Graph()
        for triple in graph:
            if not isinstance(triple[0], BNode):
                without_blank.add(triple)
        found = assert_same(without_blank)  # no blank node: answered in Python, rdflib judging the odd ones
        values = {r[3] for r in found if "SpanTextShape" in r[4]}
        assert {f"<{ID}odd-{n}>" for n in ("iri", "two", "empty", "past", "wrong")} == values
    else:
        graph = _mutated(graph, int(case.rsplit("-", 1)[1]))
    found = assert_same(graph)
    if not case.startswith("random"):  # a random edit may retype an offset: no copy, rdflib answers all
        assert any(a is not None for a in answered)  # the span check was answered the Python way
    if case == "all-at-once":
        assert any("SpanTextShape" in r[4] for r in found)
