"""Events from their cue words: visits, delegations, meetings, talks, agreements, withdrawals and
cancellations. A definite phrase ("the visit") adds evidence to the earlier claim it refers to; a new
claim gets its status, its source and its roles (``roles.ROLES``). A cancellation cancels the agreement
or the events it names, or is a claim of its own.
"""

import re

from kg.draft.rules import cues
from kg.draft.rules.article import conference
from kg.draft.rules.reading import AGENT_CLASSES, Reading, RuleClaim, Unit
from kg.draft.rules.roles import Made, fill_roles, hosted, our_sides, party_after


def events(r: Reading, unit: Unit) -> None:
    ub, ue = unit
    found = []
    lower = r.lower[ub:ue]
    for cls, pattern in _TRIGGERS:
        for m in pattern.finditer(lower):
            found.append((cls, ub + m.start(), ub + m.end()))
    # a cue word inside a name is part of the name ("the AUKUS Defense Ministers Meeting")
    found = [
        f
        for f in found
        if f[0] not in _OCCASIONS
        and f[0] != "Conference"
        or not any(b <= f[1] and f[2] <= e for b, e, _ in r.mentions(ub, ue))
    ]
    # "the G7 Foreign Ministers’ meeting", "a NATO defence ministers meeting": a conference of a body's members
    found = [
        ("Conference" if c == "Meeting" and _MINISTERS_MEETING.search(r.text, ub, b) else c, b, e) for c, b, e in found
    ]
    # "a Memorandum of Understanding (MOU)": the abbreviation in brackets is the same agreement's
    found = [
        f
        for f in found
        if not (
            f[0] == "Agreement"
            and any(g[0] == "Agreement" and re.fullmatch(r"\s*\(", r.text[g[2] : f[1]]) for g in found)
        )
    ]
    made: Made = {}
    _welcomed(r, unit, made)
    for cls, begin, end in sorted(found, key=lambda f: (f[0] == "Cancellation", f[1])):
        if cls == "Conference" and _apposed(r, unit, begin, end):
            continue
        if cls == "Cancellation":
            cancellation(r, unit, begin, end, made)
        elif not _again(r, unit, cls, begin, end, made):
            made.setdefault(cls, _event(r, unit, cls, begin, end, made))


_TRIGGERS = [(cls, re.compile(pattern)) for cls, pattern in cues.TRIGGERS]
_WELCOME = re.compile(r"\bwelcome[ds]?\b")


def _welcomed(r: Reading, unit: Unit, made: Made) -> None:
    """ "X welcomed Y to Ankara", "X will welcome Y to Australia": Y's visit to the place, X its host (the
    counterpart); a later "the visit" is the same one (``_again``)."""
    ub, ue = unit
    quoted = cues.quotations(r.text, ub, ue)
    for m in _WELCOME.finditer(r.lower, ub, ue):
        found = hosted(r, m.start(), ue)
        if found is None or any(b < m.start() < e for b, e in quoted):
            continue  # "“I am honoured to welcome X to Australia”": the words of the visit's host
        guest, place, stop = found
        claim = r.claim("DiplomaticVisit", unit, r.status(unit, m.start(), stop), r.text[m.start() : stop])
        claim.according_to = r.according_to(unit, m.start())
        claim.props["visitor"] = [guest]
        claim.props["destination"] = [place]
        host = r.last_before(r.clause_start(ub, m.start()), m.start(), *AGENT_CLASSES)
        if host is not None and host != guest:
            claim.props["counterpart"] = [host]
        made.setdefault("DiplomaticVisit", claim)
        return


_OCCASIONS = {"Meeting", "Talks"}
# "the Shangri-La Dialogue in Singapore, a major annual forum for ...": the named conference, described
_APPOSITION = re.compile(r"(?:\s+in\s+(?:[A-Z][\w’'-]*\s*)+)?,\s+(?:a|an|the)\s+[^,;.“”\"]{0,60}$")


def _apposed(r: Reading, unit: Unit, begin: int, end: int) -> bool:
    """A conference noun set off after a conference's name describes that conference: its evidence."""
    for b, e, key in reversed(r.mentions(unit[0], begin)):
        if "Conference" not in r.entities[key].classes:
            continue
        if _APPOSITION.fullmatch(r.text, e, begin):
            named = conference(r, key)
            rest = re.compile(r"[^,;.“”\"]*").match(r.text, end, unit[1])
            span = (b, rest.end() if rest else end)
            named.evidence = [ev for ev in named.evidence if not (span[0] <= ev[0] and ev[1] <= span[1])] + [span]
            return True
        return False
    return False


_MINISTERS_MEETING = re.compile(
    r"\b(?:G-?\d+|NATO|EU|ASEAN|UN|AU|OSCE|Commonwealth|[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*\s+Union)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:[Mm]inisters|[Ll]eaders|[Hh]eads of [Ss]tate(?: and [Gg]overnment)?|[Dd]efen[cs]e [Cc]hiefs)[’']?\s+$"
)
_BACK = re.compile(r"\b(?:the|this|that) (?:discussions?|talks|meeting|call|conversation)$")


def _again(r: Reading, unit: Unit, cls: str, begin: int, end: int, made: Made) -> bool:
    """A definite phrase ("the visit") for an earlier claim of its class: more evidence for that claim."""
    head = _head(r, cls, begin, end)
    definite = cues.DEFINITE.search(r.text[max(unit[0], begin - 40) : begin])
    if definite and re.search(
        r"\b(?:continue|continuing|resume|resuming)\s+$",
        r.lower[max(unit[0], begin - 60) : begin - len(definite.group(0))],
    ):
        return False  # "pledged to continue their dialogue": talks to come, not the ones reported
    if (
        cls == "DiplomaticVisit"
        and definite
        and re.match(r"(?:his|her|their)\s+(?:first|next|second|third|new)\b", definite.group(0), re.I)
    ):
        return False  # "when she makes her first visit to X": a visit of her own, not the one reported before
    if definite and cls in _OCCASIONS:
        # "the upcoming X Ministerial Consultations ... to use the consultations as": that conference again
        word = r.lower[begin:end].rstrip("s")
        named = next(
            (c for c in reversed(r.claims) if c.cls == "Conference" and c.label.lower().rstrip("s").endswith(word)),
            None,
        )
        if named is not None and named.evidence[0][0] < begin:
            named.evidence.append((begin - len(definite.group(0)), end))
            made.setdefault(cls, named)
            return True
    earlier = r.antecedent(cls, head)
    if earlier is None and cls in _OCCASIONS and _BACK.search(r.lower[max(unit[0], begin - 5) : end]):
        # "met ... today." then "The discussion included ...": the same occasion
        earlier = next(iter(reversed(r.of_class(*_OCCASIONS))), None)
    if cls in _OCCASIONS and definite:
        earlier = _occasion_with(r, unit, end, earlier)
    if not (definite and earlier is not None and (earlier.cls == cls or {cls, earlier.cls} <= _OCCASIONS)):
        return False
    place = r.first_after(end, min(unit[1], end + 40), "Place") if cls in ("DiplomaticVisit", "Conference") else None
    where = "location" if cls == "Conference" else "destination"
    if place is not None and earlier.props.get(where, [place]) != [place]:
        return False  # "his first visit to Oslo" after a visit to Norway, "the summit in Accra": another one
    phrase_begin = begin - len(definite.group(0))
    phrase_end = fill_roles(r, earlier, unit, begin, end) or end
    earlier.evidence.append((phrase_begin, phrase_end))
    made.setdefault(cls, earlier)
    return True


def _occasion_with(r: Reading, unit: Unit, end: int, earlier: RuleClaim | None) -> RuleClaim | None:
    """ "his meeting with Secretary Carter": the talks or meeting, of either class, that names Carter (in
    its roles or its first sentence), the latest first; the antecedent when none names him, or when the
    phrase names nobody."""
    with_ = re.match(r"\s+with\s+", r.text[end : unit[1]])
    party = party_after(r, end + with_.end(), min(unit[1], end + with_.end() + 40)) if with_ else None
    if party is None:
        return earlier
    for claim in reversed(r.of_class(*_OCCASIONS)):
        roles = [k for key in ("side", "participant", "counterpart") for k in claim.props.get(key, [])]
        first = claim.evidence[0]
        if party in roles or any(k == party for _, _, k in r.mentions(first[0], first[1])):
            return claim
    return earlier


def _head(r: Reading, cls: str, begin: int, end: int) -> str | None:
    """An agreement's head word, one for a name and its abbreviation ("MOU": memorandum of understanding)."""
    if cls != "Agreement":
        return None
    head = r.lower[begin:end].rstrip("s")
    return "memorandum of understanding" if head in ("mou", "memoranda of understanding") else head


def _event(r: Reading, unit: Unit, cls: str, begin: int, end: int, made: Made) -> RuleClaim:
    head = _head(r, cls, begin, end)
    status = r.status(unit, begin, end)
    if cls == "Agreement":
        status = {"happened": "in-force", "ongoing": "in-force"}.get(status, status)
    claim = r.claim(cls, unit, status, r.label(unit, begin, end), head=head or "")
    segment = r.in_statement(begin)
    claim.according_to = r.according_to(unit, begin)
    if segment is not None:
        claim.props["derivedFromStatement"] = ["claim:" + segment.claim.id]
    fill_roles(r, claim, unit, begin, end, made)
    same = _same_occasion(r, claim) if r.holds(claim) else None
    if same is not None:  # "X met Y today." then "White said X and Y met to ...": one meeting, reported twice
        r.forget(claim)
        same.evidence.append(claim.evidence[0])
        return same
    return claim


def _same_occasion(r: Reading, claim: RuleClaim) -> RuleClaim | None:
    """An earlier meeting (or talks) of the same status between the same two or more persons."""
    if claim.cls not in _OCCASIONS:
        return None

    def persons(c: RuleClaim) -> set[str]:
        found = [k for key in ("side", "participant", "counterpart") for k in c.props.get(key, [])]
        return {k for k in found if r.is_a(k, "Person")}

    mine = persons(claim)
    if len(mine) < 2:
        return None
    return next(
        (c for c in r.of_class(claim.cls) if c is not claim and c.status == claim.status and persons(c) == mine),
        None,
    )


def cancellation(r: Reading, unit: Unit, begin: int, end: int, made: Made) -> None:
    ub, ue = unit
    agreement = made.get("Agreement")
    if agreement is None and re.search(r"\bagreement", r.lower[max(ub, begin - 40) : min(ue, end + 40)]):
        agreement = r.antecedent("Agreement")
    if agreement is not None:
        _cancel_agreement(r, unit, begin, end, agreement)
        return
    events = [c for k, c in made.items() if k in ("DiplomaticVisit", "Meeting", "Talks")]
    if events:
        for claim in events:
            claim.status = "cancelled"
        return
    claim = r.claim("Cancellation", unit, "happened", r.label(unit, begin, end))
    claim.according_to = r.according_to(unit, begin)


def _cancel_agreement(r: Reading, unit: Unit, begin: int, end: int, agreement: RuleClaim) -> None:
    """The agreement is cancelled; its one cancellation claim gets this phrase as evidence."""
    agreement.status = "cancelled"
    cancels = ["claim:" + agreement.id]
    existing = next((c for c in r.of_class("Cancellation") if c.props.get("cancels") == cancels), None)
    phrase = r.phrase(unit, begin, end)
    if existing is not None:
        existing.evidence.append(phrase)
        return
    status = r.status(unit, begin, end, skip=("cancelled",))
    claim = r.claim("Cancellation", phrase, status, f"cancellation of the {agreement.label}")
    claim.props["cancels"] = ["claim:" + agreement.id]
    claim.according_to = r.according_to(unit, begin)
    if re.search(r"\brecent\b", r.lower[max(unit[0], begin - 12) : begin]):
        claim.props["timeDescription"] = ["recent"]


def past_events(r: Reading, unit: Unit) -> None:
    """An event named with the time it took place ("the recent San Bernardino shootings", "this week’s
    vote on Syrian airstrikes"): an ``Event`` that happened, with that time, on the article's word (a
    statement that names it in passing is not its source); a phrase inside a claim's
    name or words already read as another claim ("the recent talks") is left to that claim."""
    ub, ue = unit
    for m in cues.PAST_EVENT.finditer(r.text, ub, ue):
        if any(
            c.cls not in ("Statement", "JointStatement")
            and any(b <= m.start() and m.end() <= e and (b, e) != unit for b, e in c.evidence)
            for c in r.claims
        ):
            continue
        words = r.text[m.start() : m.end()]
        label = re.sub(r"^(?:[Tt]he|[Tt]his|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)\s+", "", words)
        again = next((c for c in r.of_class("Event") if c.head == _past_key(m)), None)
        if again is not None:  # "the recent vote" named again: the same vote
            again.evidence.append((m.start(), m.end()))
            continue
        claim = r.claim("Event", (m.start(), m.end()), "happened", label, head=_past_key(m))
        claim.props["timeDescription"] = [re.sub(r"[’']s$", "", m.group("time"))]


def _past_key(m: re.Match) -> str:
    return m.group("time").lower() + " " + m.group("noun").lower()


# "The Secretary of State is in London to attend ...", "Ruiz was in Nairobi for talks": a stay for a purpose
_IS_IN = re.compile(r"\s+(?:is|was|are|were)\s+(?:currently\s+|now\s+)?in\s+(?:the\s+)?$")
_FOR_A_PURPOSE = re.compile(
    r"\s+(?:to\s+[a-z]+|for\s+(?:talks|a|an|the|his|her|their)\b|on\s+(?:a|an|his|her|their)\b)"
)


def stays(r: Reading, unit: Unit) -> None:
    """A person who "is in" a place "to attend ...", "for talks" or "on a visit" is on a visit there:
    ongoing ("is"), or over ("was"); the sentence's visit already read ("on a visit to X") is left alone."""
    ub, ue = unit
    found = r.outermost(ub, ue)
    for (pb, pe, person), (cb, ce, place) in zip(found, found[1:], strict=False):
        if not (r.is_a(person, "Person") and r.is_a(place, "Place")):
            continue
        stay = _IS_IN.fullmatch(r.text, pe, cb)
        if stay is None or not _FOR_A_PURPOSE.match(r.text, ce, ue):
            continue
        if any(any(ub <= b < ue for b, _ in c.evidence) for c in r.of_class("DiplomaticVisit")):
            return
        status = "ongoing" if re.match(r"\s+(?:is|are)\b", r.text[pe:cb]) else "happened"
        label = f"{r.entities[person].label} in {r.entities[place].label}"
        purpose = _FOR_A_PURPOSE.match(r.text, ce, ue)
        end = purpose.end() if purpose else ce
        clause = re.match(r"[^,;.]*", r.text[end:ue])
        claim = r.claim("DiplomaticVisit", (pb, end + (clause.end() if clause else 0)), status, label)
        claim.props["visitor"] = [person]
        claim.props["destination"] = [place]
        claim.according_to = r.according_to(unit, pb)
        segment = r.in_statement(pb)
        if segment is not None:
            claim.props["derivedFromStatement"] = ["claim:" + segment.claim.id]
        return


_AGE = re.compile(r",\s+(\d{2}),")


def ages(r: Reading, unit: Unit) -> None:
    """ "Satterfield, 67, who has ...": news gives a person's age set off after the name; the ontology has no
    age, so it is a state of affairs of the person (once a person)."""
    ub, ue = unit
    for begin, end, key in r.outermost(ub, ue):
        m = _AGE.match(r.text, end, ue)
        if m is None or not r.is_a(key, "Person"):
            continue
        if any(c.props.get("stateOf") == [key] for c in r.of_class("StateOfAffairs")):
            continue
        label = f"{r.entities[key].label} is {m.group(1)}"
        claim = r.claim("StateOfAffairs", (begin, m.end(1)), "ongoing", label, "age")
        claim.props["stateOf"] = [key]
        claim.props["condition"] = [m.group(1)]


# "the long-standing alliance between the United States and Australia", "the long-standing and deep
# friendship between A and B", "our special relationship" (after a meeting of two persons of two countries)
_BOND = re.compile(
    r"\b(?:[Oo]ur|[Tt]heir|[Tt]he)\s+(?P<bond>(?:(?:long-standing|longstanding|enduring|close|strong|deep|special"
    r"|historic|strategic|ironclad|unbreakable|time-honou?red)(?:,?\s+and\s+|,\s+|\s+))+"
    r"(?P<noun>alliance|friendship|partnership|relationship|ties|bonds?))\b"
)
_BETWEEN = re.compile(
    r"\s+between\s+(?:the\s+)?(\S.*?)\s+and\s+(?:the\s+)?(\S.*?)(?=[,;.]|\s+(?:to|in|for|as|that)\b|$)"
)


def bonds(r: Reading, unit: Unit) -> None:
    """A lasting bond between two states named with what it is like ("long-standing", "deep", "special"):
    a state of affairs of the two, ongoing. The two are the states named after "between", or, for "our"
    and "their", the countries of the two persons who just met or talked; when the text gives neither, no
    claim (a bare "the relationship" is left to the reviewer)."""
    ub, ue = unit
    for m in _BOND.finditer(r.text, ub, ue):
        between = _BETWEEN.match(r.text, m.end(), ue)
        holders: list[str] = []
        end = m.end()
        if between is not None:
            holders = [k for _, _, k in r.outermost(between.start(1), between.end(2)) if r.is_a(k, "Country")]
            end = between.end(2)
        elif re.match(r"[Oo]ur|[Tt]heir", m.group(0)):
            sides = our_sides(r, None, unit)
            holders = sides if all(r.is_a(k, "Country") for k in sides) else []
        holders = list(dict.fromkeys(holders))
        if len(holders) != 2 or any(
            c.cls == "StateOfAffairs" and c.props.get("stateOf") == holders and c.head == m.group("noun")
            for c in r.claims
        ):
            continue
        labels = " and ".join(r.entities[k].label for k in holders)
        claim = r.claim(
            "StateOfAffairs", (m.start(), end), "ongoing", f"{m.group('noun')} between {labels}", head=m.group("noun")
        )
        claim.props["stateOf"] = holders
        claim.props["condition"] = [m.group("bond")]
        claim.according_to = r.according_to(unit, m.start())
        segment = r.in_statement(m.start())
        if segment is not None:
            claim.props["derivedFromStatement"] = ["claim:" + segment.claim.id]


# A news headline's "Mattis, British Counterpart Discuss Defense Topics", "Ruiz, Reyle Hold Talks": talks
# between the two it names (a counterpart by the country of his post)
_HEADLINE_TALKS = re.compile(
    r"(?P<a>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2}),\s+(?P<b>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2})\s+"
    r"(?:Discuss|Hold Talks|Talk)\b"
)


def headline_talks(r: Reading) -> None:
    """Talks between the two a headline names with "A, B Discuss ...": each a person the article names
    (by family name), or "British Counterpart", the person whose post is in that country; both must be
    found, else no claim. Talks of the same two read in the text get the headline as evidence."""
    for ub, ue in r.names.heading_spans:
        m = _HEADLINE_TALKS.match(r.text, ub, ue)
        if m is None:
            continue
        sides = [_named_in_headline(r, m.group("a")), _named_in_headline(r, m.group("b"))]
        if None in sides or sides[0] == sides[1]:
            continue
        keys = [k for k in sides if k]
        same = next((c for c in r.claims if c.cls == "Talks" and set(c.props.get("side", [])) == set(keys)), None)
        if same is not None:
            same.evidence.insert(0, (ub, ue))
            continue
        label = " and ".join(r.entities[k].label for k in keys)
        claim = r.claim("Talks", (ub, ue), "happened", f"talks between {label}")
        claim.props["side"] = keys


def _named_in_headline(r: Reading, words: str) -> str | None:
    counterpart = re.fullmatch(r"([A-Z][a-z]+)\s+[Cc]ounterparts?", words)
    if counterpart:
        country = r.names.country_of(counterpart.group(1))
        holders = [t.person for t in r.names.titles if country and t.country == country and t.person in r.entities]
        return holders[0] if len(set(holders)) == 1 else None
    persons = [
        k
        for k, e in r.entities.items()
        if "Person" in e.classes and (e.label == words or e.label.split()[-1] == words.split()[-1])
    ]
    return persons[0] if len(persons) == 1 else None
