"""Split an article into sentences and heading lines, with code-point offsets.

A deliberately small rule set (line breaks, then . ! ? before a capital or an opening quote, with
initials and common abbreviations guarded) so that what counts as "a sentence" for coverage is easy
to predict from the text.
"""

import re

_BOUNDARY = re.compile(r"""[.!?]["”’)]*(?=\s+["“‘(]?[A-Z0-9])""")
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "prof", "no", "vs", "jr", "sr"}


def _is_abbreviation(line: str, dot: int) -> bool:
    word = re.search(r"(\w+)\.$", line[: dot + 1])
    if not word:
        return False
    token = word.group(1)
    return (len(token) == 1 and token.isupper()) or token.lower() in _ABBREVIATIONS


def segment(text: str) -> list[tuple[int, int]]:
    """Return (begin, end) offsets, end-exclusive, of each sentence; whitespace is trimmed."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        start = 0
        for match in _BOUNDARY.finditer(line):
            if line[match.start()] == "." and _is_abbreviation(line, match.start()):
                continue
            spans.append((offset + start, offset + match.end()))
            start = match.end()
        spans.append((offset + start, offset + len(line)))
        offset += len(line) + 1
    trimmed = []
    for begin, end in spans:
        chunk = text[begin:end]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        if end - trail > begin + lead:
            trimmed.append((begin + lead, end - trail))
    return trimmed
