"""Find a mapping's quotes in the article text, as whole words.

A quote matches where its first and last characters are not glued to a letter or digit outside it: "Syria"
matches in "Syria’s" and "Syria." but not inside "Syrian". A quote that begins or ends with punctuation
or a space has no constraint on that side. ``occurrence`` counts whole-word matches only.

Mappings written before whole-word matching counted every match, also those inside longer words. Such a
mapping still builds: where its ``occurrence`` only makes sense under the old count (there are fewer whole
words) and the old count picks a whole word, that word is taken with a warning that gives the new count.
Where both counts are possible the whole-word count is the documented meaning and wins, silently: a
warning there would follow every new mapping whose quote also occurs inside a longer word ("Syria" after
"Syrian"). A quote that matches only inside longer words is an error: it was always a mistake.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.util.text import clip, counted


@dataclass(frozen=True)
class Span:
    begin: int
    end: int
    text: str


class QuoteError(ValueError):
    """Why a quote cannot be located; the caller adds the file and line."""


def _glued(text: str, index: int) -> bool:
    return 0 <= index < len(text) and text[index].isalnum()


def is_whole_word(text: str, begin: int, end: int) -> bool:
    if text[begin].isalnum() and _glued(text, begin - 1):
        return False
    if text[end - 1].isalnum() and _glued(text, end):
        return False
    return True


def all_starts(text: str, quote: str) -> list[int]:
    """Every match, also inside longer words (and overlapping ones)."""
    starts, start = [], text.find(quote)
    while start != -1:
        starts.append(start)
        start = text.find(quote, start + 1)
    return starts


def word_starts(text: str, quote: str) -> list[int]:
    return [s for s in all_starts(text, quote) if is_whole_word(text, s, s + len(quote))]


class WordIndex:
    """Where strings occur as whole words in one text (``word_starts``), from an index of its words.

    A string that begins with a letter or digit occurs as whole words only where a word of the text
    begins, and that word is the string's first word (what follows it in the string is not a letter or
    digit, or is the string's end, which must not be glued to the text): so only the places of that word
    are tried. Searching the whole text once per name made a long text's mentions grow with the square
    of its length. Other strings are searched for as before. Answers are remembered.
    """

    _WORD = re.compile(r"[^\W_]+")  # letters and digits: what str.isalnum() accepts, character by character

    def __init__(self, text: str):
        self.text = text
        self._words: dict[str, list[int]] | None = None
        self._found: dict[str, list[int]] = {}

    def __call__(self, text: str, quote: str) -> list[int]:
        if text is not self.text and text != self.text:
            return word_starts(text, quote)
        if quote not in self._found:
            self._found[quote] = self._search(quote)
        return list(self._found[quote])

    def _search(self, quote: str) -> list[int]:
        first = self._WORD.match(quote)
        if first is None:  # begins with a space or punctuation (or is empty): no word to look up
            return word_starts(self.text, quote)
        if self._words is None:
            self._words = {}
            for m in self._WORD.finditer(self.text):
                self._words.setdefault(m.group(), []).append(m.start())
        text, end = self.text, len(quote)
        starts, shift = self._words.get(first.group(), ()), 0
        if len(starts) > 8:
            # A common first word ("The ..."): any other word of the quote that ends inside it is a word
            # of the text wherever the quote matches, at the same distance from the start, so the places
            # of the quote's rarest such word give the same matches (a long text's evidence sentences
            # went through every "The" of the text each).
            for word in self._WORD.finditer(quote, first.end()):
                places = self._words.get(word.group(), ())
                if word.end() < end and len(places) < len(starts):
                    starts, shift = places, word.start()
        return [
            s - shift
            for s in starts
            if s >= shift and text.startswith(quote, s - shift) and is_whole_word(text, s - shift, s - shift + end)
        ]


@lru_cache(maxsize=2)
def word_index(text: str) -> WordIndex:
    """The whole-word finder of a text, shared by everything that asks about it (the loader's quotes,
    the compiler's mentions, ``kg draft``): one index of its words, each string looked up once."""
    return WordIndex(text)


def _shown(quote: str) -> str:
    return clip(quote, 60, "...")


def _not_found(text: str, quote: str, source: str) -> QuoteError:
    """The error of a quote the text lacks, saying so when the text has it in another Unicode form (an
    accent composed or not): the two look the same, and "not found" alone leaves nothing to go on."""
    import unicodedata

    message = f'quote not found in {source}: "{_shown(quote)}"'
    if unicodedata.normalize("NFC", quote) in unicodedata.normalize("NFC", text):
        form = next((f" ({f})" for f in ("NFC", "NFD") if unicodedata.is_normalized(f, text)), "")
        message += f"; the text writes it in another Unicode form{form}; write the quote as the text does"
    return QuoteError(message)


def _context(text: str, begin: int, end: int) -> str:
    """The word a match lies in, to show where a glued match is."""
    while begin > 0 and text[begin - 1].isalnum():
        begin -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return text[begin:end]


def locate(text: str, quote: str, occurrence: int | None, source: str = "the text") -> tuple[Span, str | None]:
    """The span a quote names, and a warning when an old-style ``occurrence`` was read for it.

    ``occurrence`` is None for a plain quote, which must occur exactly once as a whole word.
    """
    if not quote:
        raise QuoteError("an empty quote names no words of the text")
    if not any(c.isalnum() for c in quote):  # a space or a full stop: a span no fact can rest on
        raise QuoteError("a quote without a letter or digit names no words of the text")
    words = word_index(text)(text, quote)
    if occurrence is None and len(words) == 1:
        return Span(words[0], words[0] + len(quote), quote), None
    if occurrence is not None and occurrence <= len(words):
        begin = words[occurrence - 1]
        return Span(begin, begin + len(quote), quote), None
    # the rest needs every match, also inside longer words: a search of the whole text, which the
    # common cases above do without (once per quote, it grew with the square of a long text)
    every = all_starts(text, quote)
    whole = set(words)
    inside = [s for s in every if s not in whole]
    shown = _shown(quote)
    if occurrence is None:
        if len(words) == 1:
            return Span(words[0], words[0] + len(quote), quote), None
        if not words and inside:
            glued = _context(text, inside[0], inside[0] + len(quote))
            raise QuoteError(f'quote matches only inside a longer word ("{glued}"), never as a whole word: "{shown}"')
        if not words:
            raise _not_found(text, quote, source)
        raise QuoteError(
            f"quote occurs {len(words)} times as a whole word; give 'occurrence' to say which: \"{quote}\""
        )
    if occurrence <= len(words):
        begin = words[occurrence - 1]
        return Span(begin, begin + len(quote), quote), None
    if occurrence <= len(every) and every[occurrence - 1] in words:
        begin = every[occurrence - 1]
        nth = words.index(begin) + 1
        warning = (
            f"'occurrence: {occurrence}' of \"{shown}\" counts matches inside longer words; as whole words this is "
            f"occurrence {nth}: write 'occurrence: {nth}'"
        )
        return Span(begin, begin + len(quote), quote), warning
    if not words and not inside:
        raise _not_found(text, quote, source)
    also = f" (and {counted(len(inside), 'time')} inside longer words, which do not count)" if inside else ""
    raise QuoteError(f'quote occurs {counted(len(words), "time")} as a whole word{also}, not {occurrence}: "{quote}"')
