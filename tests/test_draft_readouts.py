"""The rules back-end on the shapes of real readouts, with invented names: calls, joint statements,
attribution, datelines, titles and the folder's source.yaml. Each draft is built by ``draft_article``,
so it also compiles and validates."""

import shutil
from pathlib import Path

import yaml

from kg.draft import draft_article, load_corpus
from kg.draft.evaluate import evaluate

from .drafts import draft_rules, of_class

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "draft" / "articles"


def draft(tmp_path: Path, text: str, source: dict | None = None) -> dict:
    return draft_rules(tmp_path, text, "readout", source=source)


CALL = (
    "Readout of Secretary Varga's Call with Minister Ostrom\n"
    "Pentagon Press Secretary Maj. Gen. Lena Tarr provided the following readout:\n"
    "Defense Secretary Paul Varga and Kenyan Defense Minister Ana Ostrom spoke by phone today to discuss "
    "regional security, maritime cooperation, and the situation in Somalia.\n"
    "Varga and Ostrom reaffirmed their commitment to close cooperation between Kenya and the U.S.\n"
    "The two leaders agreed that the partnership will grow.\n"
)


def test_a_call_is_talks_with_its_sides_and_agenda(tmp_path):
    mapping = draft(tmp_path, CALL)
    (talks,) = of_class(mapping, "Talks")
    assert talks["status"] == "happened" and talks["side"] == ["paul-varga", "ana-ostrom"]
    items = {n["label"] for n in of_class(mapping, "AgendaItem")}
    assert items == {"regional security", "maritime cooperation", "the situation in Somalia"}


def test_joint_statements_and_shared_stances_name_both(tmp_path):
    mapping = draft(tmp_path, CALL)
    (joint,) = of_class(mapping, "JointStatement")
    assert joint["speaker"] == ["paul-varga", "ana-ostrom"]
    (shared,) = of_class(mapping, "SharedStance")
    assert shared["holder"] == ["paul-varga", "ana-ostrom"]
    assert not [s for s in of_class(mapping, "Statement") if "reaffirmed" in str(s["evidence"])]


def test_readout_attribution_and_titles_across_abbreviations(tmp_path):
    mapping = draft(tmp_path, CALL)
    assert mapping["article"]["defaults"]["according_to"] == "lena-tarr"
    assert mapping["nodes"]["lena-tarr"]["a"] == "Person"  # "Maj. Gen." did not end the sentence
    posts = {p["heldBy"]: p for p in of_class(mapping, "Post")}
    assert posts["ana-ostrom"]["postIn"] == "kenya"  # a demonym the gazetteer resolves
    assert mapping["nodes"]["kenya"]["a"] == "Country"


def test_source_yaml_fills_the_article_and_a_bare_title_takes_the_publisher_country(tmp_path):
    source = {
        "url": "https://example.org/readout",
        "publisher": "U.S. Department of Defense",
        "published": "2017-01-23",
        "license": "http://rightsstatements.org/vocab/NoC-US/1.0/",
    }
    mapping = draft(tmp_path, CALL.replace("the U.S.", "the United States"), source)
    article = mapping["article"]
    assert article["url"] == source["url"] and article["license"] == source["license"]
    assert str(article["published"]) == "2017-01-23"
    assert article["title"] == CALL.splitlines()[0]
    posts = {p["heldBy"]: p for p in of_class(mapping, "Post")}
    assert posts["paul-varga"]["postIn"] == "united-states"


def test_a_bare_title_without_a_country_makes_no_post(tmp_path):
    mapping = draft(tmp_path, "Defense Secretary Paul Varga met Ana Ostrom in Nairobi today.\n")
    assert not of_class(mapping, "Post") and not of_class(mapping, "Claim")


def test_a_dateline_is_a_note_with_its_city_and_agency(tmp_path):
    mapping = draft(tmp_path, "NAIROBI, Dec. 12 (Xinhua) -- Chinese President Li Wen met Ana Ostrom on Tuesday.\n")
    (note,) = of_class(mapping, "EditorialNote")
    assert note["location"] == "nairobi" and note["timeDescription"] == "Dec. 12"
    assert mapping["article"]["publisher"] == "xinhua" and mapping["nodes"]["xinhua"]["a"] == "NewsPublisher"
    assert "dec" not in mapping["nodes"]
    posts = {p["heldBy"]: p for p in of_class(mapping, "Post")}
    assert posts["li-wen"]["postIn"] == "china"


def test_both_sides_is_not_taken_for_two_persons(tmp_path):
    text = (
        "Minister Ana Ostrom met Minister Li Wen in Nairobi today.\n"
        "During the preparations, both sides agreed to open a dialogue.\n"
    )
    mapping = draft(tmp_path, text)
    assert not of_class(mapping, "JointStatement") and not of_class(mapping, "SharedStance")


def test_the_publisher_comes_from_the_entity_list(tmp_path):
    entities = tmp_path / "entities.yaml"
    entities.write_text(
        "entities:\n  wire-news:\n    a: NewsPublisher\n    label: Wire News\n    aliases: [WN]\n", encoding="utf-8"
    )
    folder = tmp_path / "readout"
    folder.mkdir()
    (folder / "article.txt").write_text("Paul Varga met Ana Ostrom in Nairobi today.\n", encoding="utf-8")
    (folder / "source.yaml").write_text("publisher: Ministry of Ports (Wire News)\n", encoding="utf-8")
    mapping = yaml.safe_load(draft_article(folder / "article.txt", "rules", load_corpus(entities)).yaml)
    assert mapping["article"]["publisher"] == "wire-news"
    assert mapping["article"]["defaults"] == {"according_to": "wire-news", "reported_by": "wire-news"}
    assert mapping["nodes"]["wire-news"]["a"] == "NewsPublisher"


def test_draft_eval_counts_class_agreement_on_matched_entities(tmp_path):
    folder = tmp_path / "kestria-visit"
    shutil.copytree(FIXTURES / "kestria-visit", folder)
    gold = folder / "mapping.yaml"
    same = evaluate(gold, gold, entities=FIXTURES / "entities.yaml")
    assert same.classes[0] == same.classes[1] > 0
    broader = yaml.safe_load(gold.read_text(encoding="utf-8"))
    broader["nodes"]["lindor"]["a"] = "Place"  # a City drafted as a mere Place: not a class a reviewer keeps
    del broader["nodes"]["lindor"]["country"]
    (folder / "mapping.draft.yaml").write_text(yaml.safe_dump(broader, allow_unicode=True), encoding="utf-8")
    result = evaluate(folder / "mapping.draft.yaml", gold, entities=FIXTURES / "entities.yaml")
    assert result.classes == (same.classes[0] - 1, same.classes[1])
    assert "class agreement on matched entities" in result.table()
    assert result.as_dict()["class_agreement"]["agree"] == same.classes[0] - 1


def test_paragraphs_after_said_colon_are_the_speakers_words(tmp_path):
    text = (
        "Defence Secretary Ana Ostrom arrived in Nairobi today.\n"
        "The Defence Secretary said:\n"
        "It is always special to travel to Nairobi.\n"
        "A Port spokesperson said:\n"
        "The ships left on time.\n"
    )
    mapping = draft(tmp_path, text)
    statements = of_class(mapping, "Statement")
    assert [(s["speaker"], s["quote"]) for s in statements] == [
        ("ana-ostrom", "It is always special to travel to Nairobi")
    ]


def test_what_a_title_is_of_is_the_titles(tmp_path):
    text = (
        "The Prime Minister met US Secretary of State Antony Blinken in London today.\n"
        "Minister for Foreign Affairs Ana Ostrom arrived later.\n"
    )
    mapping = draft(tmp_path, text)
    assert {"antony-blinken", "ana-ostrom"} <= set(mapping["nodes"])
    posts = {p["heldBy"]: p for p in of_class(mapping, "Post")}
    assert posts["antony-blinken"]["postIn"] == "united-states"
    assert posts["antony-blinken"]["label"] == "US Secretary of State"


def classes_of(mapping: dict) -> dict[str, str]:
    return {n["label"]: n["a"] for n in mapping["nodes"].values() if "label" in n and "evidence" not in n}


def test_names_get_the_class_their_words_or_their_place_give(tmp_path):
    text = (
        "Paul Varga spoke with his Kenyan counterpart, Ana Ostrom, on Monday.\n"
        "He also met the Secretary of State for Defence, Lena Tarr, in Nairobi.\n"
        "They discussed the G7, the Commonwealth and aid for Americans stranded on Mount Kor.\n"
        "Both condemned any North Korean aggression after the San Bernardino shootings.\n"
    )
    classes = classes_of(draft(tmp_path, text))
    assert classes["Ana Ostrom"] == "Person" and classes["Lena Tarr"] == "Person"
    assert classes["G7"] == "InternationalBody" and classes["Commonwealth"] == "InternationalBody"
    assert classes["Americans"] == "CollectiveAgent"
    assert classes["Mount Kor"] == "Place" and classes["San Bernardino"] == "City"
    assert "North Korean" not in classes  # an adjective, as "Kenyan" is


def test_a_statement_reported_by_a_spokesperson_is_derived_from_hers(tmp_path):
    text = (
        "Minister Paul Varga met Minister Ana Ostrom in Nairobi today.\n"
        "In a statement, spokesperson Lena Tarr said Varga praised the partnership between the two countries.\n"
        "Varga also expressed his thanks for the support, Tarr said.\n"
        "“The talks were productive,” she added.\n"
    )
    mapping = draft(tmp_path, text)
    by_speaker = {}
    for s in of_class(mapping, "Statement"):
        by_speaker.setdefault(s["speaker"], []).append(s)
    (report, quote) = by_speaker["lena-tarr"]
    assert report["evidence"] == ["In a statement, spokesperson Lena Tarr said"]
    assert quote["quote"] == "The talks were productive"  # "she" is who spoke last, Tarr
    praised, thanks = by_speaker["paul-varga"]
    assert praised["according_to"] == "lena-tarr" and praised["derivedFromStatement"] == "statement-tarr"
    assert praised["paraphrase"] == "the partnership between the two countries"
    assert thanks["according_to"] == "lena-tarr" and thanks["paraphrase"] == "his thanks for the support"


def test_titles_set_off_before_a_name_make_posts(tmp_path):
    text = (
        "The Prime Minister spoke with the President of Nigeria, Bola Ahmed Tinubu, this afternoon.\n"
        "Minister Paul Varga met his UK counterpart, Secretary of State for Defence, John Healey, in London.\n"
        "Varga also met his US counterpart, Ashton Carter.\n"
        "Varga met his Kestrian counterpart, Lena Tarr.\n"
    )
    posts = {p["heldBy"]: p for p in of_class(draft(tmp_path, text), "Post")}
    assert posts["bola-ahmed-tinubu"]["postIn"] == "nigeria"
    assert posts["bola-ahmed-tinubu"]["evidence"] == ["President of Nigeria, Bola Ahmed Tinubu"]
    assert posts["john-healey"]["postIn"] == "united-kingdom" and posts["ashton-carter"]["postIn"] == "united-states"
    assert "lena-tarr" not in posts  # a country the rules do not know: no guessed post


def test_a_place_in_a_spokespersons_title_stands_for_the_publisher(tmp_path):
    entities = tmp_path / "entities.yaml"
    entities.write_text(
        "entities:\n"
        "  ministry:\n    a: Ministry\n    label: Kenyan Ministry of Defence\n    governmentOf: kenya\n"
        "  kenya:\n    a: Country\n    label: Kenya\n"
        "  citadel:\n    a: Facility\n    label: Citadel\n    hostCountry: kenya\n",
        encoding="utf-8",
    )
    folder = tmp_path / "readout"
    folder.mkdir()
    text = (
        "In a statement, chief Citadel spokesperson Lena Tarr said the talks were useful.\nIt was at the Citadel.\n"
        "Citadel Press Secretary Maj. Gen. Ana Ostrom provided the following readout:\n"
    )
    (folder / "article.txt").write_text(text, encoding="utf-8")
    (folder / "source.yaml").write_text("publisher: Kenyan Ministry of Defence\n", encoding="utf-8")
    mapping = yaml.safe_load(draft_article(folder / "article.txt", "rules", load_corpus(entities)).yaml)
    posts = {p["heldBy"]: p for p in of_class(mapping, "Post")}
    assert posts["lena-tarr"]["postIn"] == "ministry" and posts["lena-tarr"]["label"] == "Chief Citadel spokesperson"
    assert posts["ana-ostrom"]["postIn"] == "ministry" and posts["ana-ostrom"]["label"] == "Press Secretary"
    assert {"quote": "Citadel", "occurrence": 1} in mapping["nodes"]["ministry"]["mentions"]
    assert mapping["nodes"]["citadel"]["label"] == "Citadel"  # "at the Citadel": the building, still


def test_meetings_and_talks_take_the_person_a_title_names_not_its_country(tmp_path):
    text = (
        "The Prime Minister spoke with the President of Nigeria, Bola Ahmed Tinubu, this afternoon.\n"
        "Minister Paul Varga met with British Defense Secretary Lena Tarr at the Citadel today to discuss NATO.\n"
        "In a statement, spokesperson Ana Ostrom said Varga and Tarr met to reaffirm their partnership.\n"
        "Varga also met his US counterpart, Ashton Carter.\n"
    )
    mapping = draft(tmp_path, text)
    (talks,) = of_class(mapping, "Talks")
    assert talks["side"] == ["prime-minister", "bola-ahmed-tinubu"]
    meetings = {
        m["counterpart"] if isinstance(m["counterpart"], str) else tuple(m["counterpart"])
        for m in of_class(mapping, "Meeting")
    }
    assert "lena-tarr" in meetings and "ashton-carter" in meetings  # not NATO, not the UK
    assert not any("ana-ostrom" in str(m) for m in meetings)  # who reports a meeting is not in it
    participants = {m.get("participant") for m in of_class(mapping, "Meeting")}
    assert "paul-varga" in participants


def test_the_discussion_of_a_meeting_and_what_it_included(tmp_path):
    text = (
        "Kenyan Press Secretary Maj. Gen. Lena Tarr provided the following readout:\n"
        "Secretary of Defense Paul J. Varga III met today with Kenyan Defense Minister Ana Ostrom on the margins "
        "of the Nairobi Defense Ministers Meeting.\n"
        "The discussion included the situation in Somalia, maritime security, and continued defense cooperation.\n"
        "Both Ministers confirmed that Kenya and the United States would deepen their cooperation.\n"
        "Secretary Varga thanked Minister Ostrom for her hospitality.\n"
    )
    mapping = draft(tmp_path, text)
    (meeting,) = of_class(mapping, "Meeting")  # not the conference's name
    assert meeting["participant"] == "paul-j-varga-iii" and meeting["counterpart"] == "ana-ostrom"
    assert not of_class(mapping, "Talks") and not of_class(mapping, "Event")  # "The discussion" is the meeting's
    items = {n["label"]: n for n in of_class(mapping, "AgendaItem")}
    assert set(items) == {"the situation in Somalia", "maritime security", "continued defense cooperation"}
    assert {n["agendaOf"] for n in items.values()} == {"meeting"}
    (joint,) = of_class(mapping, "JointStatement")
    assert joint["speaker"] == ["paul-j-varga-iii", "ana-ostrom"]
    (thanks,) = of_class(mapping, "Statement")
    assert thanks["speaker"] == "paul-j-varga-iii"  # "Varga" is Paul J. Varga III


def test_reporting_forms_name_their_speaker(tmp_path):
    text = (
        "Minister Paul Varga met Minister Ana Ostrom in Nairobi.\n"
        "“We will work together,” said Paul Varga.\n"
        "Lena Tarr, the spokesperson for the Kenyan Ministry of Defence, said the talks were useful.\n"
        "Ostrom made clear that Kenya would not change course.\n"
        "Varga raised concerns about the violence in Somalia.\n"
        "Ostrom also voiced support for the plan.\n"
        "Kenya recalled its ambassador from Somalia last month.\n"
    )
    mapping = draft(tmp_path, text)
    said = {n["evidence"][0].split()[0]: n["speaker"] for n in of_class(mapping, "Statement")}
    assert said == {
        "“We": "paul-varga",
        "Lena": "lena-tarr",
        "Ostrom": "ana-ostrom",
        "Varga": "paul-varga",
    }  # "recalled its ambassador" says nothing
    voiced = next(n for n in of_class(mapping, "Statement") if "voiced" in n["evidence"][0])
    assert voiced["speaker"] == "ana-ostrom" and voiced["paraphrase"] == "support for the plan"
    (met,) = of_class(mapping, "Meeting")
    assert met["participant"] == "paul-varga" and met["counterpart"] == "ana-ostrom"


def test_a_visit_whose_words_after_name_no_place_goes_where_the_sentence_said(tmp_path):
    text = (
        "Minister Paul Varga met Minister Ana Ostrom in Nairobi.\n"
        "Varga looked forward to welcoming Ostrom to Kenya when she makes her first overseas visit to the G7.\n"
    )
    (visit,) = of_class(draft(tmp_path, text), "DiplomaticVisit")
    assert visit["destination"] == "kenya"  # not the G7, a group of states


def test_they_after_a_joint_statement_and_a_meeting_held_by_the_two_who_open_the_sentence(tmp_path):
    text = (
        "Minister Paul Varga and Minister Ana Ostrom discussed trade and priorities for the upcoming NATO "
        "summit in Brussels during a meeting in Nairobi today.\n"
        "Both Ministers confirmed that Kenya and the United States would deepen their cooperation.\n"
        "They underlined the importance of maritime security.\n"
    )
    mapping = draft(tmp_path, text)
    (meeting,) = of_class(mapping, "Meeting")
    assert meeting["counterpart"] == ["paul-varga", "ana-ostrom"]  # not NATO
    assert meeting["status"] == "happened"  # "upcoming" is the summit's
    joint = of_class(mapping, "JointStatement")
    assert [j["speaker"] for j in joint] == [["paul-varga", "ana-ostrom"]] * 2


def test_talks_the_two_pledged_to_continue_are_talks_of_their_own(tmp_path):
    text = (
        "Minister Paul Varga and Minister Ana Ostrom met in Nairobi today.\n"
        "In a statement, spokesperson Lena Tarr said the two leaders discussed maritime security.\n"
        "The two leaders pledged to continue their dialogue on regional security, Tarr said.\n"
    )
    mapping = draft(tmp_path, text)
    talks = of_class(mapping, "Talks")
    assert len(talks) == 2 and all(t["side"] == ["paul-varga", "ana-ostrom"] for t in talks)
    (joint,) = of_class(mapping, "JointStatement")
    assert joint["paraphrase"] == "The two leaders pledged to continue their dialogue on regional security"


def test_a_spokesperson_named_by_the_offices_seat_is_an_unnamed_person(tmp_path):
    text = (
        "PM call with President Ostrom\n"
        "A Citadel Street spokesperson said:\n"
        "“The Prime Minister spoke to President Ana Ostrom of Kenya this afternoon.”\n"
    )
    mapping = draft(tmp_path, text)
    person = mapping["nodes"]["citadel-street-spokesperson"]
    assert person["a"] == ["Person", "UnnamedAgent"] and person["label"] == "Citadel Street spokesperson"
    assert "citadel-street" not in mapping["nodes"]  # the seat is not an organisation of its own
    assert mapping["article"]["defaults"]["according_to"] == "citadel-street-spokesperson"


def test_a_second_bare_title_after_and_shares_the_first_ones_the(tmp_path):
    text = (
        "Readout of the President's Call with Prime Minister Ostrom\n"
        "The President and Prime Minister Ana Ostrom spoke today about maritime security.\n"
        "The President and Prime Minister will continue to consult closely on the matter.\n"
    )
    talks = of_class(draft(tmp_path, text), "Talks")
    assert len(talks) == 2 and all(len(t["side"]) == 2 and t["side"][1] == "ana-ostrom" for t in talks)
    assert talks[1]["status"] == "planned"


def test_called_and_a_titled_person_is_a_call_but_called_on_is_not(tmp_path):
    text = (
        "This morning, Kenyan President Ana Ostrom called Valdonian Prime Minister Paul Varga to discuss trade.\n"
        "Later, Ostrom called on Prime Minister Varga to reopen the border.\n"
    )
    (talks,) = of_class(draft(tmp_path, text), "Talks")
    assert talks["side"] == ["ana-ostrom", "paul-varga"]
    assert "This morning" in talks["evidence"][0]


def test_called_a_titled_person_something_is_not_a_call(tmp_path):
    text = (
        "Minister Ana Ostrom called President Paul Varga a danger to the region.\n"
        "She called President Varga’s remarks reckless.\n"
    )
    assert not of_class(draft(tmp_path, text), "Talks")


def test_agreed_to_act_is_what_both_said_agreed_that_is_a_view_both_hold(tmp_path):
    text = (
        "Minister Paul Varga and Minister Ana Ostrom spoke by phone today.\n"
        "The two leaders agreed to strengthen their naval exercises.\n"
        "The two leaders agreed that the region needs stability.\n"
    )
    mapping = draft(tmp_path, text)
    (joint,) = of_class(mapping, "JointStatement")
    assert "naval exercises" in joint["evidence"][0] and joint["speaker"] == ["paul-varga", "ana-ostrom"]
    (shared,) = of_class(mapping, "SharedStance")
    assert "stability" in shared["evidence"][0]


def test_what_a_spokesperson_quotes_the_principal_doing_is_the_principals_statement(tmp_path):
    text = (
        "Minister Paul Varga met Minister Ana Ostrom in Nairobi today.\n"
        "Spokesperson Lena Tarr said Varga praised the port agreement.\n"
        "“He thanked Minister Ostrom for her support to the mission,” Tarr said.\n"
        "“Tarr also thanked the staff,” she said.\n"
    )
    nodes = draft(tmp_path, text)["nodes"]
    statements = {k: n for k, n in nodes.items() if n["a"] == "Statement"}
    quoted = [s for s in statements.values() if s["evidence"][0].startswith("He thanked")]
    assert len(quoted) == 1 and quoted[0]["speaker"] == "paul-varga"  # "He": the last other speaker
    assert quoted[0]["according_to"] == "lena-tarr"
    (outer,) = [k for k, s in statements.items() if s.get("quote", "").startswith("He thanked")]
    assert statements[outer]["speaker"] == "lena-tarr"
    assert quoted[0]["derivedFromStatement"] == outer
    assert not [s for s in statements.values() if s["evidence"][0].startswith("Tarr also")]  # not the quoter


def test_a_verb_after_and_shares_the_subject_that_opens_the_sentence(tmp_path):
    text = (
        "Minister Paul Varga met Minister Ana Ostrom in Nairobi today.\n"
        "Varga also discussed the new port plan, and welcomed Kenya’s decision to join the patrols.\n"
        "The plan covers Mombasa and welcomed ships.\n"
    )
    statements = of_class(draft(tmp_path, text), "Statement")
    assert [(s["speaker"], s["evidence"][0].split()[0]) for s in statements] == [("paul-varga", "Varga")]


VISIT = (
    "Defence Minister Ana Ostrom visits Kenya\n"
    "Defence Minister Ana Ostrom arrived in Nairobi today to begin a three-day visit to the Kenyan capital.\n"
    "Ms Ostrom began her trip with a meeting at the Norwegian Embassy with Norway’s Ambassador Tomas Reyle.\n"
    "Tomorrow (4 May) she will hold talks with her Kenyan counterpart, Paul Varga, on the border.\n"
    "In addition to her meeting with Minister Varga, Ms Ostrom will speak at the Nairobi Institute.\n"
    "Trade and Norway’s grain exports to Kenya are likely to be discussed at the talks.\n"
)


def test_where_a_visitor_arrived_is_the_visits_destination(tmp_path):
    (visit,) = of_class(draft(tmp_path, VISIT), "DiplomaticVisit")
    assert visit["visitor"] == "ana-ostrom" and visit["destination"] == "nairobi"


def test_a_meeting_with_a_countrys_ambassador_is_with_the_ambassador(tmp_path):
    (meeting,) = of_class(draft(tmp_path, VISIT), "Meeting")
    assert meeting["counterpart"] == "tomas-reyle" and meeting["participant"] == "ana-ostrom"


def test_he_or_she_holding_talks_is_whom_the_sentence_before_opens_with(tmp_path):
    (talks,) = of_class(draft(tmp_path, VISIT), "Talks")
    assert talks["side"] == ["ana-ostrom", "paul-varga"]  # not Kestria and Valdonia of "the talks" sentence
    assert talks["evidence"][1:] == ["her meeting", "the talks"]  # "her meeting with Minister Varga": the talks


def test_she_holding_talks_needs_a_person_opening_the_sentence_before(tmp_path):
    text = (
        "The summit in Nairobi ended on Monday with a statement.\n"
        "She will hold talks with Prime Minister Paul Varga on the border.\n"
    )
    assert not of_class(draft(tmp_path, text), "Talks")


def test_cooperation_with_a_partner_or_on_a_matter_between_two_named_states(tmp_path):
    text = (
        "Minister Ana Ostrom met Minister Paul Varga in Nairobi today.\n"
        "Ostrom praised continued defense cooperation with Kenya on maritime patrols.\n"
        "Varga reflected on the relationship between Kenya and Norway, grounded in cooperation on trade.\n"
        "Ostrom said cooperation on fisheries would need more work.\n"
    )
    with_, on = of_class(draft(tmp_path, text), "Cooperation")
    assert with_["partner"] == "kenya" and with_["unstated"] == "actor" and "actor" not in with_
    assert with_["status"] == "ongoing"
    assert on["actor"] == ["kenya", "norway"] and "grounded" in on["evidence"][0]  # not "cooperation on fisheries"


def test_assistance_needs_its_giver_and_an_agent_it_is_for(tmp_path):
    text = (
        "Minister Ana Ostrom met Minister Paul Varga in Nairobi today.\n"
        "Ostrom thanked Varga for Kenya’s support.\n"
        "Varga relayed Kenya’s offer of medical assistance for Somalia.\n"
        "Ostrom welcomed Norway’s support for the resolution and support to the mission.\n"
    )
    mapping = draft(tmp_path, text)
    thanks, offer = of_class(mapping, "Assistance")
    assert thanks["actor"] == "kenya" and thanks["status"] == "ongoing" and "recipient" not in thanks
    assert offer["actor"] == "kenya" and offer["status"] == "possible"
    assert offer["recipient"] == "somalia" and len(thanks["evidence"]) == 1


def test_a_bare_title_sharing_a_word_with_the_publisher_is_a_post_of_the_country_it_governs(tmp_path):
    entities = tmp_path / "entities.yaml"
    entities.write_text(
        "entities:\n"
        "  state-house:\n    a: [GovernmentBody, NewsPublisher]\n    label: State House\n    governmentOf: kenya\n"
        "  kenya:\n    a: Country\n    label: Kenya\n",
        encoding="utf-8",
    )
    folder = tmp_path / "readout"
    folder.mkdir()
    text = (
        "Readout of Vice President Ana Ostrom's Call with Nigerian President Paul Varga\n"
        "Vice President Ana Ostrom called Nigerian President Paul Varga today to discuss trade in Kenya.\n"
        "Vice President Ostrom relayed President Lena Tarr’s invitation to Nairobi.\n"
        "Vice President Jan Novak later called Chancellor Tomas Reyle.\n"
    )
    (folder / "article.txt").write_text(text, encoding="utf-8")
    (folder / "source.yaml").write_text("publisher: State House (Office of the Vice President)\n", encoding="utf-8")
    mapping = yaml.safe_load(draft_article(folder / "article.txt", "rules", load_corpus(entities)).yaml)
    posts = {p["heldBy"]: p for p in of_class(mapping, "Post")}
    assert posts["ana-ostrom"]["postIn"] == "kenya" and posts["lena-tarr"]["postIn"] == "kenya"
    assert posts["ana-ostrom"]["evidence"][0] == {"quote": "Vice President Ana Ostrom", "occurrence": 1}  # heading
    assert posts["paul-varga"]["postIn"] == "nigeria"  # not Kenya
    assert "tomas-reyle" not in posts  # "A called Chancellor B": B's post is not listed after A's


def test_a_bare_title_of_someone_whose_title_names_another_country_is_not_the_publishers(tmp_path):
    entities = tmp_path / "entities.yaml"
    entities.write_text(
        "entities:\n"
        "  state-house:\n    a: [GovernmentBody, NewsPublisher]\n    label: State House\n    governmentOf: kenya\n"
        "  kenya:\n    a: Country\n    label: Kenya\n",
        encoding="utf-8",
    )
    folder = tmp_path / "readout"
    folder.mkdir()
    text = "Vice President Ana Ostrom of Nigeria called Kenya today, and Vice President Ana Ostrom was thanked.\n"
    (folder / "article.txt").write_text(text, encoding="utf-8")
    (folder / "source.yaml").write_text("publisher: State House (Office of the Vice President)\n", encoding="utf-8")
    mapping = yaml.safe_load(draft_article(folder / "article.txt", "rules", load_corpus(entities)).yaml)
    assert [p["postIn"] for p in of_class(mapping, "Post")] == ["nigeria"]


def test_a_title_in_the_heading_names_the_country_the_text_leaves_out(tmp_path):
    text = (
        "Readout of the President’s Call with Prime Minister Varga of Kenya\n"
        "The President and Prime Minister Varga spoke today about maritime security.\n"
    )
    (post,) = of_class(draft(tmp_path, text), "Post")
    assert post["heldBy"] == "varga" and post["postIn"] == "kenya"
    assert post["evidence"] == [
        {"quote": "Prime Minister Varga", "occurrence": 1},
        {"quote": "Prime Minister Varga", "occurrence": 2},
    ]


def test_a_spokesperson_named_by_the_publishers_seat_holds_a_post_in_the_publisher(tmp_path):
    entities = tmp_path / "entities.yaml"
    entities.write_text(
        "entities:\n"
        "  premiers-office:\n    a: [GovernmentBody, NewsPublisher]\n"
        "    label: Premier's Office, 12 Citadel Street\n    governmentOf: kenya\n"
        "  kenya:\n    a: Country\n    label: Kenya\n",
        encoding="utf-8",
    )
    text = (
        "PM call with President Ostrom\n"
        "A Citadel Street spokesperson said:\n"
        "The Prime Minister spoke to President Ana Ostrom of Nigeria this afternoon.\n"
        "A Harbour Road spokesman said the call was useful.\n"
    )
    mapping = {}
    for publisher in ("Premier's Office, 12 Citadel Street (GOV.KE)", "Kenya News Agency"):
        folder = tmp_path / publisher[:5]
        folder.mkdir()
        (folder / "article.txt").write_text(text, encoding="utf-8")
        (folder / "source.yaml").write_text(yaml.safe_dump({"publisher": publisher}), encoding="utf-8")
        mapping[publisher[:5]] = yaml.safe_load(
            draft_article(folder / "article.txt", "rules", load_corpus(entities)).yaml
        )
    (post,) = [p for p in of_class(mapping["Premi"], "Post") if "spokes" in p["heldBy"]]
    assert post["heldBy"] == "citadel-street-spokesperson" and post["postIn"] == "premiers-office"
    assert post["label"] == "Citadel Street spokesperson" and post["status"] == "ongoing"
    assert not [p for p in of_class(mapping["Premi"], "Post") if p["heldBy"] == "harbour-road-spokesman"]
    assert not [p for p in of_class(mapping["Kenya"], "Post") if "spokes" in p["heldBy"]]  # another publisher


def test_they_are_the_two_of_the_last_occasion_whose_sides_are_known(tmp_path):
    text = (
        "Minister Paul Varga met Minister Ana Ostrom in Nairobi today.\n"
        "Ostrom is in Nairobi to attend the G7 Foreign Ministers’ meeting.\n"
        "They agreed that trade will grow.\n"
        "They also welcomed the new port.\n"
    )
    mapping = draft(tmp_path, text)
    (shared,) = of_class(mapping, "SharedStance")
    (joint,) = of_class(mapping, "JointStatement")
    assert shared["holder"] == joint["speaker"] == ["paul-varga", "ana-ostrom"]


def test_a_meeting_reported_twice_between_the_same_persons_is_one_meeting(tmp_path):
    text = (
        "Minister Paul Varga met Minister Ana Ostrom in Nairobi today.\n"
        "In a statement, spokesperson Lena Tarr said Varga and Ostrom met to reaffirm their partnership.\n"
        "Varga and Ostrom will meet again in June.\n"
    )
    met, again = of_class(draft(tmp_path, text), "Meeting")
    assert len(met["evidence"]) == 2 and "Lena Tarr said" in met["evidence"][1]
    assert again["status"] == "planned" and again["evidence"][0].startswith("Varga and Ostrom will meet")


def test_an_appointment_names_the_person_who_appoints_and_the_post(tmp_path):
    text = (
        "Kenya has named Ana Ostrom as its new envoy to the Horn of Africa.\n"
        "Paul Varga was appointed ambassador to Norway by President Lena Tarr on Monday.\n"
        "A man named Tomas Reyle attended the ceremony.\n"
        "Tarr will appoint Jan Novak as defence minister.\n"
    )
    named, appointed, planned = of_class(draft(tmp_path, text), "Appointment")
    assert named["appointee"] == "ana-ostrom" and named["actor"] == "kenya" and named["status"] == "happened"
    assert named["label"] == "appointment of Ana Ostrom as envoy"
    assert appointed["appointee"] == "paul-varga" and appointed["actor"] == "lena-tarr"
    assert planned["appointee"] == "jan-novak" and planned["status"] == "planned"


def test_mous_signed_are_agreements_and_a_base_handed_over_is_a_withdrawal(tmp_path):
    text = (
        "Kenya and Norway signed seven MOUs on energy and fisheries in Nairobi on Monday.\n"
        "Norway handed over its base in Lamu to the Kenyan army last week.\n"
        "Minister Ana Ostrom handed over a letter to Minister Paul Varga.\n"
    )
    mapping = draft(tmp_path, text)
    (agreement,) = of_class(mapping, "Agreement")
    assert "seven MOUs" in agreement["evidence"][0]
    (withdrawal,) = of_class(mapping, "Withdrawal")
    assert withdrawal["actor"] == "norway" and "its base" in withdrawal["evidence"][0]


def test_status_of_talks_committed_to_and_of_a_meeting_in_the_absence_of_a_delegation(tmp_path):
    text = (
        "Minister Ana Ostrom spoke with Minister Paul Varga on Monday.\n"
        "Kenya and Norway committed to continued negotiations going forward.\n"
        "The meeting in Oslo took place in the absence of a Kenyan delegation.\n"
    )
    mapping = draft(tmp_path, text)
    talks = {t["evidence"][0].split()[0]: t for t in of_class(mapping, "Talks")}
    assert talks["Minister"]["status"] == "happened" and talks["Kenya"]["status"] == "planned"
    (delegation,) = of_class(mapping, "Delegation")
    assert delegation["status"] == "not-happened"


def test_his_visit_is_the_visit_of_the_sentences_subject(tmp_path):
    text = (
        "Minister Ana Ostrom held talks with Minister Paul Varga, as part of her visit to Norway.\n"
        "Minister Jan Novak looked forward to welcoming Minister Tomas Reyle when he makes his first visit to Oslo.\n"
    )
    mapping = draft(tmp_path, text)
    visits = {v["destination"]: v for v in of_class(mapping, "DiplomaticVisit")}
    assert visits["norway"]["visitor"] == "ana-ostrom"  # not Varga, the last name before "visit"
    assert visits["oslo"]["visitor"] == "tomas-reyle"  # "when he makes his ... visit": not the subject's
