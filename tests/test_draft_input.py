"""Bad input to `kg draft` is one line and writes nothing (issue 22): a missing spaCy pipeline, a
pipeline of another language, a text that is not UTF-8 (its byte offset named, as the loader does)."""

import pytest

from .test_cli import assert_one_line_error


def _folder(root, name, data: bytes):
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "article.txt").write_bytes(data)
    return folder


def test_a_text_that_is_not_utf8_is_one_line_naming_the_byte_and_nothing_is_written(kg, tmp_path):
    articles = tmp_path / "articles"
    good = _folder(articles, "001_good", b"Ana Ruiz visited Kenya.\n")
    bad = _folder(articles, "002_bad", b"Ana Ruiz visited Kenya\xff.\n")
    done = kg("draft", articles)
    assert_one_line_error(done, 2, "not UTF-8 (byte 22: invalid start byte)")
    assert "002_bad" in done.stderr
    assert not (good / "mapping.draft.yaml").exists()  # all or nothing: the good one is not written either
    assert not (bad / "mapping.draft.yaml").exists()


def test_a_missing_pipeline_is_one_line_saying_how_to_install_one(kg, tmp_path):
    folder = _folder(tmp_path, "a", b"Ana Ruiz visited Kenya.\n")
    done = kg("draft", folder, "--backend", "nlp", "--model", "no_such_pipeline_kg")
    assert_one_line_error(done, 2, "spacy download")
    assert not (folder / "mapping.draft.yaml").exists()


def test_a_pipeline_of_another_language_is_one_line(kg, tmp_path):
    spacy = pytest.importorskip("spacy")
    spacy.blank("de").to_disk(tmp_path / "de")
    folder = _folder(tmp_path, "a", b"Ana Ruiz visited Kenya.\n")
    done = kg("draft", folder, "--backend", "nlp", "--model", tmp_path / "de")
    assert_one_line_error(done, 2, "is for language 'de'")
    assert not (folder / "mapping.draft.yaml").exists()
