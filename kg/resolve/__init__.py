"""The resolve stage: which mapping nodes, across all articles, are the same real-world entity.

A node becomes a corpus entity (one IRI for the whole corpus) when the curated entity list names it,
when its class and label match one entry, or when it is pinned to the same Wikidata item as an entry
or as nodes of the same class in other articles. Everything else stays local to its article. IRIs
depend only on the entity list, the pins and the node's own mapping, never on which other articles
exist or in what order they are read.
"""

from kg.resolve.entities import ENTITIES_FILE, EntityList, load_entity_list
from kg.resolve.resolve import Contribution, Resolution, Resolver, SharedEntity, combine, resolve

__all__ = [
    "ENTITIES_FILE",
    "Contribution",
    "EntityList",
    "Resolution",
    "Resolver",
    "SharedEntity",
    "combine",
    "load_entity_list",
    "resolve",
]
