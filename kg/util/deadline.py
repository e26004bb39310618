"""A whole-request deadline for HTTP clients.

``requests`` limits each socket read, not the request: a server that sends one byte a second keeps every
read alive and the request running without end. The request runs on a daemon thread instead; at the
deadline the caller stops waiting and reports it, and the thread, blocked in its read, ends with the
process (a command stops right after the error).
"""

import threading
from collections.abc import Callable
from typing import TypeVar

from kg.core.errors import KgError

T = TypeVar("T")

# the longest wait the platform can time (about 292 years): a longer one overflows its clock when the
# wait starts, after the command has begun its work
LONGEST = threading.TIMEOUT_MAX


def check_timeout(seconds: float, name: str = "--timeout") -> float:
    """``seconds`` if a request can be given that long (NaN, infinity and 0 cannot), else one line."""
    if not 0 < seconds <= LONGEST:
        raise KgError(f"{name} must be a positive number of seconds, at most {LONGEST:.0f}, not {seconds:g}")
    return seconds


class DeadlineExceeded(TimeoutError):
    """The whole request took longer than its deadline."""


def within(seconds: float, work: Callable[[], T]) -> T:
    """``work()``'s value, or DeadlineExceeded when it has not finished in ``seconds``. What ``work``
    raises is raised here."""
    outcome: dict = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # handed to the caller's thread, as it is
            outcome["error"] = exc

    worker = threading.Thread(target=run, name="kg-request", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise DeadlineExceeded(f"no complete answer within {seconds:g} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
