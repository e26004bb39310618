"""Wikidata linking against a real HTTP server on 127.0.0.1 that answers like Wikidata."""

import json
import time
from itertools import pairwise

import pytest
from requests import __version__ as requests_version

from kg import __version__
from kg.build import compile_all
from kg.link import make_linker
from kg.link.cache import Cache
from kg.link.http import ClientConfig, WikidataClient, WikidataError
from kg.link.wikidata import get_items, search

from .conftest import ROOT, copy_corpus, export_build
from .wikidata_items import EXPECTED_SEED_LINKS, ITEMS
from .wikidata_server import FakeWikidata

ID = "https://w3id.org/diplokg/id/russian-delegation-damascus/"
PINS = ROOT / "tests" / "fixtures" / "link-pins.yaml"


def seed_alone(tmp_path):
    """The seed with no entity list and no pin file of its own: every node local, pins left to the linker."""
    folder = tmp_path / "seed-alone"
    if folder.is_dir():
        return folder
    copy_corpus(folder, ["000_seed"])
    for name in ("entities.yaml", "wikidata-pins.yaml"):
        (folder / name).unlink()
    return folder


@pytest.fixture
def wikidata():
    server = FakeWikidata(ITEMS).start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def short_floor(monkeypatch):
    monkeypatch.setenv("KG_RETRY_FLOOR", "0.1")


def client_for(server, tmp_path=None, **overrides):
    config = ClientConfig(api_url=server.url, contact="mailto:test@example.org", **overrides)
    return WikidataClient(config, Cache(tmp_path / "cache") if tmp_path else None)


def link_seed(server, tmp_path, offline=False):
    linker = make_linker(
        offline=offline,
        cache_dir=tmp_path / "cache",
        api_url=server.url,
        pins_path=PINS,
        report_path=tmp_path / "report.json",
        contact="mailto:test@example.org",
    )
    compiled = compile_all(seed_alone(tmp_path))
    return linker(compiled), compiled


def test_seed_links_the_right_items_and_says_no_to_the_rest(wikidata, tmp_path):
    summary, compiled = link_seed(wikidata, tmp_path)
    links = {r.entity[len(ID) :]: r.chosen for r in summary.results if r.chosen}
    assert links == EXPECTED_SEED_LINKS
    unlinked = {r.entity[len(ID) :]: r.reason for r in summary.unlinked}
    assert set(unlinked) == {"russian-economic-officials", "russian-other-sectors", "syrian-observer"}
    assert unlinked["russian-economic-officials"] == "a description (GovernmentSector), not a name: never searched"
    assert unlinked["syrian-observer"] == "no candidates found"  # not the Syrian Observatory for Human Rights
    assert not any("no Wikidata class" in r.reason for r in summary.results)
    graph = compiled[0].graph
    from rdflib import URIRef
    from rdflib.namespace import SKOS

    assert (URIRef(ID + "bogdanov"), SKOS.exactMatch, URIRef("http://www.wikidata.org/entity/Q9000001")) in graph
    # metonymic "Moscow" is searched for the government it names, but neither the city nor its government fit
    government = next(r for r in summary.results if r.entity == ID + "russian-government")
    notes = {c.id: c.notes for c in government.candidates}
    assert notes["Q9000120"] == ["type: not an acceptable class"]  # Moscow, the city
    assert "jurisdiction differs" in notes["Q9000201"]  # the Government of Moscow
    assert list(graph.objects(URIRef(ID + "russian-government"), SKOS.exactMatch)) == [
        URIRef("http://www.wikidata.org/entity/Q9000200")
    ]


def test_the_seeds_davos_forum_is_the_meeting_never_the_organisation_that_holds_it(wikidata, tmp_path):
    from rdflib import URIRef
    from rdflib.namespace import SKOS

    summary, compiled = link_seed(wikidata, tmp_path)
    davos = next(r for r in summary.results if r.entity == ID + "davos-forum")
    assert (davos.chosen, davos.kind) == ("Q9000250", "Conference")
    assert {c.id: c.notes for c in davos.candidates}["Q9000251"] == ["type: not an acceptable class"]

    del wikidata.items["Q9000250"]  # the server knows only the World Economic Forum (alias "Davos Forum")
    summary, compiled = link_seed(wikidata, tmp_path / "again")
    davos = next(r for r in summary.results if r.entity == ID + "davos-forum")
    assert davos.chosen is None and davos.reason.startswith("class mismatch: the only candidate, Q9000251")
    assert not list(compiled[0].graph.objects(URIRef(ID + "davos-forum"), SKOS.exactMatch))


def test_homonyms_are_told_apart_by_role_and_country(wikidata, tmp_path):
    summary, _ = link_seed(wikidata, tmp_path)
    bogdanov = next(r for r in summary.results if r.entity.endswith("/bogdanov"))
    scores = {c.id: c.score for c in bogdanov.candidates}
    assert scores["Q9000001"] > scores["Q9000002"] > scores["Q9000003"]
    sharaa = next(r for r in summary.results if r.entity.endswith("/al-sharaa"))
    assert sharaa.chosen == "Q9000010"


def test_a_namesake_with_another_first_name_scores_below_the_threshold():
    from kg.link.score import THRESHOLD, EntityContext, score
    from kg.link.wikidata import Item

    context = EntityContext(
        "Ahmad Al-Sharaa", ["Ahmad Al-Sharaa"], {"Q5"}, {"Q858"}, ["head of the Syrian administration"]
    )
    farouk = Item("Q9000011", "Farouk al-Sharaa", "Syrian politician and diplomat", [], {"P27": []})
    ahmed = Item("Q9000010", "Ahmed al-Sharaa", "Syrian politician and militant leader", [], {})
    assert score(context, farouk, True).score < THRESHOLD <= score(context, ahmed, True).score


def test_air_base_is_not_the_village(wikidata, tmp_path):
    summary, _ = link_seed(wikidata, tmp_path)
    base = next(r for r in summary.results if r.entity.endswith("/hmeimim-air-base"))
    village = next(c for c in base.candidates if c.id == "Q9000051")
    assert village.score == 0.0 and "type" in village.notes[0]
    assert base.chosen == "Q9000050"


def test_ambiguous_namesakes_give_no_link(wikidata, tmp_path):
    """With two diplomats of one name and nothing to tell them apart, there is no confident match."""
    wikidata.items["Q9000004"] = {
        "label": "Mikhail Bogdanov",
        "description": "Russian diplomat and orientalist",
        "claims": {"P31": ["Q5"], "P27": ["Q159"]},
    }
    summary, _ = link_seed(wikidata, tmp_path)
    bogdanov = next(r for r in summary.results if r.entity.endswith("/bogdanov"))
    assert bogdanov.chosen is None and bogdanov.reason.startswith("ambiguous")


def test_coordinates_become_geosparql_attributed_to_wikidata(wikidata, tmp_path):
    _, compiled = link_seed(wikidata, tmp_path)
    graph = compiled[0].graph
    rows = list(
        graph.query(
            f"SELECT ?wkt ?src WHERE {{ <{ID}hmeimim-air-base> geo:hasGeometry ?g . "
            "?g geo:asWKT ?wkt ; prov:wasDerivedFrom ?src }",
            initNs={"geo": "http://www.opengis.net/ont/geosparql#", "prov": "http://www.w3.org/ns/prov#"},
        )
    )
    assert [(str(w), str(s)) for w, s in rows] == [
        ("POINT(35.949000 35.401000)", "http://www.wikidata.org/entity/Q9000050")
    ]


def test_linked_seed_still_validates(wikidata, tmp_path):
    from kg.validate import validate

    _, compiled = link_seed(wikidata, tmp_path)
    report = validate(compiled[0].graph)
    assert report.conforms, report.text()


def test_every_request_is_polite_and_serial(wikidata, tmp_path):
    link_seed(wikidata, tmp_path)
    assert wikidata.requests
    for request in wikidata.requests:
        assert request["params"]["maxlag"] == "5"
        assert request["params"]["format"] == "json"
        agent = f"kg/{__version__} (mailto:test@example.org) requests/{requests_version}"
        assert request["headers"]["User-Agent"] == agent
        assert "gzip" in request["headers"]["Accept-Encoding"]
        if request["params"]["action"] == "wbgetentities":
            assert len(request["params"]["ids"].split("|")) <= 50
    assert wikidata.max_active == 1
    ordered = sorted(wikidata.requests, key=lambda r: r["start"])
    assert all(a["end"] <= b["start"] + 0.001 for a, b in pairwise(ordered))


def test_warm_cache_makes_zero_requests_and_gives_the_same_graph(wikidata, tmp_path):
    from kg.export import serialize
    from kg.rdf.formats import get_format

    cold, compiled_cold = link_seed(wikidata, tmp_path)
    assert cold.requests > 0
    before = len(wikidata.requests)
    warm, compiled_warm = link_seed(wikidata, tmp_path)
    assert warm.requests == 0 and len(wikidata.requests) == before
    as_ttl = lambda c: serialize({c[0].graph_iri: c[0].graph}, get_format("turtle"))  # noqa: E731
    assert as_ttl(compiled_cold) == as_ttl(compiled_warm)


def test_offline_uses_only_cache_and_pins(wikidata, tmp_path):
    summary, _ = link_seed(wikidata, tmp_path, offline=True)
    assert wikidata.requests == []
    assert {r.chosen for r in summary.linked} == {"Q159", "Q858", "Q3766", "Q4918", "Q37470", "Q174916"}
    assert all(r.method == "pin" for r in summary.linked)


def test_report_lists_candidates_with_scores(wikidata, tmp_path):
    link_seed(wikidata, tmp_path)
    report = json.loads((tmp_path / "report.json").read_text())
    bogdanov = next(e for e in report["entities"] if e["entity"].endswith("/bogdanov"))
    assert bogdanov["wikidata"] == "Q9000001" and bogdanov["method"] == "search"
    assert {c["id"] for c in bogdanov["candidates"]} == {"Q9000001", "Q9000002", "Q9000003"}
    assert all(isinstance(c["score"], float) for c in bogdanov["candidates"])


def test_batches_of_at_most_fifty(wikidata):
    client = client_for(wikidata)
    ids = [f"Q{9100000 + i}" for i in range(120)]
    get_items(client, ids)
    sizes = [len(r["params"]["ids"].split("|")) for r in wikidata.requests]
    assert sizes == [50, 50, 20]


def test_search_finds_alias_prefixes(wikidata):
    hits = search(client_for(wikidata), "Hmeimim")
    assert [h["id"] for h in hits] == ["Q9000050", "Q9000051"]


@pytest.mark.parametrize("fault", [("maxlag", 1), ("429", 1), ("503", 1)])
def test_waits_for_retry_after_then_succeeds(wikidata, fault):
    wikidata.faults = [fault]
    hits = search(client_for(wikidata), "Damascus")
    assert [h["id"] for h in hits] == ["Q3766"]
    first, second = sorted(wikidata.requests, key=lambda r: r["start"])
    assert second["start"] - first["end"] >= 1.0


@pytest.mark.parametrize("status", ["429", "503"])
def test_retry_after_as_an_http_date_is_waited_for(wikidata, status):
    """RFC 9110 allows an HTTP-date; it has whole seconds, so a date 2 s ahead means a wait of 1 to 2 s."""
    wikidata.faults = [(status, 2, "date")]
    hits = search(client_for(wikidata), "Damascus")
    assert [h["id"] for h in hits] == ["Q3766"]
    first, second = sorted(wikidata.requests, key=lambda r: r["start"])
    assert 1.0 <= second["start"] - first["end"] < 4.0


def test_floor_applies_when_retry_after_is_shorter(wikidata, monkeypatch):
    monkeypatch.setenv("KG_RETRY_FLOOR", "0.6")
    wikidata.faults = [("maxlag", 0)]
    search(client_for(wikidata), "Damascus")
    first, second = sorted(wikidata.requests, key=lambda r: r["start"])
    assert second["start"] - first["end"] >= 0.6


def test_gives_up_after_a_few_tries(wikidata):
    wikidata.faults = [("503", 0)] * 10
    with pytest.raises(WikidataError, match=r"gave up after 4 tries \(HTTP 503\)"):
        search(client_for(wikidata), "Damascus")
    assert len(wikidata.requests) == 4


def test_hang_past_the_read_timeout(wikidata):
    wikidata.faults = [("hang", 2)]
    started = time.monotonic()
    with pytest.raises(WikidataError, match="no answer within 0.5 s"):
        search(client_for(wikidata, read_timeout=0.5), "Damascus")
    assert time.monotonic() - started < 2


@pytest.mark.parametrize("fault, message", [(("malformed",), "malformed JSON"), (("html",), "an HTML page")])
def test_bad_bodies_are_clear_errors(wikidata, fault, message):
    wikidata.faults = [fault]
    client = client_for(wikidata)
    with pytest.raises(WikidataError, match=message):
        search(client, "Damascus")
    # an error page is no answer: it counts as a failed request, not one Wikidata answered (issue 24)
    assert (client.requests_made, client.requests_failed) == (0, 1)


def test_api_errors_are_reported(wikidata):
    with pytest.raises(WikidataError, match="toomanyvalues"):
        client_for(wikidata).get({"action": "wbgetentities", "ids": "|".join(f"Q{i}" for i in range(1, 60))})


@pytest.mark.slow
def test_cli_build_links_then_rebuilds_with_no_requests(wikidata, tmp_path, kg):
    args = (
        "build",
        "--articles",
        seed_alone(tmp_path),
        "--pins",
        PINS,
        "--out",
        tmp_path / "out",
        "--cache-dir",
        tmp_path / "cache",
        "--wikidata-api",
        wikidata.url,
    )
    cold = kg(*args, env={"KG_RETRY_FLOOR": "0.1"})
    assert cold.returncode == 0, cold.stderr
    assert "linked 21 of 24 entities (pin 6, search 15)" in cold.stdout
    again = kg(*args, env={"KG_RETRY_FLOOR": "0.1"})
    assert again.stdout.startswith("nothing changed since the last build")  # the links were complete
    warm = kg(*args[:6], tmp_path / "out2", *args[7:], env={"KG_RETRY_FLOOR": "0.1"})  # a fresh build, a warm cache
    assert "; 0 Wikidata requests" in warm.stdout
    assert (export_build(tmp_path / "out2") / "kg.trig").read_bytes() == (
        export_build(tmp_path / "out") / "kg.trig"
    ).read_bytes()
    links = kg(
        "query",
        "cq12-wikidata-links",
        "--format",
        "csv",
        "--out",
        tmp_path / "out",
        "--articles",
        tmp_path / "seed-alone",
    )
    rows = links.stdout.splitlines()[1:]
    # cq12 lists every class the linker searches, the linked Davos Forum (a conference) among them
    assert sum(1 for r in rows if "http://www.wikidata.org/entity/Q" in r) == 21


def test_cli_link_report_csv(wikidata, tmp_path, kg):
    done = kg(
        "link",
        "--articles",
        seed_alone(tmp_path),
        "--pins",
        PINS,
        "--report",
        tmp_path / "links.csv",
        "--cache-dir",
        tmp_path / "cache",
        "--wikidata-api",
        wikidata.url,
    )
    assert done.returncode == 0, done.stderr
    lines = (tmp_path / "links.csv").read_text().splitlines()
    assert lines[0].startswith("entity,article,label,class,wikidata,score,method,reason,candidates")
    assert len(lines) == 25


@pytest.mark.slow
def test_unreachable_wikidata_warns_once_and_still_builds(tmp_path, kg):
    done = kg(
        "build",
        "--articles",
        seed_alone(tmp_path),
        "--pins",
        PINS,
        "--out",
        tmp_path / "out",
        "--cache-dir",
        tmp_path / "cache",
        "--wikidata-api",
        "http://127.0.0.1:9/w/api.php",
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("warning: Wikidata unavailable") == 1
    assert "Traceback" not in done.stderr
    assert "linked 6 of 24 entities (pin 6)" in done.stdout
    # without --offline the reason is the outage, not "(offline)"; a request with no answer is not counted as made
    assert "unlinked, not in the cache; Wikidata unavailable (" in done.stdout
    assert "(offline)" not in done.stdout
    assert "; 0 Wikidata requests (1 failed)" in done.stdout


@pytest.mark.slow
def test_explicit_offline_says_offline(tmp_path, kg):
    done = kg("build", "--offline", "--out", tmp_path / "out", "--cache-dir", tmp_path / "cache")
    assert done.returncode == 0, done.stderr
    assert "\nunlinked, not in the cache (offline) (" in done.stdout and "; 0 Wikidata requests\n" in done.stdout


def test_bad_pin_file_is_one_line(tmp_path, kg):
    pins = tmp_path / "pins.yaml"
    pins.write_text("pins:\n  - match: {label: Russia}\n    wikidata: Q0\n")
    done = kg(
        "build",
        "--offline",
        "--articles",
        seed_alone(tmp_path),
        "--pins",
        pins,
        "--out",
        tmp_path / "out",
        "--cache-dir",
        tmp_path / "cache",
    )
    assert done.returncode == 2 and "pins.yaml:3" in done.stderr and "Traceback" not in done.stderr


def test_empty_objects_written_as_php_arrays_are_tolerated():
    """MediaWiki serialises an empty object as []: an item with no claims or labels must not crash."""
    from kg.link.wikidata import Item, _dict

    assert _dict([]) == {}
    item = Item(
        "Q1",
        claims={
            "P31": [
                {"mainsnak": {"snaktype": "somevalue", "property": "P31"}, "rank": "normal"},
                {"mainsnak": {"snaktype": "value", "datavalue": {"value": {"id": "Q5"}}}, "rank": "deprecated"},
                {"mainsnak": {"snaktype": "value", "datavalue": {"value": {"id": "Q6"}}}, "rank": "normal"},
            ]
        },
    )
    assert item.item_values("P31") == ["Q6"]
    assert Item("Q2", claims={}).coordinates() is None


def test_without_pins_search_finds_the_city_not_the_governorate(wikidata, tmp_path):
    """Tartus the city (P31 city) against Tartus Governorate; Damascus via P31 capital, P279 city."""
    empty = tmp_path / "pins.yaml"
    empty.write_text("pins: []\n")
    linker = make_linker(cache_dir=tmp_path / "cache", api_url=wikidata.url, pins_path=empty)
    summary = linker(compile_all(seed_alone(tmp_path)))
    by_id = {r.entity[len(ID) :]: r for r in summary.results}
    assert by_id["tartus"].chosen == "Q174916"
    assert {c.id: c.score for c in by_id["tartus"].candidates}["Q9000060"] == 0.0
    assert by_id["damascus"].chosen == "Q3766"
    assert by_id["russia"].chosen == "Q159" and by_id["syria"].chosen == "Q858"
    assert by_id["mediterranean"].chosen == "Q4918"  # a sea (P31 sea), not the film of that name
    assert {c.id: c.score for c in by_id["mediterranean"].candidates}["Q9000280"] == 0.0


def test_an_api_error_for_one_entity_does_not_stop_linking(wikidata, tmp_path):
    """A request-specific API error leaves that entity unlinked; the rest are still asked for."""
    original = wikidata.answer

    def answer(params):
        if params.get("action") == "wbsearchentities" and params.get("search", "").startswith("Mikhail"):
            return {"error": {"code": "badvalue", "info": "Unrecognized value"}}
        return original(params)

    wikidata.answer = answer
    summary, _ = link_seed(wikidata, tmp_path)
    bogdanov = next(r for r in summary.results if r.entity.endswith("/bogdanov"))
    assert bogdanov.chosen is None and "API error badvalue" in bogdanov.reason
    assert summary.warning is None
    assert next(r for r in summary.results if r.entity.endswith("/lavrov")).chosen == "Q9000030"


def test_the_summary_names_an_unlinked_entity_once_however_many_articles_name_it():
    from kg.link.linker import LinkResult, LinkSummary

    results = [
        LinkResult(
            f"https://w3id.org/diplokg/id/a{i}/bogdanov",
            f"a{i}",
            "Mikhail Bogdanov",
            "Person",
            reason="not in the cache (offline)",
        )
        for i in range(3)
    ]
    results.append(LinkResult("https://w3id.org/diplokg/id/a0/x", "a0", "X", "Person", reason="no candidates found"))
    text = str(LinkSummary(results, 0))
    assert text.count("Mikhail Bogdanov") == 1
    assert "unlinked, not in the cache (offline) (1): Mikhail Bogdanov (in 3 articles)\n" in text
    assert text.endswith("\nunlinked, no candidates found (1): X")


def test_the_summary_shows_a_few_names_per_reason_and_counts_the_rest():
    from kg.link.linker import SHOWN_PER_REASON, LinkResult, LinkSummary

    results = [
        LinkResult(f"https://w3id.org/diplokg/id/a/p{i}", "a", f"Person {i}", "Person", reason="no candidates found")
        for i in range(SHOWN_PER_REASON + 5)
    ]
    text = str(LinkSummary(results, 0))
    assert f"unlinked, no candidates found ({SHOWN_PER_REASON + 5}): Person 0, Person 1" in text
    assert f"Person {SHOWN_PER_REASON - 1}, and 5 more" in text and f"Person {SHOWN_PER_REASON}," not in text


def test_a_link_from_the_cache_does_not_depend_on_what_was_linked_before(wikidata, tmp_path):
    """Online, one linker links two people whose candidates overlap (the second also goes by another
    name) and fills the cache. Then each is linked again offline, alone, by a linker with nothing in
    memory, as in a worker process or in a build where other articles came first: the cache must
    answer every request it makes, with the same link. So a request names what this entity needs,
    not what is missing from memory after the entities linked before it."""
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import RDF, RDFS, SKOS

    from kg.core.namespaces import DKG

    graph = Graph()
    first, second = URIRef(ID + "envoy"), URIRef(ID + "envoy-again")
    for node in (first, second):
        graph.add((node, RDF.type, DKG.Person))
        graph.add((node, RDFS.label, Literal("Mikhail Bogdanov", lang="en")))
    graph.add((second, SKOS.altLabel, Literal("Ahmed al-Sharaa", lang="en")))
    online = make_linker(cache_dir=tmp_path / "cache", api_url=wikidata.url, pins_path=PINS)
    before = {node: online.linker.link_entity(graph, node, "s", {}) for node in (first, second)}
    assert all(r.candidates for r in before.values())
    for node in (second, first):
        alone = make_linker(offline=True, cache_dir=tmp_path / "cache", api_url=wikidata.url, pins_path=PINS)
        again = alone.linker.link_entity(graph, node, "s", {})
        assert [(c.id, c.score) for c in again.candidates] == [(c.id, c.score) for c in before[node].candidates]
        assert (again.chosen, again.score) == (before[node].chosen, before[node].score)


def test_an_article_records_the_answers_it_used_even_those_loaded_before_it(wikidata, tmp_path):
    """A build keeps an article's links while the cache answers they read are unchanged. An article
    whose candidates an earlier article already loaded into memory read them all the same: it
    records the same answers as the first (its search, the candidates' items)."""
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import RDF, RDFS

    from kg.core.namespaces import DKG

    stage = make_linker(cache_dir=tmp_path / "cache", api_url=wikidata.url, pins_path=PINS)
    recorded = []
    for slug in ("first", "second"):
        graph = Graph()
        node = URIRef(f"https://w3id.org/diplokg/id/{slug}/envoy")
        graph.add((node, RDF.type, DKG.Person))
        graph.add((node, RDFS.label, Literal("Mikhail Bogdanov", lang="en")))
        results, reads = stage.link_article(slug, graph, "en", {})
        assert results[0].candidates
        recorded.append(reads)
    requests_made = len(wikidata.requests)
    assert len(recorded[0]) >= 2 and recorded[1] == recorded[0]
    assert all(size is not None for _name, size, _time in recorded[1])  # every answer it read is in the cache
    assert requests_made == len(wikidata.requests)
