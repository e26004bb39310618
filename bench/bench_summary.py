"""Benchmark: the corpus summary's share of an edit (issue 23), ``summary.write`` and the store's patch.

The seed article's graph (from a build of the test corpus, no linking) copied under ``--articles``
slugs is counted cold once; then, three times each, one article edited (a line of its graph dropped, so
that a count changes) and one article added: CPU milliseconds of ``summary.write`` and of the summary
patch an incremental build makes to the store (``kg.store._patch_summary``, on an in-memory store),
medians of 3, and the bytes of the summary parts each change wrote (of kg before the parts: the size of
the one file each set wrote; run this file from a checkout of it). The patched store is checked against
one loaded from the last set's summary.

    .venv/bin/python bench/bench_summary.py --articles 10000
"""

import argparse
import inspect
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import store as kg_store  # noqa: E402
from kg.build import build, summary  # noqa: E402

SEED_SLUG = "russian-delegation-damascus"
GRAPH = "https://w3id.org/diplokg/graph/"


def seed_lines() -> list[str]:
    result = build(ROOT / "tests" / "fixtures" / "corpus", None)
    reader = result.chunks[GRAPH + SEED_SLUG]
    return list(reader() if callable(reader) else reader)


def main() -> None:
    import pyoxigraph as ox

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    options = parser.parse_args()
    seed = seed_lines()

    def lines(slug: str, drop: int | None = None) -> list[str]:
        copied = [line.replace(SEED_SLUG, slug) for line in seed]
        return copied[:drop] + copied[drop + 1 :] if drop is not None else copied

    slugs = {f"{GRAPH}copy-{i:05d}": f"copy-{i:05d}" for i in range(options.articles)}
    digests = {name: f"{i:064x}" for i, name in enumerate(slugs)}
    chunks = {name: (lambda slug=slug: lines(slug)) for name, slug in slugs.items()}
    with tempfile.TemporaryDirectory() as scratch:
        state = Path(scratch)
        sets: list[Path] = []

        single = "folder" in inspect.signature(summary.write).parameters  # kg before the parts

        def write(current: dict) -> tuple[float, int]:
            parts = state / getattr(kg_store, "SUMMARY_DIR", "summary")
            have = set(os.listdir(parts)) if parts.is_dir() else set()
            folder = state / f"gen-{len(sets):03d}"
            folder.mkdir()
            started = time.process_time()
            listed = [] if single else summary.write(state, current, chunks)
            if single:
                summary.write(folder, state, current, chunks)
            spent = time.process_time() - started
            record = {"layout": 2, "parts": []} | ({} if single else {"summary": listed})
            (folder / "kg.graphs.json").write_text(json.dumps(record))
            sets.append(folder)
            if single:
                return spent, os.path.getsize(folder / kg_store.SUMMARY_FILE)
            return spent, sum(os.path.getsize(parts / n) for n in set(listed) - have)

        def patch(target) -> float:
            started = time.process_time()
            kg_store._patch_summary(target, sets[-2] / "store", sets[-1] / "kg.graphs.json")
            return time.process_time() - started

        spent, written = write(digests)
        target = ox.Store()
        kg_store._add_summary(target, sets[-1] / "kg.graphs.json")
        print(f"{options.articles:,} articles: cold {spent:.1f} s, summary {written:,} bytes, {len(target):,} quads")
        first = f"{GRAPH}copy-00000"
        for change in ("one article edited", "one article added"):
            writes, patches, sizes = [], [], []
            for k in range(3):
                if change == "one article edited":
                    digests[first] = f"edited-{k}"
                    chunks[first] = lambda k=k: lines("copy-00000", 40 + 300 * k)
                else:
                    name = f"{GRAPH}added-{k}"
                    digests[name] = f"added-{k}"
                    chunks[name] = lambda k=k: lines(f"added-{k}")
                spent, written = write(dict(digests))
                writes.append(spent)
                sizes.append(written)
                patches.append(patch(target))
            print(
                f"{change}: summary.write {1000 * statistics.median(writes):.1f} ms, store patch "
                f"{1000 * statistics.median(patches):.1f} ms, parts written {min(sizes):,}-{max(sizes):,} bytes"
            )
        check = ox.Store()
        kg_store._add_summary(check, sets[-1] / "kg.graphs.json")
        assert sorted(map(str, target)) == sorted(map(str, check)), "the patched store is not the loaded one"


if __name__ == "__main__":
    main()
