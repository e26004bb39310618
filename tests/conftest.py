"""Shared fixtures: the seed article, compiled once per session, and a helper to run the CLI."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = ROOT / "articles" / "000_b367dd22c79a673b"


@pytest.fixture(autouse=True, scope="session")
def no_internet():
    """Any Wikidata call a test forgets to point at its own server goes to a closed loopback port."""
    os.environ.setdefault("KG_WIKIDATA_API", "http://127.0.0.1:9/w/api.php")
    os.environ.pop("KG_STORE", None)
    yield


@pytest.fixture(scope="session")
def seed_article():
    from kg.article import load_article

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


@pytest.fixture
def articles_copy(tmp_path):
    """A writable copy of the articles folder, for tests that edit a mapping."""
    target = tmp_path / "articles"
    shutil.copytree(ROOT / "articles", target)
    return target


def run_kg(*args, cwd=None, env=None, timeout=300, input=None):
    """Run the real console entry point in a subprocess: exit codes and stderr as a user sees them."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "kg", *map(str, args)],
        cwd=cwd or ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
        input=input,
        stdin=None if input is not None else subprocess.DEVNULL,
    )


@pytest.fixture
def kg():
    return run_kg
