"""The ontology as the compiler sees it: which classes and properties exist, and what they accept."""

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD, NamespaceManager

from kg.core.errors import KgError
from kg.core.namespaces import DKG
from kg.core.resources import ONTOLOGY_DIR


def load_turtle_dir(directory: Path, what: str) -> Graph:
    """Every ``*.ttl`` file of a folder in one graph (the ontology, the shapes)."""
    graph = Graph()
    files = sorted(Path(directory).glob("*.ttl"))
    if not files:
        raise KgError(f"{directory}: no {what} (*.ttl) found")
    for path in files:
        try:
            graph.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises many types; the message is what matters
            raise KgError(f"{path}: cannot parse {what}: {exc}") from None
    return graph


def load_ontology_graph(directory: Path = ONTOLOGY_DIR) -> Graph:
    return load_turtle_dir(directory, "ontology")


@dataclass(frozen=True)
class Term:
    iri: URIRef
    kind: str  # "class", "object", "datatype"
    range: URIRef | None = None
    year: bool = False  # dkg:year or a sub-property of it: four digits, as xsd:integer


# The range of a property whose value names a role (``unstated: actor``). The ontology says dkg:Role (the
# property punned as an individual, which OWL 2 DL allows); the compiler and the drafter know such a
# property by a Term range of rdf:Property, which says what the value is to them: a property of the ontology.
ROLE = DKG.Role


class Ontology:
    def __init__(self, graph: Graph):
        self.graph = graph
        self.terms: dict[str, Term] = {}
        self._memos: dict[str, dict] = {}
        for kind, owl_type in (
            ("class", OWL.Class),
            ("object", OWL.ObjectProperty),
            ("datatype", OWL.DatatypeProperty),
        ):
            for iri in graph.subjects(RDF.type, owl_type):
                if isinstance(iri, URIRef) and iri.startswith(str(DKG)):
                    local = iri[len(str(DKG)) :]
                    declared = graph.value(iri, RDFS.range)
                    declared = RDF.Property if declared == ROLE else declared
                    is_year = DKG.year in graph.transitive_objects(iri, RDFS.subPropertyOf)
                    self.terms[local] = Term(
                        iri, kind, declared if isinstance(declared, URIRef) else None, kind == "datatype" and is_year
                    )

    def memo(self, name: str) -> dict:
        """A memo kept with this ontology, for answers that depend on nothing else (the domain and range
        checks of ``kg.core.checks`` ask the same few questions thousands of times a corpus)."""
        return self._memos.setdefault(name, {})

    def term(self, local: str) -> Term | None:
        return self.terms.get(local)

    def superclasses(self, cls: URIRef) -> frozenset[URIRef]:
        """The class and its superclasses in the ontology (cached: every property value of every
        mapping asks for them when its domain and range are checked)."""
        cache = self.memo("superclasses")
        if cls not in cache:
            cache[cls] = frozenset(self.graph.transitive_objects(cls, RDFS.subClassOf))
        return cache[cls]

    def is_subclass(self, cls: URIRef, ancestor: URIRef) -> bool:
        return ancestor in self.superclasses(cls)

    def is_claim_class(self, cls: URIRef) -> bool:
        return self.is_subclass(cls, DKG.Claim)

    def literal_datatype(self, term: Term) -> URIRef:
        return term.range or XSD.string

    def literal(self, term: Term, value) -> Literal:
        """A YAML value as a literal of the property's range; ValueError says why it is not one."""
        datatype = self.literal_datatype(term)
        if term.year:
            # a year was xsd:gYear before ontology 0.4.0: the same values (2019, or "2019") stay valid
            if not _a_year(value):
                raise ValueError(f"'{value}' is not a valid year (four digits, as xsd:integer)")
            return Literal(int(value), datatype=datatype)
        ok = _FITS.get(datatype, _anything)(value)
        if not ok:
            raise ValueError(f"'{value}' is not a valid {datatype.n3(NamespaceManager(Graph()))}")
        if datatype in _PLAIN:
            return Literal(value)
        if datatype in _INTEGERS:
            return Literal(value, datatype=datatype)
        return Literal(str(value), datatype=datatype)


def _an_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# what a YAML value must be to be a literal of each datatype (made once: rdflib makes XSD terms anew on
# every lookup)
_FITS = {
    XSD.string: lambda value: isinstance(value, str),
    XSD.boolean: lambda value: isinstance(value, bool),
    XSD.integer: _an_int,
    XSD.nonNegativeInteger: lambda value: _an_int(value) and value >= 0,
    XSD.positiveInteger: lambda value: _an_int(value) and value >= 1,
    XSD.decimal: lambda value: isinstance(value, (int, float)) and not isinstance(value, bool),
}
_PLAIN = (XSD.string, XSD.boolean)  # written as rdflib writes a Python str or bool
_INTEGERS = (XSD.integer, XSD.nonNegativeInteger, XSD.positiveInteger)


def _a_year(value) -> bool:
    return (_an_int(value) or isinstance(value, str)) and re.fullmatch(r"-?\d{4}", str(value)) is not None


def _anything(value) -> bool:
    return True


@lru_cache(maxsize=1)
def default_ontology() -> Ontology:
    return Ontology(load_ontology_graph())
