"""Under CI (``CI=true``), a skipped test fails the run.

The suite skips a test only when something it needs is missing from the machine: Virtuoso, Chromium,
Playwright. ``.ci/run`` installs all of them, so in CI a skip means a broken install, and a run that
reported it as a pass would hide the untested server and browser code. Outside CI a skip stays a skip.
Collection-time skips (a whole module) count too. Loaded by ``conftest.py``; ``test_ci.py`` runs it
as a plugin (``-p tests.ci_skips``) on a small suite of its own.
"""

import os

import pytest

_skipped: list[str] = []


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def _reason(report) -> str:
    longrepr = report.longrepr
    reason = longrepr[2] if isinstance(longrepr, tuple) and len(longrepr) == 3 else str(longrepr)
    return reason.removeprefix("Skipped: ")


def pytest_runtest_logreport(report) -> None:
    # A test marked ``model`` needs a trained spaCy pipeline. None can be installed from PyPI as a
    # dependency (spaCy ships them from its own download site), so CI cannot provide one: its skip is
    # expected there and is not a broken install.
    if report.skipped and not hasattr(report, "wasxfail") and "model" not in report.keywords:
        _skipped.append(f"{report.nodeid}: {_reason(report)}")


def pytest_collectreport(report) -> None:
    if report.skipped:
        _skipped.append(f"{report.nodeid or 'collection'}: {_reason(report)}")


def pytest_sessionfinish(session, exitstatus) -> None:
    # under pytest-xdist the controller sees every worker's reports and decides; the workers do not
    if _in_ci() and _skipped and not hasattr(session.config, "workerinput") and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter) -> None:
    if _in_ci() and _skipped and not hasattr(terminalreporter.config, "workerinput"):
        terminalreporter.section("CI=true: a skipped test fails the run (CI installs what every test needs)", red=True)
        for line in _skipped:
            terminalreporter.line(f"SKIPPED IN CI {line}", red=True)
