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


def visit(r: Reading, claim: RuleClaim, unit: Unit, begin: int, end: int, made: Made) -> int | None:
    """The visitor (a delegation named in the sentence, else the agent before the cue) and the place after it."""
    ub, ue = unit
    delegation = made.get("Delegation")
    visitor = (
        ("claim:" + delegation.id) if delegation else r.last_before(r.clause_start(ub, begin), begin, *AGENT_CLASSES)
    )
    if visitor:
        claim.props.setdefault("visitor", [visitor])
    destination = r.first_after(end, min(ue, end + 40), "Place")
    if destination:
        claim.props.setdefault("destination", [destination])
    return None


def delegation(r: Reading, claim: RuleClaim, unit: Unit, begin: int, end: int, made: Made) -> int | None:
    """Who sent it (a demonym before the cue), its level, and who leads it ("led by", "headed by")."""
    ub, ue = unit
    props = claim.props
    demonym = re.findall(cues.DEMONYM, r.text[max(ub, begin - 40) : begin])
    country = r.names.country_of(demonym[-1]) if demonym else None
    if country:
        props.setdefault("sentBy", [country])
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


def meeting(r: Reading, claim: RuleClaim, unit: Unit, begin: int, end: int, made: Made) -> int | None:
    """The counterparts: the agents after "with" (not countries), or "between", or before the cue."""
    ub, ue = unit
    with_ = re.match(r"[^.;]{0,40}?\bwith\b", r.text[end:ue])
    between = re.match(r"[^.;,]{0,20}?\bbetween\b[^.;,]*", r.text[end:ue])
    if with_:
        agents = _agents(r, end + with_.end(), ue)
        counterparts = [k for k in dict.fromkeys(agents) if not r.is_a(k, "Country")]
    elif between:
        counterparts = _agents(r, end, end + between.end())
    else:  # "Officials from Valdonia and Tessmark met"
        counterparts = _agents(r, r.clause_start(ub, begin), begin)
    if counterparts:
        claim.props.setdefault("counterpart", list(dict.fromkeys(counterparts)))
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
    with_ = re.match(r"\s+with\s+", r.text[end:ue])
    subject = r.last_before(r.clause_start(ub, begin), begin, *AGENT_CLASSES)
    if not between and with_ and subject:  # "Marsh will visit Lindor for talks with Reyle"
        other = r.first_after(end + with_.end(), min(ue, end + with_.end() + 60), *AGENT_CLASSES)
        if other and other != subject:
            claim.props.setdefault("side", [subject, other])
    return phrase_end


def agreement(r: Reading, claim: RuleClaim, unit: Unit, begin: int, end: int, made: Made) -> int | None:
    """The year signed (a year just before the cue) and the party it was signed with."""
    ub, ue = unit
    year = cues.YEAR_BEFORE.search(r.text[max(ub, begin - 12) : begin])
    if year:
        claim.props.setdefault("yearSigned", [int(year.group(1))])
    signed = re.match(r"(?:[^.;]{0,60}?\bsigned)?\s+with\s+", r.text[end:ue])
    if signed:
        party = r.first_after(end + signed.end(), min(ue, end + signed.end() + 40), *AGENT_CLASSES)
        if party:
            claim.props.setdefault("party", [party])
    return None


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


ROLES: dict[str, RoleRule] = {
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
