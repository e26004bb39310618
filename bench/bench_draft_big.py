"""Benchmark: `kg draft` of one long text (issue 22: a 2 MB text in at most 60 s and under 1 GB).

The text is made of the real corpus's articles (``articles/*/article.txt``) one after another, round
after round; from the second round on, every capitalised name of four letters or more gets a suffix of
the round ("Mattis" -> "Mattisb"), so the entities vary as in a long run of different news rather than
the same few names again. Each size is drafted with ``kg draft --backend rules`` in a subprocess; the
figures are the CPU seconds (user + sys) of the process tree, its peak resident memory (sampled from
/proc, as ``bench_build.py`` does) and the wall time, medians of --runs runs.

    .venv/bin/python bench/bench_draft_big.py --sizes 0.5,1,2 --runs 3
"""

import argparse
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_build import kg, run  # noqa: E402  (one way to measure a process tree, shared)

NAME = re.compile(r"\b([A-Z][a-z]{3,})\b")


def _suffix(n: int) -> str:
    letters = ""
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(ord("a") + r) + letters
    return letters


def make_text(megabytes: float, articles: Path = ROOT / "articles") -> str:
    """Real articles, round after round, with the names of each round made distinct, up to the size."""
    texts = [p.read_text(encoding="utf-8").strip() for p in sorted(articles.glob("*/article.txt"))]
    if not texts:
        raise SystemExit(f"no article.txt under {articles}")
    target = int(megabytes * 1_000_000)
    parts: list[str] = []
    size, round_ = 0, 0
    while size < target:
        for text in texts:
            if round_:
                mark = _suffix(round_)
                text = NAME.sub(lambda m, mark=mark: m.group(1) + mark, text)
            parts.append(text)
            size += len(text.encode("utf-8")) + 2
            if size >= target:
                break
        round_ += 1
    return "\n\n".join(parts) + "\n"


def make_folder(target: Path, megabytes: float) -> Path:
    """An articles folder with the corpus's entity list and pins and one long article."""
    if target.exists():
        shutil.rmtree(target)
    folder = target / "000_long"
    folder.mkdir(parents=True)
    for name in ("entities.yaml", "wikidata-pins.yaml"):
        if (ROOT / "articles" / name).is_file():
            shutil.copy(ROOT / "articles" / name, target / name)
    (folder / "article.txt").write_text(make_text(megabytes), encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="0.5,1,2", help="comma-separated sizes in MB")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="make the texts in this folder and keep them")
    options = parser.parse_args()
    work = options.keep or Path(tempfile.mkdtemp(prefix="kg-bench-draft-"))
    print(f"{'MB':>5} {'words':>8} {'CPU s (median)':>15} {'wall s':>8} {'peak MiB':>12}")
    for size in [float(s) for s in options.sizes.split(",")]:
        folder = make_folder(work / f"{size:g}MB", size)
        text = folder / "article.txt"
        words = len(text.read_text(encoding="utf-8").split())
        samples = []
        for _ in range(options.runs):
            (folder / "mapping.draft.yaml").unlink(missing_ok=True)
            samples.append(run(kg("draft", text, "--cache-dir", work / "cache")))
        cpu, rss, wall = (statistics.median(s[i] for s in samples) for i in range(3))
        print(f"{size:5g} {words:8d} {cpu:15.1f} {wall:8.1f} {rss:12.0f}", flush=True)
    if options.keep is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
