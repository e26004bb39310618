"""Step 6: persons named by their title alone ("The Vice President offered ...", "the Prime Minister
explained ..."), as readouts name them. "the X" is the person the article titled X before ("Vice
President Biden"), when exactly one was; otherwise, with no name anywhere after the title, an unnamed
person ("the President" of a White House readout), so calls and statements get their side or speaker.
"""

import bisect
import re

from kg.draft.known import name_key
from kg.draft.rules import cues
from kg.draft.rules.names.found import Names

# "the President", "The Vice President", "the Prime Minister", "the Defence Secretary" (capitalised heads)
_MODIFIERS = "|".join(cues.TITLE_MODIFIERS)
_PORTFOLIO = "|".join(sorted(cues.PORTFOLIO_WORDS))
_THE_TITLE = re.compile(
    rf"\b[Tt]he\s+((?:(?:{_MODIFIERS})\s+)*(?:President|Prime Minister|[Ss]ecretary|Minister|Chancellor"
    r"|King|Queen|Emir|Crown Prince)"
    # "the Secretary of State", "the Minister for Foreign Affairs": a portfolio, not a country, after it
    rf"(?:\s+(?:of|for)\s+(?:{_PORTFOLIO})(?:\s+(?:and\s+)?(?:{_PORTFOLIO}))*)?)"
    r"\b(?!\s+(?:of|for|to)\b)(?![’']s\b)(?!\s+[A-Z])"
)
# "The President and Prime Minister agreed": the second title shares the first one's "the"
_AND_TITLE = re.compile(
    rf"\b[Tt]he\s+(?:(?:{_MODIFIERS})\s+)*(?:President|Prime Minister|Secretary|Minister|Chancellor|King|Queen|Emir)"
    rf"\s+and\s+((?:(?:{_MODIFIERS})\s+)*(?:President|Prime Minister|Secretary|Minister|Chancellor|King|Queen|Emir"
    r"|Crown Prince))\b(?!\s+(?:of|for|to)\b)(?![’']s\b)(?!\s+[A-Z])"
)


def titled(names: Names) -> None:
    spans: dict[str, list[tuple[int, int]]] = {}
    for m in _THE_TITLE.finditer(names.text):
        if names.covered(m.start(), m.end()) or names.in_heading(m.start()):
            continue
        spans.setdefault(m.group(1), []).append((m.start(), m.end()))
    for m in _AND_TITLE.finditer(names.text):
        if names.covered(m.start(1), m.end(1)) or names.in_heading(m.start()):
            continue
        spans.setdefault(m.group(1), []).append((m.start(1), m.end(1)))
    for written, found in spans.items():
        title = written[:1].upper() + written[1:]  # "the secretary" is the one titled Secretary
        holders = {t.person for t in names.titles if t.label == title or t.label.endswith(" " + title)}
        holders = {k for k in holders if k in names.entities}
        if len(holders) == 2 and written != title:
            _the_other(names, found, holders)
            continue
        if len(holders) == 1:
            person = names.entities[holders.pop()]
            for span in found:
                person.add(span)
            continue
        if holders or any(t.label.endswith(title) for t in names.titles) or written != title:
            continue  # two holders, or one not found, or a lower-case title: "the secretary" may be anyone's
        label = "the " + title
        ent = names.entity(f"unnamed:{name_key(label)}", label, ["Person", "UnnamedAgent"])
        for span in found:
            ent.add(span)


def _the_other(names: Names, found: list[tuple[int, int]], holders: set[str]) -> None:
    """ "The secretary thanked Secretary Ruiz for ...": of two persons titled so, the one the sentence
    names after the title is not the one the title stands for; the other one is."""
    for begin, end in found:
        starts = names.sorted_sentence_starts
        after = bisect.bisect_right(starts, begin)
        stop = starts[after] if after < len(starts) else len(names.text)
        named = {k for k in holders if any(end <= b < stop for b, _ in names.entities[k].spans)}
        if len(named) == 1:
            (other,) = holders - named
            names.entities[other].add((begin, end))
