"""Queries too deep or too long for the SPARQL engine, refused before it parses them.

pyoxigraph's parser and planner recurse over a query's structure; past a few thousand levels of nesting
(brackets, braces) or a few thousand chained filters and unions, the process's stack overflows and it dies
with a segfault, no message. A query is checked here first, on its tokens outside strings, IRIs and
comments, against limits well inside what the engine was measured to take (5,000 nested brackets or
20,000 filters crashed it; 2,000 and 5,000 did not).
"""

import re

from kg.core.errors import EXIT_BAD_INPUT, KgError

MAX_DEPTH = 500  # nested ( { [
MAX_OPERATORS = 2_000  # FILTER, UNION, OPTIONAL, MINUS, && and ||, which the engine chains into one tree
MAX_LENGTH = 2_000_000  # characters

# what is skipped: strings (long and short), IRIs, comments (also by kg.query.order, which finds clauses)
SKIPPED = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|#[^\n]*",
    re.S,
)
_OPERATORS = re.compile(r"\b(?:FILTER|UNION|OPTIONAL|MINUS)\b|&&|\|\|", re.I)


def check(query: str, label: str = "query") -> None:
    """One line, exit 2, for a query past the limits; nothing otherwise."""
    if len(query) > MAX_LENGTH:
        raise KgError(
            f"{label}: the query has {len(query):,} characters; kg takes at most {MAX_LENGTH:,}", EXIT_BAD_INPUT
        )
    code = SKIPPED.sub(" ", query)
    depth = deepest = 0
    for char in code:
        if char in "({[":
            depth += 1
            deepest = max(deepest, depth)
        elif char in ")}]":
            depth -= 1
    if deepest > MAX_DEPTH:
        raise KgError(f"{label}: the query nests {deepest} levels deep; kg takes at most {MAX_DEPTH}", EXIT_BAD_INPUT)
    operators = len(_OPERATORS.findall(code))
    if operators > MAX_OPERATORS:
        raise KgError(
            f"{label}: the query chains {operators:,} filters, unions and logical operators; "
            f"kg takes at most {MAX_OPERATORS:,}",
            EXIT_BAD_INPUT,
        )
