"""Numbers kg takes from its environment variables, checked where they are read: a value that is no
number, or one no wait can use (negative, NaN, infinite, past what the platform can time), is one line
naming the variable before any work, not a traceback from deep inside a request or a sleep."""

import math
import os

from kg.core.errors import KgError
from kg.util.deadline import LONGEST
from kg.util.retry import MAX_RETRY_AFTER


def _given(name: str) -> tuple[str, float] | None:
    """The variable's text and number (NaN if it is none); unset and empty are the same (the default),
    as for kg's other variables."""
    text = os.environ.get(name)
    if not text:
        return None
    try:
        return text, float(text)
    except ValueError:
        return text, math.nan


def timeout(name: str, default: float) -> float:
    """Seconds a request may take: more than 0, at most what the platform can time."""
    given = _given(name)
    if given is None:
        return default
    text, value = given
    if not 0 < value <= LONGEST:  # NaN is in no range
        raise KgError(f"{name} must be a positive number of seconds, at most {LONGEST:.0f}, not '{text}'")
    return value


def retry_floor(name: str, default: float) -> float:
    """The least wait before asking a service again: from 0 to the most kg waits when a service asks it
    to (``MAX_RETRY_AFTER``), as it doubles after each try."""
    given = _given(name)
    if given is None:
        return default
    text, value = given
    if not 0 <= value <= MAX_RETRY_AFTER:
        raise KgError(f"{name} must be a number of seconds from 0 to {MAX_RETRY_AFTER:g}, not '{text}'")
    return value


def count(name: str, default: int) -> int:
    """A positive whole number."""
    text = os.environ.get(name)
    if not text:
        return default
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise KgError(f"{name} must be a positive whole number, not '{text}'")
    return value
