"""kg site: the static site of the built graph, read back as HTML.

Two graphs: the seed article compiled by the real CLI into a temporary folder, and a small hand-written
TriG in the corpus shape (tests/data/site-corpus.trig: two articles sharing entities of the entity graph,
one text holding ``<script>``).
"""

import hashlib
import os
import random
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pyoxigraph as ox
import pytest

from .conftest import ROOT, SEED_DIR, export_build, run_kg
from .site_html import Page, read

CORPUS = Path(__file__).parent / "data" / "site-corpus.trig"
SEED_PAGE = "id/russian-delegation-damascus.html"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
DKG = "https://w3id.org/diplokg/ontology#"


def seed_articles(target: Path) -> Path:
    """A copy of the seed article folder (and the corpus-level files beside it, such as the pins)."""
    target.mkdir(parents=True)
    shutil.copytree(SEED_DIR, target / SEED_DIR.name)
    for extra in sorted(SEED_DIR.parent.glob("*.yaml")):
        shutil.copy(extra, target / extra.name)
    return target


def seed_site(tmp: Path) -> dict:
    """The seed compiled by ``kg build --offline`` and its site written by ``kg site``, as a user does."""
    articles = seed_articles(tmp / "articles")
    build = tmp / "build"
    done = run_kg("build", "--offline", "--articles", articles, "--out", build, "--cache-dir", tmp / "cache")
    assert done.returncode == 0, done.stderr
    site = tmp / "site"
    done = run_kg("site", "--build", build, "--articles", articles, "--out", site)
    assert done.returncode == 0, done.stderr
    assert f"wrote {site}" in done.stdout
    export_build(build)  # kg.trig, for the tests that read the graph beside the pages
    return {"build": build, "articles": articles, "site": site, "trig": build / "kg.trig"}


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    return seed_site(tmp_path_factory.mktemp("seed-site"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    from kg.render import build_site

    out = tmp_path_factory.mktemp("corpus-site") / "site"
    result = build_site(CORPUS, out)
    assert (result.articles, result.claims, result.entities) == (2, 8, 7)
    return out


def evidence_pairs(trig: Path):
    """(claim, begin, end, quote) for every evidence span, read straight from the TriG."""
    store = ox.Store()
    store.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)
    rows = store.query(f"""SELECT ?claim ?b ?e ?text WHERE {{ GRAPH ?g {{ ?claim <{DKG}evidence> ?s }}
        GRAPH ?h {{ ?s <{NIF}beginIndex> ?b ; <{NIF}endIndex> ?e ; <{NIF}anchorOf> ?text }} }}""")
    return sorted({(r["claim"].value, int(r["b"].value), int(r["e"].value), r["text"].value) for r in rows})


def facts(page: Page, within=None) -> dict[str, str]:
    """The dt -> dd pairs of a page (or of one element of it), texts with spaces normalised."""

    def inside(e):
        while e is not None:
            if e is within:
                return True
            e = e.parent
        return within is None

    out, key = {}, None
    for e in page.elements:
        if e.tag == "dt" and inside(e):
            key = " ".join(e.content.split())
        elif e.tag == "dd" and key is not None and inside(e):
            out[key] = " ".join(e.content.split())
            key = None
    return out


def table_rows(page: Page) -> list[list[str]]:
    rows = []
    for tr in page.find("tr"):
        rows.append([" ".join(td.content.split()) for td in page.elements if td.tag == "td" and td.parent is tr])
    return rows


# -- the article page ---------------------------------------------------------------------------------


def check_every_span_is_marked(page: Page, pairs):
    fragments = {}
    firsts = {}
    for mark in page.find("mark"):
        if "data-claim" not in mark.attrs:
            continue
        key = (mark.attrs["data-claim"], mark.attrs["data-span"])
        fragments.setdefault(key, []).append(mark.content)
        if mark.attrs.get("tabindex") == "0":
            firsts.setdefault(key, []).append(mark)
    cards = {e.attrs["data-claim-card"]: e for e in page.find() if "data-claim-card" in e.attrs}
    ids = page.ids()
    for claim, begin, end, quote in pairs:
        key = (claim, f"{begin},{end}")
        assert key in fragments, f"no element for {claim} at {begin},{end}"
        assert "".join(fragments[key]).replace("\n", "") == quote.replace("\n", "")
        assert len(firsts[key]) == 1, key  # one tab stop per span, however many fragments
        first = firsts[key][0]
        described = first.attrs["aria-describedby"]
        assert described in ids and cards[claim].attrs["id"] == described
        assert f"char={begin},{end}" in ids
    assert len(fragments) == len({(c, f"{b},{e}") for c, b, e, _ in pairs})


def test_every_evidence_span_of_the_seed_is_an_element_with_its_claim(seed):
    page = read(seed["site"] / SEED_PAGE)
    assert not page.errors
    pairs = evidence_pairs(seed["trig"])
    assert len(pairs) == 70
    check_every_span_is_marked(page, pairs)
    # the seed has spans that cross (225-264 and 248-298) and spans that two claims share
    crossing = [m for m in page.find("mark") if m.attrs.get("data-span") == "248,298"]
    assert len(crossing) >= 2 and sum(1 for m in crossing if m.attrs.get("tabindex") == "0") == 1


def test_status_is_text_and_pattern_as_well_as_colour(seed):
    page = read(seed["site"] / SEED_PAGE)
    css = (seed["site"] / "assets" / "site.css").read_text()
    cards = {e.attrs["data-claim-card"]: e.content for e in page.find() if "data-claim-card" in e.attrs}
    statuses = {m.attrs["data-status"] for m in page.find("mark") if "data-claim" in m.attrs}
    assert {
        "planned",
        "expected",
        "possible",
        "happened",
        "ongoing",
        "cancelled",
        "not-happened",
        "in-force",
    } <= statuses
    words = {"not-happened": "not happened", "in-force": "in force"}
    for mark in page.find("mark"):
        if "data-claim" in mark.attrs:
            status = mark.attrs["data-status"]
            assert f"st-{status}" in mark.attrs["class"]
            assert words.get(status, status) in cards[mark.attrs["data-claim"]]  # the card says it in words
    symbols = {}
    for status in statuses:  # each status has its own symbol, and an underline pattern or hatching
        symbols[status] = re.search(
            rf"\.st-{status}\.first::before[^{{]*\{{ content: \"([^\"]+)\" / \"\"; \}}", css
        ).group(1)
        rule = re.search(rf"\.st-{status} \{{([^}}]*)\}}", css).group(1)
        assert "border-bottom-style" in rule or "repeating-linear-gradient" in rule
    assert len(set(symbols.values())) == len(symbols)


def test_article_page_shows_attribution_and_editorial_notes(seed):
    page = read(seed["site"] / SEED_PAGE)
    text = " ".join(e.content for e in page.find("dl"))
    assert (
        "reported by Asharq Al-Awsat → translated by The Syrian Observer → published by The Syrian Observer"
        in " ".join(text.split())
    )
    assert "not verified by the publisher" in " ".join(text.split())
    notes = " ".join(e.content for e in page.find("ul", **{"class": "plain notes"}))
    assert "The Syrian Observer has not verified the content of this story." in notes
    side = page.find("aside")[0]
    assert "Claims (65)" in side.content and "Diplomatic visit (1)" in side.content


def test_landmarks_headings_and_language(seed, corpus):
    for site in (seed["site"], corpus):
        for path in sorted(site.rglob("*.html")):
            source = path.read_text()
            page = Page(source)
            assert not page.errors, (path, page.errors)
            assert source.startswith('<!DOCTYPE html>\n<html lang="en">')
            assert len(page.find("h1")) == 1, path
            assert len(page.find("main")) == 1 and page.find("nav") and page.find("footer"), path
            levels = [int(e.tag[1]) for e in page.elements if re.fullmatch(r"h[1-6]", e.tag)]
            assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), (path, levels)


# -- links, escaping, the corpus shape --------------------------------------------------------------------


def check_links(site: Path) -> int:
    checked = 0
    ids = {}
    for path in sorted(site.rglob("*.html")):
        page = read(path)
        for element in page.elements:
            for attr in ("href", "src"):
                target = element.attrs.get(attr)
                if target is None:
                    continue
                if element.tag in ("script", "link", "img") and attr in ("src", "href"):
                    assert not urlsplit(target).scheme or target.startswith("data:"), (
                        path,
                        target,
                    )  # nothing loaded from the network
                if urlsplit(target).scheme:
                    continue
                file_part, _, fragment = target.partition("#")
                resolved = (path.parent / unquote(file_part)).resolve() if file_part else path.resolve()
                assert resolved.is_file(), (path, target)
                assert site.resolve() in resolved.parents, (path, target)
                if fragment:
                    if resolved not in ids:
                        ids[resolved] = read(resolved).ids()
                    assert unquote(fragment) in ids[resolved], (path, target)
                checked += 1
    return checked


def test_every_internal_link_resolves(seed, corpus):
    assert check_links(seed["site"]) > 2000
    assert check_links(corpus) > 100


def test_text_from_the_graph_is_escaped(corpus):
    article = (corpus / "id" / "alpha.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article
    assert "Firefly &lt;b&gt;to visit&lt;/b&gt; Fredville" in article
    for path in sorted(corpus.rglob("*.html")):
        source = path.read_text()
        scripts = re.findall(r"<script[^>]*>", source)
        assert all(re.fullmatch(r'<script src="(\.\./)*assets/site\.js">', s) for s in scripts), (path, scripts)
        assert "<b>" not in source
    page = read(corpus / "id" / "alpha.html")
    script_claim = page.find("mark", data_claim="https://w3id.org/diplokg/id/alpha/script")[0]
    assert script_claim.content == "<script>alert(1)</script>"  # the reader sees the text as written
    for slug in ("alpha", "beta"):
        pairs = [p for p in evidence_pairs(CORPUS) if p[0].startswith(f"https://w3id.org/diplokg/id/{slug}/")]
        check_every_span_is_marked(read(corpus / "id" / f"{slug}.html"), pairs)


def test_corpus_entities_gather_claims_and_articles_across_articles(corpus):
    firefly = read(corpus / "entity" / "firefly.html")
    content = " ".join(firefly.find("main")[0].content.split())
    assert "Claims about it (4)" in content  # visit, said, script (alpha) and visit (beta) name him
    for claim in (
        "visit of Firefly to Fredville",
        "Firefly's visit to Fredville (as the Journal reports it)",
        "Firefly's <script> statement",
    ):
        assert claim in content
    assert "Articles (2)" in content
    assert "named as “Rufus T. Firefly”, “Firefly”" in content
    about = facts(firefly)
    assert about["Also called"] == "Firefly" and about["Class"] == "person"
    assert about["Wikidata"].startswith("not linked: no confident match")
    assert facts(read(corpus / "entity" / "sylvania.html"))["Wikidata"].startswith("not linked")
    assert (
        len([r for r in table_rows(firefly) if r and r[0] == "Firefly's <script> statement"]) == 2
    )  # holder... and source

    fredville = read(corpus / "entity" / "fredville.html")
    about = facts(fredville)
    assert about["Coordinates"].startswith("20.2500, 10.5000") and about["Wikidata"].startswith("wd:Q999999002")
    assert fredville.find("svg", role="img")
    assert "https://www.wikidata.org/wiki/Q999999002" in (corpus / "entity" / "fredville.html").read_text()

    beta = read(corpus / "id" / "beta.html")
    text = " ".join(beta.find("main")[0].content.split())
    assert "reported by Le Journal → translated by The Courier → published by The Courier" in text
    assert "not verified by the publisher" in text
    assert "Firefly à Fredville" in text  # the original work it translates
    assert "This article was translated by the Courier." in text and "Editorial notes" in text
    alpha = " ".join(read(corpus / "id" / "alpha.html").find("main")[0].content.split())
    assert "verified by the publisher" in alpha and "not verified" not in alpha

    same = read(corpus / "id" / "beta" / "visit.html")
    assert any(a.attrs.get("href") == "../alpha/visit.html" for a in same.find("a"))  # a claim in the other article
    assert ["same event as", "visit of Firefly to Fredville"] in table_rows(same)  # labelled from the ontology

    index = " ".join(read(corpus / "index.html").find("main")[0].content.split())
    assert "2 articles, 8 claims, 7 entities" in index
    assert "3 of 3 sentences" in index and "no sentence segmentation" in index
    rows = {r[0]: r for r in table_rows(read(corpus / "index.html")) if r}
    assert rows["Rufus T. Firefly"] == ["Rufus T. Firefly", "person", "not linked", "2", "4"]
    assert rows["Freedonia"][2:] == ["wd:Q999999001", "0", "0"]


def test_claim_page_has_a_table_and_turtle_that_parses_to_the_claim(seed):
    store = ox.Store()
    store.bulk_load(path=str(seed["trig"]), format=ox.RdfFormat.TRIG)
    claim = "https://w3id.org/diplokg/id/russian-delegation-damascus/visit"
    expected = {(q.predicate, q.object) for q in store.quads_for_pattern(ox.NamedNode(claim), None, None, None)}
    page = read(seed["site"] / "id" / "russian-delegation-damascus" / "visit.html")
    turtle = next(e for e in page.find("code") if e.parent.tag == "pre").content
    parsed = {(t.predicate, t.object) for t in ox.parse(turtle.encode(), format=ox.RdfFormat.TURTLE)}
    assert parsed == expected
    rows = page.find("table")[0]
    assert "destination" in rows.content and "Damascus" in rows.content and "in the near future" in rows.content


def test_ontology_page_documents_every_class_and_property(seed):
    from rdflib import Graph
    from rdflib.namespace import OWL, RDF, RDFS

    ontology = Graph().parse(ROOT / "ontology" / "diplomacy.ttl")
    page = read(seed["site"] / "ontology.html")
    sections = {e.attrs["id"]: e for e in page.find("section") if "term" in e.attrs.get("class", "")}
    terms = [
        t
        for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for t in ontology.subjects(RDF.type, kind)
        if str(t).startswith(DKG)
    ]
    assert len(terms) > 100
    from kg.render.links import curie

    for term in terms:
        section = sections[str(term)[len(DKG) :]]
        text = " ".join(section.content.split())
        assert (
            str(ontology.value(term, RDFS.label)) in text.lower() or str(ontology.value(term, RDFS.label))[1:] in text
        )
        assert str(ontology.value(term, RDFS.comment)) in text
        about = facts(page, section)
        for sup in ontology.objects(term, RDFS.subClassOf):
            shown = str(ontology.value(sup, RDFS.label)) if str(sup).startswith(DKG) else curie(str(sup))
            assert shown in about["Superclasses"], (term, sup)
        for rng in ontology.objects(term, RDFS.range):
            shown = str(ontology.value(rng, RDFS.label)) if str(rng).startswith(DKG) else curie(str(rng))
            assert shown in about["Range"], (term, rng)
    talks = facts(page, sections["Talks"])
    assert talks["Superclasses"] == "event" and talks["Close match"] == "cameo:046"
    assert facts(page, sections["Person"])["Exact match"] == "wd:Q5"
    status = facts(page, sections["status"])
    assert status["Domain"] == "claim" and status["Range"] == "status" and "functional" in status["Kind"]


def test_graph_picture_is_svg_with_a_node_per_claim_and_entity(seed):
    page = read(seed["site"] / "graph" / "russian-delegation-damascus.html")
    svg = page.find("svg")[0]
    nodes = [e for e in page.elements if e.tag == "a" and e.parent is svg]
    # the seed's 65 claims and the 45 entities they name: 24 of its own and 21 corpus entities (12 from the
    # entity list, 9 concepts of the corpus topic scheme). Since ontology 0.3.0 (issue 9) the seed's ten local
    # topics are nine concepts of the scheme: "future relations between Russia and Syria" and "Russian-Syrian
    # strategic partnership" are both the concept "Russian-Syrian relations", one entity where there were two
    assert len(nodes) == 65 + 45 and all(
        n.attrs["href"].startswith(("../id/russian-delegation-damascus", "../entity/")) for n in nodes
    )
    entities = [n for n in nodes if "entity" in n.attrs.get("class", "").split()]
    assert len(entities) == 45 and sum(n.attrs["href"].startswith("../entity/") for n in entities) == 21
    relations = [n for n in entities if n.attrs["href"] == "../entity/russian-syrian-relations.html"]
    assert len(relations) == 1 and "Russian-Syrian relations · topic" in relations[0].content
    assert len([e for e in page.elements if e.tag == "path" and "edge" in e.attrs.get("class", "")]) > 100
    assert "visitor" in svg.content and "destination" in svg.content


# -- determinism, atomic replacement, the command ----------------------------------------------------


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.slow
def test_same_graph_gives_the_same_bytes_whatever_the_hash_seed(seed, tmp_path):
    outs = []
    for hash_seed in ("1", "2"):
        out = tmp_path / f"site-{hash_seed}"
        done = run_kg(
            "site",
            "--build",
            seed["build"],
            "--articles",
            seed["articles"],
            "--out",
            out,
            env={"PYTHONHASHSEED": hash_seed},
        )
        assert done.returncode == 0, done.stderr
        outs.append(digest(out))
    assert outs[0] == outs[1] == digest(seed["site"])
    corpus_digests = set()
    for hash_seed in ("3", "4"):
        out = tmp_path / f"corpus-{hash_seed}"
        done = subprocess.run(
            [sys.executable, "-c", f"from kg.render import build_site; build_site({str(CORPUS)!r}, {str(out)!r})"],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        corpus_digests.add(tuple(sorted(digest(out).items())))
    assert len(corpus_digests) == 1


def test_site_replaces_its_folder_whole_and_refuses_other_folders(seed, tmp_path):
    from kg.core.errors import KgError
    from kg.render import build_site

    out = tmp_path / "site"
    build_site(seed["trig"], out)
    (out / "stray.html").write_text("left over")
    build_site(CORPUS, out)
    assert not (out / "stray.html").exists() and (out / "id" / "alpha.html").is_file()
    assert not (out / SEED_PAGE).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no temporary folder left beside it

    before = digest(out)
    bad = tmp_path / "bad.trig"
    bad.write_text("this is not TriG {")
    with pytest.raises(KgError, match="cannot load"):
        build_site(bad, out)
    assert digest(out) == before

    other = tmp_path / "notes"
    other.mkdir()
    (other / "mine.txt").write_text("keep me")
    with pytest.raises(KgError, match="not written by 'kg site'"):
        build_site(CORPUS, other)
    assert sorted(p.name for p in other.iterdir()) == ["mine.txt"]


def test_site_respects_the_umask(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sys; os.umask(0o027); from kg.render import build_site; "
            f"build_site({str(CORPUS)!r}, {str(tmp_path / 'site')!r})",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site").stat().st_mode & 0o777 == 0o750
    assert (tmp_path / "site" / "index.html").stat().st_mode & 0o777 == 0o640


def test_kg_site_builds_first_when_there_is_no_build(tmp_path):
    articles = seed_articles(tmp_path / "articles")
    done = run_kg("site", "--build", tmp_path / "build", "--articles", articles)
    assert done.returncode == 0, done.stderr
    assert "rebuilding" in done.stderr
    assert (tmp_path / "build" / "site" / SEED_PAGE).is_file()


def test_kg_site_errors_are_one_line(tmp_path):
    done = run_kg("site", "--build", tmp_path / "none", "--articles", tmp_path / "none")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().count("\n") == 0 and "run 'kg build' first" in done.stderr


def test_kg_site_serve(seed, tmp_path):
    out = tmp_path / "served"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kg",
            "site",
            "--build",
            str(seed["build"]),
            "--articles",
            str(seed["articles"]),
            "--out",
            str(out),
            "--serve",
            "--port",
            "0",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = None
        deadline = time.monotonic() + 60
        while url is None and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            match = re.search(r"at (http://127\.0\.0\.1:\d+/)", line)
            url = match.group(1) if match else None
        assert url, proc.stderr.read() if proc.poll() is not None else "no address printed"
        with urllib.request.urlopen(url + SEED_PAGE, timeout=10) as response:
            body = response.read().decode()
        assert (
            response.status == 200
            and 'data-claim="https://w3id.org/diplokg/id/russian-delegation-damascus/visit"' in body
        )
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        proc.stdout.close()
        proc.stderr.close()


# -- the pieces -----------------------------------------------------------------------------------------


def test_overlapping_ranges_become_balanced_elements_that_keep_every_span():
    from kg.render import markup

    rng = random.Random(13)
    for case in range(300):
        text = "".join(rng.choice('ab \n<&"') for _ in range(rng.randint(1, 40)))
        ranges = []
        for i in range(rng.randint(0, 8)):
            b = rng.randrange(len(text))
            e = rng.randint(b + 1, len(text))
            ranges.append(
                markup.Range(
                    b,
                    e,
                    "mark",
                    attrs=(("data-r", str(i)),),
                    first_attrs=(("id", f"r{i}"),),
                    depth_class=True,
                    key=str(i),
                )
            )
        blocks = [markup.Block(b, e) for b, e in markup.lines(text)]
        page = Page("<div>" + markup.render(text, ranges, blocks) + "</div>")
        assert not page.errors, (case, text, ranges)
        assert page.find("div")[0].content == "".join(line + "\n" for line in text.split("\n") if line)
        for i, r in enumerate(ranges):
            fragments = page.find("mark", data_r=str(i))
            expected = text[r.begin : r.end].replace("\n", "")
            assert "".join(f.content for f in fragments) == expected, (case, text, r)
            if expected:
                assert len([f for f in fragments if f.attrs.get("id") == f"r{i}"]) == 1


def test_page_paths_mirror_the_iris():
    from kg.render.links import page_path, relative

    assert page_path("https://w3id.org/diplokg/id/alpha") == "id/alpha.html"
    assert page_path("https://w3id.org/diplokg/id/alpha/visit") == "id/alpha/visit.html"
    assert page_path("https://w3id.org/diplokg/entity/russia") == "entity/russia.html"
    assert page_path("https://w3id.org/diplokg/graph/alpha") == "graph/alpha.html"
    assert page_path("https://w3id.org/diplokg/ontology") == "ontology.html"
    for odd in (
        "https://w3id.org/diplokg/id/../x",
        "https://w3id.org/diplokg/id/a b",
        "http://example.org/x",
        "https://w3id.org/diplokg/index",
        "https://w3id.org/diplokg/assets/site",
    ):
        assert re.fullmatch(r"x/[0-9a-f]{20}\.html", page_path(odd)), odd
    assert relative("entity/russia.html", "id/alpha/visit.html") == "../../entity/russia.html"
    assert relative("id/alpha.html#char=0,5", "id/alpha.html") == "alpha.html#char=0,5"


def test_site_vocabulary_matches_the_package_namespaces():
    from kg.core import namespaces
    from kg.rdf.ontology_graph import ONTOLOGY_GRAPH
    from kg.render import vocab

    assert vocab.DKG == str(namespaces.DKG) and vocab.ONTOLOGY_IRI == str(namespaces.ONTOLOGY_IRI) == ONTOLOGY_GRAPH
    assert vocab.GRAPH == str(namespaces.GRAPH) and vocab.NIF == str(namespaces.NIF)
    for prefix, namespace in namespaces.PREFIXES.items():
        assert vocab.PREFIXES[prefix] == str(namespace), prefix


def test_site_reads_a_store_as_well_as_a_file(seed):
    from kg.render import render_site

    store = ox.Store()
    store.bulk_load(path=str(seed["trig"]), format=ox.RdfFormat.TRIG)
    from_store = render_site(store)
    assert from_store == render_site(seed["trig"])
    assert len(store) == len(list(ox.parse(path=str(seed["trig"]), format=ox.RdfFormat.TRIG)))  # left untouched


def test_readme_shows_the_article_page():
    readme = (ROOT / "README.md").read_text()
    assert "](docs/site-article.png)" in readme
    assert (ROOT / "docs" / "site-article.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_site_and_the_linker_agree_on_what_is_linked():
    """The site explains a missing link with the linker's own rules, kept as strings (no rdflib there)."""
    from kg.link import linker
    from kg.render.pages import entity

    assert set(entity.LINKED) == {str(c) for c in linker.LINKABLE}
    assert set(entity.NEVER_LINKED) == {str(c) for c in linker.NEVER}
    assert set(entity.DESCRIPTIONS) == {str(c) for c in linker.DESCRIPTIONS}
