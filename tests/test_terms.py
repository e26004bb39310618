"""Every term of ontology 0.3.0 is used by a fixture mapping that builds and conforms, and a query
returns it (tests/fixtures/terms, built beside the test corpus)."""

import pyoxigraph as ox
import pytest
from rdflib import URIRef
from rdflib.namespace import SKOS

from kg.core.namespaces import DKG, ENTITIES_GRAPH, graph_iri
from kg.export import serialize
from kg.query import resolve, run_local
from kg.query.run import load_files
from kg.rdf.formats import get_format

from .conftest import SEED_SLUG, TERMS_SLUG

ID = "https://w3id.org/diplokg/id/"
ENTITY = "https://w3id.org/diplokg/entity/"
PREFIXES = "PREFIX dkg: <https://w3id.org/diplokg/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"


@pytest.fixture(scope="module")
def store(terms_build, tmp_path_factory):
    path = tmp_path_factory.mktemp("terms-store") / "corpus.trig"
    path.write_bytes(serialize(terms_build.graphs, get_format("trig")))
    return load_files([path])


def short(value: str) -> str:
    for prefix in (ID + TERMS_SLUG + "/", ID + SEED_SLUG + "/", ENTITY, str(DKG)):
        if value.startswith(prefix):
            return value[len(prefix) :]
    return value


def select(store, query, *columns, params=None, library=False):
    text, label = resolve(query) if library else (PREFIXES + query, "inline")
    result = run_local(store, text, params, label, None)
    return sorted(tuple(short(row.get(c, {}).get("value", "")) for c in columns) for row in result.rows)


def test_the_new_terms_article_builds_and_conforms_beside_the_corpus(terms_build):
    assert terms_build.conforms
    (item,) = [a for a in terms_build.articles if a.slug == TERMS_SLUG]
    assert item.report.findings == [] and item.uncovered == [] and item.warnings == []


QUERIES = {
    # term(s): (query, columns, expected rows)
    "JointStatement, speaker": (
        "SELECT ?s ?speaker WHERE { ?s a dkg:JointStatement ; dkg:speaker ?speaker }",
        ("s", "speaker"),
        [("joint-statement", "syrian-administration"), ("joint-statement", "us-government")],
    ),
    "SharedStance, holder": (
        "SELECT ?s ?holder WHERE { ?s a dkg:SharedStance ; dkg:holder ?holder }",
        ("s", "holder"),
        [("shared-stance", "syrian-administration"), ("shared-stance", "us-government")],
    ),
    "StateOfAffairs, stateOf, condition": (
        "SELECT ?s ?of ?condition WHERE { ?s a dkg:StateOfAffairs ; dkg:stateOf ?of ; dkg:condition ?condition }",
        ("s", "of", "condition"),
        [
            ("embassy-operation", "russian-embassy", "functioning normally"),
            ("embassy-state", "us-embassy", "functioning normally"),
        ],
    ),
    "Appointment, appointee, appointedTo, after": (
        "SELECT ?a ?who ?post ?before WHERE { ?a a dkg:Appointment ; dkg:appointee ?who ; dkg:appointedTo ?post ; "
        "dkg:after ?before }",
        ("a", "who", "post", "before"),
        [("appointment", "dana-fixture", "post-envoy", "ouster")],
    ),
    "after (seed)": (
        "SELECT ?e ?before WHERE { ?e a dkg:Talks ; dkg:after ?before }",
        ("e", "before"),
        [("talks", "regime-fall")],
    ),
    "ordinal, ordinalScope": (
        "SELECT ?e ?n ?scope WHERE { ?e dkg:ordinal ?n ; dkg:ordinalScope ?scope }",
        ("e", "n", "scope"),
        [
            ("talks", "1", "official discussions between Moscow and Syria’s new administration"),
            ("visit", "2", "trip abroad"),
        ],
    ),
    "ArmedGroup": (
        "SELECT ?g ?name WHERE { ?g a dkg:ArmedGroup ; rdfs:label ?name }",
        ("g", "name"),
        [("isis", "Islamic State"), ("sdf", "Syrian Democratic Forces")],
    ),
    "ArmedConflict": (
        "SELECT ?c ?claim WHERE { ?c a dkg:ArmedConflict . ?claim dkg:concerns ?c }",
        ("c", "claim"),
        [("fight-against-isis", "support"), ("fight-against-isis", "talks")],
    ),
    "basedIn": (
        "SELECT ?o ?place WHERE { ?o dkg:basedIn ?place }",
        ("o", "place"),
        [("russian-embassy", "damascus"), ("us-embassy", "damascus")],
    ),
    "accreditedTo": (
        "SELECT ?post ?to WHERE { ?post dkg:accreditedTo ?to }",
        ("post", "to"),
        [("post-envoy", "syria")],
    ),
    "unstated": (
        "SELECT ?claim ?role WHERE { ?claim dkg:unstated ?role }",
        ("claim", "role"),
        [("appointment", "actor"), ("support", "actor")],
    ),
}


@pytest.mark.parametrize("terms", sorted(QUERIES))
def test_a_query_returns_each_new_term(store, terms):
    query, columns, expected = QUERIES[terms]
    assert select(store, query, *columns) == expected


def test_framework_and_partner_are_roles_of_one_claim(store):
    got = select(
        store,
        "cq13-entity-claims",
        "article",
        "claim",
        "role",
        library=True,
        params={"entity": ox.NamedNode(ENTITY + "un-security-council")},
    )
    assert got == [(ID + TERMS_SLUG, "assistance", "framework"), (ID + SEED_SLUG, "assistance-transition", "framework")]
    partner = select(store, "SELECT ?claim ?who WHERE { ?claim dkg:partner ?who }", "claim", "who")
    assert partner == [("assistance", "arab-nations"), ("assistance-transition", "arab-nations")]


def test_a_topic_is_one_concept_across_articles(store, terms_build):
    """cq13 finds every claim about political transition, in the seed and in the new-terms article."""
    got = select(
        store,
        "cq13-entity-claims",
        "article",
        "claim",
        "role",
        library=True,
        params={"entity": ox.NamedNode(ENTITY + "political-transition")},
    )
    assert got == [
        (ID + TERMS_SLUG, "assistance", "topic"),
        (ID + TERMS_SLUG, "joint-statement", "topic"),
        (ID + SEED_SLUG, "assistance-transition", "topic"),
        (ID + SEED_SLUG, "statement-lavrov-assistance", "topic"),
    ]
    entities = terms_build.graphs[ENTITIES_GRAPH]
    concept = URIRef(ENTITY + "political-transition")
    assert (concept, SKOS.inScheme, DKG.topicScheme) in entities
    assert [str(o) for o in entities.objects(concept, SKOS.prefLabel)] == ["political transition"]
    assert list(entities.objects(concept, SKOS.broadMatch)) == [
        URIRef("http://cv.iptc.org/newscodes/mediatopic/11000000")
    ]
    asylum = URIRef(ENTITY + "asylum")
    assert list(entities.objects(asylum, SKOS.closeMatch)) == [URIRef("https://w3id.org/diplokg/cameo#075")]


def test_every_topic_of_the_seed_is_a_concept_of_the_scheme(corpus_build):
    graph = corpus_build.graphs[graph_iri(SEED_SLUG)]
    entities = corpus_build.graphs[ENTITIES_GRAPH]
    topics = {o for o in graph.objects(None, DKG.topic)}
    assert len(topics) == 9
    assert all((t, SKOS.inScheme, DKG.topicScheme) in entities for t in topics)


def test_armed_groups_and_conflicts_have_wikidata_classes_so_the_linker_searches_them():
    from kg.core.ontology import load_ontology_graph
    from kg.link.linker import LINKABLE, Linker

    linker = Linker(None, None, load_ontology_graph())
    assert linker.expected_classes([DKG.ArmedGroup]) == {"Q17149090"}
    assert linker.expected_classes([DKG.ArmedConflict]) == {"Q350604"}
    assert DKG.ArmedConflict in LINKABLE


def test_armed_conflicts_are_listed_with_the_named_entities(store):
    rows = select(store, "cq12-wikidata-links", "entity", "kind", library=True)
    assert ("fight-against-isis", "ArmedConflict") in rows and ("sdf", "ArmedGroup") in rows


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("close_match", "medtop:04000000", "'close_match' applies to topics (a: Topic), not to a Country"),
        ("broad_match", "iptc:1", "is not an IRI nor medtop:CODE, cameo:CODE or wd:QID"),
    ],
)
def test_topic_matches_are_checked(tmp_path, field, value, message):
    from kg.build import build
    from kg.core.errors import KgError

    from .conftest import copy_corpus

    corpus = copy_corpus(tmp_path / "c", ["000_seed"])
    entities = corpus / "entities.yaml"
    text = entities.read_text(encoding="utf-8")
    entities.write_text(
        text.replace("    label: Syria\n", f"    label: Syria\n    {field}: {value}\n", 1), encoding="utf-8"
    )
    with pytest.raises(KgError, match=r"entities\.yaml:\d+: .*" + message.replace("(", r"\(").replace(")", r"\)")):
        build(corpus, None)
