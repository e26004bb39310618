"""Shared fixtures: the seed article, compiled once per session, and a helper to run the CLI."""

import atexit
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .ci_skips import (  # noqa: F401 (hooks: under CI=true a skipped test fails the run)
    pytest_collectreport,
    pytest_runtest_logreport,
    pytest_sessionfinish,
    pytest_terminal_summary,
)
from .cli_forkserver import ForkServer

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = ROOT / "tests" / "fixtures" / "corpus"  # the seed and two invented articles: never ROOT/articles
TERMS_DIR = ROOT / "tests" / "fixtures" / "terms"  # an invented article that uses every ontology 0.3.0 term
TERMS_SLUG = "envoy-arrives-damascus"
SEED_DIR = CORPUS_DIR / "000_seed"
SEED_SLUG = "russian-delegation-damascus"
CORPUS_FILES = ("entities.yaml", "wikidata-pins.yaml")


_WORKDIR: list[Path] = []


@pytest.fixture(autouse=True, scope="session")
def no_internet(tmp_path_factory):
    """Any Wikidata call a test forgets to point at its own server goes to a closed loopback port; the CLI
    runs in a folder whose ./articles holds the test seed only, never the repository's articles/."""
    os.environ.setdefault("KG_WIKIDATA_API", "http://127.0.0.1:9/w/api.php")
    os.environ.pop("KG_STORE", None)
    workdir = tmp_path_factory.mktemp("workdir")
    copy_corpus(workdir / "articles", ["000_seed"])
    _WORKDIR.append(workdir)
    yield
    _FORKSERVER.close()  # waited for here, so that its runs count in the session's CPU time


@pytest.fixture(scope="session")
def seed_article():
    from kg.load import load_article

    return load_article(SEED_DIR)


@pytest.fixture(scope="session")
def seed_compiled(seed_article):
    from kg.compile import compile_article

    return compile_article(seed_article)


@pytest.fixture
def seed_graph(seed_compiled):
    """A private copy that a test may break."""
    from rdflib import Graph

    copy = Graph()
    for triple in seed_compiled.graph:
        copy.add(triple)
    return copy


def article_folder(folder: Path, text: str, mapping: str) -> Path:
    """An article folder written by a test: its text and its mapping."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "article.txt").write_text(text, encoding="utf-8")
    (folder / "mapping.yaml").write_text(mapping, encoding="utf-8")
    return folder


def copy_corpus(target: Path, folders=None) -> Path:
    """The test corpus (or some of its article folders), with its entity list and pins."""
    target.mkdir(parents=True, exist_ok=True)
    for name in CORPUS_FILES:
        shutil.copy(CORPUS_DIR / name, target / name)
    for folder in sorted(p for p in CORPUS_DIR.iterdir() if p.is_dir()):
        if folders is None or folder.name in folders:
            shutil.copytree(folder, target / folder.name)
    return target


@pytest.fixture
def articles_copy(tmp_path):
    """A writable articles folder holding only the seed article, for tests that edit its mapping."""
    return copy_corpus(tmp_path / "articles", ["000_seed"])


@pytest.fixture
def corpus_copy(tmp_path):
    """A writable copy of the whole test corpus: the seed and two invented articles."""
    return copy_corpus(tmp_path / "corpus")


def export_build(out: Path) -> Path:
    """Write ``OUT/kg.ttl`` and ``OUT/kg.trig`` from a build's graph files, as ``kg export --build OUT``
    does (``kg build`` writes one file per graph, not these two)."""
    from kg.build.current import graph_files
    from kg.export import export_files
    from kg.rdf.formats import get_format

    files = graph_files(out)
    for name, fmt in (("kg.ttl", "turtle"), ("kg.trig", "trig")):
        export_files(files, get_format(fmt), Path(out) / name)
    return Path(out)


@pytest.fixture(scope="session")
def corpus_build():
    """The test corpus built once (no linking): the BuildResult, for tests that only read it."""
    from kg.build import build

    return build(CORPUS_DIR, None)


@pytest.fixture(scope="session")
def terms_build(tmp_path_factory):
    """The test corpus with the new-terms article beside it, built once (no linking)."""
    from kg.build import build

    corpus = copy_corpus(tmp_path_factory.mktemp("terms") / "articles")
    shutil.copytree(TERMS_DIR / "030_envoy", corpus / "030_envoy")
    return build(corpus, None)


@pytest.fixture
def terms_graph(terms_build):
    """A private copy of the new-terms article's graph with the corpus entities it refers to."""
    from rdflib import Graph

    copy = Graph()
    for graph in terms_build.article_graphs(TERMS_SLUG).values():
        for triple in graph:
            copy.add(triple)
    return copy


def run_kg(*args, cwd=None, env=None, timeout=300, input=None):
    """Run the CLI as ``python -m kg`` in a new process: exit codes and streams as a user sees them.
    The process is forked from a server that has kg imported already (``cli_forkserver``), which saves
    most of each run's time; ``KG_TEST_SUBPROCESS=1`` starts a fresh interpreter each time instead."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    cwd = cwd or (_WORKDIR[-1] if _WORKDIR else ROOT)
    if os.environ.get("KG_TEST_SUBPROCESS") != "1" and hasattr(os, "pidfd_open"):
        return _FORKSERVER.run([str(a) for a in args], Path(cwd), full_env, timeout, input)
    return subprocess.run(
        [sys.executable, "-m", "kg", *map(str, args)],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
        input=input,
        stdin=None if input is not None else subprocess.DEVNULL,
    )


_FORKSERVER = ForkServer()
atexit.register(_FORKSERVER.close)


@pytest.fixture
def kg():
    return run_kg
