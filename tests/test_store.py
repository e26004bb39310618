"""The embedded store knows what it was loaded from and reloads when that changed."""

from kg import store
from kg.query import run_local


def count(s, graph: str = "urn:g") -> int:
    result = run_local(s, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return int(result.rows[0]["n"]["value"])


def test_stale_store_is_reloaded_not_queried(tmp_path):
    trig, source = tmp_path / "g.trig", tmp_path / "kg.graphs.json"
    trig.write_text("<urn:g> { <urn:a> <urn:b> <urn:c> . }\n")
    source.write_text('{"graphs": {"urn:g": "1"}}\n')
    store_dir = tmp_path / "store"
    store.load(store_dir, [trig], source)
    assert store.is_current(store_dir, source)
    s = store.open_current(store_dir, source, lambda: [trig])
    assert count(s) == 1
    del s
    trig.write_text("<urn:g> { <urn:a> <urn:b> <urn:c> . <urn:a> <urn:b> <urn:d> . }\n")
    source.write_text('{"graphs": {"urn:g": "2"}}\n')  # a build names its graphs' new content here
    assert not store.is_current(store_dir, source)
    s = store.open_current(store_dir, source, lambda: [trig])
    assert count(s) == 2


def test_the_store_loads_many_documents_as_one(tmp_path):
    """Each graph file is a TriG document with its own prefix lines; the bulk load reads them in a row."""
    documents = []
    for i in range(3):
        path = tmp_path / f"g{i}.trig"
        path.write_text(f"@prefix ex: <urn:ex:> .\n<urn:g{i}> {{ ex:a ex:b ex:c{i} . ex:a ex:b ex:d . }}\n")
        documents.append(path)
    source = tmp_path / "kg.graphs.json"
    source.write_text("{}\n")
    store.load(tmp_path / "store", documents, source)
    s = store.open_current(tmp_path / "store", source, lambda: documents)
    assert [count(s, f"urn:g{i}") for i in range(3)] == [2, 2, 2]


def test_store_includes_the_ontology_graph(tmp_path):
    trig, source = tmp_path / "g.trig", tmp_path / "kg.graphs.json"
    trig.write_text("<urn:g> { <urn:a> a <https://w3id.org/diplokg/ontology#AirBase> . }\n")
    source.write_text("{}\n")
    store.load(tmp_path / "store", [trig], source)
    s = store.open_current(tmp_path / "store", source, lambda: [trig])
    result = run_local(s, "SELECT ?a WHERE { ?a a ?c . ?c rdfs:subClassOf* dkg:MilitaryFacility }")
    assert [r["a"]["value"] for r in result.rows] == ["urn:a"]


def test_a_stale_store_is_replaced_only_when_it_is_a_store(tmp_path):
    """The store folder is deleted and made again when stale; whoever chose the folder (``KG_STORE``,
    an output folder's link, a library caller), a folder of the user's own or a file there is refused
    in one line and left as it was, by ``load`` and ``update`` alike."""
    import pytest

    from kg.core.errors import KgError

    trig, source = tmp_path / "g.trig", tmp_path / "kg.graphs.json"
    trig.write_text("<urn:g> { <urn:a> <urn:b> <urn:c> . }\n")
    source.write_text('{"graphs": {"urn:g": "1"}}\n')
    built = tmp_path / "built"
    store.load(built, [trig], source)
    mine = tmp_path / "mine"
    (mine / "sub").mkdir(parents=True)
    (mine / "notes.txt").write_text("precious\n")
    afile = tmp_path / "afile"
    afile.write_text("precious\n")
    for target, needle in ((mine, "a folder that holds no store"), (afile, "not a folder")):
        for call, args in (
            (store.load, (target, [trig], source)),
            (store.update, (target, built, source, [], {})),
            (store.open_current, (target, source, lambda: [trig])),
        ):
            with pytest.raises(KgError, match=f"^{target}: {needle}"):
                call(*args)
    assert (mine / "notes.txt").read_text() == "precious\n" and (mine / "sub").is_dir()
    assert afile.read_text() == "precious\n"
    store.load(built, [trig], source)  # a store, stale or not, is replaced
    assert store.update(tmp_path / "new", built, source, ["urn:g"], {})
    empty = tmp_path / "empty"
    empty.mkdir()
    store.load(empty, [trig], source)
    assert count(store.open_current(empty, source, lambda: [trig])) == 1
