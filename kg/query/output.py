"""Write query results: one result, or the whole library (``--all``), to standard output or a file.

Every stream is machine-readable in its format: ``--all --format json`` is one JSON object keyed by
query name; CSV, TSV and XML results cannot be concatenated into one valid document, so ``--all``
writes them one file per query into a folder. Files are written atomically.
"""

from dataclasses import dataclass
from pathlib import Path

from kg.core.errors import EXIT_INVALID, KgError
from kg.query.results import WRITERS, Result, to_table
from kg.util import atomic

RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_FORMATS = ("turtle", "nt")
FORMATS = RESULT_FORMATS + GRAPH_FORMATS
PER_QUERY_EXTENSIONS = {"csv": "csv", "tsv": "tsv", "xml": "srx"}  # .srx: SPARQL Query Results XML


@dataclass
class QueryAnswer:
    name: str  # the library name, the file or "inline query"
    question: str
    result: Result


def check_format(fmt: str, many: bool, output: Path | None) -> None:
    if fmt not in FORMATS:
        raise KgError(f"unknown --format '{fmt}'; choose {', '.join(FORMATS[:-1])} or {FORMATS[-1]}")
    if not many:
        return
    if fmt in GRAPH_FORMATS:
        raise KgError(
            f"--all --format {fmt}: the library's queries give result tables; use table, json, csv, tsv or xml"
        )
    if fmt in PER_QUERY_EXTENSIONS and output is None:
        raise KgError(
            f"--all --format {fmt} writes one file per query: give --output FOLDER "
            "(or use --format json for one stream)"
        )


def render(result: Result, fmt: str, width: int | None = None) -> bytes:
    if result.kind == "graph":
        if fmt == "nt":
            return result.graph
        if fmt not in ("turtle", "table"):
            raise KgError(f"--format {fmt} is for SELECT and ASK queries; a CONSTRUCT or DESCRIBE gives turtle or nt")
        from rdflib import Graph

        from kg.core.namespaces import bind_prefixes

        graph = Graph()
        bind_prefixes(graph)
        graph.parse(data=result.graph.decode("utf-8"), format="nt")
        return graph.serialize(format="turtle", encoding="utf-8")
    if fmt in GRAPH_FORMATS:
        raise KgError(f"--format {fmt} is for CONSTRUCT and DESCRIBE queries")
    if fmt == "table":
        return to_table(result, width=width).encode("utf-8")
    return WRITERS[fmt](result).encode("utf-8")


def render_many(answers: list[QueryAnswer], fmt: str, width: int | None = None) -> bytes:
    """``table``: a titled table per query, for people; ``json``: one object keyed by query name."""
    if fmt == "json":
        import json

        body = {a.name: json.loads(render(a.result, "json")) for a in answers}
        return (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    parts = []
    for answer in answers:
        parts.append(f"== {answer.name}: {answer.question}\n".encode())
        parts.append(render(answer.result, fmt, width))
    return b"".join(parts)


def write_per_query(folder: Path, answers: list[QueryAnswer], fmt: str) -> list[Path]:
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise KgError(f"{folder}: --all --format {fmt} writes one file per query into a folder, and this is a file")
    rendered = [
        (folder / f"{a.name}.{PER_QUERY_EXTENSIONS[fmt]}", render(a.result, fmt)) for a in answers
    ]  # fail before writing
    for path, data in rendered:
        atomic.write_bytes(path, data)
    return [path for path, _ in rendered]


def exit_code(answers: list[QueryAnswer]) -> int:
    """1 when an ASK query answered false, as the README promises."""
    return EXIT_INVALID if any(a.result.kind == "ask" and not a.result.boolean for a in answers) else 0
