"""Honorifics and post-nominal letters are a person's, not part of the name (invented sentences in the
forms of foreign-ministry readouts and parliamentary releases)."""

from pathlib import Path

import pytest
import yaml

from kg.draft import draft_article


def draft(tmp_path: Path, text: str) -> dict:
    folder = tmp_path / "a"
    folder.mkdir(parents=True)
    (folder / "article.txt").write_text(text, encoding="utf-8")
    return yaml.safe_load(draft_article(folder / "article.txt", "rules").yaml)


def labels(mapping: dict) -> dict[str, list[str]]:
    """Each name's classes (labels of events and statements, in lower-case words, left out)."""
    found = {}
    for node in mapping["nodes"].values():
        if "label" in node and not any(w[0].islower() for w in node["label"].split()):
            found[node["label"]] = node["a"] if isinstance(node["a"], list) else [node["a"]]
    return found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Kenya welcomed H.E. Dr. Ana Ruiz, the new envoy, on Monday. Ruiz met officials in Nairobi.\n", "Ana Ruiz"),
        ("Kenya welcomed H.E. Ana Ruiz on Monday. Ms Ruiz met officials in Nairobi.\n", "Ana Ruiz"),
        ("Ghana said the Honourable John Kofi MP would lead the delegation to Lima on Monday.\n", "John Kofi"),
        ("Peru said Hon. Maria Lopez arrived in Lima on Monday.\n", "Maria Lopez"),
        ("Peru said Sir Alan Grey arrived in Lima. Prof. Carl Berg joined him.\n", "Alan Grey"),
        ("Peru said Sir Alan Grey arrived in Lima. Prof. Carl Berg joined him.\n", "Carl Berg"),
    ],
)
def test_honorifics_come_off_and_the_name_is_a_person(tmp_path, text, name):
    found = labels(draft(tmp_path, text))
    assert found.get(name) == ["Person"]
    assert not [label for label in found if label != name and name.split()[-1] in label.split()]
    assert not {"Hon", "E. Dr. Ana Ruiz", "Ruiz"} & set(found)


def test_a_family_name_in_capitals_is_the_persons_short_name(tmp_path):
    text = "Japan's minister met Ms. TANAKA Emi in Tokyo on Friday. Minister Tanaka thanked Kenya. TANAKA left.\n"
    found = labels(draft(tmp_path, text))
    assert found.get("Tanaka Emi") == ["Person"]
    assert not {"TANAKA", "Tanaka", "Ms. TANAKA Emi"} & set(found)


def test_a_family_name_in_capitals_after_a_title_joins_the_short_name(tmp_path):
    text = "Foreign Minister SATO Ken met Kenya's envoy in Tokyo on Monday. Minister Sato said Japan agrees.\n"
    found = labels(draft(tmp_path, text))
    assert found.get("Sato Ken") == ["Person"]
    assert not {"Sato", "SATO Ken"} & set(found)


def test_a_speaker_label_in_capitals_is_the_persons_name(tmp_path):
    text = "JANE DOE, PRIME MINISTER: Thank you.\n\nJOURNALIST: Prime Minister Doe, will you visit Kenya?\n"
    found = labels(draft(tmp_path, text))
    assert found.get("Jane Doe") == ["Person"]
    assert not {"JANE DOE", "Doe", "PRIME MINISTER", "JOURNALIST"} & set(found)


def test_an_age_or_a_role_noun_after_a_name_makes_a_person_and_joins_the_last_name(tmp_path):
    text = (
        "He is replacing Jeffrey Holmgren, another veteran diplomat, who had held the post since April. "
        "The top diplomat said Holmgren, 63, would stay. Holmgren said he was glad.\n"
    )
    found = labels(draft(tmp_path, text))
    assert found.get("Jeffrey Holmgren") == ["Person"]
    assert "Holmgren" not in found


def test_the_portfolio_of_a_title_is_not_part_of_the_name(tmp_path):
    text = "U.S. Secretary of State Antony Blinken on Thursday named Ana Ruiz as envoy. Blinken said she was able.\n"
    found = labels(draft(tmp_path, text))
    assert found.get("Antony Blinken") == ["Person"]
    assert "State Antony Blinken" not in found
