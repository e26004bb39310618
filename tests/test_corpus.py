"""One graph across articles: shared entities are one node, IRIs are stable, reports of one event are joined."""

import os
import subprocess
import sys

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from kg.build import build, load_corpus
from kg.core.errors import KgError
from kg.core.namespaces import DKG, ENTITIES_GRAPH, SCHEMA, graph_iri

from .conftest import CORPUS_DIR, ROOT, SEED_SLUG, article_folder, copy_corpus, export_build

ENTITY = "https://w3id.org/diplokg/entity/"
SLUGS = ("delegation-arrives-damascus", "lavrov-shaibani-moscow", SEED_SLUG)


def entity_nodes(result) -> set:
    """Every node that stands for an entity: the shared ones, and each article's local ones."""
    nodes = set()
    for graph in result.graphs.values():
        for node in graph.subjects(RDFS.label, None):
            if (node, DKG.statedIn, None) not in graph and (node, RDF.type, DKG.NewsArticle) not in graph:
                nodes.add(node)
    return nodes


def test_shared_entities_are_one_node_each(corpus_build):
    resolution = corpus_build.resolution
    members = {key: sorted(e.members) for key, e in resolution.entities.items()}
    # Syria, Damascus, Lavrov, al-Shibani (three spellings), al-Sharaa, Bogdanov, The Syrian Observer ...
    assert [slug for slug, _ in members["syria"]] == sorted(SLUGS)
    assert [slug for slug, _ in members["asaad-al-shibani"]] == sorted(SLUGS)
    assert members["sergei-lavrov"] == [("lavrov-shaibani-moscow", "lavrov"), (SEED_SLUG, "lavrov")]
    assert members["mikhail-bogdanov"] == [("delegation-arrives-damascus", "bogdanov"), (SEED_SLUG, "bogdanov")]
    entities = corpus_build.graphs[ENTITIES_GRAPH]
    shibani = URIRef(ENTITY + "asaad-al-shibani")
    assert list(entities.objects(shibani, RDFS.label)) == [Literal("Asaad Al-Shibani", lang="en")]
    assert {str(a) for a in entities.objects(shibani, SKOS.altLabel)} == {"Asaad al-Shaibani"}
    for slug in SLUGS:  # every article refers to the one node, and none restates its label
        graph = corpus_build.graphs[graph_iri(slug)]
        assert (None, None, shibani) in graph or (shibani, None, None) in graph
        assert (shibani, RDFS.label, None) not in graph


def test_node_counts_collapse(corpus_build):
    """Mapping nodes that name entities, before (one per article) and after (one per real-world entity)."""
    shared = [e for e in corpus_build.resolution.entities.values() if len({slug for slug, _ in e.members}) > 1]
    # Russia, Syria, Damascus, al-Shibani (3 articles each); al-Sharaa, Bogdanov, Lavrov, The Syrian Observer,
    # Fixture Wire, and the topic "Russian-Syrian relations" of the corpus topic scheme (2)
    assert (sum(len(e.members) for e in shared), len(shared)) == (24, 10)


def test_mentions_stay_in_each_articles_graph(corpus_build):
    damascus = URIRef(ENTITY + "damascus")
    assert (damascus, DKG.mention, None) not in corpus_build.graphs[ENTITIES_GRAPH]
    for slug in SLUGS:
        spans = list(corpus_build.graphs[graph_iri(slug)].objects(damascus, DKG.mention))
        assert spans and all(str(s).startswith(f"https://w3id.org/diplokg/id/{slug}/text#") for s in spans)


def test_adding_an_article_changes_no_existing_iri_and_no_article_graph(tmp_path):
    two = build(copy_corpus(tmp_path / "two", ["000_seed", "010_ministers"]), None)
    three = build(copy_corpus(tmp_path / "three"), None)
    for slug in (SEED_SLUG, "lavrov-shaibani-moscow"):
        assert set(two.graphs[graph_iri(slug)]) == set(three.graphs[graph_iri(slug)])


def test_iris_do_not_depend_on_folder_order(tmp_path):
    corpus = copy_corpus(tmp_path / "c")
    before = build(corpus, None)
    (corpus / "000_seed").rename(corpus / "999_seed")
    (corpus / "010_ministers").rename(corpus / "001_ministers")
    after = build(corpus, None)
    assert {k: set(g) for k, g in before.graphs.items()} == {k: set(g) for k, g in after.graphs.items()}


@pytest.mark.slow
def test_output_is_byte_identical_across_hash_seeds(tmp_path):
    outputs = []
    for seed in ("0", "1", "4242"):
        out = tmp_path / f"out-{seed}"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run(
            [sys.executable, "-m", "kg", "build", "--no-link", "--articles", CORPUS_DIR, "--out", out],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        export_build(out)
        outputs.append(((out / "kg.ttl").read_bytes(), (out / "kg.trig").read_bytes()))
    assert outputs[0] == outputs[1] == outputs[2]
    trig = outputs[0][1].decode()
    order = [
        trig.index(f"<https://w3id.org/diplokg/graph/{name}>")
        for name in ("delegation-arrives-damascus", "entities", "lavrov-shaibani-moscow", SEED_SLUG)
    ]
    assert order == sorted(order)


def write_article(corpus, folder, slug, text, nodes, article_extra=""):
    article_folder(
        corpus / folder,
        text,
        f"""
article:
  slug: {slug}
  publisher: pub
  defaults: {{according_to: pub, reported_by: pub}}
{article_extra}
nodes:
  pub: {{a: NewsPublisher, label: Fixture Wire}}
{nodes}
""",
    )


def test_a_fourth_article_joins_the_corpus_without_code(tmp_path):
    corpus = copy_corpus(tmp_path / "c")
    write_article(
        corpus,
        "030_fourth",
        "fourth",
        "Sergey Lavrov visited Damascus.\n",
        """
  lavrov: {a: Person, label: Sergey Lavrov}
  damascus: {a: City, label: Damascus}
  visit:
    a: DiplomaticVisit
    label: Lavrov in Damascus
    status: happened
    visitor: lavrov
    destination: damascus
    evidence: [Sergey Lavrov visited Damascus.]
""",
    )
    result = build(corpus, None)
    assert result.resolution.shared("fourth", "lavrov").key == "sergei-lavrov"
    assert "Sergey Lavrov" in {
        str(a) for a in result.graphs[ENTITIES_GRAPH].objects(URIRef(ENTITY + "sergei-lavrov"), SKOS.altLabel)
    }


def test_entity_none_keeps_a_namesake_apart(tmp_path):
    corpus = copy_corpus(tmp_path / "c", ["000_seed"])
    write_article(
        corpus,
        "030_namesake",
        "namesake",
        "Mikhail Bogdanov, a footballer, scored.\n",
        """
  bogdanov: {a: Person, label: Mikhail Bogdanov, entity: none}
  goal:
    a: Event
    label: a goal
    status: happened
    evidence: [Mikhail Bogdanov, a footballer, scored.]
""",
    )
    result = build(corpus, None)
    assert result.resolution.shared("namesake", "bogdanov") is None
    assert result.resolution.shared(SEED_SLUG, "bogdanov").key == "mikhail-bogdanov"
    assert (URIRef("https://w3id.org/diplokg/id/namesake/bogdanov"), RDFS.label, None) in result.graphs[
        graph_iri("namesake")
    ]


def test_explicit_entity_joins_a_node_whose_label_differs(tmp_path):
    corpus = copy_corpus(tmp_path / "c", ["000_seed"])
    write_article(
        corpus,
        "030_x",
        "x",
        "The Russian top diplomat spoke.\n",
        """
  minister: {a: Person, label: the Russian top diplomat, entity: sergei-lavrov}
  talk:
    a: Statement
    label: a statement
    status: happened
    speaker: minister
    paraphrase: spoke
    evidence: [The Russian top diplomat spoke.]
""",
    )
    result = build(corpus, None)
    lavrov = URIRef(ENTITY + "sergei-lavrov")
    assert (URIRef("https://w3id.org/diplokg/id/x/talk"), DKG.speaker, lavrov) in result.graphs[graph_iri("x")]


def test_a_mapping_may_name_an_entity_of_the_list_directly(tmp_path):
    corpus = copy_corpus(tmp_path / "c", ["000_seed"])
    write_article(
        corpus,
        "030_x",
        "x",
        "Russia spoke.\n",
        """
  talk:
    a: Statement
    label: a statement
    status: happened
    speaker: russia
    paraphrase: spoke
    evidence: [Russia spoke.]
""",
    )
    result = build(corpus, None)
    assert (URIRef("https://w3id.org/diplokg/id/x/talk"), DKG.speaker, URIRef(ENTITY + "russia")) in result.graphs[
        graph_iri("x")
    ]


@pytest.mark.parametrize(
    "nodes, message",
    [
        ("  p: {a: Person, label: X, entity: nobody}\n", "mapping.yaml:9: unknown entity 'nobody'"),
        (
            "  p: {a: Person, label: X, entity: russia}\n",
            "node 'p' is a Person but entity 'russia' (Country \"Russia\"",
        ),
        ("  c: {a: Event, label: X, status: happened, evidence: [Hello.], entity: russia}\n", "a claim cannot be one"),
        (
            "  v: {a: Event, label: X, status: happened, evidence: [Hello.], same_event_as: nowhere/visit}\n",
            "same_event_as 'nowhere/visit': no article with slug 'nowhere' in this build",
        ),
        (
            "  v: {a: Event, label: X, status: happened, evidence: [Hello.], same_event_as: "
            "russian-delegation-damascus/russia}\n",
            "article 'russian-delegation-damascus' has no claim 'russia'",
        ),
        (
            "  v: {a: Event, label: X, status: happened, evidence: [Hello.], same_event_as: 'not a ref'}\n",
            "'not a ref' is not a claim reference 'article-slug/claim-id'",
        ),
        (
            "  t: {a: Event, label: X, status: happened, evidence: [Hello.], actor: nosuch}\n",
            "unknown node 'nosuch' (not a node of this mapping nor an entity of the entity list)",
        ),
    ],
)
def test_bad_references_are_one_line_errors(tmp_path, kg, nodes, message):
    corpus = copy_corpus(tmp_path / "c", ["000_seed"])
    write_article(corpus, "030_x", "x", "Hello.\n", nodes)
    done = kg("build", "--no-link", "--articles", corpus, "--out", tmp_path / "out")
    assert done.returncode == 2, done.stdout
    assert message in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert not (tmp_path / "out").exists()


def test_an_ambiguous_match_names_both_candidates(tmp_path, kg):
    corpus = copy_corpus(tmp_path / "c", ["000_seed"])
    with open(corpus / "entities.yaml", "a", encoding="utf-8") as handle:
        handle.write("  other-lavrov:\n    a: Person\n    label: S. Lavrov\n    aliases: [Sergei Lavrov]\n")
    done = kg("build", "--no-link", "--articles", corpus, "--out", tmp_path / "out")
    assert done.returncode == 2
    assert "node 'lavrov' matches two entities, 'other-lavrov'" in done.stderr and "and 'sergei-lavrov'" in done.stderr
    assert "entity: ID" in done.stderr


def test_entity_list_errors_name_file_and_line(tmp_path, kg):
    corpus = copy_corpus(tmp_path / "c", ["000_seed"])
    (corpus / "entities.yaml").write_text(
        "entities:\n  russia:\n    a: Country\n    label: Russia\n    country: nowhere\n"
    )
    done = kg("build", "--no-link", "--articles", corpus, "--out", tmp_path / "out")
    assert done.returncode == 2 and "entities.yaml:5: unknown entity 'nowhere'" in done.stderr


def test_the_entities_slug_is_reserved(tmp_path):
    corpus = copy_corpus(tmp_path / "c", ["000_seed"])
    write_article(corpus, "030_x", "entities", "Hello.\n", "")
    with pytest.raises(KgError, match="slug 'entities' is reserved"):
        load_corpus(corpus)


def test_pinned_nodes_of_one_class_are_one_node_without_an_entity_list(tmp_path):
    corpus = copy_corpus(tmp_path / "c", ["000_seed", "010_ministers"])
    (corpus / "entities.yaml").unlink()
    (corpus / "wikidata-pins.yaml").write_text("pins:\n  - match: {label: Syria, a: Country}\n    wikidata: Q858\n")
    result = build(corpus, None)
    syria = result.resolution.shared(SEED_SLUG, "syria")
    assert syria.iri == URIRef(ENTITY + "Q858-Country") and syria.label == "Syria"
    assert result.resolution.shared("lavrov-shaibani-moscow", "syria") is syria
    assert result.resolution.shared(SEED_SLUG, "lavrov") is None  # no list, no pin: local
    assert (syria.iri, SKOS.exactMatch, URIRef("http://www.wikidata.org/entity/Q858")) in result.graphs[ENTITIES_GRAPH]


def test_article_metadata_only_when_given(corpus_build):
    article = URIRef("https://w3id.org/diplokg/id/lavrov-shaibani-moscow")
    graph = corpus_build.graphs[graph_iri("lavrov-shaibani-moscow")]
    assert str(graph.value(article, DCTERMS.issued)) == "2031-02-04"
    assert graph.value(article, SCHEMA.url) == URIRef("https://fixture-wire.example/lavrov-shaibani-moscow")
    assert str(graph.value(article, DCTERMS.title)) == "Lavrov and Al-Shaibani Talk in Moscow"
    arrival = URIRef("https://w3id.org/diplokg/id/delegation-arrives-damascus")
    original = corpus_build.graphs[graph_iri("delegation-arrives-damascus")].value(arrival, SCHEMA.translationOfWork)
    assert original is not None
    seed = corpus_build.graphs[graph_iri(SEED_SLUG)]
    for prop in (DCTERMS.issued, SCHEMA.url, DCTERMS.creator, SCHEMA.translationOfWork):
        assert (None, prop, None) not in seed, prop


def test_build_one_article_keeps_the_corpus(tmp_path, kg):
    out = tmp_path / "out"
    done = kg("build", "lavrov-shaibani-moscow", "--no-link", "--articles", CORPUS_DIR, "--out", out)
    assert done.returncode == 0, done.stderr
    assert "lavrov-shaibani-moscow:" in done.stdout and SEED_SLUG + ":" not in done.stdout
    trig = (export_build(out) / "kg.trig").read_text()
    for slug in SLUGS:
        assert f"<https://w3id.org/diplokg/graph/{slug}>" in trig


def test_export_of_one_article_carries_the_entities_it_refers_to(tmp_path, kg):
    done = kg(
        "export", "--article", "delegation-arrives-damascus", "--format", "trig", "--no-link", "--articles", CORPUS_DIR
    )
    assert done.returncode == 0, done.stderr
    assert "<https://w3id.org/diplokg/graph/entities>" in done.stdout
    assert "entity/damascus" in done.stdout and "entity/sergei-lavrov" not in done.stdout


def test_two_nodes_of_one_mapping_are_never_one_entity_unseen(tmp_path):
    """Two nodes of one mapping that both resolve to one corpus entity would merge their facts silently;
    the build names both, at the second one's line (issue 24)."""
    corpus = copy_corpus(tmp_path / "c", ["000_seed"])
    write_article(
        corpus,
        "030_twice",
        "twice",
        "Sergey Lavrov met Sergei Lavrov.\n",
        """
  a: {a: Person, label: Sergey Lavrov}
  b: {a: Person, label: Sergei Lavrov}
""",
    )
    with pytest.raises(KgError) as info:
        build(corpus, None)
    message = str(info.value)
    assert (
        "030_twice/mapping.yaml:" in message
        and "nodes 'a' and 'b' are both the corpus entity 'sergei-lavrov'" in message
    )
