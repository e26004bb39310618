"""The README's two set-up commands are what CI runs and what a newcomer types."""

import os
import subprocess
import sys

import pytest

from .conftest import ROOT


def readme_commands():
    text = (ROOT / "README.md").read_text()
    blocks = text.split("```sh\n")[1:3]
    return [b.split("\n```")[0].strip() for b in blocks]


def test_readme_starts_with_two_commands():
    text = (ROOT / "README.md").read_text()
    first_block = text.index("```sh")
    assert text[:first_block].count("\n") <= 2
    main, tests = readme_commands()
    assert "kg build" in main and "kg query --all" in main
    assert "pytest" in tests


def test_ci_runs_the_readme_test_command():
    _, tests = readme_commands()
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert tests in lines


SMALL_SUITE = {
    "test_runs.py": "def test_passes():\n    assert True\n",
    "test_skips.py": "import pytest\n\n\ndef test_needs_a_server():\n    pytest.skip('no server here')\n",
    "test_module_skips.py": "import pytest\n\npytest.skip('no browser here', allow_module_level=True)\n",
}


def run_small_suite(tmp_path, files, ci: bool, *args):
    for name in files:
        (tmp_path / name).write_text(SMALL_SUITE[name])
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "PYTEST_ADDOPTS", "PYTEST_XDIST_WORKER")}
    env["PYTHONPATH"] = str(ROOT)
    if ci:
        env["CI"] = "true"
    command = [sys.executable, "-m", "pytest", "-p", "tests.ci_skips", "-p", "no:cacheprovider", "-q", *args, *files]
    return subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    ("files", "ci", "code"),
    [
        (["test_runs.py", "test_skips.py"], True, 1),
        (["test_runs.py", "test_module_skips.py"], True, 1),
        (["test_runs.py", "test_skips.py", "test_module_skips.py"], False, 0),
        (["test_runs.py"], True, 0),
    ],
)
def test_a_skip_fails_the_run_in_ci_only(tmp_path, files, ci, code):
    done = run_small_suite(tmp_path, files, ci)
    assert done.returncode == code, done.stdout + done.stderr
    assert ("SKIPPED IN CI" in done.stdout) == (code == 1), done.stdout


def test_a_skip_fails_the_run_in_ci_under_xdist(tmp_path):
    done = run_small_suite(tmp_path, ["test_runs.py", "test_skips.py", "test_module_skips.py"], True, "-n", "2")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "SKIPPED IN CI test_skips.py::test_needs_a_server: no server here" in done.stdout
    assert "no browser here" in done.stdout
