"""Where kg's messages go, the same way for every command.

Standard output carries results (query answers, a validation report, RDF written to the terminal)
and summaries (what was built, linked, pushed, written); standard error carries diagnostics
(warnings, notes on what kg is doing, errors). ``--quiet`` drops summaries, warnings and notes;
``--verbose`` adds notes on each step. Results and errors are always written. Everything on
standard error passes through credential redaction.
"""

import sys

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


def _out(text: str, stream, nl: bool = True) -> None:
    stream.write(text + ("\n" if nl else ""))
    stream.flush()


def result(text: str, nl: bool = True) -> None:
    _out(text, sys.stdout, nl)


def result_bytes(data: bytes) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def summary(text: str) -> None:
    if _level > QUIET:
        _out(text, sys.stdout)


def warn(text: str) -> None:
    if _level > QUIET:
        _out(redact_text(f"kg: warning: {text}"), sys.stderr)


def note(text: str) -> None:
    """What kg is doing that the user did not ask for (a rebuild, for instance)."""
    if _level > QUIET:
        _out(redact_text(f"kg: {text}"), sys.stderr)


def detail(text: str) -> None:
    if _level >= VERBOSE:
        _out(redact_text(f"kg: {text}"), sys.stderr)


def error(text: str) -> None:
    _out(redact_text(f"kg: error: {text}"), sys.stderr)


def diagnostic(text: str) -> None:
    """A multi-line diagnostic that is not a warning line (a validation report on stderr)."""
    if _level > QUIET:
        _out(redact_text(text), sys.stderr)


def progress(done: int, total: int, name: str) -> None:
    """One updating line on a terminal for long work; nothing when stderr is not a terminal or --quiet."""
    if _level <= QUIET or not sys.stderr.isatty():
        return
    sys.stderr.write(f"\r\033[Kkg: validated {done}/{total} {name}" + ("\n" if done == total else ""))
    sys.stderr.flush()
