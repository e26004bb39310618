"""The output set: one build at a time, switched as one step, skipped when nothing changed, parallel == serial."""

import fcntl
import json
import os
import shutil

import pytest
from rdflib import Graph

from kg.build import build
from kg.core.namespaces import NIF, OWL

from .conftest import CORPUS_DIR, copy_corpus


def build_cli(kg, corpus, out, *extra):
    return kg("build", "--no-link", "--articles", corpus, "--out", out, *extra)


def exported(out, name: str) -> bytes:
    """What ``kg export --build OUT -o NAME`` writes (kg.ttl, kg.trig): the build's graph files joined."""
    import tempfile
    from pathlib import Path

    from kg.build.current import graph_files
    from kg.export import export_files
    from kg.rdf.formats import get_format, syntax_name

    with tempfile.TemporaryDirectory() as scratch:
        target = Path(scratch) / name
        export_files(graph_files(out), get_format(syntax_name(target)), target)
        return target.read_bytes()


@pytest.mark.slow
def test_a_second_build_on_the_same_folder_is_refused_while_one_holds_it(kg, tmp_path):
    out = tmp_path / "out"
    (out / ".kg").mkdir(parents=True)
    with open(out / ".kg" / "lock", "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a running build does
        done = build_cli(kg, CORPUS_DIR, out)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        f"kg: error: {out}: another kg build is writing this output folder; "
        "wait for it to finish, or build into another --out"
    ]
    assert not (out / "graphs").exists()
    assert build_cli(kg, CORPUS_DIR, out).returncode == 0  # the lock went with the process that held it


@pytest.mark.slow
def test_the_output_set_switches_as_one_and_a_failed_build_leaves_the_last_one(kg, tmp_path):
    corpus, out = copy_corpus(tmp_path / "c"), tmp_path / "out"
    assert build_cli(kg, corpus, out).returncode == 0
    before = {name: exported(out, name) for name in ("kg.ttl", "kg.trig")}
    generation = os.path.realpath(out / "kg.graphs.json")
    mapping = corpus / "010_ministers" / "mapping.yaml"
    mapping.write_text(mapping.read_text().replace("    sentBy: russia\n", "", 1))  # a delegation with no sender
    failed = build_cli(kg, corpus, out)
    assert failed.returncode == 1
    assert {name: exported(out, name) for name in before} == before
    assert os.path.realpath(out / "kg.graphs.json") == generation
    assert [p.name for p in (out / ".kg").glob("gen-*")] == [os.path.basename(os.path.dirname(generation))]
    query = kg("query", "ASK { ?s ?p ?o }", "--out", out, "--articles", tmp_path / "none")
    assert query.returncode == 0 and query.stdout.strip() == "true"


def test_an_interrupted_build_leaves_the_previous_set(tmp_path, monkeypatch):
    """The new generation is removed and 'current' still names the old one if the process dies mid-write."""
    corpus, out = copy_corpus(tmp_path / "c"), tmp_path / "out"
    build(corpus, out)
    trig = exported(out, "kg.trig")
    from kg import store

    def dies(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(store, "load", dies)
    monkeypatch.setattr(store, "update", dies)  # a build after a build updates the store it had
    (corpus / "010_ministers" / "mapping.yaml").write_text(
        (corpus / "010_ministers" / "mapping.yaml").read_text() + "\n# edited\n"
    )
    with pytest.raises(KeyboardInterrupt):
        build(corpus, out)
    assert exported(out, "kg.trig") == trig
    assert len(list((out / ".kg").glob("gen-*"))) == 1


@pytest.mark.slow
def test_ctrl_c_during_a_build_says_interrupted_and_keeps_the_previous_set(tmp_path):
    """typer turns Ctrl-C into a silent exit code 130; kg says so in one line, and the outputs of the
    last build stay."""
    import signal
    import subprocess
    import sys
    import time

    corpus, out = copy_corpus(tmp_path / "c"), tmp_path / "out"
    seed = corpus / "000_seed"
    slug = next(
        line.split(":", 1)[1].strip()
        for line in (seed / "mapping.yaml").read_text().splitlines()
        if line.strip().startswith("slug:")
    )
    for i in range(12):  # enough work to interrupt
        copy = corpus / f"1{i:02d}_copy"
        shutil.copytree(seed, copy)
        (copy / "mapping.yaml").write_text(
            (copy / "mapping.yaml").read_text().replace(f"slug: {slug}", f"slug: copy-{i}")
        )
    build(corpus, out)
    trig = exported(out, "kg.trig")
    for text in corpus.glob("*/article.txt"):
        text.write_text(text.read_text() + "\n")
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "build", "--no-link", "--jobs", "1", "--articles", str(corpus), "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    with open(out / ".kg" / "lock", "a+") as lock:  # the build holds it from its start to its end
        for _ in range(600):
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                fcntl.flock(lock, fcntl.LOCK_UN)
            except BlockingIOError:
                break
            assert process.poll() is None, process.communicate()
            time.sleep(0.05)
    time.sleep(0.3)
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=120)
    assert process.returncode == 130 and err == "kg: error: interrupted\n", err
    assert exported(out, "kg.trig") == trig


@pytest.mark.slow
def test_ctrl_c_while_workers_run_is_one_line_too():
    """A terminal's Ctrl-C reaches the whole process group, forked workers included: a worker waiting for
    its next piece printed a 'Process ForkProcess-1 ... KeyboardInterrupt' traceback (issue 24). The
    workers leave interrupts to the parent now."""
    import signal
    import subprocess
    import sys
    import time

    script = (
        "import time\n"
        "from kg.util import parallel\n"
        "try:\n"
        "    parallel.run(time.sleep, [0.1, 0.1, 20.0], jobs=2)\n"
        "except KeyboardInterrupt:\n"
        "    print('interrupted', flush=True)\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    time.sleep(2.0)  # one worker sleeps through the long piece, the other waits for work
    assert process.poll() is None, process.communicate()
    os.killpg(process.pid, signal.SIGINT)
    started = time.monotonic()
    out, err = process.communicate(timeout=60)
    assert out == "interrupted\n" and err == "", err
    assert time.monotonic() - started < 10, "the interrupt waited for the long piece"


@pytest.mark.slow
def test_a_no_op_rebuild_does_no_work_and_an_edit_rebuilds(kg, tmp_path, monkeypatch):
    corpus, out = copy_corpus(tmp_path / "c"), tmp_path / "out"
    first = build(corpus, out)
    assert not first.unchanged
    import kg.build.pipeline as pipeline

    def no_compiling(*args, **kwargs):
        raise AssertionError("a no-op rebuild compiled")

    monkeypatch.setattr(pipeline, "compile_one", no_compiling)
    again = build(corpus, out)
    assert again.unchanged
    monkeypatch.undo()
    mapping = corpus / "020_arrival" / "mapping.yaml"
    mapping.write_text(
        mapping.read_text()
        .replace("on Wednesday", "on Thursday")
        .replace("arrived in Damascus on Thursday, The", "arrived in Damascus on Wednesday, The")
    )
    changed = build(corpus, out)
    assert not changed.unchanged and "on Thursday" in exported(out, "kg.ttl").decode()
    cli = build_cli(kg, corpus, out)  # the CLI's options differ (no linking), so it builds once, then skips
    assert (
        cli.returncode == 0 and "corpus: 3 articles (3 as the last build left them)" in cli.stdout
    )  # compiled as before
    skipped = build_cli(kg, corpus, out)
    assert skipped.returncode == 0 and skipped.stdout.startswith("nothing changed since the last build")


def test_parallel_validation_gives_the_serial_answers(tmp_path):
    corpus = copy_corpus(tmp_path / "c")
    mapping = corpus / "010_ministers" / "mapping.yaml"
    mapping.write_text(mapping.read_text().replace("    sentBy: russia\n", "", 1))
    serial = build(corpus, None, jobs=1)
    parallel = build(corpus, None, jobs=2)
    assert [(a.slug, a.report.findings) for a in serial.articles] == [
        (a.slug, a.report.findings) for a in parallel.articles
    ]
    assert not parallel.conforms and any(
        f.severity == "Violation" for a in parallel.articles for f in a.report.findings
    )


@pytest.mark.slow
def test_articles_compiled_on_workers_give_the_serial_files_and_the_first_error(kg, tmp_path):
    """Compiling is spread over worker processes too: the files are byte-identical to a build on one
    process, and a broken mapping is reported as on one process (the first in folder order, one line,
    exit 2), whichever worker met it."""
    corpus = copy_corpus(tmp_path / "c")
    build(corpus, tmp_path / "one", jobs=1)
    build(corpus, tmp_path / "two", jobs=2)
    for name in ("kg.trig", "kg.ttl"):
        assert exported(tmp_path / "one", name) == exported(tmp_path / "two", name), name
    for folder in ("010_ministers", "020_arrival"):
        mapping = corpus / folder / "mapping.yaml"
        mapping.write_text(mapping.read_text().replace("nodes:", "nodes:\n  broken: [", 1))
    done = build_cli(kg, corpus, tmp_path / "out", "--jobs", "2")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert (
        len(done.stderr.strip().splitlines()) == 1 and "010_ministers" in done.stderr and "invalid YAML" in done.stderr
    )


@pytest.mark.slow
def test_a_build_from_before_output_sets_is_replaced_cleanly(kg, tmp_path):
    out = tmp_path / "out"
    import pyoxigraph

    out.mkdir()
    pyoxigraph.Store(str(out / "store")).flush()  # the store of an older kg, in OUT/store itself
    (out / "kg.ttl").write_text("old")
    assert build_cli(kg, CORPUS_DIR, out).returncode == 0
    assert (out / "store").is_symlink() and (out / "graphs").is_symlink()
    assert (out / "kg.ttl").read_text() == "old"  # no longer the build's: kg export writes it when asked
    assert len(Graph().parse(data=exported(out, "kg.ttl"), format="turtle")) > 1000
    assert not any(p.name.endswith(".old") for p in out.iterdir())


def test_output_files_respect_the_umask(tmp_path):
    old = os.umask(0o027)
    try:
        build(CORPUS_DIR, tmp_path / "out")
    finally:
        os.umask(old)
    graphs = tmp_path / "out" / "graphs"
    assert {oct(p.stat().st_mode & 0o777) for p in graphs.iterdir()} == {oct(0o640)}
    assert oct(os.stat(tmp_path / "out" / "kg.graphs.json").st_mode & 0o777) == oct(0o640)
    assert oct(os.stat(os.path.realpath(graphs)).st_mode & 0o777) == oct(0o750)
    assert oct(os.stat(os.path.dirname(os.path.realpath(graphs))).st_mode & 0o777) == oct(0o750)


@pytest.mark.slow
def test_each_kind_of_input_invalidates_the_build(tmp_path, monkeypatch):
    """Text, mapping, entity list, pins, ontology and shapes: a change to any makes the next build work."""
    import kg.build.inputs
    import kg.core.resources

    corpus, out = copy_corpus(tmp_path / "c"), tmp_path / "out"
    home = tmp_path / "home"
    shutil.copytree(kg.core.resources.ONTOLOGY_DIR, home / "ontology")
    shutil.copytree(kg.core.resources.SHAPES_DIR, home / "shapes")
    monkeypatch.setattr(kg.build.inputs, "ONTOLOGY_DIR", home / "ontology")
    monkeypatch.setattr(kg.build.inputs, "SHAPES_DIR", home / "shapes")
    assert not build(corpus, out).unchanged
    assert build(corpus, out).unchanged
    edits = [
        corpus / "020_arrival" / "article.txt",
        corpus / "020_arrival" / "mapping.yaml",
        corpus / "entities.yaml",
        corpus / "wikidata-pins.yaml",
        home / "ontology" / "diplomacy.ttl",
        home / "shapes" / "diplomacy-shapes.ttl",
    ]
    for path in edits:
        path.write_text(path.read_text() + "\n# an edit\n" if path.suffix != ".txt" else path.read_text() + "\n")
        assert not build(corpus, out).unchanged, path.name
        assert build(corpus, out).unchanged, path.name


@pytest.mark.slow
def test_an_offline_build_is_not_redone_offline_but_is_redone_online(kg, tmp_path):
    out, env = tmp_path / "out", {"KG_CACHE_DIR": str(tmp_path / "cache")}
    args = ("build", "--articles", CORPUS_DIR, "--out", out)
    assert kg(*args, "--offline", env=env).returncode == 0
    assert kg(*args, "--offline", env=env).stdout.startswith("nothing changed")
    online = kg(*args, env=env)  # other options: a build
    assert online.returncode == 0 and not online.stdout.startswith("nothing changed")
    again = kg(*args, env=env)  # Wikidata (a closed port here) may answer now what it did not: build again
    assert again.returncode == 0 and not again.stdout.startswith("nothing changed")


@pytest.mark.slow
def test_mistakes_a_new_user_made_are_one_line_each(kg, tmp_path):
    """Found by trying kg on a fresh clone: each is one line, at the right place, exit 2."""
    corpus = copy_corpus(tmp_path / "c", ["000_seed"])
    mapping = corpus / "000_seed" / "mapping.yaml"
    text = mapping.read_text()
    line = text[: text.index("    a: DiplomaticVisit")].count("\n") + 1
    mapping.write_text(text.replace("    a: DiplomaticVisit", "    a: DiplomaticVisitt", 1))
    typo = build_cli(kg, corpus, tmp_path / "o1")
    assert typo.returncode == 2 and f"mapping.yaml:{line}: unknown class 'DiplomaticVisitt'" in typo.stderr
    mapping.write_text(text)
    entities = corpus / "entities.yaml"
    entities.write_text(
        entities.read_text().replace("    a: City\n    label: Damascus", "    a: Citty\n    label: Damascus")
    )
    listed = build_cli(kg, corpus, tmp_path / "o2")
    assert listed.returncode == 2 and "entities.yaml:" in listed.stderr and "unknown class 'Citty'" in listed.stderr
    pins = kg(
        "build", "--no-link", "--articles", CORPUS_DIR, "--out", tmp_path / "o3", "--pins", tmp_path / "nope.yaml"
    )
    assert pins.returncode == 2 and "nope.yaml: no such pin file" in pins.stderr
    export = kg("export", "--no-link", "--articles", CORPUS_DIR, "-o", tmp_path / "x.zzz")
    assert export.returncode == 2 and "cannot tell the RDF syntax from the extension; give --format" in export.stderr
    for done in (typo, listed, pins, export):
        assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr


@pytest.mark.slow
def test_quiet_and_verbose_after_every_command(kg, tmp_path):
    for args in (
        ("draft", tmp_path / "none.txt"),
        ("draft-eval", tmp_path / "a.yaml", tmp_path / "b.yaml"),
        ("site", "--build", tmp_path / "none"),
    ):
        for flag in ("-q", "-v"):
            done = kg(*args, flag)
            assert "No such option" not in done.stderr, (args, flag, done.stderr)


@pytest.mark.slow
def test_an_edit_validates_only_the_article_it_changed(tmp_path, monkeypatch):
    """Validation is remembered by the content validated: the other articles are not validated again,
    and the output is the one a build from scratch gives."""
    import kg.validate

    corpus, out = copy_corpus(tmp_path / "c"), tmp_path / "out"
    build(corpus, out)
    mapping = corpus / "010_ministers" / "mapping.yaml"
    mapping.write_text(
        mapping.read_text().replace("label: Lavrov meets al-Shaibani in Moscow", "label: the ministers meet")
    )
    validated = []
    real = kg.validate.validate

    def counting(graph, *args, **kwargs):
        validated.append(len(graph))
        return real(graph, *args, **kwargs)

    monkeypatch.setattr(kg.validate, "validate", counting)
    again = build(corpus, out, jobs=1)
    assert again.conforms and len(validated) == 1
    clean = build(corpus, tmp_path / "clean")
    assert exported(out, "kg.trig") == exported(tmp_path / "clean", "kg.trig")
    assert exported(out, "kg.ttl") == exported(tmp_path / "clean", "kg.ttl")
    assert [(a.slug, a.report.findings) for a in again.articles] == [
        (a.slug, a.report.findings) for a in clean.articles
    ]
    assert len(list((out / ".kg" / "validated").glob("*.json"))) == 3  # one per article of this corpus, old ones pruned


def _store_quads(path) -> list[str]:
    import pyoxigraph as ox

    store = ox.Store.read_only(os.path.realpath(path))
    return sorted(str(q) for q in store)


def _counting(monkeypatch, module, name, calls):
    real = getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(name)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)


@pytest.mark.slow
def test_an_edit_compiles_and_links_only_the_article_it_changed(tmp_path, monkeypatch):
    """The other articles are taken as the last build kept them; the files and the store equal a build
    from scratch."""
    import kg.build.corpus as steps
    from kg.link import Linker, make_linker

    corpus, out, cache = copy_corpus(tmp_path / "c"), tmp_path / "out", tmp_path / "cache"
    linker = lambda: make_linker(offline=True, cache_dir=cache, pins_path=corpus / "wikidata-pins.yaml")  # noqa: E731
    build(corpus, out, linker=linker())
    text = corpus / "020_arrival" / "article.txt"
    text.write_text(text.read_text() + "\nNothing else was reported that day.\n")
    calls: list[str] = []
    _counting(monkeypatch, steps, "compile_article", calls)
    _counting(monkeypatch, Linker, "link_article", calls)
    again = build(corpus, out, linker=linker(), jobs=1)
    assert again.conforms and calls == ["compile_article", "link_article"] and again.reused == 2
    monkeypatch.undo()
    clean = build(corpus, tmp_path / "clean", linker=linker())
    assert clean.reused == 0
    for name in ("kg.trig", "kg.ttl"):
        assert exported(out, name) == exported(tmp_path / "clean", name), name
    assert _store_quads(out / "store") == _store_quads(tmp_path / "clean" / "store")  # updated == loaded
    assert "Nothing else was reported" in exported(out, "kg.ttl").decode()


@pytest.mark.slow
def test_a_new_wikidata_answer_relinks_only_the_articles_that_read_it(tmp_path, monkeypatch):
    """An article's links are kept with the Wikidata cache answers they read, found or missing
    (kg.link.cache.Cache.stamps). An answer arriving where one article found none relinks that
    article alone, though no input changed (the build is no no-op); an answer no article read relinks
    none; an edited article is linked again."""
    from kg.link import Linker, make_linker

    corpus, out, cache = copy_corpus(tmp_path / "c"), tmp_path / "out", tmp_path / "cache"
    linker = lambda: make_linker(offline=True, cache_dir=cache, pins_path=corpus / "wikidata-pins.yaml")  # noqa: E731
    build(corpus, out, linker=linker())
    reads: dict[str, set[str]] = {}  # article slug -> the cache answers its links read
    for path in (out / ".kg" / "units").glob("*.json"):
        record = json.loads(path.read_text())
        if record.get("results") and record["results"][0]["article"] != "(corpus)":
            reads[record["results"][0]["article"]] = {name for name, *_state in record["reads"]}
    assert len(reads) == 3 and any(reads.values())
    reader, answer = next(
        (slug, name)
        for slug, names in sorted(reads.items())
        for name in sorted(names)
        if all(name not in reads[other] for other in reads if other != slug)
    )
    edited = next(slug for slug in sorted(reads) if slug != reader)
    body = '{"request": {}, "body": {"search": [], "entities": {}}}'  # no hits, no items: a valid answer to either call
    for name in (answer, "ab/" + "ab" * 32 + ".json"):  # the answer one article lacked, and one nobody asked for
        (cache / name).parent.mkdir(parents=True, exist_ok=True)
        (cache / name).write_text(body)
    calls: list[str] = []
    real = Linker.link_article
    monkeypatch.setattr(Linker, "link_article", lambda self, slug, *a: calls.append(slug) or real(self, slug, *a))
    again = build(corpus, out, linker=linker(), jobs=1)  # no input changed, but an answer the links read did
    assert not again.unchanged and again.conforms and calls == [reader]
    assert build(corpus, out, linker=linker(), jobs=1).unchanged and calls == [reader]
    folder = next(
        f
        for f in corpus.iterdir()
        if (f / "mapping.yaml").is_file() and f"slug: {edited}" in (f / "mapping.yaml").read_text()
    )
    (folder / "mapping.yaml").write_text((folder / "mapping.yaml").read_text() + "\n# an edit\n")
    again = build(corpus, out, linker=linker(), jobs=1)
    assert again.conforms and calls == [reader, edited]
    monkeypatch.undo()
    build(corpus, tmp_path / "clean", linker=linker())
    for name in ("kg.trig", "kg.ttl"):
        assert exported(out, name) == exported(tmp_path / "clean", name), name


@pytest.mark.slow
def test_a_pin_on_a_corpus_entity_relinks_the_entity_graph(tmp_path):
    """Pins choose the links of the corpus entity graph too: a pin added for an entity of it is in the
    next build, as in a build from scratch (the kept entity links were once reused)."""
    from kg.link import make_linker

    corpus, out, cache = copy_corpus(tmp_path / "c"), tmp_path / "out", tmp_path / "cache"
    pins = corpus / "wikidata-pins.yaml"
    linker = lambda: make_linker(offline=True, cache_dir=cache, pins_path=pins)  # noqa: E731
    build(corpus, out, linker=linker())
    assert "Q649" not in exported(out, "kg.trig").decode()
    pins.write_text(pins.read_text().replace("pins: []", "pins: [{match: {label: Moscow, a: City}, wikidata: Q649}]"))
    again = build(corpus, out, linker=linker())
    clean = build(corpus, tmp_path / "clean", linker=linker())
    assert again.conforms and clean.conforms
    assert (
        "<http://www.wikidata.org/entity/Q649>" in exported(tmp_path / "clean", "kg.ttl").decode()
        or "wd:Q649" in exported(tmp_path / "clean", "kg.ttl").decode()
    )
    for name in ("kg.trig", "kg.ttl"):
        assert exported(out, name) == exported(tmp_path / "clean", name), name


@pytest.mark.slow
def test_a_damaged_record_is_made_again(tmp_path):
    corpus, out = copy_corpus(tmp_path / "c"), tmp_path / "out"
    build(corpus, out)
    records = sorted((out / ".kg" / "units").glob("*.json"))
    assert records
    for path in records:
        path.write_text("{not json")
    for path in (out / ".kg" / "units").glob("*.lines"):
        path.write_text("")
    (corpus / "entities.yaml").write_text((corpus / "entities.yaml").read_text() + "\n# an edit\n")
    again = build(corpus, out)
    assert again.conforms and again.reused == 0
    clean = build(corpus, tmp_path / "clean")
    assert exported(out, "kg.trig") == exported(tmp_path / "clean", "kg.trig")
    assert clean.reused == 0


def test_kept_records_are_forgotten_when_unused(tmp_path):
    corpus, out = copy_corpus(tmp_path / "c"), tmp_path / "out"
    build(corpus, out)
    first = {p.name for p in (out / ".kg" / "units").iterdir()}
    shutil.rmtree(corpus / "020_arrival")
    build(corpus, out)
    second = {p.name for p in (out / ".kg" / "units").iterdir()}
    assert second < first  # the removed article's records went; no record was added for the others


@pytest.mark.slow
def test_a_kept_graph_cut_short_or_changed_is_never_used(tmp_path):
    """A record whose graph file was cut (at a line end, so that it still parses) is made again; one
    changed in place stops the build with one line naming it, and the build after that makes it again."""
    from kg.core.errors import KgError

    corpus, out = copy_corpus(tmp_path / "c"), tmp_path / "out"
    build(corpus, out)
    graphs = sorted((out / ".kg" / "units").glob("*.lines"), key=lambda p: p.stat().st_size)
    cut = graphs[-1]
    cut.write_text("".join(cut.read_text().splitlines(keepends=True)[:100]))
    text = corpus / "020_arrival" / "article.txt"
    text.write_text(text.read_text() + "\nNothing else was reported that day.\n")
    again = build(corpus, out)
    clean = build(corpus, tmp_path / "clean")
    assert again.conforms and again.reused < clean.reused + 3
    for name in ("kg.trig", "kg.ttl"):
        assert exported(out, name) == exported(tmp_path / "clean", name), name
    linked = [json.loads(p.read_text()) for p in (out / ".kg" / "units").glob("*.json")]
    seed = max((r for r in linked if "digest" in r), key=lambda r: r["triples"])  # the seed's graph as written out
    changed = out / ".kg" / "units" / f"{seed['key']}.lines"
    data = changed.read_bytes()
    changed.write_bytes(data.replace(b"Damascus", b"Damaskus", 1))
    assert len(changed.read_bytes()) == len(data)
    text.write_text(text.read_text() + "\nStill nothing.\n")
    with pytest.raises(KgError) as failure:
        build(corpus, out)
    assert str(changed) in str(failure.value) and "damaged" in str(failure.value) and "\n" not in str(failure.value)
    assert build(corpus, out).conforms
    clean = build(corpus, tmp_path / "clean2")
    assert exported(out, "kg.ttl") == exported(tmp_path / "clean2", "kg.ttl")


@pytest.mark.slow
def test_an_edit_that_changes_the_entity_graph_rebuilds_what_depends_on_it(tmp_path):
    """A new spelling of a shared entity in one mapping changes the entity graph (every article's
    validated part names it): the incremental build still equals a build from scratch."""
    corpus, out = copy_corpus(tmp_path / "c"), tmp_path / "out"
    build(corpus, out)
    mapping = corpus / "020_arrival" / "mapping.yaml"
    mapping.write_text(
        mapping.read_text().replace(
            "damascus: {a: City, label: Damascus, mentions: [Damascus]}",
            "damascus: {a: City, label: Damascus, aliases: [Dimashq], mentions: [Damascus]}",
        )
    )
    again = build(corpus, out)
    assert again.conforms and again.reused == 2
    assert "Dimashq" in exported(out, "kg.ttl").decode()
    build(corpus, tmp_path / "clean")
    for name in ("kg.trig", "kg.ttl"):
        assert exported(out, name) == exported(tmp_path / "clean", name), name
    assert _store_quads(out / "store") == _store_quads(tmp_path / "clean" / "store")


@pytest.mark.slow
def test_line_separators_inside_the_text_survive_the_kept_lines(tmp_path):
    """N-Triples leaves U+2028 and U+0085 unescaped in a literal; a kept graph split at them (as
    ``str.splitlines`` does) would be unreadable or silently different from a clean build."""
    corpus, out = copy_corpus(tmp_path / "c"), tmp_path / "out"
    text = corpus / "020_arrival" / "article.txt"
    text.write_text(text.read_text() + "\nOfficials said\u2028the talks\u0085would go on.\n", encoding="utf-8")
    build(corpus, out)
    mapping = corpus / "010_ministers" / "mapping.yaml"
    mapping.write_text(mapping.read_text() + "\n# an edit: the other articles are taken as kept\n")
    again = build(corpus, out)
    assert again.conforms and again.reused == 2
    build(corpus, tmp_path / "clean")
    for name in ("kg.trig", "kg.ttl"):
        assert exported(out, name) == exported(tmp_path / "clean", name), name
    texts = {str(o) for o in Graph().parse(data=exported(out, "kg.ttl"), format="turtle").objects(None, NIF.isString)}
    assert any("Officials said\u2028the talks\u0085would go on." in t for t in texts)


def _set_files(out) -> set:
    from kg.build.current import graph_files

    return {p for item in graph_files(out) for p in (item.trig, item.lines)}


def test_an_edit_writes_only_the_files_of_the_article_it_changed(tmp_path):
    """Issue 23: no output is rewritten whole when one article changes. The graph files are shared by
    the sets, named by their content: an edit adds the edited graph's two files and one part of the
    manifest, every other file is the same file, untouched, and the manifest stays small. The set before
    keeps its files while it is kept; they go when it is collected. The files join into the bytes of a
    build from scratch."""
    corpus, out = copy_corpus(tmp_path / "c"), tmp_path / "out"
    build(corpus, out)
    shared, parts = out / ".kg" / "graphs", out / ".kg" / "parts"
    assert os.path.realpath(out / "graphs") == str(shared.resolve())
    first_files, first_parts = _set_files(out), set(os.listdir(parts))
    before = {p.name: p.stat() for p in shared.iterdir()}
    assert {p.name for p in first_files} == set(before)
    text = corpus / "020_arrival" / "article.txt"
    text.write_text(text.read_text() + "\nNothing else was reported that day.\n")
    build(corpus, out)
    second_files = _set_files(out)
    after = {p.name: p.stat() for p in shared.iterdir()}
    added = set(after) - set(before)
    assert len(added) == 2 and all(name.startswith("delegation-arrives-damascus.") for name in added)
    assert set(before) <= set(after)  # the set before is kept whole one more build
    for name in before:
        assert after[name].st_ino == before[name].st_ino and after[name].st_mtime_ns == before[name].st_mtime_ns
    assert {p.name for p in second_files} == set(after) - (
        {p.name for p in first_files} - {p.name for p in second_files}
    )
    new_parts = set(os.listdir(parts)) - first_parts
    assert len(new_parts) == 1 and first_parts <= set(os.listdir(parts))
    manifest = json.loads((out / "kg.graphs.json").read_text())
    assert manifest["graphs"] == len(second_files) // 2 and len(manifest["parts"]) <= 256
    build(corpus, tmp_path / "clean")
    for name in ("kg.trig", "kg.ttl"):
        assert exported(out, name) == exported(tmp_path / "clean", name), name
    text.write_text(text.read_text() + "\nStill nothing.\n")
    build(corpus, out)  # the first set is collected now, and the files only it had
    third_files = _set_files(out)
    assert {p.name for p in shared.iterdir()} == {p.name for p in second_files | third_files}
    assert all(p.is_file() for p in second_files | third_files)
    assert not any(p.exists() for p in first_files - second_files - third_files)
    assert len(list(parts.iterdir())) == len(
        {part for g in (out / ".kg").glob("gen-*") for part in json.loads((g / "kg.graphs.json").read_text())["parts"]}
    )


def test_a_build_interrupted_after_adding_files_leaves_the_set_before_and_its_files_go_later(tmp_path, monkeypatch):
    """A build killed after it added its graph files and parts, before the switch: the set before is
    whole and current, and the next build removes what the interrupted one left."""
    from kg import store

    corpus, out = copy_corpus(tmp_path / "c"), tmp_path / "out"
    build(corpus, out)
    trig, files = exported(out, "kg.trig"), _set_files(out)
    text = corpus / "020_arrival" / "article.txt"
    text.write_text(text.read_text() + "\nNothing else was reported that day.\n")

    def dies(*args, **kwargs):
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        patched.setattr(store, "update", dies)
        with pytest.raises(KeyboardInterrupt):
            build(corpus, out)
    left = set((out / ".kg" / "graphs").iterdir())
    assert len(left - files) == 2 and exported(out, "kg.trig") == trig and _set_files(out) == files
    text.write_text(text.read_text().replace("\nNothing else was reported that day.\n", "\nOther news.\n"))
    build(corpus, out)
    now = set((out / ".kg" / "graphs").iterdir())
    assert not (left - files) & now and now == files | _set_files(out)
    build(corpus, tmp_path / "clean")
    assert exported(out, "kg.trig") == exported(tmp_path / "clean", "kg.trig")


def test_each_graph_file_is_a_document_of_that_graph_alone(tmp_path):
    import pyoxigraph as ox

    from kg.build.current import graph_files
    from kg.rdf import ntriples

    out = tmp_path / "out"
    build(CORPUS_DIR, out)
    files = graph_files(out)
    assert [f.name for f in files] == sorted(f.name for f in files) and len(files) >= 3
    for item in files:
        quads = list(ox.parse(path=str(item.trig), format=ox.RdfFormat.TRIG))
        assert quads and {q.graph_name.value for q in quads} == {item.name}
        lines = ntriples.split(item.lines.read_text(encoding="utf-8"))
        assert lines == sorted(set(lines)) and len(lines) == len(quads)
        assert ntriples.digest(lines) == item.digest


@pytest.mark.slow
def test_kg_export_of_a_build_writes_its_turtle_and_trig(kg, tmp_path):
    """``kg export --build`` gives the bytes of the graph files joined (the files kg build wrote
    before), to a file or standard output, and refuses the options of an in-memory build."""
    corpus, out = copy_corpus(tmp_path / "c"), tmp_path / "out"
    assert build_cli(kg, corpus, out).returncode == 0
    for name in ("kg.trig", "kg.ttl"):
        done = kg("export", "--build", out, "--articles", corpus, "-o", out / name)
        assert done.returncode == 0, done.stderr
        assert (out / name).read_bytes() == exported(out, name) and not (out / name).is_symlink()
    stdout = kg("export", "--build", out, "--articles", corpus, "--format", "trig")
    assert stdout.returncode == 0 and stdout.stdout.encode() == exported(out, "kg.trig")
    memory = kg("export", "--no-link", "--articles", corpus, "-o", tmp_path / "memory.ttl")
    assert memory.returncode == 0 and (tmp_path / "memory.ttl").read_bytes() == exported(out, "kg.ttl")
    refused = kg("export", "--build", out, "--article", "delegation-arrives-damascus")
    assert refused.returncode == 2 and len(refused.stderr.strip().splitlines()) == 1
    assert build_cli(kg, corpus, out).returncode == 0  # a rebuild leaves the exported files alone
    assert (out / "kg.ttl").read_bytes() == exported(out, "kg.ttl")


def test_push_reads_each_graph_from_its_file(tmp_path):
    """kg push sends each graph's own N-Triples file, with the digest the build recorded, and the ontology."""
    import hashlib

    from kg.build.current import graph_files
    from kg.core.namespaces import ENTITIES_GRAPH, ONTOLOGY_IRI
    from kg.push.source import build_graphs

    out = tmp_path / "out"
    build(CORPUS_DIR, out)
    source = build_graphs(out)
    assert str(ONTOLOGY_IRI) in source.digests and str(ENTITIES_GRAPH) in source.digests
    for item in graph_files(out):
        sent = source.ntriples(item.name)
        assert sent == item.lines.read_bytes() and hashlib.sha256(sent).hexdigest() == item.digest
    ontology = Graph().parse(data=source.ntriples(str(ONTOLOGY_IRI)), format="nt")
    assert (None, OWL.versionInfo, None) in ontology and len(ontology) > 100


def test_input_digests_are_taken_again_only_for_files_whose_metadata_changed(tmp_path):
    """A build after an edit reads the edited files, not the corpus: a file's SHA-256 is remembered by
    its size, time and inode, and a file modified within the racy window is never remembered."""
    import hashlib
    import time

    from kg.build.inputs import Digests

    path, kept = tmp_path / "article.txt", tmp_path / "digests.json"
    path.write_text("one")
    old = time.time_ns() - 10**10
    os.utime(path, ns=(old, old))
    first = Digests(kept)
    assert first.of(path) == hashlib.sha256(b"one").hexdigest()
    first.save()
    path.write_text("two")  # same size, same inode: only the time tells, so put it back
    os.utime(path, ns=(old, old))
    assert Digests(kept).of(path) == hashlib.sha256(b"one").hexdigest()  # remembered, not read
    os.utime(path, ns=(old + 1, old + 1))
    assert Digests(kept).of(path) == hashlib.sha256(b"two").hexdigest()
    fresh = Digests(kept)
    path.write_text("six")  # just now: within the racy window
    assert fresh.of(path) == hashlib.sha256(b"six").hexdigest() and str(path) not in fresh.seen


def test_folder_listings_are_taken_again_only_for_folders_whose_metadata_changed(tmp_path):
    """The build lists the articles folder from the listings the last build recorded while a folder's
    time and inode hold: a file added or removed changes its folder's time and is seen; a folder
    changed within the racy window, or holding a link, is never recorded; the files are those listed
    afresh."""
    import time

    from kg.build import inputs

    corpus = copy_corpus(tmp_path / "c")
    old = time.time_ns() - 10**10
    for path in [corpus, *corpus.rglob("*")]:
        os.utime(path, ns=(old, old), follow_symlinks=False)
    recorded: dict = {}
    first = inputs._files(corpus, None, {}, recorded)
    assert first == inputs._files(corpus) and str(corpus) in recorded
    article = corpus / "020_arrival"
    (article / "notes.txt").write_text("new")  # now: the folder's time moves, within the racy window
    seen: dict = {}
    second = inputs._files(corpus, None, recorded, seen)
    assert second == inputs._files(corpus) and ("articles/020_arrival/notes.txt" in dict(second))
    assert str(article) not in seen and str(corpus) in seen
    (article / "notes.txt").unlink()
    os.utime(article, ns=(old + 1, old + 1))
    os.symlink(corpus / "010_ministers" / "article.txt", corpus / "000_seed" / "linked.txt")
    os.utime(corpus / "000_seed", ns=(old + 1, old + 1))
    again: dict = {}
    third = inputs._files(corpus, None, seen, again)
    assert third == inputs._files(corpus) and "articles/000_seed/linked.txt" in dict(third)
    assert str(article) in again and str(corpus / "000_seed") not in again  # a folder with a link is listed each time


def test_graph_file_names_use_kgs_graph_namespace():
    from kg.build import current
    from kg.core.namespaces import GRAPH

    assert current._GRAPH == str(GRAPH)
    assert current.file_stem(str(GRAPH) + "a-slug") == "a-slug" and current.file_stem("urn:x").startswith("_")


@pytest.mark.slow
def test_an_edit_writes_a_few_summary_parts_and_updates_the_store_to_a_cold_builds(tmp_path, monkeypatch):
    """Issue 23: the corpus summary is parts the sets share, named by their content, as the manifest is.
    A label edit changes no count: it writes the summary node's own part alone (its source digest); an
    added article the parts of the counts it changes. Each time the store is the set before's, updated
    (never loaded), and holds the quads, the summary graph's included, of a cold build of the corpus."""
    from kg import store
    from kg.build import summary

    from .conftest import SEED_DIR, SEED_SLUG

    corpus, out = copy_corpus(tmp_path / "c"), tmp_path / "out"
    build(corpus, out)
    shared = out / ".kg" / "summary"
    first = set(os.listdir(shared))
    assert first == set(json.loads((out / "kg.graphs.json").read_text())["summary"])
    mapping = corpus / "000_seed" / "mapping.yaml"
    mapping.write_text(mapping.read_text().replace("label: Russian-Syrian relations\n", "label: Russia-Syria ties\n"))

    def refused(*args, **kwargs):
        raise AssertionError("the store was loaded, not updated")

    for step in ("label", "added"):
        if step == "added":
            shutil.copytree(SEED_DIR, corpus / "030_copy")
            copied = corpus / "030_copy" / "mapping.yaml"
            copied.write_text(copied.read_text().replace(f"slug: {SEED_SLUG}", "slug: seed-copy"))
        before = json.loads((out / "kg.graphs.json").read_text())["summary"]
        lines = set(summary.read(out / ".kg", before).splitlines(True))
        with monkeypatch.context() as patched:
            patched.setattr(store, "load", refused)
            assert build(corpus, out).conforms
        listed = json.loads((out / "kg.graphs.json").read_text())["summary"]
        changed = lines ^ set(summary.read(out / ".kg", listed).splitlines(True))
        written = set(listed) - set(before)  # the parts of the lines that changed, and no other
        assert {name.split(".")[0] for name in written} == {summary.part_of(line) for line in changed}
        for name in listed:  # each line in the part of its group, which the line alone decides
            assert {summary.part_of(line) for line in summary.read(out / ".kg", [name]).splitlines(True)} == {
                name.split(".")[0]
            }
        assert any(name.startswith(summary.HEAD + ".") for name in written)  # its source digest
        if step == "label":  # on three articles an added one changes most counts; at 1,000 a few dozen
            assert len(written) == 3 < len(listed) / 10  # the head, the class counts, one bucket
        clean = tmp_path / f"clean-{step}"
        build(corpus, clean)
        assert json.loads((clean / "kg.graphs.json").read_text())["summary"] == listed
        quads = _store_quads(out / "store")
        assert quads == _store_quads(clean / "store")
        in_summary = sorted(q for q in quads if q.endswith(" <https://w3id.org/diplokg/summary>"))
        assert len(in_summary) == len(summary.read(out / ".kg", listed).splitlines()) > 20
    assert "Russia-Syria ties" in exported(out, "kg.ttl").decode()
    build(corpus, out)  # the first set is collected, and the summary parts only it had
    kept = {n for g in (out / ".kg").glob("gen-*") for n in json.loads((g / "kg.graphs.json").read_text())["summary"]}
    assert set(os.listdir(shared)) == kept and not first <= kept


@pytest.mark.slow
def test_a_set_with_the_summary_in_one_file_is_updated_to_the_parts(tmp_path, monkeypatch):
    """A set written before the summary's parts (``kg.summary.nt`` beside its manifest, which lists no
    ``summary``): the next build's store is still that set's updated, and holds a cold build's quads."""
    from kg import store
    from kg.build import summary

    corpus, out = copy_corpus(tmp_path / "c"), tmp_path / "out"
    build(corpus, out)
    manifest = out / "kg.graphs.json"
    record = json.loads(manifest.read_text())
    (out / ".kg" / "current" / store.SUMMARY_FILE).write_text(summary.read(out / ".kg", record.pop("summary")))
    manifest.write_text(json.dumps(record, sort_keys=True) + "\n")
    mapping = corpus / "000_seed" / "mapping.yaml"
    mapping.write_text(mapping.read_text().replace("label: Russian-Syrian relations\n", "label: Russia-Syria ties\n"))

    def refused(*args, **kwargs):
        raise AssertionError("the store was loaded, not updated")

    with monkeypatch.context() as patched:
        patched.setattr(store, "load", refused)
        assert build(corpus, out).conforms
    build(corpus, tmp_path / "clean")
    assert _store_quads(out / "store") == _store_quads(tmp_path / "clean" / "store")
