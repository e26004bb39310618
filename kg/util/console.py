"""Where kg's messages go, the same way for every command.

Standard output carries results (query answers, a validation report, RDF written to the terminal)
and summaries (what was built, linked, pushed, written); standard error carries diagnostics
(warnings, notes on what kg is doing, errors). ``--quiet`` drops summaries, warnings and notes;
``--verbose`` adds notes on each step. Results and errors are always written. Everything on
standard error passes through credential redaction.
"""

import re
import sys
from collections import Counter

from kg.core.errors import KgError
from kg.util.redact import redact_text

QUIET, NORMAL, VERBOSE = -1, 0, 1
_level = NORMAL


def set_level(quiet: bool = False, verbose: bool = False) -> None:
    """Flags may come both before and after the command; quiet wins over verbose."""
    global _level
    if quiet:
        _level = QUIET
    elif verbose and _level != QUIET:
        _level = VERBOSE


def level() -> int:
    return _level


class OutputClosed(Exception):
    """The reader of standard output left (``kg query ... | head``): the command stops, quietly and
    successfully, as ``head``'s writers do. Not an OSError, so that click does not turn it into exit 1."""


def _write(stream, name: str, data: str | bytes) -> None:
    """Write and flush; a closed or full stream is one line (``KgError``), a reader that left is
    ``OutputClosed``."""
    if stream is None:
        raise KgError(f"cannot write to standard {name}: it is closed")
    try:
        if isinstance(data, bytes):
            stream.flush()
            stream.buffer.write(data)
            stream.buffer.flush()
        else:
            stream.write(data)
            stream.flush()
    except BrokenPipeError:
        raise OutputClosed from None
    except OSError as exc:
        raise KgError(f"cannot write to standard {name}: {exc.strerror or exc}") from None


def _out(text: str, stream, nl: bool = True) -> None:
    _write(stream, "output", text + ("\n" if nl else ""))


def _say(text: str) -> None:
    """A line on standard error, as far as it can be written: a closed or full standard error loses the
    message, never the command's work or its exit code (and the error saying so could not be shown
    either)."""
    try:
        _write(sys.stderr, "error", text + "\n")
    except (KgError, OutputClosed):
        pass


def result(text: str, nl: bool = True) -> None:
    _out(text, sys.stdout, nl)


def result_bytes(data: bytes) -> None:
    _write(sys.stdout, "output", data)


def is_terminal() -> bool:
    """Whether standard output is a terminal (false when it is closed)."""
    return sys.stdout is not None and sys.stdout.isatty()


def summary(text: str) -> None:
    if _level > QUIET:
        _out(text, sys.stdout)


WARNINGS_OF_A_KIND = 20  # shown of each kind of warning; the rest are counted (a 5 MB text gave 57,735)
_seen: Counter = Counter()


def _kind(text: str) -> str:
    """A warning without what varies between warnings of its kind (quotes, numbers)."""
    return re.sub(r"\d+", "N", re.sub(r'"[^"]*"', '"..."', text))


def warn(text: str) -> None:
    if _level <= QUIET:
        return
    kind = _kind(text)
    _seen[kind] += 1
    if _seen[kind] <= WARNINGS_OF_A_KIND:
        _say(redact_text(f"kg: warning: {text}"))


def warnings_summary() -> None:
    """One line for each kind of warning that was shown only in part."""
    for kind, count in sorted(_seen.items()):
        if count > WARNINGS_OF_A_KIND:
            more = count - WARNINGS_OF_A_KIND
            _say(redact_text(f"kg: warning: and {more:,} more warnings like: {kind}"))
    _seen.clear()


def note(text: str) -> None:
    """What kg is doing that the user did not ask for (a rebuild, for instance)."""
    if _level > QUIET:
        _say(redact_text(f"kg: {text}"))


def detail(text: str) -> None:
    if _level >= VERBOSE:
        _say(redact_text(f"kg: {text}"))


def error(text: str) -> None:
    _say(redact_text(f"kg: error: {text}"))


def failure(text: str) -> None:
    """What failed (a validation report of an article that does not conform): shown even with --quiet."""
    _say(redact_text(text))


def diagnostic(text: str) -> None:
    """A multi-line diagnostic that is not a warning line (a validation report on stderr)."""
    if _level > QUIET:
        _say(redact_text(text))


def progress(done: int, total: int, name: str) -> None:
    """One updating line on a terminal for long work; nothing when stderr is not a terminal or --quiet."""
    if _level <= QUIET or sys.stderr is None or not sys.stderr.isatty():
        return
    sys.stderr.write(f"\r\033[Kkg: validated {done}/{total} {name}" + ("\n" if done == total else ""))
    sys.stderr.flush()
