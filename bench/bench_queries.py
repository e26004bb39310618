"""Benchmark: every library query on ~1M triples, embedded Oxigraph against rdflib in memory.

The corpus is the seed article's graph copied under new slugs until it reaches --triples, one named
graph per copy, plus the ontology graph; both engines query the union of the graphs. Each query is run
--runs times on Oxigraph and --rdflib-runs times on rdflib (which is much slower); the table gives the
medians and their ratio. Also timed: `kg --help` and `kg query` on the seed, end to end.

    .venv/bin/python bench/bench_queries.py --triples 1000000
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.compile import compile_article  # noqa: E402
from kg.export import serialize  # noqa: E402
from kg.load import load_article  # noqa: E402
from kg.query import list_queries, resolve, run_local  # noqa: E402
from kg.rdf.formats import get_format  # noqa: E402
from kg.rdf.ontology_graph import add_ontology  # noqa: E402

SEED_SLUG = "russian-delegation-damascus"


def synthetic_corpus(target: int, path: Path) -> int:
    seed = compile_article(load_article(ROOT / "articles" / "000_b367dd22c79a673b"))
    block = serialize({seed.graph_iri: seed.graph}, get_format("nquads")).decode("utf-8")
    per_copy = len(seed.graph)
    copies = max(1, target // per_copy)
    with path.open("w", encoding="utf-8") as out:
        for i in range(copies):
            out.write(block.replace(SEED_SLUG, f"synthetic-{i:05d}"))
    return copies * per_copy


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def command_ms(args, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(args, cwd=ROOT, check=True, capture_output=True)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rdflib-runs", type=int, default=3)
    parser.add_argument("--skip-rdflib", action="store_true")
    args = parser.parse_args()

    import pyoxigraph as ox
    from rdflib import Dataset

    from kg.core.namespaces import ONTOLOGY_IRI
    from kg.core.ontology import load_ontology_graph

    with tempfile.TemporaryDirectory() as tmp:
        nq = Path(tmp) / "corpus.nq"
        total = synthetic_corpus(args.triples, nq)
        print(f"corpus: {total:,} triples in {total // 1500:,} named graphs (+ ontology)")

        started = time.perf_counter()
        store = ox.Store(str(Path(tmp) / "store"))
        store.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
        add_ontology(store)
        store.optimize()
        print(f"load: oxigraph (on disk) {time.perf_counter() - started:.1f} s", flush=True)

        rdflib_ds = None
        if not args.skip_rdflib:
            started = time.perf_counter()
            rdflib_ds = Dataset(default_union=True)
            rdflib_ds.parse(nq, format="nquads")
            onto = rdflib_ds.graph(ONTOLOGY_IRI)
            for triple in load_ontology_graph():
                onto.add(triple)
            print(f"load: rdflib (memory)   {time.perf_counter() - started:.1f} s", flush=True)

        print()
        one = [f"https://w3id.org/diplokg/graph/synthetic-{(total // 1500) // 2:05d}", str(ONTOLOGY_IRI)]
        print(f"{'query':32} {'rows':>8} {'oxigraph ms':>12} {'rdflib ms':>12} {'ratio':>8} {'1 article ms':>13}")
        worst = worst_one = 0.0
        for query in list_queries():
            text, label = resolve(query.name)
            rows = len(run_local(store, text, None, label).rows)
            ox_ms = median_ms(lambda text=text, label=label: run_local(store, text, None, label), args.runs)
            one_ms = median_ms(lambda text=text, label=label: run_local(store, text, None, label, one), args.runs)
            worst = max(worst, ox_ms)
            worst_one = max(worst_one, one_ms)
            if rdflib_ds is not None:
                try:
                    rd_ms = median_ms(lambda text=text: list(rdflib_ds.query(text)), args.rdflib_runs)
                except Exception as exc:  # rdflib fails on some valid SPARQL (unbound GROUP_CONCAT DISTINCT)
                    print(
                        f"{query.name:32} {rows:>8} {ox_ms:>12.1f} {'error':>12} {'-':>8} {one_ms:>13.1f}  "
                        f"(rdflib: {type(exc).__name__})",
                        flush=True,
                    )
                    continue
                print(
                    f"{query.name:32} {rows:>8} {ox_ms:>12.1f} {rd_ms:>12.1f} {rd_ms / ox_ms:>7.1f}x {one_ms:>13.1f}",
                    flush=True,
                )
            else:
                print(f"{query.name:32} {rows:>8} {ox_ms:>12.1f} {'-':>12} {'-':>8} {one_ms:>13.1f}", flush=True)
        print(f"\nslowest library query on oxigraph, whole corpus: {worst:.1f} ms median (target < 100 ms)")
        print(
            f"slowest library query on oxigraph, one article (--article): {worst_one:.1f} ms median (target < 100 ms)"
        )

    kg = [sys.executable, "-m", "kg"]
    print(f"kg --help: {command_ms(kg + ['--help'], args.runs):.0f} ms median (target < 300 ms)")
    subprocess.run(kg + ["build", "--offline"], cwd=ROOT, check=True, capture_output=True)
    query_ms = command_ms(kg + ["query", "cq04-visit"], args.runs)
    print(f"kg query cq04-visit (seed, end to end): {query_ms:.0f} ms median (target < 600 ms)")
    print(f"kg build --offline (seed, end to end): {command_ms(kg + ['build', '--offline'], args.runs):.0f} ms median")


if __name__ == "__main__":
    main()
