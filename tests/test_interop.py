"""What tools other than kg's own make of kg's files: every RDF syntax ``kg export`` writes read by rdflib
and by Oxigraph, and a second SHACL engine, rudof (pyrudof, Rust), on the shapes and on a build.

pySHACL is kg's validator; rudof is another implementation of SHACL Core and SHACL-SPARQL constraints.
Given the ontology in the data graph (sh:class needs its rdfs:subClassOf triples), it gives the findings
``kg validate`` gives, except those of the one shape whose target is SHACL-AF's sh:SPARQLTarget (the
corpus entities), which rudof 0.3.35 does not run (docs/limits.md). Measured by hand as well, outside
the tests: Apache Jena's SHACL 4.5.0 (Debian's libapache-jena-java) gives every finding, and
rdf-validate-shacl 0.6.5 (npm) refuses the file for its sh:sparql but gives the same findings with the
SHACL-SPARQL parts taken out.
"""

import re
import shutil
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD

from kg.core.namespaces import DKG
from kg.core.resources import ONTOLOGY_DIR, SHAPES_DIR

from .conftest import TERMS_DIR, copy_corpus, run_kg

ONTOLOGY = ONTOLOGY_DIR / "diplomacy.ttl"
SHAPES = SHAPES_DIR / "diplomacy-shapes.ttl"
SYNTAXES = {  # kg export's names, rdflib's, pyoxigraph's, and whether the syntax holds named graphs
    "turtle": ("ttl", "turtle", "TURTLE", False),
    "nt": ("nt", "nt", "N_TRIPLES", False),
    "xml": ("rdf", "xml", "RDF_XML", False),
    "trig": ("trig", "trig", "TRIG", True),
    "nquads": ("nq", "nquads", "N_QUADS", True),
    "json-ld": ("jsonld", "json-ld", "JSON_LD", True),
}
SPARQL_TARGETED = {"CorpusEntityShape-label"}  # the property shapes of the node shape with sh:SPARQLTarget


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    """The test corpus and the new-terms article, built offline and exported in every syntax."""
    root = tmp_path_factory.mktemp("interop")
    articles = copy_corpus(root / "articles")
    shutil.copytree(TERMS_DIR / "030_envoy", articles / "030_envoy")
    done = run_kg("build", "--articles", articles, "--out", root / "build", "--offline", "-q")
    assert done.returncode == 0, done.stderr
    for name, (extension, *_rest) in SYNTAXES.items():
        done = run_kg("export", "--build", root / "build", "-f", name, "-o", root / f"kg.{extension}", "-q")
        assert done.returncode == 0, done.stderr
    return root


def _oxigraph(path: Path, syntax: str) -> set[str]:
    import pyoxigraph

    extension, _rdflib, oxigraph, quads = SYNTAXES[syntax]
    with open(path, "rb") as handle:
        parsed = pyoxigraph.parse(handle, format=getattr(pyoxigraph.RdfFormat, oxigraph))
        return {str(q) if quads else str(pyoxigraph.Triple(q.subject, q.predicate, q.object)) for q in parsed}


def _rdflib(path: Path, syntax: str) -> set[str]:
    """What rdflib reads, written out by rdflib as N-Quads (or N-Triples) and read back by Oxigraph, so
    that both libraries' statements are compared in one spelling."""
    import pyoxigraph

    _extension, rdflib_name, _oxigraph, quads = SYNTAXES[syntax]
    data = Dataset() if quads else Graph()
    data.parse(path, format=rdflib_name)
    text = data.serialize(format="nquads" if quads else "nt", encoding="utf-8")
    line_format = pyoxigraph.RdfFormat.N_QUADS if quads else pyoxigraph.RdfFormat.N_TRIPLES
    return {str(q) for q in pyoxigraph.parse(text, format=line_format)}


@pytest.mark.slow
def test_every_syntax_reads_the_same_in_rdflib_and_oxigraph(exported):
    """Each file parses in both libraries to the same statements; the three triple syntaxes hold the
    same triples and the three quad syntaxes the same quads, and the quads' triples are the triples."""
    seen = {}
    for syntax, (extension, *_rest) in SYNTAXES.items():
        path = exported / f"kg.{extension}"
        theirs, ours = _oxigraph(path, syntax), _rdflib(path, syntax)
        assert theirs and theirs == ours, (syntax, sorted(theirs ^ ours)[:3])
        seen[syntax] = theirs
    assert seen["turtle"] == seen["nt"] == seen["xml"]
    assert seen["trig"] == seen["nquads"] == seen["json-ld"]
    triples = {re.sub(r" <[^>]*>$", "", quad) for quad in seen["nquads"]}
    assert triples == seen["nt"]


def _merged(data: Graph, path: Path) -> Path:
    """The data with the ontology in its graph, as an engine without an ontology graph needs it."""
    merged = Graph()
    for graph in (data, Graph().parse(ONTOLOGY)):
        for triple in graph:
            merged.add(triple)
    merged.serialize(path, format="nt", encoding="utf-8")
    return path


def _name(term) -> str | None:
    if term is None:
        return None
    text = str(term)
    if text.startswith("<") and text.endswith(">"):
        return text[1:-1]
    literal = re.fullmatch(r'"(.*)"(?:@[A-Za-z0-9-]+|\^\^\S+)?', text, re.S)
    return literal.group(1) if literal else text


def _key(severity, focus, shape, path, value) -> tuple:
    return (re.split(r"[#:/]", str(severity))[-1], _name(focus), _name(shape), _name(path), _name(value))


def _kg_findings(data_file: Path) -> set[tuple]:
    done = run_kg("validate", "--format", "turtle", data_file)
    assert done.returncode in (0, 1), done.stderr
    report = Graph().parse(data=done.stdout, format="turtle")
    return {
        _key(*(report.value(r, p) for p in (SH.resultSeverity, SH.focusNode, SH.sourceShape, SH.resultPath, SH.value)))
        for r in report.subjects(RDF.type, SH.ValidationResult)
    }


def _rudof_findings(merged: Path, shapes: Path = SHAPES) -> tuple[bool, set[tuple]]:
    pyrudof = pytest.importorskip("pyrudof")
    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    rudof.read_data(str(merged), format=pyrudof.RDFFormat.NTriples)
    rudof.read_shacl(str(shapes))
    report = rudof.validate_shacl()
    found = {_key(e.severity, e.focus_node, e.source_shape, e.path, e.value) for e in report.violations}
    return report.conforms, found


def _broken(data: Graph) -> Graph:
    """The build broken in the ways the shapes check: a class (sh:class through a subclass), a datatype,
    a missing value (sh:minCount), a SPARQL constraint (a span's words), a SPARQL target (two labels)."""
    ENTITY = "https://w3id.org/diplokg/entity/"
    broken = Graph()
    for triple in data:
        broken.add(triple)
    visit = sorted(data.subjects(RDF.type, DKG.DiplomaticVisit))[0]
    broken.add((visit, DKG.destination, sorted(data.subjects(RDF.type, DKG.Person))[0]))
    broken.add((visit, DKG.year, Literal("2019", datatype=XSD.gYear)))
    claim = sorted(data.subjects(DKG.evidence, None))[0]
    broken.remove((claim, DKG.evidence, None))
    span = sorted(data.subjects(URIRef("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf")))[0]
    broken.set((span, URIRef("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf"), Literal("x")))
    entity = sorted(s for s in data.subjects(RDFS.label, None) if str(s).startswith(ENTITY))[0]
    broken.add((entity, RDFS.label, Literal("another name", lang="en")))
    return broken


@pytest.mark.slow
def test_rudof_gives_the_findings_of_kg_validate_but_the_sparql_target(exported, tmp_path):
    data = Graph().parse(exported / "kg.ttl")
    for name, graph in (("built", data), ("broken", _broken(data))):
        graph.serialize(tmp_path / f"{name}.ttl", format="turtle")
        ours = _kg_findings(tmp_path / f"{name}.ttl")
        conforms, theirs = _rudof_findings(_merged(graph, tmp_path / f"{name}.nt"))
        assert theirs == {f for f in ours if f[2].rsplit("#", 1)[-1] not in SPARQL_TARGETED}, name
        assert conforms == (not ours)
    shapes = {f[2].rsplit("#", 1)[-1] for f in ours}
    # the broken graph reaches a class, a datatype, a count, a SPARQL constraint and the SPARQL target
    assert {"DiplomaticVisitShape-destination", "EventShape-year", "SpanTextShape"} <= shapes
    assert "CorpusEntityShape-label" in shapes and len(ours - theirs) == 1


def test_the_shapes_conform_to_shacl_shacl_in_pyshacl_and_rudof(tmp_path):
    """The shapes graph against the W3C's SHACL-SHACL meta-shapes (as pySHACL ships them). The check
    can fail: a property shape with two sh:path values is no SHACL."""
    import pyshacl

    meta = Path(pyshacl.__file__).parent / "assets" / "shacl-shacl.ttl"
    bad = Graph().parse(SHAPES)
    bad.add((URIRef("https://w3id.org/diplokg/shapes#ClaimShape-status"), SH.path, DKG.other))
    bad.serialize(tmp_path / "bad-shapes.ttl", format="turtle")
    for shapes, expected in ((SHAPES, True), (tmp_path / "bad-shapes.ttl", False)):
        conforms, _report, text = pyshacl.validate(Graph().parse(shapes), shacl_graph=Graph().parse(meta))
        assert conforms is expected, text
        pyrudof = pytest.importorskip("pyrudof")
        rudof = pyrudof.Rudof(pyrudof.RudofConfig())
        rudof.read_data(str(shapes))
        rudof.read_shacl(str(meta))
        assert rudof.validate_shacl().conforms is expected
