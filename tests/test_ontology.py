"""The ontology is literate (label and comment on every term) and consistent under OWL-RL."""

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.core.namespaces import DKG
from kg.core.ontology import load_ontology_graph

ERR = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")


def dkg_terms(graph):
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return {(s, k) for k in kinds for s in graph.subjects(RDF.type, k) if str(s).startswith(str(DKG))}


def test_header():
    g = load_ontology_graph()
    onto = URIRef("https://w3id.org/diplokg/ontology")
    assert (onto, RDF.type, OWL.Ontology) in g
    for prop in ("title", "description", "license"):
        assert g.value(onto, URIRef("http://purl.org/dc/terms/" + prop)) is not None, prop
    assert g.value(onto, OWL.versionInfo) is not None


def test_every_term_has_label_comment_and_properties_domain_range():
    g = load_ontology_graph()
    terms = dkg_terms(g)
    assert len(terms) > 80
    for term, kind in terms:
        assert g.value(term, RDFS.label) is not None, term
        assert g.value(term, RDFS.comment) is not None, term
        if kind != OWL.Class:
            assert g.value(term, RDFS.domain) is not None, term
            assert g.value(term, RDFS.range) is not None, term


def test_every_class_is_aligned_upward():
    """Reuse, don't reinvent: every class specialises some other class."""
    g = load_ontology_graph()
    for term, kind in dkg_terms(g):
        if kind == OWL.Class:
            assert g.value(term, RDFS.subClassOf) is not None, term


def _closure_errors(graph):
    import owlrl

    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    return [str(graph.value(m, ERR.error)) for m in graph.subjects(RDF.type, ERR.ErrorMessage)]


@pytest.mark.slow
def test_ontology_and_seed_are_consistent_under_owl_rl(seed_compiled):
    graph = Graph()
    for triple in load_ontology_graph():
        graph.add(triple)
    for triple in seed_compiled.graph:
        graph.add(triple)
    assert _closure_errors(graph) == []


def test_owl_rl_detects_an_inconsistent_graph():
    """The check above can fail: a person who is also an organisation is reported."""
    graph = Graph()
    for triple in load_ontology_graph():
        graph.add(triple)
    thing = URIRef("https://w3id.org/diplokg/id/test/x")
    graph.add((thing, RDF.type, DKG.Person))
    graph.add((thing, RDF.type, DKG.Organization))
    assert _closure_errors(graph) != []
