"""How the nlp back-end takes the rules back-end's claims (``kg.draft.nlp.combine``), on hand-built
proposals of one invented text: which reading of a claim stands, and onto which entity a role moves.
No spaCy needed."""

from kg.draft.model import DraftNode, Proposal, TextSpan
from kg.draft.nlp.combine import combine
from kg.draft.schema import vocabulary

TEXT = "Ruiz Visits Kenya\n\nThe Pentagon said Dana Roe, UAE envoy, met Ana Ruiz. Ruiz and Roe held talks."
VOCAB = vocabulary()


def at(words: str, nth: int = 0) -> TextSpan:
    begin = -1
    for _ in range(nth + 1):
        begin = TEXT.index(words, begin + 1)
    return TextSpan(begin, begin + len(words))


def entity(node_id: str, cls: str, *spans: TextSpan, known: str | None = None, notes=()) -> DraftNode:
    return DraftNode(node_id, [cls], node_id, mentions=list(spans), entity=known, notes=list(notes))


def claim(node_id: str, cls: str, evidence: list[TextSpan], **props) -> DraftNode:
    return DraftNode(node_id, [cls], node_id, evidence=evidence, status="happened", props=props)


def by_id(proposal: Proposal) -> dict[str, DraftNode]:
    return {n.id: n for n in proposal.nodes}


def test_where_both_read_a_claim_the_rules_stands_and_what_referred_to_the_parses_follows():
    sentence = at("The Pentagon said Dana Roe, UAE envoy, met Ana Ruiz.")
    parsed = Proposal(
        [
            entity("ruiz", "Person", at("Ana Ruiz")),
            entity("roe", "Person", at("Dana Roe")),
            claim("meeting-1", "Meeting", [sentence], counterpart=["ruiz"]),
            claim("agenda-item-2", "AgendaItem", [sentence], agendaOf=["meeting-1"]),
        ]
    )
    ruled = Proposal(
        [
            entity("ana-ruiz", "Person", at("Ana Ruiz")),
            entity("dana-roe", "Person", at("Dana Roe")),
            claim("meeting", "Meeting", [sentence], participant=["dana-roe"], counterpart=["ana-ruiz"]),
        ]
    )
    nodes = by_id(combine(parsed, ruled, VOCAB))
    assert "meeting-1" not in nodes
    assert nodes["meeting"].props == {"participant": ["roe"], "counterpart": ["ruiz"]}
    assert nodes["agenda-item-2"].props == {"agendaOf": ["meeting"]}
    assert "ana-ruiz" not in nodes and "dana-roe" not in nodes  # the parse's entities, not a second node


def test_a_role_moves_to_an_entity_of_a_compatible_class_or_comes_with_the_rules_entity():
    """ "The Pentagon" is a facility to the parse and the Department of Defense to the rules (two corpus
    entities): the department comes along, without the facility's mention; "UAE" an organisation to the
    recogniser and a country to the rules is the country; a class the rules only guessed gives way."""
    post = claim("post-roe", "Post", [at("Dana Roe, UAE envoy")], heldBy=["dana-roe"], postIn=["uae-country"])
    said = claim("statement", "Statement", [at("The Pentagon said")], speaker=["dod"])
    parsed = Proposal(
        [
            entity("pentagon", "Facility", at("Pentagon"), known="pentagon"),
            entity("roe", "Person", at("Dana Roe")),
            entity("uae", "Organization", at("UAE")),
            entity("ruiz", "Person", at("Ana Ruiz"), at("Ruiz", 2)),
        ]
    )
    ruled = Proposal(
        [
            entity("dod", "Ministry", at("Pentagon"), known="us-department-of-defense"),
            entity("dana-roe", "Person", at("Dana Roe")),
            entity("uae-country", "Country", at("UAE")),
            entity("ana-ruiz", "Organization", at("Ana Ruiz"), notes=["class not known and no cue found"]),
            post,
            said,
            claim("talks", "Talks", [at("Ruiz and Roe held talks.")], side=["ana-ruiz", "dana-roe"]),
        ]
    )
    nodes = by_id(combine(parsed, ruled, VOCAB))
    assert nodes["post-roe"].props == {"heldBy": ["roe"], "postIn": ["uae"]}
    assert nodes["uae"].a == ["Country"]
    assert nodes["statement"].props == {"speaker": ["dod"]}
    assert nodes["dod"].mentions == [] and nodes["dod"].entity == "us-department-of-defense"
    assert nodes["pentagon"].mentions == [at("Pentagon")]
    assert nodes["talks"].props == {"side": ["ruiz", "roe"]}
    assert nodes["ruiz"].a == ["Person"]


def test_an_entity_of_the_rules_inside_a_name_of_the_parse_is_left_out_of_the_role():
    parsed = Proposal([entity("ruiz", "Person", at("Ana Ruiz"))])
    ruled = Proposal(
        [
            entity("ana", "Place", at("Ana")),  # not a corpus entity, and a word of the parse's name
            claim("visit", "DiplomaticVisit", [at("Ruiz Visits Kenya")], destination=["ana"]),
        ]
    )
    nodes = by_id(combine(parsed, ruled, VOCAB))
    assert "ana" not in nodes
    assert nodes["visit"].props == {}


def test_a_headline_restating_a_claim_and_a_second_post_of_one_holder_are_one_claim():
    headline, lead = at("Ruiz Visits Kenya"), at("Ruiz and Roe held talks.")
    parsed = Proposal(
        [
            entity("ruiz", "Person", at("Ruiz"), at("Ana Ruiz")),
            entity("kenya", "Country", at("Kenya")),
            entity("uae", "Country", at("UAE")),
            claim("visit-1", "DiplomaticVisit", [headline], visitor=["ruiz"]),
            claim("post-1", "Post", [at("Ana Ruiz")], heldBy=["ruiz"], postIn=["kenya"]),
            claim("talks-2", "Talks", [at("met Ana Ruiz")], side=["ruiz", "uae"]),
        ],
        sections=[TextSpan(0, len("Ruiz Visits Kenya"))],
    )
    ruled = Proposal(
        [
            entity("ana-ruiz", "Person", at("Ana Ruiz")),
            entity("kenya-2", "Country", at("Kenya")),
            entity("uae-2", "Country", at("UAE")),
            claim("visit", "DiplomaticVisit", [lead], visitor=["ana-ruiz"], destination=["kenya-2"]),
            claim("post", "Post", [at("UAE envoy")], heldBy=["ana-ruiz"], postIn=["uae-2"]),
            claim("talks", "Talks", [lead], side=["uae-2", "ana-ruiz"]),
        ]
    )
    nodes = by_id(combine(parsed, ruled, VOCAB))
    assert "visit-1" not in nodes and nodes["visit"].evidence == [lead, headline]
    assert "post-1" not in nodes and nodes["post"].props == {"heldBy": ["ruiz"], "postIn": ["uae"]}
    assert "talks-2" not in nodes  # the same two sides: the same talks, read in another sentence
    claims = [n for n in nodes.values() if VOCAB.is_claim(n.a)]
    assert sorted(n.id for n in claims) == ["post", "talks", "visit"]


def test_a_claim_only_the_parse_read_stays_and_the_parses_defaults_win():
    parsed = Proposal(
        [
            entity("roe", "Person", at("Dana Roe")),
            claim("statement-1", "Statement", [at("Roe held talks")], speaker=["roe"]),
        ],
        defaults={"according_to": "roe"},
    )
    ruled = Proposal(
        [entity("dod", "Ministry", at("Pentagon"))], defaults={"according_to": "dod", "reported_by": "dod"}
    )
    combined = combine(parsed, ruled, VOCAB)
    assert "statement-1" in by_id(combined)
    assert combined.defaults == {"according_to": "roe", "reported_by": "dod"}


def test_what_two_agreed_read_as_a_shared_stance_by_the_rules_is_no_statement_of_the_parse():
    sentence = at("Ruiz and Roe held talks.")
    parsed = Proposal(
        [entity("ruiz", "Person", at("Ruiz", 2)), claim("statement-1", "Statement", [sentence], speaker=["ruiz"])]
    )
    ruled = Proposal([claim("stance", "SharedStance", [sentence])])
    assert [n.id for n in combine(parsed, ruled, VOCAB).nodes if VOCAB.is_claim(n.a)] == ["stance"]
