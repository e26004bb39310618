"""Score the nlp back-end (and rules, for comparison) on each half of articles/ with kg draft-eval.

The tuning half is the folders whose number ends in an even digit, the evaluation half the odd ones.
Usage: python bench/bench_draft_nlp.py [--model NAME] [--backends nlp,rules]
Prints micro-averaged entity P/R/F1, claims P/R, statements recall, status agreement, quotes not in the
text, and CPU seconds per 1,000 words after the pipeline has loaded.
"""

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from kg.draft import corpus_for, draft_article, make_backend
from kg.draft.evaluate import evaluate
from kg.util import atomic

ROOT = Path(__file__).resolve().parent.parent / "articles"


def halves() -> dict[str, list[Path]]:
    folders = sorted(p for p in ROOT.iterdir() if (p / "mapping.yaml").is_file() and p.name[:3].isdigit())
    return {
        "tuning": [p for p in folders if int(p.name[2]) % 2 == 0],
        "evaluation": [p for p in folders if int(p.name[2]) % 2 == 1],
    }


def score(backend, folders: list[Path]) -> dict:
    totals = dict.fromkeys(("eg", "ed", "em", "cg", "cd", "cm", "sg", "sm", "st", "sn", "q"), 0)
    cpu, words = 0.0, 0
    with tempfile.TemporaryDirectory() as tmp:
        for folder in folders:
            target = Path(tmp) / folder.name
            target.mkdir()
            shutil.copy(folder / "article.txt", target / "article.txt")
            text = (folder / "article.txt").read_text(encoding="utf-8")
            words += len(text.split())
            corpus = corpus_for(folder / "article.txt")
            start = time.process_time()
            draft = draft_article(target / "article.txt", backend, corpus)
            cpu += time.process_time() - start
            atomic.write_text(draft.target, draft.yaml)
            d = evaluate(
                draft.target, folder / "mapping.yaml", entities=ROOT / "entities.yaml", pins=ROOT / "wikidata-pins.yaml"
            ).as_dict()
            e, c = d["entities"], d["claims"]
            totals["eg"] += e["gold"]
            totals["ed"] += e["draft"]
            totals["em"] += e["matched"]
            totals["cg"] += c["gold"]
            totals["cd"] += c["draft"]
            totals["cm"] += c["matched"]
            st = next((row for row in d["per_class"] if row["name"] == "Statement"), {})
            totals["sg"] += st.get("gold", 0)
            totals["sm"] += st.get("matched", 0)
            totals["st"] += d["agreement"]["status"]["agree"]
            totals["sn"] += d["agreement"]["status"]["compared"]
            totals["q"] += d["quotes_not_in_text"]
    t = totals

    def ratio(a, b):
        return a / b if b else float("nan")

    p, r = ratio(t["em"], t["ed"]), ratio(t["em"], t["eg"])
    return {
        "articles": len(folders),
        "entity P": p,
        "entity R": r,
        "entity F1": ratio(2 * p * r, p + r),
        "claims P": ratio(t["cm"], t["cd"]),
        "claims R": ratio(t["cm"], t["cg"]),
        "statements R": ratio(t["sm"], t["sg"]),
        "status": ratio(t["st"], t["sn"]),
        "quotes not in text": t["q"],
        "CPU s/1000 words": 1000 * cpu / words if words else float("nan"),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="en_core_web_sm")
    parser.add_argument("--backends", default="nlp,rules")
    parser.add_argument("--halves", default="tuning,evaluation", help="tune on the tuning half only")
    args = parser.parse_args()
    rows = []
    for name in args.backends.split(","):
        backend = make_backend(name, args.model if name == "nlp" else None)
        for half, folders in halves().items():
            if half not in args.halves.split(","):
                continue
            rows.append((name, half, score(backend, folders)))
    columns = list(rows[0][2])
    print("backend  half        " + "  ".join(f"{c:>10}" for c in columns))
    for name, half, row in rows:
        cells = [f"{v:>10.2f}" if isinstance(v, float) else f"{v:>10}" for v in row.values()]
        print(f"{name:<8} {half:<11} " + "  ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
