"""A line that kg gives no pysbd (kg.load.sentences._ONE_SENTENCE) splits as pysbd would split it.

The fast path exists for speed only: these tests compare it with pysbd itself, on every line of the
test fixtures' texts and on random lines of the characters the fast path accepts, so that a pysbd rule
the fast path overlooks shows up here rather than as a changed sentence in someone's build.
"""

import random
from pathlib import Path

import pytest

from kg.load import sentences
from kg.load.sentences import _ONE_SENTENCE, _piece_sentences, _pysbd_sentences

TESTS = Path(__file__).parent


def _fixture_lines() -> list[str]:
    lines = set()
    for path in sorted(TESTS.rglob("*.txt")):
        lines.update(line for line in path.read_text(encoding="utf-8").split("\n") if line.strip())
    return sorted(lines)


def test_fixture_lines_split_the_same_with_and_without_the_fast_path():
    lines = _fixture_lines()
    fast = [line for line in lines if _ONE_SENTENCE.fullmatch(line)]
    assert len(fast) >= 20, "the fixtures should exercise the fast path"
    for line in lines:
        assert _piece_sentences(line) == _pysbd_sentences(line), line


_WORDS = ["Japan", "talks", "the", "U", "Minister", "2018", "12", "Dec", "a", "I", "x", "Mr", "Ana", "Ruiz"]
_GLUE = [" ", "  ", "\t", ", ", "; ", ": ", " - ", " \u2013 ", "\u2014", "\u2019s ", "/", "%", " "]


@pytest.mark.parametrize("seed", range(4))
def test_random_plain_lines_split_the_same_with_and_without_the_fast_path(seed):
    rng = random.Random(seed)
    for _ in range(500):
        parts = [rng.choice(_WORDS) + rng.choice(_GLUE) for _ in range(rng.randint(1, 12))]
        line = rng.choice(["", " ", "\t"]) + "".join(parts) + rng.choice(["", ".", "!", "?", ". ", "?  "])
        assert _ONE_SENTENCE.fullmatch(line), repr(line)
        assert _piece_sentences(line) == _pysbd_sentences(line), repr(line)


@pytest.mark.parametrize(
    "line",
    [
        "He left. She stayed",  # a mark inside
        'The "Rose" Garden talks',  # quotes pysbd may read as a sentence
        "Talks (on trade) Began today",  # brackets
        "\u2022 first item",  # a bullet
        "U.S. officials met",  # an abbreviation's full stops
        "Wait\u2026 what",  # an ellipsis
        "Talks ended\r",  # a carriage return
        "Leaders met \u0238 there",  # a symbol pysbd counts as a mark
    ],
)
def test_lines_with_anything_pysbd_splits_at_go_to_pysbd(line):
    assert not _ONE_SENTENCE.fullmatch(line)


def test_a_fast_line_never_calls_pysbd(monkeypatch):
    def refuse(line):
        raise AssertionError(f"pysbd asked about {line!r}")

    monkeypatch.setattr(sentences, "_pysbd_sentences", refuse)
    assert _piece_sentences("  Leaders of Japan and Kenya met in Nairobi, 12 March 2018.  ") == [(2, 59)]


def _stock_spans(line: str) -> list[tuple[str, int, int]]:
    import pysbd

    found = pysbd.Segmenter(language="en", clean=False, char_span=True).segment(line)
    return [(s.sent, s.start, s.end) for s in found]


def _our_spans(line: str) -> list[tuple[str, int, int]]:
    segmenter = sentences._Segmenter(language="en", clean=False, char_span=True)
    return [(s.sent, s.start, s.end) for s in segmenter.segment(line)]


_MARKS = [". ", "? ", "! ", ".", ".. ", "... ", " \u201c", "\u201d ", '"', " (", ") ", "\n", "  ", " \u2022 ", "1. "]


@pytest.mark.parametrize("seed", range(4))
def test_kgs_segmenter_finds_pysbds_sentences_where_pysbd_does(seed):
    """kg's segmenter finds each sentence pysbd made with ``str.find``, not a pattern compiled per
    sentence: on fixture lines and random lines with repeated sentences, marks, quotes and list markers,
    the same sentences at the same offsets as pysbd's own."""
    rng = random.Random(seed)
    lines = _fixture_lines() if seed == 0 else []
    for _ in range(300):
        parts = [rng.choice(_WORDS) + rng.choice(_GLUE + _MARKS) for _ in range(rng.randint(1, 16))]
        line = "".join(parts)
        if rng.random() < 0.3:  # the same sentence twice: which occurrence is whose
            line = line + " " + line
        lines.append(line)
    for line in lines:
        assert _our_spans(line) == _stock_spans(line), repr(line)
