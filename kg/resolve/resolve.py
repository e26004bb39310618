"""Decide, for every entity node of every mapping, whether it is a corpus entity and which one.

Rules, in order (docs/corpus.md, "Resolution rules"):
1. ``entity: none`` keeps the node local (the mapping says it is a different entity);
2. ``entity: ID`` names an entry of the entity list;
3. otherwise the node's label or an alias equals the label or an alias of exactly one entry of a
   compatible class (same class, or one a subclass of the other); two such entries are an error;
4. otherwise a node pinned to a Wikidata item joins the entry with that item and a compatible class,
   or else every node of the same classes pinned to the same item (one shared node, no entry needed);
5. otherwise it stays local to its article.
Unnamed and collective agents ("a Russian source") are never matched automatically: two articles'
unnamed sources are not known to be the same person.

Each article is resolved on its own (``resolve_article``: the rules read only that article, the list
and the pins), which is what lets a build reuse an unchanged article's result; ``combine`` then joins
the articles' ``Contribution``s into the corpus ``Resolution`` (every spelling of a shared entity, the
label of a pin-only group, the same name left separate in several articles).
"""

import unicodedata
from dataclasses import dataclass, field

from rdflib import URIRef

from kg.core.errors import KgError
from kg.core.namespaces import DKG, entity_iri
from kg.core.ontology import Ontology
from kg.core.pins import EntityKey, Pins
from kg.load import Article
from kg.load.model import NO_ENTITY
from kg.resolve.entities import EntityList

NOT_MATCHED = (DKG.UnnamedAgent, DKG.CollectiveAgent)


@dataclass
class SharedEntity:
    """One real-world entity of the corpus, with every spelling the mappings used for it."""

    key: str  # the entry id, or "Q159-Country" for a group joined only by a pin
    iri: URIRef
    classes: tuple[str, ...]
    label: str
    aliases: set[str] = field(default_factory=set)
    wikidata: str | None = None
    from_list: bool = True
    members: set[tuple[str, str]] = field(default_factory=set)  # (slug, local id)


@dataclass
class Resolution:
    entity_list: EntityList
    entities: dict[str, SharedEntity] = field(default_factory=dict)
    nodes: dict[tuple[str, str], str] = field(default_factory=dict)  # (slug, local id) -> entity key
    # local nodes of the same classes and name in several articles: candidates for the entity list
    unjoined: list[tuple[str, tuple[str, ...], list[tuple[str, str]]]] = field(default_factory=list)

    def shared_across_articles(self) -> list[SharedEntity]:
        return [e for e in self.entities.values() if len({slug for slug, _ in e.members}) > 1]

    def shared(self, slug: str, local_id: str) -> SharedEntity | None:
        key = self.nodes.get((slug, local_id))
        return self.entities[key] if key else None

    def entry_entity(self, entity_id: str) -> SharedEntity:
        """The shared entity of a list entry, created on first use (a mapping may refer to it directly)."""
        if entity_id not in self.entities:
            entry = self.entity_list.entries[entity_id]
            self.entities[entity_id] = SharedEntity(
                entity_id, entity_iri(entity_id), tuple(entry.a), entry.label, set(entry.aliases), entry.wikidata
            )
        return self.entities[entity_id]


def normalise(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).replace("’", "'").casefold().split())


def _compatible(ontology: Ontology, ours: tuple[str, ...], theirs: tuple[str, ...]) -> bool:
    for a in ours:
        for b in theirs:
            ta, tb = ontology.term(a), ontology.term(b)
            if ta and tb and (a == b or ontology.is_subclass(ta.iri, tb.iri) or ontology.is_subclass(tb.iri, ta.iri)):
                return True
    return False


@dataclass
class Contribution:
    """What one article adds to the corpus resolution; plain data, so that it can be kept with the
    article's cached build (``as_json`` / ``from_json``)."""

    slug: str
    # (local id, entity key, classes of a pin-only group, its Wikidata item, names the node uses)
    joins: list[tuple[str, str, tuple[str, ...], str | None, tuple[str, ...]]] = field(default_factory=list)
    # (sorted classes, normalised label, local id, label) of a local node with a label
    local_names: list[tuple[tuple[str, ...], str, str, str]] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "slug": self.slug,
            "joins": [list(j) for j in self.joins],
            "local_names": [list(n) for n in self.local_names],
        }

    @classmethod
    def from_json(cls, data: dict) -> "Contribution":
        return cls(
            data["slug"],
            [(a, b, tuple(c), d, tuple(e)) for a, b, c, d, e in data["joins"]],
            [(tuple(a), b, c, d) for a, b, c, d in data["local_names"]],
        )


class Resolver:
    def __init__(self, entity_list: EntityList, pins: Pins, ontology: Ontology):
        self.list = entity_list
        self.pins = pins
        self.ontology = ontology
        self.result = Resolution(entity_list)
        for entity_id, entry in sorted(entity_list.entries.items()):
            for i, name in enumerate(entry.a):
                term = ontology.term(name)
                if term is None or term.kind != "class":
                    at = (entity_id, "a") + ((i,) if len(entry.a) > 1 else ())
                    raise KgError(f"{entity_list.where(*at)}: unknown class '{name}' (not in the ontology)")
        self.by_name: dict[str, list[str]] = {}
        for entity_id, entry in sorted(entity_list.entries.items()):
            for name in [entry.label, *entry.aliases]:
                ids = self.by_name.setdefault(normalise(name), [])
                if entity_id not in ids:
                    ids.append(entity_id)
        self.local_names: dict[tuple, list[tuple[str, str, str]]] = {}
        self.contribution = Contribution("")
        self.by_item: dict[str, list[str]] = {}
        for entity_id, entry in sorted(entity_list.entries.items()):
            if entry.wikidata:
                self.by_item.setdefault(entry.wikidata, []).append(entity_id)

    def _is(self, classes: tuple[str, ...], ancestors) -> bool:
        for name in classes:
            term = self.ontology.term(name)
            if term and any(term.iri == a or self.ontology.is_subclass(term.iri, a) for a in ancestors):
                return True
        return False

    def _describe(self, entity_id: str) -> str:
        entry = self.list.entries[entity_id]
        return f"'{entity_id}' ({'/'.join(entry.a)} \"{entry.label}\", {self.list.where(entity_id)})"

    def node(self, article: Article, local_id: str) -> None:
        node = article.mapping.nodes[local_id]
        at = ("nodes", local_id)
        classes = tuple(node.a)
        if any(self.ontology.term(c) is None for c in classes):
            return  # the compiler reports the unknown class with its line
        if self._is(classes, (DKG.Claim,)):
            if node.entity is not None:
                raise KgError(f"{article.where(*at, 'entity')}: 'entity' names a corpus entity; a claim cannot be one")
            return
        if node.entity == NO_ENTITY:
            return
        if node.entity is not None:
            return self._named(article, local_id, node.entity, classes)
        if self._is(classes, NOT_MATCHED):
            return
        names = [n for n in [node.label, *node.aliases] if n]
        match = self._matched(article, local_id, classes, names)
        if match is not None:
            return self._join(article, local_id, match)
        self._pinned(article, local_id, classes, names)

    def _named(self, article: Article, local_id: str, entity: str, classes: tuple[str, ...]) -> None:
        """A node that names its entity (``entity: ID``): the entry must exist and fit its classes."""
        at = ("nodes", local_id)
        if entity not in self.list:
            where = self.list.path or "the entity list (none found)"
            raise KgError(f"{article.where(*at, 'entity')}: unknown entity '{entity}' (not in {where})")
        if not _compatible(self.ontology, classes, tuple(self.list.entries[entity].a)):
            raise KgError(
                f"{article.where(*at, 'a')}: node '{local_id}' is a {'/'.join(classes)} "
                f"but entity {self._describe(entity)} is not"
            )
        self._join(article, local_id, entity)

    def _matched(self, article: Article, local_id: str, classes: tuple[str, ...], names: list[str]) -> str | None:
        """The one entry of a fitting class whose label or alias is one of the node's names."""
        matches: list[str] = []
        for name in names:
            for entity_id in self.by_name.get(normalise(name), []):
                if entity_id not in matches and _compatible(
                    self.ontology, classes, tuple(self.list.entries[entity_id].a)
                ):
                    matches.append(entity_id)
        if len(matches) > 1:
            raise KgError(
                f"{article.where('nodes', local_id)}: node '{local_id}' matches two entities, "
                f"{self._describe(matches[0])} and {self._describe(matches[1])}; "
                "say which with 'entity: ID' (or 'entity: none')"
            )
        return matches[0] if matches else None

    def _pinned(self, article: Article, local_id: str, classes: tuple[str, ...], names: list[str]) -> None:
        """A node pinned to a Wikidata item joins the entry, or the other nodes of its class, with that
        item; an unpinned node stays local, its label kept to say which nodes could be joined."""
        node = article.mapping.nodes[local_id]
        at = ("nodes", local_id)
        key = EntityKey(article.slug, local_id, tuple(names), classes)
        item = self.pins.pin(key)
        if not item or item in self.pins.forbidden(key) or "any" in self.pins.forbidden(key):
            if node.label:
                self.contribution.local_names.append(
                    (tuple(sorted(classes)), normalise(node.label), local_id, node.label)
                )
            return
        listed = [
            e for e in self.by_item.get(item, []) if _compatible(self.ontology, classes, tuple(self.list.entries[e].a))
        ]
        if len(listed) > 1:
            raise KgError(
                f"{article.where(*at)}: node '{local_id}' is pinned to {item}, which two entities share: "
                f"{self._describe(listed[0])} and {self._describe(listed[1])}"
            )
        if listed:
            return self._join(article, local_id, listed[0])
        self._join(article, local_id, f"{item}-{'-'.join(sorted(classes))}", tuple(sorted(classes)), item)

    def _join(
        self, article: Article, local_id: str, key: str, classes: tuple[str, ...] = (), item: str | None = None
    ) -> None:
        node = article.mapping.nodes[local_id]
        for other, other_key, *_rest in self.contribution.joins:
            if other_key == key:  # one real-world entity, two nodes: their facts would merge unseen
                raise KgError(
                    f"{article.where('nodes', local_id)}: nodes '{other}' and '{local_id}' are both the corpus "
                    f"entity '{key}'; keep one node for it, or say 'entity: none' on the one that is another entity"
                )
        self.contribution.joins.append(
            (local_id, key, classes, item, tuple(n for n in [node.label, *node.aliases] if n))
        )

    def article(self, article: Article) -> Contribution:
        self.contribution = Contribution(article.slug)
        for local_id in sorted(article.mapping.nodes):
            self.node(article, local_id)
        return self.contribution

    def add(self, contribution: Contribution) -> None:
        slug = contribution.slug
        for local_id, key, classes, item, names in contribution.joins:
            if item is None:
                entity = self.result.entry_entity(key)
            else:  # a pin-only group
                entity = self.result.entities.setdefault(
                    key, SharedEntity(key, entity_iri(key), classes, "", wikidata=item, from_list=False)
                )
            self.result.nodes[(slug, local_id)] = entity.key
            entity.members.add((slug, local_id))
            entity.aliases.update(names)
        for classes, name, local_id, label in contribution.local_names:
            self.local_names.setdefault((classes, name), []).append((slug, local_id, label))

    def finish(self) -> Resolution:
        for (classes, _name), nodes in sorted(self.local_names.items()):
            if len({slug for slug, _, _ in nodes}) > 1:
                self.result.unjoined.append((nodes[0][2], classes, [(slug, local) for slug, local, _ in nodes]))
        for entity in self.result.entities.values():
            if not entity.from_list:
                # the pin's own label names the group when a member uses it; else the first spelling in order
                entity.label = self._pinned_label(entity) or min(entity.aliases)
            entity.aliases.discard(entity.label)
        return self.result

    def _pinned_label(self, entity: SharedEntity) -> str | None:
        for pin in self.pins.data.pins:
            if pin.wikidata == entity.wikidata and pin.match.label:
                for name in sorted(entity.aliases):
                    if normalise(name) == normalise(pin.match.label):
                        return name
        return None


def combine(contributions: list[Contribution], entity_list: EntityList, pins: Pins, ontology: Ontology) -> Resolution:
    resolver = Resolver(entity_list, pins, ontology)
    for contribution in sorted(contributions, key=lambda c: c.slug):
        resolver.add(contribution)
    return resolver.finish()


def resolve(articles: list[Article], entity_list: EntityList, pins: Pins, ontology: Ontology) -> Resolution:
    resolver = Resolver(entity_list, pins, ontology)
    contributions = [resolver.article(article) for article in sorted(articles, key=lambda a: a.slug)]
    return combine(contributions, entity_list, pins, ontology)
