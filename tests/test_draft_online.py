"""kg draft --online: names the rules could only guess are typed through Wikidata (a real HTTP server
on 127.0.0.1, tests/wikidata_server.py), with the link cache; offline drafts stay what they were."""

import pytest
import yaml

from kg.draft import write_drafts

from .wikidata_server import FakeWikidata

# "Quentin Arbuckle" has no cue (rules: Organization), "Velmora Trust" speaks (rules: Person);
# "Ardent Vale" speaks too, but two items bear the name exactly, of classes that disagree.
TEXT = (
    "Leaders met in Geneva on Monday.\n\n"
    "The meeting with Quentin Arbuckle and Velmora Trust ended. Velmora Trust said the talks went well. "
    "Ardent Vale said nothing.\n"
)

ITEMS = {
    "Q5": {"label": "human"},
    "Q515": {"label": "city"},
    "Q4830453": {"label": "business", "claims": {"P279": ["Q43229"]}},
    "Q43229": {"label": "organization"},
    "Q783794": {"label": "company", "claims": {"P279": ["Q4830453"]}},
    "Q9001": {"label": "trust company", "claims": {"P279": ["Q783794"]}},
    "Q501": {"label": "Quentin Arbuckle", "description": "diplomat", "claims": {"P31": ["Q5"]}},
    "Q502": {"label": "Bank of Velmora", "aliases": ["Velmora Trust"], "claims": {"P31": ["Q9001"]}},
    "Q503": {"label": "Ardent Vale", "claims": {"P31": ["Q5"]}},
    "Q504": {"label": "Ardent Vale", "claims": {"P31": ["Q515"]}},
    "Q505": {"label": "Quentin Arbuckle Street", "claims": {"P31": ["Q515"]}},
}


@pytest.fixture
def wikidata():
    server = FakeWikidata(ITEMS).start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def short_floor(monkeypatch):
    monkeypatch.setenv("KG_RETRY_FLOOR", "0.1")
    for name in ("KG_WIKIDATA_API", "KG_CACHE_DIR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def article(tmp_path):
    folder = tmp_path / "articles" / "online"
    folder.mkdir(parents=True)
    (folder / "article.txt").write_text(TEXT, encoding="utf-8")
    return folder


def classes(folder) -> dict[str, str]:
    nodes = yaml.safe_load((folder / "mapping.draft.yaml").read_text(encoding="utf-8"))["nodes"]
    return {key: node["a"] for key, node in nodes.items()}


def test_online_types_guessed_names_and_a_second_draft_asks_nothing(article, wikidata, tmp_path):
    cache = tmp_path / "cache"
    write_drafts(article, online=True, cache_dir=cache, api_url=wikidata.url, contact="mailto:t@example.org")
    found = classes(article)
    assert found["quentin-arbuckle"] == "Person"  # P31 Q5, an exact label
    assert found["velmora-trust"] == "Company"  # P31 trust company -> company (Q783794), an exact alias
    assert found["ardent-vale"] == "Person"  # two exact items that disagree: as the rules had it
    assert found["geneva"] == "City"  # the gazetteer's: never asked
    draft = (article / "mapping.draft.yaml").read_text(encoding="utf-8")
    assert "class from Wikidata, was Organization: Q501 Quentin Arbuckle (diplomat)" in draft
    asked = wikidata.requests
    searched = sorted(r["params"]["search"] for r in asked if r["params"]["action"] == "wbsearchentities")
    assert searched == ["Ardent Vale", "Quentin Arbuckle", "Velmora Trust"]
    assert all("mailto:t@example.org" in r["headers"]["User-Agent"] for r in asked)
    assert all(r["params"].get("maxlag") == "5" for r in asked)

    first = draft
    write_drafts(article, force=True, online=True, cache_dir=cache, api_url=wikidata.url)
    assert len(wikidata.requests) == len(asked)  # every answer came from the cache
    assert (article / "mapping.draft.yaml").read_text(encoding="utf-8") == first


def test_offline_is_the_default_and_unchanged(article, wikidata, tmp_path, kg):
    write_drafts(article, cache_dir=tmp_path / "cache")
    offline = (article / "mapping.draft.yaml").read_text(encoding="utf-8")
    assert classes(article)["quentin-arbuckle"] == "Organization"
    result = kg("draft", article, "--force", "--cache-dir", tmp_path / "cache", env={"KG_WIKIDATA_API": wikidata.url})
    assert result.returncode == 0, result.stderr
    assert (article / "mapping.draft.yaml").read_text(encoding="utf-8") == offline
    result = kg("draft", article, "--force", "--offline", "--wikidata-api", wikidata.url)
    assert result.returncode == 0, result.stderr
    assert (article / "mapping.draft.yaml").read_text(encoding="utf-8") == offline
    assert wikidata.requests == []
    # online from a filled cache, with the server gone: the same classes, nothing asked
    write_drafts(article, force=True, online=True, cache_dir=tmp_path / "cache2", api_url=wikidata.url)
    typed = (article / "mapping.draft.yaml").read_text(encoding="utf-8")
    wikidata.stop()
    result = kg(
        "draft", article, "--force", "--online", "--cache-dir", tmp_path / "cache2", "--wikidata-api", wikidata.url
    )
    assert result.returncode == 0, result.stderr
    assert (article / "mapping.draft.yaml").read_text(encoding="utf-8") == typed
    assert typed != offline


def test_wikidata_unreachable_warns_once_and_drafts_as_offline(article, tmp_path, kg):
    write_drafts(article, cache_dir=tmp_path / "cache")
    offline = (article / "mapping.draft.yaml").read_text(encoding="utf-8")
    result = kg(
        "draft", article, "--force", "--online", "--cache-dir", tmp_path / "c", "--wikidata-api", "http://127.0.0.1:9/w"
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("Wikidata unavailable") == 1
    assert (article / "mapping.draft.yaml").read_text(encoding="utf-8") == offline


def test_throttled_answers_are_retried_as_linking_does(article, wikidata, tmp_path):
    wikidata.faults = [("503", 0), ("maxlag", 0)]
    write_drafts(article, online=True, cache_dir=tmp_path / "cache", api_url=wikidata.url)
    assert classes(article)["quentin-arbuckle"] == "Person"
    first_two = [r["params"]["search"] for r in wikidata.requests[:3]]
    assert first_two[0] == first_two[1] == first_two[2]  # the same request, asked until it was answered


def test_a_place_read_as_its_government_is_not_asked(tmp_path, wikidata):
    """Metonymy is the text's reading: Wikidata would only say the city."""
    wikidata.items["Q600"] = {"label": "Zarnow", "claims": {"P31": ["Q515"]}}
    folder = tmp_path / "articles" / "metonymy"
    folder.mkdir(parents=True)
    (folder / "article.txt").write_text(
        "Officials will visit Zarnow next week.\n\nZarnow shares these concerns, the ministry said.\n", encoding="utf-8"
    )
    write_drafts(folder, online=True, cache_dir=tmp_path / "cache", api_url=wikidata.url)
    assert classes(folder)["zarnow"] == "Government"
    assert [r for r in wikidata.requests if r["params"].get("search") == "Zarnow"] == []
