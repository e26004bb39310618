"""What independent tools say of a build's output (issue 24): the OWL API's OWL 2 DL profile checker,
HermiT and Pellet (all from the owlready2 wheel, run on the machine's Java), pySHACL's command line, and
what NIF 2.0 expects of spans and sentences.

The build is the test corpus with the new-terms article beside it, so that a year, dkg:unstated and every
other 0.3.0 term are in the data, linked offline from the curated pins (skos:exactMatch, dkg:linkScore).
The Java tests skip only where there is no ``java``; CI installs it.
"""

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS, XSD

from kg.core.namespaces import DKG, ENTITY, NIF
from kg.core.resources import ONTOLOGY_DIR, SHAPES_DIR

from .conftest import TERMS_DIR, copy_corpus, export_build, run_kg

ONTOLOGY = ONTOLOGY_DIR / "diplomacy.ttl"
SHAPES = SHAPES_DIR / "diplomacy-shapes.ttl"
ONTOLOGY_IRI = "https://w3id.org/diplokg/ontology"
DATA_IRI = URIRef("https://w3id.org/diplokg/data")
JAVA = shutil.which("java")
needs_java = pytest.mark.skipif(JAVA is None, reason="no java on PATH (CI installs default-jre-headless)")

# The datatypes of the OWL 2 datatype map (OWL 2 Structural Specification, section 4), with rdfs:Literal
OWL2_DATATYPES = {
    RDFS.Literal,
    RDF.PlainLiteral,
    RDF.XMLLiteral,
    OWL.real,
    OWL.rational,
    *(
        XSD[name]
        for name in (
            "decimal integer nonNegativeInteger nonPositiveInteger positiveInteger negativeInteger long int "
            "short byte unsignedLong unsignedInt unsignedShort unsignedByte double float string "
            "normalizedString token language Name NCName NMTOKEN boolean hexBinary base64Binary anyURI "
            "dateTime dateTimeStamp"
        ).split()
    ),
}

# The OWL API's OWL 2 DL profile checker (org.semanticweb.owlapi.profiles.OWL2DLProfile), called through
# JPype. The data's owl:imports of the ontology is answered from the shipped file, never the network.
PROFILE_CHECK = """
import glob, json, os, sys
import jpype, jpype.imports
import owlready2
java = os.path.realpath(sys.argv[1])
jvm = os.path.join(os.path.dirname(os.path.dirname(java)), "lib", "server", "libjvm.so")
jars = glob.glob(os.path.join(os.path.dirname(owlready2.__file__), "pellet", "owlapi-*.jar"))
jpype.startJVM(jvm, classpath=jars)
from java.io import File
from org.semanticweb.owlapi.apibinding import OWLManager
from org.semanticweb.owlapi.model import IRI
from org.semanticweb.owlapi.profiles import OWL2DLProfile
from org.semanticweb.owlapi.util import SimpleIRIMapper
answers = {}
for path in sys.argv[3:]:
    manager = OWLManager.createOWLOntologyManager()
    manager.addIRIMapper(SimpleIRIMapper(IRI.create(sys.argv[2]), IRI.create(File(os.environ["KG_ONTOLOGY"]))))
    ontology = manager.loadOntologyFromOntologyDocument(File(path))
    answers[path] = {
        "imports": sorted(str(o.getOntologyID().getOntologyIRI()) for o in manager.getImportsClosure(ontology)),
        "violations": [str(v) for v in OWL2DLProfile().checkOntology(ontology).getViolations()],
    }
print(json.dumps(answers))
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The build folder of the test corpus and the new-terms article, built with the CLI."""
    # offline: links come from the pins alone, and a missing one is never asked of Wikidata
    root = tmp_path_factory.mktemp("standards")
    articles = copy_corpus(root / "articles")
    shutil.copytree(TERMS_DIR / "030_envoy", articles / "030_envoy")
    done = run_kg("build", "--articles", articles, "--out", root / "build", "--offline", "-q")
    assert done.returncode == 0, done.stderr
    return export_build(root / "build")


@pytest.fixture(scope="module")
def data(built) -> Graph:
    graph = Graph()
    graph.parse(built / "kg.ttl", format="turtle")
    return graph


def _profile(*paths: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", PROFILE_CHECK, str(JAVA), ONTOLOGY_IRI, *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "KG_ONTOLOGY": str(ONTOLOGY)},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@needs_java
def test_owl2_dl_profile_of_the_ontology_and_the_data(built, tmp_path):
    """kg.ttl alone imports the ontology (its header), and the two pass the OWL 2 DL profile check. A
    term no vocabulary declares is a violation: the check can fail."""
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        f"<{DATA_IRI}> a <{OWL.Ontology}> ; <{OWL.imports}> <{ONTOLOGY_IRI}> .\n"
        "<https://example.org/x> a <https://example.org/Undeclared> .\n"
    )
    answers = _profile(ONTOLOGY, built / "kg.ttl", bad)
    assert answers[str(ONTOLOGY)]["violations"] == []
    assert answers[str(built / "kg.ttl")]["imports"] == [str(DATA_IRI), ONTOLOGY_IRI]
    assert answers[str(built / "kg.ttl")]["violations"] == []
    assert any("Undeclared" in v for v in answers[str(bad)]["violations"])


def test_every_datatype_is_in_the_owl2_datatype_map(data):
    """xsd:gYear (a year before ontology 0.4.0) and xsd:date are outside the map; HermiT refuses them. A
    date stays allowed as the value of an annotation property (dcterms:issued), which OWL reasoners skip."""
    ontology = Graph().parse(ONTOLOGY)
    annotations = set(ontology.subjects(RDF.type, OWL.AnnotationProperty)) | {RDFS.label, RDFS.comment}
    ranges = {o for p, o in ontology.subject_objects(RDFS.range) if (p, RDF.type, OWL.DatatypeProperty) in ontology}
    assert XSD.integer in ranges and ranges <= OWL2_DATATYPES, ranges - OWL2_DATATYPES
    used = {o.datatype for _s, p, o in data if isinstance(o, Literal) and o.datatype and p not in annotations}
    assert used and used <= OWL2_DATATYPES, used - OWL2_DATATYPES
    years = list(data.objects(None, DKG.year)) + list(data.objects(None, DKG.yearSigned))
    assert years and all(year.datatype == XSD.integer for year in years)
    assert {score.datatype for score in data.objects(None, DKG.linkScore)} == {XSD.decimal}  # links are in


def _reason(reasoner: str, data: Graph) -> tuple[bool, list[str]]:
    """Ontology plus data (the import made by hand: owlready2 would fetch it) through owlready2's
    HermiT or Pellet: consistent?, and the unsatisfiable classes."""
    owlready2 = pytest.importorskip("owlready2")
    graph = Graph().parse(ONTOLOGY)
    for triple in data:
        graph.add(triple)
    graph.remove((None, OWL.imports, None))
    owlready2.JAVA_EXE = JAVA
    world = owlready2.World()
    onto = world.get_ontology(str(DATA_IRI)).load(
        fileobj=io.BytesIO(graph.serialize(format="nt", encoding="utf-8")), format="ntriples"
    )
    run = owlready2.sync_reasoner_hermit if reasoner == "hermit" else owlready2.sync_reasoner_pellet
    try:
        with onto:
            run(world, infer_property_values=False, debug=0)
        return True, [str(c) for c in world.inconsistent_classes()]
    except owlready2.OwlReadyInconsistentOntologyError:
        return False, []
    finally:
        world.close()


@needs_java
@pytest.mark.parametrize("reasoner", ["hermit", "pellet"])
def test_reasoners_find_ontology_and_data_consistent(reasoner, data):
    assert _reason(reasoner, data) == (True, [])


@needs_java
@pytest.mark.parametrize("reasoner", ["hermit", "pellet"])
def test_reasoners_find_a_person_who_is_an_organisation(reasoner, data):
    """The consistency test can fail: dkg:Person and dkg:Organization are disjoint."""
    broken = Graph()
    for triple in data:
        broken.add(triple)
    someone = next(data.subjects(RDF.type, DKG.Person))
    broken.add((someone, RDF.type, DKG.Organization))
    assert _reason(reasoner, broken)[0] is False


def _findings(report: str) -> set[tuple]:
    graph = Graph().parse(data=report, format="turtle")
    found = set()
    for result in graph.subjects(RDF.type, SH.ValidationResult):
        found.add(
            tuple(
                str(graph.value(result, p))
                for p in (SH.resultSeverity, SH.focusNode, SH.sourceShape, SH.resultPath, SH.value)
            )
        )
    return found


def test_pyshacl_cli_gives_the_findings_of_kg_validate(built, tmp_path):
    """The documented one-line command (docs/cli.md, "kg validate"): pySHACL's CLI with the shipped shapes
    and the ontology as its ontology graph (which gives sh:class the rdfs:subClassOf triples) and -a (the
    one SHACL-AF feature used, a SPARQL target). On the build output broken in several ways (a class
    check, a year of the old datatype, a SPARQL constraint, both scheme and corpus-entity targets) it
    reports exactly what ``kg validate`` reports; without the ontology it reports wrong class findings."""
    ID = "https://w3id.org/diplokg/id/"
    data = Graph().parse(built / "kg.ttl", format="turtle")
    entity = next(s for s in data.subjects(RDFS.label, None) if str(s).startswith(str(ENTITY)))
    visit = next(data.subjects(RDF.type, DKG.DiplomaticVisit))
    data.add((visit, DKG.destination, next(data.subjects(RDF.type, DKG.Person))))
    data.add((visit, DKG.year, Literal("2019", datatype=XSD.gYear)))
    data.add((entity, RDFS.label, Literal("Britain", lang="en")))
    topic = next(data.subjects(SKOS.inScheme, DKG.topicScheme))
    data.add((topic, SKOS.prefLabel, Literal("another", lang="en")))
    claim = next(s for s in data.subjects(DKG.statedIn, None) if str(s).startswith(ID))
    data.add((claim, DKG.sameEventAs, URIRef(str(claim) + "-again")))
    broken = tmp_path / "broken.ttl"
    data.serialize(broken, format="turtle")
    ours = run_kg("validate", "--format", "turtle", broken)
    assert ours.returncode == 1, ours.stderr
    pyshacl = [str(Path(sys.executable).with_name("pyshacl")), "-s", str(SHAPES), "-a", "-w", "-f", "turtle"]
    theirs = subprocess.run([*pyshacl, "-e", str(ONTOLOGY), str(broken)], capture_output=True, text=True, timeout=300)
    assert theirs.returncode == 1, theirs.stderr
    expected = _findings(ours.stdout)
    shapes = {shape.rsplit("#", 1)[-1] for _sev, _focus, shape, _path, _value in expected}
    assert {
        "DiplomaticVisitShape-destination",
        "EventShape-year",
        "CorpusEntityShape-label",
        "TopicSchemeShape-pref-label",
        "SameEventShape",
    } <= shapes
    assert _findings(theirs.stdout) == expected
    alone = subprocess.run([*pyshacl, str(broken)], capture_output=True, text=True, timeout=300)
    # without the class hierarchy: sh:class fails on subclasses, and targets miss their subclasses
    assert len(_findings(alone.stdout) - expected) > len(expected - _findings(alone.stdout)) > 0


def test_spans_and_sentences_are_typed_as_nif_expects(data):
    sentences = set(data.subjects(RDF.type, DKG.Sentence))
    spans = set(data.subjects(RDF.type, DKG.TextSpan)) | set(data.subjects(RDF.type, NIF.Context)) | sentences
    assert sentences and len(spans) > len(sentences)
    for span in spans:
        assert (span, RDF.type, NIF.String) in data, span
        assert (span, RDF.type, NIF.RFC5147String) in data, span
    assert all((s, RDF.type, NIF.Sentence) in data for s in sentences)
    assert [s for s, o in data.subject_objects(DKG.sentence) if s == o] == []
    linked = set(data.subjects(DKG.sentence, None))
    assert linked and all(o in sentences for o in data.objects(None, DKG.sentence))
    assert set(data.subjects(RDF.type, OWL.Ontology)) == {DATA_IRI}
    assert set(data.objects(DATA_IRI, OWL.imports)) == {URIRef(ONTOLOGY_IRI)}
