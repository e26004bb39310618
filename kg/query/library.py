"""The query library: one ``.rq`` file per competency question in ``queries/``.

A query is named by its file stem; its header comment (``# Question: ...``) is what ``--list`` shows.

A question that would read every reference of the corpus may also have a summary variant,
``NAME.summary.sparql``, that reads the counts a build precomputes (``kg.build.summary``) and gives the same
rows in the same order (tests/test_queries.py holds them to it). ``kg query`` runs the variant on a
built store whose summary graph holds them (``summary_variant``); with ``--article``, ``--graph``,
``--data`` or an endpoint, where there is no summary, it runs the query itself, which counts from the
article graphs.
"""

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from kg.core.errors import KgError
from kg.core.resources import QUERIES_DIR
from kg.core.textfile import read_utf8

_PROLOGUE = r"^\s*(?:(?:PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*"
_UPDATE = re.compile(_PROLOGUE + r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.I | re.S)
_FIRST_WORD = re.compile(
    r"^\s*(SELECT|ASK|CONSTRUCT|DESCRIBE|PREFIX|BASE|INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.I
)


@dataclass(frozen=True)
class LibraryQuery:
    name: str
    path: Path
    question: str

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")


def _question(path: Path) -> str:
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("#").strip())
    header = " ".join(lines)
    match = re.search(r"Question:\s*(.*?)(?:\s+Answer:|$)", header)
    return match.group(1).strip() if match else header


SUMMARY_SUFFIX = ".summary.sparql"  # a library query's summary variant (not a question of its own)


def list_queries(directory: Path = QUERIES_DIR) -> list[LibraryQuery]:
    """An empty library is an error: it means a broken install, not a library without questions."""
    queries = [LibraryQuery(p.stem, p, _question(p)) for p in sorted(Path(directory).glob("*.rq"))]
    if not queries:
        raise KgError(f"{directory}: no queries (*.rq) found")
    return queries


def summary_variant(text: str, label: str, directory: Path = QUERIES_DIR) -> str | None:
    """The summary variant of the library query named ``label``, when ``text`` is that query's own text
    (a file of the same name that someone changed runs as written); None otherwise."""
    if "/" in label or "\\" in label or not label.startswith("cq"):
        return None
    variant = Path(directory) / f"{label}{SUMMARY_SUFFIX}"
    if not variant.is_file():
        return None
    own = Path(directory) / f"{label}.rq"
    try:
        same = own.read_text(encoding="utf-8") == text
    except OSError:
        return None
    return variant.read_text(encoding="utf-8") if same else None


def looks_like_sparql(spec: str) -> bool:
    """Library names and file paths have no braces, variables, line breaks or spaces; SPARQL does."""
    return bool(_FIRST_WORD.match(spec)) or any(c in spec for c in "{}?$\n\t ")


def update_keyword(text: str) -> str | None:
    """The leading keyword when ``text`` is a SPARQL update (DELETE, INSERT, ...), else None."""
    stripped = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    match = _UPDATE.match(stripped)
    return match.group(1).upper() if match else None


def resolve(spec: str, directory: Path = QUERIES_DIR, stdin=None) -> tuple[str, str]:
    """Return (query text, a label for messages) for ``-`` (standard input), a file path, a library
    name or inline SPARQL. Text that looks like SPARQL is SPARQL: a typo in it gets the parser's
    line:column, not "no query named"; an update is refused (kg query only reads)."""
    text, label = _find(spec, directory, stdin)
    keyword = update_keyword(text)
    if keyword:
        raise KgError(
            f"{label}: this is a SPARQL update ({keyword}); 'kg query' only reads. Use an update tool "
            "(your store's update endpoint); the embedded store is rewritten by 'kg build'"
        )
    return text, label


def _find(spec: str, directory: Path, stdin) -> tuple[str, str]:
    if spec == "-":
        stream = stdin if stdin is not None else sys.stdin
        if stream is None:  # `kg query - <&-`: Python gives no stream for a closed descriptor
            raise KgError("standard input: cannot read the query: it is closed")
        data = stream.buffer.read() if hasattr(stream, "buffer") else stream.read()
        try:  # the bytes, decoded as a .rq file is: an undecodable byte is named, not a SPARQL syntax error
            text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
        except UnicodeDecodeError as exc:
            raise KgError(
                f"standard input: cannot read the query: not UTF-8 (byte {exc.start}: {exc.reason})"
            ) from None
        if not text.strip():
            raise KgError("standard input: no query text")
        return text, "standard input"
    path = Path(spec)
    if spec.endswith(".rq") or (len(spec) < 256 and "\n" not in spec and path.is_file()):
        if path.is_file():
            return read_utf8(path, "the query"), str(path)
        if not looks_like_sparql(spec):
            raise KgError(f"{spec}: no such query file")
    for query in list_queries(directory):
        if spec in (query.name, query.path.name):
            return query.text, query.name
    if looks_like_sparql(spec):
        return spec, "inline query"
    raise KgError(f"no query file or library query named '{spec}' (see 'kg query --list')")
