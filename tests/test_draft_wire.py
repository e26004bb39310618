"""The rules back-end on forms of wire copy and foreign-ministry readouts of other outlets than the
corpus (issue 22), each on an invented sentence of its own; the invented wire set of
tests/data/draft-wire is measured as a whole at the end."""

from pathlib import Path

import pytest

from kg.draft import draft_article
from kg.draft.evaluate import evaluate

from .drafts import draft_rules, of_class

WIRE = Path(__file__).resolve().parent / "data" / "draft-wire"


def draft(tmp_path: Path, text: str) -> dict:
    return draft_rules(tmp_path, text, "wire")


@pytest.mark.parametrize(
    ("opening", "agency", "city", "date"),
    [
        ("OSLO, April 9. /TASS/. Norway", "TASS", "Oslo", "April 9"),
        ("LUSAKA, Zambia (AP) — Norway", "AP", "Lusaka", None),
        ("ACCRA, Ghana (Reuters) - Norway", "Reuters", "Accra", None),
        ("ADDIS ABABA, May 2 (Xinhua) -- Norway", "Xinhua", "Addis Ababa", "May 2"),
    ],
)
def test_a_wire_dateline_gives_the_publisher_and_the_city(tmp_path, opening, agency, city, date):
    mapping = draft(tmp_path, f"{opening} opened an embassy in Lima on Monday, the ministry said.\n")
    publisher = mapping["article"]["publisher"]
    assert mapping["nodes"][publisher] == {"a": "NewsPublisher", "label": agency}
    assert mapping["article"]["defaults"]["according_to"] == publisher
    (note,) = of_class(mapping, "EditorialNote")
    assert mapping["nodes"][note["location"]]["a"] == "City"
    assert mapping["nodes"][note["location"]]["label"] == city
    assert note.get("timeDescription") == date


def persons(mapping: dict) -> set[str]:
    return {n["label"] for n in of_class(mapping, "Person")}


def test_a_lower_case_role_noun_before_a_full_name_makes_a_person(tmp_path):
    text = "Peru has sent veteran diplomat Rosa Quispe to the talks, with her Dutch colleague Eva de Vries.\n"
    mapping = draft(tmp_path, text)
    assert {"Rosa Quispe", "Eva de Vries"} <= persons(mapping)
    assert mapping["nodes"]["netherlands"]["a"] == "Country"


def test_a_place_fused_with_the_name_after_a_title_is_split_off(tmp_path):
    text = (
        "Special Envoy for Yemen Lars Holm arrived on Sunday.\n"
        "Director of the Relief Service in Nairobi Amina Njeri said the roads were open.\n"
    )
    mapping = draft(tmp_path, text)
    assert {"Lars Holm", "Amina Njeri"} <= persons(mapping)
    assert mapping["nodes"]["yemen"]["a"] == "Country" and mapping["nodes"]["nairobi"]["a"] == "City"
    assert not [n for n in mapping["nodes"].values() if n.get("label") in ("Yemen Lars Holm", "Nairobi Amina Njeri")]
    assert mapping["nodes"]["relief-service"]["a"] == "Organization"


def test_a_name_of_a_place_and_a_company_stays_whole(tmp_path):
    mapping = draft(tmp_path, "The contract went to Kenya Power Company, officials said.\n")
    assert of_class(mapping, "Company")[0]["label"] == "Kenya Power Company"
    mapping = draft(tmp_path / "2", "The minister met Abu Dhabi National Oil on Monday.\n")
    assert "national-oil" not in mapping["nodes"]


def test_a_title_of_the_ambassador_to_a_country_before_a_name(tmp_path):
    mapping = draft(tmp_path, "The minister met the Ambassador of Chile to Peru, Luis Mena, in Lima on Monday.\n")
    assert "Luis Mena" in persons(mapping)


def test_a_hyphenated_given_name_is_part_of_the_name(tmp_path):
    mapping = draft(tmp_path, "Japan's minister spoke with South Korean Foreign Minister Lee Jae-won on Monday.\n")
    assert "Lee Jae-won" in persons(mapping)


def test_the_wire_set_drafts_hold_their_floor(tmp_path):
    """The whole invented wire set, drafted with no entity list and scored against its gold: a rule
    change that loses what these texts measure fails here (figures of 2026-12-05, with a margin)."""
    counts = {"claims": [0, 0, 0], "entities": [0, 0, 0]}
    status, missing = [0, 0], 0
    for gold in sorted(WIRE.glob("*/mapping.yaml")):
        folder = tmp_path / gold.parent.name
        folder.mkdir()
        (folder / "article.txt").write_bytes((gold.parent / "article.txt").read_bytes())
        result = draft_article(folder / "article.txt", "rules")
        result.target.write_text(result.yaml, encoding="utf-8")
        scored = evaluate(result.target, gold)
        for row in (scored.entities, scored.claims):
            added = (row.gold, row.draft, row.matched)
            counts[row.name] = [a + b for a, b in zip(counts[row.name], added, strict=True)]
        status = [a + b for a, b in zip(status, scored.agreement["status"], strict=True)]
        missing += len(scored.missing_quotes)
    gold_claims, draft_claims, matched = counts["claims"]
    assert missing == 0
    assert matched / draft_claims >= 0.9 and matched / gold_claims >= 0.85  # 0.97 / 0.90 on 2026-12-05
    assert status[0] / status[1] >= 0.9  # 0.95


def test_a_name_written_family_name_first_is_the_person_by_that_name(tmp_path):
    text = (
        "Vietnamese Foreign Minister Tran Quang met his Thai counterpart in Hanoi on Monday.\n"
        "Tran said the two countries would open a new border crossing, according to Tran.\n"
    )
    mapping = draft(tmp_path, text)
    person = mapping["nodes"]["tran-quang"]
    assert person["a"] == "Person" and "Tran" in person["aliases"]
    assert "tran" not in mapping["nodes"]


def test_a_given_name_is_not_taken_for_the_person_when_the_surname_is_used(tmp_path):
    text = "Czech Foreign Minister Pavel Kral arrived in Oslo. Kral met Pavel Dvorak, a Czech businessman, and Pavel.\n"
    mapping = draft(tmp_path, text)
    assert "Pavel" not in mapping["nodes"]["pavel-kral"].get("aliases", [])


@pytest.mark.parametrize(
    ("sentence", "cls", "status"),
    [
        ("A visit to Lima by Chilean Foreign Minister Ana Rojas was postponed on Monday.\n", "Claim", "not-happened"),
        ("Peru's Luis Mena is on an official visit to Chile this week.\n", "DiplomaticVisit", "ongoing"),
        ("“We expect new agreements,” Chilean Foreign Minister Ana Rojas said on Monday.\n", "Agreement", "expected"),
    ],
)
def test_status_of_postponed_ongoing_and_expected_wording(tmp_path, sentence, cls, status):
    mapping = draft(tmp_path, sentence)
    found = [n for n in mapping["nodes"].values() if n.get("status") and n["a"] not in ("Post", "Statement")]
    assert found and all(n["status"] == status for n in found)
    assert cls == "Claim" or of_class(mapping, cls)


def test_a_visit_by_someone_and_a_delegation_from_or_of_a_country(tmp_path):
    text = (
        "Ghana welcomed a visit to Accra by Dutch Trade Minister Eva de Vries on Monday.\n"
        "The French delegation attended the ceremony.\n"
    )
    mapping = draft(tmp_path, text)
    (visit,) = of_class(mapping, "DiplomaticVisit")
    assert visit["visitor"] == "eva-de-vries" and visit["destination"] == "accra"
    assert [d["sentBy"] for d in of_class(mapping, "Delegation")] == ["france"]
    (delegation,) = of_class(draft(tmp_path / "2", "A delegation from Togo arrived in Accra.\n"), "Delegation")
    assert delegation["sentBy"] == "togo"


def test_an_appointment_of_a_person_after_lower_case_words(tmp_path):
    text = "LIMA, Peru (AP) — Peru has named career diplomat Rosa Quispe as its new ambassador to Chile.\n"
    mapping = draft(tmp_path, text)
    (appointment,) = of_class(mapping, "Appointment")
    assert appointment["appointee"] == "rosa-quispe" and appointment["actor"] == "peru"


def test_what_is_said_before_a_trailing_speaker_and_after_the_dateline(tmp_path):
    text = (
        "LIMA, Peru (AP) — Peru will open an embassy in Ghana next year, the Foreign Ministry said Monday.\n"
        "Chile will send a trade mission to Accra, Chilean Trade Minister Ana Rojas told reporters on Tuesday.\n"
    )
    mapping = draft(tmp_path, text)
    said = sorted(s["paraphrase"] for s in of_class(mapping, "Statement"))
    assert said == ["Chile will send a trade mission to Accra", "Peru will open an embassy in Ghana next year"]
    assert not [c for c in mapping["nodes"].values() if "LIMA, Peru (AP) — Peru" in str(c.get("evidence", ""))]


def test_a_readout_meeting_its_agenda_and_the_talks_to_come(tmp_path):
    text = (
        "Foreign Secretary Nadia Karim met the Ambassador of Chile to Ghana, Luis Mena, in Accra on Monday.\n"
        "They discussed fisheries, trade, and cooperation in education.\n"
        "Both sides committed to continued discussions going forward.\n"
    )
    mapping = draft(tmp_path, text)
    (meeting,) = of_class(mapping, "Meeting")
    assert meeting["participant"] == "nadia-karim" and meeting["counterpart"] == "luis-mena"
    items = {n["label"] for n in of_class(mapping, "AgendaItem")}
    assert items == {"fisheries", "trade", "cooperation in education"}
    (talks,) = of_class(mapping, "Talks")
    assert talks["status"] == "planned" and talks["side"] == ["nadia-karim", "luis-mena"]


def test_speakers_set_off_by_a_relative_clause_reporting_and_unnamed(tmp_path):
    text = (
        "Chilean Trade Minister Ana Rojas, who attended the forum, said Chile would lower its tariffs.\n"
        "Director of the Relief Service in Nairobi Amina Njeri reported on Monday that the roads were open.\n"
        "A government spokesperson said the border would stay open.\n"
        "The Daily Ledger reported that the talks had failed.\n"
    )
    mapping = draft(tmp_path, text)
    by = {s["speaker"]: s["paraphrase"] for s in of_class(mapping, "Statement")}
    assert by == {
        "ana-rojas": "Chile would lower its tariffs",
        "amina-njeri": "the roads were open",
        "government-spokesperson": "the border would stay open",
    }
    assert mapping["nodes"]["government-spokesperson"]["a"] == ["Person", "UnnamedAgent"]


def test_a_post_after_a_two_word_or_irregular_demonym(tmp_path):
    text = "South Korean Foreign Minister Lee Jae-won met French Defence Minister Claire Dubois in Paris.\n"
    mapping = draft(tmp_path, text)
    posts = {p["heldBy"]: (p["label"], p["postIn"]) for p in of_class(mapping, "Post")}
    assert posts == {
        "lee-jae-won": ("Foreign Minister of South Korea", "south-korea"),
        "claire-dubois": ("Defence Minister of France", "france"),
    }


def test_a_summit_or_forum_named_in_lower_case(tmp_path):
    text = (
        "Leaders met at the close of the ASEAN summit in Jakarta on Sunday.\n"
        "Chile's minister did not attend a regional forum in Lima last month.\n"
        "Ghana looks to the upcoming summit in Accra, its minister said at a press conference.\n"
    )
    mapping = draft(tmp_path, text)
    found = sorted((c["status"], mapping["nodes"][c["location"]]["label"]) for c in of_class(mapping, "Conference"))
    assert found == [("happened", "Jakarta"), ("happened", "Lima"), ("planned", "Accra")]


def test_leaders_adopt_a_declaration_and_states_agree_to_cooperate(tmp_path):
    text = (
        "Arab leaders adopted a final communique on water security in Cairo on Monday.\n"
        "Chile and Peru have agreed to deepen cooperation in mining, officials said.\n"
    )
    mapping = draft(tmp_path, text)
    (declared,) = [s for s in of_class(mapping, "Statement") if "communique" in s["paraphrase"]]
    assert mapping["nodes"][declared["speaker"]]["label"] == "Arab leaders"
    (cooperation,) = of_class(mapping, "Cooperation")
    assert cooperation["actor"] == ["chile", "peru"] and cooperation["status"] == "planned"


def test_one_person_and_one_country_under_their_several_names(tmp_path):
    text = (
        "Czech State Secretary Jan K. Novak said the Czech Republic would send funds.\n"
        "“We will help,” Novak said, and officials from Jan Novak and his colleague Eva de Vries agreed.\n"
    )
    mapping = draft(tmp_path, text)
    assert persons(mapping) == {"Jan K. Novak", "Eva de Vries"}
    assert set(mapping["nodes"]["jan-k-novak"]["aliases"]) == {"Novak", "Jan Novak"}
    (country,) = of_class(mapping, "Country")
    assert country["label"] == "Czechia" and "Czech Republic" in country["aliases"]
    (post,) = of_class(mapping, "Post")
    assert (post["label"], post["postIn"]) == ("State Secretary of Czechia", "czechia")


def test_a_title_for_a_place_before_a_name_is_a_post_in_the_body_it_names(tmp_path):
    text = (
        "UN Special Envoy for Yemen Lars Holm arrived in Aden on Sunday.\n"
        "Director of the Relief Service in Nairobi Amina Njeri said the roads were open.\n"
    )
    mapping = draft(tmp_path, text)
    posts = {p["heldBy"]: (p["label"], mapping["nodes"][p["postIn"]]) for p in of_class(mapping, "Post")}
    assert posts["lars-holm"] == ("UN Special Envoy for Yemen", {"a": "InternationalBody", "label": "UN"})
    assert posts["amina-njeri"][1]["label"] == "Relief Service"
    assert "un-special-envoy" not in mapping["nodes"]


def test_would_with_a_condition_is_possible_and_without_one_planned(tmp_path):
    text = (
        "Kenyan President Ruth Wairimu said a summit would be held in Nairobi if funding is found.\n"
        "Peruvian Foreign Minister Luis Mena said a delegation would visit Chile in May.\n"
    )
    mapping = draft(tmp_path, text)
    assert [c["status"] for c in of_class(mapping, "Conference")] == ["possible"]
    visits = [n for n in mapping["nodes"].values() if n["a"] in ("DiplomaticVisit", "Event")]
    assert [c["status"] for c in visits] == ["planned"]


def test_a_speaker_named_again_by_a_role_noun_after_what_was_said(tmp_path):
    text = (
        "Peruvian Foreign Minister Luis Mena said on Monday that trade had grown.\n"
        "Chile plans to hold talks with Peru in May, the minister added.\n"
    )
    mapping = draft(tmp_path, text)
    said = {s["paraphrase"]: s["speaker"] for s in of_class(mapping, "Statement")}
    assert said["Chile plans to hold talks with Peru in May"] == "luis-mena"
    (talks,) = of_class(mapping, "Talks")
    assert talks["according_to"] == "luis-mena" and talks["status"] == "planned"


def test_a_country_named_like_a_demonym_and_the_government_said(tmp_path):
    text = "TOKYO (AP) — Japan has opened an embassy in Lima, the government said Friday.\nSudan did not comment.\n"
    mapping = draft(tmp_path, text)
    assert {"Japan", "Sudan"} <= {c["label"] for c in of_class(mapping, "Country")}
    (said,) = [s for s in of_class(mapping, "Statement") if s["status"] == "happened"]
    assert said["speaker"] == "government-of-japan"
    assert said["paraphrase"] == "Japan has opened an embassy in Lima"
    government = mapping["nodes"]["government-of-japan"]
    assert government["a"] == "Government" and government["governmentOf"] == "japan"


def test_an_ambassador_of_one_state_to_another_is_a_post_of_the_sending_state(tmp_path):
    mapping = draft(tmp_path, "The minister met the Ambassador of Chile to Peru, Luis Mena, in Lima on Monday.\n")
    (post,) = of_class(mapping, "Post")
    assert (post["label"], post["heldBy"], post["postIn"]) == ("Ambassador of Chile to Peru", "luis-mena", "chile")


def test_a_state_that_sends_funds_gives_assistance(tmp_path):
    text = "Peruvian Foreign Minister Luis Mena said Peru would send additional funds to Chile.\n"
    mapping = draft(tmp_path, text)
    (aid,) = of_class(mapping, "Assistance")
    assert (aid["actor"], aid.get("recipient"), aid["status"]) == ("peru", "chile", "planned")
    assert aid["according_to"] == "luis-mena"
