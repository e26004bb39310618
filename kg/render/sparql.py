"""The built graph in a pyoxigraph store, and SELECT rows as plain data for the site."""

from pathlib import Path

from kg.core.errors import KgError
from kg.rdf.ontology_graph import add_ontology
from kg.render.model import Value
from kg.render.vocab import ONTOLOGY_IRI, PREFIXES


def open_store(source):
    """A pyoxigraph store with the graph and the ontology (in its own named graph).

    ``source`` is a TriG (or N-Quads) file, or a store; a store without the ontology graph is copied
    into memory with the shipped ontology added, so the original is never written to.
    """
    import pyoxigraph as ox

    if isinstance(source, ox.Store):
        if source.contains_named_graph(ox.NamedNode(ONTOLOGY_IRI)):
            return source
        store = ox.Store()
        store.extend(source.quads_for_pattern(None, None, None, None))
        add_ontology(store)
        return store
    path = Path(source)
    if not path.is_file():
        raise KgError(f"{path}: no built graph; run 'kg build' first")
    formats = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS}
    if path.suffix.lower() not in formats:
        raise KgError(f"{path}: the site is built from a TriG or N-Quads file (.trig, .nq)")
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=formats[path.suffix.lower()])
    except (OSError, SyntaxError, ValueError) as exc:
        raise KgError(f"{path}: cannot load: {exc}") from None
    add_ontology(store)
    return store


def term_value(term) -> Value:
    """A pyoxigraph term as plain data, so the pages need not know pyoxigraph."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return Value("iri", term.value)
    if isinstance(term, ox.BlankNode):
        return Value("blank", term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Value("literal", term.value, "", term.language)
        return Value("literal", term.value, term.datatype.value)
    return Value("literal", str(term))


def select(store, query: str) -> list[dict[str, Value]]:
    """The rows of a SELECT over the union of all graphs; an unbound variable is absent from its row."""
    result = store.query(query, prefixes=dict(PREFIXES), use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    rows = []
    for solution in result:
        rows.append({n: term_value(solution[n]) for n in names if solution[n] is not None})
    return rows
