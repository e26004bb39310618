"""The shared text handling of drafting and coverage: abbreviation-aware sentences, and the gazetteer."""

import pytest

from kg.draft import gazetteer
from kg.load.sentences import segment


def sentences(text: str) -> list[str]:
    return [text[b:e] for b, e in segment(text)]


@pytest.mark.parametrize(
    "text",
    [
        "BEIJING, Dec. 12 (Xinhua) -- U.S. officials met Mr. Novak and Jan K. Novak in Geneva.",
        "Pentagon Press Secretary Maj. Gen. Pat Ryder provided the following readout.",
        "Capt. J. Smith of the U.S. Navy spoke with Dr. Ruiz on Feb. 1, 2018.",
    ],
)
def test_abbreviations_never_end_a_sentence(text):
    assert sentences(text) == [text]


def test_sentences_end_at_full_stops_and_lines():
    text = "Mattis met Fallon. They spoke today!\nHeadline here\n  Indented line.  "
    assert sentences(text) == ["Mattis met Fallon.", "They spoke today!", "Headline here", "Indented line."]
    for begin, end in segment(text):
        assert text[begin:end] == text[begin:end].strip()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("U.S.", "United States"),
        ("US", "United States"),
        ("UK", "United Kingdom"),
        ("UAE", "United Arab Emirates"),
        ("Britain", "United Kingdom"),
        ("Republic of Korea", "South Korea"),
        ("Syrian Arab Republic", "Syria"),
    ],
)
def test_country_short_forms(name, expected):
    found = gazetteer.country(name)
    assert found is not None and found.name == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Chinese", "China"),
        ("Kenyan", "Kenya"),
        ("British", "United Kingdom"),
        ("Nigerian", "Nigeria"),
        ("Japanese", "Japan"),
        ("Iraqi", "Iraq"),
    ],
)
def test_demonyms(word, expected):
    found = gazetteer.country_of_demonym(word)
    assert found is not None and found.name == expected


def test_not_countries():
    for word in ("NATO", "Pentagon", "Defense", "Korean", "IS"):
        assert gazetteer.country_of_demonym(word) is None


def test_cities_and_capitals():
    damascus = gazetteer.city("Damascus")
    assert damascus is not None and damascus.capital and damascus.country == "SY"
    assert gazetteer.city("Bogota") is not None  # the name without its accent
    assert gazetteer.city("Kestria") is None
