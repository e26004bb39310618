"""The nlp back-end on hand-built spaCy Docs: each role rule, the status the parse gives, sources,
merging and pronouns; then the command line's one-line errors. No trained pipeline is needed, except
for the one end-to-end test marked ``model``."""

import os

import pytest

spacy = pytest.importorskip("spacy")
from spacy.tokens import Doc  # noqa: E402

from kg.core.errors import KgError  # noqa: E402
from kg.draft import draft_article  # noqa: E402
from kg.draft.known import Known, KnownNames  # noqa: E402
from kg.draft.model import TextSpan  # noqa: E402
from kg.draft.nlp import NlpBackend, load_pipeline, propose_doc  # noqa: E402
from kg.draft.schema import vocabulary  # noqa: E402

from .test_ci import run_small_suite  # noqa: E402
from .test_cli import assert_one_line_error  # noqa: E402

VOCAB = spacy.blank("en").vocab


def parse(spec: str, ents: dict[str, str] | None = None) -> Doc:
    """A Doc from lines "word head dep pos tag lemma" (head: the index of the head word; a word
    followed by no space ends in "~", a line break is written \\n); ``ents`` maps "first-last" word
    indices to a label."""
    rows = [line.split() for line in spec.strip().splitlines()]
    words = [r[0].rstrip("~").replace("\\n", "\n") for r in rows]
    spaces = [not r[0].endswith("~") and i < len(rows) - 1 for i, r in enumerate(rows)]
    labels = ["O"] * len(words)
    for where, label in (ents or {}).items():
        first, last = (int(n) for n in where.split("-"))
        labels[first] = f"B-{label}"
        for i in range(first + 1, last + 1):
            labels[i] = f"I-{label}"
    return Doc(
        VOCAB,
        words=words,
        spaces=spaces,
        heads=[int(r[1]) for r in rows],
        deps=[r[2] for r in rows],
        pos=[r[3] for r in rows],
        tags=[r[4] for r in rows],
        lemmas=[r[5] for r in rows],
        sent_starts=[i == 0 for i in range(len(words))],
        ents=labels,
    )


def claims(doc: Doc) -> list:
    proposal = propose_doc(doc, KnownNames(), vocabulary())
    return [n for n in proposal.nodes if vocabulary().is_claim(n.a)]


def only(doc: Doc, cls: str):
    found = [c for c in claims(doc) if c.a == [cls]]
    assert len(found) == 1, [(c.a, c.props) for c in claims(doc)]
    return found[0]


VISITED = """
Ana 1 compound PROPN NNP Ana
Ruiz 2 nsubj PROPN NNP Ruiz
visited 2 ROOT VERB VBD visit
Kenya~ 2 dobj PROPN NNP Kenya
. 2 punct PUNCT . .
"""


def test_visit_verb_subject_is_the_visitor_object_the_destination():
    visit = only(parse(VISITED, {"0-1": "PERSON", "3-3": "GPE"}), "DiplomaticVisit")
    assert visit.props == {"visitor": ["ana-ruiz"], "destination": ["kenya"]}
    assert visit.status == "happened"
    assert visit.evidence == [TextSpan(0, len("Ana Ruiz visited Kenya."))]


def test_visit_noun_possessor_and_to():
    doc = parse(
        """
Ruiz~ 2 poss PROPN NNP Ruiz
's 0 case PART POS 's
visit 5 nsubj NOUN NN visit
to 2 prep ADP IN to
Kenya 3 pobj PROPN NNP Kenya
ended 5 ROOT VERB VBD end
""",
        {"0-0": "PERSON", "4-4": "GPE"},
    )
    assert only(doc, "DiplomaticVisit").props == {"visitor": ["ruiz"], "destination": ["kenya"]}


def test_future_negated_and_conditional_status():
    will = """
Ruiz 2 nsubj PROPN NNP Ruiz
will 2 aux AUX MD will
visit 2 ROOT VERB VB visit
Kenya 2 dobj PROPN NNP Kenya
"""
    ents = {"0-0": "PERSON", "3-3": "GPE"}
    assert only(parse(will, ents), "DiplomaticVisit").status == "planned"
    assert only(
        parse(will.replace("will 2 aux AUX MD will", "not 2 neg PART RB not"), ents), "DiplomaticVisit"
    ).status == ("not-happened")
    assert only(
        parse(will.replace("will 2 aux AUX MD will", "could 2 aux AUX MD could"), ents), "DiplomaticVisit"
    ).status == ("possible")


def test_headline_infinitive_is_planned_and_its_subject_the_visitor():
    doc = parse(
        """
Envoy 4 nsubj NOUN NN envoy
for 0 prep ADP IN for
Syria 1 pobj PROPN NNP Syria
to 4 aux PART TO to
visit 4 ROOT VERB VB visit
Moscow 4 dobj PROPN NNP Moscow
""",
        {"2-2": "GPE", "5-5": "GPE"},
    )
    visit = only(doc, "DiplomaticVisit")
    assert visit.status == "planned"
    assert visit.props["destination"] == ["moscow"]


MET = """
Ruiz 1 nsubj PROPN NNP Ruiz
met 1 ROOT VERB VBD meet
with 1 prep ADP IN with
Novak 2 pobj PROPN NNP Novak
"""


def test_meet_with_participant_and_counterpart():
    meeting = only(parse(MET, {"0-0": "PERSON", "3-3": "PERSON"}), "Meeting")
    assert meeting.props == {"participant": ["ruiz"], "counterpart": ["novak"]}


def test_meet_alone_is_no_meeting():
    doc = parse("Ruiz 1 nsubj PROPN NNP Ruiz\nmet 1 ROOT VERB VBD meet", {"0-0": "PERSON"})
    assert [c.a for c in claims(doc)] == []


HELD = """
Ruiz 1 nsubj PROPN NNP Ruiz
held 1 ROOT VERB VBD hold
talks 1 dobj NOUN NNS talk
with 1 prep ADP IN with
Novak 3 pobj PROPN NNP Novak
"""


def test_hold_talks_with_gives_two_sides():
    assert only(parse(HELD, {"0-0": "PERSON", "4-4": "PERSON"}), "Talks").props == {"side": ["ruiz", "novak"]}


def test_hold_anything_else_is_not_talks():
    doc = parse(HELD.replace("talks 1 dobj NOUN NNS talk", "elections 1 dobj NOUN NNS election"), {"0-0": "PERSON"})
    assert claims(doc) == []


def test_speak_with_is_talks_and_needs_two_sides():
    spoke = MET.replace("met 1 ROOT VERB VBD meet", "spoke 1 ROOT VERB VBD speak")
    assert only(parse(spoke, {"0-0": "PERSON", "3-3": "PERSON"}), "Talks").props == {"side": ["ruiz", "novak"]}
    assert claims(parse(spoke, {"0-0": "PERSON"})) == []


def test_sign_with_gives_parties_and_the_signed_words_as_label():
    doc = parse(
        """
Kenya 1 nsubj PROPN NNP Kenya
signed 1 ROOT VERB VBD sign
an 3 det DET DT an
accord 1 dobj NOUN NN accord
with 1 prep ADP IN with
Chad 4 pobj PROPN NNP Chad
""",
        {"0-0": "GPE", "5-5": "GPE"},
    )
    agreement = only(doc, "Agreement")
    assert agreement.props == {"party": ["kenya", "chad"]}
    assert agreement.label.startswith("an accord")


def test_appoint_active_and_passive():
    active = parse(
        "Kenya 1 nsubj PROPN NNP Kenya\nnamed 1 ROOT VERB VBD name\nNovak 1 dobj PROPN NNP Novak",
        {"0-0": "GPE", "2-2": "PERSON"},
    )
    assert only(active, "Appointment").props == {"appointee": ["novak"], "actor": ["kenya"]}
    passive = parse(
        "Novak 2 nsubjpass PROPN NNP Novak\nwas 2 auxpass AUX VBD be\nappointed 2 ROOT VERB VBN appoint",
        {"0-0": "PERSON"},
    )
    assert only(passive, "Appointment").props == {"appointee": ["novak"]}


SAID = """
Ruiz 1 nsubj PROPN NNP Ruiz
said 1 ROOT VERB VBD say
Novak 3 nsubj PROPN NNP Novak
visited 1 ccomp VERB VBD visit
Kenya 3 dobj PROPN NNP Kenya
"""


def test_say_makes_a_statement_and_what_it_reports_is_according_to_the_speaker():
    doc = parse(SAID, {"0-0": "PERSON", "2-2": "PERSON", "4-4": "GPE"})
    statement = only(doc, "Statement")
    assert statement.props == {"speaker": ["ruiz"], "paraphrase": ["Novak visited Kenya"]}
    visit = only(doc, "DiplomaticVisit")
    assert visit.according_to == "ruiz"
    assert visit.props["derivedFromStatement"] == [statement.id]
    assert visit.props["visitor"] == ["novak"]


def test_say_with_nothing_said_is_no_statement():
    doc = parse("Ruiz 1 nsubj PROPN NNP Ruiz\nsaid 1 ROOT VERB VBD say\nso 1 advmod ADV RB so", {"0-0": "PERSON"})
    assert claims(doc) == []


def test_meeting_a_target_is_no_meeting():
    doc = parse(
        """
Kenya 1 nsubj PROPN NNP Kenya
met 1 ROOT VERB VBD meet
NATO~ 4 poss PROPN NNP NATO
's 2 case PART POS 's
target 1 dobj NOUN NN target
""",
        {"0-0": "GPE", "2-2": "ORG"},
    )
    assert claims(doc) == []


TITLED = """
UK 2 compound PROPN NNP UK
Defence 2 compound PROPN NNP Defence
Secretary 4 compound PROPN NNP Secretary
Ana 4 compound PROPN NNP Ana
Ruiz 5 nsubj PROPN NNP Ruiz
arrived 5 ROOT VERB VBD arrive
. 5 punct PUNCT . .
The 9 det DET DT the
Defence 9 compound PROPN NNP Defence
Secretary 10 nsubj PROPN NNP Secretary
said 10 ROOT VERB VBD say
it 12 nsubj PRON PRP it
ended 10 ccomp VERB VBD end
"""


def test_a_title_before_a_name_is_a_post_and_names_its_holder_later():
    doc = parse(TITLED, {"0-0": "GPE", "3-4": "PERSON"})
    post = only(doc, "Post")
    assert post.label == "UK Defence Secretary"
    assert post.props == {"heldBy": ["ana-ruiz"], "postIn": ["uk"]}
    assert post.status == "ongoing"
    assert only(doc, "Statement").props["speaker"] == ["ana-ruiz"]


def test_a_post_in_no_country_is_left_to_the_reviewer():
    lines = TITLED.strip().splitlines()
    doc = parse(
        "\n".join(f"{w} {int(h) - 1} {r}" for w, h, r in (x.split(" ", 2) for x in lines[1:7])), {"2-3": "PERSON"}
    )
    assert [c.a for c in claims(doc)] == []


HEADED = """
Readout 0 ROOT NOUN NN readout
of 0 prep ADP IN of
Defence 3 compound PROPN NNP Defence
Secretary 6 compound PROPN NNP Secretary
Ana 5 compound PROPN NNP Ana
Ruiz~ 6 poss PROPN NNP Ruiz
's 5 case PART POS 's
Call 1 pobj NOUN NN call
. 0 punct PUNCT . .
UK 11 compound PROPN NNP UK
Defence 11 compound PROPN NNP Defence
Secretary 13 compound PROPN NNP Secretary
Ana 13 compound PROPN NNP Ana
Ruiz 14 nsubj PROPN NNP Ruiz
arrived 14 ROOT VERB VBD arrive
. 14 punct PUNCT . .
President 19 compound PROPN NNP President
and 16 cc CCONJ CC and
Secretary 16 conj PROPN NNP Secretary
Ruiz 20 nsubj PROPN NNP Ruiz
spoke 20 ROOT VERB VBD speak
. 20 punct PUNCT . .
"""


def test_one_post_per_person_for_a_title_named_shorter_and_longer_without_words_around_it():
    doc = parse(HEADED, {"4-5": "PERSON", "9-9": "GPE", "12-13": "PERSON", "19-19": "PERSON"})
    post = only(doc, "Post")  # "Defence Secretary", "UK Defence Secretary", "Secretary": one post
    assert post.label == "UK Defence Secretary" and post.props == {"heldBy": ["ana-ruiz"], "postIn": ["uk"]}
    texts = [doc.text[s.begin : s.end] for s in post.evidence]
    assert texts == ["Defence Secretary Ana Ruiz", "UK Defence Secretary Ana Ruiz", "Secretary Ruiz"]


def test_a_quoted_statement_quotes_the_words_between_the_marks():
    doc = parse(
        """
“~ 4 punct PUNCT `` “
Calm~ 4 dobj ADJ JJ calm
,~ 4 punct PUNCT , ,
” 4 punct PUNCT '' ”
said 4 ROOT VERB VBD say
Ruiz 4 nsubj PROPN NNP Ruiz
""",
        {"5-5": "PERSON"},
    )
    statement = only(doc, "Statement")
    (quote,) = statement.props["quote"]
    assert doc.text[quote.begin : quote.end] == "Calm,"
    assert statement.props["speaker"] == ["ruiz"]


def test_deploy_and_withdraw():
    deployed = parse(
        """
Chad 1 nsubj PROPN NNP Chad
deployed 1 ROOT VERB VBD deploy
troops 1 dobj NOUN NNS troop
to 1 prep ADP IN to
Niger 3 pobj PROPN NNP Niger
""",
        {"0-0": "GPE", "4-4": "GPE"},
    )
    assert only(deployed, "MilitaryPresence").props == {"actor": ["chad"], "location": ["niger"]}
    withdrew = parse(
        """
Chad 1 nsubj PROPN NNP Chad
withdrew 1 ROOT VERB VBD withdraw
its 3 poss PRON PRP$ its
troops 1 dobj NOUN NNS troop
""",
        {"0-0": "GPE"},
    )
    assert only(withdrew, "Withdrawal").props == {"actor": ["chad"], "object": ["its troops"]}


def test_he_is_the_last_subject_and_a_surname_is_the_same_person():
    doc = parse(
        """
Ana 1 compound PROPN NNP Ana
Ruiz 2 nsubj PROPN NNP Ruiz
arrived 2 ROOT VERB VBD arrive
and 2 cc CCONJ CC and
Ruiz 5 nsubj PROPN NNP Ruiz
met 2 conj VERB VBD meet
Novak 5 dobj PROPN NNP Novak
. 2 punct PUNCT . .
He 9 nsubj PRON PRP he
said 9 ROOT VERB VBD say
it 11 nsubj PRON PRP it
ended 9 ccomp VERB VBD end
""",
        {"0-1": "PERSON", "4-4": "PERSON", "6-6": "PERSON"},
    )
    assert only(doc, "Meeting").props == {"participant": ["ana-ruiz"], "counterpart": ["novak"]}
    # "He": the last person who was a subject (Ruiz), not the last person named (Novak)
    assert only(doc, "Statement").props["speaker"] == ["ana-ruiz"]


def test_the_same_event_twice_is_one_claim_with_two_pieces_of_evidence():
    one = VISITED.strip().splitlines()
    two = [f"{w} {int(h) + 5} {rest}" for w, h, rest in (line.split(" ", 2) for line in one)]
    doc = parse("\n".join(one + two), {"0-1": "PERSON", "3-3": "GPE", "5-6": "PERSON", "8-8": "GPE"})
    visit = only(doc, "DiplomaticVisit")
    assert len(visit.evidence) == 2


def test_talks_read_from_either_side_are_one_claim():
    one = HELD.strip().splitlines()
    swapped = HELD.replace("Ruiz 1 nsubj PROPN NNP Ruiz", "X").replace("Novak 3 pobj PROPN NNP Novak", "Y")
    swapped = swapped.replace("X", "Novak 1 nsubj PROPN NNP Novak").replace("Y", "Ruiz 3 pobj PROPN NNP Ruiz")
    n = len(one)  # "Novak held talks with Ruiz", after "Ruiz held talks with Novak"
    two = [f"{w} {int(h) + n} {rest}" for w, h, rest in (line.split(" ", 2) for line in swapped.strip().splitlines())]
    people = {"0-0": "PERSON", "4-4": "PERSON", f"{n}-{n}": "PERSON", f"{n + 4}-{n + 4}": "PERSON"}
    doc = parse("\n".join(one + two), people)
    talks = only(doc, "Talks")
    assert len(talks.evidence) == 2


HANDED = """
France 1 nsubj PROPN NNP France
handed 1 ROOT VERB VBD hand
over 1 prt ADP RP over
its 5 poss PRON PRP$ its
military 5 amod ADJ JJ military
base~ 1 dobj NOUN NN base
. 1 punct PUNCT . .
"""


def test_handing_over_a_base_is_a_withdrawal_and_handing_over_a_letter_is_not():
    found = only(parse(HANDED, {"0-0": "GPE"}), "Withdrawal")
    assert found.props == {"actor": ["france"], "object": ["its military base"]}
    letter = HANDED.replace("base~ 1 dobj NOUN NN base", "letter~ 1 dobj NOUN NN letter")
    assert not [c for c in claims(parse(letter, {"0-0": "GPE"})) if c.a == ["Withdrawal"]]


REPORTED = """
Ruiz 1 nsubj PROPN NNP Ruiz
reported 1 ROOT VERB VBD report
that 4 mark SCONJ IN that
aid 4 nsubj NOUN NN aid
resumed~ 1 ccomp VERB VBD resume
. 1 punct PUNCT . .
"""


def test_a_persons_report_is_a_statement_and_a_publishers_is_not():
    statement = only(parse(REPORTED, {"0-0": "PERSON"}), "Statement")
    assert statement.props["speaker"] == ["ruiz"] and statement.props["paraphrase"] == ["that aid resumed"]
    publisher = REPORTED.replace("Ruiz 1 nsubj PROPN NNP Ruiz", "Xinhua 1 nsubj PROPN NNP Xinhua")
    assert not [c for c in claims(parse(publisher, {"0-0": "ORG"})) if c.a == ["Statement"]]
    trailing = """
aid 1 nsubj NOUN NN aid
resumed~ 5 ccomp VERB VBD resume
, 5 punct PUNCT , ,
the 4 det DET DT the
Ledger 5 nsubj PROPN NNP Ledger
reported~ 5 ROOT VERB VBD report
. 5 punct PUNCT . .
"""
    assert not [c for c in claims(parse(trailing, {"4-4": "ORG"})) if c.a == ["Statement"]]


def test_a_dateline_publisher_is_the_default_source():
    doc = parse(
        """
BEIJING 2 nmod PROPN NNP BEIJING
( 2 punct PUNCT -LRB- (
Xinhua~ 5 npadvmod PROPN NNP Xinhua
) 2 punct PUNCT -RRB- )
Ruiz 5 nsubj PROPN NNP Ruiz
visited 5 ROOT VERB VBD visit
Kenya 5 dobj PROPN NNP Kenya
""",
        {"2-2": "ORG", "4-4": "PERSON", "6-6": "GPE"},
    )
    proposal = propose_doc(doc, KnownNames(), vocabulary())
    assert proposal.defaults == {"according_to": "xinhua", "reported_by": "xinhua"}
    assert next(n for n in proposal.nodes if n.id == "xinhua").a == ["NewsPublisher"]
    slashes = parse(
        """
BEIJING 5 nmod PROPN NNP BEIJING
/~ 2 punct PUNCT : /
Frontline~ 5 npadvmod PROPN NNP Frontline
/ 2 punct PUNCT : /
Ruiz 5 nsubj PROPN NNP Ruiz
visited 5 ROOT VERB VBD visit
Kenya 5 dobj PROPN NNP Kenya
""",
        {"2-2": "ORG", "4-4": "PERSON", "6-6": "GPE"},
    )
    proposal = propose_doc(slashes, KnownNames(), vocabulary())
    assert slashes.text.startswith("BEIJING /Frontline/ Ruiz")
    assert proposal.defaults["according_to"] == "frontline"
    assert next(n for n in proposal.nodes if n.id == "frontline").a == ["NewsPublisher"]


# -- the pipeline and the command line ---------------------------------------------------------------
def test_a_wire_dateline_is_a_note_with_its_city_and_an_untagged_agency_is_the_publisher():
    doc = parse(
        """
MOSCOW~ 7 npadvmod PROPN NNP MOSCOW
, 0 punct PUNCT , ,
March 3 compound PROPN NNP March
3~ 0 appos NUM CD 3
. 0 punct PUNCT . .
/TASS/. 0 punct PUNCT NFP /TASS/.
Orlov 7 nsubj PROPN NNP Orlov
spoke 7 ROOT VERB VBD speak
""",
        {"0-0": "GPE", "6-6": "PERSON"},
    )
    assert doc.text.startswith("MOSCOW, March 3. /TASS/. Orlov")
    proposal = propose_doc(doc, KnownNames(), vocabulary())
    assert proposal.defaults == {"according_to": "tass", "reported_by": "tass"}
    nodes = {n.id: n for n in proposal.nodes}
    assert nodes["tass"].a == ["NewsPublisher"] and nodes["moscow"].a == ["City"]
    (note,) = [n for n in proposal.nodes if n.a == ["EditorialNote"]]
    assert note.props == {"about": ["article"], "location": ["moscow"], "timeDescription": ["March 3"]}
    assert note.evidence == [TextSpan(0, len("MOSCOW, March 3. /TASS/."))]


def test_no_pipeline_is_one_line_saying_how_to_install_one(kg, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "article.txt").write_text("Ana Ruiz visited Kenya.\n", encoding="utf-8")
    done = kg("draft", tmp_path / "a", "--backend", "nlp", "--model", "no_such_pipeline_kg")
    assert_one_line_error(done, 2, "python -m spacy download no_such_pipeline_kg")
    assert not (tmp_path / "a" / "mapping.draft.yaml").exists()


def test_a_pipeline_of_another_language_is_refused(tmp_path):
    spacy.blank("de").to_disk(tmp_path / "de")
    with pytest.raises(KgError, match="language 'de'"):
        load_pipeline(str(tmp_path / "de"))


def test_a_text_that_is_not_utf8_names_the_byte_and_drafts_nothing(tmp_path):
    (tmp_path / "a").mkdir()
    text = tmp_path / "a" / "article.txt"
    text.write_bytes(b"Ana Ruiz visited Kenya\xff.\n")
    with pytest.raises(KgError, match=r"not UTF-8 \(byte 22"):
        draft_article(text, NlpBackend("blank", nlp=spacy.blank("en")))
    assert not (tmp_path / "a" / "mapping.draft.yaml").exists()


def test_in_ci_a_skipped_model_test_is_no_failure_but_another_skip_still_is(tmp_path):
    (tmp_path / "test_model.py").write_text(
        "import pytest\n\n\n@pytest.mark.model\ndef test_needs_a_pipeline():\n    pytest.skip('no pipeline')\n"
    )
    done = run_small_suite(tmp_path, ["test_runs.py"], True, "test_model.py")
    assert done.returncode == 0, done.stdout + done.stderr
    done = run_small_suite(tmp_path, ["test_runs.py", "test_skips.py"], True, "test_model.py")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "no pipeline" not in done.stdout.split("SKIPPED IN CI", 1)[1]


@pytest.mark.model
def test_end_to_end_with_an_installed_pipeline(tmp_path):
    """Runs only where a trained English pipeline is installed (KG_SPACY_MODEL, default en_core_web_sm)."""
    name = os.environ.get("KG_SPACY_MODEL", "en_core_web_sm")
    try:
        backend = NlpBackend(name)
    except KgError as exc:
        pytest.skip(str(exc))
    folder = tmp_path / "a"
    folder.mkdir()
    text = "Foreign Minister Ana Ruiz visited Kenya on Monday. She held talks with President William Ruto in Nairobi.\n"
    (folder / "article.txt").write_text(text, encoding="utf-8")
    draft = draft_article(folder / "article.txt", backend)
    assert "nlp back-end" in draft.yaml
    classes = {c for node in draft.nodes.values() for c in node.a}
    assert "Person" in classes and {"DiplomaticVisit", "Talks"} & classes
    for node in draft.nodes.values():
        for span in [*node.mentions, *node.evidence]:
            assert text[span.begin : span.end].strip()


# -- later rules: joint statements, agendas, calls, names ------------------------------------------
DISCUSSED = """
Ruiz 2 nsubj PROPN NNP Ruiz
and 0 cc CCONJ CC and
Novak 0 conj PROPN NNP Novak
discussed 3 ROOT VERB VBD discuss
trade 3 dobj NOUN NN trade
and 4 cc CCONJ CC and
security 4 conj NOUN NN security
"""


def test_two_discussing_are_talks_and_what_they_discuss_is_on_its_agenda():
    doc = parse(DISCUSSED.replace("Ruiz 2 nsubj", "Ruiz 3 nsubj"), {"0-0": "PERSON", "2-2": "PERSON"})
    talks = only(doc, "Talks")
    assert talks.props == {"side": ["ruiz", "novak"]}
    agenda = [c for c in claims(doc) if c.a == ["AgendaItem"]]
    assert [a.label for a in agenda] == ["trade", "security"]
    assert all(a.props == {"agendaOf": [talks.id]} for a in agenda)


def test_an_agenda_without_talks_or_a_meeting_is_left_out():
    doc = parse(
        "Ruiz 1 nsubj PROPN NNP Ruiz\ndiscussed 1 ROOT VERB VBD discuss\ntrade 1 dobj NOUN NN trade", {"0-0": "PERSON"}
    )
    assert claims(doc) == []


def test_two_speakers_make_a_joint_statement_and_they_are_the_last_two_people():
    said = DISCUSSED.replace("Ruiz 2 nsubj", "Ruiz 3 nsubj").replace(
        "discussed 3 ROOT VERB VBD discuss", "said 3 ROOT VERB VBD say"
    )
    joint = only(parse(said, {"0-0": "PERSON", "2-2": "PERSON"}), "JointStatement")
    assert joint.props["speaker"] == ["ruiz", "novak"]
    they = parse(
        """
Ruiz 1 nsubj PROPN NNP Ruiz
met 1 ROOT VERB VBD meet
Novak 1 dobj PROPN NNP Novak
. 1 punct PUNCT . .
They 5 nsubj PRON PRP they
agreed 5 ROOT VERB VBD agree
it 7 nsubj PRON PRP it
ended 5 ccomp VERB VBD end
""",
        {"0-0": "PERSON", "2-2": "PERSON"},
    )
    assert sorted(only(they, "JointStatement").props["speaker"]) == ["novak", "ruiz"]


def test_a_call_with_someone_is_talks():
    doc = parse(
        """
Ruiz~ 2 poss PROPN NNP Ruiz
's 0 case PART POS 's
Call 2 ROOT PROPN NNP Call
with 2 prep ADP IN with
Novak 3 pobj PROPN NNP Novak
""",
        {"0-0": "PERSON", "4-4": "PERSON"},
    )
    assert only(doc, "Talks").props == {"side": ["ruiz", "novak"]}


def test_a_title_naming_no_country_takes_the_articles_main_one_with_a_note():
    doc = parse(
        """
Kenya 1 nsubj PROPN NNP Kenya
agreed 1 ROOT VERB VBD agree
. 1 punct PUNCT . .
President 5 compound PROPN NNP President
Ruiz 5 nsubj PROPN NNP Ruiz
arrived 5 ROOT VERB VBD arrive
""",
        {"0-0": "GPE", "4-4": "PERSON"},
    )
    post = only(doc, "Post")
    assert post.props == {"heldBy": ["ruiz"], "postIn": ["kenya"]}
    assert "names none" in post.notes[0]


def entity_labels(doc: Doc) -> dict[str, str]:
    proposal = propose_doc(doc, KnownNames(), vocabulary())
    return {n.label: n.a[0] for n in proposal.nodes if not vocabulary().is_claim(n.a)}


def test_a_surname_tagged_otherwise_is_the_person_and_a_department_in_a_title_is_no_entity():
    doc = parse(
        """
Secretary 3 compound PROPN NNP Secretary
of 0 prep ADP IN of
Defense 1 pobj PROPN NNP Defense
Dana 4 compound PROPN NNP Dana
White 5 nsubj PROPN NNP White
spoke 5 ROOT VERB VBD speak
. 5 punct PUNCT . .
White 8 nsubj PROPN NNP White
said 8 ROOT VERB VBD say
it 10 nsubj PRON PRP it
ended 8 ccomp VERB VBD end
""",
        {"2-2": "ORG", "3-4": "PERSON", "7-7": "ORG"},
    )
    assert entity_labels(doc) == {"Dana White": "Person"}
    assert only(doc, "Statement").props["speaker"] == ["dana-white"]


def test_a_country_pair_and_a_name_across_a_line_break_are_no_entities():
    doc = parse(
        """
U.S.-Japan 1 compound PROPN NNP U.S.-Japan
ties 1 ROOT NOUN NNS tie
Readout~ 1 appos PROPN NNP Readout
\\n~ 2 dep SPACE _SP \\n
Kenya 1 appos PROPN NNP Kenya
""",
        {"0-0": "ORG", "2-4": "ORG"},
    )
    assert entity_labels(doc) == {}


def test_a_title_after_the_name_and_a_lower_case_title_are_posts():
    doc = parse(
        """
Ivan 1 compound PROPN NNP Ivan
Bogdanov~ 7 nsubj PROPN NNP Bogdanov
, 1 punct PUNCT , ,
Russia~ 6 poss PROPN NNP Russia
’s 3 case PART POS ’s
Deputy 6 compound PROPN NNP Deputy
Minister 1 appos PROPN NNP Minister
arrived 7 ROOT VERB VBD arrive
. 7 punct PUNCT . .
chief 10 amod ADJ JJ chief
spokesperson 12 compound NOUN NN spokesperson
Ana 12 compound PROPN NNP Ana
Ruiz 13 nsubj PROPN NNP Ruiz
spoke 13 ROOT VERB VBD speak
""",
        {"0-1": "PERSON", "3-3": "GPE", "11-12": "PERSON"},
    )
    posts = {c.label: c for c in claims(doc) if c.a == ["Post"]}
    assert posts["Russia’s Deputy Minister"].props == {"heldBy": ["ivan-bogdanov"], "postIn": ["russia"]}
    assert doc.text[posts["Russia’s Deputy Minister"].evidence[0].begin :].startswith("Ivan Bogdanov, Russia")
    assert posts["chief spokesperson"].props["heldBy"] == ["ana-ruiz"]


def test_cooperation_between_two_and_a_cooperation_looked_forward_to_is_planned():
    doc = parse(
        """
cooperation 0 ROOT NOUN NN cooperation
between 0 prep ADP IN between
Kenya 1 pobj PROPN NNP Kenya
and 2 cc CCONJ CC and
Chad 2 conj PROPN NNP Chad
""",
        {"2-2": "GPE", "4-4": "GPE"},
    )
    assert only(doc, "Cooperation").props == {"actor": ["kenya", "chad"]}
    forward = parse(
        """
Kenya 1 nsubj PROPN NNP Kenya
looks 1 ROOT VERB VBZ look
forward 1 advmod ADV RB forward
to 2 prep ADP IN to
cooperation 3 pobj NOUN NN cooperation
""",
        {"0-0": "GPE"},
    )
    cooperation = only(forward, "Cooperation")
    assert cooperation.props == {"actor": ["kenya"]}
    assert cooperation.status == "planned"


def test_cooperation_is_of_who_takes_it_up_not_of_who_speaks_of_it():
    agreed = parse(
        """
Kenya 3 nsubj PROPN NNP Kenya
and 0 cc CCONJ CC and
Chad 0 conj PROPN NNP Chad
agreed 3 ROOT VERB VBD agree
on 3 prep ADP IN on
closer 6 amod ADJ JJR close
coordination 4 pobj NOUN NN coordination
""",
        {"0-0": "GPE", "2-2": "GPE"},
    )
    assert only(agreed, "Cooperation").props == {"actor": ["kenya", "chad"]}
    stressed = parse(
        """
Kenya 1 nsubj PROPN NNP Kenya
stressed 1 ROOT VERB VBD stress
the 3 det DET DT the
importance 1 dobj NOUN NN importance
of 3 prep ADP IN of
cooperation 4 pobj NOUN NN cooperation
in 5 prep ADP IN in
the 9 det DET DT the
Alliance 9 compound PROPN NNP Alliance
Coordination 6 pobj PROPN NNP Coordination
""",
        {"0-0": "GPE"},
    )
    assert [c for c in claims(stressed) if c.a == ["Cooperation"]] == []


def test_a_headline_is_not_a_statement():
    doc = parse(
        """
Ruiz 1 nsubj PROPN NNP Ruiz
Welcomes 1 ROOT VERB VBZ welcome
Novak~ 1 dobj PROPN NNP Novak
\\n~ 1 dep SPACE _SP \\n
Ruiz 5 nsubj PROPN NNP Ruiz
welcomed 5 ROOT VERB VBD welcome
Novak~ 5 dobj PROPN NNP Novak
. 5 punct PUNCT . .
""",
        {"0-0": "PERSON", "2-2": "PERSON", "4-4": "PERSON", "6-6": "PERSON"},
    )
    statement = only(doc, "Statement")
    assert doc.text[statement.evidence[0].begin :].startswith("Ruiz welcomed")


def test_a_place_does_not_speak_and_a_visit_with_no_role_is_left_out():
    doc = parse(
        """
Pentagon 1 nsubj PROPN NNP Pentagon
said 1 ROOT VERB VBD say
it 3 nsubj PRON PRP it
ended 1 ccomp VERB VBD end
""",
        {"0-0": "FAC"},
    )
    assert claims(doc) == []
    alone = parse("the 1 det DET DT the\nvisit 2 nsubj NOUN NN visit\nended 2 ROOT VERB VBD end")
    assert claims(alone) == []


def test_a_long_text_is_read_in_pieces_with_the_texts_own_offsets():
    from kg.draft.nlp import read

    text = "Ana Ruiz visited Kenya.\n" * 30 + "A last line with no break"
    doc = read(spacy.blank("en"), text, chunk=100)
    assert doc.text == text
    assert [t.idx for t in doc if t.text == "Kenya"][-1] == text.rindex("Kenya")
    long_line = "word " * 60
    assert read(spacy.blank("en"), long_line, chunk=50).text == long_line


def test_classes_from_head_words_and_the_gazetteer_and_a_known_facilitys_host_country():
    doc = parse(
        """
Erbil 1 nsubj PROPN NNP Erbil
joined 1 ROOT VERB VBD join
the 4 det DET DT the
Global 4 compound PROPN NNP Global
Coalition 1 dobj NOUN NN coalition
at 1 prep ADP IN at
the 7 det DET DT the
Citadel 5 pobj PROPN NNP Citadel
in 7 prep ADP IN in
Kenya~ 8 pobj PROPN NNP Kenya
. 1 punct PUNCT . .
""",
        {"0-0": "GPE", "3-4": "ORG", "7-7": "FAC", "9-9": "GPE"},
    )
    corpus = KnownNames(
        [
            Known("Citadel", classes=("Facility",), entity="citadel", props=(("hostCountry", "kenya"),)),
            Known("Kenya", classes=("Country",), entity="kenya"),
        ]
    )
    nodes = {n.id: n for n in propose_doc(doc, corpus, vocabulary()).nodes}
    assert nodes["erbil"].a == ["City"]  # a "GPE" the gazetteer knows as a city
    assert nodes["global-coalition"].a == ["InternationalBody"]  # the rules' head words
    assert nodes["kenya"].a == ["Country"]
    assert nodes["citadel"].a == ["Facility"] and nodes["citadel"].props == {"hostCountry": ["kenya"]}


def test_a_transcripts_turn_and_quotes_attributable_to_a_person_are_statements():
    doc = parse(
        """
JANE 1 compound PROPN NNP Jane
ROE~ 6 nsubj PROPN NNP Roe
, 1 punct PUNCT , ,
PRIME 4 compound PROPN NNP Prime
MINISTER~ 1 appos PROPN NNP Minister
: 6 punct PUNCT : :
Welcome~ 6 ROOT VERB VB welcome
. 6 punct PUNCT . .
\\n~ 7 dep SPACE _SP \\n
Quotes 9 ROOT NOUN NNS quote
attributable 9 amod ADJ JJ attributable
to 10 prep ADP IN to
Ana 13 compound PROPN NNP Ana
Ruiz~ 11 pobj PROPN NNP Ruiz
:~ 9 punct PUNCT : :
\\n~ 14 dep SPACE _SP \\n
“~ 18 punct PUNCT `` “
We 18 nsubj PRON PRP we
agree~ 18 ROOT VERB VBP agree
.~ 18 punct PUNCT . .
” 18 punct PUNCT '' ”
""",
        {"0-1": "PERSON", "12-13": "PERSON"},
    )
    said = {c.props["speaker"][0]: c for c in claims(doc) if c.a == ["Statement"]}
    assert set(said) == {"jane-roe", "ana-ruiz"}
    turn, quoted = said["jane-roe"], said["ana-ruiz"]
    assert doc.text[turn.evidence[0].begin : turn.evidence[0].end] == "JANE ROE, PRIME MINISTER: Welcome."
    assert doc.text[turn.props["quote"][0].begin : turn.props["quote"][0].end] == "Welcome"
    assert doc.text[quoted.props["quote"][0].begin : quoted.props["quote"][0].end] == "We agree"


def test_an_event_named_with_its_time_is_an_event_that_happened():
    doc = parse(
        """
They 1 nsubj PRON PRP they
mourned 1 ROOT VERB VBD mourn
the 4 det DET DT the
recent 4 amod ADJ JJ recent
floods~ 1 dobj NOUN NNS flood
. 1 punct PUNCT . .
""",
    )
    event = only(doc, "Event")
    assert event.label == "recent floods" and event.status == "happened"
    assert event.props == {"timeDescription": ["recent"]}
    assert doc.text[event.evidence[0].begin : event.evidence[0].end] == "the recent floods"


def test_an_age_after_a_name_is_a_state_of_the_person():
    doc = parse(
        """
Ana 1 compound PROPN NNP Ana
Ruiz~ 5 nsubj PROPN NNP Ruiz
, 1 punct PUNCT , ,
58~ 1 appos NUM CD 58
, 1 punct PUNCT , ,
retired 5 ROOT VERB VBD retire
""",
        {"0-1": "PERSON"},
    )
    age = only(doc, "StateOfAffairs")
    assert age.props == {"stateOf": ["ana-ruiz"], "condition": ["58"]} and age.label == "Ana Ruiz is 58"
    assert doc.text[age.evidence[0].begin : age.evidence[0].end] == "Ana Ruiz, 58"


# -- the nlp pass of 2026-12-06: what is not said, agendas of their own sentence, the rules' claims ----
MET_THEN = """
Ruiz 1 nsubj PROPN NNP Ruiz
met 1 ROOT VERB VBD meet
Novak~ 1 dobj PROPN NNP Novak
. 1 punct PUNCT . .
{subject}
discussed 6 ROOT VERB VBD discuss
trade~ 6 dobj NOUN NN trade
. 6 punct PUNCT . .
"""


def test_an_agenda_item_is_of_the_meeting_of_its_sentence_or_of_they_who_discussed_it():
    ents = {"0-0": "PERSON", "2-2": "PERSON"}
    alone = parse(MET_THEN.format(subject="Ruiz 6 nsubj PROPN NNP Ruiz\nalso 6 advmod ADV RB also"), ents)
    assert [c.a for c in claims(alone)] == [["Meeting"]]  # one of them discussing it: not said to be at the meeting
    they = parse(MET_THEN.format(subject="They 6 nsubj PRON PRP they\nalso 6 advmod ADV RB also"), ents)
    # "They also discussed X" after the meeting: X is on that meeting's agenda, and no new talks
    assert [c.a for c in claims(they)] == [["Meeting"], ["AgendaItem"]]
    assert only(they, "AgendaItem").props == {"agendaOf": [only(they, "Meeting").id]}
    two = parse(
        MET_THEN.format(subject="He 7 nsubj PRON PRP he\nand 4 cc CCONJ CC and\nNovak 4 conj PROPN NNP Novak")
        .replace("discussed 6", "discussed 7")
        .replace("trade~ 6", "trade~ 7")
        .replace(". 6", ". 7"),
        {**ents, "6-6": "PERSON"},
    )
    occasions = {c.id for c in claims(two) if c.a[0] in ("Talks", "Meeting")}
    assert only(two, "AgendaItem").props["agendaOf"][0] in occasions


def test_words_not_said_yet_or_not_said_are_no_statement():
    will = parse(
        """
Ruiz 2 nsubj PROPN NNP Ruiz
will 2 aux AUX MD will
welcome 2 ROOT VERB VB welcome
Novak 2 dobj PROPN NNP Novak
""",
        {"0-0": "PERSON", "3-3": "PERSON"},
    )
    assert claims(will) == []  # a welcome to come: no statement (the same words past are one)
    welcomed = parse(
        "Ruiz 1 nsubj PROPN NNP Ruiz\nwelcomed 1 ROOT VERB VBD welcome\nNovak 1 dobj PROPN NNP Novak",
        {"0-0": "PERSON", "2-2": "PERSON"},
    )
    assert only(welcomed, "Statement").props["speaker"] == ["ruiz"]
    negated = parse(
        """
Ruiz 3 nsubj PROPN NNP Ruiz
did 3 aux AUX VBD do
not 3 neg PART RB not
say 3 ROOT VERB VB say
Novak 5 nsubj PROPN NNP Novak
left 3 ccomp VERB VBD leave
""",
        {"0-0": "PERSON", "4-4": "PERSON"},
    )
    assert claims(negated) == []


def test_what_is_said_is_on_the_line_of_the_saying_verb():
    """ "Ruiz said:" and the paragraph after it, which the parser may run into the colon's sentence."""
    doc = parse(
        """
Ruiz 1 nsubj PROPN NNP Ruiz
said~ 1 ROOT VERB VBD say
: 1 punct PUNCT : :
\\n~ 1 dep SPACE _SP \\n
Trade 5 nsubj NOUN NN trade
grew 1 ccomp VERB VBD grow
""",
        {"0-0": "PERSON"},
    )
    assert "\n" in doc.text
    assert claims(doc) == []
    same_line = parse(
        "Ruiz 1 nsubj PROPN NNP Ruiz\nsaid 1 ROOT VERB VBD say\ntrade 3 nsubj NOUN NN trade\n"
        "grew 1 ccomp VERB VBD grow",
        {"0-0": "PERSON"},
    )
    assert only(same_line, "Statement").props["paraphrase"] == ["trade grew"]


ARRIVED = """
Ana 1 compound PROPN NNP Ana
Ruiz 2 nsubj PROPN NNP Ruiz
arrived 2 ROOT VERB VBD arrive
in 2 prep ADP IN in
Nairobi 3 pobj PROPN NNP Nairobi
today 2 npadvmod NOUN NN today
to 7 aux PART TO to
begin 2 advcl VERB VB begin
a 10 det DET DT a
two-day 10 amod ADJ JJ two-day
visit 7 dobj NOUN NN visit
to 10 prep ADP IN to
Kenya~ 11 pobj PROPN NNP Kenya
. 2 punct PUNCT . .
"""


def test_the_back_end_takes_the_rules_claims_onto_the_parses_entities():
    """The parse reads "a visit to Kenya" with no visitor; the rules' cue words read who began it. The
    rules' claim stands, on the parse's entities, and the name the rules could only guess a class for
    keeps the recogniser's."""
    doc = parse(ARRIVED, {"0-1": "PERSON", "4-4": "GPE", "12-12": "GPE"})
    assert [c.props for c in claims(doc) if c.a == ["DiplomaticVisit"]] == [{"destination": ["kenya"]}]
    backend = NlpBackend("hand-built", nlp=lambda text: doc)
    proposal = backend.propose(doc.text, KnownNames(), vocabulary())
    visits = [n for n in proposal.nodes if n.a == ["DiplomaticVisit"]]
    assert len(visits) == 1
    ruiz = next(n for n in proposal.nodes if n.label == "Ana Ruiz")
    assert ruiz.a == ["Person"]
    assert visits[0].props == {"visitor": [ruiz.id], "destination": ["kenya"]}
    assert backend.recipe().startswith("nlp sha256:")


def test_the_value_of_a_partnership_is_no_cooperation_and_a_partnership_between_two_is():
    spec = """
Ruiz 1 nsubj PROPN NNP Ruiz
lauded 1 ROOT VERB VBD laud
the 3 det DET DT the
{noun} 1 dobj NOUN NN {noun}
of 3 prep ADP IN of
the 6 det DET DT the
partnership 4 pobj NOUN NN partnership
between 6 prep ADP IN between
Kenya 7 pobj PROPN NNP Kenya
and 8 cc CCONJ CC and
Peru 8 conj PROPN NNP Peru
"""
    ents = {"0-0": "PERSON", "8-8": "GPE", "10-10": "GPE"}
    assert not [c for c in claims(parse(spec.format(noun="value"), ents)) if c.a == ["Cooperation"]]
    assert only(parse(spec.format(noun="renewal"), ents), "Cooperation").props["actor"] == ["kenya", "peru"]


def test_what_a_sentence_denies_is_no_claim_of_the_parse():
    """ "Kenya denied that it signed an accord with Chad": the parse's sign rule made an agreement, the
    opposite of what the sentence reports (kg.draft.denials)."""

    def reported(word: str, lemma: str) -> Doc:
        return parse(
            f"""
Kenya 1 nsubj PROPN NNP Kenya
{word} 1 ROOT VERB VBD {lemma}
that 5 mark SCONJ IN that
it 5 nsubj PRON PRP it
signed 1 ccomp VERB VBD sign
an 7 det DET DT an
accord 5 dobj NOUN NN accord
with 5 prep ADP IN with
Chad 8 pobj PROPN NNP Chad
""",
            {"0-0": "GPE", "8-8": "GPE"},
        )

    assert not [c for c in claims(reported("denied", "deny")) if c.a == ["Agreement"]]
    said = reported("said", "say")
    assert [c for c in claims(said) if c.a == ["Agreement"]]  # what is said, not denied, stays
