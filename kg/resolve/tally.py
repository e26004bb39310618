"""The corpus resolution kept between builds and changed by the articles that changed (issue 23).

``combine`` joins every article's ``Contribution``: at 10,000 articles that is every kept record read
and 10,000 contributions added up, for an edit of one. A ``Tally`` holds what ``combine`` adds up, as
plain containers (members, name counts, local names), so that a build takes away the contribution an
article had and adds the one it has now, and makes the ``Resolution`` from the tally: the same
resolution ``combine`` gives for the same contributions (``tests/test_corpus.py``). Its ``state`` is
plain data (``marshal``-able) that the build keeps in its ledger.
"""

import bisect

from kg.core.namespaces import entity_iri
from kg.core.ontology import Ontology
from kg.core.pins import Pins
from kg.resolve.entities import EntityList
from kg.resolve.resolve import Contribution, Resolution, Resolver, SharedEntity


class Tally:
    """``entities``: key -> {(slug, local id): (classes, item, names)}; ``local``: (classes, normalised
    name) -> sorted [(slug, position in its contribution, local id, label)]."""

    def __init__(self, state: tuple | None = None):
        self.entities: dict[str, dict[tuple[str, str], tuple]] = {}
        self.local: dict[tuple, list[tuple[str, int, str, str]]] = {}
        if state is not None:
            self.entities, self.local = state

    @property
    def state(self) -> tuple:
        return self.entities, self.local

    def add(self, contribution: Contribution, sign: int = 1) -> None:
        """Add an article's contribution (``sign`` 1), or take it away (-1)."""
        slug = contribution.slug
        for local_id, key, classes, item, names in contribution.joins:
            members = self.entities.setdefault(key, {})
            if sign > 0:
                members[(slug, local_id)] = (tuple(classes), item, tuple(names))
            else:
                members.pop((slug, local_id), None)
                if not members:
                    del self.entities[key]
        for position, (classes, name, local_id, label) in enumerate(contribution.local_names):
            group = self.local.setdefault((tuple(classes), name), [])
            entry = (slug, position, local_id, label)
            if sign > 0:
                bisect.insort(group, entry)
            else:
                at = bisect.bisect_left(group, entry)
                if at < len(group) and group[at] == entry:
                    del group[at]
                if not group:
                    del self.local[(tuple(classes), name)]

    def resolution(self, entity_list: EntityList, pins: Pins, ontology: Ontology) -> Resolution:
        """The resolution ``combine`` gives for the contributions added up here."""
        resolver = Resolver(entity_list, pins, ontology)
        result = resolver.result
        # in the order combine meets them (articles by slug, each one's nodes by id), whatever order the
        # tally was changed in: the resolution is the same object, not only the same sets
        for first, key, members in sorted((min(members), key, members) for key, members in self.entities.items()):
            classes, item, _names = members[first]
            if item is None:
                entity = result.entry_entity(key)
            else:
                entity = SharedEntity(key, entity_iri(key), classes, "", wikidata=item, from_list=False)
                result.entities[key] = entity
            entity.members = set(members)
            for _classes, _item, names in members.values():
                entity.aliases.update(names)
            result.nodes.update(dict.fromkeys(members, key))  # looked up, never listed: its order is free
        for (classes, name), group in self.local.items():
            resolver.local_names[(classes, name)] = [(slug, local_id, label) for slug, _pos, local_id, label in group]
        return resolver.finish()
