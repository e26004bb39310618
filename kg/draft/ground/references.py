"""References between nodes: to nodes that exist and are of the property's range, within the
properties' domains; and entities nothing refers to and the text does not mention are dropped.
"""

from rdflib.namespace import RDF, RDFS

from kg.core.checks import domain_error, range_error
from kg.core.namespaces import DKG
from kg.draft.ground.state import GroundingState
from kg.draft.model import DraftNode, TextSpan


def references(g: GroundingState) -> bool:
    """Drop references to nodes that do not exist or are of the wrong class; True if any changed."""
    changed = False
    for node in g.nodes.values():
        for key in ("according_to", "reported_by"):
            value = getattr(node, key)
            if value is None:
                continue
            target = g.resolve(value)
            if target is None or target == node.id:
                g.report.add("dropped", node.id, key, "refers to no node of the draft", value)
                changed = True
            setattr(node, key, target if target != node.id else None)
        for prop in [p for p in node.props if p in g.vocab.object_properties]:
            changed = _role_values(g, node, prop) or changed
    return changed


def _role_values(g: GroundingState, node: DraftNode[TextSpan], prop: str) -> bool:
    """Keep the property's values that refer to fitting nodes (or name roles); True if any went."""
    changed = False
    kept: list[str] = []
    names_a_role = g.vocab.term(prop).range == RDF.Property  # "unstated: actor"
    for value in node.props[prop]:
        target = str(value).strip() if names_a_role else g.resolve(value)
        reason = _bad_role(g, node, target) if names_a_role else _bad_reference(g, node, prop, target)
        if reason:
            g.report.add("dropped", node.id, prop, reason, value)
            changed = True
        elif target is not None and target not in kept:  # a value without a reason always has a target
            kept.append(target)
    node.props[prop] = kept
    if not kept:
        del node.props[prop]
    return changed


def _bad_role(g: GroundingState, node: DraftNode[TextSpan], role: str | None) -> str | None:
    """A value that names a role (``unstated: actor``): an object property the node does not also give."""
    if role not in g.vocab.object_properties:
        return f"'{role}' is not an object property of the ontology"
    if role in node.props:
        return f"'{role}' is given and also said to be unstated"
    return None


def _bad_reference(g: GroundingState, node: DraftNode[TextSpan], prop: str, target: str | None) -> str | None:
    ontology = g.vocab.ontology
    rng = ontology.graph.value(g.vocab.term(prop).iri, RDFS.range)
    if target is None:
        return "refers to no node of the draft"
    if target == node.id:
        return "refers to the node itself"
    if (target == "article") != (rng == DKG.NewsArticle):
        return "only 'about' may refer to the article" if target == "article" else "must refer to the article"
    if target == "article":
        return None
    wanted = g.vocab.range_class(prop)
    if wanted and not any(g.vocab.is_a(c, wanted) for c in g.nodes[target].a):
        return f"'{target}' is not a {wanted}"
    # the loader's own range check (it also knows the reused vocabularies' classes, prov:Agent)
    return range_error(ontology, g.vocab.term(prop), prop, target, g.vocab.iris(g.nodes[target].a))


def refs_of(g: GroundingState, values: dict, where: str, report: bool = True) -> dict:
    """The article's or the defaults' references, resolved to kept nodes (others dropped)."""
    kept: dict[str, bool | str] = {}
    for key, value in sorted(values.items()):
        if isinstance(value, bool) or value is None:
            if value is not None:
                kept[key] = value
            continue
        target = g.resolve(value)
        if target is None or target == "article":
            if report:
                g.report.add("dropped", None, f"{where}.{key}", "refers to no node of the draft", value)
        else:
            kept[key] = target
    return kept


def domains(g: GroundingState) -> bool:
    """A property whose domain the node is not in goes (the loader would refuse it): after a post
    moved up to a claim, its ``heldBy`` no longer applies."""
    ontology, changed = g.vocab.ontology, False
    for node in g.nodes.values():
        classes = g.vocab.iris(node.a)
        for prop in sorted(node.props):
            term = ontology.term(prop)
            why = domain_error(ontology, term, prop, classes, "/".join(node.a)) if term is not None else None
            if why:
                g.report.add("dropped", node.id, prop, why)
                del node.props[prop]
                changed = True
    return changed


def unused(g: GroundingState) -> bool:
    """Entities with no mention in the text that nothing refers to are dropped."""
    used = {g.resolve(v) for v in {**g.proposal.defaults, **g.proposal.article}.values() if isinstance(v, str)}
    for node in g.nodes.values():
        used |= {node.according_to, node.reported_by}
        for prop, values in node.props.items():
            if prop in g.vocab.object_properties:
                used |= set(values)
    changed = False
    for node_id in sorted(g.nodes):
        node = g.nodes[node_id]
        if not g.vocab.is_claim(node.a) and not node.mentions and node_id not in used:
            g.report.add("dropped", node_id, "node", "no mention in the text and nothing refers to it")
            del g.nodes[node_id]
            changed = True
    return changed
