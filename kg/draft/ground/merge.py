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
    for node in nodes:
        if g.vocab.is_claim(node.a):
            kept.append(node)
            continue
        names = [n for n in (node.label, *node.aliases) if n]
        node.entity = node.entity or g.corpus.entity_for(names, node.a, g.compatible)
        target = _same_entity(g, kept, node, {name_key(n) for n in names})
        if target is None:
            kept.append(node)
        else:
            _merge_into(g, target, node, names)
    return kept


def _same_entity(
    g: GroundingState, kept: list[DraftNode[TextSpan]], node: DraftNode[TextSpan], keys: set[str]
) -> DraftNode[TextSpan] | None:
    return next(
        (
            k
            for k in kept
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
