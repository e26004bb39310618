"""Benchmark: `kg push` of a built corpus into a real Oxigraph server and Virtuoso, against each store's own
bulk loader on the same quads (issue 23).

For each store: its bulk loader on a fresh store (`oxigraph load` of the build's N-Quads; Virtuoso's
`ld_dir` + `rdf_loader_run()` through isql), then `kg push --full` into a fresh server, a second push with
nothing changed, and a push after one article changed and was rebuilt. Each row gives the wall time, the
quads per second, the CPU of kg (the push process) and of the server (from /proc), kg's peak memory and,
for the pushes, kg's own summary line (graphs sent, requests made).

    .venv/bin/python bench/bench_push.py --articles 3000             # makes and builds the corpus first
    .venv/bin/python bench/bench_push.py --corpus DIR --out BUILD     # an existing build of DIR
"""

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_build import _tree_rss, make_corpus  # noqa: E402

from tests import stores  # noqa: E402

VIRTUOSO_CREDENTIALS = {"KG_ENDPOINT_USER": "dba", "KG_ENDPOINT_PASSWORD": "dba", "KG_ENDPOINT_AUTH": "digest"}
# the tests' Virtuoso has 80 MB of buffers; a bulk load of millions of quads wants about 1.3 GB
BIG_BUFFERS = {
    "NumberOfBuffers = 10000": "NumberOfBuffers = 170000",
    "MaxDirtyBuffers = 6000": "MaxDirtyBuffers = 130000",
}


def cpu_of(pid: int) -> float:
    """User + system CPU seconds of a running process, threads included."""
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(args: list[str], server_pid: int | None, env: dict | None = None) -> dict:
    """Run a command; its wall time, its CPU (with its children), the server's CPU and its peak memory."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    server_before = cpu_of(server_pid) if server_pid else 0.0
    started = time.perf_counter()
    proc = subprocess.Popen(
        args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, **(env or {})}
    )
    peak, stop = 0, threading.Event()

    def sample():
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    stop.set()
    sampler.join()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args[:4])} failed: {err.decode()[-800:]}")
    return {
        "wall": wall,
        "cpu": after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime,
        "server": cpu_of(server_pid) - server_before if server_pid else 0.0,
        "mib": peak / 2**20,
        "said": out.decode().strip().splitlines()[-1] if out.strip() else "",
    }


def row(store: str, what: str, quads: int | None, m: dict) -> None:
    rate = f"{quads / m['wall']:,.0f}" if quads else "-"
    print(
        f"| {store} | {what} | {m['wall']:.1f} | {rate} | {m['cpu']:.1f} | {m['server']:.1f} | {m['mib']:.0f} | "
        f"{m['said']} |",
        flush=True,
    )


def kg_push(url: str, out: Path, corpus: Path, *extra: str, env: dict | None = None, pid: int) -> dict:
    args = [sys.executable, "-m", "kg", "push", "--endpoint", url, "--out", str(out), "--articles", str(corpus)]
    return timed([*args, "--timeout", "600", *extra], pid, env)


def build(corpus: Path, out: Path, cache: Path) -> None:
    args = [
        "build",
        "--offline",
        "--jobs",
        "2",
        "--articles",
        str(corpus),
        "--out",
        str(out),
        "--cache-dir",
        str(cache),
    ]
    subprocess.run([sys.executable, "-m", "kg", *args, "-q"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def change_one(corpus: Path, n: int) -> None:
    """A real change: the text of the eighth article grows by a sentence, so its graph differs."""
    text = sorted(p for p in corpus.iterdir() if p.is_dir())[7] / "article.txt"
    text.write_text(text.read_text(encoding="utf-8") + f"\nNothing else was reported on day {n}.\n", encoding="utf-8")


def oxigraph(work: Path, nquads: Path, quads: int, out: Path, corpus: Path, cache: Path) -> None:
    floor_dir = work / "ox-floor"
    m = timed([stores.oxigraph_binary(), "load", "--location", str(floor_dir), "--file", str(nquads)], None)
    m["said"] = "bulk loader, fresh store (its CPU is in the kg column)"
    row("Oxigraph", "`oxigraph load` (the floor)", quads, m)
    shutil.rmtree(floor_dir, ignore_errors=True)
    server = stores.OxigraphServer(work / "ox").start()
    try:
        pid = server.process.pid
        row("Oxigraph", "kg push, cold", quads, kg_push(server.url, out, corpus, "--full", pid=pid))
        row("Oxigraph", "kg push, nothing changed", None, kg_push(server.url, out, corpus, pid=pid))
        change_one(corpus, 1)
        build(corpus, out, cache)
        row("Oxigraph", "kg push, one article changed", None, kg_push(server.url, out, corpus, pid=pid))
        row(
            "Oxigraph", "kg push --verify, nothing changed", None, kg_push(server.url, out, corpus, "--verify", pid=pid)
        )
    finally:
        server.stop()


def isql(server: stores.VirtuosoServer, sql: str) -> list[str]:
    return ["isql-vt", f"127.0.0.1:{server.isql_port}", "dba", "dba", f"exec={sql}"]


def virtuoso(work: Path, nquads: Path, quads: int, out: Path, corpus: Path, cache: Path, with_update: bool) -> None:
    for old, new in BIG_BUFFERS.items():
        stores.VIRTUOSO_INI = stores.VIRTUOSO_INI.replace(old, new)
    floor = stores.VirtuosoServer(work / "virtuoso-floor").start()
    try:
        shutil.copy(nquads, floor.dir / "kg.nq")
        load = f"ld_dir('{floor.dir}', 'kg.nq', 'urn:kg:default'); rdf_loader_run(); checkpoint;"
        m = timed(isql(floor, load), floor.process.pid)
        held = subprocess.run(
            [
                "curl",
                "-s",
                "--data-urlencode",
                "query=SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }",
                "-H",
                "Accept: text/csv",
                f"http://127.0.0.1:{floor.http_port}/sparql",
            ],
            capture_output=True,
            text=True,
        ).stdout.split()[-1]
        m["said"] = f"ld_dir + rdf_loader_run() + checkpoint, fresh store; it then holds {held} quads"
        row("Virtuoso", "bulk loader (the floor)", quads, m)
    finally:
        floor.stop()
    server = stores.VirtuosoServer(work / "virtuoso").start()
    try:
        pid, env = server.process.pid, VIRTUOSO_CREDENTIALS
        row("Virtuoso", "kg push, cold (GSP PUT)", quads, kg_push(server.url, out, corpus, "--full", env=env, pid=pid))
        row("Virtuoso", "kg push, nothing changed", None, kg_push(server.url, out, corpus, env=env, pid=pid))
        change_one(corpus, 2)
        build(corpus, out, cache)
        row("Virtuoso", "kg push, one article changed", None, kg_push(server.url, out, corpus, env=env, pid=pid))
        if not with_update:
            return
        update = ("--full", "--method", "update")
        row(
            "Virtuoso",
            "kg push, cold (SPARQL Update)",
            quads,
            kg_push(server.url, out, corpus, *update, env=env, pid=pid),
        )
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000, help="copies of the seed, when --corpus is not given")
    parser.add_argument("--corpus", type=Path, help="an articles folder (edited: one article grows by a sentence)")
    parser.add_argument("--out", type=Path, help="its build folder (built here when it holds no build)")
    parser.add_argument("--stores", default="oxigraph,virtuoso")
    parser.add_argument("--update", action="store_true", help="also a cold push to Virtuoso by SPARQL Update")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kg-bench-push-"))
    corpus = options.corpus or make_corpus(work / "corpus", options.articles)
    out, cache = options.out or work / "out", (options.out or work / "out").parent / "cache"
    if not (out / "kg.graphs.json").exists():
        build(corpus, out, cache)
    import pyoxigraph as ox

    store = ox.Store.read_only(str(out / "store"))
    nquads, quads = work / "kg.nq", len(store)
    store.dump(output=str(nquads), format=ox.RdfFormat.N_QUADS)
    del store
    graphs = json.loads((out / "kg.graphs.json").read_text())["graphs"]  # their count (a list before layout 2)
    graphs = graphs if isinstance(graphs, int) else len(graphs)
    print(f"{quads:,} quads in {graphs + 1:,} graphs ({nquads.stat().st_size / 2**20:,.0f} MiB of N-Quads); 2 cores\n")
    print("| store | what | wall s | quads/s | kg CPU s | server CPU s | kg peak MiB | kg says |")
    print("|---|---|---:|---:|---:|---:|---:|---|")
    try:
        if "oxigraph" in options.stores:
            oxigraph(work, nquads, quads, out, corpus, cache)
        if "virtuoso" in options.stores and stores.virtuoso_binary():
            virtuoso(work, nquads, quads, out, corpus, cache, options.update)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
