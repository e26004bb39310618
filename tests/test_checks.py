"""Mapping mistakes caught where they are made: whole-word quotes, domain and range, split quotes, and
SHACL findings that name the mapping line. Every message is one line with the file and line."""

import re

import pytest

from kg.compile import compile_article
from kg.core.errors import KgError
from kg.core.namespaces import DKG, ID
from kg.load import load_article
from kg.load.quotes import QuoteError, locate, word_starts

from .conftest import CORPUS_DIR, article_folder, copy_corpus

TEXT = "Syrian officials met in Syria. Syria’s minister spoke; Russia and Russian firms listened. (Syria)\n"


def write(tmp_path, nodes: str, text: str = TEXT, name: str = "a1"):
    return article_folder(tmp_path / name, text, BASE + nodes)


BASE = """article:
  slug: mini
  publisher: pub
  defaults:
    according_to: pub
nodes:
  pub:
    a: NewsPublisher
    label: Pub
"""  # nodes added below start on line 10


def error_of(folder) -> str:
    with pytest.raises(KgError) as info:
        compile_article(load_article(folder))
    message = str(info.value)
    assert "\n" not in message
    return message


# -- whole-word quotes ---------------------------------------------------------------------------------


def test_whole_words_only():
    assert word_starts(TEXT, "Syria") == [TEXT.index("Syria."), TEXT.index("Syria’s"), TEXT.index("(Syria)") + 1]
    assert word_starts(TEXT, "Russia") == [TEXT.index("Russia and")]
    assert word_starts(TEXT, "ria") == []
    # a quote that begins or ends with punctuation has no constraint on that side
    assert word_starts(TEXT, "(Syria") == [TEXT.index("(Syria)")]
    assert word_starts(TEXT, "’s minister") == [TEXT.index("’s minister")]


def test_occurrence_counts_whole_word_matches_only():
    span, warning = locate(TEXT, "Syria", 2)
    assert (span.begin, warning) == (TEXT.index("Syria’s"), None)  # "Syrian" is not counted


def test_a_plain_quote_unique_as_a_whole_word_needs_no_occurrence():
    span, _ = locate(TEXT, "Russia", None)  # twice as a substring ("Russian"), once as a word
    assert span.begin == TEXT.index("Russia and")


def test_quote_inside_a_word_is_an_error_with_file_and_line(tmp_path):
    folder = write(tmp_path, "  x:\n    a: Country\n    label: Syr\n    mentions: [Syri]\n")
    message = error_of(folder)
    assert re.search(r"a1/mapping\.yaml:13: quote matches only inside a longer word \(\"Syrian\"\)", message), message


def test_an_occurrence_past_the_whole_words_is_an_error_with_file_and_line(tmp_path):
    folder = write(
        tmp_path, "  x:\n    a: Country\n    label: Russia\n    mentions:\n      - {quote: Russia, occurrence: 3}\n"
    )
    message = error_of(folder)
    assert (
        "a1/mapping.yaml:14: quote occurs 1 time as a whole word (and 1 time inside longer words, which do not "
        "count), not 3" in message
    )


def test_an_old_style_occurrence_still_builds_with_a_warning(tmp_path):
    """Before whole-word matching, occurrence 2 of "Russia" counted "Russian" first; it still means the word."""
    folder = write(
        tmp_path,
        "  x:\n    a: Country\n    label: Russia\n    mentions:\n      - {quote: Russia, occurrence: 2}\n",
        text="Russian firms and Russia.\n",
    )
    article = load_article(folder)
    compiled = compile_article(article)
    from kg.core.namespaces import DKG, NIF

    (span,) = compiled.graph.objects(None, DKG.mention)
    assert int(compiled.graph.value(span, NIF.beginIndex)) == "Russian firms and Russia.".index("Russia.")
    (warning,) = article.warnings
    assert re.search(
        r"a1/mapping\.yaml:14: 'occurrence: 2' of \"Russia\" counts matches inside longer words; "
        r"as whole words this is occurrence 1",
        warning,
    )


def test_where_both_counts_are_possible_whole_words_win():
    text = "Russian firms, Russia and Russia.\n"
    span, warning = locate(text, "Russia", 2)
    assert (span.begin, warning) == (text.rindex("Russia"), None)  # the old count meant the first "Russia"


def test_quote_errors_are_value_errors_without_location():
    with pytest.raises(QuoteError, match="quote not found in the text"):
        locate(TEXT, "Lavrov", None)


# -- domain and range --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "nodes, line, message",
    [
        # domain: leader applies to a delegation, not a country
        (
            "  russia:\n    a: Country\n    label: Russia\n    leader: lavrov\n  lavrov:\n    a: Person\n"
            "    label: L\n",
            13,
            "property 'leader' applies to a Delegation (its domain), not to a Country",
        ),
        # domain through subclasses: governmentOf applies to any government body, not to a person
        (
            "  lavrov:\n    a: Person\n    label: L\n    governmentOf: russia\n  russia:\n    a: Country\n"
            "    label: Russia\n",
            13,
            "property 'governmentOf' applies to a GovernmentBody (its domain), not to a Person",
        ),
        # range: a delegation's leader is a person, not a country
        (
            "  russia:\n    a: Country\n    label: Russia\n  d:\n    a: Delegation\n    status: planned\n"
            "    sentBy: russia\n"
            "    leader: russia\n    evidence: [Russia]\n",
            17,
            "property 'leader' takes a Person (its range), and 'russia' is a Country",
        ),
        # range of one list item: the line of that item
        (
            "  russia:\n    a: Country\n    label: Russia\n  t:\n    a: Talks\n    status: planned\n    side:\n"
            "      - russia\n"
            "      - pub\n    location: [russia, pub]\n    evidence: [Russia]\n",
            19,
            "property 'location' takes a Place (its range), and 'pub' is a NewsPublisher",
        ),
        # a role said to be unstated must be a property of the ontology, and not also given
        (
            "  c:\n    a: Cooperation\n    status: planned\n    unstated: helper\n    evidence: [Russia]\n",
            13,
            "'helper' is not an object property of the ontology",
        ),
        (
            "  russia:\n    a: Country\n    label: Russia\n  c:\n    a: Cooperation\n    status: planned\n"
            "    actor: russia\n"
            "    unstated: actor\n    evidence: [Russia]\n",
            17,
            "'actor' is given and also said to be unstated",
        ),
    ],
)
def test_domain_and_range_errors_name_file_and_line(tmp_path, nodes, line, message):
    text = error_of(write(tmp_path, nodes))
    assert f"a1/mapping.yaml:{line}: {message}" in text, text


def test_a_country_acts_and_a_delegation_is_an_agent(tmp_path):
    """The ranges the seed relies on: prov:Agent takes a country (a state acts) and a delegation."""
    nodes = (
        "  russia:\n    a: Country\n    label: Russia\n  d:\n    a: Delegation\n    status: planned\n"
        "    sentBy: russia\n"
        "    evidence: [Russia]\n  v:\n    a: DiplomaticVisit\n    status: planned\n    visitor: d\n"
        "    destination: russia\n"
        "    evidence: [Syria’s minister]\n"
    )
    graph = compile_article(load_article(write(tmp_path, nodes))).graph
    assert set(graph.subject_objects(DKG.sentBy)) == {(ID["mini/d"], ID["mini/russia"])}
    assert set(graph.subject_objects(DKG.visitor)) == {(ID["mini/v"], ID["mini/d"])}


def test_entity_list_properties_are_checked_too(tmp_path):
    corpus = copy_corpus(tmp_path / "c", ["000_seed"])
    entities = (corpus / "entities.yaml").read_text(encoding="utf-8")
    (corpus / "entities.yaml").write_text(
        entities.replace("    label: Damascus\n", "    label: Damascus\n    hostCountry: syria\n"), encoding="utf-8"
    )
    from kg.build import build

    with pytest.raises(KgError) as info:
        build(corpus, None)
    assert re.search(
        r"entities\.yaml:\d+: property 'hostCountry' applies to a Facility \(its domain\), not to a City",
        str(info.value),
    )


# -- split quotes ------------------------------------------------------------------------------------


def test_a_flow_list_that_splits_a_quote_warns_with_file_and_line(tmp_path):
    nodes = (
        "  c:\n    a: Cooperation\n    status: planned\n    unstated: actor\n"
        "    evidence: [Syria’s minister spoke; Russia and Russian firms listened, (Syria)]\n"
    )
    folder = write(tmp_path, nodes, text="Syria’s minister spoke; Russia and Russian firms listened, (Syria).\n")
    article = load_article(folder)
    compile_article(article)  # both halves are found: without the warning the mistake would pass silently
    assert article.warnings == [
        f'{folder / "mapping.yaml"}:14: the [...] list splits the quote "Syria’s minister spoke; Russia and Russian '
        'firms listened..." at its comma into two quotes; write it as a block list item (- ...)'
    ]


def test_lists_of_separate_quotes_do_not_warn(tmp_path):
    # "Syria" and "Russia" are not one quote: "Syria, Russia" is not in the text; a quoted item is not split
    folder = write(
        tmp_path,
        "  x:\n    a: Country\n    label: Syr\n    mentions: [Syria, Russia, 'officials, Russia']\n",
        text="Syria and officials, Russia.\n",
    )
    assert load_article(folder).warnings == []


@pytest.mark.slow
def test_the_cli_prints_loader_warnings(tmp_path, kg):
    corpus = copy_corpus(tmp_path / "articles", ["000_seed"])
    mapping = corpus / "000_seed" / "mapping.yaml"
    text = mapping.read_text(encoding="utf-8")
    old = "    evidence:\n      - 'hosting 5,000 Syrian students in Russian institutions'\n"
    assert text.count(old) == 1
    mapping.write_text(
        text.replace(old, "    evidence: [hosting 5,000 Syrian students in Russian institutions]\n"), encoding="utf-8"
    )
    line = next(
        i
        for i, text in enumerate(mapping.read_text(encoding="utf-8").splitlines(), 1)
        if "evidence: [hosting 5" in text
    )
    done = kg("build", "--articles", corpus, "--out", tmp_path / "out", "--no-link")
    assert done.returncode == 0, done.stderr
    assert (
        f'kg: warning: {mapping}:{line}: the [...] list splits the quote "hosting 5,000 Syrian students in Russian '
        'institutions" at its comma into two quotes'
    ) in done.stderr


# -- SHACL findings name the mapping line --------------------------------------------------------------


def test_a_shacl_violation_names_the_mapping_file_and_line(tmp_path, kg):
    corpus = copy_corpus(tmp_path / "articles", ["000_seed"])
    mapping = corpus / "000_seed" / "mapping.yaml"
    text = mapping.read_text(encoding="utf-8")
    old = "    side: [russian-government, syrian-administration]\n    location: damascus\n"
    assert text.count(old) == 1
    mapping.write_text(text.replace(old, "    side: [russian-government]\n    location: damascus\n"), encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row == "  talks:")
    done = kg("build", "--articles", corpus, "--out", tmp_path / "out", "--no-link")
    assert done.returncode == 1
    assert re.search(
        rf"^{re.escape(str(mapping))}:{line}: Violation: "
        rf"<https://w3id.org/diplokg/id/russian-delegation-damascus/talks> "
        r".*Talks need at least two sides",
        done.stderr,
        re.M,
    ), done.stderr


def test_a_per_article_finding_names_the_line_of_its_culprit(seed_compiled):
    """SPARQL constraints report the bad node as the value: its line is named, not the article's."""
    from rdflib import Literal

    from kg.core.namespaces import DKG
    from kg.validate import validate

    graph = seed_compiled.graph
    statement = next(s for s in graph.subjects(DKG.quote, None) if str(s).endswith("/statement-lavrov-ready"))
    copy = type(graph)()
    for triple in graph:
        copy.add(triple)
    copy.set((statement, DKG.quote, Literal("We are not ready")))
    report = validate(copy, origins=seed_compiled.origins)
    (line,) = [text for text in report.text().splitlines() if "Violation" in text]
    seed_lines = (CORPUS_DIR / "000_seed" / "mapping.yaml").read_text(encoding="utf-8").splitlines()
    assert line.startswith(f"{seed_compiled.origins[str(statement)]}: Violation: ")
    assert seed_compiled.origins[str(statement)].endswith(
        f"mapping.yaml:{1 + seed_lines.index('  statement-lavrov-ready:')}"
    )
