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

from dataclasses import dataclass

from kg.util.text import clip


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


def _shown(quote: str) -> str:
    return clip(quote, 60, "...")


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
    words = word_starts(text, quote)
    every = all_starts(text, quote)
    inside = [s for s in every if s not in words]
    shown = _shown(quote)
    if occurrence is None:
        if len(words) == 1:
            return Span(words[0], words[0] + len(quote), quote), None
        if not words and inside:
            glued = _context(text, inside[0], inside[0] + len(quote))
            raise QuoteError(f'quote matches only inside a longer word ("{glued}"), never as a whole word: "{shown}"')
        if not words:
            raise QuoteError(f'quote not found in {source}: "{shown}"')
        raise QuoteError(
            f"quote occurs {len(words)} times as a whole word; give 'occurrence' to say which: \"{quote}\""
        )
    if occurrence <= len(words):
        begin = words[occurrence - 1]
        return Span(begin, begin + len(quote), quote), None
    if occurrence <= len(every) and every[occurrence - 1] in words:
        begin = every[occurrence - 1]
        counted = words.index(begin) + 1
        warning = (
            f"'occurrence: {occurrence}' of \"{shown}\" counts matches inside longer words; as whole words this is "
            f"occurrence {counted}: write 'occurrence: {counted}'"
        )
        return Span(begin, begin + len(quote), quote), warning
    if not words and not inside:
        raise QuoteError(f'quote not found in {source}: "{shown}"')
    also = f" (and {len(inside)} times inside longer words, which do not count)" if inside else ""
    raise QuoteError(f'quote occurs {len(words)} times as a whole word{also}, not {occurrence}: "{quote}"')
