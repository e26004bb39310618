"""A property used outside its domain or range: the mapping mistake the schema cannot see, checked by
the compiler, the corpus entity graph and the drafter alike.

Domain and range come from the ontology itself (``rdfs:domain``, ``rdfs:range``, with subclasses), so a new
term is checked without Python changes. The few superclass axioms of the reused vocabularies that the
ontology relies on (a PROV person is a PROV agent) are stated here, not copied into the ontology.
"""

from rdflib import URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS

# Ranges and domains that say nothing: anything fits
ANYTHING = {RDFS.Resource, OWL.Thing}
# PROV-O's own subclass axioms, on which the ontology's prov:Agent ranges rely
EXTERNAL_SUPERCLASSES = {
    PROV.Person: {PROV.Agent},
    PROV.Organization: {PROV.Agent},
    PROV.SoftwareAgent: {PROV.Agent},
}


def ancestors(ontology, cls: URIRef) -> set[URIRef]:
    """The class, its superclasses in the ontology, and what the reused vocabularies add to those."""
    found = set(ontology.superclasses(cls))
    for extra in list(found):
        found |= EXTERNAL_SUPERCLASSES.get(extra, set())
    return found


def fits(ontology, classes: list[URIRef], expected: URIRef | None) -> bool:
    """Whether a node of these classes is in the class ``expected`` (any one class is enough).
    Remembered per ontology: a corpus asks the same few questions thousands of times."""
    if expected is None or expected in ANYTHING:
        return True
    memo = ontology.memo("fits")
    key = (tuple(classes), expected)
    if key not in memo:
        memo[key] = any(expected in ancestors(ontology, cls) for cls in classes)
    return memo[key]


def _declared(ontology, iri: URIRef, which: URIRef) -> URIRef | None:
    """A property's rdfs:domain or rdfs:range, looked up once per ontology."""
    memo = ontology.memo("declared")
    if (iri, which) not in memo:
        memo[(iri, which)] = ontology.graph.value(iri, which)
    return memo[(iri, which)]


def short(ontology, iri: URIRef) -> str:
    """``dkg:Delegation`` -> "Delegation"; other vocabularies keep their prefix (prov:Agent)."""
    try:
        prefix, _namespace, name = ontology.graph.namespace_manager.compute_qname(iri)
    except ValueError:
        return str(iri)
    return name if prefix == "dkg" else f"{prefix}:{name}"


def a(noun: str) -> str:
    """The indefinite article for a class name: "an Event", "a Person"."""
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun


def domain_error(ontology, term, key: str, classes: list[URIRef], kind: str) -> str | None:
    domain = _declared(ontology, term.iri, RDFS.domain)
    if domain is None or fits(ontology, classes, domain):
        return None
    return f"property '{key}' applies to {a(short(ontology, domain))} (its domain), not to {a(kind)}"


def range_error(ontology, term, key: str, value: str, classes: list[URIRef]) -> str | None:
    expected = _declared(ontology, term.iri, RDFS.range)
    if expected is None or expected == RDF.Property or fits(ontology, classes, expected):
        return None
    kinds = " / ".join(short(ontology, c) for c in classes) or "thing of no known class"
    return f"property '{key}' takes {a(short(ontology, expected))} (its range), and '{value}' is {a(kinds)}"
