"""Loading an article folder: schema errors name the file and line; quotes must be in the text."""

import pathlib
import tempfile

import pytest

from kg.compile import compile_article
from kg.core.errors import KgError
from kg.load import load_article
from kg.load.sentences import segment

from .conftest import article_folder

GOOD_TEXT = "Lavrov met Al-Shibani in Moscow. They talked.\nA heading\nLavrov said “Hello.” Then he left."


def write_article(tmp_path, mapping: str, text: str = GOOD_TEXT):
    return article_folder(tmp_path / "a1", text, mapping)


BASE = """article:
  slug: mini
  publisher: pub
  defaults:
    according_to: pub
nodes:
  pub:
    a: NewsPublisher
    label: Pub
  lavrov:
    a: Person
    label: Sergei Lavrov
"""


def error_of(folder) -> str:
    with pytest.raises(KgError) as info:
        compile_article(load_article(folder))
    return str(info.value)


def test_minimal_mapping_compiles(tmp_path):
    compiled = compile_article(load_article(write_article(tmp_path, BASE)))
    assert len(compiled.graph) > 10


@pytest.mark.parametrize(
    "extra, line, needle",
    [
        ("  bad:\n    a: Personn\n    label: X\n", 14, "unknown class 'Personn'"),
        ("  bad:\n    a: Person\n    label: X\n    shoeSize: 4\n", 16, "unknown property 'shoeSize'"),
        ("  bad:\n    a: Person\n    label: X\n    country: atlantis\n", 16, "unknown node 'atlantis'"),
        ("  m:\n    a: Meeting\n    status: planned\n    evidence:\n      - Lavrov met Putin\n", 17, "quote not found"),
        ("  m:\n    a: Meeting\n    status: planned\n    evidence:\n      - Lavrov\n", 17, "occurs 2 times"),
        ("  m:\n    a: Meeting\n    status: planned\n", 13, "needs 'evidence'"),
        ("  m:\n    a: Meeting\n    evidence: [They talked.]\n", 13, "needs a 'status'"),
        ("  m:\n    a: Meeting\n    status: maybe\n    evidence: [They talked.]\n", 15, "status"),
        (
            "  m:\n    a: Agreement\n    status: planned\n    yearSigned: 19\n    evidence: [They talked.]\n",
            16,
            "not a valid year (four digits",
        ),
        (
            "  m:\n    a: Talks\n    status: planned\n    isFirst: yes please\n    evidence: [They talked.]\n",
            16,
            "not a valid xsd:boolean",
        ),
        ("  x:\n    a: Person\n    label: X\n    status: happened\n", 16, "applies only to claims"),
        ("  Bad_Id:\n    a: Person\n", 13, "node id 'Bad_Id'"),
        ("  lavrov:\n    a: Person\n", 13, "duplicate key 'lavrov'"),
        (
            "  x:\n    a: Person\n    label: 2031-02-30\n",
            15,
            "day is out of range for month",
        ),  # a date that does not exist
        ("  m:\n    a: Meeting\n    status: planned\n    evidence: ['']\n", 16, "an empty quote"),
        (
            "  m:\n    a: Meeting\n    status: planned\n    evidence:\n"
            "      - {quote: They talked., occurrence: true}\n",
            17,
            "valid integer",
        ),
        ("  x: &loop\n    a: Person\n    aliases: [*loop]\n", 13, "holds the alias itself"),
        ("  ? [a, b]\n  : {a: Person}\n", 13, "a key must be a plain value"),
        ("  x:\n    <<: {a: Person}\n    label: X\n", 14, "merge keys ('<<') are not supported"),
    ],
)
def test_mapping_errors_name_file_and_line(tmp_path, extra, line, needle):
    folder = write_article(tmp_path, BASE + extra)
    message = error_of(folder)
    assert f"mapping.yaml:{line}:" in message, message
    assert needle in message
    assert "\n" not in message


@pytest.mark.parametrize(
    "quote",
    [
        "{quote: ' ', occurrence: 2}",
        "{quote: '.', occurrence: 1}",
        "{quote: '“', occurrence: 1}",
    ],
)
def test_a_quote_with_no_letter_or_digit_is_no_evidence(tmp_path, quote):
    """An empty quote was refused, but a quote of a space or a full stop (with its occurrence) was taken,
    and a claim built on a span that holds no word of the text."""
    folder = write_article(tmp_path, BASE + f"  m:\n    a: Meeting\n    status: planned\n    evidence: [{quote}]\n")
    message = error_of(folder)
    assert "mapping.yaml:16:" in message and "a quote without a letter or digit names no words of the text" in message


@pytest.mark.parametrize("text_form, quote_form", [("NFD", "NFC"), ("NFC", "NFD")])
def test_a_quote_in_another_unicode_form_than_the_text_says_so(tmp_path, text_form, quote_form):
    """A "quote not found" of a quote that looks the same as the text, letter for letter, left the user
    nothing to go on: the text (copied from a web page) composed its accents otherwise."""
    import unicodedata

    text = unicodedata.normalize(text_form, "Lavrov met Al-Shibani in Moscow. They talked at the Café Pouchkine.\n")
    quote = unicodedata.normalize(quote_form, "They talked at the Café Pouchkine.")
    claim = f"  m:\n    a: Meeting\n    status: planned\n    evidence: ['{quote}']\n"
    folder = write_article(tmp_path, BASE + claim, text)
    message = error_of(folder)
    assert "mapping.yaml:16: quote not found in article.txt" in message
    assert f"the text writes it in another Unicode form ({text_form}); write the quote as the text does" in message


@pytest.mark.parametrize("value", ["20310204", "1733616000.5"])
def test_a_date_written_as_a_number_is_refused_not_read_as_seconds(tmp_path, value):
    folder = write_article(tmp_path, BASE.replace("  publisher: pub\n", f"  publisher: pub\n  published: {value}\n"))
    message = error_of(folder)
    assert "mapping.yaml:4:" in message and "not as a number" in message


def test_an_alias_shares_its_anchor_value_rather_than_expanding_it(tmp_path):
    """As PyYAML's loader does: nested aliases cannot blow up into millions of values."""
    from kg.core.yamlpos import load_with_lines

    levels = ["a0: &a0 [x, y]"] + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(levels) + "\n")
    data, lines = load_with_lines(path)
    assert data["a8"][0] is data["a8"][9] is data["a7"]  # one value, 10**8 leaves if expanded
    assert lines[("a8",)] == 9


def test_occurrence_picks_the_right_quote(tmp_path):
    extra = "  m:\n    a: Meeting\n    status: happened\n    evidence:\n      - quote: Lavrov\n        occurrence: 2\n"
    compiled = compile_article(load_article(write_article(tmp_path, BASE + extra)))
    begins = sorted(int(o) for s, p, o in compiled.graph if str(p).endswith("beginIndex") and "char=" in str(s))
    assert GOOD_TEXT.index("Lavrov said") in begins


def test_invalid_yaml_is_one_line_with_line_number(tmp_path):
    folder = write_article(tmp_path, "article:\n  slug: [unclosed\nnodes: {}\n")
    message = error_of(folder)
    assert "mapping.yaml:" in message and "invalid YAML" in message


def test_unknown_top_level_key(tmp_path):
    folder = write_article(tmp_path, BASE + "extra: 1\n")
    assert "mapping.yaml:13: extra" in error_of(folder)


def test_missing_text_file(tmp_path):
    folder = write_article(tmp_path, BASE)
    (folder / "article.txt").unlink()
    assert "cannot read article text: No such file or directory" in error_of(folder)


def test_sentences_split_on_terminal_punctuation_and_lines():
    spans = segment(GOOD_TEXT)
    assert [GOOD_TEXT[b:e] for b, e in spans] == [
        "Lavrov met Al-Shibani in Moscow.",
        "They talked.",
        "A heading",
        "Lavrov said “Hello.”",
        "Then he left.",
    ]


def test_sentences_keep_initials_together():
    text = "The U.S. envoy met Mr. Smith in Geneva. It was brief."
    assert [text[b:e] for b, e in segment(text)] == ["The U.S. envoy met Mr. Smith in Geneva.", "It was brief."]


def _with_text(name: str) -> str:
    return BASE.replace("  slug: mini\n", f"  slug: mini\n  text: '{name}'\n")


@pytest.mark.parametrize(
    "name, needle",
    [
        ("/etc/passwd", "absolute path"),
        ("../secret.txt", "contains '..'"),
        ("sub/../../secret.txt", "contains '..'"),
        ("link.txt", "out of the article folder"),
    ],
)
def test_article_text_must_stay_inside_the_article_folder(tmp_path, name, needle):
    """A downloaded mapping must not pull /etc/passwd (or a file beside the folder) into the graph."""
    (tmp_path / "secret.txt").write_text("root:x:0:0:SECRET-LINE\n", encoding="utf-8")
    folder = write_article(tmp_path, _with_text(name))
    (folder / "link.txt").symlink_to(tmp_path / "secret.txt")
    message = error_of(folder)
    assert "mapping.yaml:3:" in message and needle in message and "\n" not in message
    assert "SECRET" not in message


def test_absolute_path_to_a_file_outside_is_refused(tmp_path):
    (tmp_path / "secret.txt").write_text("SECRET", encoding="utf-8")
    folder = write_article(tmp_path, _with_text(str(tmp_path / "secret.txt")))
    assert "absolute path" in error_of(folder)


def test_a_symlink_that_stays_inside_the_folder_is_fine(tmp_path):
    folder = write_article(tmp_path, _with_text("story.txt"))
    (folder / "story.txt").symlink_to(folder / "article.txt")
    assert load_article(folder).text == GOOD_TEXT


@pytest.mark.parametrize(
    "key, value, needle",
    [
        ("url", "'https://fixture.example/a%zz'", "not a valid IRI"),
        ("url", "'https://[bad'", "not a valid IRI"),
        ("original_url", "'http://a:port/'", "not a valid IRI"),
        ("license", "'https://creativecommons.org/licenses/by/4.0/ x'", "license"),
        ("language", "en-verylongsubtag", "not a valid language tag"),
    ],
)
def test_addresses_and_language_tags_are_checked_as_rdf_stores_read_them(tmp_path, key, value, needle):
    """The loader's pattern lets some strings through that no RDF store accepts; they are refused at
    their line, not when the graph is written."""
    folder = write_article(tmp_path, BASE.replace("  slug: mini\n", f"  slug: mini\n  {key}: {value}\n"))
    message = error_of(folder)
    assert "mapping.yaml:3:" in message and needle in message and "\n" not in message


def test_the_licence_is_the_articles_dcterms_license():
    """A source's licence, as the mapping gives it, is stated on the article: once, as an IRI."""
    from rdflib import URIRef
    from rdflib.namespace import DCTERMS

    licence = "http://rightsstatements.org/vocab/NoC-US/1.0/"
    folder = write_article(
        pathlib.Path(tempfile.mkdtemp()), BASE.replace("  slug: mini\n", f"  slug: mini\n  license: {licence}\n")
    )
    compiled = compile_article(load_article(folder))
    assert list(compiled.graph.objects(None, DCTERMS.license)) == [URIRef(licence)]
    without = compile_article(load_article(write_article(pathlib.Path(tempfile.mkdtemp()), BASE)))
    assert list(without.graph.objects(None, DCTERMS.license)) == []


def test_a_text_that_is_not_utf8_names_the_byte(tmp_path):
    folder = write_article(tmp_path, BASE)
    (folder / "article.txt").write_bytes(GOOD_TEXT.encode("utf-8")[:10] + b"\xff" + GOOD_TEXT.encode("utf-8")[10:])
    message = error_of(folder)
    assert "cannot read article text: not UTF-8 (byte 10: invalid start byte)" in message


def test_yaml_values_and_tags_are_the_safe_loaders(tmp_path):
    """kg's loader remembers each scalar's resolved tag and gives plain strings without the constructor:
    every kind of scalar, read twice (the second time from what was remembered), is what PyYAML's
    safe_load gives."""
    import yaml

    from kg.core.yamlpos import load_with_lines

    text = (
        "a: plain\nb: '123'\nc: 123\nd: 1.5e3\ne: true\nf: no\ng: null\nh: ~\ni: 2024-02-29\n"
        "j: 2024-02-29T10:00:00Z\nk: 0x1F\nl: .inf\nm: [1, '1', one, 1.0]\nn: {x: yes, 'y': 'yes'}\n"
        'o: "quoted"\np: !!str 42\nq: |\n  block\nr: >\n  folded\n  text\n'
    )
    path = tmp_path / "values.yaml"
    path.write_text(text, encoding="utf-8")
    for _ in range(2):
        data, _lines = load_with_lines(path)
        assert data == yaml.safe_load(text)
        assert [type(v) for v in data.values()] == [type(v) for v in yaml.safe_load(text).values()]
