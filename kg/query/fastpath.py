"""``kg query`` without typer: the common invocations, read here, in a tenth of the time.

Importing typer costs about 65 ms and building its parameters pulls in pydantic (another 100 ms), more
than a library query on the seed takes. So ``kg``'s entry point (``kg/__main__.py``) first offers
its arguments to ``parse``: when they are ``query`` and only options it knows, each in a form it reads exactly
as click does (``--name value``, ``--name=value``, ``-f value``, ``-q``, ``-v``), it runs the same
``kg.query.command.run`` the typer command runs. Anything else (``--help``, an unknown or repeated
option, an odd value, a second QUERY, ``KG_ENDPOINT`` in the environment) goes to the typer app
unread, which then reads, answers or refuses it as always: the fast path only ever takes invocations
whose outcome the app would give too.
"""

import os
import re
import sys
from pathlib import Path

# option -> (destination, kind); kind: "flag", "text", "path", "int", "float", or "list"/"paths" (repeatable)
_OPTIONS = {
    "--list": ("list_", "flag"),
    "--all": ("all_", "flag"),
    "--quiet": ("quiet", "flag"),
    "-q": ("quiet", "flag"),
    "--verbose": ("verbose", "flag"),
    "-v": ("verbose", "flag"),
    "--format": ("fmt", "text"),
    "-f": ("fmt", "text"),
    "--output": ("output", "path"),
    "-o": ("output", "path"),
    "--width": ("width", "int"),
    "--param": ("params", "list"),
    "-p": ("params", "list"),
    "--data": ("data", "paths"),
    "--endpoint": ("endpoint", "text"),
    "--layout": ("layout", "text"),
    "--query-url": ("query_url", "text"),
    "--timeout": ("timeout", "float"),
    "--article": ("article_scope", "list"),
    "--graph": ("graph", "list"),
    "--out": ("out", "path"),
    "--articles": ("articles", "path"),
}
_INT = re.compile(r"[0-9]{1,9}")
_FLOAT = re.compile(r"[0-9]{1,9}(?:\.[0-9]{1,9})?")


def parse(args: list[str]) -> dict | None:
    """The options of ``kg query ARGS`` as the typer command would get them, or None when the typer app
    must read them (anything this parser is not sure to read the same way)."""
    if not args or "KG_ENDPOINT" in os.environ:
        return None
    options = _defaults()
    seen: set[str] = set()
    rest = list(args)
    while rest:
        token = rest.pop(0)
        if token == "-" or not token.startswith("-"):
            if options["query_spec"] is not None:
                return None
            options["query_spec"] = token
            continue
        name, equals, value = token.partition("=")
        if name not in _OPTIONS or (equals and not name.startswith("--")):
            return None
        dest, kind = _OPTIONS[name]
        if kind == "flag":
            if equals:
                return None
            options[dest] = True
            continue
        if not equals:
            value = rest.pop(0) if rest else ""
        converted = _convert(kind, value)
        if converted is None or (kind not in ("list", "paths") and dest in seen):
            return None
        seen.add(dest)
        if kind in ("list", "paths"):
            options[dest].append(converted)
        else:
            options[dest] = converted
    return options


def _defaults() -> dict:
    """The typer command's defaults."""
    from kg.util.paths import DEFAULT_ARTICLES_DIR, DEFAULT_OUT_DIR

    return {
        "query_spec": None,
        "list_": False,
        "all_": False,
        "fmt": "table",
        "output": None,
        "width": None,
        "params": [],
        "data": [],
        "endpoint": None,
        "layout": None,
        "query_url": None,
        "timeout": 30.0,
        "article_scope": [],
        "graph": [],
        "out": DEFAULT_OUT_DIR,
        "articles": DEFAULT_ARTICLES_DIR,
        "quiet": False,
        "verbose": False,
    }


def _convert(kind: str, value: str):
    """The option's value as typer gives it, or None for a value typer might read otherwise (or refuse)."""
    if not value or value.startswith("-"):
        return None
    if kind == "int":
        return int(value) if _INT.fullmatch(value) else None
    if kind == "float":
        return float(value) if _FLOAT.fullmatch(value) else None
    return Path(value) if kind in ("path", "paths") else value


def run(options: dict, ensure_build) -> int:
    """Run ``kg query`` with the ``options`` of ``parse``, doing what ``kg.cli.main`` does around the
    command for the errors ``kg query`` can raise: one line on stderr and the exit code, never a
    traceback. ``ensure_build(out, articles)``: the CLI's check that the build is current."""
    import logging

    from kg.core.errors import KgError
    from kg.query.command import run as command
    from kg.util import console

    logging.getLogger("rdflib").setLevel(logging.ERROR)  # as kg.cli.main: a CONSTRUCT's Turtle goes through rdflib
    quiet, verbose = options.pop("quiet"), options.pop("verbose")
    console.set_level(quiet, verbose)
    try:
        try:
            return command(**options, ensure_build=ensure_build)
        finally:
            console.warnings_summary()
    except KgError as exc:
        console.error(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        console.error("interrupted")
        return 130
    except (BrokenPipeError, console.OutputClosed):  # `kg query ... | head`: the reader left, as with head
        if sys.stdout is not None:  # Python's last flush must not fail again (as the Python docs advise)
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
