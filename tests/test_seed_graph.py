"""The seed article's graph: complete coverage, faithful evidence, no invented facts."""

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from kg.core.namespaces import DKG, NIF, SCHEMA


def test_every_sentence_is_evidence_for_a_fact(seed_article, seed_compiled):
    from kg.compile.coverage import uncovered_sentences

    uncovered = uncovered_sentences(seed_compiled)
    assert uncovered == [], f"sentences with no evidence: {uncovered}"
    assert len(seed_article.sentences) == 38


def test_the_closing_disclaimer_is_provenance(seed_compiled):
    g = seed_compiled.graph
    article = URIRef("https://w3id.org/diplokg/id/russian-delegation-damascus")
    assert g.value(article, DKG.verifiedByPublisher) == Literal(False)
    notes = set(g.subjects(RDF.type, DKG.EditorialNote))
    assert len(notes) == 3
    for note in notes:
        assert g.value(note, DKG.about) == article
        assert str(g.value(note, DKG.accordingTo)).endswith("/syrian-observer")


def test_evidence_offsets_match_the_text(seed_article, seed_compiled):
    g = seed_compiled.graph
    spans = set(g.subjects(RDF.type, DKG.TextSpan))
    assert spans
    for span in spans:
        begin, end = int(g.value(span, NIF.beginIndex)), int(g.value(span, NIF.endIndex))
        assert seed_article.text[begin:end] == str(g.value(span, NIF.anchorOf))
        assert str(span).endswith(f"#char={begin},{end}")


def test_every_claim_has_evidence_status_and_attribution(seed_compiled):
    g = seed_compiled.graph
    claims = set(g.subjects(DKG.statedIn, None))
    assert len(claims) > 50
    for claim in claims:
        assert g.value(claim, DKG.evidence) is not None, claim
        assert g.value(claim, DKG.status) is not None, claim
        assert g.value(claim, DKG.accordingTo) is not None, claim


def test_the_visit_is_planned_on_the_word_of_an_unnamed_source(seed_compiled):
    g = seed_compiled.graph
    visit = URIRef("https://w3id.org/diplokg/id/russian-delegation-damascus/visit")
    assert g.value(visit, DKG.status) == DKG.planned
    source = g.value(visit, DKG.accordingTo)
    assert (source, RDF.type, DKG.UnnamedSource) in g
    assert str(g.value(visit, DKG.reportedBy)).endswith("/asharq-al-awsat")
    assert g.value(visit, DKG.timeDescription) == Literal("in the near future")


def test_statements_belong_to_their_speakers(seed_compiled):
    g = seed_compiled.graph
    speakers = {str(g.value(s, DKG.speaker)).rsplit("/", 1)[-1] for s in g.subjects(RDF.type, DKG.Statement)}
    assert speakers == {"al-sharaa", "lavrov", "al-shibani", "russian-diplomats"}
    presence = URIRef("https://w3id.org/diplokg/id/russian-delegation-damascus/presence-hmeimim")
    assert str(g.value(presence, DKG.accordingTo)).endswith("/al-sharaa")


def test_nothing_invented(seed_compiled):
    """No date, URL, author or identifier the text does not give."""
    g = seed_compiled.graph
    for prop in (
        DCTERMS.issued,
        DCTERMS.created,
        DCTERMS.date,
        DCTERMS.creator,
        SCHEMA.url,
        SCHEMA.datePublished,
        SCHEMA.author,
        DCTERMS.identifier,
    ):
        assert not list(g.triples((None, prop, None))), prop
    datatypes = {o.datatype for o in g.objects() if isinstance(o, Literal)}
    assert not datatypes & {XSD.date, XSD.dateTime}
    assert {str(o) for o in g.objects(None, DKG.year)} | {str(o) for o in g.objects(None, DKG.yearSigned)} == {"2019"}
    iris = {t for triple in g for t in triple if isinstance(t, URIRef)}
    foreign = {
        i
        for i in iris
        if not str(i).startswith(
            (
                "https://w3id.org/diplokg/",
                "http://www.w3.org/",
                "http://persistence.uni-leipzig.org/",
                "http://purl.org/dc/terms/",
            )
        )
    }
    assert foreign == set(), foreign


def test_no_blank_nodes(seed_compiled):
    assert not [t for triple in seed_compiled.graph for t in triple if isinstance(t, BNode)]


def test_turtle_parses_with_pyoxigraph_to_an_isomorphic_graph(seed_compiled):
    import pyoxigraph as ox
    from rdflib import Graph
    from rdflib.compare import isomorphic

    from kg.export import serialize
    from kg.rdf.formats import get_format

    data = serialize({seed_compiled.graph_iri: seed_compiled.graph}, get_format("turtle"))
    reparsed = Graph()
    for triple in ox.parse(data, format=ox.RdfFormat.TURTLE):
        nt = f"{triple.subject} {triple.predicate} {triple.object} .\n"
        reparsed.parse(data=nt, format="nt")
    assert len(reparsed) == len(seed_compiled.graph)
    assert isomorphic(reparsed, seed_compiled.graph)
