"""Query results are written by pyoxigraph: CSV, TSV, JSON and XML, from the embedded store or an endpoint.

The data holds what the hand-written writers got wrong (a TAB in a literal, a blank node) and what kg's
own graphs hold (an IRI with a comma, as NIF spans have), so each format is checked on it.
"""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest

from kg.query.output import render
from kg.query.remote import Endpoint
from kg.query.run import run_local

from .test_push import Recorder

SPAN = "https://w3id.org/diplokg/id/a/text#char=12,30"
DATA = f"""
<urn:x:a> <urn:x:says> "one\ttwo" .
<urn:x:a> <urn:x:count> "3"^^<http://www.w3.org/2001/XMLSchema#integer> .
<urn:x:a> <urn:x:label> "Quote \\"this\\", please"@en .
<urn:x:a> <urn:x:span> <{SPAN}> .
<urn:x:a> <urn:x:node> _:n .
"""
QUERY = "SELECT ?p ?o ?none WHERE { <urn:x:a> ?p ?o } ORDER BY ?p"
SPARQL_RESULTS = "{http://www.w3.org/2005/sparql-results#}"


@pytest.fixture(scope="module")
def result():
    store = ox.Store()
    store.load(DATA.encode(), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode("urn:x:g"))
    return run_local(store, QUERY)


@pytest.fixture(scope="module")
def ask():
    store = ox.Store()
    store.load(DATA.encode(), format=ox.RdfFormat.N_TRIPLES)
    return run_local(store, "ASK { <urn:x:a> <urn:x:count> 3 }")


def test_tsv_escapes_tab_and_writes_terms_in_turtle_syntax(result):
    lines = render(result, "tsv").decode("utf-8").split("\n")
    assert lines[0] == "?p\t?o\t?none" and lines[-1] == ""
    cells = [line.split("\t") for line in lines[1:-1]]
    assert all(len(row) == 3 and row[2] == "" for row in cells)  # one field per variable: no TAB leaked
    by_predicate = {row[0]: row[1] for row in cells}
    assert by_predicate["<urn:x:says>"] == '"one\\ttwo"'
    assert by_predicate["<urn:x:count>"] == "3"
    assert by_predicate["<urn:x:label>"] == '"Quote \\"this\\", please"@en'
    assert by_predicate["<urn:x:span>"] == f"<{SPAN}>"
    assert by_predicate["<urn:x:node>"].startswith("_:")


def test_csv_quotes_what_needs_it_and_writes_blank_nodes_with_their_prefix(result):
    text = render(result, "csv").decode("utf-8")
    assert text.endswith("\r\n") and "\r\n" in text[:-2]
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["p", "o", "none"]
    assert all(len(row) == 3 and row[2] == "" for row in rows[1:])
    by_predicate = {row[0]: row[1] for row in rows[1:]}
    assert by_predicate["urn:x:says"] == "one\ttwo"
    assert by_predicate["urn:x:count"] == "3"
    assert by_predicate["urn:x:label"] == 'Quote "this", please'
    assert by_predicate["urn:x:span"] == SPAN  # pyoxigraph alone writes this IRI unquoted, so its comma splits it
    assert by_predicate["urn:x:node"].startswith("_:") and len(by_predicate["urn:x:node"]) > 2


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_ask_in_csv_and_tsv_is_the_boolean(ask, fmt):
    assert render(ask, fmt) == b"true"
    assert render(type(ask)("ask", boolean=False), fmt) == b"false"


def test_json_is_sparql_results_json_indented(result, ask):
    text = render(result, "json").decode("utf-8")
    assert text.startswith('{\n  "head": {\n    "vars": [\n      "p",') and text.endswith("}\n")
    body = json.loads(text)
    assert body["head"]["vars"] == ["p", "o", "none"]
    by_predicate = {b["p"]["value"]: b["o"] for b in body["results"]["bindings"]}
    assert by_predicate["urn:x:count"] == {
        "type": "literal",
        "value": "3",
        "datatype": "http://www.w3.org/2001/XMLSchema#integer",
    }
    assert by_predicate["urn:x:label"] == {"type": "literal", "value": 'Quote "this", please', "xml:lang": "en"}
    assert by_predicate["urn:x:says"] == {"type": "literal", "value": "one\ttwo"}  # xsd:string is not written
    assert by_predicate["urn:x:node"]["type"] == "bnode"
    assert json.loads(render(ask, "json")) == {"head": {}, "boolean": True}


def test_xml_is_sparql_results_xml(result, ask):
    root = ET.fromstring(render(result, "xml"))
    names = [v.get("name") for v in root.iter(SPARQL_RESULTS + "variable")]
    assert names == ["p", "o", "none"]
    results = list(root.iter(SPARQL_RESULTS + "result"))
    assert len(results) == 5
    literals = {e.text: e.attrib for e in root.iter(SPARQL_RESULTS + "literal")}
    assert literals["one\ttwo"] == {}
    assert literals['Quote "this", please'] == {"{http://www.w3.org/XML/1998/namespace}lang": "en"}
    assert [e.text for e in root.iter(SPARQL_RESULTS + "uri")].count(SPAN) == 1
    boolean = ET.fromstring(render(ask, "xml")).find(SPARQL_RESULTS + "boolean")
    assert boolean is not None and boolean.text == "true"


VIRTUOSO_ANSWER = json.dumps(
    {
        "head": {"link": [], "vars": ["o", "n"]},
        "results": {
            "distinct": False,
            "ordered": True,
            "bindings": [
                {
                    "o": {
                        "type": "typed-literal",
                        "datatype": "http://www.w3.org/2001/XMLSchema#integer",
                        "value": "3",
                    },
                    "n": {"type": "bnode", "value": "nodeID://b10001"},
                },
                {"o": {"type": "literal", "datatype": "http://www.w3.org/2001/XMLSchema#string", "value": "a\tb"}},
                {"o": {"type": "uri", "value": SPAN}},
            ],
        },
    }
).encode()


def test_an_endpoints_answer_goes_through_the_same_writers():
    """Virtuoso's dialect (typed-literal, an explicit xsd:string) comes out as the embedded store's would."""
    with Recorder(query_answer=("application/sparql-results+json", VIRTUOSO_ANSWER, None)) as recorder:
        remote = Endpoint.from_base(recorder.url, layout="oxigraph").query("SELECT ?o ?n WHERE { ?s ?p ?o }")
    assert remote.rows[0]["o"] == {
        "type": "literal",
        "value": "3",
        "datatype": "http://www.w3.org/2001/XMLSchema#integer",
    }
    assert remote.rows[1]["o"] == {"type": "literal", "value": "a\tb"}
    assert remote.rows[0]["n"]["type"] == "bnode"  # renamed: pyoxigraph takes no "nodeID://" label
    lines = render(remote, "tsv").decode("utf-8").split("\n")
    assert lines[0] == "?o\t?n" and lines[2:] == ['"a\\tb"\t', f"<{SPAN}>\t", ""]
    assert lines[1].startswith("3\t_:") and len(lines[1].split("\t")) == 2
    rows = list(csv.reader(io.StringIO(render(remote, "csv").decode("utf-8"), newline="")))
    assert rows[1][0] == "3" and rows[1][1].startswith("_:") and rows[2] == ["a\tb", ""] and rows[3] == [SPAN, ""]
