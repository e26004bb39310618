"""Mapping mistakes that the schema cannot see: a property used outside its domain or range, and a
YAML flow list that split one quote at its comma.

Domain and range come from the ontology itself (``rdfs:domain``, ``rdfs:range``, with subclasses), so a new
term is checked without Python changes. The few superclass axioms of the reused vocabularies that the
ontology relies on (a PROV person is a PROV agent) are stated here, not copied into the ontology.
"""

from pathlib import Path

import yaml
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
    found = set(ontology.graph.transitive_objects(cls, RDFS.subClassOf))
    for extra in list(found):
        found |= EXTERNAL_SUPERCLASSES.get(extra, set())
    return found


def fits(ontology, classes: list[URIRef], expected: URIRef | None) -> bool:
    """Whether a node of these classes is in the class ``expected`` (any one class is enough)."""
    if expected is None or expected in ANYTHING:
        return True
    return any(expected in ancestors(ontology, cls) for cls in classes)


def short(ontology, iri: URIRef) -> str:
    """``dkg:Delegation`` -> "Delegation"; other vocabularies keep their prefix (prov:Agent)."""
    try:
        prefix, _namespace, name = ontology.graph.namespace_manager.compute_qname(iri)
    except ValueError:
        return str(iri)
    return name if prefix == "dkg" else f"{prefix}:{name}"


def domain_error(ontology, term, key: str, classes: list[URIRef], kind: str) -> str | None:
    domain = ontology.graph.value(term.iri, RDFS.domain)
    if fits(ontology, classes, domain):
        return None
    return f"property '{key}' applies to a {short(ontology, domain)} (its domain), not to a {kind}"


def range_error(ontology, term, key: str, value: str, classes: list[URIRef]) -> str | None:
    expected = ontology.graph.value(term.iri, RDFS.range)
    if expected == RDF.Property or fits(ontology, classes, expected):
        return None
    kinds = " / ".join(short(ontology, c) for c in classes) or "thing of no known class"
    return f"property '{key}' takes a {short(ontology, expected)} (its range), and '{value}' is a {kinds}"


def split_quotes(mapping_path: Path, text: str) -> list[str]:
    """Warnings for flow lists ``[a, b]`` of quotes whose neighbouring items, joined again at a comma,
    are words of the text: YAML split one quote in two, and both halves may still be found."""
    try:
        root = yaml.compose(Path(mapping_path).read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []  # the loader reports unreadable or invalid YAML with its line
    warnings = []
    for node in _quote_lists(root):
        items = [item for item in node.value if isinstance(item, yaml.ScalarNode) and item.style is None]
        for first, second in zip(items, items[1:]):
            for comma in (", ", ","):
                joined = f"{first.value}{comma}{second.value}"
                if word_starts(text, joined):
                    shown = joined if len(joined) <= 60 else joined[:57] + "..."
                    warnings.append(f"{mapping_path}:{first.start_mark.line + 1}: the [...] list splits the quote "
                                    f"\"{shown}\" at its comma into two quotes; write it as a block list item (- ...)")
                    break
    return warnings


def _quote_lists(root):
    """The flow-style sequences of quotes: article.sections and each node's evidence and mentions."""
    if not isinstance(root, yaml.MappingNode):
        return
    for key, value in root.value:
        if key.value == "article" and isinstance(value, yaml.MappingNode):
            for k, v in value.value:
                if k.value == "sections" and isinstance(v, yaml.SequenceNode) and v.flow_style:
                    yield v
        if key.value == "nodes" and isinstance(value, yaml.MappingNode):
            for _id, node in value.value:
                if not isinstance(node, yaml.MappingNode):
                    continue
                for k, v in node.value:
                    if k.value in QUOTE_LISTS and isinstance(v, yaml.SequenceNode) and v.flow_style:
                        yield v
