"""The link report: per entity the chosen item (or none), the score, and every candidate considered."""

import csv
import io
import json
import time
from pathlib import Path

from kg.link.linker import LinkSummary
from kg.util import atomic


def to_json(summary: LinkSummary) -> str:
    body = {
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "requests": summary.requests,
        "warning": summary.warning,
        "entities": [
            {
                "entity": r.entity,
                "article": r.article,
                "label": r.label,
                "class": r.kind,
                "wikidata": r.chosen,
                "score": r.score,
                "method": r.method,
                "reason": r.reason,
                "candidates": [
                    {"id": c.id, "label": c.label, "description": c.description, "score": c.score, "notes": c.notes}
                    for c in r.candidates
                ],
            }
            for r in summary.results
        ],
    }
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"


def to_csv(summary: LinkSummary) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["entity", "article", "label", "class", "wikidata", "score", "method", "reason", "candidates"])
    for r in summary.results:
        candidates = " ".join(f"{c.id}:{c.score}" for c in r.candidates)
        writer.writerow(
            [
                r.entity,
                r.article,
                r.label,
                r.kind,
                r.chosen or "",
                "" if r.score is None else r.score,
                r.method,
                r.reason,
                candidates,
            ]
        )
    return buffer.getvalue()


def write(summary: LinkSummary, path: Path) -> None:
    text = to_csv(summary) if Path(path).suffix.lower() == ".csv" else to_json(summary)
    atomic.write_text(path, text)
