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


@pytest.mark.parametrize(
    "source, line, needle",
    [
        ("url: https://example.org/a\npublished: 2026-02-30\n", 2, "invalid value '2026-02-30': day is out of range"),
        ("published: 2026-02-03T10:00:00+25:00\n", 1, "invalid value '2026-02-03T10:00:00+25:00'"),
        ("published: 20260203\n", 1, "published: Value error, a date is written YYYY-MM-DD"),
        ("published: [2026]\n", 1, "published.date: Input should be a valid date"),
        ("publisher: Fixture Wire\nurl: 42\n", 2, "url: Input should be a valid string"),
        ("url: 'javascript:alert(1)'\n", 1, "url: String should match pattern"),
        ("license: [a, b]\n", 1, "license: "),
        ("publisher: [a, b]\n", 1, "publisher: a name, not a list or a mapping"),
    ],
)
def test_a_source_yaml_field_of_the_wrong_form_is_one_line_with_its_line(kg, tmp_path, source, line, needle):
    """source.yaml was read with no check: a date that does not exist was a traceback (ValueError from
    the YAML reader), a number or a list was copied into the draft, which then did not compile and was
    called "a bug in kg draft", or was written as the text of a Python list."""
    folder = _folder(tmp_path, "a", b"Ana Ruiz visited Kenya.\n")
    (folder / "source.yaml").write_text(source)
    done = kg("draft", folder)
    assert_one_line_error(done, 2, f"source.yaml:{line}: {needle}")
    assert "bug in kg draft" not in done.stderr
    assert not (folder / "mapping.draft.yaml").exists()
