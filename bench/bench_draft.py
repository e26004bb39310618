"""Benchmark: how good and how fast `kg draft` (rules back-end) is.

Drafts the seed article and the two fixture articles (each copied into a temporary folder), compares
each draft with the reviewed mapping (`kg draft-eval`), prints the eval tables and a summary, and times
`kg draft` on the seed end to end (the console command in a fresh process, median of --runs) and the
drafting stage in process. The seed uses the shipped known names (articles/wikidata-pins.yaml, and
articles/entities.yaml when there is one); the fixtures use their own entity list. Each draft is
evaluated with the entity list and pins it was drafted with (both mappings are compiled with them).

    .venv/bin/python bench/bench_draft.py --runs 5
"""

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.draft import draft_article, load_corpus  # noqa: E402
from kg.draft.evaluate import evaluate  # noqa: E402
from kg.util.atomic import write_text  # noqa: E402

SEED = ROOT / "articles" / "000_b367dd22c79a673b"
FIXTURES = ROOT / "tests" / "fixtures" / "draft" / "articles"


def known_files(name: str) -> tuple[Path | None, Path | None]:
    """The entity list and pins an article is drafted and evaluated with."""
    if name == SEED.name:
        entities = ROOT / "articles" / "entities.yaml"
        return (entities if entities.is_file() else None), ROOT / "articles" / "wikidata-pins.yaml"
    return FIXTURES / "entities.yaml", None


def corpus_for(name: str):
    return load_corpus(*known_files(name))


def fmt(value) -> str:
    return "-" if value is None else f"{value:.2f}"


def prf(score) -> str:
    return f"{fmt(score.precision)} / {fmt(score.recall)} / {fmt(score.f1)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    summary = []
    with tempfile.TemporaryDirectory() as tmp:
        for source in (SEED, FIXTURES / "kestria-visit", FIXTURES / "geneva-talks"):
            folder = Path(tmp) / source.name
            shutil.copytree(source, folder)
            draft = draft_article(folder / "article.txt", "rules", corpus_for(source.name))
            write_text(folder / "mapping.draft.yaml", draft.yaml)
            entities, pins = known_files(source.name)
            result = evaluate(folder / "mapping.draft.yaml", folder / "mapping.yaml", entities=entities, pins=pins)
            print(f"== {source.name}")
            print(result.table())
            print()
            statement = next((r for r in result.per_class if r.name == "Statement"), None)
            rate = {k: (a / n if n else None) for k, (a, n) in result.agreement.items()}
            summary.append((source.name, result, statement, rate))
        print(
            "| article | entities P / R / F1 | mentions R | claims P / R / F1 | statements P / R / F1 | status "
            "| according_to | speaker/actor | quotes not in text |"
        )
        print("|---|---|---|---|---|---|---|---|---|")
        for name, r, s, rate in summary:
            print(
                f"| {name} | {prf(r.entities)} | {fmt(r.mentions.recall)} | {prf(r.claims)} | {prf(s)} "
                f"| {fmt(rate['status'])} | {fmt(rate['according_to'])} | {fmt(rate['speaker/actor'])} "
                f"| {len(r.missing_quotes)} |"
            )
        print()
        seed_copy = Path(tmp) / "timing" / "articles" / SEED.name
        shutil.copytree(SEED, seed_copy)
        shutil.copyfile(ROOT / "articles" / "wikidata-pins.yaml", seed_copy.parent / "wikidata-pins.yaml")
        cli, stage = [], []
        for _ in range(args.runs):
            started = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "kg", "draft", str(seed_copy), "--force"],
                cwd=tmp,
                capture_output=True,
                text=True,
            )
            cli.append(time.perf_counter() - started)
            if done.returncode != 0:
                raise SystemExit(done.stderr)
            corpus = corpus_for(SEED.name)
            started = time.perf_counter()
            draft_article(seed_copy / "article.txt", "rules", corpus)
            stage.append(time.perf_counter() - started)
        print(
            f"kg draft on the seed, end to end (new process): median {statistics.median(cli):.2f} s of {args.runs} "
            f"(min {min(cli):.2f}, max {max(cli):.2f})"
        )
        print(f"draft_article on the seed, in process (warm):   median {statistics.median(stage):.2f} s of {args.runs}")


if __name__ == "__main__":
    main()
