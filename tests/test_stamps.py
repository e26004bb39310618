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


def _corpus(tmp_path):
    """An articles folder of two article folders, every file and folder an hour old, and a build state
    whose generation holds the record ``inputs.take`` made of it (``kg.inputs.sha256``)."""
    from kg.build import inputs

    articles = tmp_path / "articles"
    for folder in ("a", "b"):
        (articles / folder).mkdir(parents=True)
        (articles / folder / "text.txt").write_text(f"text {folder}\n")
        (articles / folder / "mapping.yaml").write_text(f"slug: {folder}\n")
    for path in [articles, *articles.rglob("*")]:
        os.utime(path, ns=(OLD, OLD))
    state = tmp_path / "out" / ".kg"
    (state / "gen-1").mkdir(parents=True)
    _digest, text = inputs.take(articles, inputs.Digests(state / "digests"))
    record = state / "gen-1" / "kg.inputs.sha256"
    record.write_text(text)
    return articles, state, record


def test_a_check_finds_the_inputs_from_the_last_listing_while_their_folders_hold(tmp_path, monkeypatch):
    """At 10,000 articles listing 10,000 folders was most of a `kg query`: the check reads the build's
    listing and stats each folder instead, and lists again when a folder changed."""
    from kg.build import inputs

    articles, state, record = _corpus(tmp_path)
    assert (state / inputs.LISTING_FILE).is_file()
    listed = inputs._listed_before(state, articles)
    assert listed is not None and [name for name, _ in listed] == [name for name, _ in inputs._files(articles)]
    monkeypatch.setattr(inputs, "_files", lambda *a, **k: pytest.fail("listed though no folder changed"))
    assert inputs.current(record, articles)
    monkeypatch.undo()
    (articles / "b" / "note.txt").write_text("a new input\n")  # its folder's time changes
    assert inputs._listed_before(state, articles) is None
    assert not inputs.current(record, articles)


def test_an_edit_in_place_is_seen_through_the_listing(tmp_path):
    from kg.build import inputs

    articles, state, record = _corpus(tmp_path)
    (articles / "a" / "text.txt").write_text("text A\n")  # no folder changes
    assert inputs._listed_before(state, articles) is not None
    assert not inputs.current(record, articles)


def test_a_listing_is_used_only_for_the_folder_it_was_taken_of(tmp_path):
    import shutil

    from kg.build import inputs

    articles, state, _record = _corpus(tmp_path)
    other = tmp_path / "other"
    shutil.copytree(articles, other)
    assert inputs._listed_before(state, other) is None


def test_no_listing_is_kept_of_a_folder_changed_just_now_or_holding_a_link(tmp_path):
    from kg.build import inputs

    articles, state, _record = _corpus(tmp_path)
    (articles / "c").mkdir()  # now: a second change within the clock tick could keep its time
    inputs.take(articles, inputs.Digests(state / "digests"))
    assert not (state / inputs.LISTING_FILE).exists()
    os.utime(articles / "c", ns=(OLD, OLD))
    os.utime(articles, ns=(OLD, OLD))
    inputs.take(articles, inputs.Digests(state / "digests"))
    assert (state / inputs.LISTING_FILE).is_file()
    (articles / "c" / "linked.txt").symlink_to(articles / "a" / "text.txt")  # its target changes unseen
    os.utime(articles / "c", ns=(OLD, OLD))
    inputs.take(articles, inputs.Digests(state / "digests"))
    assert not (state / inputs.LISTING_FILE).exists()


def test_a_check_that_had_to_list_keeps_its_listing_for_the_next(tmp_path, monkeypatch):
    """A build that had just made its folders keeps no listing (they changed within the racy window):
    the first check after it lists the folders and keeps the listing, so the next one need not."""
    from kg.build import inputs

    articles, state, record = _corpus(tmp_path)
    (state / inputs.LISTING_FILE).unlink()
    assert inputs.current(record, articles)
    assert inputs._listed_before(state, articles) is not None
    monkeypatch.setattr(inputs, "_files", lambda *a, **k: pytest.fail("listed again"))
    assert inputs.current(record, articles)


def test_no_listing_is_kept_of_a_folder_that_cannot_be_read(tmp_path, monkeypatch):
    """Making a folder readable changes its mode, not its time: a listing that had it empty would hide
    its files from every later check."""
    from kg.build import inputs

    articles, state, _record = _corpus(tmp_path)
    real_scandir = os.scandir

    def refusing(path):
        if str(path).endswith(os.sep + "b"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(inputs.os, "scandir", refusing)
    inputs.take(articles, inputs.Digests(state / "digests"))
    assert not (state / inputs.LISTING_FILE).exists()
