"""A build is known current from its files' metadata, and from their bytes only when the metadata changed
(issue 23: every `kg query` hashed every input file and the whole TriG)."""

import os
import time

import pytest

from kg.util import stamps

OLD = time.time_ns() - 3_600 * 1_000_000_000  # an hour ago: well outside the racy window


def _files(tmp_path, **contents):
    found = []
    for name, text in sorted(contents.items()):
        path = tmp_path / name
        path.write_text(text)
        os.utime(path, ns=(OLD, OLD))
        found.append((name, path))
    return found


def test_a_stamp_holds_until_a_file_changes(tmp_path):
    files = _files(tmp_path, a="one", b="two")
    taken = stamps.stamp(files)
    assert taken and stamps.stamp(files) == taken
    (tmp_path / "b").write_text("TWO")
    assert stamps.stamp(files) != taken


def test_no_stamp_is_kept_for_a_file_changed_just_now(tmp_path):
    files = _files(tmp_path, a="one")
    (tmp_path / "a").write_text("new")  # its time is now: a second change in the same tick could keep it
    assert stamps.stamp(files) is None
    assert stamps.record(files, lambda: "digest") == "digest\n"


def test_check_reads_no_byte_while_the_stamp_holds(tmp_path):
    files = _files(tmp_path, a="one")
    record = tmp_path / "record"
    record.write_text(stamps.record(files, lambda: "digest"))

    def no_reading():
        raise AssertionError("the bytes were read though the stamp held")

    assert stamps.check(record, files, no_reading)


def test_check_falls_back_to_the_content_and_keeps_a_new_stamp(tmp_path):
    files = _files(tmp_path, a="one")
    record = tmp_path / "record"
    record.write_text("digest\n")  # written by a build that could keep no stamp
    assert stamps.check(record, files, lambda: "digest")
    digest, taken = stamps.parse(record.read_text())
    assert digest == "digest" and taken == stamps.stamp(files)
    assert not stamps.check(record, [("a", tmp_path / "a"), ("b", tmp_path / "record")], lambda: "other")


def test_a_store_is_current_by_its_stamp_without_reading_the_graphs_file(tmp_path, monkeypatch):
    from kg import store

    trig, graphs = tmp_path / "g.trig", tmp_path / "kg.graphs.json"
    trig.write_text("<urn:x:g> { <urn:x:s> <urn:x:p> <urn:x:o> . }\n")
    graphs.write_text('{"graphs": {"urn:x:g": "1"}}\n')
    os.utime(graphs, ns=(OLD, OLD))
    store.load(tmp_path / "store", [trig], graphs)
    assert store.is_current(tmp_path / "store", graphs)
    monkeypatch.setattr(store, "fingerprint", lambda path: pytest.fail("read though its stamp held"))
    assert store.is_current(tmp_path / "store", graphs)
    graphs.write_text('{"graphs": {"urn:x:g": "2"}}\n')
    monkeypatch.undo()
    assert not store.is_current(tmp_path / "store", graphs)
