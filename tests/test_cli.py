"""The command line as a user runs it: outputs, exit codes, one-line errors and no tracebacks."""

import json

import pytest
from rdflib import Dataset, Graph

from .conftest import ROOT, export_build

ID = "https://w3id.org/diplokg/id/"  # article and claim IRIs


def assert_one_line_error(done, code, needle):
    assert done.returncode == code, (done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    assert needle in lines[0]


@pytest.mark.slow
def test_build_writes_turtle_and_trig_with_one_named_graph_per_article(kg, tmp_path):
    out = tmp_path / "out"
    done = kg("build", "--no-link", "--out", out)
    assert done.returncode == 0, done.stderr
    assert "russian-delegation-damascus:" in done.stdout and "conforms" in done.stdout
    export_build(out)
    turtle = Graph().parse(out / "kg.ttl")
    ds = Dataset()
    ds.parse(out / "kg.trig", format="trig")
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert names == {
        "https://w3id.org/diplokg/graph/russian-delegation-damascus",
        "https://w3id.org/diplokg/graph/entities",
    }
    # Turtle is the union: a fact both the entity list and the article state (Damascus is in Syria) is one triple
    assert set(turtle) == set().union(*(set(ds.graph(name)) for name in names))
    assert (out / "store").is_dir()


@pytest.mark.slow
def test_build_one_article_by_slug_and_unknown_article(kg, tmp_path):
    assert kg("build", "russian-delegation-damascus", "--no-link", "--out", tmp_path).returncode == 0
    assert_one_line_error(
        kg("build", "nope", "--no-link", "--out", tmp_path), 2, "no article with folder or slug 'nope'"
    )


def test_bad_mapping_is_one_line_and_writes_nothing(kg, tmp_path, articles_copy):
    mapping = articles_copy / "000_seed" / "mapping.yaml"
    mapping.write_text(
        mapping.read_text().replace("- The delegation, led by Mikhail Bogdanov", "- The delegation, led by Vladimir")
    )
    out = tmp_path / "out"
    done = kg("build", "--no-link", "--articles", articles_copy, "--out", out)
    assert_one_line_error(done, 2, "quote not found")
    assert "mapping.yaml:" in done.stderr
    assert not out.exists()


def test_missing_articles_folder(kg, tmp_path):
    assert_one_line_error(
        kg("build", "--no-link", "--articles", tmp_path / "none", "--out", tmp_path), 2, "articles folder not found"
    )


@pytest.mark.slow
def test_validate_passes_the_build_and_fails_a_broken_file(kg, tmp_path):
    out = tmp_path / "out"
    assert kg("build", "--no-link", "--out", out).returncode == 0
    export_build(out)
    ok = kg("validate", out / "kg.trig")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stdout.startswith("conforms")
    broken = tmp_path / "broken.ttl"
    broken.write_text((out / "kg.ttl").read_text().replace("dkg:status dkg:planned", "dkg:status dkg:rumoured"))
    bad = kg("validate", broken)
    assert bad.returncode == 1
    assert "A claim needs exactly one status" in bad.stdout
    as_turtle = kg("validate", broken, "--format", "turtle")
    assert as_turtle.returncode == 1
    report = Graph().parse(data=as_turtle.stdout, format="turtle")
    assert len(report) > 5


def test_pyshacl_warnings_on_own_shapes_are_kg_warning_lines(kg, tmp_path):
    """pySHACL logs a constraint it skips and warns of a shape that refers to itself, over several
    lines and once per use: kg says each once, in one line of its own."""
    data = tmp_path / "data.ttl"
    data.write_text("<https://example.org/a> a <https://w3id.org/diplokg/ontology#Country> .\n")
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text("""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ex: <https://example.org/shapes#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        ex:Odd a sh:NodeShape ; sh:targetClass <https://w3id.org/diplokg/ontology#Country> ;
            sh:qualifiedValueShape [ sh:datatype rdfs:Literal ] ; sh:qualifiedMinCount 1 .
        ex:Loop a sh:NodeShape ; sh:targetClass <https://w3id.org/diplokg/ontology#Country> ; sh:node ex:Loop2 .
        ex:Loop2 a sh:NodeShape ; sh:node ex:Loop .
        """)
    done = kg("validate", data, "--shapes", shapes)
    assert done.returncode == 0 and done.stdout.startswith("conforms"), done.stdout + done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 2 and all(line.startswith("kg: warning: pySHACL: ") for line in lines), done.stderr
    assert "can only be present on a PropertyShape" in lines[0] and "Recursive Shape" in lines[1]


def test_validate_unparseable_and_missing_files(kg, tmp_path):
    junk = tmp_path / "junk.ttl"
    junk.write_text("this is not turtle")
    assert_one_line_error(kg("validate", junk), 2, "cannot parse as turtle")
    assert_one_line_error(kg("validate", tmp_path / "nope.ttl"), 2, "no such file")


@pytest.mark.slow
def test_export_every_format_atomically(kg, tmp_path):
    for fmt, name in (
        ("turtle", "g.ttl"),
        ("nt", "g.nt"),
        ("trig", "g.trig"),
        ("nquads", "g.nq"),
        ("json-ld", "g.jsonld"),
        ("xml", "g.rdf"),
    ):
        done = kg("export", "--no-link", "--format", fmt, "--out", tmp_path / name)
        assert done.returncode == 0, done.stderr
        assert (tmp_path / name).stat().st_size > 1000
    json.loads((tmp_path / "g.jsonld").read_text())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.jsonld", "g.nq", "g.nt", "g.rdf", "g.trig", "g.ttl"]
    assert_one_line_error(kg("export", "--no-link", "--format", "yaml"), 2, "unknown format 'yaml'")


@pytest.mark.slow
def test_query_formats_and_errors(kg, tmp_path):
    out = tmp_path / "out"
    assert kg("build", "--no-link", "--out", out).returncode == 0
    table = kg("query", "cq04-visit", "--out", out)
    assert table.returncode == 0 and "in the near future" in table.stdout and "(1 row)" in table.stdout
    as_json = json.loads(kg("query", "cq04-visit", "--format", "json", "--out", out).stdout)
    assert as_json["results"]["bindings"][0]["status"]["value"] == "planned"
    csv_out = kg("query", "cq04-visit", "--format", "csv", "--out", out).stdout
    assert csv_out.splitlines()[0] == "article,visit,destinationName,purposeLabel,status,when,accordingTo"
    tsv_out = kg("query", "cq04-visit", "--format", "tsv", "--out", out).stdout
    assert '"planned"' in tsv_out and tsv_out.startswith("?article\t?visit\t")
    xml_out = kg("query", "cq04-visit", "--format", "xml", "--out", out).stdout
    assert '<literal xml:lang="en">planned</literal>' in xml_out
    ask_true = kg("query", "ASK { ?v a dkg:DiplomaticVisit }", "--out", out)
    assert ask_true.returncode == 0 and ask_true.stdout.strip() == "true"
    ask_false = kg("query", "ASK { ?v a dkg:Agreement ; dkg:yearSigned ?y FILTER(?y != ?y) }", "--out", out)
    assert ask_false.returncode == 1 and ask_false.stdout.strip() == "false"
    construct = kg(
        "query", "CONSTRUCT { ?v ?p ?o } WHERE { ?v a dkg:DiplomaticVisit ; ?p ?o }", "--format", "nt", "--out", out
    )
    assert construct.returncode == 0 and len(construct.stdout.splitlines()) > 5
    assert_one_line_error(kg("query", "SELECT ?x WHERE {\n ?x ?y }", "--out", out), 2, "error at 2:")
    assert_one_line_error(kg("query", "no-such-query", "--out", out), 2, "no query file or library query")


@pytest.mark.slow
def test_query_param_is_bound_as_a_term_not_pasted(kg, tmp_path):
    out = tmp_path / "out"
    assert kg("build", "--no-link", "--out", out).returncode == 0
    q = "SELECT ?s WHERE { ?s rdfs:label ?name } ORDER BY ?s"
    hit = kg("query", q, "--param", 'name="Sergei Lavrov"@en', "--format", "csv", "--out", out)
    assert hit.returncode == 0, hit.stderr
    assert hit.stdout.splitlines()[1:] == ["https://w3id.org/diplokg/entity/sergei-lavrov"]
    injection = kg("query", q, "--param", 'name=x" } ; ?s ?p ?o . { "', "--format", "csv", "--out", out)
    assert injection.returncode == 0 and injection.stdout.splitlines()[1:] == []


def test_query_list_shows_every_question(kg):
    done = kg("query", "--list")
    lines = done.stdout.splitlines()
    assert len(lines) == len(sorted((ROOT / "queries").glob("*.rq"))) >= 19
    assert lines[0].startswith("cq01-delegation-leader\tWho leads each delegation")


@pytest.mark.slow
def test_query_rebuilds_a_stale_build(kg, tmp_path, articles_copy):
    out = tmp_path / "out"
    assert kg("build", "--no-link", "--articles", articles_copy, "--out", out).returncode == 0
    mapping = articles_copy / "000_seed" / "mapping.yaml"
    mapping.write_text(
        mapping.read_text().replace("timeDescription: in the near future", "timeDescription: near future")
    )
    done = kg("query", "cq04-visit", "--format", "csv", "--articles", articles_copy, "--out", out)
    assert done.returncode == 0, done.stderr
    assert "rebuilding" in done.stderr
    assert ",near future," in done.stdout


@pytest.mark.slow
def test_query_never_replaces_a_build_of_another_corpus(kg, tmp_path):
    """kg query --out OUT, run where ./articles is another corpus, reads OUT's build while the corpus it
    was built from is unchanged, and stops with one line when that corpus changed."""
    from .conftest import copy_corpus

    corpus, out = copy_corpus(tmp_path / "corpus"), tmp_path / "out"
    assert kg("build", "--no-link", "--articles", corpus, "--out", out).returncode == 0
    graphs = (out / "kg.graphs.json").read_bytes()
    done = kg(
        "query", "--out", out, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "--format", "csv"
    )
    assert (
        done.returncode == 0 and "rebuilding" not in done.stderr and done.stdout.splitlines()[1] == "6"
    )  # 3 articles, entities, ontology, summary
    text = corpus / "020_arrival" / "article.txt"
    text.write_text(text.read_text() + "\nNothing else.\n")
    stale = kg("query", "--out", out, "cq01-delegation-leader")
    assert stale.returncode == 2 and len(stale.stderr.strip().splitlines()) == 1
    assert f"was built from {corpus.resolve()}" in stale.stderr and f"--articles {corpus.resolve()}" in stale.stderr
    assert (out / "kg.graphs.json").read_bytes() == graphs
    assert kg("query", "--out", out, "--articles", corpus, "cq01-delegation-leader").returncode == 0  # rebuilds from it


@pytest.mark.slow
def test_query_data_file(kg, tmp_path):
    out = tmp_path / "out"
    assert kg("build", "--no-link", "--out", out).returncode == 0
    export_build(out)
    done = kg("query", "cq01-delegation-leader", "--data", out / "kg.ttl", "--format", "csv")
    assert done.returncode == 0
    assert len(done.stdout.splitlines()) == 3


@pytest.mark.slow
def test_store_location_is_configurable(kg, tmp_path):
    store_dir = tmp_path / "elsewhere" / "store"
    out = tmp_path / "out"
    assert kg("build", "--no-link", "--out", out, env={"KG_STORE": str(store_dir)}).returncode == 0
    assert store_dir.is_dir() and not (out / "store").exists()
    done = kg("query", "cq04-visit", "--out", out, env={"KG_STORE": str(store_dir)})
    assert done.returncode == 0 and "in the near future" in done.stdout


@pytest.mark.slow
def test_a_second_article_is_a_folder_not_code(kg, tmp_path, articles_copy):
    """Another article, with its own mapping, builds beside the seed into its own named graph."""
    folder = articles_copy / "001_mini"
    folder.mkdir()
    (folder / "article.txt").write_text(
        "\ufeffForeign Minister Sergei Lavrov visited Ankara on Monday. He met Turkish officials.\r\n"
        "The Syrian Observer has not verified the content of this story.\r\n",
        encoding="utf-8",
    )
    (folder / "mapping.yaml").write_text(
        """
article:
  slug: lavrov-ankara
  publisher: syrian-observer
  verified_by_publisher: false
  defaults: {according_to: syrian-observer, reported_by: syrian-observer}
nodes:
  syrian-observer: {a: NewsPublisher, label: The Syrian Observer}
  lavrov: {a: Person, label: Sergei Lavrov}
  russia: {a: Country, label: Russia}
  ankara: {a: City, label: Ankara}
  turkish-officials: {a: CollectiveAgent, label: Turkish officials}
  post-lavrov:
    a: Post
    label: Foreign Minister of Russia
    status: ongoing
    heldBy: lavrov
    postIn: russia
    evidence: [Foreign Minister Sergei Lavrov]
  visit:
    a: DiplomaticVisit
    label: Lavrov's visit to Ankara
    status: happened
    visitor: lavrov
    destination: ankara
    timeDescription: on Monday
    evidence: [Sergei Lavrov visited Ankara on Monday.]
  meeting:
    a: Meeting
    label: Lavrov meets Turkish officials
    status: happened
    partOf: visit
    counterpart: turkish-officials
    evidence: [He met Turkish officials.]
  note:
    a: EditorialNote
    label: not verified
    status: happened
    about: article
    evidence: [The Syrian Observer has not verified the content of this story.]
""",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    done = kg("build", "--no-link", "--articles", articles_copy, "--out", out)
    assert done.returncode == 0, done.stderr
    assert "lavrov-ankara:" in done.stdout and "russian-delegation-damascus:" in done.stdout
    visits = kg("query", "cq04-visit", "--format", "csv", "--articles", articles_copy, "--out", out)
    rows = visits.stdout.splitlines()[1:]
    assert rows == [
        f"{ID}lavrov-ankara,{ID}lavrov-ankara/visit,Ankara,,happened,on Monday,The Syrian Observer",
        f"{ID}russian-delegation-damascus,{ID}russian-delegation-damascus/visit,Damascus,"
        "first official Russian-Syrian talks,planned,in the near future,a Russian source",
    ]
    graphs = kg(
        "query",
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g",
        "--format",
        "csv",
        "--articles",
        articles_copy,
        "--out",
        out,
    )
    assert graphs.stdout.splitlines()[1:] == [
        "https://w3id.org/diplokg/graph/entities",
        "https://w3id.org/diplokg/graph/lavrov-ankara",
        "https://w3id.org/diplokg/graph/russian-delegation-damascus",
        "https://w3id.org/diplokg/ontology",
        "https://w3id.org/diplokg/summary",
    ]


@pytest.mark.slow
def test_query_scoped_to_one_article(kg, tmp_path, articles_copy):
    out = tmp_path / "out"
    extra = articles_copy / "001_copy"
    extra.mkdir()
    seed = articles_copy / "000_seed"
    (extra / "article.txt").write_text((seed / "article.txt").read_text())
    (extra / "mapping.yaml").write_text(
        (seed / "mapping.yaml").read_text().replace("slug: russian-delegation-damascus", "slug: copy")
    )
    assert kg("build", "--no-link", "--articles", articles_copy, "--out", out).returncode == 0
    both = kg("query", "cq04-visit", "--format", "csv", "--articles", articles_copy, "--out", out)
    assert len(both.stdout.splitlines()) == 3
    one = kg("query", "cq04-visit", "--format", "csv", "--article", "copy", "--articles", articles_copy, "--out", out)
    assert one.stdout.splitlines()[1:] == [
        "https://w3id.org/diplokg/id/copy,https://w3id.org/diplokg/id/copy/visit,Damascus,first official "
        "Russian-Syrian talks,planned,in the near future,a Russian source"
    ]
    facilities = kg(
        "query",
        "cq06-military-facilities",
        "--format",
        "csv",
        "--article",
        "copy",
        "--articles",
        articles_copy,
        "--out",
        out,
    )
    assert len(facilities.stdout.splitlines()) == 9  # the ontology graph comes along, so subclass paths work
    missing = kg("query", "cq04-visit", "--article", "nope", "--articles", articles_copy, "--out", out)
    assert missing.returncode == 2 and "no graph <https://w3id.org/diplokg/graph/nope>" in missing.stderr


def test_build_that_violates_a_shape_exits_1_and_writes_nothing(kg, tmp_path, articles_copy):
    mapping = articles_copy / "000_seed" / "mapping.yaml"
    mapping.write_text(mapping.read_text().replace("    sentBy: russia\n", ""))
    out = tmp_path / "out"
    done = kg("build", "--no-link", "--articles", articles_copy, "--out", out)
    assert done.returncode == 1
    assert "A delegation needs the state that sends it" in done.stderr
    assert "validation failed for: russian-delegation-damascus; nothing written" in done.stderr
    assert "Traceback" not in done.stderr and not out.exists()


@pytest.mark.slow
def test_build_reports_sentences_no_fact_covers(kg, tmp_path, articles_copy):
    mapping = articles_copy / "000_seed" / "mapping.yaml"
    text = mapping.read_text()
    start = text.index("  message-exchange:")
    end = text.index("  # ---- Al-Sharaa's statements")
    mapping.write_text(text[:start] + text[end:])  # the only fact of that sentence
    done = kg("build", "--no-link", "--articles", articles_copy, "--out", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert "37 of 38 sentences covered" in done.stdout
    assert (
        'sentence is evidence for no fact: "This renewed engagement comes amid a positive exchange of messages between'
        in done.stderr
    )


@pytest.mark.slow
def test_seed_build_covers_every_sentence(kg, tmp_path):
    done = kg("build", "--no-link", "--out", tmp_path / "out")
    assert "38 of 38 sentences covered" in done.stdout and "evidence for no fact" not in done.stderr


def test_build_refuses_an_article_text_outside_its_folder(kg, tmp_path):
    """The issue's reproduction: `text: /etc/passwd` must not land in kg.ttl (exit 2, one line, nothing written)."""
    articles = tmp_path / "articles"
    folder = articles / "a1"
    folder.mkdir(parents=True)
    (folder / "mapping.yaml").write_text(
        "article:\n  slug: mini\n  text: /etc/passwd\n  publisher: pub\n  defaults: {according_to: pub}\n"
        "nodes:\n  pub: {a: NewsPublisher, label: Pub}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    done = kg("build", "--no-link", "--articles", articles, "--out", out)
    assert_one_line_error(done, 2, "mapping.yaml:3: article.text '/etc/passwd' is an absolute path")
    assert not out.exists()


@pytest.fixture(scope="module")
def built_out(tmp_path_factory):
    from .conftest import run_kg

    out = tmp_path_factory.mktemp("cli") / "out"
    done = run_kg("build", "--no-link", "--out", out)
    assert done.returncode == 0, done.stderr
    return out


@pytest.mark.parametrize(
    "args, needle",
    [
        (("--graph", "not an iri"), "--graph 'not an iri' is not an absolute IRI"),
        (("--graph", "relative/path"), "is not an absolute IRI"),
        (("--article", "A B"), "--article 'A B' is not an article slug"),
    ],
)
def test_bad_scope_is_one_line_not_a_traceback(kg, built_out, args, needle):
    assert_one_line_error(kg("query", "cq04-visit", "--out", built_out, *args), 2, needle)
    # the same check before anything is sent to an endpoint
    assert_one_line_error(kg("query", "cq04-visit", "--endpoint", "http://127.0.0.1:1", *args), 2, needle)


@pytest.mark.parametrize("command", [("query", "cq04-visit"), ("push",)])
@pytest.mark.parametrize("value", ["0", "-1", "nan", "inf"])
def test_timeout_must_be_positive(kg, command, value):
    done = kg(*command, "--endpoint", "http://127.0.0.1:1", "--timeout", value)
    assert_one_line_error(done, 2, "--timeout must be a positive number of seconds")


@pytest.mark.parametrize(
    "text, needle",
    [
        ("SELEC ?x WHERE { ?x ?y ?z }", "SPARQL syntax error at 1:"),
        ("SELECT ?x WHERE { ?x ?y ?z } ORDER", "SPARQL syntax error at 1:"),
        ("DELETE WHERE { ?s ?p ?o }", "this is a SPARQL update (DELETE); 'kg query' only reads. Use an update tool"),
        ("# comment\nPREFIX x: <urn:x:>\ninsert data { x:a x:b x:c }", "SPARQL update (INSERT)"),
    ],
)
def test_sparql_looking_text_is_parsed_as_sparql(kg, built_out, text, needle):
    """It used to say "no query file or library query named ..." for a mistyped or update query."""
    assert_one_line_error(kg("query", text, "--out", built_out), 2, needle)


def test_update_in_a_query_file_is_refused(kg, built_out, tmp_path):
    update = tmp_path / "drop.rq"
    update.write_text("DROP ALL\n")
    assert_one_line_error(kg("query", update, "--out", built_out), 2, "SPARQL update (DROP)")


def test_outputs_inside_the_articles_folder_are_refused(kg, articles_copy):
    """Outputs inside --articles would be read as inputs by the next build (issue 24)."""
    for out in (articles_copy, articles_copy / "build"):
        assert_one_line_error(
            kg("build", "--no-link", "--articles", articles_copy, "--out", out), 2, "is inside --articles"
        )
        assert not (articles_copy / "kg.ttl").exists() and not (articles_copy / "build").exists()


def test_a_mapping_that_is_a_folder_is_an_error_not_a_skipped_article(kg, articles_copy, tmp_path):
    mapping = articles_copy / "000_seed" / "mapping.yaml"
    mapping.unlink()
    mapping.mkdir()
    done = kg("build", "--no-link", "--articles", articles_copy, "--out", tmp_path / "out")
    assert_one_line_error(done, 2, "mapping.yaml: is not a file")


def test_export_counts_quads_for_quad_syntaxes(kg, tmp_path):
    """TriG and N-Quads hold each graph's triples; Turtle the union, a triple two graphs state once."""
    counts = {}
    for name in ("x.trig", "x.nq", "x.ttl"):
        done = kg("export", "--no-link", "-o", tmp_path / name)
        assert done.returncode == 0, done.stderr
        counts[name] = done.stdout
    quads = sum(1 for line in (tmp_path / "x.nq").read_text().splitlines() if line.strip())
    assert f"(trig, {quads} quads)" in counts["x.trig"] and f"(nquads, {quads} quads)" in counts["x.nq"]
    assert "triples)" in counts["x.ttl"]


def test_a_timeout_that_is_not_positive_is_refused_for_every_query(kg):
    for value in ("0", "-1"):
        assert_one_line_error(
            kg("query", "cq01-delegation-leader", "--timeout", value), 2, "--timeout must be a positive number"
        )
