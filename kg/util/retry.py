"""Asking an HTTP service again when it says "not now": one loop for every client kg has.

A service that is busy answers 429 or 503, often with ``Retry-After`` (RFC 9110 §10.2.3) as a number
of seconds or as an HTTP-date. kg waits the longer of what the service asks and its own floor, which
doubles after each try, so a service that asks for nothing still gets room; jitter spreads out clients
that failed together. What a service asks for is bounded, so a bad header cannot stall a run for days.
"""

import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TypeVar

from kg.util.text import counted

T = TypeVar("T")

MAX_RETRY_AFTER = 300.0  # seconds: the most kg waits because a service asked it to


def retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value: delta-seconds or an HTTP-date, at most
    ``MAX_RETRY_AFTER``; a date in the past is 0. None when there is no value or it is neither form."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:  # an HTTP-date is always GMT; a date without a zone is read so too
            when = when.replace(tzinfo=UTC)
        seconds = (when - (now or datetime.now(UTC))).total_seconds()
    if not math.isfinite(seconds):
        return None
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


@dataclass(frozen=True)
class Backoff:
    """How long to wait before the next try: the service's wish or ``floor * 2**(try - 1)``, whichever
    is longer, plus up to ``jitter`` of it."""

    floor: float
    jitter: float = 0.0

    def wait(self, attempt: int, asked: float | None = None) -> float:
        base = max(asked or 0.0, self.floor * 2 ** (attempt - 1))
        return base * (1 + random.uniform(0, self.jitter)) if self.jitter else base


class TryAgain(Exception):
    """Raised by one try whose answer is worth asking for again: ``reason`` names it ("HTTP 503",
    "maxlag"), ``asked`` is the service's ``Retry-After`` in seconds, if it gave one."""

    def __init__(self, reason: str, asked: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.asked = asked


class GaveUp(Exception):
    """Every try was answered with ``TryAgain``; ``reason`` is the last one's."""

    def __init__(self, reason: str, tries: int):
        super().__init__(f"gave up after {counted(tries, 'try')} ({reason})")
        self.reason = reason
        self.tries = tries


def with_retries(
    attempt: Callable[[], T],
    tries: int,
    backoff: Backoff,
    sleep: Callable[[float], object] = time.sleep,
    on_retry: Callable[[str], object] | None = None,
) -> T:
    """``attempt()``'s answer, trying up to ``tries`` times while it raises ``TryAgain``, waiting as
    ``backoff`` says in between; any other exception ends the loop at once. ``on_retry`` hears the
    reason of each try that is followed by another."""
    reason = "no try made"
    for number in range(1, tries + 1):
        try:
            return attempt()
        except TryAgain as again:
            reason = again.reason
            if number == tries:
                break
            if on_retry is not None:
                on_retry(reason)
            sleep(backoff.wait(number, again.asked))
    raise GaveUp(reason, max(tries, 0))
