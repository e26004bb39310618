"""A name of a policy, programme or agreement with "and" or commas in it is one topic, not a node for
each capitalised stretch (invented sentences in the forms of foreign-ministry readouts)."""

from pathlib import Path

import pytest
import yaml

from kg.build import build
from kg.draft import draft_article


def mapping_of(folder: Path, text: str) -> dict:
    folder.mkdir(parents=True)
    (folder / "article.txt").write_text(text, encoding="utf-8")
    return yaml.safe_load(draft_article(folder / "article.txt", "rules").yaml)


@pytest.mark.parametrize(
    ("text", "topic", "parts"),
    [
        (
            "Japan will support the Deep and Comprehensive Free Trade Area with Georgia, the ministry said.\n",
            "Deep and Comprehensive Free Trade Area",
            {"Deep", "Comprehensive Free Trade Area"},
        ),
        (
            "Japan is promoting Women, Peace and Security (WPS) in Kenya. WPS is a priority, it said.\n",
            "Women, Peace and Security",
            {"Women", "Peace", "Security", "WPS"},
        ),
    ],
)
def test_a_name_with_and_in_it_is_one_topic(tmp_path, text, topic, parts):
    mapping = mapping_of(tmp_path / "a", text)
    labels = {n.get("label"): n for n in mapping["nodes"].values()}
    assert labels[topic]["a"] == "Topic"
    assert not parts & set(labels)
    assert labels["Japan"]["a"] == "Country"


def test_two_countries_with_and_stay_two(tmp_path):
    mapping = mapping_of(tmp_path / "a", "Kenya and Papua New Guinea signed a security pact in Lima.\n")
    labels = {n.get("label"): n["a"] for n in mapping["nodes"].values()}
    assert labels["Kenya"] == "Country" and labels["Papua New Guinea"] == "Country"


def test_a_drafted_topic_builds_and_conforms(tmp_path):
    folder = tmp_path / "articles" / "001_wps"
    folder.mkdir(parents=True)
    (folder / "article.txt").write_text(
        "Japan is promoting Women, Peace and Security (WPS) in Kenya.\n", encoding="utf-8"
    )
    draft = draft_article(folder / "article.txt", "rules")
    assert "Women, Peace and Security" in draft.yaml
    (folder / "mapping.draft.yaml").write_text(draft.yaml, encoding="utf-8")
    assert build(tmp_path / "articles", None, drafts=True).conforms


def test_a_name_of_a_country_and_another_name_is_one_name(tmp_path):
    text = (
        "Kenya joined the campaign to defeat the Islamic State of Iraq and Syria, and Syria agreed. "
        "The threat the Islamic State of Iraq and the Levant (ISIL) poses to Kenya grew.\n"
    )
    labels = {n.get("label"): n for n in mapping_of(tmp_path / "a", text)["nodes"].values()}
    assert {"Islamic State of Iraq and Syria", "Islamic State of Iraq and the Levant"} <= set(labels)
    assert not {"Islamic State of Iraq", "Levant", "ISIL"} & set(labels)
    assert labels["Syria"]["a"] == "Country"  # "and Syria agreed": the country, still


def test_a_ministry_of_a_country_and_another_stays_apart(tmp_path):
    text = "The Ministry of Defence of Japan and Kenya signed a pact in Lima, Kenya said.\n"
    labels = {n.get("label") for n in mapping_of(tmp_path / "a", text)["nodes"].values()}
    assert "Kenya" in labels
    assert not any(label and label.endswith("Japan and Kenya") for label in labels)
