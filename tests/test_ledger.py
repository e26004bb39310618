"""The build ledger (kg.build.ledger): a build that takes the unchanged articles from it gives, byte for
byte, the outputs and the reports of a build from scratch, whatever happened since the last build (an
edit, an article added or removed, the entity list changed, the ledger deleted, damaged or of another
format, a record it names gone)."""

import marshal
import os
import shutil
from pathlib import Path

import pytest

from kg.build import build
from kg.build.ledger import FORMAT, Ledger
from kg.link import make_linker

from .conftest import copy_corpus

VARIES = ("kg.build-key", "kg.inputs.sha256", "store.kg-source.sha256")  # a path; stamps of the moment


def _outputs(out: Path) -> dict[str, object]:
    """Every file of the current output set, by its name, but the store, given by its quads."""
    import pyoxigraph as ox

    root = Path(os.path.realpath(out / ".kg" / "current"))
    files: dict[str, object] = {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and "store" not in path.relative_to(root).parts
    }
    store = ox.Store.read_only(str(root / "store"))
    files["store quads"] = sorted(str(q) for q in store)
    files["store answer"] = [
        str(row[0]) for row in store.query("SELECT (COUNT(DISTINCT ?g) AS ?n) { GRAPH ?g { ?s ?p ?o } }")
    ]
    return files


def _reports(result) -> tuple:
    """What a build reports: each article's report, the corpus resolution, the link summary."""
    resolution = result.resolution
    return (
        result.conforms,
        result.article_count,
        [
            (a.slug, a.folder.name, a.triples, a.sentences, a.uncovered, a.warnings, a.report.findings)
            for a in result.articles
        ],
        sorted(
            (e.key, e.label, sorted(e.aliases), sorted(e.members), e.wikidata, e.classes)
            for e in resolution.entities.values()
        ),
        sorted(resolution.nodes.items()),
        resolution.unjoined,
        str(result.link_summary),
        result.reads,
    )


class Builds:
    """Builds of one corpus into one output folder (through the ledger), each checked against a build
    of the same inputs from scratch."""

    def __init__(self, tmp_path: Path):
        self.tmp = tmp_path
        self.corpus = copy_corpus(tmp_path / "c")
        self.out = tmp_path / "out"
        self.cache = tmp_path / "cache"
        self.count = 0

    def linker(self):
        return make_linker(offline=True, cache_dir=self.cache, pins_path=self.corpus / "wikidata-pins.yaml")

    def check(self, expect_reused: int | None = None):
        kept = build(self.corpus, self.out, linker=self.linker(), jobs=1)
        self.count += 1
        clean = self.tmp / f"clean-{self.count}"
        scratch = build(self.corpus, clean, linker=self.linker(), jobs=1)
        assert kept.conforms and scratch.reused == 0
        assert _reports(kept) == _reports(scratch)
        ours, theirs = _outputs(self.out), _outputs(clean)
        assert sorted(ours) == sorted(theirs)
        for name in theirs:
            if name not in VARIES:
                assert ours[name] == theirs[name], name
        shutil.rmtree(clean)
        if expect_reused is not None:
            assert kept.reused == expect_reused
        return kept

    def mapping(self, folder: str) -> Path:
        return self.corpus / folder / "mapping.yaml"

    @property
    def ledger(self) -> Path:
        return self.out / ".kg" / "ledger"


def test_a_ledger_build_equals_a_build_from_scratch_after_each_kind_of_change(tmp_path):
    builds = Builds(tmp_path)
    builds.check()
    assert Ledger(builds.ledger).valid and len(Ledger(builds.ledger).articles) == 3
    # an edit of a label of one article's own node
    mapping = builds.mapping("010_ministers")
    mapping.write_text(mapping.read_text().replace("label: Lavrov meets al-Shaibani", "label: The ministers meet"))
    builds.check(expect_reused=2)
    # an edit that gives a shared entity a new spelling: the entity graph, and every part naming it, change
    mapping = builds.mapping("020_arrival")
    mapping.write_text(
        mapping.read_text().replace(
            "damascus: {a: City, label: Damascus, mentions: [Damascus]}",
            "damascus: {a: City, label: Damascus, aliases: [Dimashq], mentions: [Damascus]}",
        )
    )
    builds.check(expect_reused=2)
    # an article added (a copy of one, with a slug of its own)
    shutil.copytree(builds.corpus / "020_arrival", builds.corpus / "030_copy")
    copied = builds.mapping("030_copy")
    copied.write_text(copied.read_text().replace("slug: delegation-arrives-damascus", "slug: a-copy-arrives"))
    builds.check(expect_reused=3)
    # an article removed (nothing refers to the copy)
    shutil.rmtree(builds.corpus / "030_copy")
    builds.check(expect_reused=3)
    # the edit undone: the article's records from two builds ago are gone, it is made again
    mapping = builds.mapping("010_ministers")
    mapping.write_text(mapping.read_text().replace("label: The ministers meet", "label: Lavrov meets al-Shaibani"))
    builds.check(expect_reused=2)


def test_the_entity_list_changed_rebuilds_every_article_alike(tmp_path):
    builds = Builds(tmp_path)
    builds.check()
    entities = builds.corpus / "entities.yaml"
    entities.write_text(
        entities.read_text().replace("aliases: [Russian Federation]", "aliases: [Russian Federation, RF]")
    )
    builds.check(expect_reused=0)


@pytest.mark.parametrize(
    "damage",
    [
        "deleted",
        "empty",
        "garbage",
        "cut short",
        "another format",
        "another shape",
        "a directory",
    ],
)
def test_a_ledger_missing_damaged_or_of_another_format_is_rebuilt_from_the_records(tmp_path, damage):
    builds = Builds(tmp_path)
    builds.check()
    data = builds.ledger.read_bytes()
    builds.ledger.unlink()
    if damage == "empty":
        builds.ledger.write_bytes(b"")
    elif damage == "garbage":
        builds.ledger.write_bytes(b"\x00not a ledger\xff" * 10)
    elif damage == "cut short":
        builds.ledger.write_bytes(data[: len(data) // 2])
    elif damage == "another format":
        builds.ledger.write_bytes(marshal.dumps((FORMAT + 1, *marshal.loads(data)[1:])))
    elif damage == "another shape":
        builds.ledger.write_bytes(marshal.dumps((FORMAT, "salt", {"not": "a row"}, 3)))
    elif damage == "a directory":
        builds.ledger.mkdir()
    mapping = builds.mapping("000_seed")
    mapping.write_text(mapping.read_text() + "\n# an edit\n")
    builds.check()
    assert Ledger(builds.ledger).valid


def test_a_ledger_naming_records_that_are_gone_is_rebuilt_from_what_is_there(tmp_path):
    builds = Builds(tmp_path)
    builds.check()
    ledger = Ledger(builds.ledger)
    gone = ledger.articles["020_arrival"]
    for path in (builds.out / ".kg" / "units").glob(f"{gone.compiled}.*"):
        path.unlink()
    mapping = builds.mapping("020_arrival")  # the build must take away what its old record added
    mapping.write_text(mapping.read_text() + "\n# an edit\n")
    builds.check()
    for path in (builds.out / ".kg" / "units").glob(f"{Ledger(builds.ledger).articles['010_ministers'].linked}.*"):
        path.unlink()  # an unchanged article whose graph files are gone is made again
    mapping.write_text(mapping.read_text() + "\n# another edit\n")
    builds.check()


@pytest.mark.slow
def test_the_cli_gives_the_same_files_under_any_hash_seed_by_any_path(tmp_path):
    """From the ledger under one PYTHONHASHSEED, from scratch under another: the same bytes."""
    import re
    import subprocess
    import sys

    corpus = copy_corpus(tmp_path / "c")

    def cli(out: Path, seed: str) -> list[str]:
        done = subprocess.run(
            [sys.executable, "-m", "kg", "build", "--offline", "--articles", str(corpus), "--out", str(out),
             "--cache-dir", str(tmp_path / "cache")],
            env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        lines = [re.sub(r" \(\d+ as the last build left them\)", "", line) for line in done.stdout.splitlines()]
        return [line for line in lines if not line.startswith(("wrote", "build took"))]

    cli(tmp_path / "out", "1")
    mapping = corpus / "010_ministers" / "mapping.yaml"
    mapping.write_text(mapping.read_text().replace("label: Lavrov meets al-Shaibani", "label: The ministers meet"))
    kept = cli(tmp_path / "out", "2")
    clean = cli(tmp_path / "clean", "3")
    assert kept == clean
    ours, theirs = _outputs(tmp_path / "out"), _outputs(tmp_path / "clean")
    assert {k: v for k, v in ours.items() if k not in VARIES} == {k: v for k, v in theirs.items() if k not in VARIES}


def test_the_corpus_context_links_the_entity_graph_as_the_articles_lines_do(tmp_path, monkeypatch):
    """``corpus_context`` names each mention by its entity and words, each post by its holder and label:
    linking the corpus entity graph with it gives the results (and the linked graph) that the
    articles' own context lines give, though it has a fraction of their lines."""
    from kg.build.corpus import compile_corpus, load_corpus
    from kg.build.ledger import corpus_context
    from kg.core.namespaces import entity_iri
    from kg.link.linker import context_of
    from kg.rdf import ntriples

    from .conftest import CORPUS_DIR
    from .wikidata_items import ITEMS
    from .wikidata_server import FakeWikidata

    monkeypatch.setenv("KG_RETRY_FLOOR", "0.1")
    corpus = load_corpus(CORPUS_DIR)
    compiled, entities = compile_corpus(corpus)
    raw = sorted(
        {
            line
            for c in compiled
            for line in ntriples.lines(context_of(c.graph, [entity_iri(k) for k in sorted(c.entities)]))
        }
    )
    canonical = sorted({line for c in compiled for line in corpus_context(ntriples.lines(
        context_of(c.graph, [entity_iri(k) for k in sorted(c.entities)])))})  # fmt: skip
    assert any("urn:kg:context:" in line for line in canonical) and len(canonical) < len(raw)
    server = FakeWikidata(ITEMS).start()
    try:
        answers = []
        for context in (raw, canonical):
            linker = make_linker(
                cache_dir=tmp_path / "cache", api_url=server.url, pins_path=CORPUS_DIR / "wikidata-pins.yaml",
                contact="mailto:test@example.org",
            )  # fmt: skip
            graph = ntriples.graph(ntriples.lines(entities))
            results, countries, _reads = linker.link_entity_graph(graph, [ntriples.graph(context)], "en")
            answers.append(([r.__dict__ for r in results], countries, ntriples.lines(graph)))
    finally:
        server.stop()
    assert answers[0] == answers[1]
    assert any(r["chosen"] for r in answers[0][0])  # something was linked, from the words


def test_a_tally_changed_in_any_order_resolves_as_combine_does():
    """The corpus resolution from a tally that articles were taken out of and put back into (in
    another order) is the one ``combine`` makes of the contributions, entity for entity."""
    from kg.build.corpus import corpus_resolver, load_corpus
    from kg.resolve import combine
    from kg.resolve.tally import Tally

    from .conftest import CORPUS_DIR

    corpus = load_corpus(CORPUS_DIR)
    resolver, _pins = corpus_resolver(CORPUS_DIR, None)
    contributions = [resolver.article(article) for article in corpus.articles]
    tally = Tally()
    for contribution in reversed(contributions):
        tally.add(contribution)
    tally.add(contributions[0], -1)
    tally.add(contributions[1], -1)
    tally.add(contributions[1])
    partial = tally.resolution(resolver.list, resolver.pins, resolver.ontology)
    assert all(slug != contributions[0].slug for e in partial.entities.values() for slug, _ in e.members)
    tally.add(contributions[0])
    tally = Tally(marshal.loads(marshal.dumps(tally.state)))  # as the ledger keeps it
    ours = tally.resolution(resolver.list, resolver.pins, resolver.ontology)
    theirs = combine(contributions, resolver.list, resolver.pins, resolver.ontology)
    assert list(ours.entities) == list(theirs.entities) and ours.entities == theirs.entities
    assert ours.nodes == theirs.nodes and ours.unjoined == theirs.unjoined
    assert any(len(e.members) > 1 for e in ours.entities.values())
