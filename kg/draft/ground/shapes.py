"""The shapes' requirements a draft can meet by itself, and moving a node that cannot meet one up to
the nearest superclass that it can meet (a visit with no destination is still an event), or dropping it.
"""

from dataclasses import dataclass
from functools import lru_cache

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDFS

from kg.core.namespaces import DKG, SH
from kg.draft.ground.state import GroundingState
from kg.draft.model import DraftNode, TextSpan

_MAPPING_KEYS = {
    RDFS.label: "label",
    DKG.status: "status",
    DKG.evidence: "evidence",
    DKG.accordingTo: "according_to",
    DKG.reportedBy: "reported_by",
}
_STATUS_SPELLING = {"notHappened": "not-happened", "inForce": "in-force"}


@dataclass(frozen=True)
class ShapeRule:
    """One Violation-level requirement of the shapes, for nodes of ``target`` (and its subclasses)."""

    target: str
    path: str = ""
    min: int = 0
    max: int | None = None
    cls: str | None = None
    allowed: tuple[str, ...] | None = None
    any_of: tuple[str, ...] = ()
    name: str = ""


def _local(term) -> str | None:
    if term in _MAPPING_KEYS:
        return _MAPPING_KEYS[term]
    if isinstance(term, URIRef) and str(term).startswith(str(DKG)):
        return str(term)[len(str(DKG)) :]
    return None


def rules_from_shapes(shapes: Graph) -> list[ShapeRule]:
    """Requirements a draft can meet by itself: minimum and maximum counts, value classes, allowed
    statuses and 'one of these' alternatives. Anything subtler is left to the final validation."""
    rules = []
    for shape, target in sorted(shapes.subject_objects(SH.targetClass)):
        cls = _local(target)
        if cls is None:
            continue
        for prop in shapes.objects(shape, SH.property):
            if shapes.value(prop, SH.severity) == SH.Violation:
                rules += _property_rule(shapes, cls, prop)
        for alternatives in shapes.objects(shape, SH["or"]):
            if shapes.value(shape, SH.severity) == SH.Violation:
                rules += _any_of_rule(shapes, cls, shape, alternatives)
    return rules


def _property_rule(shapes: Graph, cls: str, prop) -> list[ShapeRule]:
    path = _local(shapes.value(prop, SH.path))
    if path is None or path in ("statedIn",):
        return []
    allowed = None
    values = shapes.value(prop, SH["in"])
    if values is not None:
        names = [name for name in (_local(v) for v in Collection(shapes, values)) if name is not None]
        allowed = tuple(sorted(_STATUS_SPELLING.get(name, name) for name in names))
    minimum, maximum = shapes.value(prop, SH.minCount), shapes.value(prop, SH.maxCount)
    return [
        ShapeRule(
            cls,
            path,
            int(str(minimum)) if minimum is not None else 0,
            int(str(maximum)) if maximum is not None else None,
            _local(shapes.value(prop, SH["class"])),
            allowed,
            name=str(prop),
        )
    ]


def _any_of_rule(shapes: Graph, cls: str, shape, alternatives) -> list[ShapeRule]:
    """sh:or of members that each require one path (or one value: "unstated: actor" stands in for an
    actor); an sh:or of anything else is left to the final validation."""
    paths = []
    for member in Collection(shapes, alternatives):
        keys = set(shapes.predicates(member))
        path = _local(shapes.value(member, SH.path))
        value = _local(shapes.value(member, SH.hasValue))
        if path is not None and keys == {SH.path, SH.hasValue} and value is not None:
            paths.append(f"{path}: {value}")
            continue
        if keys != {SH.path, SH.minCount} or path is None:
            return []
        paths.append(path)
    return [ShapeRule(cls, any_of=tuple(paths), name=str(shape))]


@lru_cache(maxsize=1)
def default_rules() -> tuple[ShapeRule, ...]:
    from kg.validate import shapes_graph

    return tuple(rules_from_shapes(shapes_graph()))


def count(g: GroundingState, node: DraftNode[TextSpan], path: str, cls: str | None) -> int:
    """How many values the node gives for a rule's path (of the rule's class, when it names one)."""
    if ": " in path:  # a required value ("unstated: actor")
        key, value = path.split(": ", 1)
        return int(value in node.props.get(key, []))
    if path == "label":
        return int(bool(node.label))
    if path == "status":
        return int(bool(node.status))
    if path == "evidence":
        return len(node.evidence)
    if path == "according_to":
        return 1  # a claim without a source of its own gets the default, which grounding always sets
    if path == "reported_by":
        return int(bool(node.reported_by or g.defaults.get(path)))
    values = node.props.get(path, [])
    if cls:
        values = [
            v
            for v in values
            if (v == "article" and cls == "NewsArticle")
            or (v in g.nodes and any(g.vocab.is_a(c, cls) for c in g.nodes[v].a))
        ]
    return len(values)


def failing(g: GroundingState, node: DraftNode[TextSpan]) -> ShapeRule | None:
    """The first rule the node cannot meet; values beyond a rule's maximum are dropped on the way."""
    for rule in _applicable(g, node):
        if rule.any_of:
            if not any(count(g, node, p, None) for p in rule.any_of):
                return rule
            continue
        if count(g, node, rule.path, rule.cls) < rule.min:
            return rule
        if rule.allowed is not None and rule.path == "status" and node.status not in rule.allowed:
            return rule
        if rule.max is not None and rule.path in node.props and len(node.props[rule.path]) > rule.max:
            extra = node.props[rule.path][rule.max :]
            node.props[rule.path] = node.props[rule.path][: rule.max]
            g.report.add("dropped", node.id, rule.path, f"at most {rule.max} allowed", ", ".join(map(str, extra)))
    return None


def _applicable(g: GroundingState, node: DraftNode[TextSpan]) -> list[ShapeRule]:
    """The rules for the node's classes, in order (found once per set of classes: grounding asks for
    every node, again after each change)."""
    key = tuple(node.a)
    found = g.applicable.get(key)
    if found is None:
        found = g.applicable[key] = [rule for rule in g.rules if any(g.vocab.is_a(c, rule.target) for c in node.a)]
    return found


def fit_shapes(g: GroundingState) -> bool:
    """Move every node that fails a rule up to its superclasses until it meets them all, or drop it
    when it has none; True if any node changed."""
    changed = False
    for node_id in list(g.nodes):
        node = g.nodes[node_id]
        while (rule := failing(g, node)) is not None:
            changed = True
            why = _why(rule)
            guilty = [c for c in node.a if g.vocab.is_a(c, rule.target)]
            parents = sorted({p for c in guilty for p in g.vocab.parents(c)})
            if not parents:
                g.report.add("dropped", node.id, "node", f"{'/'.join(guilty)} {why}")
                del g.nodes[node_id]
                break
            new = [c for c in node.a if c not in guilty] + [p for p in parents if p not in node.a]
            g.report.add(
                "repaired",
                node.id,
                "class",
                f"{'/'.join(guilty)} {why}; moved up to {'/'.join(parents)}",
                "/".join(node.a),
                "/".join(new),
            )
            node.notes.append(f"was {'/'.join(guilty)} ({why}): complete it or keep {'/'.join(parents)}")
            node.a = new
    return changed


def _why(rule: ShapeRule) -> str:
    if rule.any_of:
        return "needs one of " + ", ".join(rule.any_of)
    if rule.allowed is not None and rule.path == "status":
        return f"cannot have this status (allowed: {', '.join(rule.allowed)})"
    what = f"{rule.min} {rule.path}" if rule.min > 1 else f"a {rule.path}"
    return f"needs {what}" + (f" that is a {rule.cls}" if rule.cls else "")
