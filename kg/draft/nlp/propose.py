"""A Doc becomes a proposal: entity nodes from ``entities``, a claim for each trigger the role rules
read (``roles``), with the sentence as evidence, a status from the parse, and the speaker as source
when the trigger is part of what someone said. The same event read twice (a headline and its lead)
is one claim with two pieces of evidence.
"""

import re

from kg.draft import gazetteer
from kg.draft.denials import denied_clause
from kg.draft.known import KnownNames, slug
from kg.draft.model import DraftNode, Located, Proposal, TextSpan
from kg.draft.nlp.entities import Entities
from kg.draft.nlp.parse import status, subjects
from kg.draft.nlp.posts import posts
from kg.draft.nlp.roles import ROLES, SAY, Found
from kg.draft.rules import cues
from kg.draft.schema import DraftVocabulary
from kg.draft.text import paragraphs

_UNORDERED = ("side", "party")
_QUOTED = re.compile(r"“([^”]+)”|\"([^\"]+)\"")
_DATELINE = re.compile(r"[(/]\s*([^()/\n]{2,40}?)\s*[)/]")
_NAMES = {
    "DiplomaticVisit": "visit",
    "Meeting": "meeting",
    "Talks": "talks",
    "Agreement": "agreement",
    "Appointment": "appointment",
    "Statement": "statement",
    "JointStatement": "joint statement",
    "AgendaItem": "agenda item",
    "Cooperation": "cooperation",
    "MilitaryPresence": "military presence",
    "Withdrawal": "withdrawal",
}


def _denied(text: str, token) -> bool:
    """Whether the token lies in the words its sentence denies."""
    sent = token.sent
    m = denied_clause(text, sent.start_char, sent.end_char)
    return m is not None and m.end() <= token.idx


def propose_doc(doc, corpus: KnownNames, vocab: DraftVocabulary) -> Proposal:
    ents = Entities(doc, corpus)
    post_nodes = posts(doc, ents)  # first: a title names its holder in the roles ("the Defence Secretary")
    claims: list[DraftNode[Located]] = []
    said: dict[int, DraftNode[Located]] = {}  # token index of a saying verb -> its statement
    events: dict[tuple, DraftNode[Located]] = {}  # ``_event_key`` -> the claim made for it
    paras = paragraphs(ents.text)
    headings = [(p.begin, p.end) for p in paras if p.heading]
    headlines = headings if any(not p.heading for p in paras) else []  # a heading over a body, not a one-liner
    for token in sorted(doc, key=lambda t: (t.lemma_.lower() not in SAY, t.i)):  # statements first: events cite them
        rule = ROLES.get(token.lemma_.lower())
        found = rule(ents, token) if rule else None
        for one in found if isinstance(found, list) else [found] if found else []:
            if one.cls in ("Statement", "JointStatement") and any(b <= token.idx < e for b, e in headlines):
                continue  # "Mattis Welcomes British Counterpart": a headline, not what he said
            if one.cls not in ("Statement", "JointStatement") and _denied(ents.text, token):
                continue  # "India denied that it had signed an agreement": no agreement (kg.draft.denials)
            _claim(ents, token, one, claims, said, events)
    _turns(ents, claims)
    _attributed(ents, claims)
    _past_events(ents.text, claims, headings)
    _ages(ents, claims)
    publisher = _publisher(ents.text, ents)  # before the nodes: it makes its entity a NewsPublisher
    dateline = _dateline(ents, publisher)
    if dateline is not None:
        claims.insert(0, dateline)
        publisher = dateline.reported_by or publisher
    nodes: list[DraftNode[Located]] = [
        DraftNode(
            e.key,
            [e.cls],
            e.label,
            mentions=[TextSpan(b, e_) for b, e_ in e.spans],
            entity=e.entity,
            props=_known_props(corpus, e.entity, ents),
        )
        for e in ents.by_key.values()
    ]
    nodes += claims + post_nodes
    sections: list[Located] = [TextSpan(b, e) for b, e in headings]
    defaults = {"according_to": publisher, "reported_by": publisher} if publisher else {}
    return Proposal(nodes, {"publisher": publisher} if publisher else {}, sections, defaults)


def _known_props(corpus: KnownNames, entity: str | None, ents: Entities) -> dict:
    """The entity-list properties of a known entity that name another entity of the draft ("Pentagon":
    hostCountry united-states), as the rules back-end keeps them: a facility needs its host country."""
    if entity is None:
        return {}
    known = next((k for k in corpus.known if k.entity == entity), None)
    props: dict[str, list] = {}
    for prop, value in known.props if known else ():
        if isinstance(value, str) and value in ents.by_key:
            props.setdefault(prop, []).append(value)
    return props


def _claim(ents: Entities, token, found: Found, claims: list[DraftNode[Located]], said: dict, events: dict) -> None:
    """The claim ``found`` at ``token``, or more evidence for the same claim made before."""
    sentence = token.sent
    evidence = _evidence(ents.text, sentence, token.idx)
    if (
        found.cls == "Talks"
        and token.lemma_.lower() == "discuss"
        and not any(ents.of(s) is not None for s in subjects(token))
        and any(c.a[0] in ("Talks", "Meeting") for c in claims)
    ):
        return  # "They also discussed X" after a meeting: that meeting (X on its agenda), not new talks
    if found.cls == "AgendaItem":
        event = next(
            (c for c in reversed(claims) if c.a[0] in ("Talks", "Meeting") and _begin(c) <= evidence.begin), None
        )
        if event is None or not (_within_sentence(event, evidence) or _plural_subject(token)):
            return  # "a chance to discuss X", "Ruiz also discussed X": no talks or meeting of that sentence
        found.props["agendaOf"] = [event.id]
    key = _event_key(found)
    claim = events.get(key) if key is not None else None
    if claim is not None:
        claim.evidence.append(evidence)
        return
    claim = DraftNode(f"{_NAMES[found.cls].replace(' ', '-')}-{len(claims) + 1}", [found.cls])
    claim.label = _label(ents, found)
    claim.evidence = [evidence]
    claim.status = status(token)
    claim.props = dict(found.props)
    if found.cls in ("Statement", "JointStatement"):
        quote = _QUOTED.search(sentence.text)
        if quote:
            which = 1 if quote.group(1) is not None else 2
            begin = sentence.start_char + quote.start(which)
            claim.props["quote"] = [TextSpan(begin, sentence.start_char + quote.end(which))]
        elif "paraphrase" not in claim.props:
            return  # nothing said to state: no statement
        said[token.i] = claim
    else:
        statement = next((said[a.i] for a in token.ancestors if a.i in said), None)
        if statement is not None:
            claim.according_to = statement.props["speaker"][0]
            claim.props["derivedFromStatement"] = [statement.id]
    claims.append(claim)
    if key is not None:
        events[key] = claim


def _turns(ents: Entities, claims: list[DraftNode[Located]]) -> None:
    """ "JANE ROE, PRIME MINISTER: Thank you. ...": a transcript's turn, to the end of its line, is one
    statement by the person its label names (the rules' pattern); what the parse read as statements
    inside it ("I think ...") gives way to it."""
    for m in cues.TRANSCRIPT_TURN.finditer(ents.text):
        person = next(
            (
                e
                for e in ents.by_key.values()
                if e.cls == "Person" and any(m.start(1) <= b and end <= m.end(1) for b, end in e.spans)
            ),
            None,
        )
        if person is None:
            continue
        line_end = ents.text.find("\n", m.end())
        end = len(ents.text[: len(ents.text) if line_end < 0 else line_end].rstrip())
        quote_end = end - (1 if ents.text[end - 1] in ".!?" else 0)
        claims[:] = [c for c in claims if not (c.a[0] == "Statement" and m.start() <= _begin(c) < end)]
        node: DraftNode[Located] = DraftNode(f"statement-{len(claims) + 1}", ["Statement"])
        node.label = f"statement by {person.label}"
        node.evidence = [TextSpan(m.start(), end)]
        node.status = "happened"
        node.props = {"speaker": [person.key], "quote": [TextSpan(m.end(), quote_end)]}
        claims.append(node)


def _attributed(ents: Entities, claims: list[DraftNode[Located]]) -> None:
    """ "Quotes attributable to Prime Minister Jane Roe:" and the paragraphs in quotation marks after it:
    each paragraph a statement by that person (the rules' pattern)."""
    text = ents.text
    for line in re.finditer(r"^[^\n]*$", text, re.M):
        m = cues.ATTRIBUTABLE.fullmatch(text, line.start(), line.end())
        person = m and next(
            (
                e
                for e in ents.by_key.values()
                if e.cls == "Person" and any(m.start(1) <= b and end <= m.end(1) for b, end in e.spans)
            ),
            None,
        )
        if not m or person is None:
            continue
        at = line.end() + 1
        while at < len(text) and text[at] in '“"':
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
            stop = len(text[:end].rstrip())
            quote_end = stop
            while quote_end > at and text[quote_end - 1] in '”"':
                quote_end -= 1
            quote_end -= 1 if text[quote_end - 1] in ".!?" else 0
            claims[:] = [c for c in claims if not (c.a[0] == "Statement" and at <= _begin(c) < stop)]
            node: DraftNode[Located] = DraftNode(f"statement-{len(claims) + 1}", ["Statement"])
            node.label = f"statement by {person.label}"
            node.evidence = [TextSpan(at, stop)]
            node.status = "happened"
            node.props = {"speaker": [person.key], "quote": [TextSpan(at + 1, quote_end)]}
            claims.append(node)
            at = end + 1


def _past_events(text: str, claims: list[DraftNode[Located]], headings: list[tuple[int, int]]) -> None:
    """ "the recent San Bernardino shootings", "this week’s vote on Syrian airstrikes": an event named with
    the time it took place (the rules' pattern), one claim however often it is named."""
    made: dict[str, DraftNode[Located]] = {}
    for m in cues.PAST_EVENT.finditer(text):
        if any(b <= m.start() < e for b, e in headings):
            continue
        key = m.group("time").lower() + " " + m.group("noun").lower()
        if key in made:
            made[key].evidence.append(TextSpan(m.start(), m.end()))
            continue
        words = re.sub(r"^(?:[Tt]he|[Tt]his|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)\s+", "", m.group(0))
        node: DraftNode[Located] = DraftNode(f"event-{len(claims) + 1}", ["Event"], words)
        node.evidence = [TextSpan(m.start(), m.end())]
        node.status = "happened"
        node.props = {"timeDescription": [re.sub(r"[’']s$", "", m.group("time"))]}
        claims.append(node)
        made[key] = node


def _ages(ents: Entities, claims: list[DraftNode[Located]]) -> None:
    """ "Satterfield, 67, who has ...": a person's age set off after the name, a state of affairs of the
    person (the rules' reading; once a person)."""
    for ent in ents.by_key.values():
        if ent.cls != "Person":
            continue
        for begin, end in sorted(ent.spans):
            m = re.match(r",\s+(\d{2}),", ents.text[end : end + 6])
            if m is None:
                continue
            node: DraftNode[Located] = DraftNode(f"age-{len(claims) + 1}", ["StateOfAffairs"])
            node.label = f"{ent.label} is {m.group(1)}"
            node.evidence = [TextSpan(begin, end + m.end(1))]
            node.status = "ongoing"
            node.props = {"stateOf": [ent.key], "condition": [m.group(1)]}
            claims.append(node)
            break


def _within_sentence(claim: DraftNode[Located], sentence: TextSpan) -> bool:
    return any(isinstance(e, TextSpan) and sentence.begin <= e.begin < sentence.end for e in claim.evidence)


def _plural_subject(token) -> bool:
    """ "They discussed", "the two ministers discussed", "he and the Prime Minister discussed": the sides
    of talks or a meeting read before."""
    subject = subjects(token)
    return len(subject) > 1 or any(s.lower_ == "they" or s.tag_ in ("NNS", "NNPS") for s in subject)


def _begin(claim: DraftNode[Located]) -> int:
    first = claim.evidence[0]
    return first.begin if isinstance(first, TextSpan) else 0


def _evidence(text: str, sentence, at: int) -> TextSpan:
    """The sentence around ``at``, within its line: a pipeline may run a heading into the next line."""
    line_begin = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at)
    begin = max(sentence.start_char, line_begin)
    end = min(sentence.end_char, len(text) if line_end < 0 else line_end)
    while end > begin and text[end - 1].isspace():
        end -= 1
    while begin < end and text[begin].isspace():
        begin += 1
    return TextSpan(begin, end)


def _event_key(found: Found) -> tuple | None:
    """What makes two readings one event: the class and the roles (and an agenda item's words);
    None for statements, each its own, and for a claim with no role to tell it by."""
    if found.cls in ("Statement", "JointStatement") or not found.props:
        return None
    # the sides of talks and the parties of an agreement have no order: "A held talks with B" is "B ... with A"
    roles = tuple(
        sorted(
            (k, tuple(sorted(map(str, v)) if k in _UNORDERED else map(str, v)))
            for k, v in found.props.items()
            if k != "derivedFromStatement"
        )
    )
    return (found.cls, found.label if found.cls == "AgendaItem" else "", roles)


def _label(ents: Entities, found: Found) -> str:
    names = {k: ent.label for k, ent in ents.by_key.items()}

    def who(prop: str) -> str:
        return " and ".join(names.get(v, str(v)) for v in found.props.get(prop, []))

    cls, name = found.cls, _NAMES[found.cls]
    parts = {
        "DiplomaticVisit": [("of", "visitor"), ("to", "destination")],
        "Meeting": [("of", "participant"), ("with", "counterpart")],
        "Talks": [("between", "side")],
        "Agreement": [("of", "party")],
        "Appointment": [("of", "appointee"), ("by", "actor")],
        "Statement": [("by", "speaker")],
        "JointStatement": [("by", "speaker")],
        "AgendaItem": [],
        "Cooperation": [("of", "actor")],
        "MilitaryPresence": [("of", "actor"), ("in", "location")],
        "Withdrawal": [("by", "actor")],
    }[cls]
    words = [found.label or name] + [f"{prep} {who(prop)}" for prep, prop in parts if found.props.get(prop)]
    return " ".join(words)


def _dateline(ents: Entities, publisher: str | None) -> DraftNode[Located] | None:
    """ "BEIJING, Dec. 12 (Xinhua) --", "MOSCOW, March 3. /TASS/.", "NAIROBI, Kenya (AP) —" (the rules'
    pattern): an editorial note with its city (the pipeline often takes a city in capitals for a country
    or a person) and its date; the agency is the publisher, made when the pipeline did not tag it."""
    m = cues.DATELINE.search(ents.text)
    if m is None or ents.text[: m.start()].count("\n") > 2:
        return None
    which = "agency" if m.group("agency") else "wire" if m.group("wire") else None
    if which and publisher is None:
        span = m.span(which)
        agency = ents.at(*span) or ents.named(m.group(which), "NewsPublisher", span)
        agency.cls = "NewsPublisher"
        publisher = agency.key
    name = m.group("place").title()
    city = gazetteer.city(name)
    place = ents.at(*m.span("place"))
    if city is None and (place is None or place.cls != "City"):
        return None
    if place is None:
        place = ents.named(city.name if city else name, "City", m.span("place"))
    elif place.entity is None:
        place.cls, place.label = "City", city.name if city else place.label
    note: DraftNode[Located] = DraftNode(f"dateline-{slug(name)}", ["EditorialNote"], f"dateline {name}")
    note.evidence = [TextSpan(m.start(), m.end())]
    note.status = "happened"
    note.reported_by = publisher
    note.props = {"about": ["article"], "location": [place.key]}
    if m.group("date"):
        note.props["timeDescription"] = [m.group("date")]
    return note


def _publisher(text: str, ents: Entities) -> str | None:
    """The news publisher of a dateline ("BEIJING, Dec. 12 (Xinhua) --", "/TASS/") near the start."""
    for match in _DATELINE.finditer(text[:300]):
        begin, end = match.span(1)
        for ent in ents.by_key.values():
            if ent.cls in ("NewsPublisher", "Organization") and any(begin <= b and e <= end for b, e in ent.spans):
                ent.cls = "NewsPublisher"
                return ent.key
    return None
