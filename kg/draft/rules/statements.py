"""Statements: a reporting verb ("said", "told", "added") or a participle ("..., adding that") with the
speaker named before it. A sentence with two speakers is cut in two, each part one statement with its
quote (words in quotation marks) or its paraphrase (what follows the verb).
"""

import re

from kg.draft import gazetteer
from kg.draft.known import slug
from kg.draft.model import TextSpan
from kg.draft.rules import cues
from kg.draft.rules.article import conference
from kg.draft.rules.reading import Reading, RuleClaim, Segment, Unit
from kg.draft.rules.roles import hosted, occasion_sides

Cut = tuple[int, str, int]  # where a statement begins, its speaker, where its verb is

_ATTRIBUTABLE = cues.ATTRIBUTABLE


def statements(r: Reading, unit: Unit) -> None:
    ub, ue = unit
    if ub < r.turn_end or _turn(r, unit):
        return  # a transcript's turn is one statement, read at its first sentence
    splits = [m.start() for m in cues.SPLIT_PARTICIPLE.finditer(r.text, ub, ue)]
    speakers = _speakers(r, unit)
    if _introduces(r, unit):
        return
    if speakers:
        r.block_speaker = None
    elif r.block_speaker is not None:  # the speaker's own words, set off without quotation marks
        _block_statement(r, unit, r.block_speaker)
        return
    cuts = _cuts(r, unit, speakers, splits)
    for i, (begin, key, verb) in enumerate(cuts):
        end = cuts[i + 1][0] if i + 1 < len(cuts) else ue
        seg_text = r.text[begin:end]
        begin += len(seg_text) - len(seg_text.lstrip(" ,;"))
        end = begin + len(r.text[begin:end].rstrip(" ,;"))
        earlier = (
            _said_before(r, key)
            if len(cuts) == 1 and r.lower.startswith("said", verb) and _trailing_attribution(r, unit, verb)
            else None
        )
        if earlier is not None:
            # "The leaders discussed ..., White said.": White's statement goes on; what the sentence reports
            # is according to her and drawn from that statement, not a statement of its own ("..., she
            # added" says something more)
            r.add_segment(Segment(begin, end, key, earlier))
            continue
        outer = statement(r, unit, begin, end, key, verb)
        if r.is_a(key, "Person"):
            r.last_person = key
        _quoted_report(r, unit, outer)
        inner = _reported(r, (begin, end), key, verb, speakers)
        if inner is not None:
            _nested(r, unit, outer, inner, end)
        attributed = _attributor(r, unit, verb, end, key, speakers)
        attributor = attributed[1] if attributed is not None else None
        if attributed is not None and attributor is not None:  # "Mattis also expressed ..., White said."
            outer.according_to = attributor
            _added(r, unit, outer, *attributed)
            said = outer.props.get("paraphrase", [""])[0]
            tail = re.search(r",\s*[^,]*$", said) if isinstance(said, str) else None
            if tail and r.entities[attributor].label.split()[-1] in tail.group(0):
                outer.props["paraphrase"] = [said[: tail.start()]]
            if r.is_a(attributor, "Person"):
                r.last_person = attributor  # '"...," she added.' in the next sentence is White


def _introduces(r: Reading, unit: Unit) -> bool:
    """ "The Defence Secretary said:", "Quotes attributable to X:" introduce what follows, and say nothing
    themselves: the speaker is the one of the paragraphs after it."""
    ub, ue = unit
    introduces = re.search(r"\b(?:said|says|added)\s*:\s*$", r.text[ub:ue]) or _ATTRIBUTABLE.fullmatch(r.text, ub, ue)
    if not introduces:
        return False
    where = ub + introduces.start() if introduces.re is not _ATTRIBUTABLE else introduces.end(1)
    key = speaker(r, unit, where)
    spokes = key is not None and re.search(r"spokes", r.text[ub : ub + introduces.start()], re.I)
    r.block_speaker = None if spokes else key  # a spokesperson's readout is attribution, not a statement
    return True


def _block_statement(r: Reading, unit: Unit, key: str) -> None:
    """A paragraph of what the block's speaker said, its quotation marks off the quote."""
    ub, ue = unit
    begin, end = ub, ue
    while end > begin and r.text[end - 1] in '”"':
        end -= 1  # a paragraph of a quoted block opens with a quotation mark and the last one closes it
    end -= 1 if r.text[end - 1] in ".!?" else 0
    begin += 1 if r.text[begin] in '“"' else 0
    statement(r, unit, ub, ue, key, ub, quote=(begin, end))


def _turn(r: Reading, unit: Unit) -> bool:
    """ "JANE ROE, PRIME MINISTER: Thank you. ...": the words of a transcript's turn, up to the end of its
    line, are one statement by the person its label names (a label that names nobody, "JOURNALIST:", is
    no statement)."""
    ub = unit[0]
    m = cues.TRANSCRIPT_TURN.match(r.text, ub)
    if m is None:
        return False
    persons = [k for _, _, k in r.outermost(ub, m.end(1)) if r.is_a(k, "Person")]
    if not persons:
        return False
    end = r.text.find("\n", ub)
    end = len(r.text.rstrip()) if end < 0 else len(r.text[:end].rstrip())
    r.block_speaker, r.turn_end = None, end
    quote_end = end - (1 if r.text[end - 1] in ".!?" else 0)
    statement(r, (ub, end), ub, end, persons[0], m.end(), quote=(m.end(), quote_end))
    r.last_person = persons[0]
    return True


def _said_before(r: Reading, key: str) -> RuleClaim | None:
    """The first statement of ``key`` in the article, when ``key`` is a person who already spoke."""
    if not r.is_a(key, "Person"):
        return None
    return next((c for c in r.of_class("Statement") if c.props.get("speaker") == [key]), None)


def _reported(
    r: Reading, segment: Unit, key: str, verb: int, speakers: list[tuple[int, str]]
) -> tuple[int, str] | None:
    """ "White said Mattis lauded ...": the reporting verb of another named speaker right at the start of
    what ``key`` said (outside quotation marks), as (verb offset, speaker)."""
    said = re.match(r"\w+(?:\s+that)?\s+", r.text[verb : segment[1]])
    if said is None or re.search(r"[“\"]", r.text[verb : segment[1]]):
        return None
    start = verb + said.end()
    for inner_verb, inner_key in speakers:
        if inner_verb <= start or inner_key == key or not r.is_a(inner_key, "Person"):
            continue
        first = r.outermost(start, inner_verb)
        # "White said Mattis lauded ...": the name and its verb; "congratulated the Prime Minister on ..., and
        # the Prime Minister commended ...": the one congratulated, then a new clause of the same person's
        if (
            first
            and first[0][0] == start
            and first[-1][2] == inner_key
            and cues.SPEAKER_FILLER.match(r.text[first[0][1] : inner_verb])
        ):
            return inner_verb, inner_key
    return None


_QUOTED_PRONOUN = re.compile(r"(?:He|She)(?:\s+(?:also|further|then|later))?\s+$")
_TITLE_WORDS = re.compile(r"(?:[A-Z][\w.’'-]*\s+){0,4}")  # "Secretary ", "Defense Secretary " before the name


def _quoted_report(r: Reading, unit: Unit, outer: RuleClaim) -> None:
    """ "“He thanked Ruiz for ...,” she said.": a speaker quoting what another person said or did (a
    spokesperson's readout of the principal) gives that person's statement too, according to the one
    quoting and derived from the quotation. "He"/"She" is the last other person a statement was by."""
    span = outer.props.get("quote", [None])[0]
    quoter = outer.props["speaker"][0]
    if not isinstance(span, TextSpan):
        return
    m = cues.REPORTING_VERB.search(r.lower, span.begin, span.end)  # the first verb only
    if m is None:
        return
    subject = None
    for b, e, key in r.outermost(span.begin, m.start()):
        if cues.SPEAKER_FILLER.match(r.text[e : m.start()]) and _TITLE_WORDS.fullmatch(r.text[span.begin : b]):
            subject = key if r.is_a(key, "Person") and key != quoter else None
    if subject is None and _QUOTED_PRONOUN.fullmatch(r.text[span.begin : m.start()]):
        subject = next(
            (g.speaker for g in reversed(r.segments) if g.speaker != quoter and r.is_a(g.speaker, "Person")), None
        )
    if subject is None:
        return
    # "He thanked Ruiz for ... and reaffirmed ...": a second verb after "and" is a second statement
    second = next(
        (
            v
            for v in cues.REPORTING_VERB.finditer(r.lower, m.end(), span.end)
            if _AND_BEFORE.search(r.text, m.end(), v.start())
        ),
        None,
    )
    parts = [(span.begin, span.end, m.start())]
    if second is not None:
        cut = _AND_BEFORE.search(r.text, m.end(), second.start())
        parts = [(span.begin, cut.start(), m.start()), (second.start(), span.end, second.start())]  # type: ignore[union-attr]
    for begin, end, verb in parts:
        claim = statement(r, unit, begin, end, subject, verb)
        claim.according_to = quoter
        claim.props["derivedFromStatement"] = ["claim:" + outer.id]


_AND_BEFORE = re.compile(r"\s+and\s+(?:(?:also|then|further)\s+)?$")


def _nested(r: Reading, unit: Unit, outer: RuleClaim, inner: tuple[int, str], end: int) -> None:
    """What the reported speaker said is a statement of its own, according to the one who reports it and
    derived from that report; the report's evidence is then its own words ("..., White said")."""
    inner_verb, inner_key = inner
    begin = next(b for b, _, k in r.outermost(outer.evidence[0][0], inner_verb) if k == inner_key)
    claim = statement(r, unit, begin, end, inner_key, inner_verb)
    claim.according_to = outer.props["speaker"][0]
    claim.props["derivedFromStatement"] = ["claim:" + outer.id]
    outer.evidence = [(outer.evidence[0][0], len(r.text[:begin].rstrip()))]


def _attributor(
    r: Reading, unit: Unit, verb: int, end: int, key: str, speakers: list[tuple[int, str]]
) -> tuple[int, str] | None:
    """The speaker of a trailing attribution (", White said.") after ``key``'s statement, with its verb."""
    for other_verb, other in speakers:
        if verb < other_verb <= end + 40 and other != key and _trailing_attribution(r, unit, other_verb):
            return other_verb, other
    return None


_ADDED = re.compile(r"added\b")


def _added(r: Reading, unit: Unit, outer: RuleClaim, verb: int, key: str) -> None:
    """ "Mattis expressed his appreciation ..., Ross added, and ...": Ross says something more (a trailing
    "said" of someone who spoke before does not, see ``statements``); his statement is the one the
    sentence's statement is drawn from."""
    if not _ADDED.match(r.lower, verb) or not r.is_a(key, "Person"):
        return
    named = [b for b, e, k in r.outermost(max(unit[0], verb - 60), verb) if k == key]
    if not named:
        return
    said = statement(r, unit, named[-1], verb + len("added"), key, verb)
    r.segments.pop()  # its words are the sentence's, already read as the outer statement
    said.according_to = None
    if "quote" not in outer.props:  # what he added: the sentence without ", Ross added"
        begin, end = outer.evidence[0]
        cut = r.text.rfind(",", begin, named[-1])
        words = r.text[begin:cut] + r.text[verb + len("added") : end]
        said.props["paraphrase"] = [words.strip().rstrip(".")]
    outer.props["derivedFromStatement"] = ["claim:" + said.id]
    mid = r.text[r.text.rfind(",", outer.evidence[0][0], named[-1]) : verb + len("added")]
    paraphrase = outer.props.get("paraphrase", [None])[0]
    if isinstance(paraphrase, str) and mid in paraphrase:  # "..., Ross added, and ...": not what Mattis said
        outer.props["paraphrase"] = [paraphrase.replace(mid, "", 1)]


def _speakers(r: Reading, unit: Unit) -> list[tuple[int, str]]:
    """(verb offset, speaker) for every reporting verb whose speaker is known, in text order."""
    ub, ue = unit
    verbs = [m.start() for m in cues.REPORTING_VERB.finditer(r.lower, ub, ue)]
    for m in cues.PARTICIPLE.finditer(r.lower, ub, ue):
        if re.search(r"\bwith\s+(?:[\w’'-]+\s+){1,3}$", r.lower[max(ub, m.start() - 40) : m.start()]):
            verbs.append(m.start())
    quoted = cues.quotations(r.text, ub, ue)
    verbs = [v for v in verbs if not any(b < v < e for b, e in quoted)]  # a verb inside a quotation
    verbs = [v for v in verbs if hosted(r, v, ue) is None]  # a host welcoming a guest says nothing
    resolved = []
    for verb in sorted(verbs):
        key = speaker(r, unit, verb)
        if key is not None and not (r.lower.startswith("reported", verb) and r.is_a(key, "NewsPublisher")):
            resolved.append((verb, key))
    return resolved


def _cuts(r: Reading, unit: Unit, speakers: list[tuple[int, str]], splits: list[int]) -> list[Cut]:
    """Where each statement of the sentence begins: at the sentence for the first speaker, at the
    clause of each new speaker, and at a participle that starts a new statement by the same one."""
    ub = unit[0]
    cuts: list[Cut] = []
    for verb, key in speakers:
        if cuts and _trailing_attribution(r, unit, verb):
            continue  # "Mattis also expressed ..., White said.": who says so, not a new statement
        split = any(cuts and cuts[-1][2] < s < verb for s in splits)
        if cuts and cuts[-1][1] == key and not split:
            continue
        begin = ub if not cuts else r.clause_start(ub, verb)
        if cuts and (begin <= cuts[-1][0] or begin <= cuts[-1][2]):
            continue  # "Reyle said (that) Valdonia welcomed ...": a verb inside what was said
        cuts.append((begin, key, verb))
    for s in splits:
        if cuts and not any(c[0] == s for c in cuts) and cuts[0][2] < s:
            owner = max((c for c in cuts if c[2] < s), key=lambda c: c[2])
            cuts.append((s, owner[1], s))
    return sorted(cuts)


def _trailing_attribution(r: Reading, unit: Unit, verb: int) -> bool:
    """ ", White said." at the end of a sentence (or before ", including ...")."""
    after = r.text[verb : unit[1]]
    before = r.text[max(unit[0], verb - 40) : verb]
    return bool(re.match(r"\w+\s*(?:[.,;]|$)", after)) and bool(re.search(r",\s*[\w. ]{1,30}$", before))


def speaker(r: Reading, unit: Unit, verb_begin: int) -> str | None:
    """Who speaks: the name just before the verb in its clause, else "he"/"she" as the last person
    who spoke, else a plural role ("diplomats") as a collective agent; None when nobody is named."""
    start = r.clause_start(unit[0], verb_begin)
    before = r.text[start:verb_begin]
    nearest = sorted(r.mentions(start, verb_begin), key=lambda m: (m[1], m[1] - m[0]))
    if nearest and cues.SPEAKER_FILLER.match(r.text[nearest[-1][1] : verb_begin]):
        return nearest[-1][2]
    if not before.strip():
        found = _set_off(r, unit, verb_begin)
        if found is not None:
            return found
    bare = re.sub(r"(?:\s+(?:also|further|later|again|then|has|have|had))+\s*$", " ", before)
    if re.fullmatch(r"\s*the\s+government\s*", bare) and r.text[start - 1 : start] == ",":
        government = _government_of_opening(r, unit, start)
        if government is not None:
            return government
    role_back = cues.ROLE_BACK.match(bare) and r.text[start - 1 : start] == ","  # "..., the diplomat added"
    if cues.PRONOUN.search(bare) or role_back:
        return r.last_person
    opening = _opening_subject(r, unit, verb_begin)
    if opening is not None:
        return opening
    m = cues.ROLE_PLURAL.search(bare)
    if m:
        country = r.names.country_of(m.group(1))
        label = (m.group(1) + " " if m.group(1) else "") + m.group(2)
        return r.new_entity(
            f"collective:{label.lower()}",
            label,
            "CollectiveAgent",
            (start + m.start(1 if m.group(1) else 2), start + m.end(2)),
            country,
        )
    return None


def _government_of_opening(r: Reading, unit: Unit, start: int) -> str | None:
    """ "Japan has called off ..., the government said Friday.": the government of the country the
    sentence opens with (the first name in it), with "the government" as its mention."""
    opening = r.outermost(unit[0], start)
    if not opening or not r.is_a(opening[0][2], "Country") or r.text[unit[0] : opening[0][0]].strip():
        return None
    country = r.entities[opening[0][2]]
    at = r.text.index("the government", start - 1, start + 20)
    key = r.new_entity(f"government:{country.key}", f"Government of {country.label}", "Government", (at, at + 14))
    r.entities[key].props.setdefault("governmentOf", [country.key])
    return key


_AND_VERB = re.compile(r"(?:,\s*)?\band\s+(?:(?:also|then|later|further)\s+)?$")
_OPENER = re.compile(r"\s*(?:(?:In addition|Also|Later|Meanwhile),\s+)?(?:[A-Z][\w.’'-]*\s+){0,4}")
_FIRST_VERB = re.compile(r"\s+(?:(?:also|later|then|further)\s+)?[a-z]+(?:ed|s)\b")


def _opening_subject(r: Reading, unit: Unit, verb_begin: int) -> str | None:
    """ "Ruiz also discussed the plan, and welcomed ...": a verb after "and" with no subject of its own
    shares the subject of the sentence, when the sentence opens with a person (after title words) and
    that person's verb."""
    if not _AND_VERB.search(r.text, unit[0], verb_begin):
        return None
    found = r.outermost(unit[0], verb_begin)
    if not found:
        return None
    begin, end, key = found[0]
    if not (_OPENER.fullmatch(r.text[unit[0] : begin]) and _FIRST_VERB.match(r.text, end) and r.is_a(key, "Person")):
        return None
    return key


def surname(label: str) -> str:
    """The last word of a name that is not a suffix ("Lloyd J. Austin III": Austin)."""
    words = [w for w in label.split() if w.rstrip(".") not in ("Jr", "Sr", "II", "III", "IV")]
    return (words or label.split() or [label])[-1]


# A reporting verb that ends its sentence, with only who said it or whom it was told ("said Varga", "told
# Reuters", "told the Associated Press") and when after it.
_SAID_LAST = re.compile(
    r"\w+(?:\s+(?:reporters|journalists|the press|a (?:news )?briefing|a news conference|lawmakers|parliament"
    r"|(?:the\s+)?[A-Z][\w.&’'-]*(?:\s+(?:of\s+|for\s+)?[A-Z][\w.&’'-]*){0,4}))?"
    r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tonight"
    r"|earlier|later|in a statement|in an interview|this (?:week|morning|afternoon|evening)"
    r"|last (?:week|month|night)))*\s*[.!?]?"
)
# "Tarr, the spokesperson for the ministry, said", "Novak, who attended the briefing, said"
_APPOSITION = re.compile(r",\s+(?:the|a|an|his|her|its|their|who|whose)\s+[^,;“”\"]{1,100},\s*$")
_AFTER_VERB = re.compile(rf"(?:{cues.REPORTING})\s+(?:(?:the|a|an)\s+)?")


def _set_off(r: Reading, unit: Unit, verb_begin: int) -> str | None:
    """A speaker set off from the verb: "Tarr, the spokesperson for the ministry, said", or after it,
    following a quotation or a clause ("“...,” said Paul Varga", "..., said Varga")."""
    apposition = _APPOSITION.search(r.text, unit[0], verb_begin)
    if apposition is not None:
        named = [(b, k) for b, e, k in r.outermost(unit[0], apposition.start()) if e == apposition.start()]
        if named and r.is_a(named[-1][1], "Person", "Organization"):
            return named[-1][1]
    if re.search(r"[,”\"’]\s*$", r.text[unit[0] : verb_begin]):
        verb = _AFTER_VERB.match(r.lower, verb_begin)
        after = r.outermost(verb.end(), unit[1]) if verb else []
        if after and after[0][0] == verb.end() and r.is_a(after[0][2], "Person", "Organization"):  # type: ignore[union-attr]
            return after[0][2]
    return None


def statement(
    r: Reading, unit: Unit, begin: int, end: int, speaker: str, verb: int, quote: tuple[int, int] | None = None
) -> RuleClaim:
    speaker_label = r.entities[speaker].label
    stem = "statement-" + slug(surname(speaker_label))
    claim = r.claim("Statement", (begin, end), "happened", f"statement by {speaker_label}", stem)
    claim.props["speaker"] = [speaker]
    found = re.search(r"“([^”]+)”|\"([^\"]+)\"", r.text[begin:end])
    if found is not None and len((found.group(1) or found.group(2) or "").split()) < 3:
        found = None  # 'would ratify it "soon."': a word in quotation marks is no quotation of what was said
    if quote is not None:
        claim.props["quote"] = [TextSpan(*quote)]
    elif found:
        which = 1 if found.group(1) is not None else 2
        q_begin, q_end = begin + found.start(which), begin + found.end(which)
        while q_end > q_begin and r.text[q_end - 1] in ",;: ":
            q_end -= 1
        claim.props["quote"] = [TextSpan(q_begin, q_end)]
    else:
        after = re.search(r"\bthat\s+", r.text[verb:end])
        word = re.match(r"\w+(?:\s+(?:out|for))?\s*", r.text[verb:end])
        p_begin = verb + after.end() if after else verb + (word.end() if word else 0)
        p_end = end - (1 if r.text[end - 1] in ".!?" else 0)
        cut = r.text.rfind(",", begin, verb)
        if _SAID_LAST.fullmatch(r.text, verb, end) and cut > begin + 10:
            # "X has named Y ..., the Foreign Ministry said Monday.": what was said comes before the speaker
            p_begin, p_end = begin, cut
        claim.props["paraphrase"] = [r.text[p_begin:p_end].strip() or r.text[begin:end]]
    according = r.according_to(unit, begin)
    if according and according != speaker:
        claim.according_to = according
    for _, _, key in r.mentions(begin, end):
        if "Conference" in r.entities[key].classes:
            held = conference(r, key)
            if held.status in ("happened", "ongoing"):  # "for hosting the upcoming X": not said at X
                claim.props["occasion"] = ["claim:" + held.id]
    r.add_segment(Segment(begin, end, speaker, claim))
    return claim


def joint(r: Reading, unit: Unit) -> None:
    """ "Mattis and Onodera affirmed ...": one statement by the two named, and "The two leaders agreed
    ...", "Both reiterated ...": by both sides of the talks or meeting the article last reported. Left
    out when the speakers are not two known persons or countries: a wrong speaker is worse than none."""
    ub, ue = unit
    pair = _named_pair(r, unit)
    m = cues.JOINT.search(r.text, ub, ue)
    if pair is None and m is None:
        return  # nobody spoke together here: no need to look back for the occasion (a scan of the claims)
    occasion = next(  # "They agreed": the last talks or meeting whose sides are known ("the G7 meeting" has none)
        (
            c
            for c in reversed(r.of_class("Talks", "Meeting"))
            if c.evidence[0][0] < ub and len(occasion_sides(r, c)) == 2
        ),
        None,
    )
    previous = _joint_before(r, unit)
    if pair is not None:
        sides, begin, verb = pair
    elif m is not None and previous and re.match(r"[Tt]hey\b", r.text[m.start() : m.start() + 4]):
        # "Both Ministers confirmed ... They agreed ...": the two who spoke together just before
        sides, begin, verb = previous, m.start(), (m.start(1), m.end(1))
    elif m is not None and occasion is not None and _both_persons(r, m.start(), occasion, unit):
        # "the two leaders agreed": persons; "both sides" may be two states, "they" anyone
        sides, begin, verb = occasion_sides(r, occasion), m.start(), (m.start(1), m.end(1))
    else:
        return
    if len(sides) != 2 or not all(r.is_a(k, "Person", "Country") for k in sides):
        return
    if re.search(
        r"\b(?:not|never|would|will|may|might|could|to)\b|n[’']t\b", r.text[r.clause_start(ub, verb[0]) : verb[0]]
    ):
        return  # "both would welcome ...", "did not agree": what was said is not settled
    end = ue - (1 if r.text[ue - 1] in ".!?" else 0)
    closing = re.search(r"[”\"]", r.text[begin:end])
    if closing:  # "... agenda," she added: what both said ends with the quotation
        end = begin + closing.start()
    end = begin + len(r.text[begin:end].rstrip(" ,;"))
    attribution = re.search(r",\s+[\w. ]{1,30}\s+(?:said|added|noted)$", r.text[begin:end])
    if attribution:  # "..., White said": who reports it, not what both said
        end = begin + attribution.start()
    labels = " and ".join(r.entities[k].label for k in sides)
    if r.text[verb[0] : verb[1]] == "agreed" and not re.match(r"\s+to\b", r.text[verb[1] : verb[1] + 4]):
        # "A and B agreed that ...", "agreed on the need ...": a view both hold; "agreed to act" is what they said
        claim = r.claim("SharedStance", (ub, ue), "happened", f"shared stance of {labels}", "shared-stance")
        claim.props["holder"] = sides
    else:
        claim = r.claim("JointStatement", (ub, ue), "happened", f"joint statement by {labels}", "joint-statement")
        claim.props["speaker"] = sides
    claim.props["paraphrase"] = [r.text[begin:end].strip()]
    _drop_singles(r, unit, ub, sides)
    here = next(  # "A and B emphasized ... during a meeting in Arlen": that meeting is the occasion
        (c for c in r.claims if c.cls in ("Talks", "Meeting") and ub <= c.evidence[0][0] < ue and c is not claim),
        None,
    )
    occasion = here or occasion
    if occasion is not None:
        claim.props["occasion"] = ["claim:" + occasion.id]
    claim.according_to = r.according_to(unit, begin)


def _drop_singles(r: Reading, unit: Unit, ub: int, sides: list[str]) -> None:
    """What both said is not also a statement by one of them; what was read inside such a statement
    ("... during a meeting in Arlen today") is then according to the article's attribution."""
    dropped = [
        c
        for c in r.of_class("Statement")
        if c.evidence[0][0] == ub and c.props["speaker"][0] in sides and "quote" not in c.props
    ]
    for c in dropped:
        r.forget(c)
    kept = {id(c) for c in r.claims}  # claims are told apart by identity
    r.segments = [g for g in r.segments if id(g.claim) in kept]
    for other in r.claims:
        if any(other.props.get("derivedFromStatement") == ["claim:" + d.id] for d in dropped):
            del other.props["derivedFromStatement"]
            other.according_to = r.according_to(unit, other.evidence[0][0])


def _joint_before(r: Reading, unit: Unit) -> list[str]:
    """The two persons who spoke or agreed together in the sentence just before, if any."""
    before = r.units_before(unit[0], 1)
    if not before:
        return []
    last = before[-1]
    for claim in reversed(r.joint_claims):  # as a scan of every claim from the last would find them
        if last[0] <= claim.evidence[0][0] < last[1] and r.holds(claim):
            who = claim.props.get("speaker") or claim.props.get("holder") or []
            return list(who) if len(who) == 2 and all(r.is_a(k, "Person") for k in who) else []
    return []


def _both_persons(r: Reading, at: int, occasion, unit: Unit) -> bool:
    """Whether the subject at ``at`` stands for the two persons of the occasion: "the two leaders" and
    "both ministers" do; "they" does only right after talks between two named persons (the sentence
    before or the one before that), and so does a bare "both"; "both sides" never (it may be two states)."""
    if cues.LEADERS.match(r.text, at):
        return True
    if not re.match(r"(?:[Tt]hey|[Bb]oth)\b(?!\s+sides)", r.text[at : at + 10]):
        return False  # "both" alone: "The Secretary and the Prime Minister ... and both emphasized"
    sides = occasion_sides(r, occasion)
    recent = {u[0] for u in r.units_before(unit[0], 2)}
    return (
        len(sides) == 2
        and all(r.is_a(k, "Person") for k in sides)
        and any(u_begin <= occasion.evidence[0][0] for u_begin in recent)
        and not any(c.evidence[0][0] >= occasion.evidence[0][1] for c in r.of_class("Statement"))
    )


def _named_pair(r: Reading, unit: Unit) -> tuple[list[str], int, tuple[int, int]] | None:
    """ "A and B reiterated" at the start of the sentence, A and B persons: (speakers, begin, verb)."""
    ub, ue = unit
    # persons only: "Kenyan" in "Kenyan Foreign Minister" is a mention of Kenya, and part of the title
    found = [f for f in r.outermost(ub, min(ue, ub + 120)) if r.is_a(f[2], "Person")]
    for i in range(len(found) - 1):
        (b1, e1, k1), (b2, e2, k2) = found[i], found[i + 1]
        if k1 == k2:
            continue
        between = re.fullmatch(r"\s+and\s+((?:[A-Z][\w.’'-]*\s+)*)", r.text[e1:b2])
        if between is None or not all(_title_word(w) for w in between.group(1).split()):
            continue  # "Minister Inada and Secretary Mattis", "... and Australian Prime Minister Turnbull"
        opening = re.sub(rf"(?:(?:{_TITLE_WORD})\s*)+$", "", r.text[r.clause_start(ub, b1) : b1]).strip(" ,")
        if opening not in ("", *_OPENERS):
            continue
        verb = cues.JOINT_VERB.match(r.text, e2)
        if verb:
            return [k1, k2], b1, (verb.start(1), verb.end(1))
    return None


_OPENERS = ("Together,", "Together", "Also", "In addition,")
_TITLE_WORD = "|".join(cues.TITLE_WORDS)


def _title_word(word: str) -> bool:
    """A word of a title before a name: "Prime", "Minister", "Defence", or the country it is held in
    ("Australian Prime Minister", "Japanese Defense Minister")."""
    return word in cues.TITLE_WORDS or word in cues.PORTFOLIO_WORDS or gazetteer.country_of_demonym(word) is not None


# "Ruiz shared this view", "... shared her concern": a view held, the one just stated
_SHARED_VIEW = re.compile(
    r"\s+(?:also\s+|fully\s+)?shared\s+(?:this|that|the same|his|her|their)\s+(?:view|concerns?|assessment|position)\b"
)
# "Kestria and Valdonia stand united in their opposition to ...": a view the two hold together
_STAND_UNITED = re.compile(r"\s+(?:stand|stood|stands|remain|remained)\s+(?:united|together|shoulder to shoulder)\b")


def stances(r: Reading, unit: Unit) -> None:
    """ "Secretary Ruiz shared this view.": a stance of the person the sentence opens with; "A and B
    stand united in ...": a stance A and B share (two countries or two persons)."""
    ub, ue = unit
    opening = r.outermost(ub, ue)
    if not opening or not _OPENER.fullmatch(r.text[ub : opening[0][0]]):
        return
    first = opening[0]
    view = _SHARED_VIEW.match(r.text, first[1], ue)
    if view is not None and r.is_a(first[2], "Person"):
        claim = r.claim("Stance", unit, "happened", f"stance of {r.entities[first[2]].label}", "stance")
        claim.props["holder"] = [first[2]]
        claim.props["paraphrase"] = [r.text[first[0] : ue].rstrip(".")]
        claim.according_to = r.according_to(unit, first[0])
        return
    if len(opening) < 2 or not re.fullmatch(r"\s+and\s+(?:the\s+)?", r.text[first[1] : opening[1][0]]):
        return
    second = opening[1]
    united = _STAND_UNITED.match(r.text, second[1], ue)
    pair = [first[2], second[2]]
    if (
        united is None
        or first[2] == second[2]
        or not (all(r.is_a(k, "Country") for k in pair) or all(r.is_a(k, "Person") for k in pair))
    ):
        return
    labels = " and ".join(r.entities[k].label for k in pair)
    claim = r.claim("SharedStance", unit, "ongoing", f"shared stance of {labels}", "shared-stance")
    claim.props["holder"] = pair
    claim.props["paraphrase"] = [r.text[first[0] : ue].rstrip(".")]
    claim.according_to = r.according_to(unit, first[0])
