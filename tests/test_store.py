"""The embedded store knows what it was loaded from and reloads when that changed."""

from kg import store
from kg.query import run_local


def count(s) -> int:
    result = run_local(s, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:g> { ?s ?p ?o } }")
    return int(result.rows[0]["n"]["value"])


def test_stale_store_is_reloaded_not_queried(tmp_path):
    trig = tmp_path / "kg.trig"
    trig.write_text("<urn:g> { <urn:a> <urn:b> <urn:c> . }\n")
    store_dir = tmp_path / "store"
    store.load(store_dir, trig)
    assert store.is_current(store_dir, trig)
    s = store.open_current(store_dir, trig)
    assert count(s) == 1
    del s
    trig.write_text("<urn:g> { <urn:a> <urn:b> <urn:c> . <urn:a> <urn:b> <urn:d> . }\n")
    assert not store.is_current(store_dir, trig)
    s = store.open_current(store_dir, trig)
    assert count(s) == 2


def test_store_includes_the_ontology_graph(tmp_path):
    trig = tmp_path / "kg.trig"
    trig.write_text("<urn:g> { <urn:a> a <https://w3id.org/diplokg/ontology#AirBase> . }\n")
    store.load(tmp_path / "store", trig)
    s = store.open_current(tmp_path / "store", trig)
    result = run_local(s, "SELECT ?a WHERE { ?a a ?c . ?c rdfs:subClassOf* dkg:MilitaryFacility }")
    assert [r["a"]["value"] for r in result.rows] == ["urn:a"]
