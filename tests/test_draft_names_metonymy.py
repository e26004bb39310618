"""A capital city as the side of a diplomatic act names its country's government (invented sentences in
the forms of wire copy)."""

from pathlib import Path

import yaml

from kg.draft import draft_article


def nodes(tmp_path: Path, text: str) -> dict[str, dict]:
    folder = tmp_path / "a"
    folder.mkdir(parents=True)
    (folder / "article.txt").write_text(text, encoding="utf-8")
    mapping = yaml.safe_load(draft_article(folder / "article.txt", "rules").yaml)
    return {n["label"]: n for n in mapping["nodes"].values() if "label" in n}


def test_ties_with_a_capital_and_its_ambassador_are_the_government(tmp_path):
    text = (
        "China and Kenya signed a pact. Kenya has strengthened ties with Beijing, the ministry said. "
        "Beijing's ambassador met Kenya's envoy in Nairobi.\n"
    )
    found = nodes(tmp_path, text)
    assert found["Government of China"]["a"] == "Government"
    assert "Beijing" not in found
    assert found["Nairobi"]["a"] == "City"  # where they met: the city


def test_a_visit_to_a_capital_is_to_the_city(tmp_path):
    found = nodes(tmp_path, "China and Kenya signed a pact. The Kenyan envoy will visit Beijing next week.\n")
    assert found["Beijing"]["a"] == "City"
    assert "Government of China" not in found
