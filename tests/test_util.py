"""The shared helpers in kg.util: Retry-After and the retry loop, text clipping."""

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from kg.util.retry import MAX_RETRY_AFTER, Backoff, GaveUp, TryAgain, retry_after, with_retries
from kg.util.text import clip, counted, one_line

NOW = datetime(2026, 3, 1, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("5", 5.0),
        (" 2.5 ", 2.5),
        ("0", 0.0),
        ("-3", 0.0),
        (str(10**9), MAX_RETRY_AFTER),
        ("nan", None),
        ("inf", None),
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_retry_after_in_seconds(value, expected):
    assert retry_after(value, NOW) == expected


def test_retry_after_as_an_http_date():
    ahead = format_datetime(NOW + timedelta(seconds=42), usegmt=True)
    assert ahead.endswith(" GMT")
    assert retry_after(ahead, NOW) == 42.0
    assert retry_after("Sun, 01 Mar 2026 12:01:30 GMT", NOW) == 90.0  # the RFC 9110 form written out
    assert retry_after(format_datetime(NOW - timedelta(hours=1), usegmt=True), NOW) == 0.0  # past: go now
    assert retry_after(format_datetime(NOW + timedelta(days=3), usegmt=True), NOW) == MAX_RETRY_AFTER
    assert retry_after("Sunday, 01-Mar-26 12:00:10 GMT", NOW) == 10.0  # the obsolete forms RFC 9110 accepts
    assert retry_after("Sun Mar  1 12:00:10 2026", NOW) == 10.0  # asctime has no zone: GMT


def test_backoff_doubles_its_floor_and_honours_a_longer_wish():
    backoff = Backoff(floor=2.0)
    assert [backoff.wait(n) for n in (1, 2, 3)] == [2.0, 4.0, 8.0]
    assert backoff.wait(1, 7.0) == 7.0 and backoff.wait(3, 7.0) == 8.0
    jittered = Backoff(floor=1.0, jitter=0.25)
    assert all(1.0 <= jittered.wait(1) <= 1.25 for _ in range(50))


def test_with_retries_sleeps_between_tries_and_returns_the_answer():
    answers = iter([TryAgain("HTTP 503", 3.0), TryAgain("maxlag"), "done"])
    slept, heard = [], []

    def attempt():
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer

    assert with_retries(attempt, 4, Backoff(floor=1.0), slept.append, heard.append) == "done"
    assert slept == [3.0, 2.0] and heard == ["HTTP 503", "maxlag"]


def test_with_retries_gives_up_with_the_last_reason_and_no_sleep_after_the_last_try():
    slept = []
    calls = []

    def attempt():
        calls.append(1)
        raise TryAgain(f"HTTP {429 + len(calls)}")

    with pytest.raises(GaveUp, match=r"gave up after 3 tries \(HTTP 432\)"):
        with_retries(attempt, 3, Backoff(floor=0.5), slept.append)
    assert len(calls) == 3 and slept == [0.5, 1.0]


def test_with_retries_lets_other_errors_through_at_once():
    calls = []

    def attempt():
        calls.append(1)
        raise KeyError("bad")

    with pytest.raises(KeyError):
        with_retries(attempt, 5, Backoff(floor=0.0), lambda s: None)
    assert len(calls) == 1


@pytest.mark.parametrize(
    "text, limit, marker, keep, rstrip, expected",
    [
        ("short", 10, "…", None, False, "short"),
        ("exactly10!", 10, "…", None, False, "exactly10!"),
        ("abcdefghijkl", 10, "…", None, False, "abcdefghi…"),
        ("abcdefghijkl", 10, "...", None, False, "abcdefg..."),
        ("abcd efghijkl", 6, "…", None, True, "abcd…"),
        ("abcd efghijkl", 6, "…", None, False, "abcd …"),
        ("abcdefghijkl", 10, "…", 7, False, "abcdefg…"),
        ("abc", 0, "…", None, False, "…"),
    ],
)
def test_clip(text, limit, marker, keep, rstrip, expected):
    assert clip(text, limit, marker, keep=keep, rstrip=rstrip) == expected


def test_one_line_squeezes_white_space_before_clipping():
    assert one_line("  a\n\tb   c ", 10) == "a b c"
    assert one_line("word " * 20, 12) == "word word w…"


@pytest.mark.parametrize(
    "count, noun, plural, expected",
    [
        (1, "article", None, "1 article"),
        (0, "article", None, "0 articles"),
        (2, "entity", None, "2 entities"),
        (1, "entity", None, "1 entity"),
        (3, "try", None, "3 tries"),
        (2, "day", None, "2 days"),
        (2, "match", None, "2 matches"),
        (2, "mapping node", None, "2 mapping nodes"),
        (5, "info", "info", "5 info"),
    ],
)
def test_counted_is_singular_for_one_only(count, noun, plural, expected):
    assert counted(count, noun, plural) == expected
    assert counted(12345, "word", grouped=True) == "12,345 words"


def test_no_one_of_anything_is_plural_in_the_build_summary(kg, tmp_path):
    """A new user's first build of one article printed "corpus: 1 articles"; a report with one warning
    said "1 warning(s)"."""
    import re

    from kg.validate import Finding, Report

    from .conftest import copy_corpus

    articles = copy_corpus(tmp_path / "articles", ["000_seed"])
    done = kg("build", "--offline", "--articles", articles, "--out", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert "corpus: 1 article, " in done.stdout and "(2 graphs, " in done.stdout, done.stdout
    assert not re.search(r"\b1 (articles|graphs|warnings|entities|triples|mapping nodes)\b|\(s\)", done.stdout)
    one = Report([Finding("Warning", "urn:x", "urn:shape", "", "a warning")])
    assert one.text().splitlines()[0] == "conforms: 0 violations, 1 warning, 0 info"
