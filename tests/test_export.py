"""Every export syntax round-trips to the same graph, deterministically, and files are written atomically."""

import os

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.core.errors import KgError
from kg.export import serialize
from kg.rdf.formats import FORMATS, get_format
from kg.util import atomic


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_round_trip_and_stability(seed_compiled, name):
    fmt = FORMATS[name]
    graphs = {seed_compiled.graph_iri: seed_compiled.graph}
    data = serialize(graphs, fmt)
    assert data == serialize(graphs, fmt)
    if fmt.quads:
        ds = Dataset()
        ds.parse(data=data, format=fmt.rdflib_name)
        named = ds.graph(seed_compiled.graph_iri)
        assert isomorphic(named, seed_compiled.graph)
    else:
        assert isomorphic(Graph().parse(data=data, format=fmt.rdflib_name), seed_compiled.graph)


def test_unknown_format_is_a_clear_error():
    with pytest.raises(KgError, match="unknown format 'yaml'"):
        get_format("yaml")


def test_atomic_write_leaves_old_file_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "kg.ttl"
    target.write_text("old")

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(KgError, match="cannot write: disk full"):
        atomic.write_text(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["kg.ttl"]


def test_xml_writers_refuse_a_character_xml_cannot_hold():
    """A form feed (common in text taken from a PDF) is allowed in RDF, not in XML 1.0: RDF/XML and
    SPARQL XML results stop with one line naming it rather than writing a file no XML parser reads.
    The other syntaxes keep it."""
    from rdflib import Literal, URIRef

    from kg.query.results import Result, to_xml

    graph = Graph()
    graph.add((URIRef("urn:x:s"), URIRef("urn:x:p"), Literal("one\x0ctwo")))
    with pytest.raises(KgError, match=r"cannot write RDF/XML: the data holds U\+000C"):
        serialize({URIRef("urn:x:g"): graph}, get_format("xml"))
    for name in ("turtle", "nt"):
        back = Graph().parse(
            data=serialize({URIRef("urn:x:g"): graph}, get_format(name)).decode("utf-8"),
            format=get_format(name).rdflib_name,
        )
        assert str(next(back.objects())) == "one\x0ctwo"
    result = Result("select", ["o"], [{"o": {"type": "literal", "value": "one\x0ctwo"}}])
    with pytest.raises(KgError, match=r"cannot write XML results: the data holds U\+000C"):
        to_xml(result)
    graph.set((URIRef("urn:x:s"), URIRef("urn:x:p"), Literal("one\ttwo")))  # a tab is XML
    Graph().parse(data=serialize({URIRef("urn:x:g"): graph}, get_format("xml")).decode("utf-8"), format="xml")
