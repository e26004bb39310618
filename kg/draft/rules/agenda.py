"""Agenda items: what a meeting or call was held "to discuss" (or "will discuss"), one item per entry of
the list ("to discuss bilateral defense issues, NATO, the campaign to defeat ISIS, and the situations in
Afghanistan and North Korea"), each on the agenda of the talks or meeting reported in the same sentence; what the
two "exchanged views on" is on the agenda of the meeting or call reported just before.
"""

import re

from kg.draft.known import slug
from kg.draft.rules.reading import Reading, Unit

_DISCUSS = re.compile(
    r"\b(?:to discuss|discussed|(?:will|would|shall)\s+discuss|to review|reviewed"
    r"|(?:discussions?|talks|meeting|call)\s+(?:included|covered)"
    # "The Secretary and the Prime Minister exchanged views on a range of global security issues"
    r"|exchanged (?:views|opinions) (?:on|about|regarding)"
    # "X spoke to President Y about the airstrikes": what the call was about
    r"|(?:spoke|speaks|talked)\s+(?:[^.;:“”\"]{0,80}?\s)?about)\s+"
)
_END = re.compile(
    r"[;.]|,\s+(?:\w+\s+){0,3}(?:said|added|noted)\b|,?\s+including\b|,\s+(?:as well as|where|which|while)\b"
    # "... on regional security and both stressed ...": the next clause has a subject of its own
    r"|,?\s+and\s+(?:that\s+)?(?:both|they|the two)\b"
    # "... discussed the National Defense Strategy during a meeting at the Pentagon": the occasion, not a topic
    r"|\s+(?:during|at|in)\s+(?:a|an|the|their|his|her)\s+(?:[\w-]+\s+){0,2}(?:meeting|call|talks|visit|conference|summit)\b"
)
_THEY = re.compile(
    r"[“\"]?(?:They|The two (?:leaders|ministers|sides|officials)|Both sides)\s+(?:also\s+)?"
    r"(?:discussed|(?:will|would)\s+(?:also\s+)?discuss)\s"
)
# views exchanged are exchanged at the meeting or call just reported, whoever the sentence names as the two
_EXCHANGED = re.compile(r"\bexchanged (?:views|opinions)\b")
_SPLIT = re.compile(r",\s+(?:and\s+)?|\s+as well as\s+")


def agenda(r: Reading, unit: Unit) -> None:
    ub, ue = unit
    if _DISCUSS.search(r.text, ub, ue) is None:
        return  # no agenda cue in the sentence: no need to look through every claim for its occasion
    occasion = next(
        (c for c in reversed(r.of_class("Meeting", "Talks")) if any(ub <= b < ue for b, _ in c.evidence)),
        None,
    )
    start = min(b for b, _ in occasion.evidence if ub <= b < ue) if occasion is not None else ub
    if occasion is None and (_THEY.match(r.text, ub) or _EXCHANGED.search(r.text, ub, ue)):
        # "X met Y in New Delhi." then "They discussed trade and ...": the agenda of that meeting
        # (or a few sentences before: "They also discussed ..." closing the readout of a meeting)
        before = r.units_before(ub, 8)
        occasion = next(
            (
                c
                for c in reversed(r.of_class("Meeting", "Talks"))
                if before and any(before[0][0] <= b < ub for b, _ in c.evidence)
            ),
            None,
        )
    if occasion is None:
        return
    m = _DISCUSS.search(r.text, start, ue)
    if m is None:
        return
    end = _END.search(r.text, m.end(), ue)
    stop = end.start() if end else ue
    at = m.end()
    for piece in _SPLIT.split(r.text[m.end() : stop]):
        begin = r.text.find(piece, at)
        at = begin + len(piece)
        item = piece.strip()
        if len(item.split()) > 12 or not re.search(r"[A-Za-z]{3}", item):
            return  # not a list of topics: leave the sentence to the reviewer
        begin += len(piece) - len(piece.lstrip())
        claim = r.claim(
            "AgendaItem", (begin, begin + len(item)), occasion.status, item, "agenda-" + slug(item.split()[-1])
        )
        claim.props["agendaOf"] = ["claim:" + occasion.id]
        claim.according_to = occasion.according_to
