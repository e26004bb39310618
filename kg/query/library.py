"""The query library: one ``.rq`` file per competency question in ``queries/``.

A query is named by its file stem; its header comment (``# Question: ...``) is what ``--list`` shows.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError
from kg.paths import QUERIES_DIR

_KEYWORD = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)


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


def list_queries(directory: Path = QUERIES_DIR) -> list[LibraryQuery]:
    return [LibraryQuery(p.stem, p, _question(p)) for p in sorted(Path(directory).glob("*.rq"))]


def resolve(spec: str, directory: Path = QUERIES_DIR) -> tuple[str, str]:
    """Return (query text, a label for messages) for a file path, a library name or inline SPARQL."""
    path = Path(spec)
    if spec.endswith(".rq") or (len(spec) < 256 and "\n" not in spec and path.is_file()):
        if path.is_file():
            return path.read_text(encoding="utf-8"), str(path)
    for query in list_queries(directory):
        if spec in (query.name, query.path.name):
            return query.text, query.name
    if _KEYWORD.search(spec):
        return spec, "inline query"
    raise KgError(f"no query file or library query named '{spec}' (see 'kg query --list')")
