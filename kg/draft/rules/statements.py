"""Statements: a reporting verb ("said", "told", "added") or a participle ("..., adding that") with the
speaker named before it. A sentence with two speakers is cut in two, each part one statement with its
quote (words in quotation marks) or its paraphrase (what follows the verb).
"""

import re

from kg.draft.known import slug
from kg.draft.model import TextSpan
from kg.draft.rules import cues
from kg.draft.rules.article import conference
from kg.draft.rules.reading import Reading, Segment, Unit

Cut = tuple[int, str, int]  # where a statement begins, its speaker, where its verb is


def statements(r: Reading, unit: Unit) -> None:
    ub, ue = unit
    splits = [m.start() for m in cues.SPLIT_PARTICIPLE.finditer(r.text, ub, ue)]
    cuts = _cuts(r, unit, _speakers(r, unit), splits)
    for i, (begin, key, verb) in enumerate(cuts):
        end = cuts[i + 1][0] if i + 1 < len(cuts) else ue
        seg_text = r.text[begin:end]
        begin += len(seg_text) - len(seg_text.lstrip(" ,;"))
        end = begin + len(r.text[begin:end].rstrip(" ,;"))
        statement(r, unit, begin, end, key, verb)
        if r.is_a(key, "Person"):
            r.last_person = key


def _speakers(r: Reading, unit: Unit) -> list[tuple[int, str]]:
    """(verb offset, speaker) for every reporting verb whose speaker is known, in text order."""
    ub, ue = unit
    verbs = [m.start() for m in cues.REPORTING_VERB.finditer(r.lower, ub, ue)]
    for m in cues.PARTICIPLE.finditer(r.lower, ub, ue):
        if re.search(r"\bwith\s+(?:[\w’'-]+\s+){1,3}$", r.lower[max(ub, m.start() - 40) : m.start()]):
            verbs.append(m.start())
    resolved = []
    for verb in sorted(verbs):
        key = speaker(r, unit, verb)
        if key is not None:
            resolved.append((verb, key))
    return resolved


def _cuts(r: Reading, unit: Unit, speakers: list[tuple[int, str]], splits: list[int]) -> list[Cut]:
    """Where each statement of the sentence begins: at the sentence for the first speaker, at the
    clause of each new speaker, and at a participle that starts a new statement by the same one."""
    ub = unit[0]
    cuts: list[Cut] = []
    for verb, key in speakers:
        split = any(cuts and cuts[-1][2] < s < verb for s in splits)
        if cuts and cuts[-1][1] == key and not split:
            continue
        begin = ub if not cuts else r.clause_start(ub, verb)
        if cuts and begin <= cuts[-1][0]:
            continue  # "Reyle said that Valdonia welcomed ...": a verb inside what was said
        cuts.append((begin, key, verb))
    for s in splits:
        if cuts and not any(c[0] == s for c in cuts) and cuts[0][2] < s:
            owner = max((c for c in cuts if c[2] < s), key=lambda c: c[2])
            cuts.append((s, owner[1], s))
    return sorted(cuts)


def speaker(r: Reading, unit: Unit, verb_begin: int) -> str | None:
    """Who speaks: the name just before the verb in its clause, else "he"/"she" as the last person
    who spoke, else a plural role ("diplomats") as a collective agent; None when nobody is named."""
    start = r.clause_start(unit[0], verb_begin)
    before = r.text[start:verb_begin]
    nearest = sorted(r.mentions(start, verb_begin), key=lambda m: (m[1], m[1] - m[0]))
    if nearest and cues.SPEAKER_FILLER.match(r.text[nearest[-1][1] : verb_begin]):
        return nearest[-1][2]
    bare = re.sub(r"(?:\s+(?:also|further|later|again|then|has|have|had))+\s*$", " ", before)
    if cues.PRONOUN.search(bare):
        return r.last_person
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


def statement(r: Reading, unit: Unit, begin: int, end: int, speaker: str, verb: int) -> None:
    speaker_label = r.entities[speaker].label
    stem = "statement-" + slug(speaker_label.split()[-1])
    claim = r.claim("Statement", (begin, end), "happened", f"statement by {speaker_label}", stem)
    claim.props["speaker"] = [speaker]
    quote = re.search(r"“([^”]+)”|\"([^\"]+)\"", r.text[begin:end])
    if quote:
        which = 1 if quote.group(1) is not None else 2
        q_begin, q_end = begin + quote.start(which), begin + quote.end(which)
        while q_end > q_begin and r.text[q_end - 1] in ",;: ":
            q_end -= 1
        claim.props["quote"] = [TextSpan(q_begin, q_end)]
    else:
        after = re.search(r"\bthat\s+", r.text[verb:end])
        word = re.match(r"\w+(?:\s+(?:out|for))?\s*", r.text[verb:end])
        p_begin = verb + after.end() if after else verb + (word.end() if word else 0)
        p_end = end - (1 if r.text[end - 1] in ".!?" else 0)
        claim.props["paraphrase"] = [r.text[p_begin:p_end].strip() or r.text[begin:end]]
    according = r.according_to(unit, begin)
    if according and according != speaker:
        claim.according_to = according
    for _, _, key in r.mentions(begin, end):
        if "Conference" in r.entities[key].classes:
            claim.props["occasion"] = ["claim:" + conference(r, key).id]
    r.segments.append(Segment(begin, end, speaker, claim))
