"""Words that open a sentence or a speaker's turn, feasts and speaker labels' titles are no names; a
role noun opening a sentence is not part of the name after it (invented sentences in the forms of news
reports and press-conference transcripts)."""

from pathlib import Path

import pytest
import yaml

from kg.draft import draft_article


def names(tmp_path: Path, text: str) -> dict[str, list[str]]:
    """Each name drafted, with its classes (labels in lower-case words, of events, left out)."""
    folder = tmp_path / "a"
    folder.mkdir(parents=True)
    (folder / "article.txt").write_text(text, encoding="utf-8")
    mapping = yaml.safe_load(draft_article(folder / "article.txt", "rules").yaml)
    return {
        n["label"]: n["a"] if isinstance(n["a"], list) else [n["a"]]
        for n in mapping["nodes"].values()
        if "label" in n and not any(w[0].islower() for w in n["label"].split())
    }


def test_turn_openings_feasts_and_speaker_titles_are_no_names(tmp_path):
    text = (
        "JANE DOE, PRIME MINISTER: Well, thank you. Hopefully they will be home by Easter. Thank you to Kenya.\n\n"
        "JOURNALIST: Prime Minister, will you visit Nairobi?\n\n"
        "JANE DOE, PRIME MINISTER: Well, we will see.\n"
    )
    found = names(tmp_path, text)
    assert not {"Well", "Hopefully", "Easter", "Thank", "PRIME MINISTER", "JOURNALIST"} & set(found)
    assert found["Kenya"] == ["Country"]


def test_a_role_noun_opening_the_sentence_is_not_part_of_the_name(tmp_path):
    found = names(tmp_path, "Academic Jane Roe, of Some University, said the talks in Lima had failed. Roe left.\n")
    assert found.get("Jane Roe") == ["Person"]
    assert not {"Academic Jane Roe", "Roe"} & set(found)


def test_an_adverb_like_name_inside_a_sentence_stays(tmp_path):
    found = names(tmp_path, "Peru said Kelly Ruiz would visit Lima. Kelly met the envoy there.\n")
    assert "Kelly Ruiz" in found


def test_a_country_in_a_speaker_label_in_capitals_is_the_country(tmp_path):
    found = names(tmp_path, "JANE DOE, PRESIDENT OF FRANCE: Thank you. We welcome the talks with Kenya.\n")
    assert found.get("France") == ["Country"]
    assert "PRESIDENT OF FRANCE" not in found


def test_a_capital_named_port_is_a_city(tmp_path):
    found = names(tmp_path, "Australia and Papua New Guinea signed a pact in Port Moresby on Monday.\n")
    assert found.get("Port Moresby") == ["City"]
    assert found.get("Papua New Guinea") == ["Country"]


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("Officials met in the Trilateral talks in Lima on Monday, Kenya said.\n", "Trilateral"),
        ("Kenya said the statement was issued in Japanese. Japan agreed.\n", "Japanese"),
        ("Kenya said the remarks were in Japanese and English, and Japan agreed.\n", "English"),
        ("The minister met Kenya's envoy at 8:40 p.m. JST in Lima.\n", "JST"),
    ],
)
def test_a_place_word_before_a_modifier_a_language_or_a_time_zone_makes_no_name(tmp_path, text, wrong):
    found = names(tmp_path, text)
    assert wrong not in found
    assert "Kenya" in found


def test_a_region_after_the_place_word_stays_a_place(tmp_path):
    found = names(tmp_path, "Kenya's envoy travelled to the Sahel region and to Lima.\n")
    assert found.get("Sahel") == ["Place"]


def test_two_letters_of_a_form_of_state_are_no_country(tmp_path):
    found = names(tmp_path, "Kenya will host the PM’s XIII match next year, Kenya's envoy said.\n")
    assert not {"PM", "XIII"} & set(found)
    assert found["Kenya"] == ["Country"]


def test_a_stadium_is_a_facility_in_the_country_of_its_city(tmp_path):
    text = "Kenya and Australia will play at Brisbane’s Suncorp Stadium on Sunday, Kenya's envoy said.\n"
    folder = tmp_path / "a"
    folder.mkdir(parents=True)
    (folder / "article.txt").write_text(text, encoding="utf-8")
    mapping = yaml.safe_load(draft_article(folder / "article.txt", "rules").yaml)
    stadium = next(n for n in mapping["nodes"].values() if n.get("label") == "Suncorp Stadium")
    assert stadium["a"] == "Facility"
    assert mapping["nodes"][stadium["hostCountry"]]["label"] == "Australia"


def test_two_spellings_of_a_guessed_name_are_one_entity(tmp_path):
    text = "Japan supports North-East Nigeria, its envoy said. Aid to NorthEast Nigeria will grow, Japan said.\n"
    found = names(tmp_path, text)
    assert "North-East Nigeria" in found
    assert "NorthEast Nigeria" not in found


def test_two_countries_joined_by_a_hyphen_make_no_organisation(tmp_path):
    text = "They agreed that UK-US cooperation will grow. Japan said Japan-U.S. close cooperation was needed.\n"
    found = names(tmp_path, text)
    assert not {"UK-US", "Japan-U", "Japan-U.S."} & set(found)
    assert found["Japan"] == ["Country"]


def test_an_elided_country_name_and_a_plural_of_countries(tmp_path):
    text = "Talks between vice-ministers of South and North Korea begin on Monday. The two Koreas are still at war.\n"
    found = names(tmp_path, text)
    assert found.get("South Korea") == ["Country"] and found.get("North Korea") == ["Country"]
    assert not {"South", "Koreas"} & set(found)
