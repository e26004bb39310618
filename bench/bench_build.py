"""Benchmark: `kg build` at 100, 1,000 and 10,000 articles, beside the Oxigraph bulk-load floor (issue 23).

Each corpus is the real corpus in `articles/` plus copies of its seed article with new slugs, up to the
size asked for. Every figure is CPU seconds (user + sys) of the whole process tree (RUSAGE_CHILDREN, which
includes worker processes), measured by running the command in a subprocess; peak memory is the
proportional set size of the tree, sampled from /proc every 20 ms. Medians of --runs runs (the cold
build of a corpus of --cold-once articles or more is run once).

Columns:
- cold: `kg build --offline` into an empty folder;
- floor: `oxigraph load` (the Oxigraph CLI) of the same quads, as one TriG file (`kg export --build`);
- peak: the cold build's peak memory;
- no-op: `kg build` again with nothing changed;
- label edited: one label in one article's mapping changed;
- article added: one more article (a copy of the seed with a new slug);
- export: `kg export --build` of kg.trig and kg.ttl together (written on demand, not by the build);
- kg query: `kg query cq20-counts-by-class` on the build, end to end (median of at least five runs).
Then one article of --big-mb MB (the seed padded with filler sentences), cold.

    .venv/bin/python bench/bench_build.py --sizes 100,1000 --runs 3
    .venv/bin/python bench/bench_build.py --sizes 10000 --runs 1 --skip-big
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
ARTICLES = ROOT / "articles"
SEED = ARTICLES / "000_b367dd22c79a673b"
SEED_SLUG = "russian-delegation-damascus"
EDITED_LABEL = "label: Russian-Syrian relations"
OXIGRAPH = Path(sys.executable).with_name("oxigraph")


def make_corpus(target: Path, size: int) -> Path:
    """The real corpus and copies of its seed, ``size`` articles in all."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(ARTICLES, target)
    real = sum(1 for p in target.iterdir() if (p / "mapping.yaml").is_file())
    for i in range(max(0, size - real)):
        add_copy(target, f"copy-{i:05d}")
    return target


def add_copy(corpus: Path, slug: str) -> Path:
    folder = corpus / f"9_{slug}"
    folder.mkdir()
    shutil.copy(SEED / "article.txt", folder / "article.txt")
    mapping = (SEED / "mapping.yaml").read_text(encoding="utf-8")
    (folder / "mapping.yaml").write_text(mapping.replace(f"slug: {SEED_SLUG}", f"slug: {slug}"), encoding="utf-8")
    return folder


def make_big(target: Path, megabytes: float) -> Path:
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in ("entities.yaml", "wikidata-pins.yaml"):
        shutil.copy(ARTICLES / name, target / name)
    folder = target / "000_big"
    shutil.copytree(SEED, folder)
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


def run(command: list[str]) -> tuple[float, float, float]:
    """(CPU seconds of the tree, peak tree memory in MiB, wall seconds) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
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
        raise SystemExit(f"{' '.join(command)} failed: {err.decode()[-800:]}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return cpu, peak / 2**20, wall


def kg(*args) -> list[str]:
    return [sys.executable, "-m", "kg", *map(str, args)]


def median(results, index: int) -> float:
    return statistics.median(r[index] for r in results)


class Bench:
    def __init__(self, work: Path, runs: int, cold_once: int, jobs: list[str]):
        self.work, self.runs, self.cold_once, self.jobs = work, runs, cold_once, jobs
        self.out = work / "out"
        self.edits = iter(range(10**6))

    def build(self, articles: Path) -> list[str]:
        return kg("build", "--offline", "-q", "--articles", articles, "--out", self.out,
                  "--cache-dir", self.work / "cache", *self.jobs)  # fmt: skip

    def times(self, prepare, command, runs: int):
        results = []
        for _ in range(runs):
            prepare()
            results.append(run(command))
        return results

    def clean(self) -> None:
        shutil.rmtree(self.out, ignore_errors=True)

    def row(self, size: int, only: set[str]) -> str:
        """One line of the table; with ``only`` lacking "cold", the corpus and build of an earlier run
        in the same --work folder are measured again (the other columns then show "-")."""
        nan = [(float("nan"),) * 3]
        corpus = self.work / "corpus"
        cold_runs = 1 if size >= self.cold_once else self.runs
        cold = nan
        if "cold" in only or not self.out.is_dir():
            make_corpus(corpus, size)
            cold = self.times(self.clean, self.build(corpus), cold_runs)
        floor, quads = self.floor(corpus) if "floor" in only else (float("nan"), 0)
        noop = self.times(lambda: None, self.build(corpus), self.runs) if "noop" in only else nan
        edit = lambda: self.edit_label(corpus)  # noqa: E731
        label = self.times(edit, self.build(corpus), self.runs) if "label" in only else nan
        add = lambda: add_copy(corpus, f"added-{next(self.edits):05d}-{os.getpid()}")  # noqa: E731
        added = self.times(add, self.build(corpus), self.runs) if "added" in only else nan
        export = self.times(lambda: None, self.export_both(corpus), self.runs) if "export" in only else nan
        query = self.query(corpus) if "query" in only else nan
        ratio = median(cold, 0) / floor if floor else float("nan")
        peak = max(r[1] for r in cold + noop + label + added)
        runs = f"{cold_runs}/{self.runs}"
        return (
            f"| {size:,} | {quads:,} | {median(cold, 0):.1f} ({median(cold, 2):.0f}) | {floor:.1f} | {ratio:.1f}x "
            f"| {max(r[1] for r in cold):.0f} ({peak:.0f}) | {median(noop, 0):.2f} | {median(label, 0):.2f} "
            f"| {median(added, 0):.2f} | {median(export, 0):.1f} | {median(query, 0):.2f} | {runs} |"
        )

    def edit_label(self, corpus: Path) -> None:
        mapping = next(p for p in sorted(corpus.glob("9_copy-*/mapping.yaml")))
        text = mapping.read_text(encoding="utf-8")
        start = text.index(EDITED_LABEL) + len(EDITED_LABEL)
        end = text.index("\n", start)
        # a revision the mapping has not had: a kept --work folder carries the last run's edits
        done = text[start:end].removeprefix(" (revision ").removesuffix(")")
        revision = max(next(self.edits), int(done) + 1 if done.isdigit() else 0)
        mapping.write_text(f"{text[:start]} (revision {revision}){text[end:]}", encoding="utf-8")

    def query(self, corpus: Path) -> list:
        """``kg query`` end to end on the build (a library query answered from the summary graph in
        milliseconds, so that what is timed is the command: start-up, staleness check, store): one run
        first (the first check after a build may list the folders), then at least five."""
        command = kg("query", "cq20-counts-by-class", "--out", self.out, "--articles", corpus, "-f", "csv")
        # as an installed package has them (pip compiles a wheel's modules)
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "kg")], check=True, capture_output=True)
        run(command)
        return self.times(lambda: None, command, max(5, self.runs))

    def export_both(self, corpus: Path) -> list[str]:
        both = (
            f"{sys.executable} -m kg export -q --build {self.out} --articles {corpus} -o {self.work / 'kg.trig'} && "
            f"{sys.executable} -m kg export -q --build {self.out} --articles {corpus} -o {self.work / 'kg.ttl'}"
        )
        return ["sh", "-c", both]

    def floor(self, corpus: Path) -> tuple[float, int]:
        """CPU of ``oxigraph load`` of the build's quads (one TriG file, as kg export writes it)."""
        trig = self.work / "kg.trig"
        run(kg("export", "-q", "--build", self.out, "--articles", corpus, "-o", trig))
        store = self.work / "floor-store"
        results = []
        for _ in range(1 if corpus_size(corpus) >= self.cold_once else self.runs):
            shutil.rmtree(store, ignore_errors=True)
            results.append(run([str(OXIGRAPH), "load", "--location", str(store), "--file", str(trig)]))
        import pyoxigraph as ox

        quads = len(ox.Store.read_only(str(store)))
        shutil.rmtree(store, ignore_errors=True)
        return median(results, 0), quads


def corpus_size(corpus: Path) -> int:
    return sum(1 for p in corpus.iterdir() if (p / "mapping.yaml").is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000", help="comma-separated corpus sizes (articles)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cold-once", type=int, default=10_000, help="run cold builds of this size or more once")
    parser.add_argument("--big-mb", type=float, default=5.0)
    parser.add_argument("--big-runs", type=int, default=1)
    parser.add_argument("--skip-big", action="store_true")
    parser.add_argument("--jobs", type=int, default=0, help="--jobs for kg build (0: its default, one per core)")
    parser.add_argument(
        "--work", type=Path, default=None, help="scratch folder, kept (default: a new temporary one, removed)"
    )
    parser.add_argument(
        "--only",
        default="cold,floor,noop,label,added,export,query",
        help="columns to measure; without cold, the corpus and build left in --work by an earlier run are used",
    )
    options = parser.parse_args()
    jobs = ["--jobs", str(options.jobs)] if options.jobs else []
    work = options.work or Path(tempfile.mkdtemp(prefix="kg-bench-build-"))
    work.mkdir(parents=True, exist_ok=True)
    bench = Bench(work, options.runs, options.cold_once, jobs)
    print(
        f"CPU seconds of the process tree (median of {options.runs} runs; cold/floor runs shown), "
        "wall seconds in brackets, peak PSS in MiB (cold, and in brackets the highest of any run)\n"
    )
    print(
        "| articles | quads | cold CPU (wall) | oxigraph load CPU | cold / floor | peak MiB | no-op | "
        "one label edited | one article added | kg export trig+ttl | kg query | runs |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    try:
        only = set(options.only.split(","))
        for size in (int(s) for s in options.sizes.split(",") if s):
            print(bench.row(size, only), flush=True)
            if options.work is None:
                bench.clean()
        if not options.skip_big:
            big = make_big(work / "big", options.big_mb)
            results = bench.times(bench.clean, bench.build(big), options.big_runs)
            print(
                f"\none {options.big_mb:g} MB article, cold: {median(results, 0):.1f} s CPU, "
                f"{median(results, 2):.1f} s wall, peak {max(r[1] for r in results):.0f} MiB "
                f"(median of {options.big_runs})",
                flush=True,
            )
    finally:
        if options.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
