"""The ontology as the site documents it: its header, classes, properties and concepts.

Read from the ontology's named graph of the store (``kg.render.queries.Q_ONTOLOGY``), not from
``kg.core.ontology``, which is rdflib-based and built for the compiler; the site does not load rdflib.
"""

from collections import defaultdict

from kg.render.model import Concept, OntologyTerm, OntologyView, Statement, Status, Value, local_name, status_key
from kg.render.queries import Q_ONTOLOGY
from kg.render.sparql import select
from kg.render.vocab import DKG, ONTOLOGY_IRI, OWL, RDF_TYPE, RDFS, SKOS, STATUS_ORDER

KINDS = {
    OWL + "Class": "class",
    OWL + "ObjectProperty": "object property",
    OWL + "DatatypeProperty": "datatype property",
    OWL + "AnnotationProperty": "annotation property",
}
CHARACTERISTICS = {
    OWL + "FunctionalProperty": "functional",
    OWL + "InverseFunctionalProperty": "inverse functional",
    OWL + "TransitiveProperty": "transitive",
    OWL + "SymmetricProperty": "symmetric",
    OWL + "AsymmetricProperty": "asymmetric",
    OWL + "ReflexiveProperty": "reflexive",
    OWL + "IrreflexiveProperty": "irreflexive",
}
ALIGNMENTS = (
    SKOS + "exactMatch",
    SKOS + "closeMatch",
    SKOS + "broadMatch",
    SKOS + "narrowMatch",
    SKOS + "relatedMatch",
    OWL + "equivalentClass",
    OWL + "equivalentProperty",
    OWL + "inverseOf",
    OWL + "disjointWith",
)


def read_ontology(store, data_quads) -> OntologyView:
    """The ontology's classes, properties and concepts, with how many instances of each the data has."""
    about: dict[str, dict[str, list[Value]]] = defaultdict(lambda: defaultdict(list))
    for row in select(store, Q_ONTOLOGY):
        about[row["s"].value][row["p"].value].append(row["o"])
    for props in about.values():
        for values in props.values():
            values.sort()

    instances: dict[str, int] = defaultdict(int)
    for q in data_quads:
        if q["p"].value == RDF_TYPE and q["o"].is_iri:
            instances[q["o"].value] += 1

    header: list[Statement] = []
    classes: list[OntologyTerm] = []
    properties: list[OntologyTerm] = []
    concepts: list[Concept] = []
    for iri, props in sorted(about.items()):
        types = {v.value for v in props.get(RDF_TYPE, [])}
        if OWL + "Ontology" in types:
            header = sorted(Statement(p, v, ONTOLOGY_IRI) for p, vs in props.items() for v in vs)
        kinds = [KINDS[t] for t in KINDS if t in types]
        if kinds and iri.startswith(DKG):
            term = _term(iri, kinds[0], types, props, about, instances.get(iri, 0))
            (classes if term.kind == "class" else properties).append(term)
        schemes = props.get(SKOS + "inScheme", [])
        if schemes and SKOS + "prefLabel" in props:
            concepts.append(
                Concept(
                    iri,
                    _first(props, SKOS + "prefLabel"),
                    _first(props, RDFS + "comment"),
                    _first(props, SKOS + "notation"),
                    schemes[0].value,
                    _alignments(props),
                )
            )
    return OntologyView(ONTOLOGY_IRI, header, classes, properties, concepts, _ancestors(about))


def _ancestors(about: dict[str, dict[str, list[Value]]]) -> dict[str, set[str]]:
    """Every class's superclasses, near and far."""
    parents = {s: {v.value for v in p.get(RDFS + "subClassOf", []) if v.is_iri} for s, p in about.items()}
    ancestors: dict[str, set[str]] = {}
    for cls in parents:
        seen: set[str] = set()
        frontier = list(parents[cls])
        while frontier:
            c = frontier.pop()
            if c not in seen:
                seen.add(c)
                frontier.extend(parents.get(c, ()))
        ancestors[cls] = seen
    return ancestors


def _term(iri: str, kind: str, types: set[str], props: dict[str, list[Value]], about: dict, instances: int):
    sup = RDFS + ("subClassOf" if kind == "class" else "subPropertyOf")
    return OntologyTerm(
        iri,
        kind,
        _first(props, RDFS + "label") or local_name(iri),
        _first(props, RDFS + "comment"),
        [v.value for v in props.get(sup, []) if v.is_iri],
        sorted(s for s, p in about.items() if any(v.value == iri for v in p.get(sup, []))),
        [v.value for v in props.get(RDFS + "domain", []) if v.is_iri],
        [v.value for v in props.get(RDFS + "range", []) if v.is_iri],
        sorted(CHARACTERISTICS[t] for t in types if t in CHARACTERISTICS),
        _alignments(props),
        instances,
    )


def _first(props: dict[str, list[Value]], predicate: str) -> str:
    """The first English value (or, failing that, the first value) of ``predicate``."""
    values = props.get(predicate, [])
    english = [v for v in values if (v.language or "en").startswith("en")]
    return (english or values)[0].value if values else ""


def _alignments(props: dict[str, list[Value]]) -> list[tuple[str, str]]:
    return [(p, v.value) for p in ALIGNMENTS for v in props.get(p, []) if v.is_iri]


def statuses(ontology: OntologyView) -> list[Status]:
    """The claim statuses of the ontology's status scheme, in the ontology's reading order."""
    found = [c for c in ontology.concepts if c.scheme == DKG + "statusScheme"]

    def order(c: Concept):
        name = local_name(c.iri)
        return (STATUS_ORDER.index(name) if name in STATUS_ORDER else len(STATUS_ORDER), c.label, c.iri)

    return [Status(c.iri, status_key(c.iri), c.label, c.comment) for c in sorted(found, key=order)]
