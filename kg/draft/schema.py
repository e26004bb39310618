"""The vocabulary a draft may use, read from the ontology, and the closed JSON schema sent to a model.

Nothing here is a hand-kept list of classes or properties: a term added to the ontology is available
to both back-ends (and refused by neither) without a code change.
"""

from functools import lru_cache

from rdflib import URIRef
from rdflib.namespace import RDFS

from kg.core.namespaces import DKG
from kg.core.ontology import Ontology, Term, default_ontology
from kg.load.model import STATUSES

# Classes of the text and the article, which the compiler writes itself.
NOT_NODE_CLASSES = {"NewsArticle", "ArticleSection", "TextSpan", "Sentence", "Status"}
# Properties the mapping format spells with its own keys (evidence, status, according_to, ...).
CLAIM_KEYS = {"evidence", "mention", "statedIn", "accordingTo", "reportedBy", "status"}
NOT_NODE_DOMAINS = {DKG.NewsArticle, DKG.TextSpan, DKG.ArticleSection}
# Kept by the linker, never stated in a mapping.
LINK_PROPERTIES = {"linkMethod", "linkScore"}


class DraftVocabulary:
    def __init__(self, ontology: Ontology):
        self.ontology = ontology
        classes = sorted(
            name for name, t in ontology.terms.items() if t.kind == "class" and name not in NOT_NODE_CLASSES
        )
        self.claim_classes = [c for c in classes if ontology.is_claim_class(self.term(c).iri)]
        self.entity_classes = [c for c in classes if c not in self.claim_classes]
        self.object_properties = self._properties("object")
        self.datatype_properties = self._properties("datatype")

    def _properties(self, kind: str) -> list[str]:
        names = []
        for name, term in sorted(self.ontology.terms.items()):
            if term.kind != kind or name in CLAIM_KEYS or name in LINK_PROPERTIES:
                continue
            if self.ontology.graph.value(term.iri, RDFS.domain) in NOT_NODE_DOMAINS:
                continue
            names.append(name)
        return names

    def term(self, name: str) -> Term:
        """The ontology term of a class or property of this vocabulary (each has one)."""
        term = self.ontology.term(name)
        if term is None:
            raise KeyError(name)
        return term

    def iris(self, classes: list[str]) -> list[URIRef]:
        """The IRIs of the classes the ontology knows, in order."""
        return [t.iri for t in (self.ontology.term(c) for c in classes) if t is not None]

    def is_class(self, name: str) -> bool:
        return name in self.claim_classes or name in self.entity_classes

    def is_claim(self, classes) -> bool:
        return any(c in self.claim_classes for c in classes)

    def is_a(self, name: str, ancestor: str) -> bool:
        """Kept with the ontology (its memo): the rules and grounding ask it millions of times a long text."""
        memo = self.ontology.memo("draft is_a")
        found = memo.get((name, ancestor))
        if found is None:
            term, top = self.ontology.term(name), self.ontology.term(ancestor)
            found = memo[(name, ancestor)] = bool(term and top and self.ontology.is_subclass(term.iri, top.iri))
        return found

    def parents(self, name: str) -> list[str]:
        """The class's direct superclasses in the ontology's own namespace."""
        prefix = str(DKG)
        found = {
            str(p)[len(prefix) :]
            for p in self.ontology.graph.objects(self.term(name).iri, RDFS.subClassOf)
            if str(p).startswith(prefix)
        }
        return sorted(p for p in found if self.is_class(p))

    def range_class(self, prop: str) -> str | None:
        """The ontology class an object property's values must belong to, when it is one of ours."""
        term = self.ontology.term(prop)
        rng = term.range if term else None
        if rng is not None and str(rng).startswith(str(DKG)):
            name = str(rng)[len(str(DKG)) :]
            return name if self.is_class(name) else None
        return None


@lru_cache(maxsize=1)
def vocabulary() -> DraftVocabulary:
    return DraftVocabulary(default_ontology())


def _strict_object(properties: dict) -> dict:
    return {"type": "object", "additionalProperties": False, "required": sorted(properties), "properties": properties}


def response_schema(vocab: DraftVocabulary | None = None) -> dict:
    """A closed schema (every field required, no other fields) for one chunk's answer.

    Optional values are spelled as empty strings or lists, as strict structured-output modes require.
    """
    vocab = vocab or vocabulary()
    strings = {"type": "array", "items": {"type": "string"}}
    entity = _strict_object(
        {
            "id": {"type": "string", "description": "a short local id, lower case with hyphens"},
            "class": {"type": "string", "enum": vocab.entity_classes},
            "label": {"type": "string"},
            "aliases": strings,
            "mentions": {**strings, "description": "exact words of the text that name it"},
        }
    )
    role = _strict_object(
        {
            "property": {"type": "string", "enum": vocab.object_properties},
            "value": {"type": "string", "description": "the id of an entity or claim"},
        }
    )
    attribute = _strict_object(
        {
            "property": {"type": "string", "enum": vocab.datatype_properties},
            "value": {"type": "string"},
        }
    )
    claim = _strict_object(
        {
            "id": {"type": "string"},
            "class": {"type": "string", "enum": vocab.claim_classes},
            "label": {"type": "string"},
            "status": {"type": "string", "enum": list(STATUSES)},
            "according_to": {"type": "string", "description": "id of who asserts it; empty for the publisher"},
            "evidence": {**strings, "description": "exact words of the text that state it"},
            "roles": {"type": "array", "items": role},
            "attributes": {"type": "array", "items": attribute},
        }
    )
    return _strict_object(
        {
            "entities": {"type": "array", "items": entity},
            "claims": {"type": "array", "items": claim},
        }
    )
