"""Mapping mistakes that the schema cannot see: a property used outside its domain or range, and a
YAML flow list that split one quote at its comma.

Domain and range come from the ontology itself (``rdfs:domain``, ``rdfs:range``, with subclasses), so a new
term is checked without Python changes. The few superclass axioms of the reused vocabularies that the
ontology relies on (a PROV person is a PROV agent) are stated here, not copied into the ontology.
"""

from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS

from kg.article.quotes import word_starts

# Ranges and domains that say nothing: anything fits
ANYTHING = {RDFS.Resource, OWL.Thing}
# PROV-O's own subclass axioms, on which the ontology's prov:Agent ranges rely
EXTERNAL_SUPERCLASSES = {
    PROV.Person: {PROV.Agent},
    PROV.Organization: {PROV.Agent},
    PROV.SoftwareAgent: {PROV.Agent},
}
QUOTE_LISTS = ("evidence", "mentions")


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
    memo = ontology.__dict__.setdefault("_fits", {})
    key = (tuple(classes), expected)
    if key not in memo:
        memo[key] = any(expected in ancestors(ontology, cls) for cls in classes)
    return memo[key]


def _declared(ontology, iri: URIRef, which: URIRef) -> URIRef | None:
    """A property's rdfs:domain or rdfs:range, looked up once per ontology."""
    memo = ontology.__dict__.setdefault("_declared", {})
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
    if fits(ontology, classes, domain):
        return None
    return f"property '{key}' applies to {a(short(ontology, domain))} (its domain), not to {a(kind)}"


def range_error(ontology, term, key: str, value: str, classes: list[URIRef]) -> str | None:
    expected = _declared(ontology, term.iri, RDFS.range)
    if expected == RDF.Property or fits(ontology, classes, expected):
        return None
    kinds = " / ".join(short(ontology, c) for c in classes) or "thing of no known class"
    return f"property '{key}' takes {a(short(ontology, expected))} (its range), and '{value}' is {a(kinds)}"


def split_quotes(mapping, lines: dict, mapping_path: Path, text: str) -> list[str]:
    """Warnings for flow lists ``[a, b]`` of quotes whose neighbouring items, joined again at a comma,
    are words of the text: YAML split one quote in two, and both halves may still be found.

    A list is a flow list when its first item starts on its key's line (a block list's never does); the
    lines come from the loader's one parse of the file.
    """
    warnings = []
    for at, items in _quote_lists(mapping):
        key_line = lines.get(at)
        if not items or key_line is None or lines.get(at + (0,)) != key_line:
            continue
        for i, (first, second) in enumerate(zip(items, items[1:])):
            if not (isinstance(first, str) and isinstance(second, str)):
                continue
            for comma in (", ", ","):
                joined = f"{first}{comma}{second}"
                if word_starts(text, joined):
                    shown = joined if len(joined) <= 60 else joined[:57] + "..."
                    warnings.append(f"{mapping_path}:{lines.get(at + (i,), key_line)}: the [...] list splits the quote "
                                    f"\"{shown}\" at its comma into two quotes; write it as a block list item (- ...)")
                    break
    return warnings


def _quote_lists(mapping):
    """(location, items) of the lists of quotes: article.sections and each node's evidence and mentions."""
    yield ("article", "sections"), list(mapping.article.sections)
    for node_id, node in sorted(mapping.nodes.items()):
        for key in QUOTE_LISTS:
            yield ("nodes", node_id, key), list(getattr(node, key))
