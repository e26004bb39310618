"""SHACL: the seed conforms, and every shape has a broken graph that makes exactly it fire.

Property shapes with sh:minCount are broken automatically (remove the property from one focus node of
the seed, or of the new-terms fixture where the seed has none);
the other constraints (class, datatype, sh:in, pattern, maxCount, SPARQL, sh:or) have hand-made cases.
Each case asserts the set of shapes that fire and the message each shape declares.
"""

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from kg.core.namespaces import DKG, NIF, SH
from kg.core.ontology import load_ontology_graph
from kg.validate import shapes_graph, validate

ID = "https://w3id.org/diplokg/id/russian-delegation-damascus/"
TERMS_ID = "https://w3id.org/diplokg/id/envoy-arrives-damascus/"
SHAPES = "https://w3id.org/diplokg/shapes#"
ENTITY_RUSSIA = URIRef("https://w3id.org/diplokg/entity/russia")
ENTITY_TOPIC = URIRef("https://w3id.org/diplokg/entity/asylum")


def node(local):
    return URIRef(ID + local)


def term_node(local):
    return URIRef(TERMS_ID + local)


def declared_message(shape_iri: str) -> str:
    return str(shapes_graph().value(URIRef(shape_iri), SH.message))


def instances(graph: Graph, cls):
    ontology = load_ontology_graph()
    subclasses = set(ontology.transitive_subjects(RDFS.subClassOf, cls))
    return sorted({s for c in subclasses for s in graph.subjects(RDF.type, c)})


def min_count_cases():
    shapes = shapes_graph()
    cases = []
    for node_shape in sorted(shapes.subjects(RDF.type, SH.NodeShape)):
        target = shapes.value(node_shape, SH.targetClass)
        if target is None:  # other targets have hand-made cases
            continue
        for prop in sorted(shapes.objects(node_shape, SH.property)):
            if shapes.value(prop, SH.minCount) is not None:
                cases.append(pytest.param(str(prop), target, shapes.value(prop, SH.path), id=str(prop).split("#")[1]))
    return cases


def test_seed_conforms_with_no_findings(seed_compiled):
    report = validate(seed_compiled.graph)
    assert report.conforms, report.text()
    assert report.findings == []


def test_new_terms_fixture_conforms_with_no_findings(terms_graph):
    report = validate(terms_graph)
    assert report.conforms, report.text()
    assert report.findings == []


@pytest.mark.parametrize("shape, target, path", min_count_cases())
def test_missing_required_property_fires_exactly_its_shape(seed_graph, terms_graph, shape, target, path):
    ontology = load_ontology_graph()
    subproperties = set(ontology.transitive_subjects(RDFS.subPropertyOf, path))
    graph = None
    for graph in (seed_graph, terms_graph):
        focus = next(
            (f for f in instances(graph, target) if any(graph.triples((f, p, None)) for p in subproperties)), None
        )
        if focus is not None:
            break
    assert focus is not None, f"neither the seed nor the new-terms fixture has a {target} with {path}"
    for p in subproperties:
        graph.remove((focus, p, None))
    report = validate(graph)
    also = {SHAPES + name for name in ALSO_FIRES.get(shape.split("#")[1], ())}
    assert {f.shape for f in report.findings} == {shape} | also
    own = {(f.focus, f.message) for f in report.findings if f.shape == shape}
    assert own == {(str(focus), declared_message(shape))}


# Removing a cancellation's agreement also leaves that agreement without its cancellation.
ALSO_FIRES = {
    "CancellationShape-cancels": ["CancelledAgreementShape"],
    # a joint statement (shared stance) with no speaker (holder) at all is also a statement (stance) without one
    "JointStatementShape-speakers": ["StatementShape-speaker"],
    "SharedStanceShape-holders": ["StanceShape-holder"],
}


def _set(graph, s, p, o):
    graph.set((s, p, o))


CASES = {
    # shape that must fire: a function that breaks the seed graph
    "ClaimShape-evidence": lambda g: _set(g, node("visit"), DKG.evidence, node("bogdanov")),
    "ClaimShape-stated-in": lambda g: g.add((node("visit"), DKG.statedIn, node("other-article"))),
    "ClaimShape-status": lambda g: _set(g, node("visit"), DKG.status, DKG.somewhatPlanned),
    "ClaimShape-reported-by": lambda g: _set(g, node("visit"), DKG.reportedBy, node("russian-source")),
    "TextSpanShape-begin-index": lambda g: _set(g, URIRef(ID + "text#char=0,224"), NIF.beginIndex, Literal(0)),
    "TextSpanShape-end-index": lambda g: _set(g, URIRef(ID + "text#char=0,224"), NIF.endIndex, Literal(224)),
    "TextSpanShape-anchor": lambda g: _set(
        g,
        URIRef(ID + "text#char=0,224"),
        NIF.anchorOf,
        Literal(str(g.value(URIRef(ID + "text#char=0,224"), NIF.anchorOf)), lang="en"),
    ),
    "TextSpanShape-reference-context": lambda g: _set(
        g, URIRef(ID + "text#char=0,224"), NIF.referenceContext, node("visit")
    ),
    "ContextShape-text": lambda g: _set(g, URIRef(ID + "text#char=0,5434"), NIF.isString, Literal(5434)),
    "NewsArticleShape-verified-by-publisher": lambda g: _set(
        g, URIRef(ID[:-1]), DKG.verifiedByPublisher, Literal("no")
    ),
    "NewsArticleShape-text": lambda g: _set(g, URIRef(ID[:-1]), DKG.text, node("visit")),
    "PersonShape-country": lambda g: _set(g, node("lavrov"), DKG.country, node("damascus")),
    "GovernmentBodyShape-government-of": lambda g: g.add(
        (node("russian-foreign-ministry"), DKG.governmentOf, node("syria"))
    ),
    "FacilityShape-host-country": lambda g: _set(g, node("tartus-port"), DKG.hostCountry, node("tartus")),
    "EventShape-year": lambda g: g.add((node("visit"), DKG.year, Literal("2025", datatype=XSD.gYear))),
    "DiplomaticVisitShape-destination": lambda g: _set(g, node("visit"), DKG.destination, node("lavrov")),
    "DelegationShape-leader": lambda g: g.add((node("delegation"), DKG.leader, node("lavrov"))),
    "DelegationShape-represents": lambda g: g.add((node("delegation"), DKG.represents, node("lavrov"))),
    "OneSpeakerShape": lambda g: g.add((node("statement-lavrov-ready"), DKG.speaker, node("al-sharaa"))),
    "AgreementShape-year-signed": lambda g: _set(
        g, node("port-agreement"), DKG.yearSigned, Literal("2019", datatype=XSD.gYear)
    ),
    "AgreementShape-agreement-status": lambda g: _set(g, node("base-agreements"), DKG.status, DKG.ongoing),
    "CancellationShape-cancels": lambda g: g.add((node("port-agreement-cancellation"), DKG.cancels, node("visit"))),
    "MilitaryPresenceShape-facility": lambda g: _set(g, node("presence-hmeimim"), DKG.location, node("syria")),
    "BusinessActivityShape-sector": lambda g: g.add(
        (node("russian-contracts"), DKG.sector, node("topic-privatization"))
    ),
    "PostShape-held-by": lambda g: _set(g, node("post-lavrov-foreign-minister"), DKG.heldBy, node("russia")),
    "AgendaItemShape-agenda-of": lambda g: _set(g, node("agenda-asylum"), DKG.agendaOf, node("assad")),
    "QuantityShape-amount": lambda g: _set(g, node("quantity-students"), DKG.amount, Literal("5000")),
    "QuantityShape-unit": lambda g: g.add((node("quantity-students"), DKG.unitText, Literal("pupils"))),
    "EditorialNoteShape-about": lambda g: _set(g, node("note-translation"), DKG.about, node("visit")),
    "OneHolderShape": lambda g: g.add((node("stance-downplay"), DKG.holder, node("russian-government"))),
    "EventShape-ordinal": lambda g: _set(g, node("talks"), DKG.ordinal, Literal("first")),
    "EventShape-after": lambda g: g.add((node("talks"), DKG.after, node("assad"))),
    "OrganizationShape-based-in": lambda g: _set(g, node("russian-embassy"), DKG.basedIn, node("lavrov")),
    "PostShape-accredited-to": lambda g: g.add(
        (node("post-lavrov-foreign-minister"), DKG.accreditedTo, node("lavrov"))
    ),
    "StateOfAffairsShape-condition": lambda g: _set(g, node("embassy-operation"), DKG.condition, Literal(1)),
    "TopicSchemeShape-pref-label": lambda g: [
        g.add((ENTITY_TOPIC, SKOS.inScheme, DKG.topicScheme)),
        g.add((ENTITY_TOPIC, SKOS.prefLabel, Literal("asylum", lang="en"))),
        g.add((ENTITY_TOPIC, SKOS.prefLabel, Literal("political asylum", lang="en"))),
    ],
    "NewsArticleShape-issued": lambda g: g.add(
        (URIRef(ID[:-1]), URIRef("http://purl.org/dc/terms/issued"), Literal("last week"))
    ),
    "NewsArticleShape-url": lambda g: g.add(
        (URIRef(ID[:-1]), URIRef("https://schema.org/url"), Literal("example.org"))
    ),
    "NewsArticleShape-license": lambda g: g.add(
        (URIRef(ID[:-1]), URIRef("http://purl.org/dc/terms/license"), Literal("public domain"))
    ),
    "SameEventShape-report": lambda g: g.add((node("visit"), DKG.sameEventAs, URIRef("https://example.org/visit"))),
    "CorpusEntityShape-label": lambda g: [
        g.add((ENTITY_RUSSIA, RDF.type, DKG.Country)),
        g.add((ENTITY_RUSSIA, RDFS.label, Literal("Russia", lang="en"))),
        g.add((ENTITY_RUSSIA, RDFS.label, Literal("Russland", lang="de"))),
    ],
    "ArticleSectionShape-title": lambda g: g.add(
        (node("section-1"), URIRef("http://purl.org/dc/terms/title"), Literal("Other"))
    ),
}


def _linked(g, local, qid="Q159", method="pin", score="1.000"):
    from decimal import Decimal

    from rdflib.namespace import SKOS

    g.add((node(local), SKOS.exactMatch, URIRef("http://www.wikidata.org/entity/" + qid)))
    g.add((node(local), DKG.linkMethod, Literal(method)))
    g.add((node(local), DKG.linkScore, Literal(Decimal(score), datatype=XSD.decimal)))


LINK_CASES = {
    "WikidataLinkShape-item": lambda g: _linked(g, "russia", qid="Q0"),
    "WikidataLinkShape-method": lambda g: _linked(g, "russia", method="guess"),
    "WikidataLinkShape-score": lambda g: _linked(g, "russia", score="1.5"),
}


@pytest.mark.parametrize("shape", sorted(LINK_CASES))
def test_bad_wikidata_link_fires_exactly_its_shape(seed_graph, shape):
    _linked(seed_graph, "syria", qid="Q858")  # a good link fires nothing
    LINK_CASES[shape](seed_graph)
    report = validate(seed_graph)
    assert {(f.shape, f.focus, f.message) for f in report.findings} == {
        (SHAPES + shape, ID + "russia", declared_message(SHAPES + shape))
    }


def break_sentence_pattern(g):
    """A sentence that starts with the preceding line break: its text still matches the article."""
    old = URIRef(ID + "text#char=225,497")
    text = str(g.value(old, NIF.anchorOf))
    _set(g, old, NIF.beginIndex, Literal(224, datatype=XSD.nonNegativeInteger))
    _set(g, old, NIF.anchorOf, Literal("\n" + text))


def remove_statement_content(g):
    g.remove((node("statement-lavrov-welcome"), DKG.paraphrase, None))


NODE_CASES = {
    # node-level shapes (SPARQL or sh:or): shape IRI -> breaker; the focus is checked too
    "SpanTextShape": (
        lambda g: _set(g, URIRef(ID + "text#char=0,224"), NIF.anchorOf, Literal("A low-level delegation")),
        ID + "text#char=0,5434",
    ),
    "ContextShape": (
        lambda g: _set(
            g, URIRef(ID + "text#char=0,5434"), NIF.endIndex, Literal(5000, datatype=XSD.nonNegativeInteger)
        ),
        ID + "text#char=0,5434",
    ),
    "QuoteInTextShape": (
        lambda g: _set(g, node("statement-lavrov-ready"), DKG.quote, Literal("We are not ready")),
        ID[:-1],
    ),
    "StatementContentShape": (remove_statement_content, ID + "statement-lavrov-welcome"),
    "CancelledAgreementShape": (
        lambda g: _set(g, node("base-agreements"), DKG.status, DKG.cancelled),
        ID + "base-agreements",
    ),
    "SentenceShape-sentence-text": (break_sentence_pattern, ID + "text#char=225,497"),
    "SameEventShape": (lambda g: g.add((node("visit"), DKG.sameEventAs, node("talks"))), ID + "visit"),
    # a required role with no value and no dkg:unstated naming it
    "WithdrawalShape-actor": (
        lambda g: g.remove((node("withdrawal-equipment"), DKG.actor, None)),
        ID + "withdrawal-equipment",
    ),
    "MilitaryPresenceShape-actor": (
        lambda g: g.remove((node("presence-hmeimim"), DKG.actor, None)),
        ID + "presence-hmeimim",
    ),
    "CooperationShape-actor": (
        lambda g: g.remove((node("cooperation-training"), DKG.actor, None)),
        ID + "cooperation-training",
    ),
    "ProposalShape-actor": (
        lambda g: g.remove((node("proposal-military-cooperation"), DKG.actor, None)),
        ID + "proposal-military-cooperation",
    ),
    "PolicyChangeShape-actor": (lambda g: g.remove((node("privatization"), DKG.actor, None)), ID + "privatization"),
    "BusinessActivityShape-actor": (
        lambda g: g.remove((node("russian-contracts"), DKG.actor, None)),
        ID + "russian-contracts",
    ),
}


@pytest.mark.parametrize("shape", sorted(CASES))
def test_broken_value_fires_exactly_its_shape(seed_graph, shape):
    CASES[shape](seed_graph)
    report = validate(seed_graph)
    fired = {(f.shape, f.message) for f in report.findings}
    assert fired == {(SHAPES + shape, declared_message(SHAPES + shape))}


@pytest.mark.parametrize("shape", sorted(NODE_CASES))
def test_node_level_constraint_fires_exactly_its_shape(seed_graph, shape):
    breaker, focus = NODE_CASES[shape]
    breaker(seed_graph)
    report = validate(seed_graph)
    assert {f.shape for f in report.findings} == {SHAPES + shape}
    assert {f.focus for f in report.findings} == {focus}
    for finding in report.findings:
        assert finding.message
        assert finding.severity == "Violation"


# Cases on the new-terms fixture, for classes the seed does not use
TERMS_CASES = {
    "AppointmentShape-post": lambda g: _set(g, term_node("appointment"), DKG.appointedTo, term_node("visit")),
    "AppointmentShape-appointee": lambda g: _set(
        g, term_node("appointment"), DKG.appointee, term_node("us-government")
    ),
    # one speaker (holder) left: a joint statement (shared stance) needs two
    "JointStatementShape-speakers": lambda g: g.remove(
        (term_node("joint-statement"), DKG.speaker, term_node("us-government"))
    ),
    "SharedStanceShape-holders": lambda g: g.remove(
        (term_node("shared-stance"), DKG.holder, term_node("us-government"))
    ),
}


@pytest.mark.parametrize("shape", sorted(TERMS_CASES))
def test_broken_new_term_fires_exactly_its_shape(terms_graph, shape):
    TERMS_CASES[shape](terms_graph)
    report = validate(terms_graph)
    assert {(f.shape, f.message) for f in report.findings} == {(SHAPES + shape, declared_message(SHAPES + shape))}


def test_an_unstated_role_satisfies_the_shape_that_requires_it(seed_graph):
    """The article may leave the actor unstated; saying so (dkg:unstated dkg:actor) conforms, silence does not."""
    claim = node("cooperation-training")
    seed_graph.remove((claim, DKG.actor, None))
    seed_graph.add((claim, DKG.unstated, DKG.actor))
    assert validate(seed_graph).findings == []
    seed_graph.remove((claim, DKG.unstated, DKG.actor))
    seed_graph.add((claim, DKG.unstated, DKG.recipient))  # another role unstated does not excuse the actor
    assert {f.shape for f in validate(seed_graph).findings} == {SHAPES + "CooperationShape-actor"}


def test_several_speakers_are_a_joint_statement(seed_graph):
    statement = node("statement-lavrov-ready")
    seed_graph.add((statement, DKG.speaker, node("al-sharaa")))
    seed_graph.add((statement, RDF.type, DKG.JointStatement))
    assert validate(seed_graph).findings == []


def test_span_text_message_names_the_offsets(seed_graph):
    NODE_CASES["SpanTextShape"][0](seed_graph)
    (finding,) = validate(seed_graph).findings
    assert finding.message == 'Evidence text "A low-level delegation" differs from the article text at offsets 0-224.'
    assert finding.value == ID + "text#char=0,224"


def test_every_shape_has_a_negative_case():
    shapes = shapes_graph()
    covered = {SHAPES + name for name in list(CASES) + list(NODE_CASES) + list(LINK_CASES) + list(TERMS_CASES)}
    covered |= {case.values[0] for case in min_count_cases()}
    node_shapes = set(map(str, shapes.subjects(RDF.type, SH.NodeShape)))
    property_shapes = set(map(str, shapes.subjects(RDF.type, SH.PropertyShape)))
    for shape in node_shapes:
        owned = {str(p) for p in shapes.objects(URIRef(shape), SH.property)}
        assert shape in covered or owned & covered, f"no negative test for {shape}"
    assert property_shapes - covered == set(), "property shapes with no negative test"


def test_every_constraint_has_name_message_and_severity():
    shapes = shapes_graph()
    constraints = set(shapes.subjects(RDF.type, SH.PropertyShape)) | set(shapes.subjects(RDF.type, SH.SPARQLConstraint))
    constraints |= {s for s in shapes.subjects(RDF.type, SH.NodeShape) if shapes.value(s, SH["or"]) is not None}
    for c in constraints:
        for prop in (SH.name, SH.message, SH.severity):
            assert shapes.value(c, prop) is not None, (c, prop)


def test_shapes_run_hoisted_give_the_findings_of_the_shapes_as_written(seed_graph, terms_graph):
    """validate() runs the shapes with property shapes moved to their node shapes' targets
    (kg.validate.hoist_properties); on broken graphs (every fifth triple gone, a span's words
    changed) the findings are those of the shapes as written."""
    from kg.validate import runnable_shapes

    assert runnable_shapes() != shapes_graph() and len(set(runnable_shapes().subjects(SH.targetClass, None))) > 50
    for graph in (seed_graph, terms_graph):
        broken = Graph()
        for i, triple in enumerate(sorted(graph)):
            if i % 5:
                broken.add(triple)
        span = next(iter(broken.subjects(NIF.anchorOf, None)))
        broken.set((span, NIF.anchorOf, Literal("not these words")))
        hoisted, written = validate(broken), validate(broken, shapes=shapes_graph())
        assert len(hoisted.violations) > 20
        assert hoisted.findings == written.findings


def test_a_closed_shape_keeps_its_property_shapes(seed_graph):
    """sh:closed allows the paths of a shape's own sh:property shapes, so hoisting them away would
    make a closed shape refuse what it declares."""
    from kg.validate import hoist_properties

    shapes = Graph()
    shapes.parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ex: <https://example.org/shapes#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
        ex:Closed a sh:NodeShape ; sh:targetClass <https://w3id.org/diplokg/ontology#Country> ; sh:closed true ;
            sh:ignoredProperties ( rdf:type ) ; sh:property ex:Closed-label .
        ex:Closed-label a sh:PropertyShape ; sh:path rdfs:label ; sh:minCount 1 .
        """,
        format="turtle",
    )
    written = validate(seed_graph, shapes=shapes)
    assert written.violations  # countries have more than labels: the closed shape reports them
    assert all(f.path != "http://www.w3.org/2000/01/rdf-schema#label" for f in written.violations)
    assert validate(seed_graph, shapes=hoist_properties(shapes)).findings == written.findings


def test_oxigraph_answers_the_sparql_constraints_as_rdflib_does(seed_graph, terms_graph, monkeypatch):
    """validate() answers SHACL's SPARQL from an Oxigraph copy of the graph (kg.validate.shacl_sparql). With
    every SPARQL-based shape broken at once, and on graphs with every fifth triple gone, the findings
    equal those of rdflib's own engine (no copy made)."""
    from kg.rdf import ntriples
    from kg.validate import shacl_sparql

    for breaker, _focus in NODE_CASES.values():
        breaker(seed_graph)
    for name in ("CorpusEntityShape-label", "TopicSchemeShape-pref-label"):
        CASES[name](seed_graph)
    fifths = []
    for graph in (seed_graph, terms_graph):
        fifths.append(Graph())
        for i, triple in enumerate(sorted(graph)):
            if i % 5:
                fifths[-1].add(triple)
    answered = []
    by_oxigraph = shacl_sparql._by_oxigraph
    monkeypatch.setattr(shacl_sparql, "_by_oxigraph", lambda *a: answered.append(a[1]) or by_oxigraph(*a))
    copied = [validate(g) for g in (seed_graph, *fifths)]
    assert len(answered) >= 5  # the constraints and targets went to Oxigraph
    loaded = [validate(g, lines=ntriples.lines(g)) for g in (seed_graph, *fifths)]  # the copy parsed from lines
    monkeypatch.setattr(shacl_sparql, "_wanted", lambda graph: False)
    answered.clear()
    own = [validate(g) for g in (seed_graph, *fifths)]
    assert answered == []
    assert [r.findings for r in copied] == [r.findings for r in own] == [r.findings for r in loaded]
    fired = {f.shape for f in copied[0].findings}
    sparql_shapes = {
        "SpanTextShape",
        "ContextShape",
        "QuoteInTextShape",
        "SameEventShape",
        "CorpusEntityShape-label",
        "TopicSchemeShape-pref-label",
    }
    assert {SHAPES + name for name in sparql_shapes} <= fired


def test_a_long_text_leaves_only_the_string_walking_queries_to_rdflib(seed_graph, monkeypatch):
    """Over a text longer than TEXT_LIMIT, the queries that call SUBSTR or STRLEN (which Oxigraph
    evaluates by walking the text) go to rdflib and the others to Oxigraph; with every SPARQL shape
    broken at once, the findings equal those of rdflib's engine alone."""
    from kg.validate import shacl_sparql

    for breaker, _focus in NODE_CASES.values():
        breaker(seed_graph)
    for name in ("CorpusEntityShape-label", "TopicSchemeShape-pref-label"):
        CASES[name](seed_graph)
    monkeypatch.setattr(shacl_sparql, "TEXT_LIMIT", 1_000)  # the seed's text is longer
    answered = []
    by_oxigraph = shacl_sparql._by_oxigraph
    monkeypatch.setattr(shacl_sparql, "_by_oxigraph", lambda *a: answered.append(a[1]) or by_oxigraph(*a))
    mixed = validate(seed_graph)
    assert answered and not any(shacl_sparql._WALKS.search(text) for text in answered)
    assert any("REGEX" in text for text in answered)  # the corpus-entity target
    monkeypatch.setattr(shacl_sparql, "_wanted", lambda graph: False)
    answered.clear()
    own = validate(seed_graph)
    assert answered == []
    assert mixed.findings == own.findings
    assert {SHAPES + "SpanTextShape", SHAPES + "QuoteInTextShape"} <= {f.shape for f in own.findings}


def test_a_graph_oxigraph_refuses_is_validated_by_rdflib(seed_graph, monkeypatch):
    """rdflib lets an IRI with a space through (a graph from elsewhere, ``kg validate``); Oxigraph
    refuses it, so no copy is made and rdflib's engine answers, with the findings it always gave."""
    from kg.validate import shacl_sparql

    context = URIRef(ID + "text#char=0,5434")
    odd = URIRef("https://example.org/a span")
    seed_graph.add((odd, RDF.type, DKG.TextSpan))
    seed_graph.add((odd, NIF.referenceContext, context))
    seed_graph.add((odd, NIF.anchorOf, Literal("no such words")))
    answered = []
    by_oxigraph = shacl_sparql._by_oxigraph
    monkeypatch.setattr(shacl_sparql, "_by_oxigraph", lambda *a: answered.append(a[1]) or by_oxigraph(*a))
    report = validate(seed_graph)
    assert answered == []
    assert SHAPES + "TextSpanShape-begin-index" in {f.shape for f in report.findings}
    monkeypatch.setattr(shacl_sparql, "_wanted", lambda graph: False)
    assert validate(seed_graph).findings == report.findings


@pytest.mark.parametrize(
    "offsets, outcome",
    [
        ({NIF.endIndex: Literal("224")}, "span"),  # a plain string, not an integer
        ({NIF.beginIndex: Literal("0")}, "span"),
        ({NIF.beginIndex: Literal(-1, datatype=XSD.integer)}, "span"),
        ({NIF.endIndex: Literal("224.0", datatype=XSD.decimal)}, "error"),
        ({NIF.endIndex: Literal(224.0, datatype=XSD.double)}, "error"),
    ],
    ids=["end-string", "begin-string", "begin-negative", "end-decimal", "end-double"],
)
def test_ill_typed_offsets_are_left_to_rdflib(seed_graph, monkeypatch, offsets, outcome):
    """A graph from elsewhere (``kg validate``) may give a span's offsets as strings, as decimals or
    negative. The engines read such offsets differently (Oxigraph stores numbers
    canonically, follows SPARQL's error rules, rounds decimals), so no Oxigraph copy is made and
    rdflib's engine answers: the datatype shape and the span check report them; a decimal offset,
    which rdflib's SUBSTR cannot take, stops validation with one line instead of a traceback."""
    from kg.core.errors import KgError
    from kg.validate import shacl_sparql

    span = URIRef(ID + "text#char=0,224")
    seed_graph.set((span, NIF.anchorOf, Literal("A low-level delegation")))
    for prop, value in offsets.items():
        seed_graph.set((span, prop, value))
    answered = []
    by_oxigraph = shacl_sparql._by_oxigraph
    monkeypatch.setattr(shacl_sparql, "_by_oxigraph", lambda *a: answered.append(a[1]) or by_oxigraph(*a))
    if outcome == "error":
        with pytest.raises(KgError, match="SHACL validation could not run"):
            validate(seed_graph)
        return
    fired = {f.shape for f in validate(seed_graph).findings}
    assert answered == []
    assert SHAPES + "SpanTextShape" in fired
    assert fired & {SHAPES + "TextSpanShape-begin-index", SHAPES + "TextSpanShape-end-index"}


def test_the_report_graph_conforms_only_without_any_result(seed_graph):
    """SHACL 3.6.1: sh:conforms is false when the report has any result, a warning too (pySHACL, told to
    let warnings pass, said true). kg's own policy is unchanged: warnings do not fail."""
    clean = validate(seed_graph)
    assert clean.findings == [] and (None, SH.conforms, Literal(True)) in clean.graph
    claim = next(iter(seed_graph.subjects(DKG.reportedBy, None)))
    seed_graph.remove((claim, DKG.reportedBy, None))
    warned = validate(seed_graph)
    assert warned.findings and {f.severity for f in warned.findings} == {"Warning"}
    assert warned.conforms, "a warning does not fail kg"
    assert (None, SH.conforms, Literal(False)) in warned.graph
    assert (None, SH.conforms, Literal(True)) not in warned.graph


def test_the_oxigraph_copy_reads_the_lines_a_block_at_a_time_as_one_document():
    """``_Reader`` gives Oxigraph the lines as one document without joining them: the same triples as
    the joined text, across blocks (multi-byte characters, escapes), and one blank node across blocks."""
    import io

    import pyoxigraph as ox

    from kg.validate.shacl_sparql import _Reader

    lines = [f'<https://example.org/{i}> <https://example.org/p> "é{i}\\n…" .\n' for i in range(50)]
    lines[10:10] = ["_:b <https://example.org/p> _:c .\n"]
    lines.append('_:b <https://example.org/p> "last" .\n')
    joined, read = ox.Store(), ox.Store()
    joined.load("".join(lines).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    read.load(io.BufferedReader(_Reader(lines, block=3), 8), format=ox.RdfFormat.N_TRIPLES)
    named = sorted(str(q) for q in read if not isinstance(q.subject, ox.BlankNode))
    assert named == sorted(str(q) for q in joined if not isinstance(q.subject, ox.BlankNode)) and len(named) == 50
    last = next(iter(read.quads_for_pattern(None, None, ox.Literal("last")))).subject
    assert len(list(read.quads_for_pattern(last, None, None))) == 2  # the same node, ten blocks apart
