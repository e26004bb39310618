"""The roles of an event claim, from the words around its cue: one small function per claim class.

``ROLES`` maps a claim class to the function that fills its roles, so a new claim class is a new row
here, not a new branch. Each function reads the words around the cue (``begin``..``end``) within the
sentence (``unit``), sets a role only when it is not set yet (a later mention of the same event adds
what the first one left out), and returns where the claim's phrase ends when a role stretches it
("a delegation led by X"), else None.
"""

import re
from collections.abc import Callable

from kg.draft.rules import cues
from kg.draft.rules.reading import AGENT_CLASSES, Reading, RuleClaim, Unit

Made = dict[str, RuleClaim]  # the claims made so far in the sentence, by class
RoleRule = Callable[[Reading, RuleClaim, Unit, int, int, Made], int | None]


# "welcomed Hungarian Prime Minister Viktor Orban to Ankara": a host receiving a guest
_WELCOMED = re.compile(r"welcome[ds]?\s+(?:(?:the|his|her|their)\s+)?")
_TO_PLACE = re.compile(r"\s+(?:to|in)\s+(?:the\s+)?")


def hosted(r: Reading, verb: int, end: int) -> tuple[str, str, int] | None:
    """The guest, the place and where the place's name ends, when the verb at ``verb`` welcomes an agent
    (after a title, or right after the verb) to a place ("welcomed X to Ankara"): a visit, not words said."""
    m = _WELCOMED.match(r.lower, verb)
    if m is None:
        return None
    guests = [g for g in r.outermost(m.end(), end) if g[0] <= m.end() + 60 and r.is_a(g[2], "Person", "Organization")]
    title = next((t for t in r.names.titles if t.begin == m.end() and t.person in r.entities), None)
    first = guests[0] if guests else None
    if first is None or (first[0] != m.end() and title is None):
        return None
    to = _TO_PLACE.match(r.text, first[1])
    if to is None:
        return None
    place = next((p for p in r.mentions(first[1], end) if p[0] == to.end() and r.is_a(p[2], "Place")), None)
    return (first[2], place[2], place[1]) if place else None


def visit(r: Reading, claim: RuleClaim, unit: Unit, begin: int, end: int, made: Made) -> int | None:
    """The visitor (a delegation named in the sentence, else the agent before the cue) and the place after it."""
    ub, ue = unit
    delegation = made.get("Delegation")
    visitor = (
        ("claim:" + delegation.id) if delegation else r.last_before(r.clause_start(ub, begin), begin, *AGENT_CLASSES)
    )
    if not delegation and re.search(
        r"\b(?:during|on|of|at|after|before|throughout)\s+(?:his|her|their)\s+(?:[\w-]+\s+){0,2}$",
        r.lower[max(ub, begin - 40) : begin],
    ):
        # "A held talks with B as part of his visit to China": the visit is the subject's, not B's
        opening = r.outermost(ub, begin)
        subject = opening[0] if opening and _OPENING.fullmatch(r.text[ub : opening[0][0]]) else None
        visitor = subject[2] if subject and r.is_a(subject[2], *AGENT_CLASSES) else None
    if not delegation and _AND_VERB_BEFORE.search(r.lower, max(ub, begin - 60), begin):
        # "X spoke with Y on Tuesday and postponed a planned trip to Kyiv": the trip of the one who spoke
        # (the verb's subject opens the clause), not of Y, the last agent before the noun
        agents = [k for _, _, k in r.outermost(r.clause_start(ub, begin), begin) if r.is_a(k, *AGENT_CLASSES)]
        people = [k for k in agents if r.is_a(k, "Person")]
        visitor = (people or agents or [visitor or ""])[0] or None
    who = _WHO_IS.search(r.text, ub, begin)
    if visitor is None and who is not None:  # "X, Minister for Foreign Affairs of Japan, who is visiting Y,"
        persons = [k for _, _, k in r.outermost(ub, who.start()) if r.is_a(k, "Person")]
        visitor = persons[-1] if persons else None
    by = _VISIT_BY.match(r.text, end, ue)
    if by:  # "a planned visit to Dakar by French Defence Minister Claire Dubois": the visitor is named after it
        after = [k for _, _, k in r.outermost(by.end(), min(ue, by.end() + 60)) if r.is_a(k, *AGENT_CLASSES)]
        persons = [k for k in after if r.is_a(k, "Person")]
        visitor = (persons or after or [visitor or ""])[0] or None
    if visitor:
        claim.props.setdefault("visitor", [visitor])
    destination = r.first_after(end, min(ue, end + 40), "Place")
    if destination is None:  # "welcoming X to the UK when he makes his first overseas visit to the G7"
        to = [k for b, _, k in r.mentions(ub, begin) if re.search(r"\bto (?:the )?$", r.text[max(ub, b - 8) : b])]
        destination = next((k for k in reversed(to) if r.is_a(k, "Place")), None)
    if destination is None:  # "X arrived in Nairobi today to begin a two-day visit": where the visitor arrived
        arrived = [
            k
            for b, _, k in r.mentions(r.clause_start(ub, begin), begin)
            if _ARRIVED.search(r.lower, max(ub, b - 20), b) and r.is_a(k, "Place")
        ]
        destination = arrived[-1] if arrived else None
    if destination:
        claim.props.setdefault("destination", [destination])
    return None


# a verb joined by "and" whose object is the visit: "... and postponed a planned trip", "... and began a visit"
_AND_VERB_BEFORE = re.compile(
    r"\band\s+(?:then\s+|also\s+|later\s+)?(?:postponed|cancell?ed|called off|delayed|put off|made|paid|began"
    r"|started|ended|concluded|wrapped up|announced|planned)\s+(?:a|an|the|his|her|their|its)\s+(?:[\w-]+\s+){0,3}$"
)
_TITLED_OBJECT = re.compile(
    rf"\s+(?:(?:the|his|her|their|its)\s+)?(?:[\w’'-]+\s+){{0,3}}?(?:{cues.TITLE.pattern}|counterpart)"
    r"(?:\s+(?:of|for|to)\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)?){0,2},\s+",
    re.I,
)
_WHO_IS = re.compile(r",\s+who\s+(?:is|was|are|were|will\s+be|has\s+been|had\s+been)\s+(?:now\s+)?$")
_VISIT_BY = re.compile(r"(?:\s+to\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2})?\s+by\s+")
_ARRIVED = re.compile(r"\b(?:arrived|arrives|arriving|arrive|landed|lands)\s+in\s+(?:the\s+)?$")


_LEADS = re.compile(
    r"\s+(?:will\s+|would\s+|to\s+|is\s+to\s+)?(?:lead|leads|led|leading|head|heads|headed|heading)\s+"
    r"(?:an?|the|his|her|its)\s+(?:[\w.’'-]+\s+){0,3}$"
)
_INCLUDING = re.compile(r"[^.;]{0,60}?,?\s+(?:including|with|accompanied by)\s+")


def delegation(r: Reading, claim: RuleClaim, unit: Unit, begin: int, end: int, made: Made) -> int | None:
    """Who sent it (a demonym or a country's short form before the cue), its level, and who leads it
    ("led by", "headed by", "X would lead a U.S. delegation"), with its members ("including A and B")."""
    ub, ue = unit
    props = claim.props
    demonyms = list(re.finditer(cues.DEMONYM, r.text[max(ub, begin - 40) : begin]))
    at = max(ub, begin - 40)
    # "a Kenyan delegation": the country, added with the demonym as its mention when the text names it no other way
    country = (
        r.names.country_of(demonyms[-1].group(0), (at + demonyms[-1].start(), at + demonyms[-1].end()))
        if demonyms
        else None
    )
    if country is None:  # "the French delegation" (a demonym no suffix rule knows), "a delegation from Sudan"
        word = re.search(r"\b([A-Z][a-z]+)\s+(?:[a-z-]+\s+)?$", r.text[max(ub, begin - 30) : begin])
        country = r.names.country_of(word.group(1)) if word else None
        source = re.match(r"\s+from\s+", r.text[end:ue])
        at = end + source.end() if source else end
        named = r.outermost(at, min(ue, at + 40)) if source else []
        if country is None and named and named[0][0] == at and r.is_a(named[0][2], "Country"):
            country = named[0][2]
    if country is None:  # "a U.S. delegation": a country's short form right before the cue
        before = [k for b, e, k in r.outermost(max(ub, begin - 30), begin) if re.fullmatch(r"\s+", r.text[e:begin])]
        country = before[-1] if before and r.is_a(before[-1], "Country") else None
    if country:
        props.setdefault("sentBy", [country])
    leads = _LEADS.search(r.text, max(ub, begin - 80), begin)
    if leads and "leader" not in props:  # "Kerry would lead a U.S. delegation to Kuala Lumpur"
        heads = [k for b, e, k in r.outermost(max(ub, leads.start() - 60), leads.start()) if e <= leads.start()]
        if heads and r.is_a(heads[-1], "Person"):
            props["leader"] = [heads[-1]]
            members = _INCLUDING.match(r.text, end, ue)
            if members:  # ", including Secretary of Commerce Pritzker and U.S. Trade Representative Froman"
                found = [k for _, _, k in r.outermost(members.end(), ue) if r.is_a(k, "Person")]
                if found:
                    props["member"] = list(dict.fromkeys(found))
                    return r.last_end(end, ue, found[-1])
    level = cues.LEVEL.search(r.text, max(ub, begin - 40), end)
    if level:
        props.setdefault("level", [level.group(1)])
    led = cues.LED_BY.match(r.text[end:ue])
    if led:
        person = r.first_after(end + led.end(), min(ue, end + led.end() + 2 + 40), "Person")
        if person:
            props.setdefault("leader", [person])
            return r.last_end(end, ue, person)
    return None


# the verb whose object is the one met: "met X", "meets X", and "will meet X", "is expected to meet X"
# (the subject of "meet" is no counterpart when it has an object: it was taken for one)
_MEET_WITH_OBJECT = ("met", "meets", "meet")


def meeting(r: Reading, claim: RuleClaim, unit: Unit, begin: int, end: int, made: Made) -> int | None:
    """The participant (the subject) and the counterparts: the persons or bodies after "with", or the one
    "met" (its object), or "between", or before the cue; "the sides would meet": the sides of the talks or
    meeting reported before."""
    ub, ue = unit
    with_ = re.match(r"[^.;]{0,40}?\bwith\s+", r.text[end:ue])
    between = re.match(r"[^.;,]{0,20}?\bbetween\b[^.;,]*", r.text[end:ue])
    met = (
        re.match(r"\s+(?:(?:his|her|their|the)\s+)?", r.text[end:ue])
        if r.lower[begin:end] in _MEET_WITH_OBJECT
        else None
    )
    if (
        met
        and not any(b == end + met.end() for b, _, _ in r.mentions(end, ue))
        and not any(t.begin == end + met.end() for t in r.names.titles)
    ):
        met = None  # "met to reaffirm": no object
        titled = _TITLED_OBJECT.match(r.text[end:ue]) if r.lower[begin:end] in _MEET_WITH_OBJECT else None
        if titled and any(b == end + titled.end() and r.is_a(k, "Person") for b, _, k in r.mentions(end, ue)):
            met = titled  # "met the Ambassador of Brazil to India, Joao Pereira,": the person set off after the title
    start = subject_start(r, ub, begin)
    subject = r.last_before(start, begin, *AGENT_CLASSES)
    counterparts: list[str] = []
    if with_ or met:
        after = end + (with_ or met).end()  # type: ignore[union-attr]
        parties = parties_after(r, after, ue)
        if not parties and with_:  # "with Deputy Crown Prince and Minister of Defense ... Mohammed bin Salman"
            stop = re.search(r"[,;]|\s(?:to|at|on|in|during)\s", r.text[after:ue])
            clause = _agents(r, after, after + stop.start() if stop else ue)
            persons = [k for k in _agents(r, after, ue) if r.is_a(k, "Person")]
            parties = persons[:1] or clause[:1]
        counterparts = [k for k in parties if not r.is_a(k, "Country") and k != subject]
        if counterparts and subject and r.is_a(subject, "Person"):
            claim.props.setdefault("participant", [subject])
        if not counterparts and met and not with_ and r.lower[begin:end] == "meet":
            # "did not meet the French delegation": no party after it; those before it, as before
            counterparts = _agents(r, start, begin)
    elif between:
        counterparts = _agents(r, end, end + between.end())
    elif r.lower[begin:end] in ("met", "meet", "meets"):  # "Officials from Valdonia and Tessmark met"
        counterparts = _agents(r, start, begin)
    else:  # "A and B discussed ... during a meeting": the two who open the sentence
        counterparts = _pair_opening(r, ub, begin)
    if not counterparts and re.search(
        r"\b(?:the (?:two )?(?:leaders|ministers|sides)|both (?:leaders|ministers|sides)|they)\s+(?:\w+\s+){0,2}$",
        r.lower[start:begin],
    ):  # "the sides would meet again"
        earlier = next((c for c in reversed(r.of_class("Talks", "Meeting")) if c is not claim), None)
        counterparts = occasion_sides(r, earlier) if earlier is not None else []
    if counterparts:
        claim.props.setdefault("counterpart", list(dict.fromkeys(counterparts)))
    return None


def parties_after(r: Reading, begin: int, end: int) -> list[str]:
    """ "with A", "with A and B", "with A, B and C", each one the person whose title names a country
    (``party_after``): the list stops at the first word that is not a party or "and"."""
    found: list[str] = []
    lead = re.match(r"(?:the|his|her|their)\s+", r.text[begin:end])
    at = begin + (lead.end() if lead else 0)
    while at < end:
        title = next((t for t in r.names.titles if t.begin == at and t.person in r.entities), None)
        mentions = [m for m in r.outermost(at, end) if m[0] == at]
        owner = re.match(r"[’']s\s+", r.text[mentions[0][1] : end]) if mentions and title is None else None
        if owner is not None:  # "with the UK’s Ambassador Sir Peter Westmacott": the ambassador, not the UK
            title = next(
                (t for t in r.names.titles if t.begin == mentions[0][1] + owner.end() and t.person in r.entities),
                None,
            )
        if title is not None:
            key, e = title.person, title.end
        elif mentions:
            _, e, key = mentions[0]
        else:
            break
        if not r.is_a(key, *AGENT_CLASSES):
            break
        found.append(key)
        more = re.match(r"(?:,\s+(?:and\s+)?|\s+and\s+)(?:(?:the|his|her)\s+)?", r.text[e:end])
        if more is None:
            break
        at = e + more.end()
    return list(dict.fromkeys(found))


def _pair_opening(r: Reading, begin: int, end: int) -> list[str]:
    """The two persons a sentence opens with, "A and B" (each perhaps with a title), else none."""
    persons = [m for m in r.outermost(begin, end) if r.is_a(m[2], "Person")][:2]
    titles = "|".join(re.escape(w) for w in cues.TITLE_WORDS)
    if len(persons) != 2 or not re.fullmatch(
        rf"\s+and\s+(?:(?:[A-Z][\w.]*|{titles})\s+)*", r.text[persons[0][1] : persons[1][0]]
    ):
        return []
    opening = r.text[begin : persons[0][0]]
    if not re.fullmatch(rf"\s*(?:(?:[A-Z][\w.]*|{titles})\s+)*", opening):
        return []
    return [persons[0][2], persons[1][2]]


def subject_start(r: Reading, unit_begin: int, pos: int) -> int:
    """Where the subject of a verb at ``pos`` may begin: its clause, after a reporting verb ("White said
    Mattis and Williamson met": not White)."""
    start = r.clause_start(unit_begin, pos)
    said = list(re.finditer(rf"\b(?:{cues.REPORTING})(?:\s+that)?\s+", r.lower[start:pos]))
    if said and r.last_before(start + said[-1].end(), pos, *AGENT_CLASSES):
        return start + said[-1].end()
    return start  # "Mattis said he spoke with ...": the speaker is the subject


def party_after(r: Reading, begin: int, end: int) -> str | None:
    """The first agent after ``begin``, or the person whose title it is in ("with the President of Nigeria,
    Bola Ahmed Tinubu", "with British Defense Secretary Gavin Williamson": the person, not the country)."""
    for b, _, key in r.mentions(begin, end):
        title = next((t for t in r.names.titles if t.begin <= b < t.end and t.person != key), None)
        if title is not None and title.person in r.entities:
            return title.person
        if r.is_a(key, *AGENT_CLASSES):
            return key
    return None


def _agents(r: Reading, begin: int, end: int) -> list[str]:
    """The outermost mentions between ``begin`` and ``end`` that name agents."""
    return [k for _, _, k in r.outermost(begin, end) if r.is_a(k, *AGENT_CLASSES)]


def talks(r: Reading, claim: RuleClaim, unit: Unit, begin: int, end: int, made: Made) -> int | None:
    """The two sides: "talks between A and B", or the subject and the agent after "with"."""
    ub, ue = unit
    phrase_end = None
    between = re.match(r"[^,;.]{0,40}?\bbetween\s+", r.text[end:ue])
    if between:
        found = [r.agent(b, e, k) for b, e, k in r.outermost(end + between.end(), min(ue, end + between.end() + 80))]
        sides = list(dict.fromkeys(k for k in found if k))
        if len(sides) >= 2:
            claim.props.setdefault("side", sides[:2])
            phrase_end = r.last_end(end, ue, sides[1])
    with_ = (
        re.match(r"\s+with\s+", r.text[end:ue])
        or (  # "Biden called Barzani", "spoke to the President"
            re.match(r"\s+", r.text[end:ue]) if re.search(r"(?:called|spoke to)$", r.text[begin:end]) else None
        )
    )
    subject = r.last_before(subject_start(r, ub, begin), begin, *AGENT_CLASSES)
    fresh = claim.evidence[0][0] >= ub  # not "the talks" referring back to talks reported before
    if (
        subject is None
        and fresh
        and re.search(r"\b(?:he|she)\s+(?:[a-z]+\s+){0,3}$", r.text[r.clause_start(ub, begin) : begin])
    ):
        subject = previous_subject(r, unit)  # "Fallon began his trip .... He will hold talks with ..."
    if not between and with_ and subject:  # "Marsh will visit Lindor for talks with Reyle"
        other = party_after(r, end + with_.end(), min(ue, end + with_.end() + 60))
        if other and other != subject:
            claim.props.setdefault("side", [subject, other])
    if "side" not in claim.props and fresh and not between and not with_:  # "The President and Prime Minister X spoke"
        before = r.text[r.clause_start(ub, begin) : begin]
        agents = list(dict.fromkeys(_agents(r, r.clause_start(ub, begin), begin)))
        persons = [k for k in agents if r.is_a(k, "Person")]
        agents = persons if len(persons) == 2 else agents  # "A and Kenyan Minister B": the country is B's
        if len(agents) == 2 and re.search(r"\band\b", before) and not re.search(r"\b(?:said|told|that)\b", before):
            claim.props.setdefault("side", agents)
    if "side" not in claim.props and (
        cues.LEADERS.search(r.text, r.clause_start(ub, begin), begin)
        or _BOTH_SIDES.match(r.text, r.clause_start(ub, begin))
    ):
        # "The two leaders pledged to continue their dialogue", "Both sides committed to continued
        # discussions": the sides of the talks or meeting before (a side is no claim's main role)
        earlier = next((c for c in reversed(r.of_class("Talks", "Meeting")) if c is not claim), None)
        sides = occasion_sides(r, earlier) if earlier is not None else []
        if len(sides) == 2:
            claim.props["side"] = sides
    return phrase_end


_OPENING = re.compile(r"\s*(?:[A-Z][\w.’'-]*\s+){0,4}")
_BOTH_SIDES = re.compile(r"\s*(?:[Bb]oth sides|[Tt]he (?:two )?sides)\s+(?:also\s+)?[a-z]+(?:ed|d)\s+to\b")


def previous_subject(r: Reading, unit: Unit) -> str | None:
    """The person the sentence before opens with, as its subject ("Mr Fallon began his trip ..."), for a
    "he" or "she" that opens the next one; None when that sentence opens otherwise."""
    before = [u for u in r.units() if u[1] <= unit[0]]
    if not before:
        return None
    ub, ue = before[-1]
    found = r.outermost(ub, ue)
    if not found or not _OPENING.fullmatch(r.text[ub : found[0][0]]):
        return None
    b, e, key = found[0]
    verb = re.match(r"\s+([a-z]+)\b", r.text[e:ue])  # a verb, not "and", "of" or a possessive
    if not r.is_a(key, "Person") or verb is None or verb.group(1) in cues.FUNCTION_WORDS:
        return None
    return key


def occasion_sides(r: Reading, occasion: RuleClaim) -> list[str]:
    """The two sides of talks, or the persons named where a meeting was reported."""
    sides = list(occasion.props.get("side", []))
    if not sides and occasion.cls == "Meeting":
        sides = list(dict.fromkeys(occasion.props.get("participant", []) + occasion.props.get("counterpart", [])))
        if len(sides) != 2 or not all(r.is_a(k, "Person") for k in sides):
            begin, end = occasion.evidence[0]
            begin = subject_start(r, begin, end)  # not who reports the meeting
            sides = list(dict.fromkeys(k for _, _, k in r.outermost(begin, end) if r.is_a(k, "Person")))
    return sides


def agreement(r: Reading, claim: RuleClaim, unit: Unit, begin: int, end: int, made: Made) -> int | None:
    """The year signed (a year just before the cue) and the party it was signed with."""
    ub, ue = unit
    year = cues.YEAR_BEFORE.search(r.text[max(ub, begin - 12) : begin])
    if year:
        claim.props.setdefault("yearSigned", [int(year.group(1))])
    # "signed a Memorandum of Understanding (MOU) with ...": the abbreviation is the same agreement's
    signed = re.match(r"(?:\s*\([A-Z]{2,6}\))?(?:[^.;]{0,60}?\bsigned)?\s+with\s+", r.text[end:ue])
    parties: list[str | None] = []
    signer = _SIGNED_BEFORE.search(r.text, max(ub, begin - 80), begin)
    if signer is not None:  # "Kenya signed a trade agreement with Uganda": Kenya is a party too
        subject = r.outermost(r.clause_start(ub, signer.start()), signer.start() + 1)
        if subject and subject[-1][1] <= signer.start() + 1:
            # "India and Japan signed ...", "Kenya, Uganda and Rwanda signed ...": each one joined before it
            first = len(subject) - 1
            while first > 0 and _JOINED.fullmatch(r.text, subject[first - 1][1], subject[first][0]):
                first -= 1
            parties.extend(party_after(r, b, e) for b, e, _ in subject[first:])
    if signed:
        parties.append(party_after(r, end + signed.end(), min(ue, end + signed.end() + 40)))
    found = [k for k in dict.fromkeys(parties) if k is not None]
    if found:
        claim.props.setdefault("party", found)
    return None


_JOINED = re.compile(r",\s+(?:and\s+)?(?:the\s+)?|\s+and\s+(?:the\s+)?")
_SIGNED_BEFORE = re.compile(
    r"\s+(?:has\s+|have\s+|had\s+)?(?:signed|concluded|inked)\s+(?:an?|the|two|three|four|five|several|new)?\s*"
    r"(?:[\w-]+\s+){0,4}$"
)


def withdrawal(r: Reading, claim: RuleClaim, unit: Unit, begin: int, end: int, made: Made) -> int | None:
    """The actor ("Moscow’s withdrawal", or the subject just before the verb) and what was withdrawn."""
    ub, ue = unit
    props = claim.props
    for b, e, key in reversed(r.mentions(max(ub, begin - 40), begin)):
        if re.fullmatch(r"[’']s\s+(?:\w+\s+){0,2}", r.text[e:begin]) or cues.SPEAKER_FILLER.match(r.text[e:begin]):
            actor = r.agent(b, e, key)
            if actor:
                props.setdefault("actor", [actor])
            break
    subject = r.last_before(r.clause_start(ub, begin), begin, *AGENT_CLASSES)
    if (
        "actor" not in props
        and subject
        and re.fullmatch(
            r"(?:\s+(?:has|have|had|since|also|already|now|recently|was|were|been))*\s+",
            r.text[r.last_end(ub, begin, subject) : begin],
        )
    ):
        props["actor"] = [subject]
    obj = re.match(r"(?:\s+of)?\s+([\w’'-]+(?:\s+[\w’'-]+){0,4}?)(?=\s+(?:from|in|to|at)\b|[,.;]|$)", r.text[end:ue])
    if obj:
        props.setdefault("object", [obj.group(1).strip()])
    return None


def cooperation(r: Reading, claim: RuleClaim, unit: Unit, begin: int, end: int, made: Made) -> int | None:
    """ "cooperation among Japan, U.S. and ROK": the states or persons named after "among"/"between" are
    its actors; "cooperation with the UK": the UK is a partner and the actor unstated; "cooperation on
    trade" in a sentence about "the relationship between A and B": A and B. Otherwise the claim is left
    out (a wrong actor is worse than none). Cooperation named by the noun goes on: "ongoing" unless a cue
    says otherwise."""
    ub, ue = unit
    among = re.match(r"\s+(?:among|between)\s+", r.text[end:ue])
    stop = re.search(r";|\.\s*$|,\s+(?:and\s+)?(?:which|who|while|including)\b|\s+(?:to|in|on|for)\s", r.text[end:ue])
    phrase_end = end + (stop.start() if stop else ue - end)
    agents = _agents(r, end, phrase_end) if among else []
    agents = [k for k in dict.fromkeys(agents) if r.is_a(k, "Country", "Person")]
    with_ = re.match(r"\s+with\s+(?:the\s+)?", r.text[end:ue])
    partner = party_after(r, end + with_.end(), min(ue, end + with_.end() + 40)) if with_ else None
    if with_ and partner is not None and not any(b == end + with_.end() for b, _, _ in r.mentions(end, ue)):
        partner = None  # "cooperation with our allies in Nairobi": the partner is the words right after "with"
    together = re.match(r"\s+together\b", r.text[end:ue])
    if together:  # "working closely together": the two states the sentence names, else the two who just met
        countries = list(dict.fromkeys(k for _, _, k in r.outermost(ub, ue) if r.is_a(k, "Country")))
        earlier = next((c for c in reversed(r.of_class("Talks", "Meeting")) if c is not claim), None)
        agents = countries if len(countries) == 2 else occasion_sides(r, earlier) if earlier is not None else []
        phrase_end = end + len(_prefix_of(r.text[end:ue]))
    elif not among and not with_:  # "cooperation on trade and security": between the two the sentence pairs
        pair = re.search(r"\bbetween\s+(?:the\s+)?(\S[^,;]*?)\s+and\s+(?:the\s+)?(\S[^,;]*?)[,;]", r.text[ub:begin])
        if pair:
            agents = [k for _, _, k in r.outermost(ub + pair.start(1), ub + pair.end(2)) if r.is_a(k, "Country")]
        elif agreed := _STATES_AGREED.match(r.text, ub, begin):
            # "Russia and the UAE have agreed to expand cooperation in energy": the two states the sentence opens
            # with; "USAID and MOFA pledge to expand cooperation by ...": two bodies
            opening = r.outermost(agreed.end("intro"), begin)[:2]
            agents = [k for _, _, k in opening if r.is_a(k, "Country")]
            if not agents and all(r.is_a(k, "Organization") for _, _, k in opening):
                agents = [k for _, _, k in opening]
        elif _OURS.search(r.text, max(ub, begin - 40), begin):
            agents = our_sides(r, claim, unit)
        phrase_end = end + len(_prefix_of(r.text[end:ue]))
    if partner is not None and r.is_a(partner, "Country", "Person", "Organization"):
        claim.props["partner"] = [partner]
        claim.props["unstated"] = ["actor"]
        phrase_end = r.last_end(end, ue, partner)
    elif len(agents) == 2 or (among and len(agents) > 2):
        claim.props["actor"] = agents
    else:
        _leave_out(r, claim, unit)
        return None
    if claim.status == "happened":
        # "to work closely with", "working closely together to ...": what they mean to do; "worked
        # closely with" and cooperation named by the noun go on
        claim.status = "planned" if re.match(r"work(?:ing)?\s", r.lower[begin:end]) else "ongoing"
    return phrase_end


_STATES_AGREED = re.compile(
    r"(?P<intro>\s*(?:[A-Z][^,;.]{0,40},\s+)?)"  # an opening phrase: "With this MOU, USAID and MOFA, pledge to"
    r"\s*(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)?\s+and\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)?,?\s+"
    r"(?:have\s+|has\s+)?(?:agreed|pledged|vowed|decided|committed|agree|pledge|vow|commit)\s+to\s+(?:[a-z]+\s+){1,3}$"
)
# "both emphasized the importance of (our) continued close collaboration": the two sides of the talks or
# meeting just reported
_OURS = re.compile(
    r"\b(?:our|their|(?:importance|value)\s+of)\s+(?:(?:continued|close|closer|ongoing|bilateral|strong|deep|enduring)\s+)*$"
)


def our_sides(r: Reading, claim: RuleClaim | None, unit: Unit) -> list[str]:
    """The two who met or talked, in this sentence or the two before (none when no such occasion is
    that close): their countries when the text gives each a different one, else the two persons."""
    recent = r.units_before(unit[0], 2)
    start = recent[0][0] if recent else unit[0]
    occasion = next(
        (
            c
            for c in reversed(r.claims)
            if c is not claim and c.cls in ("Talks", "Meeting") and c.evidence[0][0] >= start
        ),
        None,
    )
    sides = occasion_sides(r, occasion) if occasion is not None else []
    if len(sides) != 2 or not all(r.is_a(k, "Person") for k in sides):
        return []
    countries = [(r.entities[k].props.get("country") or [None])[0] for k in sides]
    return countries if all(countries) and countries[0] != countries[1] else sides


_GIVER = re.compile(r"(?:[’']s\s+(?:(?:offer|pledge|promise)\s+of\s+)?|\s+)(?:[a-z-]+\s+){0,2}$")


def assistance(r: Reading, claim: RuleClaim, unit: Unit, begin: int, end: int, made: Made) -> int | None:
    """ "U.S. support for U.K. defense modernization", "America’s support", "Obama’s offer of humanitarian
    assistance for the Yezidis", "Russian military aid to the rebels": the one named right before the noun
    gives it (the actor), the agent right after "for"/"to" receives it. Without a giver, or with a "for"
    that names no agent ("Kenya’s support for the resolution": backing, not help), it is left out."""
    ub, ue = unit
    actor = None
    giver = _GIVER.search(r.text, max(ub, begin - 60), begin)
    if giver is not None:
        named = [(b, k) for b, e, k in r.outermost(max(ub, begin - 80), begin) if e == giver.start()]
        word = re.search(r"([A-Z][\w.]*[A-Za-z]\.?|U\.[SK]\.)$", r.text[max(ub, begin - 40) : giver.start()])
        if named and r.is_a(named[-1][1], *AGENT_CLASSES):
            actor = named[-1][1]
        elif word and giver.group(0).strip()[:1] in ("’", "'", "") and re.fullmatch(cues.DEMONYM, word.group(1)):
            actor = r.names.country_of(word.group(1))  # "Russian support"
    to = re.match(r"\s+(?:for|to)\s+(?:the\s+)?", r.text[end:ue])
    recipient = None
    if to is not None:
        recipient = next(
            (r.agent(b, e, k) for b, e, k in r.outermost(end + to.end(), min(ue, end + to.end() + 30))), None
        )
        if recipient is None or not re.fullmatch(
            r"(?:[\w.’'-]+\s+){0,3}", r.text[end + to.end() : _first_at(r, end + to.end(), ue)]
        ):
            recipient = None
    if actor is None or (to is not None and recipient is None) or recipient == actor:
        _leave_out(r, claim, unit)
        return None
    claim.props["actor"] = [actor]
    if recipient is not None:
        claim.props["recipient"] = [recipient]
    if giver is not None and re.search(r"\b(?:offer|pledge|promise)\s+of\b", giver.group(0)):
        claim.status = "possible"
    elif claim.status == "happened":
        claim.status = "ongoing"
    return r.last_end(end, ue, recipient) if recipient is not None else end


def _first_at(r: Reading, begin: int, end: int) -> int:
    """Where the first mention after ``begin`` starts (``end`` when there is none)."""
    found = r.outermost(begin, end)
    return found[0][0] if found else end


_PASSIVE = re.compile(r"\b(?:was|were|is|are|been|be|being)\s+(?:(?:also|formally|officially)\s+)?$")
_AS_POST = re.compile(
    r",?\s+(?:as\s+)?(?:(?:the|its|his|her|their|a|an)\s+)?(?:new\s+)?"
    r"(?P<post>[\w’'-]+(?:\s+(?!(?:to|on|in|after|last|this|replacing|succeeding|who|which)\b)[\w’'-]+){0,7})"
)
_POST_WORD = re.compile(
    rf"\b(?:{cues.TITLE.pattern}|envoy|ambassador|head|director|chief|representative|adviser)\b", re.I
)


def appointment(r: Reading, claim: RuleClaim, unit: Unit, begin: int, end: int, made: Made) -> int | None:
    """ "Kenya has named Ana Ruiz as its new envoy", "Ruiz was appointed ambassador by the President", "the
    appointment of Ruiz as envoy": the person appointed (right after the verb, or its subject when it
    is passive), who appoints (the subject, or "by" X) and the post's words after "as". "named",
    "nominated" and "designated" need those words to name a post ("a man named Ruiz" is no appointment);
    without a person appointed there is no claim."""
    ub, ue = unit
    start = subject_start(r, ub, begin)
    passive = _PASSIVE.search(r.lower, start, begin)
    appointee, actor, at = None, None, end
    if passive:
        appointee = r.last_before(start, begin, "Person")
        by = re.match(r"\s+(?:(?:as\s+)?[^,;.]{0,60}?\s+)?by\s+", r.text[end:ue])
        actor = party_after(r, end + by.end(), min(ue, end + by.end() + 60)) if by else None
    else:
        lead = re.match(r"\s+(?:(?:the|his|her|its|their)\s+)?", r.text[end:ue])
        at = end + (lead.end() if lead else 0)
        title = next((t for t in r.names.titles if t.begin == at and t.person in r.entities), None)
        # the person right after the verb, or after a few lower-case words ("named veteran diplomat X")
        named = [
            m
            for m in r.outermost(at, min(ue, at + 60))
            if re.fullmatch(r"(?:[a-z][\w-]*\s+){0,3}", r.text[at : m[0]]) and r.is_a(m[2], "Person")
        ][:1]
        if title is not None:
            appointee, at = title.person, r.last_end(at, ue, title.person)
        elif named:
            appointee, at = named[0][2], named[0][1]
        if not r.lower[begin:end].startswith("appointment"):
            actor = r.last_before(start, begin, *AGENT_CLASSES)
    post = _AS_POST.match(r.text, at, ue)
    post_words = post.group("post") if post and _POST_WORD.search(post.group("post")) else None
    if appointee is None or (post_words is None and re.match(r"nam|nomin|design", r.lower[begin:end])):
        _leave_out(r, claim, unit)
        return None
    claim.props["appointee"] = [appointee]
    if actor is not None and actor != appointee:
        claim.props["actor"] = [actor]
    label = r.entities[appointee].label
    claim.label = f"appointment of {label} as {post_words}" if post_words else f"appointment of {label}"
    return post.end() if post_words and post else None


def _leave_out(r: Reading, claim: RuleClaim, unit: Unit) -> None:
    """Leave out a claim just made whose roles cannot be read; a claim an earlier sentence made, which a
    phrase here only refers back to ("support to the mission" after "Kenya’s support"), stays."""
    if claim.evidence[0][0] >= unit[0] and r.holds(claim):
        r.forget(claim)


def _prefix_of(text: str) -> str:
    """What a noun's phrase runs on to: up to a comma, a semicolon or the end of the sentence."""
    found = re.match(r"[^,;.]*", text)
    return found.group(0) if found else ""


def gathering(r: Reading, claim: RuleClaim, unit: Unit, begin: int, end: int, made: Made) -> int | None:
    """A summit or forum: where it is held ("in Addis Ababa"); one named only as where something else
    happened ("did not meet Park at a regional forum") took place, or is to ("the upcoming summit")."""
    ub, ue = unit
    where = re.match(r"\s+in\s+(?:the\s+)?", r.text[end:ue])
    place = r.first_after(end + where.end(), min(ue, end + where.end() + 30), "Place") if where else None
    if place is not None:
        claim.props.setdefault("location", [place])
    if claim.status == "not-happened":  # "did not attend the summit", "the summit did not discuss": it took place
        claim.status = r.status(unit, begin, end, skip=("not-happened",))
    if re.search(r"\bto\s+attend\s+(?:a|an|the)\s+(?:[\w’'-]+\s+){0,4}$", r.lower[max(ub, begin - 80) : begin]):
        claim.status = "planned"  # "is in London to attend the G7 ministers’ meeting": it is still to come
    elif _AT_GATHERING.search(r.lower, ub, begin):
        window = r.lower[max(ub, begin - 30) : begin]
        claim.status = "planned" if re.search(r"\b(?:upcoming|next|forthcoming)\b", window) else "happened"
    return None


_AT_GATHERING = re.compile(r"\b(?:at|during|on the sidelines of|ahead of|after|before)\s+(?:[\w’'-]+\s+){0,4}$")


ROLES: dict[str, RoleRule] = {
    "Conference": gathering,
    "Appointment": appointment,
    "Assistance": assistance,
    "Cooperation": cooperation,
    "DiplomaticVisit": visit,
    "Delegation": delegation,
    "Meeting": meeting,
    "Talks": talks,
    "Agreement": agreement,
    "Withdrawal": withdrawal,
}


def fill_roles(r: Reading, claim: RuleClaim, unit: Unit, begin: int, end: int, made: Made | None = None) -> int | None:
    """Fill the claim's roles from the words around its cue; return where its phrase ends (None: at the cue)."""
    rule = ROLES.get(claim.cls)
    return rule(r, claim, unit, begin, end, made or {}) if rule else None
