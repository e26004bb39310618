"""Automatic mentions: where in its article each entity is named.

Every whole-word occurrence of an entity's label or aliases becomes a mention (``dkg:mention``), so that
"how often does this article name Russia" needs no hand count. The names are the node's own label and
aliases and, for a corpus entity, its entry's label and aliases in the curated entity list (never the
spellings other articles use: adding an article must not change this one's graph).

Rules, in order:
- a node whose mapping lists ``mentions`` keeps exactly those: the author has said where it is named (this
  is how metonymy stays explicit: "Moscow" listed on the government node);
- an occurrence inside a span another entity's listed mention claims is that entity's ("Tartus" inside a
  listed "the port of Tartus");
- of overlapping occurrences the longest wins ("Russian naval facility in Tartus" claims its "Tartus");
  one span that two entities are both named by is given to neither;
- claims and topics are not named entities and get no automatic mentions.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from rdflib import URIRef

from kg.core.namespaces import DKG, entity_iri
from kg.load import Article
from kg.load.quotes import word_index


@dataclass
class Named:
    """An entity this article refers to, with the names it may be mentioned by."""

    iri: URIRef
    names: set[str] = field(default_factory=set)
    listed: bool = False  # the mapping lists its mentions itself
    where: tuple = ()  # mapping location of its node, for error lines


def _excluded(ontology, class_names) -> bool:
    for name in class_names:
        term = ontology.term(name)
        if term is None:
            continue
        if ontology.is_claim_class(term.iri) or term.iri == DKG.Topic or ontology.is_subclass(term.iri, DKG.Topic):
            return True
    return False


def named_entities(article: Article, ontology, resolution, iri_of, referenced: set[str]) -> list[Named]:
    """The entities of the article: its entity nodes, and list entries it names directly by id."""
    by_iri: dict[URIRef, Named] = {}
    entries = resolution.entity_list.entries
    covered: set[str] = set()
    for node_id, node in sorted(article.mapping.nodes.items()):
        if _excluded(ontology, node.a):
            continue
        iri = iri_of(node_id)
        named = by_iri.setdefault(iri, Named(iri, where=("nodes", node_id)))
        named.names.update(n for n in [node.label, *node.aliases] if n)
        named.listed = named.listed or bool(node.mentions)
        shared = resolution.shared(article.slug, node_id)
        if shared is not None and shared.from_list:
            covered.add(shared.key)
            entry = entries[shared.key]
            named.names.update([entry.label, *entry.aliases])
    for key in sorted(referenced - covered):
        entry = entries.get(key)
        if entry is None or _excluded(ontology, entry.a):
            continue
        iri = entity_iri(key)
        named = by_iri.setdefault(iri, Named(iri))
        named.names.update([entry.label, *entry.aliases])
    return [by_iri[iri] for iri in sorted(by_iri)]


def _candidates(
    text: str, entities: list[Named], starts: Callable[[str, str], list[int]]
) -> dict[tuple[int, int], set[URIRef]]:
    """Every whole-word occurrence of a name of an entity that lists no mentions, with who bears it."""
    candidates: dict[tuple[int, int], set[URIRef]] = {}
    for entity in entities:
        if entity.listed:
            continue
        for name in entity.names:
            for begin in starts(text, name):
                candidates.setdefault((begin, begin + len(name)), set()).add(entity.iri)
    return candidates


def find_mentions(
    text: str,
    entities: list[Named],
    claimed: list[tuple[int, int, URIRef]],
    starts: Callable[[str, str], list[int]] | None = None,
) -> dict[URIRef, list[tuple[int, int]]]:
    """Spans (begin, end) of every automatic mention, by entity. ``claimed``: the listed mentions.
    ``starts``: where a name occurs as whole words (a caller that asks again may pass its own
    ``WordIndex``; by default the text's shared one, ``word_index``)."""
    candidates = _candidates(text, entities, starts or word_index(text))
    if not candidates:
        return {}
    # the characters a listed mention or a longer name has taken (one byte each: a long text has many
    # spans, and asking every taken span of every candidate grew with the square of their number), over
    # the stretch the candidates lie in only (a caller may ask about a few names of a long text often)
    low, high = min(b for b, _ in candidates), max(e for _, e in candidates)
    taken = bytearray(high - low + 1)
    points: list[int] = []  # empty claimed spans: they take no character, only the place between two

    def take(begin: int, end: int) -> None:
        if begin < end:
            begin, end = max(begin, low), min(end, high)
            if begin < end:
                taken[begin - low : end - low] = b"\x01" * (end - begin)
        else:
            points.append(begin)

    for begin, end, _ in claimed:
        take(begin, end)
    found: dict[URIRef, list[tuple[int, int]]] = {}
    for (begin, end), iris in sorted(candidates.items(), key=lambda item: (item[0][0] - item[0][1], item[0][0])):
        if 1 in taken[begin - low : end - low] or any(begin < p < end for p in points):
            continue  # inside (or across) a span a listed mention or a longer name already claims
        take(begin, end)
        if len(iris) > 1:
            continue  # two entities share this name here: neither gets it
        (iri,) = iris
        found.setdefault(iri, []).append((begin, end))
    return {iri: sorted(spans) for iri, spans in found.items()}
