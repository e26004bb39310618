"""Each competency question's query returns exactly what the seed article says: no less, nothing more."""

import pyoxigraph as ox
import pytest

from kg.build import summary
from kg.export import serialize
from kg.query import list_queries, resolve, run_local
from kg.query.run import load_files
from kg.rdf import ntriples
from kg.rdf.formats import get_format
from kg.store import SUMMARY_GRAPH

ID = "https://w3id.org/diplokg/id/russian-delegation-damascus/"
ENTITY = "https://w3id.org/diplokg/entity/"
DKG = "https://w3id.org/diplokg/ontology#"
# the seed's named graph with the corpus entity graph and the ontology: what `kg query --article SLUG` uses
SEED_SCOPE = [
    "https://w3id.org/diplokg/graph/russian-delegation-damascus",
    "https://w3id.org/diplokg/graph/entities",
    "https://w3id.org/diplokg/ontology",
]


@pytest.fixture(scope="module")
def store(corpus_build, tmp_path_factory):
    """The test corpus (the seed and two more articles) with its summary graph, as a build loads it into
    the embedded store; the competency questions are asked of the seed."""
    path = tmp_path_factory.mktemp("q") / "corpus.trig"
    path.write_bytes(serialize(corpus_build.graphs, get_format("trig")))
    loaded = load_files([path])
    graph = ox.NamedNode(SUMMARY_GRAPH)
    loaded.extend(ox.parse(ntriples.in_graph(SUMMARY_GRAPH, summary_lines(corpus_build)), format=ox.RdfFormat.N_QUADS))
    assert loaded.contains_named_graph(graph)
    return loaded


def summary_lines(result) -> list[str]:
    names = [str(n) for n in result.chunks if summary.is_article_graph(str(n))]
    chunks = {str(n): result.chunks[n] for n in result.chunks}
    return summary.graph_lines([summary.article_counts(chunks[n], n) for n in names], {n: "d" for n in names})


def rows(store, name, *columns, scope=SEED_SCOPE, params=None):
    text, label = resolve(name)
    result = run_local(store, text, params, label, scope)
    out = []
    for row in result.rows:
        values = []
        for c in columns:
            value = row.get(c, {}).get("value", "")
            for prefix in (ID, ENTITY):
                value = value[len(prefix) :] if value.startswith(prefix) else value
            values.append(value)
        out.append(tuple(values))
    return out


def test_every_competency_question_has_a_query():
    names = [q.name for q in list_queries()]
    assert len(names) == 22
    assert all(q.question.endswith("?") for q in list_queries())


def test_cq01_leader_and_posts(store):
    assert rows(store, "cq01-delegation-leader", "leaderName", "postTitle", "postInName") == [
        ("Mikhail Bogdanov", "Deputy Foreign Minister of Russia", "Russian foreign ministry"),
        ("Mikhail Bogdanov", "Russian presidential envoy to the Middle East and North Africa", "Government of Russia"),
    ]


def test_cq02_represented_bodies(store):
    assert rows(store, "cq02-delegation-represents", "bodyName", "kind", "status") == [
        ("Russian defense ministry", "ministry", "planned"),
        ("Russian economic officials", "government sector", "planned"),
        ("Russian foreign ministry", "ministry", "planned"),
        ("other Russian government sectors", "government sector", "planned"),
    ]


def test_cq03_officials_to_meet(store):
    assert rows(store, "cq03-meeting-officials", "status", "name", "position") == [
        ("planned", "Ahmad Al-Sharaa", "head of the Syrian administration"),
        ("planned", "Asaad Al-Shibani", "Foreign Minister of Syria"),
        ("planned", "other officials in the new Syrian leadership", ""),
    ]


def test_cq04_visit(store):
    assert rows(store, "cq04-visit", "destinationName", "purposeLabel", "status", "when", "accordingTo") == [
        ("Damascus", "first official Russian-Syrian talks", "planned", "in the near future", "a Russian source"),
    ]


def test_cq05_channels(store):
    assert rows(
        store, "cq05-channels", "kind", "channelOfficial", "channelStatus", "event", "eventOfficial", "eventFirst"
    ) == [
        ("diplomatic", "false", "happened", "talks", "true", "true"),
        ("military", "false", "happened", "talks", "true", "true"),
    ]


def test_cq06_military_facilities(store):
    assert rows(
        store, "cq06-military-facilities", "name", "hostCountry", "operator", "claim", "status", "when", "accordingTo"
    ) == [
        ("Hmeimim air base", "Syria", "Russia", "base-agreements", "in force", "", "Ahmad Al-Sharaa"),
        (
            "Hmeimim air base",
            "Syria",
            "Russia",
            "presence-hmeimim",
            "possible",
            "might continue temporarily",
            "Ahmad Al-Sharaa",
        ),
        ("Hmeimim air base", "Syria", "Russia", "proposal-military-cooperation", "possible", "", "Asharq Al-Awsat"),
        ("Hmeimim air base", "Syria", "Russia", "stance-bases-hubs", "ongoing", "", "Asharq Al-Awsat"),
        ("Russian naval facility in Tartus", "Syria", "Russia", "base-agreements", "in force", "", "Ahmad Al-Sharaa"),
        (
            "Russian naval facility in Tartus",
            "Syria",
            "Russia",
            "presence-tartus",
            "possible",
            "might continue temporarily",
            "Ahmad Al-Sharaa",
        ),
        (
            "Russian naval facility in Tartus",
            "Syria",
            "Russia",
            "proposal-military-cooperation",
            "possible",
            "",
            "Asharq Al-Awsat",
        ),
        ("Russian naval facility in Tartus", "Syria", "Russia", "stance-bases-hubs", "ongoing", "", "Asharq Al-Awsat"),
    ]


def test_cq07_agreements(store):
    got = rows(store, "cq07-agreements", "agreement", "parties", "subjects", "yearSigned", "status", "cancellation")
    assert [(a, p, " | ".join(sorted(s.split(" | "))), y, st, c) for a, p, s, y, st, c in got] == [
        ("base-agreements", "", "Hmeimim air base | Russian naval facility in Tartus", "", "in force", ""),
        (
            "port-agreement",
            "unnamed private Russian company",
            "port of Tartus",
            "2019",
            "cancelled",
            "port-agreement-cancellation",
        ),
    ]


def test_cq08_statements_in_text_order(store):
    got = rows(store, "cq08-statements", "speaker", "quote", "sentence")
    assert [(s, q[:30]) for s, q, _ in got] == [
        ("Ahmad Al-Sharaa", "the second most powerful count"),
        ("Ahmad Al-Sharaa", "We have long-standing strategi"),
        ("Ahmad Al-Sharaa", ""),
        ("Ahmad Al-Sharaa", ""),
        ("Ahmad Al-Sharaa", ""),
        ("Sergei Lavrov", ""),
        ("Sergei Lavrov", "We have not withdrawn our dipl"),
        ("Sergei Lavrov", ""),
        ("Sergei Lavrov", "Syria is a friendly nation to "),
        ("Sergei Lavrov", "We are ready to resume broader"),
        ("Sergei Lavrov", ""),
        ("Asaad Al-Shibani", ""),
        ("Russian diplomats", "launch a new phase of relation"),
    ]
    sentences = [s for _, _, s in got]
    assert sentences[4] == (
        "Additionally, Al-Sharaa clarified that no official requests have been made to Moscow "
        "to revise agreements governing the Russian military bases in Syria."
    )
    assert sentences[6] == (  # one sentence: pysbd keeps a quotation together
        "“We have not withdrawn our diplomats from Damascus. "
        "The embassy is functioning normally, and we continue to engage with the current Syrian authorities,” "
        "Lavrov said."
    )


CQ09_ROWS = [
    # claim, kind, reported by, according to, kind of authority
    ("agenda-asylum", "AgendaItem", "Asharq Al-Awsat", "Russian diplomatic circles", "CollectiveAgent"),
    ("agenda-economic-military", "AgendaItem", "Asharq Al-Awsat", "Russian diplomatic circles", "CollectiveAgent"),
    ("agenda-national-dialogue", "AgendaItem", "Asharq Al-Awsat", "Russian diplomatic circles", "CollectiveAgent"),
    ("agenda-russian-companies", "AgendaItem", "Asharq Al-Awsat", "Asharq Al-Awsat", "NewsPublisher"),
    ("agenda-unresolved-issues", "AgendaItem", "Asharq Al-Awsat", "Russian diplomatic circles", "CollectiveAgent"),
    ("assessment-damascus-balance", "Stance", "Asharq Al-Awsat", "Asharq Al-Awsat", "NewsPublisher"),
    ("assessment-groundwork", "Stance", "Asharq Al-Awsat", "Asharq Al-Awsat", "NewsPublisher"),
    ("assessment-moscow-intent", "Stance", "Asharq Al-Awsat", "Asharq Al-Awsat", "NewsPublisher"),
    ("assessment-pivotal-moment", "Stance", "Asharq Al-Awsat", "Asharq Al-Awsat", "NewsPublisher"),
    ("assistance-transition", "Assistance", "Asharq Al-Awsat", "Sergei Lavrov", "Person"),
    ("base-agreements", "Agreement", "Asharq Al-Awsat", "Ahmad Al-Sharaa", "Person"),
    ("business-debate", "Event", "Asharq Al-Awsat", "Asharq Al-Awsat", "NewsPublisher"),
    ("channel-diplomatic", "CommunicationChannel", "Asharq Al-Awsat", "a Russian source", "UnnamedSource"),
    ("channel-military", "CommunicationChannel", "Asharq Al-Awsat", "a Russian source", "UnnamedSource"),
    ("cooperation-broader", "Cooperation", "Asharq Al-Awsat", "Sergei Lavrov", "Person"),
    ("cooperation-students", "Cooperation", "Asharq Al-Awsat", "Sergei Lavrov", "Person"),
    ("cooperation-training", "Cooperation", "Asharq Al-Awsat", "Sergei Lavrov", "Person"),
    ("davos-forum", "Conference", "Asharq Al-Awsat", "Asharq Al-Awsat", "NewsPublisher"),
    ("delegation", "Delegation", "Asharq Al-Awsat", "a Russian source", "UnnamedSource"),
    ("dialogue-accord", "Event", "Asharq Al-Awsat", "a Russian source", "UnnamedSource"),
    (
        "embassy-operation",
        "StateOfAffairs",
        "Asharq Al-Awsat",
        "Sergei Lavrov",
        "Person",
    ),  # a state, no longer a bare Event
    ("engagement-with-authorities", "Event", "Asharq Al-Awsat", "Sergei Lavrov", "Person"),
    ("meetings", "Meeting", "Asharq Al-Awsat", "a Russian source", "UnnamedSource"),
    ("message-exchange", "MessageExchange", "Asharq Al-Awsat", "Asharq Al-Awsat", "NewsPublisher"),
    ("note-not-verified", "EditorialNote", "The Syrian Observer", "The Syrian Observer", "NewsPublisher"),
    ("note-responsibility", "EditorialNote", "The Syrian Observer", "The Syrian Observer", "NewsPublisher"),
    ("note-translation", "EditorialNote", "The Syrian Observer", "The Syrian Observer", "NewsPublisher"),
    ("port-agreement", "Agreement", "Asharq Al-Awsat", "Asharq Al-Awsat", "NewsPublisher"),
    ("port-agreement-cancellation", "Cancellation", "Asharq Al-Awsat", "Asharq Al-Awsat", "NewsPublisher"),
    ("post-al-sharaa-head", "Post", "Asharq Al-Awsat", "Asharq Al-Awsat", "NewsPublisher"),
    ("post-al-shibani-foreign-minister", "Post", "Asharq Al-Awsat", "Asharq Al-Awsat", "NewsPublisher"),
    ("post-assad-president", "Post", "Asharq Al-Awsat", "Asharq Al-Awsat", "NewsPublisher"),
    ("post-bogdanov-deputy-minister", "Post", "Asharq Al-Awsat", "Asharq Al-Awsat", "NewsPublisher"),
    ("post-bogdanov-envoy", "Post", "Asharq Al-Awsat", "Asharq Al-Awsat", "NewsPublisher"),
    ("post-lavrov-foreign-minister", "Post", "Asharq Al-Awsat", "Asharq Al-Awsat", "NewsPublisher"),
    ("presence-hmeimim", "MilitaryPresence", "Asharq Al-Awsat", "Ahmad Al-Sharaa", "Person"),
    ("presence-tartus", "MilitaryPresence", "Asharq Al-Awsat", "Ahmad Al-Sharaa", "Person"),
    ("privatization", "PolicyChange", "Asharq Al-Awsat", "Asaad Al-Shibani", "Person"),
    ("proposal-military-cooperation", "Proposal", "Asharq Al-Awsat", "Asharq Al-Awsat", "NewsPublisher"),
    ("quantity-professionals", "Quantity", "Asharq Al-Awsat", "Sergei Lavrov", "Person"),
    ("quantity-students", "Quantity", "Asharq Al-Awsat", "Sergei Lavrov", "Person"),
    ("regime-fall", "RegimeChange", "Asharq Al-Awsat", "Asharq Al-Awsat", "NewsPublisher"),
    ("request-revision", "Request", "Asharq Al-Awsat", "Ahmad Al-Sharaa", "Person"),
    ("russian-contracts", "BusinessActivity", "Asharq Al-Awsat", "Asharq Al-Awsat", "NewsPublisher"),
    ("stance-bases-hubs", "Stance", "Asharq Al-Awsat", "Asharq Al-Awsat", "NewsPublisher"),
    ("stance-companies-priority", "Stance", "Asharq Al-Awsat", "Asharq Al-Awsat", "NewsPublisher"),
    ("stance-downplay", "Stance", "Asharq Al-Awsat", "Asharq Al-Awsat", "NewsPublisher"),
    ("statement-al-sharaa-bases", "Statement", "Asharq Al-Awsat", "Asharq Al-Awsat", "NewsPublisher"),
    ("statement-al-sharaa-no-requests", "Statement", "Asharq Al-Awsat", "Asharq Al-Awsat", "NewsPublisher"),
    ("statement-al-sharaa-partnership", "Statement", "Asharq Al-Awsat", "Asharq Al-Awsat", "NewsPublisher"),
    ("statement-al-sharaa-priorities", "Statement", "Asharq Al-Awsat", "Asharq Al-Awsat", "NewsPublisher"),
    ("statement-al-sharaa-ties", "Statement", "Asharq Al-Awsat", "Asharq Al-Awsat", "NewsPublisher"),
    ("statement-al-shibani-privatization", "Statement", "Asharq Al-Awsat", "Asharq Al-Awsat", "NewsPublisher"),
    ("statement-diplomats-new-phase", "Statement", "Asharq Al-Awsat", "Asharq Al-Awsat", "NewsPublisher"),
    ("statement-lavrov-assistance", "Statement", "Asharq Al-Awsat", "Asharq Al-Awsat", "NewsPublisher"),
    ("statement-lavrov-diplomats", "Statement", "Asharq Al-Awsat", "Asharq Al-Awsat", "NewsPublisher"),
    ("statement-lavrov-friendly", "Statement", "Asharq Al-Awsat", "Asharq Al-Awsat", "NewsPublisher"),
    ("statement-lavrov-priorities", "Statement", "Asharq Al-Awsat", "Asharq Al-Awsat", "NewsPublisher"),
    ("statement-lavrov-ready", "Statement", "Asharq Al-Awsat", "Asharq Al-Awsat", "NewsPublisher"),
    ("statement-lavrov-welcome", "Statement", "Asharq Al-Awsat", "Asharq Al-Awsat", "NewsPublisher"),
    ("talks", "Talks", "Asharq Al-Awsat", "a Russian source", "UnnamedSource"),
    ("visit", "DiplomaticVisit", "Asharq Al-Awsat", "a Russian source", "UnnamedSource"),
    ("visit-preparations", "Event", "Asharq Al-Awsat", "a Russian source", "UnnamedSource"),
    ("withdrawal-diplomats", "Withdrawal", "Asharq Al-Awsat", "Sergei Lavrov", "Person"),
    ("withdrawal-equipment", "Withdrawal", "Asharq Al-Awsat", "Ahmad Al-Sharaa", "Person"),
]


def test_cq09_every_claim_has_publication_authority_and_verification(store, seed_compiled):
    from kg.core.namespaces import DKG

    got = rows(
        store,
        "cq09-provenance",
        "claim",
        "kind",
        "reportedBy",
        "accordingTo",
        "authorityKind",
        "publisher",
        "verifiedByPublisher",
    )
    assert [r[:5] for r in got] == CQ09_ROWS
    assert {r[5:] for r in got} == {("The Syrian Observer", "false")}
    claims = {str(c)[len(ID) :] for c in seed_compiled.graph.subjects(DKG.statedIn, None)}
    assert {r[0] for r in got} == claims and len(claims) == 65


def test_cq10_agenda(store):
    assert rows(store, "cq10-agenda", "issue", "status", "accordingTo", "talks") == [
        ("granting asylum to Bashar Al-Assad and his family", "expected", "Russian diplomatic circles", "talks"),
        ("economic and military relations", "expected", "Russian diplomatic circles", "talks"),
        (
            "Moscow’s potential role in facilitating internal national dialogue",
            "expected",
            "Russian diplomatic circles",
            "talks",
        ),
        ("status of Russian companies operating in Syria", "expected", "Asharq Al-Awsat", "talks"),
        (
            "critical issues left unresolved after the fall of the previous regime",
            "expected",
            "Russian diplomatic circles",
            "talks",
        ),
    ]


def test_cq11_russian_business(store):
    assert rows(store, "cq11-business", "claim", "companies", "sectorOrProject", "status") == [
        ("port-agreement", "unnamed private Russian company", "port of Tartus", "cancelled"),
        ("russian-contracts", "Russian companies", "oil exploration", "happened"),
        ("russian-contracts", "Russian companies", "other projects", "happened"),
        ("russian-contracts", "Russian companies", "phosphate mining", "happened"),
    ]


def test_cq12_lists_every_named_entity_once_and_no_unnamed_one(store):
    """Before linking nothing is linked; the linked case is asserted in test_link.py on the built graph."""
    got = rows(store, "cq12-wikidata-links", "entity", "name", "kind", "wikidata", "method")
    assert [r[:3] for r in got] == [
        ("hmeimim-air-base", "Hmeimim air base", "AirBase"),
        ("damascus", "Damascus", "City"),
        ("tartus", "Tartus", "City"),
        ("davos-forum", "Davos Forum", "Conference"),
        ("russia", "Russia", "Country"),
        ("syria", "Syria", "Country"),
        ("russian-government", "Government of Russia", "Government"),
        ("syrian-administration", "new Syrian administration", "Government"),
        ("russian-embassy", "Russian embassy in Damascus", "GovernmentBody"),
        ("russian-economic-officials", "Russian economic officials", "GovernmentSector"),
        ("russian-other-sectors", "other Russian government sectors", "GovernmentSector"),
        ("un-security-council", "United Nations Security Council", "InternationalBody"),
        ("russian-defense-ministry", "Russian defense ministry", "Ministry"),
        ("russian-foreign-ministry", "Russian foreign ministry", "Ministry"),
        ("tartus-naval-facility", "Russian naval facility in Tartus", "NavalFacility"),
        ("asharq-al-awsat", "Asharq Al-Awsat", "NewsPublisher"),
        ("the-syrian-observer", "The Syrian Observer", "NewsPublisher"),
        ("ahmad-al-sharaa", "Ahmad Al-Sharaa", "Person"),
        ("asaad-al-shibani", "Asaad Al-Shibani", "Person"),
        ("bashar-al-assad", "Bashar Al-Assad", "Person"),
        ("mikhail-bogdanov", "Mikhail Bogdanov", "Person"),
        ("sergei-lavrov", "Sergei Lavrov", "Person"),
        ("tartus-port", "port of Tartus", "Port"),
        ("mediterranean-sea", "Mediterranean Sea", "Sea"),
    ]
    # without linking, only the entity list's curated links are in the graph
    curated = {
        "damascus": "Q3766",
        "tartus": "Q174916",
        "russia": "Q159",
        "syria": "Q858",
        "un-security-council": "Q37470",
        "mediterranean-sea": "Q4918",
    }
    assert {r[0]: r[3:] for r in got if r[3]} == {
        e: (f"http://www.wikidata.org/entity/{q}", "pin") for e, q in curated.items()
    }


CORPUS = None  # the whole test corpus: no scope


def test_cq03_param_keeps_one_countrys_officials(store):
    syria = rows(
        store,
        "cq03-meeting-officials",
        "article",
        "name",
        scope=CORPUS,
        params={"country": __import__("pyoxigraph").NamedNode(ENTITY + "syria")},
    )
    russia = rows(
        store,
        "cq03-meeting-officials",
        "name",
        scope=CORPUS,
        params={"country": __import__("pyoxigraph").NamedNode(ENTITY + "russia")},
    )
    assert {name for _, name in syria} == {
        "Ahmad Al-Sharaa",
        "Asaad Al-Shibani",
        "other officials in the new Syrian leadership",
    }
    assert {article for article, _ in syria} == {
        "https://w3id.org/diplokg/id/" + s
        for s in ("delegation-arrives-damascus", "lavrov-shaibani-moscow", "russian-delegation-damascus")
    }
    assert russia == []


def test_cq13_every_claim_about_an_entity_across_articles(store):
    import pyoxigraph as ox

    got = rows(
        store,
        "cq13-entity-claims",
        "article",
        "claim",
        "role",
        "status",
        scope=CORPUS,
        params={"entity": ox.NamedNode(ENTITY + "asaad-al-shibani")},
    )
    articles = {a.rsplit("/", 1)[-1] for a, _, _, _ in got}
    assert articles == {"delegation-arrives-damascus", "lavrov-shaibani-moscow", "russian-delegation-damascus"}
    assert (
        "https://w3id.org/diplokg/id/lavrov-shaibani-moscow",
        "https://w3id.org/diplokg/id/lavrov-shaibani-moscow/meeting",
        "counterpart",
        "happened",
    ) in got
    assert ("https://w3id.org/diplokg/id/russian-delegation-damascus", "meetings", "counterpart", "planned") in got


def test_cq14_articles_that_mention_an_entity(store):
    import pyoxigraph as ox

    got = rows(
        store,
        "cq14-entity-articles",
        "article",
        "publisher",
        "mentions",
        "claims",
        scope=CORPUS,
        params={"entity": ox.NamedNode(ENTITY + "damascus")},
    )
    assert got == [
        ("https://w3id.org/diplokg/id/delegation-arrives-damascus", "Fixture Wire", "1", "1"),
        ("https://w3id.org/diplokg/id/lavrov-shaibani-moscow", "Fixture Wire", "1", "1"),
        # 3 mentions: every whole-word "Damascus" but the fourth, which the mapping gives the Syrian administration
        ("https://w3id.org/diplokg/id/russian-delegation-damascus", "The Syrian Observer", "3", "4"),
    ]


def test_cq13_and_cq14_take_no_ontology_class_or_status_for_an_entity(store):
    """A claim's rdf:type points at a class, and classes have labels: cq14 counted the classes as
    entities every article mentions (12,636 of its 34,992 rows on the 1M-triple corpus)."""
    for name in ("cq13-entity-claims", "cq14-entity-articles"):
        entities = {entity for (entity,) in rows(store, name, "entity", scope=CORPUS)}
        assert "damascus" in entities
        assert not [e for e in entities if e.startswith("https://w3id.org/diplokg/ontology#")], name
        assert not [e for e in entities if "/status/" in e], name


def test_cq15_reports_of_the_same_event(store):
    got = rows(
        store,
        "cq15-same-event",
        "event",
        "reports",
        "statuses",
        "agree",
        "article",
        "status",
        "accordingTo",
        "reportedBy",
        scope=CORPUS,
    )
    assert {r[0] for r in got} == {"https://w3id.org/diplokg/id/delegation-arrives-damascus/visit"}
    assert {(r[1], " | ".join(sorted(r[2].split(" | "))), r[3]) for r in got} == {
        ("3", "expected | happened | planned", "false")
    }
    assert [r[4:] for r in got] == [
        ("https://w3id.org/diplokg/id/delegation-arrives-damascus", "happened", "The Syrian Observer", "Fixture Wire"),
        ("https://w3id.org/diplokg/id/lavrov-shaibani-moscow", "expected", "Russian foreign ministry", "Fixture Wire"),
        ("https://w3id.org/diplokg/id/russian-delegation-damascus", "planned", "a Russian source", "Asharq Al-Awsat"),
    ]


def test_cq15_is_empty_for_one_article(store):
    assert rows(store, "cq15-same-event", "event") == []  # the seed alone reports no event twice


def test_cq16_unlinked_entities_most_reported_first(store):
    got = rows(store, "cq16-unlinked-entities", "entity", "articles", scope=CORPUS)
    assert got[0] == ("asaad-al-shibani", "3")
    assert all(
        entity not in {e for e, _ in got} for entity in ("russia", "syria", "damascus")
    )  # linked by the entity list
    assert [int(n) for _, n in got] == sorted((int(n) for _, n in got), reverse=True)


# -- corpus questions (issue 20): over the whole test corpus, not the seed alone ----------------------


def test_cq17_who_met_whom_how_often_and_where(store):
    got = rows(store, "cq17-who-met-whom", "nameA", "nameB", "times", "places", "articles", scope=None)
    assert ("Asaad Al-Shibani", "Sergei Lavrov", "1", "Moscow", "1") in got
    assert len({(a, b) for a, b, *_ in got}) == len(got)


def test_cq17_counts_the_reports_of_one_event_once(tmp_path):
    """Two articles report one meeting (same_event_as): one encounter, two articles."""
    from kg.build import build

    from .conftest import article_folder

    for folder, slug, extra in (("001_a", "report-a", ""), ("002_b", "report-b", "    same_event_as: report-a/m\n")):
        article_folder(
            tmp_path / "c" / folder,
            "Lavrov met Al-Shibani in Moscow.\n",
            f"article:\n  slug: {slug}\n  publisher: pub\n  defaults: {{according_to: pub, reported_by: pub}}\n"
            "nodes:\n  pub: {a: NewsPublisher, label: Pub}\n"
            "  lavrov: {a: Person, label: Sergei Lavrov, entity: sergei-lavrov}\n"
            "  shibani: {a: Person, label: Al-Shibani, entity: shibani}\n"
            "  m:\n    a: Meeting\n    label: Lavrov meets Al-Shibani\n    status: happened\n"
            "    participant: [lavrov, shibani]\n    counterpart: shibani\n"
            f"    evidence: [Lavrov met Al-Shibani in Moscow.]\n{extra}",
        )
    (tmp_path / "c" / "entities.yaml").write_text(
        "entities:\n  sergei-lavrov: {a: Person, label: Sergei Lavrov}\n  shibani: {a: Person, label: Al-Shibani}\n"
    )
    trig = tmp_path / "c.trig"
    trig.write_bytes(serialize(build(tmp_path / "c", None).graphs, get_format("trig")))
    got = rows(load_files([trig]), "cq17-who-met-whom", "nameA", "nameB", "times", "articles", scope=None)
    assert got == [("Sergei Lavrov", "Al-Shibani", "1", "2")]


def test_cq18_agreements_and_their_period(store):
    got = rows(store, "cq18-agreements-by-period", "label", "status", "parties", "yearSigned", scope=None)
    assert (
        "2019 agreement to invest in the port of Tartus",
        DKG + "cancelled",
        "unnamed private Russian company",
        "2019",
    ) in got
    assert {status for _label, status, *_ in got} == {DKG + "cancelled", DKG + "inForce"}


def test_cq19_entities_in_the_most_articles(store):
    got = rows(store, "cq19-entities-by-articles", "entity", "kind", "articles", scope=None)
    counts = [int(n) for _e, _k, n in got]
    assert counts == sorted(counts, reverse=True)
    assert ("russia", "country", "3") in got and ("asaad-al-shibani", "person", "3") in got
    assert all(not e.startswith("http") for e, _k, _n in got), "only corpus entities"


def test_summary_counts_by_entity_are_cq19s(store):
    """cq21 reads precomputed counts; they are what cq19 counts over the article graphs."""
    slow = {(e, n) for e, _k, n in rows(store, "cq19-entities-by-articles", "entity", "kind", "articles", scope=None)}
    fast = rows(store, "cq21-counts-by-entity", "entity", "articles", scope=None)
    assert set(fast) == slow and len(fast) == len(slow)
    assert [int(n) for _e, n in fast] == sorted((int(n) for _e, n in fast), reverse=True)
    entity = rows(
        store,
        "cq21-counts-by-entity",
        "entity",
        "mentions",
        "claims",
        scope=None,
        params={"entity": ox.NamedNode(ENTITY + "russia")},
    )
    assert len(entity) == 1 and int(entity[0][1]) > 0 and int(entity[0][2]) > 0


def test_summary_counts_by_class_and_month_are_the_graphs(store):
    """cq20 and cq22 against the same counts made by SPARQL over the article graphs."""
    by_class = {
        c: (int(i), int(a))
        for c, _l, i, a in rows(store, "cq20-counts-by-class", "class", "label", "instances", "articles", scope=None)
    }
    counted = store.query(
        "SELECT ?c (COUNT(?x) AS ?n) (COUNT(DISTINCT ?g) AS ?a) WHERE { GRAPH ?g { ?x a ?c } "
        "FILTER (STRSTARTS(STR(?g), 'https://w3id.org/diplokg/graph/') "
        "&& ?g != <https://w3id.org/diplokg/graph/entities>) } GROUP BY ?c"
    )
    assert by_class == {r["c"].value: (int(r["n"].value), int(r["a"].value)) for r in counted}
    assert by_class[DKG + "NewsArticle"] == (3, 3)
    months = rows(store, "cq22-counts-by-month", "month", "articles", "claims", scope=None)
    assert sum(int(a) for _m, a, _c in months) == 3
    claims = next(
        iter(
            store.query(
                "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c dkg:statedIn ?a }",
                prefixes={"dkg": DKG},
                use_default_graph_as_union=True,
            )
        )
    )
    assert sum(int(c) for _m, _a, c in months) == int(claims["n"].value)


def test_summary_is_derived_and_apart_from_article_facts(store):
    derived = store.query(
        "ASK { GRAPH <https://w3id.org/diplokg/summary> { <https://w3id.org/diplokg/summary> a "
        "<http://www.w3.org/ns/prov#Entity> ; <http://www.w3.org/ns/prov#wasDerivedFrom> ?g } }"
    )
    assert bool(derived)
    # no summary term in an article graph, and no article fact in the summary graph
    summary_terms_elsewhere = (
        "ASK { GRAPH ?g { ?s ?p ?o } FILTER (?g != <https://w3id.org/diplokg/summary> "
        "&& STRSTARTS(STR(?p), 'https://w3id.org/diplokg/summary#')) }"
    )
    facts_in_summary = (
        "ASK { GRAPH <https://w3id.org/diplokg/summary> { ?s ?p ?o } "
        "FILTER (STRSTARTS(STR(?p), 'https://w3id.org/diplokg/ontology#')) }"
    )
    assert not bool(store.query(summary_terms_elsewhere)) and not bool(store.query(facts_in_summary))


def test_summary_counts_are_kept_by_digest(corpus_build, tmp_path):
    """A build counts only the article graphs it did not count before, and an edit changes the totals by
    the articles it changed: the same summary as counting everything again."""
    names = {str(n): n for n in corpus_build.chunks if summary.is_article_graph(str(n))}
    digests = {n: ntriples.digest(corpus_build.chunks[k]) for n, k in names.items()}
    read: list[str] = []
    chunks = {n: (lambda n=n, k=k: read.append(n) or corpus_build.chunks[k]) for n, k in names.items()}
    first = summary.read(tmp_path, summary.write(tmp_path, digests, chunks))
    assert sorted(read) == sorted(names)
    read.clear()
    assert summary.read(tmp_path, summary.write(tmp_path, digests, chunks)) == first and read == []
    # one article gone, then back: the totals go down and up by its counts alone
    gone = sorted(names)[0]
    fewer = {n: d for n, d in digests.items() if n != gone}
    less = summary.read(tmp_path, summary.write(tmp_path, fewer, chunks))
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    assert less == summary.read(fresh, summary.write(fresh, fewer, chunks)) != first
    read.clear()
    assert summary.read(tmp_path, summary.write(tmp_path, digests, chunks)) == first and read == [gone]
    assert first == "".join(
        summary.graph_lines([summary.article_counts(corpus_build.chunks[k], n) for n, k in names.items()], digests)
    )


def test_query_prefixes_are_the_namespaces():
    from kg.core import namespaces
    from kg.query import prefixes

    assert prefixes.PREFIXES == {k: str(v) for k, v in namespaces.PREFIXES.items()}
    assert prefixes.ENTITIES_GRAPH == str(namespaces.ENTITIES_GRAPH)
    assert prefixes.ONTOLOGY_IRI == str(namespaces.ONTOLOGY_IRI)
    assert prefixes.graph_iri("x") == str(namespaces.graph_iri("x"))
    assert (prefixes.SUMMARY_GRAPH, prefixes.SUMMARY_VERSION) == (SUMMARY_GRAPH, summary.VERSION)


def test_fast_path_reads_only_what_it_reads_as_typer_does():
    from kg.query.fastpath import parse

    read = parse(["cq04-visit", "-f", "csv", "--width=80", "-p", "a=b", "--param", "c=d", "-q", "--article", "x"])
    assert read is not None
    assert (read["query_spec"], read["fmt"], read["width"], read["params"], read["quiet"]) == (
        "cq04-visit",
        "csv",
        80,
        ["a=b", "c=d"],
        True,
    )
    assert read["article_scope"] == ["x"] and read["timeout"] == 30.0
    for args in (
        [],
        ["--help"],
        ["-h"],
        ["cq04-visit", "--help"],
        ["cq04-visit", "--nope"],
        ["a", "b"],
        ["a", "-f"],
        ["a", "-f", "csv", "-f", "json"],
        ["a", "--width", "-1"],
        ["a", "--width", "1e3"],
        ["a", "--timeout", "nan"],
        ["a", "-fcsv"],
        ["a", "-qv"],
        ["a", "--list=1"],
        ["a", "--", "b"],
    ):
        assert parse(args) is None, args


@pytest.mark.parametrize(
    "args",
    [
        ["query", "cq04-visit", "-f", "csv"],
        ["query", "cq20-counts-by-class", "--format", "json"],
        ["query", "no-such-query"],
        ["query", "--list"],
        ["query", "cq04-visit", "--list"],
        ["query", "SELECT * WHERE { ?s ?p }"],
    ],
)
def test_fast_path_answers_as_the_typer_app(args, corpus_build, tmp_path):
    """The same invocation through ``python -m kg`` (fast path) and through the typer app alone."""
    import os
    import subprocess
    import sys

    data = tmp_path / "corpus.trig"
    data.write_bytes(serialize(corpus_build.graphs, get_format("trig")))
    if args[1] not in ("--list", "no-such-query"):
        args = [*args, "--data", str(data)]
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    fast = subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, env=env, cwd=tmp_path)
    typer = subprocess.run(
        [sys.executable, "-c", f"import sys; sys.argv = ['kg', *{args!r}]; from kg.cli import main; main()"],
        capture_output=True,
        env=env,
        cwd=tmp_path,
    )
    assert (fast.returncode, fast.stdout, fast.stderr) == (typer.returncode, typer.stdout, typer.stderr)


# -- rewritten for speed (issue 23): the same answers as the queries they replace -----------------------

REFERENCE = __import__("pathlib").Path(__file__).parent / "data" / "reference-queries"


@pytest.mark.parametrize("path", sorted(REFERENCE.glob("*.rq")), ids=lambda p: p.stem)
@pytest.mark.parametrize("scope", [None, SEED_SCOPE], ids=["corpus", "seed"])
def test_rewritten_query_answers_as_the_one_it_replaces(store, path, scope):
    """Each library query rewritten for speed gives, row for row and in order, what the query it
    replaced gave (kept in tests/data/reference-queries), over the test corpus and over the seed alone."""
    text, label = resolve(path.stem)
    assert text != path.read_text(encoding="utf-8"), "the library query is the reference: nothing to compare"
    new = run_local(store, text, None, label, scope)
    old = run_local(store, path.read_text(encoding="utf-8"), None, path.name, scope)
    assert new.variables == old.variables
    assert new.rows == old.rows
    assert new.rows or scope is SEED_SCOPE, "an empty answer proves nothing"


# -- kg sorts a query's answer instead of the engine (kg/query/order.py) -------------------------------


@pytest.mark.parametrize("name", [q.name for q in list_queries()])
@pytest.mark.parametrize("scope", [None, SEED_SCOPE], ids=["corpus", "seed"])
def test_kg_sorts_every_library_query_as_the_engine_does(store, name, scope):
    """run_local takes the final ORDER BY off and sorts the rows itself: the same rows in the same order
    as the engine's own sort, over the test corpus and over the seed alone."""
    from kg.query import run

    text, label = resolve(name)
    assert run.order.split(text) is not None or name == "cq22-counts-by-month", "the engine sorts it"
    mine = run_local(store, text, None, label, scope)
    engine = run._evaluate(
        store,
        text,
        label,
        {"default_graph": [ox.NamedNode(g) for g in scope]} if scope else {"use_default_graph_as_union": True},
    )
    assert mine.variables == engine.variables and mine.rows == engine.rows


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 3",
        "SELECT ?s WHERE { ?s ?p ?o } ORDER BY STR(?s)",
        "SELECT DISTINCT ?s WHERE { ?s ?p ?o } ORDER BY ?o",
        "SELECT ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s ?p ORDER BY ?p",
        "SELECT * WHERE { ?s ?p ?o } ORDER BY ?s",
        "ASK { ?s ?p ?o }",
        "SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 1 } }",
    ],
)
def test_the_engine_sorts_what_kg_cannot(query):
    from kg.query import order

    assert order.split(query) is None


def test_kg_sorts_by_variables_it_does_not_show_and_leaves_mixed_literals_to_the_engine():
    from kg.query import order

    store = ox.Store()
    data = (
        '<urn:a> <urn:p> "b" . <urn:a> <urn:q> "2"^^<http://www.w3.org/2001/XMLSchema#integer> . '
        '<urn:b> <urn:p> "a" . <urn:b> <urn:q> "10"^^<http://www.w3.org/2001/XMLSchema#integer> . '
        '<urn:c> <urn:q> "x" . '
    )
    store.load(data.encode(), format=ox.RdfFormat.TURTLE)
    text, wanted = order.split("SELECT ?s WHERE { ?s <urn:q> ?n } ORDER BY DESC(?n) # by number\n")
    assert wanted.extra == ["n"]
    result = run_local(store, "SELECT ?s WHERE { ?s <urn:q> ?n FILTER (isNumeric(?n)) } ORDER BY DESC(?n)")
    assert [row["s"]["value"] for row in result.rows] == ["urn:b", "urn:a"] and result.variables == ["s"]
    # "x" among integers: Oxigraph's own comparison decides, kg does not guess it
    mixed = run_local(store, "SELECT ?s ?n WHERE { ?s <urn:q> ?n } ORDER BY ?n")
    rows = order.sort(mixed.rows, order.Order([("n", False)], []))
    assert rows is None and len(mixed.rows) == 3
    unbound = run_local(store, "SELECT ?s ?v WHERE { ?s <urn:q> ?n OPTIONAL { ?s <urn:p> ?v } } ORDER BY ?v ?s")
    assert [row["s"]["value"] for row in unbound.rows] == ["urn:c", "urn:b", "urn:a"]


# -- summary variants (queries/NAME.summary.sparql): the same rows as the query, from the corpus summary ----


VARIANTS = sorted(
    p.name.removesuffix(".summary.sparql") for p in list_queries()[0].path.parent.glob("*.summary.sparql")
)


def test_the_entity_questions_have_summary_variants():
    assert VARIANTS == ["cq12-wikidata-links", "cq16-unlinked-entities", "cq19-entities-by-articles"]
    assert len(list_queries()) == 22


@pytest.mark.parametrize("name", VARIANTS)
def test_a_summary_variant_answers_as_its_query(store, name):
    """Over the test corpus with its summary graph, kg runs the variant; it gives, row for row, what the
    query gives counting from the article graphs."""
    from kg.query import library, run

    text, label = resolve(name)
    variant = library.summary_variant(text, label)
    assert variant is not None and run.has_summary(store)
    union = {"use_default_graph_as_union": True}
    counted = run._evaluate(store, text, label, union)
    assert counted.rows, "an empty answer proves nothing"
    read = run._evaluate(store, variant, label, union)
    assert (read.variables, read.rows) == (counted.variables, counted.rows)
    assert run_local(store, text, None, label).rows == counted.rows


def test_a_summary_variant_is_not_run_where_there_is_no_summary(store, corpus_build, tmp_path):
    """With --article (a scope) or --data (no summary graph), or for a changed copy of the query, kg
    runs the query as written."""
    from kg.query import library, run

    text, label = resolve("cq16-unlinked-entities")
    path = tmp_path / "corpus.trig"
    path.write_bytes(serialize(corpus_build.graphs, get_format("trig")))
    plain = load_files([path])
    assert not run.has_summary(plain)
    assert run_local(plain, text, None, label).rows == run_local(store, text, None, label).rows
    assert library.summary_variant(text + "\n# changed\n", label) is None
    assert library.summary_variant(text, "queries/cq16-unlinked-entities.rq") is None
    old = ox.Store()  # a summary of an older kg (no reference counts): the query runs as written
    old.add(
        ox.Quad(
            ox.NamedNode(SUMMARY_GRAPH),
            ox.NamedNode(summary.KGS + "version"),
            ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
            ox.NamedNode(SUMMARY_GRAPH),
        )
    )
    assert not run.has_summary(old)


def test_reference_counts_resolve_a_pair_with_another_article():
    """A node of one article that refers to an entity of another (or a corpus entity) pairs the entity
    with the node's article; the pair counts once, however many graphs give it, and only where that
    article is typed in its own graph."""
    dkg, ident = "https://w3id.org/diplokg/ontology#", "https://w3id.org/diplokg/id/"
    typ = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"

    def article(slug, *lines):
        return [f"<{ident}{slug}> {typ} <{dkg}NewsArticle> .\n", *lines]

    a = article(
        "a", f"<{ident}a/claim> <{dkg}actor> <{ident}b/person> .\n", f"<{ident}a/x> <{dkg}site> <{ENTITY}syria> .\n"
    )
    b = article(
        "b", f"<{ident}b/claim> <{dkg}actor> <{ident}b/person> .\n", f"<{ident}a/y> <{dkg}site> <{ENTITY}syria> .\n"
    )
    c = [f"<{ident}c/claim> <{dkg}actor> <{ident}b/person> .\n"]  # article c is typed nowhere
    counts = [
        summary.article_counts(lines, f"https://w3id.org/diplokg/graph/{slug}")
        for slug, lines in zip("abc", (a, b, c), strict=True)
    ]
    assert counts[1]["named"] == [] and counts[1]["foreign"] == [[ENTITY + "syria", ident + "a"]]
    lines = "".join(summary.graph_lines(counts))
    found = {}
    for line in lines.splitlines():
        s, p, o = line.rstrip(" .").split(" ", 2)
        found.setdefault(s, {})[p] = o
    refs = {
        v[f"<{summary.KGS}entity>"]: v[f"<{summary.KGS}articles>"]
        for v in found.values()
        if f"<{summary.KGS}entity>" in v and f"<{summary.KGS}mentions>" not in v
    }
    assert refs == {
        f"<{ident}b/person>": '"1"^^<http://www.w3.org/2001/XMLSchema#integer>',
        f"<{ENTITY}syria>": '"1"^^<http://www.w3.org/2001/XMLSchema#integer>',
    }


def test_kg_sorts_tsv_lines_as_it_sorts_rows():
    """The ranks of ``sort_lines`` (one integer per row, DESC from the end) give the order of the
    per-key stable sorts of ``sort``: ties kept in the engine's order, unbound and blank nodes first."""
    from kg.query import order
    from kg.query.results import Result, from_answer

    store = ox.Store()
    data = (
        " ".join(f'<urn:s{i}> <urn:p> "{"ab"[i % 2]}" . <urn:s{i}> <urn:q> <urn:o{i % 3}> .' for i in range(12))
        + ' _:b <urn:p> "a" . <urn:u> <urn:q> <urn:o1> .'
    )
    store.load(data.encode(), format=ox.RdfFormat.TURTLE)
    query = "SELECT ?s ?v WHERE { ?s <urn:q>|<urn:p> ?any OPTIONAL { ?s <urn:p> ?v } OPTIONAL { ?s <urn:q> ?o } }"
    wanted = order.Order([("v", True), ("o", False)], ["o"])
    answer = from_answer(store.query(query.replace("?s ?v WHERE", "?s ?v ?o WHERE")))
    assert answer.lines is not None and len(answer.lines) > 20
    rows = order.sort(Result("select", answer.variables, answer.rows).rows, wanted)
    assert order.sort_result(answer, wanted) and answer.variables == ["s", "v"]
    assert rows is not None and answer.rows == rows
