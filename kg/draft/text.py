"""The article's words as the drafting stage sees them: paragraphs, sentences, whole words, and a
forgiving search that repairs a quote to the article's own characters.

Offsets follow the compiler: 0-based, end-exclusive code points, and a quote's occurrence number
counts its whole-word matches, as the loader does (``kg.load.quotes``), so a draft's ``occurrence``
means exactly what the loader will take it to mean.
"""

import bisect
import re
import unicodedata
from array import array
from collections.abc import Callable
from dataclasses import dataclass

from kg.load.quotes import is_whole_word as _loader_whole_word
from kg.load.quotes import word_index
from kg.load.sentences import segment

_SINGLE = dict.fromkeys("‘’‚‛′`´", "'")
_DOUBLE = dict.fromkeys("“”„‟″«»", '"')
_DASHES = dict.fromkeys("‐‑‒–—―−", "-")
_FOLD = {**_SINGLE, **_DOUBLE, **_DASHES}


def occurrences(text: str, quote: str) -> list[int]:
    """Start offsets of ``quote`` as the compiler counts them (overlapping, inside words too)."""
    starts, start = [], text.find(quote) if quote else -1
    while start != -1:
        starts.append(start)
        start = text.find(quote, start + 1)
    return starts


def word_occurrences(text: str, quote: str) -> list[int]:
    """Start offsets of ``quote`` as whole words: what the loader's ``occurrence`` counts."""
    return word_index(text)(text, quote) if quote else []


def occurrence_number(text: str, begin: int, end: int) -> int:
    """The 1-based ``occurrence`` the loader reads as the whole-word match at ``begin``."""
    return word_occurrences(text, text[begin:end]).index(begin) + 1


def is_whole_word(text: str, begin: int, end: int) -> bool:
    """A span does not cut a word in two at either edge (the loader's rule: edges that are not letters
    or digits are free)."""
    return begin < end and _loader_whole_word(text, begin, end)


def whole_word_spans(text: str, quote: str) -> list[tuple[int, int]]:
    return [(s, s + len(quote)) for s in word_occurrences(text, quote)]


@dataclass(frozen=True)
class Paragraph:
    begin: int
    end: int
    sentences: tuple[tuple[int, int], ...]
    heading: bool


def paragraphs(text: str) -> list[Paragraph]:
    """Non-empty lines with their sentences; a short line without final punctuation is a heading, and
    so is a first line without one (the headline: "Readout of X's Call with Y" names no entity "Call")."""
    sentences = segment(text)
    # the sentences by where they begin, so that a line finds its own by bisection, not by a scan of them all
    order = sorted(range(len(sentences)), key=lambda i: sentences[i][0])
    starts = [sentences[i][0] for i in order]
    result: list[Paragraph] = []
    offset = 0
    for line in text.split("\n"):
        begin, end = offset, offset + len(line)
        offset = end + 1
        stripped = line.strip()
        if not stripped:
            continue
        lead = len(line) - len(line.lstrip())
        begin, end = begin + lead, begin + lead + len(stripped)
        first, last = bisect.bisect_left(starts, begin), bisect.bisect_right(starts, end)
        inside = tuple(sentences[i] for i in sorted(order[first:last]) if sentences[i][1] <= end)
        short = len(stripped.split()) <= 8 or not result  # the first line is the headline, however long
        heading = short and stripped[-1] not in '.!?:;,"”’)' and len(inside) == 1
        result.append(Paragraph(begin, end, inside, heading))
    return result


def _fold_char(char: str) -> str:
    if char in _FOLD:
        return _FOLD[char]
    if char.isspace():
        return " "
    return char


def kinds_of_difference(original: str, repaired: str) -> list[str]:
    """Which normalisations turn one string into the other, for the report."""
    kinds = []
    if unicodedata.normalize("NFC", original) != original or unicodedata.normalize("NFC", repaired) != repaired:
        kinds.append("Unicode NFC")
    if any(c in _SINGLE or c in _DOUBLE for c in original + repaired):
        kinds.append("curly and straight quotes")
    if any(c in _DASHES for c in original + repaired):
        kinds.append("dashes")
    if re.sub(r"\s+", " ", original) != original or re.sub(r"\s+", " ", repaired) != repaired:
        kinds.append("whitespace")
    return kinds or ["normalisation"]


def normalise(value: str) -> str:
    return NormalisedText(value).text.strip()


class NormalisedText:
    """The text after NFC, quote and dash folding and whitespace collapsing, with a map from every
    normalised character back to the original characters it came from."""

    def __init__(self, text: str):
        self.original = text
        chars: list[str] = []
        # where each normalised character came from: original [begin, end), in two arrays of machine
        # integers (a list of pairs of Python ints took some 90 bytes a character of a long text)
        begins, ends = array("q"), array("q")
        i = 0
        while i < len(text):
            j = i + 1
            while j < len(text) and unicodedata.combining(text[j]):
                j += 1
            for char in unicodedata.normalize("NFC", text[i:j]):
                folded = _fold_char(char)
                if folded == " " and chars and chars[-1] == " ":
                    ends[-1] = j
                    continue
                chars.append(folded)
                begins.append(i)
                ends.append(j)
            i = j
        self.text = "".join(chars)
        self.begins, self.ends = begins, ends

    def find(self, quote: str) -> list[tuple[int, int]]:
        """Original (begin, end) of every place the normalised quote occurs."""
        needle = normalise(quote)
        if not needle:
            return []
        return [(self.begins[s], self.ends[s + len(needle) - 1]) for s in occurrences(self.text, needle)]


@dataclass(frozen=True)
class Found:
    begin: int
    end: int
    repaired: list[str] | None = None  # the normalisations that were needed, or None when exact


def locate(
    text: str,
    quote: str,
    occurrence: int | None = None,
    within: tuple[int, int] | None = None,
    normalised: NormalisedText | Callable[[], NormalisedText] | None = None,
) -> Found | None:
    """Find a quote in the text as a whole-word span: exactly, else after normalisation.

    An explicit ``occurrence`` is honoured when it exists; otherwise the first whole-word occurrence
    inside ``within`` (the paragraph a back-end was shown) is preferred, then the first anywhere.
    ``normalised``: the text normalised, or a function that makes it (called only if it is needed).
    """
    if not quote or not quote.strip():
        return None
    starts = word_occurrences(text, quote)
    if occurrence is not None and 1 <= occurrence <= len(starts):
        begin = starts[occurrence - 1]
        return Found(begin, begin + len(quote))
    exact = _prefer([(s, s + len(quote)) for s in starts], text, within)
    if exact is not None:
        return Found(*exact)
    if callable(normalised):  # made only now, when it is needed
        normalised = normalised()
    normalised = normalised or NormalisedText(text)
    loose = _prefer(normalised.find(quote), text, within)
    if loose is None:
        return None
    return Found(loose[0], loose[1], kinds_of_difference(quote, text[loose[0] : loose[1]]))


def _prefer(spans: list[tuple[int, int]], text: str, within) -> tuple[int, int] | None:
    whole = [s for s in spans if is_whole_word(text, *s)]
    if within is not None:
        inside = [s for s in whole if within[0] <= s[0] and s[1] <= within[1]]
        if inside:
            return inside[0]
    return whole[0] if whole else None
