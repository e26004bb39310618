"""Every entity class with a Wikidata class is searched, each against its confusable, with no wrong link
(issue 21). The corpus and its gold are in ``link_corpus``; the server answers like Wikidata on 127.0.0.1."""

import pytest
from rdflib import Graph, URIRef

from kg.core.namespaces import DKG
from kg.link import make_linker
from kg.link.linker import LINKABLE

from .link_corpus import BASE, ENTITIES, GOLD, graph, measure, table
from .wikidata_items import ITEMS
from .wikidata_server import FakeWikidata


@pytest.fixture
def wikidata():
    server = FakeWikidata(ITEMS).start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def short_floor(monkeypatch):
    monkeypatch.setenv("KG_RETRY_FLOOR", "0.1")


def link(server, tmp_path, offline=False):
    pins = tmp_path / "pins.yaml"
    pins.write_text("pins: []\n")
    stage = make_linker(offline=offline, cache_dir=tmp_path / "cache", api_url=server.url, pins_path=pins)
    results = stage.linker.link_article("link-classes", graph(), "en", {})
    return {r.entity[len(BASE) :]: r for r in results}, stage


def test_every_searched_class_links_the_right_item_and_no_wrong_one(wikidata, tmp_path):
    results, _ = link(wikidata, tmp_path)
    counts = table(results.values(), GOLD)
    assert counts["wrong"] == 0 and counts["missed"] == 0, {
        k: (r.chosen, r.reason) for k, r in results.items() if r.chosen != GOLD[BASE + k]
    }
    searched = {ENTITIES[k][0] for k, r in results.items() if r.method == "search"}
    assert searched >= {
        "Government",
        "GovernmentBody",
        "Organization",
        "InternationalBody",
        "Company",
        "ArmedGroup",
        "Port",
        "Sea",
        "City",
        "Conference",
    }


def test_each_confusable_is_a_candidate_and_is_turned_down_for_its_class_or_country(wikidata, tmp_path):
    results, _ = link(wikidata, tmp_path)

    def notes(key, qid):
        return next(c.notes for c in results[key].candidates if c.id == qid)

    assert notes("moscow", "Q9000201") == ["type: not an acceptable class"]  # the city's government for the city
    assert notes("russian-government", "Q9000120") == ["type: not an acceptable class"]  # "Moscow", the city
    assert notes("davos-forum", "Q9000251") == ["type: not an acceptable class"]  # the organisation for its meeting
    assert notes("wef", "Q9000250") == ["type: not an acceptable class"]  # the meeting for the organisation
    assert notes("arab-league", "Q9000241") == ["type: not an acceptable class"]  # its summit
    assert notes("tartus-port", "Q174916") == ["type: not an acceptable class"]  # the city for its port
    assert notes("tartus", "Q9000260") == ["type: not an acceptable class"]  # the port for its city
    assert notes("mediterranean", "Q9000280") == ["type: not an acceptable class"]  # a film
    assert notes("russian-embassy", "Q9000291") == ["type: not an acceptable class"]  # a school
    assert "country differs" in notes("army-of-islam", "Q9000221")  # a namesake in another country
    assert "country differs" in notes("stroytransgaz", "Q9000271")
    assert "name too different" in notes("islamic-state", "Q9000211")  # the Islamic State of Iraq


def test_a_government_is_found_through_its_country_and_never_as_a_city_government(wikidata, tmp_path):
    results, _ = link(wikidata, tmp_path)
    government = results["russian-government"]
    assert government.chosen == "Q9000200"  # "Government of the Russian Federation", from Russia's alias
    searched = {r["params"].get("search") for r in wikidata.requests}
    assert "Government of the Russian Federation" in searched
    # a city government with a close name and the right country still governs another jurisdiction
    from kg.link.score import EntityContext, score
    from kg.link.wikidata import Item

    context = EntityContext("Government of Russia", ["Government of Moscow"], {"Q7188"}, {"Q159"}, [], {"Q159"})
    city_government = Item("Q9000201", "Government of Moscow", claims=_claims({"P17": "Q159", "P1001": "Q9000120"}))
    assert score(context, city_government, True).notes == ["jurisdiction differs"]


def _claims(values: dict) -> dict:
    return {
        p: [{"mainsnak": {"snaktype": "value", "datavalue": {"value": {"id": q}}}, "rank": "normal"}]
        for p, q in values.items()
    }


def test_two_namesakes_within_the_margin_stay_unlinked_and_the_reason_names_both(wikidata, tmp_path):
    results, _ = link(wikidata, tmp_path)
    reason = results["army-of-the-revolution"].reason
    assert results["army-of-the-revolution"].chosen is None
    assert reason.startswith("ambiguous: ") and "Q9000225" in reason and "Q9000226" in reason


def test_descriptions_collectives_and_unnamed_agents_are_never_searched(wikidata, tmp_path):
    results, _ = link(wikidata, tmp_path)
    searched = {r["params"].get("search") for r in wikidata.requests}
    assert not searched & {"Russian economic officials", "Russian companies", "a Russian source"}
    assert results["economic-officials"].reason == "a description (GovernmentSector), not a name: never searched"
    assert "russian-firms" not in results and "russian-source" not in results


def test_every_unlinked_entity_says_why(wikidata, tmp_path):
    results, _ = link(wikidata, tmp_path)
    assert results["syrian-observer"].reason == "no candidates found"
    assert results["munich-conference"].reason == "no candidates found"
    assert not any("no Wikidata class" in r.reason for r in results.values())
    for key, r in results.items():
        assert r.chosen or r.reason, key


def test_a_class_mismatch_is_reported_as_such(wikidata, tmp_path):
    """The Davos Forum, when the server knows only the organisation that holds it, stays unlinked."""
    del wikidata.items["Q9000250"]
    results, _ = link(wikidata, tmp_path)
    davos = results["davos-forum"]
    assert davos.chosen is None
    assert davos.reason == "class mismatch: the only candidate, Q9000251 (World Economic Forum), is of another class"
    assert results["wef"].chosen == "Q9000251"  # the organisation itself still links


def test_offline_with_a_warm_cache_links_the_same(wikidata, tmp_path):
    online, _ = link(wikidata, tmp_path)
    before = len(wikidata.requests)
    offline, _ = link(wikidata, tmp_path, offline=True)
    assert len(wikidata.requests) == before
    assert {k: (r.chosen, r.reason) for k, r in offline.items()} == {k: (r.chosen, r.reason) for k, r in online.items()}


def test_offline_with_a_cold_cache_says_offline(wikidata, tmp_path):
    results, _ = link(wikidata, tmp_path, offline=True)
    assert results["russian-government"].reason == "not in the cache (offline)"
    assert results["russia"].chosen == "Q159"  # curated


def test_conferences_are_linkable_but_other_events_are_not():
    assert DKG.Conference in LINKABLE and DKG.Meeting not in LINKABLE and DKG.Event not in LINKABLE


def test_every_entity_class_with_a_wikidata_class_is_searched(tmp_path):
    """The ontology's classes of named things that map to Wikidata (themselves or through a superclass);
    those left without one are listed here on purpose."""
    from rdflib.namespace import OWL, RDF, RDFS

    from kg.core.ontology import default_ontology

    onto: Graph = default_ontology().graph
    linker = make_linker(offline=True, cache_dir=tmp_path / "cache").linker
    named = {
        c
        for c in onto.subjects(RDF.type, OWL.Class)
        if isinstance(c, URIRef) and set(onto.transitive_objects(c, RDFS.subClassOf)) & set(LINKABLE)
    }
    unmapped = {str(c)[len(str(DKG)) :] for c in named if not linker.expected_classes([c])}
    assert unmapped == {"Place", "Facility"}  # too broad for a Wikidata class check: only a pin links them
    assert linker.expected_classes([DKG.Government]) == {"Q7188"}
    assert linker.expected_classes([DKG.GovernmentBody]) == {"Q43229"}  # an embassy is searched as an organisation
    assert linker.expected_classes([DKG.Conference]) == {"Q625994"}
    assert linker.expected_classes([DKG.Company]) == {"Q783794", "Q4830453"}


def test_the_linking_table_before_and_after_is_measured(tmp_path):
    """The measure of issue 21 on this corpus and the seed (no pins): no wrong link, nothing missed but
    the UN Security Council, which the test server gives no class."""
    counts = measure(tmp_path)
    assert counts["classes"] == {"correct": 17, "wrong": 0, "NIL": 6, "missed": 0}
    assert counts["seed"]["wrong"] == 0 and counts["seed"]["missed"] == 1
