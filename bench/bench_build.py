"""Benchmark: `kg build` on corpora of copies of the seed article (issue 10's targets).

Each scenario runs `kg build --offline` in a subprocess and reports the CPU seconds (user + sys) of the
whole process tree (RUSAGE_CHILDREN, which includes worker processes), the peak resident memory of the
tree (sampled from /proc every 20 ms) and the wall time; medians of --runs runs.

Scenarios: the seed alone (cold), N copies cold, a no-op rebuild of N, one changed article in N, and one
large article (the seed text padded with filler sentences to --big-mb, with the seed's mapping);
--only picks some of them.

    .venv/bin/python bench/bench_build.py --articles 200 --runs 3
"""

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "corpus" / "000_seed"
SEED_SLUG = "russian-delegation-damascus"


def make_corpus(target: Path, copies: int) -> Path:
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in ("entities.yaml", "wikidata-pins.yaml"):
        shutil.copy(SEED.parent / name, target / name)
    text = (SEED / "article.txt").read_text(encoding="utf-8")
    mapping = (SEED / "mapping.yaml").read_text(encoding="utf-8")
    for i in range(copies):
        folder = target / f"{i:04d}"
        folder.mkdir()
        (folder / "article.txt").write_text(text, encoding="utf-8")
        slug = SEED_SLUG if i == 0 else f"copy-{i:04d}"
        (folder / "mapping.yaml").write_text(mapping.replace(f"slug: {SEED_SLUG}", f"slug: {slug}"), encoding="utf-8")
    return target


def make_big(target: Path, megabytes: float) -> Path:
    make_corpus(target, 1)
    folder = target / "0000"
    text = (folder / "article.txt").read_text(encoding="utf-8")
    filler = "The weather in the region was mild and nothing else of note happened that day.\n"
    repeats = int(megabytes * 1_000_000 / len(filler.encode()))
    (folder / "article.txt").write_text(text + "\n" + filler * repeats, encoding="utf-8")
    return target


def _tree_rss(pid: int) -> int:
    """Memory (bytes) of a process and its descendants, from /proc: the proportional set size, so that
    pages forked workers share with their parent are counted once, not once per process."""
    total, todo = 0, [pid]
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    ppid = int(handle.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, ValueError, IndexError):
                pass
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/smaps_rollup") as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1]) * 1024
                        break
        except OSError:
            pass
        todo.extend(children.get(current, []))
    return total


def run(args: list[str]) -> tuple[float, float, float]:
    """(cpu seconds of the tree, peak tree RSS in MiB, wall seconds)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", *args], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    peak = 0
    stop = threading.Event()

    def sample():
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    stop.set()
    sampler.join()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"kg {' '.join(args)} failed: {err.decode()[-500:]}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return cpu, peak / 2**20, wall


def scenario(name, prepare, args, runs):
    results = []
    for _ in range(runs):
        prepare()
        results.append(run(args))
    cpu, mem, wall = (statistics.median(r[i] for r in results) for i in range(3))
    print(f"| {name} | {cpu:.2f} | {mem:.0f} | {wall:.2f} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--big-mb", type=float, default=5.0)
    parser.add_argument("--jobs", type=int, default=0, help="--jobs for kg build (0: its default)")
    parser.add_argument("--skip-big", action="store_true")
    parser.add_argument(
        "--only",
        default="seed,cold,noop,one,big",
        help="comma-separated scenarios to run (seed, cold, noop, one, big; noop and one build the corpus first)",
    )
    options = parser.parse_args()
    jobs = ["--jobs", str(options.jobs)] if options.jobs else []
    work = Path(tempfile.mkdtemp(prefix="kg-bench-build-"))
    seed_dir, corpus, big = work / "seed", work / "corpus", work / "big"
    out = work / "out"

    def build_args(articles):
        return [
            "build",
            "--offline",
            "--articles",
            str(articles),
            "--out",
            str(out),
            "--cache-dir",
            str(work / "cache"),
            *jobs,
        ]

    def clean():
        shutil.rmtree(out, ignore_errors=True)

    print(f"| scenario | CPU s (median of {options.runs}) | peak MiB (PSS of the tree) | wall s |")
    print("|---|---:|---:|---:|")
    only = set(options.only.split(","))
    if "seed" in only:
        make_corpus(seed_dir, 1)
        scenario("seed alone, cold", clean, build_args(seed_dir), options.runs)
    if only & {"cold", "noop", "one"}:
        make_corpus(corpus, options.articles)
        if "cold" in only:
            scenario(f"{options.articles} articles, cold", clean, build_args(corpus), options.runs)
        else:
            clean()
            run(build_args(corpus))
    if "noop" in only:
        scenario(f"{options.articles} articles, no-op rebuild", lambda: None, build_args(corpus), options.runs)
    counter = iter(range(10**6))

    def touch_one():
        # a real change: the text grows by a sentence, so the article's graph differs and is validated again
        text = corpus / "0007" / "article.txt"
        text.write_text(
            text.read_text(encoding="utf-8") + f"\nNothing else was reported on day {next(counter)}.\n",
            encoding="utf-8",
        )

    if "one" in only:
        scenario(f"{options.articles} articles, one changed", touch_one, build_args(corpus), options.runs)
    if "big" in only and not options.skip_big:
        make_big(big, options.big_mb)
        scenario(f"one {options.big_mb:g} MB article, cold", clean, build_args(big), options.runs)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
