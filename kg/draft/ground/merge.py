"""Node ids as a mapping spells them (unique, valid, never 'article'), and one node for one entity:
entities with the same corpus entity, or the same name (label or alias) and compatible classes, merge.
"""

import re
from dataclasses import replace

from kg.draft.ground.state import GroundingState
from kg.draft.known import name_key, slug
from kg.draft.model import DraftNode, TextSpan
from kg.load.model import ID_PATTERN


def assign_ids(g: GroundingState, nodes: list[DraftNode[TextSpan]]) -> list[DraftNode[TextSpan]]:
    used: set[str] = set()
    seen: set[str] = set()
    result = []
    for node in nodes:
        new = slug(node.id)
        if new == "article" or not re.match(ID_PATTERN, new):
            new = f"node-{new}"
        base, n = new, 2
        while new in used:
            new, n = f"{base}-{n}", n + 1
        used.add(new)
        if node.id in seen:  # references to a repeated id mean its first holder
            g.report.add("repaired", node.id, "id", "used twice; renamed", node.id, new)
        elif new != node.id:
            g.alias[node.id] = new
        seen.add(node.id)
        result.append(replace(node, id=new))
    return result


def merge(g: GroundingState, nodes: list[DraftNode[TextSpan]]) -> list[DraftNode[TextSpan]]:
    """Entities with the same corpus entity, or the same name (label or alias), become one."""
    kept: list[DraftNode[TextSpan]] = []
    index = _Index()
    for node in nodes:
        if g.vocab.is_claim(node.a):
            kept.append(node)
            continue
        names = [n for n in (node.label, *node.aliases) if n]
        node.entity = node.entity or g.corpus.entity_for(names, node.a, g.compatible)
        position = _same_entity(g, kept, index, node, {name_key(n) for n in names})
        if position is None:
            index.add(len(kept), node)
            kept.append(node)
        else:
            _merge_into(g, kept[position], node, names)
            index.add(position, kept[position])  # its new aliases, its corpus entity
    return kept


class _Index:
    """Where the kept entities are, by corpus entity and by name key: a long text has thousands of
    entities, and comparing each new one with every one kept grew with their square."""

    def __init__(self) -> None:
        self.by_entity: dict[str, set[int]] = {}
        self.by_key: dict[str, set[int]] = {}

    def add(self, position: int, node: DraftNode[TextSpan]) -> None:
        if node.entity:
            self.by_entity.setdefault(node.entity, set()).add(position)
        for name in (node.label, *node.aliases):
            if name:
                self.by_key.setdefault(name_key(name), set()).add(position)

    def candidates(self, node: DraftNode[TextSpan], keys: set[str]) -> list[int]:
        found = set(self.by_entity.get(node.entity, ())) if node.entity else set()
        for key in keys:
            found |= self.by_key.get(key, set())
        return sorted(found)


def _same_entity(
    g: GroundingState,
    kept: list[DraftNode[TextSpan]],
    index: _Index,
    node: DraftNode[TextSpan],
    keys: set[str],
) -> int | None:
    """Where the first kept entity the node is stands (the test is asked only of the kept nodes that
    share its corpus entity or a name: no other can pass it)."""
    return next(
        (
            i
            for i, k in ((i, kept[i]) for i in index.candidates(node, keys))
            if not g.vocab.is_claim(k.a)
            and any(g.compatible(a, b) for a in node.a for b in k.a)
            and (
                (node.entity and node.entity == k.entity)
                or (not (node.entity and k.entity) and keys & {name_key(n) for n in (k.label, *k.aliases) if n})
            )
        ),
        None,
    )


def _merge_into(g: GroundingState, target: DraftNode[TextSpan], node: DraftNode[TextSpan], names: list[str]) -> None:
    why = "same corpus entity" if node.entity and node.entity == target.entity else "same name"
    g.report.add("repaired", node.id, "node", f"merged into '{target.id}' ({why})")
    g.alias[node.id] = target.id
    target.mentions = sorted(set(target.mentions) | set(node.mentions), key=lambda s: (s.begin, s.end))
    for name in names:
        if name != target.label and name not in target.aliases:
            target.aliases.append(name)
    target.a = sorted({*target.a, *node.a}, key=(target.a + node.a).index)
    target.a = [c for c in target.a if not any(o != c and g.vocab.is_a(o, c) for o in target.a)]
    for key, values in node.props.items():
        target.props.setdefault(key, []).extend(v for v in values if v not in target.props[key])
    target.notes += [n for n in node.notes if n not in target.notes]
    target.entity = target.entity or node.entity
