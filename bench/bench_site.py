"""Benchmark: how big the site of the seed is and how long `kg site` takes (median of --runs).

The seed is built offline into a temporary folder first; `kg site` is then timed end to end (a fresh
process each run, as a user runs it) and `build_site` in process. --copies N also times a synthetic
corpus of N copies of the seed's graph under new slugs. --screenshot PATH saves the seed's article page,
with one span focused, as the README shows it (Debian's Chromium, driven by Playwright).

    .venv/bin/python bench/bench_site.py --runs 5 --copies 20 --screenshot docs/site-article.png
"""

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.render import build_site  # noqa: E402

SEED = ROOT / "articles" / "000_b367dd22c79a673b"
SEED_SLUG = "russian-delegation-damascus"
ARTICLE_PAGE = f"id/{SEED_SLUG}.html"


def kg(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kg", *map(str, args)], cwd=ROOT, check=True, capture_output=True, text=True
    )


def size(folder: Path) -> str:
    files = [p for p in folder.rglob("*") if p.is_file()]
    by_kind = Counter()
    for p in files:
        by_kind[p.suffix or p.name] += p.stat().st_size
    total = sum(by_kind.values())
    kinds = ", ".join(f"{k} {v / 1024:.0f} KiB" for k, v in sorted(by_kind.items(), key=lambda kv: -kv[1]))
    largest = max(files, key=lambda p: p.stat().st_size)
    return (
        f"{len(files)} files, {total / 1024:.0f} KiB ({total} bytes): {kinds}; largest "
        f"{largest.relative_to(folder)} {largest.stat().st_size / 1024:.0f} KiB"
    )


def median_s(fn, runs: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), times


def screenshot(page: Path, target: Path) -> None:
    from playwright.sync_api import sync_playwright

    args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=args)
        tab = browser.new_page(viewport={"width": 1280, "height": 1080})
        tab.goto(page.as_uri())
        tab.focus('mark[tabindex="0"][data-span="225,264"]')
        target.parent.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(target))
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--copies", type=int, default=0, help="Also time a corpus of this many copies of the seed.")
    parser.add_argument("--screenshot", type=Path, help="Save the seed's article page here (PNG).")
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        articles = tmp / "articles"
        articles.mkdir()
        shutil.copytree(SEED, articles / SEED.name)
        for extra in SEED.parent.glob("*.yaml"):
            shutil.copy(extra, articles / extra.name)
        build = tmp / "build"
        kg("build", "--offline", "--articles", articles, "--out", build, "--cache-dir", tmp / "cache")
        site = tmp / "site"
        cli, cli_runs = median_s(lambda: kg("site", "--build", build, "--articles", articles, "--out", site), opts.runs)
        lib, _ = median_s(lambda: build_site(build / "kg.trig", tmp / "site-lib"), opts.runs)
        print(f"seed site: {size(site)}")
        print(
            f"kg site (end to end, fresh process): median {cli:.2f} s of {opts.runs} runs "
            f"({', '.join(f'{t:.2f}' for t in cli_runs)})"
        )
        print(f"build_site in process: median {lib:.2f} s")
        if opts.copies:
            block = (build / "kg.trig").read_text(encoding="utf-8")
            corpus = tmp / "corpus.nq"
            import pyoxigraph as ox

            quads = list(ox.parse(block.encode(), format=ox.RdfFormat.TRIG))
            nq = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode()
            corpus.write_text(
                "".join(nq.replace(SEED_SLUG, f"copy-{i:03d}") for i in range(opts.copies)), encoding="utf-8"
            )
            big, _ = median_s(lambda: build_site(corpus, tmp / "site-corpus"), max(1, min(opts.runs, 3)))
            print(f"{opts.copies} copies of the seed: median {big:.2f} s; {size(tmp / 'site-corpus')}")
        if opts.screenshot:
            screenshot(site / ARTICLE_PAGE, opts.screenshot)
            print(f"wrote {opts.screenshot}")


if __name__ == "__main__":
    main()
