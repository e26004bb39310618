"""Output files look like ones written with open(): umask respected, modes kept, symlinks followed."""

import json
import os
import stat
from contextlib import contextmanager

import pytest

from kg.core.errors import KgError
from kg.util import atomic


@contextmanager
def umask(mask):
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize("mask, expected", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_new_file_respects_the_umask(tmp_path, mask, expected):
    with umask(mask):
        atomic.write_text(tmp_path / "new.ttl", "x\n")
    assert mode(tmp_path / "new.ttl") == expected


@pytest.mark.parametrize("mask", [0o022, 0o027, 0o002, 0o077])
def test_umask_is_read_without_changing_it(mask):
    with umask(mask):
        assert atomic.umask() == mask
        assert os.umask(mask) == mask  # still in force after being read


def test_replacing_a_file_keeps_its_mode(tmp_path):
    target = tmp_path / "kg.ttl"
    target.write_text("old\n")
    os.chmod(target, 0o640)
    with umask(0o077):
        atomic.write_text(target, "new\n")
    assert target.read_text() == "new\n" and mode(target) == 0o640


def test_a_symlink_is_written_through_to_its_target(tmp_path):
    real = tmp_path / "real" / "kg.ttl"
    real.parent.mkdir()
    real.write_text("old\n")
    os.chmod(real, 0o644)
    link = tmp_path / "link.ttl"
    link.symlink_to(real)
    atomic.write_text(link, "new\n")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "new\n" and mode(real) == 0o644
    assert sorted(p.name for p in real.parent.iterdir()) == ["kg.ttl"]  # no temporary file left


def test_a_dangling_symlink_creates_its_target(tmp_path):
    link = tmp_path / "link.ttl"
    link.symlink_to(tmp_path / "made.ttl")
    atomic.write_text(link, "x\n")
    assert link.is_symlink() and (tmp_path / "made.ttl").read_text() == "x\n"


def test_a_failed_write_leaves_nothing(tmp_path):
    (tmp_path / "dir").mkdir()
    with pytest.raises(KgError, match="cannot write"):
        atomic.write_text(tmp_path / "dir", "x")
    assert [p.name for p in tmp_path.iterdir()] == ["dir"]


@pytest.mark.slow
def test_export_over_an_existing_file_and_through_a_symlink(kg, tmp_path):
    """The issue's reproduction: `kg export -o FILE` over a 0644 file made it 0600, and replaced a link."""
    existing = tmp_path / "g.ttl"
    existing.write_text("old\n")
    os.chmod(existing, 0o644)
    with umask(0o022):
        done = kg("export", "--no-link", "-o", existing)
        assert done.returncode == 0, done.stderr
        assert mode(existing) == 0o644 and existing.stat().st_size > 1000
        fresh = kg("export", "--no-link", "-o", tmp_path / "fresh.nt", "--format", "nt")
        assert fresh.returncode == 0 and mode(tmp_path / "fresh.nt") == 0o644
        link = tmp_path / "link.ttl"
        link.symlink_to(existing)
        through = kg("export", "--no-link", "-o", link)
        assert through.returncode == 0 and link.is_symlink()
        assert existing.read_bytes() == link.read_bytes()


@pytest.mark.slow
def test_build_outputs_respect_the_umask(kg, tmp_path):
    with umask(0o002):
        done = kg("build", "--no-link", "--out", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    graphs = tmp_path / "out" / "graphs"
    assert {mode(p) for p in graphs.iterdir()} == {0o664} and mode(tmp_path / "out" / "kg.graphs.json") == 0o664


def test_a_folder_is_replaced_where_the_kernel_cannot_exchange_two_names(tmp_path, monkeypatch):
    """The fallback of replace_dir (two renames) for systems without renameat2 RENAME_EXCHANGE."""
    from kg.util import atomic

    target, new = tmp_path / "site", tmp_path / "site.new"
    target.mkdir()
    (target / "old.html").write_text("old")
    new.mkdir()
    (new / "index.html").write_text("new")
    monkeypatch.setattr(atomic, "_exchange", lambda a, b: False)
    atomic.replace_dir(new, target)
    assert sorted(p.name for p in target.iterdir()) == ["index.html"] and not new.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # the old folder is gone


@pytest.mark.parametrize("exchange", [True, False])
def test_an_old_folder_that_cannot_be_removed_does_not_fail_the_switch(tmp_path, monkeypatch, exchange):
    """Once the new folder is in place the switch succeeded: the old one that cannot be removed is
    handed back to mention (kg site said it failed after switching in the new site, issue 24)."""
    import shutil

    from kg.util import atomic

    target, new = tmp_path / "site", tmp_path / "site.new"
    target.mkdir()
    (target / "old.html").write_text("old")
    new.mkdir()
    (new / "index.html").write_text("new")
    if not exchange:
        monkeypatch.setattr(atomic, "_exchange", lambda a, b: False)

    def refuses(path, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(shutil, "rmtree", refuses)
    leftover = atomic.replace_dir(new, target)
    assert sorted(p.name for p in target.iterdir()) == ["index.html"]
    assert leftover is not None and (leftover / "old.html").read_text() == "old"


def test_a_named_pipe_is_written_into_not_replaced(tmp_path):
    """A rename put a plain file in a pipe's place (and, as root, in a device's: `-o /dev/null`)."""
    import threading

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_bytes()), daemon=True)
    reader.start()
    try:
        atomic.write_text(pipe, "x,y\n")
    finally:
        if reader.is_alive() and not got:  # the write did not reach the pipe: let the reader end
            with open(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK), "wb"):
                pass
        reader.join(10)
    assert got == [b"x,y\n"] and stat.S_ISFIFO(os.stat(pipe).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]


def test_output_to_dev_stdout_of_a_pipe_reaches_the_pipe(tmp_path):
    """`kg query ... -o /dev/stdout | ...`: /dev/stdout of a pipe resolves to no folder a temporary
    file can be made in, and the write failed with "No such file or directory"."""
    import subprocess
    import sys

    from .conftest import ROOT

    query = ["query", "ASK { ?s a owl:Class }", "--data", ROOT / "ontology" / "diplomacy.ttl", "-f", "json", "-q"]
    done = subprocess.run(
        [sys.executable, "-m", "kg", *map(str, query), "-o", "/dev/stdout"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["boolean"] is True and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("below", ["kg.ttl", "deeper/kg.ttl"])
def test_an_output_under_a_file_says_not_a_directory(tmp_path, below):
    """`kg export -o notes.txt/kg.ttl` said "File exists" (of the folder it tried to make)."""
    (tmp_path / "notes.txt").write_text("mine\n")
    with pytest.raises(KgError, match=rf"notes.txt/{below}: cannot write: Not a directory$"):
        atomic.write_text(tmp_path / "notes.txt" / below, "x\n")
    assert (tmp_path / "notes.txt").read_text() == "mine\n"


def test_output_to_dev_stdout_appended_to_a_file_keeps_what_the_file_held(tmp_path):
    """`kg query ... -o /dev/stdout >> results.log` resolved /dev/stdout to results.log and renamed a new
    file over it: the lines the log held before were lost."""
    import subprocess
    import sys

    from .conftest import ROOT

    log = tmp_path / "results.log"
    log.write_text("earlier line\n")
    query = ["query", "ASK { ?s a owl:Class }", "--data", ROOT / "ontology" / "diplomacy.ttl", "-f", "json", "-q"]
    with open(log, "a") as appended:
        done = subprocess.run(
            [sys.executable, "-m", "kg", *map(str, query), "-o", "/dev/stdout"],
            stdout=appended, stderr=subprocess.PIPE, text=True, cwd=tmp_path, timeout=120,
        )  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = log.read_text()
    assert text.startswith("earlier line\n{") and json.loads(text.split("\n", 1)[1])["boolean"] is True
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results.log"]
