"""What an install reads: the shipped resources, and an empty query library said plainly.

The wheel itself is built, installed outside the checkout and used by ``.ci/run``; these tests keep the
checkout's side of that contract.
"""

import tomllib

import pytest

import kg
from kg.core import resources
from kg.core.errors import KgError
from kg.query import list_queries

from .conftest import ROOT, run_kg


def test_a_checkout_reads_its_top_level_folders():
    """An editable install reads the documents a person edits, not a copy."""
    assert resources.ONTOLOGY_DIR == ROOT / "ontology"
    assert resources.SHAPES_DIR == ROOT / "shapes"
    assert resources.QUERIES_DIR == ROOT / "queries"


def test_an_empty_query_library_is_an_error(tmp_path):
    with pytest.raises(KgError, match=r"no queries \(\*\.rq\) found"):
        list_queries(tmp_path)


def test_the_version_is_written_once():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "kg.__version__"}
    assert run_kg("--version").stdout.strip() == f"kg {kg.__version__}"
