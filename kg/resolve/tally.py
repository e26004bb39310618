"""The corpus resolution kept between builds and changed by the articles that changed (issue 23).

``combine`` joins every article's ``Contribution``: at 10,000 articles that is every kept record read
and 10,000 contributions added up, for an edit of one. A ``Tally`` holds what ``combine`` adds up, as
plain containers, so that a build takes away the contribution an article had and adds the one it has
now, and makes the ``Resolution`` from the tally: the same resolution ``combine`` gives for the same
contributions (``tests/test_corpus.py``). Its ``state`` is plain data (``marshal``-able) that the build
keeps in its ledger; its strings are interned, so that the slugs, node ids and names that thousands of
articles share are one object each, in memory and in the ledger file.
"""

import bisect
import sys
from collections.abc import Iterator, Mapping
from typing import cast

from kg.core.namespaces import entity_iri
from kg.core.ontology import Ontology
from kg.core.pins import Pins
from kg.resolve.entities import EntityList
from kg.resolve.resolve import Contribution, Resolution, Resolver, SharedEntity

_intern = sys.intern


class Tally:
    """``entities``: key -> [classes, item, {slug: local id}, {name: how many nodes use it}] (a
    corpus entity has one node an article at most, and its classes and item follow from its key);
    ``local``: (classes, normalised name) -> sorted [(slug, position in its contribution, local id, label)]."""

    def __init__(self, state: tuple | None = None):
        self.entities: dict[str, list] = {}
        self.local: dict[tuple, list[tuple[str, int, str, str]]] = {}
        if state is not None:
            self.entities, self.local = state

    @property
    def state(self) -> tuple:
        return self.entities, self.local

    def add(self, contribution: Contribution, sign: int = 1) -> None:
        """Add an article's contribution (``sign`` 1), or take it away (-1)."""
        slug = _intern(contribution.slug)
        self._add_joins(slug, contribution.joins, sign)
        for position, (classes, name, local_id, label) in enumerate(contribution.local_names):
            group_key = (tuple(map(_intern, classes)), _intern(name))
            group = self.local.setdefault(group_key, [])
            entry = (slug, position, _intern(local_id), _intern(label))
            if sign > 0:
                bisect.insort(group, entry)
            else:
                at = bisect.bisect_left(group, entry)
                if at < len(group) and group[at] == entry:
                    del group[at]
            if not group:
                del self.local[group_key]

    def _add_joins(self, slug: str, joins, sign: int) -> None:
        """An article's nodes joined to corpus entities, into the tally or out."""
        for local_id, key, classes, item, names in joins:
            entry = self.entities.get(key)
            if entry is None:
                if sign < 0:
                    continue
                entry = self.entities[_intern(key)] = [tuple(map(_intern, classes)), item, {}, {}]
            members, counts = entry[2], entry[3]
            if sign > 0:
                members[slug] = _intern(local_id)
            elif members.pop(slug, None) is None:
                continue
            for name in map(_intern, names):
                counts[name] = counts.get(name, 0) + sign
                if not counts[name]:
                    del counts[name]
            if not members:
                del self.entities[key]

    def resolution(self, entity_list: EntityList, pins: Pins, ontology: Ontology) -> Resolution:
        """The resolution ``combine`` gives for the contributions added up here."""
        resolver = Resolver(entity_list, pins, ontology)
        result = resolver.result
        # in the order combine meets them (articles by slug, each one's nodes by id), whatever order the
        # tally was changed in: the resolution is the same object, not only the same sets
        for _first, key, (classes, item, members, counts) in sorted(
            (min(entry[2].items()), key, entry) for key, entry in self.entities.items()
        ):
            if item is None:
                entity = result.entry_entity(key)
            else:
                entity = SharedEntity(key, entity_iri(key), classes, "", wikidata=item, from_list=False)
                result.entities[key] = entity
            entity.members = set(members.items())
            entity.aliases.update(counts)
        # (slug, local id) -> key of 200,000 nodes at 10,000 articles, which a build never looks up
        result.nodes = cast(dict, _Nodes(self.entities))
        for (classes, name), group in self.local.items():
            resolver.local_names[(classes, name)] = [(slug, local_id, label) for slug, _pos, local_id, label in group]
        return resolver.finish()


class _Nodes(Mapping):
    """``Resolution.nodes`` of a tally, (slug, local id) -> entity key, looked up in the tally: made
    into a dict of every node of the corpus only if something lists them."""

    def __init__(self, entities: dict[str, list]):
        self.entities = entities

    def __getitem__(self, node: tuple[str, str]) -> str:
        slug, local_id = node
        for key, entry in self.entities.items():
            if entry[2].get(slug) == local_id:
                return key
        raise KeyError(node)

    def __iter__(self) -> Iterator[tuple[str, str]]:
        for entry in self.entities.values():
            yield from entry[2].items()

    def __len__(self) -> int:
        return sum(len(entry[2]) for entry in self.entities.values())
