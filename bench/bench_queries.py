"""Benchmark: every library query on ~1M triples and on 10,000 articles, embedded Oxigraph.

The corpus is the seed article's graph as the fixture build writes it (with its links and mentions)
copied under new slugs, one named graph per copy, plus the corpus entity graph, the ontology graph and
the summary graph a build would compute for those copies (``kg.build.summary``); queries run on the
union of the graphs, like ``kg query``. ``--triples N`` makes about N triples; ``--articles N`` makes N
copies. A corpus is kept in ``--corpus DIR`` and reused when it is there already (making 10,000
copies takes minutes). Each query is run ``--runs`` times (medians of the CPU time of the process that
runs it, which other processes on a shared machine do not inflate much; wall time is printed beside
it, and the CPU time with the answer written as CSV, as ``kg query -f csv`` writes it), and once
scoped to one article; a query over ``--timeout`` CPU seconds is stopped and reported.
Then ``kg --help`` and ``kg query`` end to end on the seed.

    .venv/bin/python bench/bench_queries.py --triples 1000000 --corpus /tmp/bench-1m
    .venv/bin/python bench/bench_queries.py --articles 10000 --corpus /tmp/bench-10k --runs 3
"""

import argparse
import multiprocessing
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.build import summary  # noqa: E402
from kg.core.namespaces import ENTITIES_GRAPH, ONTOLOGY_IRI, graph_iri  # noqa: E402
from kg.query import list_queries, resolve, run_local  # noqa: E402
from kg.rdf import ntriples  # noqa: E402
from kg.rdf.ontology_graph import add_ontology  # noqa: E402

SEED_SLUG = "russian-delegation-damascus"
KG = [sys.executable, "-m", "kg"]


def seed_graphs() -> tuple[list[str], list[str]]:
    """The seed article's and the entity graph's sorted N-Triples lines, from the fixture build."""
    import pyoxigraph as ox

    subprocess.run(KG + ["build", "--offline", "-q"], cwd=ROOT, check=True, capture_output=True)
    store = ox.Store.read_only(str(ROOT / "build" / "store"))

    def lines(name) -> list[str]:
        quads = store.quads_for_pattern(None, None, None, ox.NamedNode(str(name)))
        return sorted(f"{q.subject} {q.predicate} {q.object} .\n" for q in quads)

    return lines(graph_iri(SEED_SLUG)), lines(ENTITIES_GRAPH)


def make_corpus(folder: Path, triples: int, articles: int) -> str:
    """The corpus's store in ``folder`` (made unless there), and a line that describes it."""
    import pyoxigraph as ox

    done = folder / "corpus.txt"
    if done.is_file():
        return done.read_text().strip()
    folder.mkdir(parents=True, exist_ok=True)
    seed, entities = seed_graphs()
    copies = articles or max(1, triples // len(seed))
    started = time.perf_counter()
    nq = folder / "corpus.nq"
    counts = []
    with nq.open("w", encoding="utf-8") as out:
        out.write(ntriples.in_graph(str(ENTITIES_GRAPH), entities).decode("utf-8"))
        for i in range(copies):
            slug = f"synthetic-{i:05d}"
            lines = [line.replace(SEED_SLUG, slug) for line in seed]
            counts.append(summary.article_counts(lines, str(graph_iri(slug))))
            out.write(ntriples.in_graph(str(graph_iri(slug)), lines).decode("utf-8"))
        summary_lines = summary.graph_lines(counts)
        out.write(ntriples.in_graph(str(summary.SUMMARY_GRAPH), summary_lines).decode("utf-8"))
    store = ox.Store(str(folder / "store"))
    store.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    add_ontology(store)
    store.optimize()
    store.flush()
    nq.unlink()
    total = copies * len(seed) + len(entities) + len(summary_lines)
    text = f"{total:,} triples: {copies:,} copies of the seed ({len(seed):,} triples each), the entity graph, "
    made = time.perf_counter() - started
    text += f"the summary graph ({len(summary_lines):,}) and the ontology; made in {made:.0f} s"
    done.write_text(text + "\n")
    return text


def _timed(args) -> tuple[int, list[float], list[float]]:
    """Run in a child process, so that a query past the timeout can be stopped. Returns the rows and
    each run's CPU and wall milliseconds: the CPU time of the process (the engine answers in the
    calling thread) is what the query costs; wall time also counts the other processes of a shared
    machine."""
    import pyoxigraph as ox

    from kg.query.output import render

    store_path, name, runs, scope = args
    store = ox.Store.read_only(store_path)
    text, label = resolve(name)
    cpu, wall, written, rows = [], [], [], 0
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = run_local(store, text, None, label, scope)
        cpu.append((time.process_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started) * 1000)
        render(result, "csv")
        written.append((time.process_time() - started_cpu) * 1000)
        rows = result.count if hasattr(result, "count") else len(result.rows)  # (kg before 0.x: rows only)
    return rows, cpu, wall, written


def query_ms(pool_args, timeout: float) -> tuple[int, float, float, float] | None:
    """(rows, median CPU ms, median wall ms, median CPU ms with the answer written as CSV), or None
    when the query ran past ``timeout`` CPU seconds
    (or ten times that in wall time). The limit is on CPU time, the query's own cost: on a machine
    that other processes share, a wall-clock limit stops queries for the others' work."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_send, args=(sender, pool_args))
    child.start()
    sender.close()
    started = time.perf_counter()
    answer = None
    while child.is_alive() or receiver.poll():
        if receiver.poll(0.05):
            answer = receiver.recv()
            break
        if _cpu_seconds(child.pid) > timeout or time.perf_counter() - started > 10 * timeout:
            child.kill()
            break
    child.join()
    if answer is None:
        return None
    rows, cpu, wall, written = answer
    return rows, statistics.median(cpu), statistics.median(wall), statistics.median(written)


def _send(sender, pool_args) -> None:
    sender.send(_timed(pool_args))
    sender.close()


def _cpu_seconds(pid: int | None) -> float:
    """The user and system CPU seconds of a running process (Linux /proc; 0 where it cannot be read)."""
    import os

    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def command_ms(args, runs: int) -> tuple[float, float]:
    """Median CPU milliseconds (user + system, of the command and any child) and wall milliseconds of
    a command, each run a new process."""
    import resource

    cpu, wall = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(args, cwd=ROOT, check=True, capture_output=True)
        wall.append((time.perf_counter() - started) * 1000)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
    return statistics.median(cpu), statistics.median(wall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--articles", type=int, default=0, help="copies of the seed (instead of --triples)")
    parser.add_argument("--corpus", type=Path, required=True, help="folder of the corpus store (kept, reused)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=120.0, help="CPU seconds one query may take (all runs)")
    parser.add_argument("--only", nargs="*", default=[], help="only the queries whose names contain these")
    parser.add_argument("--skip-cli", action="store_true", help="do not time kg --help and kg query")
    args = parser.parse_args()

    print(f"corpus: {make_corpus(args.corpus, args.triples, args.articles)}", flush=True)
    store_path = str(args.corpus / "store")
    import pyoxigraph as ox

    from kg.query import library
    from kg.query.run import has_summary

    store = ox.Store.read_only(store_path)
    variants = [q.name for q in list_queries() if library.summary_variant(q.text, q.name) is not None]
    read = (
        "read the summary graph"
        if has_summary(store)
        else "count from the graphs (no current summary: remake the corpus)"
    )
    print(f"summary variants ({', '.join(variants)}): {read}", flush=True)
    del store
    one = [str(graph_iri("synthetic-00000")), str(ENTITIES_GRAPH), str(ONTOLOGY_IRI)]
    print(f"\n{'query':32} {'rows':>8} {'whole ms':>10} {'(wall)':>10} {'+ CSV ms':>10} {'1 article ms':>13}")
    worst, timed_out = 0.0, []
    for query in list_queries():
        if args.only and not any(part in query.name for part in args.only):
            continue
        whole = query_ms((store_path, query.name, args.runs, None), args.timeout)
        scoped = query_ms((store_path, query.name, args.runs, one), args.timeout)
        if whole is None:
            timed_out.append(query.name)
            print(f"{query.name:32} {'-':>8} {'timed out':>10}", flush=True)
            continue
        worst = max(worst, whole[1])
        scoped_ms = f"{scoped[1]:.1f}" if scoped else "timed out"
        print(
            f"{query.name:32} {whole[0]:>8} {whole[1]:>10.1f} {whole[2]:>10.1f} {whole[3]:>10.1f} {scoped_ms:>13}",
            flush=True,
        )
    print(f"\nslowest library query, whole corpus: {worst:.0f} ms CPU median (target <= 1000 ms)")
    print(f"timed out (over {args.timeout:g} s): {', '.join(timed_out) or 'none'}")

    if not args.skip_cli:
        # as an installed package has them (pip compiles a wheel's modules); without, every run compiles
        # the modules changed since the last compiled copy (PYTHONDONTWRITEBYTECODE keeps none)
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "kg")], check=True, capture_output=True)
        cpu, wall = command_ms(KG + ["--help"], args.runs)
        print(f"kg --help: {cpu:.0f} ms CPU median ({wall:.0f} ms wall)")
        subprocess.run(KG + ["build", "--offline"], cwd=ROOT, check=True, capture_output=True)
        for name in ("cq04-visit", "cq20-counts-by-class"):
            cpu, wall = command_ms(KG + ["query", name], max(5, args.runs))
            print(f"kg query {name} (seed, end to end): {cpu:.0f} ms CPU median ({wall:.0f} ms wall; target <= 150 ms)")


if __name__ == "__main__":
    main()
