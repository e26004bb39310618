"""Split an article into sentences and heading lines, with code-point offsets.

Line breaks always end a sentence; inside a line, pysbd (a maintained rule-based sentence boundary
detector, the Golden Rules of English segmentation) decides, so that the full stops of abbreviations,
initials and dates ("U.S. officials", "Dec. 12", "Mr. Novak", "Jan K. Novak", "Capt. Smith") neither end
a sentence nor cut a name. Anything pysbd still cuts after such a word is joined again, so what counts
as "a sentence" for coverage stays easy to predict: the drafter uses the same splitter.
"""

import re
from functools import lru_cache

import pysbd  # type: ignore[import-untyped]
from pysbd.utils import TextSpan  # type: ignore[import-untyped]

# A piece that ends in one of these is never a sentence on its own: the next piece belongs to it.
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]\.|\b(?:[A-Za-z]\.){2,}|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Capt|Cmdr|Adm|Maj|Brig|Gov|Sen|Rep|Rev"
    r"|Prof|No|vs|Jr|Sr|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mt|Ft|Pres|Hon|Amb)\.)$"
)


# pysbd's time grows with the square of a line's length (its abbreviation rules rewrite the whole line
# once per abbreviation-like word: a 240 KB line took 28 s, and a megabyte would take minutes), and an
# article saved without line breaks is one line. A line over _LONG_LINE characters is therefore given to
# pysbd in pieces of at least _PIECE characters, each cut where a sentence surely ends: a full stop,
# question or exclamation mark (closing quotes and brackets after it), then a space and a capital, a
# digit or an opening quote, the word before it being no abbreviation. Shorter lines (every line of the
# corpus and the fixtures: the longest has 796 characters) are split as before.
_LONG_LINE = 10_000
_PIECE = 2_000
_SURE_END = re.compile(r"[.!?][\"\u201d\u2019)\]]*\s+(?=[\"\u201c\u2018(\[]?[A-Z0-9])")


def _pieces(line: str) -> list[tuple[int, str]]:
    """(offset, piece) of a line, cut as the comment above says; one piece for a line up to _LONG_LINE."""
    if len(line) <= _LONG_LINE:
        return [(0, line)]
    pieces = []
    start = 0
    while len(line) - start > _PIECE:
        cut = next(
            (
                m.end()
                for m in _SURE_END.finditer(line, start + _PIECE)
                if not _ABBREVIATION.search(line[max(start, m.start() - 30) : m.start() + 1])
            ),
            None,
        )
        if cut is None:
            break
        pieces.append((start, line[start:cut]))
        start = cut
    pieces.append((start, line[start:]))
    return pieces


# A line of words, digits, spaces and inner punctuation that cannot end a sentence, with at most one
# full stop, question or exclamation mark at its end, is one sentence: pysbd has nothing to split it at
# (no second mark, no quotes or brackets it reads as a sentence of their own, no list markers, no line
# break, none of the symbols it stands in for marks). Such lines are common (headlines, datelines, the
# one-sentence paragraphs of wire copy) and pysbd takes about 0.2 ms each whatever their length, so they
# skip it; tests/test_sentences.py checks that pysbd gives the same on fixture texts and random lines.
# Latin letters stop at U+0237: U+0238 and U+0239 are among pysbd's own sentence marks.
_ONE_SENTENCE = re.compile(r"[ \t]*[A-Za-z0-9\u00C0-\u0237 \t,;:\-\u2013\u2014\u2019/%]*[.!?]?[ \t]*")


_SPACES = re.compile(r"\s*")


class _Segmenter(pysbd.Segmenter):
    """pysbd's segmenter, with its last step (finding each sentence it made in the line, to give it
    back with its trailing spaces) done without compiling a regular expression per sentence: pysbd
    builds ``re.escape(sentence) + "\\s*"`` for each one, which misses the ``re`` module's cache on every
    sentence of a long text (a fifth of pysbd's time). The same matches, found with ``str.find``;
    ``tests/test_sentences_fast_path.py`` compares the two."""

    def sentences_with_char_spans(self, sentences):
        spans = []
        prior_end = 0
        text = self.original_text
        for sentence in sentences:
            if not sentence:  # pysbd's pattern is then "\\s*", which matches everywhere: its own way
                found = next((m for m in _SPACES.finditer(text) if m.end() > prior_end), None)
                if found is not None:
                    spans.append(TextSpan(found.group(), found.start(), found.end()))
                    prior_end = found.end()
                continue
            start = text.find(sentence)
            while start >= 0:
                spaces = _SPACES.match(text, start + len(sentence))
                end = spaces.end() if spaces else start + len(sentence)
                if end > prior_end:  # as pysbd: the first match that ends after the sentence before
                    spans.append(TextSpan(text[start:end], start, end))
                    prior_end = end
                    break
                start = text.find(sentence, end)  # the matches of re.finditer do not overlap
        return spans


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return _Segmenter(language="en", clean=False)


def _line_sentences(line: str) -> list[tuple[int, int]]:
    """(begin, end) of each sentence of one line, whitespace trimmed (a long line piece by piece)."""
    spans: list[tuple[int, int]] = []
    for offset, piece in _pieces(line):
        if len(piece) > _LONG_LINE and not re.search(r"[.!?\u2026]", piece):
            # no mark that can end a sentence: one sentence, without pysbd's quadratic rules
            stripped = piece.strip()
            if stripped:
                begin = piece.find(stripped)
                spans.append((offset + begin, offset + begin + len(stripped)))
            continue
        spans.extend((offset + b, offset + e) for b, e in _piece_sentences(piece))
    return spans


def _piece_sentences(line: str) -> list[tuple[int, int]]:
    """(begin, end) of each sentence pysbd finds in a line or a piece of one, whitespace trimmed."""
    stripped = line.strip()
    if not stripped:
        return []
    if _ONE_SENTENCE.fullmatch(line):
        begin = line.find(stripped)
        return [(begin, begin + len(stripped))]
    return _pysbd_sentences(line)


def _pysbd_sentences(line: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in _segmenter().segment(line):
        piece = piece.strip()
        if not piece:
            continue
        begin = line.find(piece, cursor)
        if begin < 0:  # pysbd changed the characters: keep the rest of the line as one sentence
            begin = cursor + len(line[cursor:]) - len(line[cursor:].lstrip())
            spans.append((begin, len(line.rstrip())))
            break
        end = begin + len(piece)
        if spans and _ABBREVIATION.search(line[spans[-1][0] : spans[-1][1]]):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((begin, end))
        cursor = end
    else:
        tail = line[cursor:].strip()
        if tail:  # never lose characters pysbd dropped
            begin = line.find(tail, cursor)
            spans.append((begin, begin + len(tail)))
    return spans


def segment(text: str) -> list[tuple[int, int]]:
    """Return (begin, end) offsets, end-exclusive, of each sentence; whitespace is trimmed."""
    return list(_segment(text))


@lru_cache(maxsize=2)
def _segment(text: str) -> tuple[tuple[int, int], ...]:
    """Remembered for the last texts: ``kg draft`` splits a text, then builds its draft, which splits it
    again (pysbd takes seconds a megabyte)."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        spans.extend((offset + b, offset + e) for b, e in _line_sentences(line))
        offset += len(line) + 1
    return tuple(spans)
