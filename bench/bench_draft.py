"""Benchmark: how good and how fast `kg draft` (rules back-end) is, on each half of the real corpus.

Drafts every article of `articles/` (each folder copied into a temporary folder, without its reviewed
mapping) and the two fixture articles, compares each draft with the reviewed mapping (`kg draft-eval`)
and prints one line per set, micro-averaged over its articles: the tuning half (folder number ending
in an even digit), the evaluation half (odd) and the fixtures. The halves are reported apart because
rules may be tuned on the tuning half only; the evaluation half only measures (articles/SOURCES.md).
The articles are drafted with the articles folder's entity list and pins, as `kg draft` drafts them;
the fixtures with their own entity list.

Speed is CPU time of the drafting stage (in process, after a first warm-up draft) per 1,000 words.

    .venv/bin/python bench/bench_draft.py               # the table
    .venv/bin/python bench/bench_draft.py --detail tuning   # and each tuning article's draft-eval table
"""

import argparse
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.draft import draft_article, load_corpus, make_backend  # noqa: E402
from kg.draft.evaluate import Evaluation, evaluate  # noqa: E402
from kg.util.atomic import write_text  # noqa: E402

ARTICLES = ROOT / "articles"
FIXTURES = ROOT / "tests" / "fixtures" / "draft" / "articles"
SEED = "000_b367dd22c79a673b"


def half_of(folder: Path) -> str | None:
    """The corpus half of an article folder (articles/SOURCES.md); the seed is in neither."""
    number = re.match(r"(\d+)_", folder.name)
    if not number or folder.name == SEED:
        return None
    return "tuning" if int(number.group(1)) % 2 == 0 else "evaluation"


def sets() -> dict[str, tuple[list[Path], Path | None, Path | None]]:
    """Each set's article folders, and the entity list and pins they are drafted and evaluated with."""
    folders = sorted(p for p in ARTICLES.iterdir() if (p / "mapping.yaml").is_file())
    found: dict[str, tuple[list[Path], Path | None, Path | None]] = {}
    for name in ("tuning", "evaluation"):
        found[name] = (
            [p for p in folders if half_of(p) == name],
            ARTICLES / "entities.yaml",
            ARTICLES / "wikidata-pins.yaml",
        )
    found["fixtures"] = ([FIXTURES / "kestria-visit", FIXTURES / "geneva-talks"], FIXTURES / "entities.yaml", None)
    return found


@dataclass
class Totals:
    """Counts summed over a set's articles (micro-average)."""

    articles: int = 0
    words: int = 0
    cpu: float = 0.0
    counts: dict[str, list[int]] = field(default_factory=dict)  # what -> [gold, draft, matched] or [agree, n]

    def add(self, what: str, *values: int) -> None:
        row = self.counts.setdefault(what, [0] * len(values))
        for i, value in enumerate(values):
            row[i] += value

    def take(self, result: Evaluation) -> None:
        self.articles += 1
        for row in (result.entities, result.claims):
            self.add(row.name, row.gold, row.draft, row.matched)
        statement = next((r for r in result.per_class if r.name == "Statement"), None)
        if statement:
            self.add("statements", statement.gold, statement.draft, statement.matched)
        self.add("classes", *result.classes)
        self.add("status", *result.agreement["status"])
        self.add("according_to", *result.agreement["according_to"])
        self.add("quotes", len(result.missing_quotes))

    def prf(self, what: str) -> tuple[float | None, float | None, float | None]:
        gold, draft, matched = self.counts.get(what, [0, 0, 0])
        p = matched / draft if draft else None
        r = matched / gold if gold else None
        f = 2 * p * r / (p + r) if p is not None and r is not None and p + r else None
        return p, r, f

    def rate(self, what: str) -> float | None:
        agree, n = self.counts.get(what, [0, 0])
        return agree / n if n else None


def fmt(value) -> str:
    return "-" if value is None else f"{value:.2f}"


def run_set(folders: list[Path], entities: Path | None, pins: Path | None, tmp: Path, detail: bool) -> Totals:
    corpus = load_corpus(entities, pins)
    backend = make_backend("rules")
    totals = Totals()
    for source in folders:
        folder = tmp / source.name
        shutil.copytree(source, folder, ignore=shutil.ignore_patterns("mapping*.yaml"))
        gold = folder / "gold" / "mapping.yaml"  # the reviewed mapping, beside its own copy of the text
        gold.parent.mkdir()
        shutil.copyfile(source / "article.txt", gold.parent / "article.txt")
        shutil.copyfile(source / "mapping.yaml", gold)
        text = folder / "article.txt"
        started = time.process_time()
        draft = draft_article(text, backend, corpus)
        totals.cpu += time.process_time() - started
        totals.words += len(text.read_text(encoding="utf-8").split())
        write_text(folder / "mapping.draft.yaml", draft.yaml)
        result = evaluate(folder / "mapping.draft.yaml", gold, entities=entities, pins=pins)
        if detail:
            print(f"== {source.name}")
            print(result.table())
            print()
        totals.take(result)
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--detail", choices=("tuning", "fixtures"), help="print each article's table of this set")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm"
        shutil.copytree(FIXTURES / "kestria-visit", warm)
        draft_article(warm / "article.txt", "rules", load_corpus(FIXTURES / "entities.yaml", None))
        results = {}
        for name, (folders, entities, pins) in sets().items():
            where = Path(tmp) / name
            where.mkdir()
            results[name] = run_set(folders, entities, pins, where, args.detail == name)
    print(
        "| set | texts | entities P / R / F1 | class agreement | claims P / R | statements R | status "
        "| according_to | quotes not in text | CPU s / 1,000 words |"
    )
    print("|---|---:|---|---:|---|---:|---:|---:|---:|---:|")
    for name, t in results.items():
        ep, er, ef = t.prf("entities")
        cp, cr, _ = t.prf("claims")
        _, sr, _ = t.prf("statements")
        speed = t.cpu / t.words * 1000 if t.words else None
        print(
            f"| {name} | {t.articles} | {fmt(ep)} / {fmt(er)} / {fmt(ef)} | {fmt(t.rate('classes'))} "
            f"| {fmt(cp)} / {fmt(cr)} | {fmt(sr)} | {fmt(t.rate('status'))} | {fmt(t.rate('according_to'))} "
            f"| {t.counts.get('quotes', [0])[0]} | {fmt(speed)} |"
        )


if __name__ == "__main__":
    main()
