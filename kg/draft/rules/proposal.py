"""What the rules found, as a proposal in the mapping's own shape: entity keys become node ids, and a
reference to an entity the text does not mention is left out (there is nothing to refer to).
"""

from kg.draft.known import slug
from kg.draft.model import DraftNode, Located, Proposal, TextSpan
from kg.draft.rules.reading import Reading

# Entity keys of the rules back-end (and "claim:" for claims): a value with one of these prefixes that
# has no node id names an entity the text does not mention.
_KEY_PREFIXES = ("entity:", "name:", "claim:", "collective:", "source:", "government:", "port:", "company:", "agent:")


def proposal(r: Reading, defaults: dict) -> Proposal:
    ids = _node_ids(r)
    nodes: list[DraftNode[Located]] = []
    for key, ent in r.entities.items():
        if key not in ids:
            continue
        nodes.append(
            DraftNode(
                ids[key],
                list(ent.classes),
                ent.label,
                list(ent.aliases),
                [TextSpan(b, e) for b, e in ent.spans],
                props=_refs(ids, ent.props),
                notes=list(ent.notes),
                entity=ent.entity,
            )
        )
    for claim in r.claims:
        props = _refs(ids, {k: v for k, v in claim.props.items() if k != "reported_by"})
        reported = _ref(ids, claim.props.get("reported_by", [None])[0])
        evidence: list[Located] = [TextSpan(b, e) for b, e in dict.fromkeys(claim.evidence)]
        nodes.append(
            DraftNode(
                claim.id,
                [claim.cls],
                claim.label,
                evidence=evidence,
                status=claim.status,
                according_to=_ref(ids, claim.according_to),
                reported_by=reported,
                props=props,
                notes=list(claim.notes),
            )
        )
    sections: list[Located] = [TextSpan(p.begin, p.end) for p in r.paragraphs if p.heading]
    article = {k: ids[v] for k, v in r.article.items() if v in ids}
    defaults = {k: ids[v] for k, v in defaults.items() if v in ids}
    return Proposal(nodes, article, sections, defaults)


def _node_ids(r: Reading) -> dict[str, str]:
    """Entity key or "claim:" id -> node id: the corpus entity's id or the label's slug, made unique."""
    ids: dict[str, str] = {}
    used: set[str] = set()
    for key, ent in r.entities.items():
        if "Conference" in ent.classes:
            continue  # a conference is a claim (``article.conference``)
        base = ent.entity or slug(ent.label)
        new, n = base, 2
        while new in used or new == "article":
            new, n = f"{base}-{n}", n + 1
        used.add(new)
        ids[key] = new
    for claim in r.claims:
        ids["claim:" + claim.id] = claim.id
    return ids


def _ref(ids: dict[str, str], value):
    if isinstance(value, str) and (value in ids or value == "article"):
        return ids.get(value, value)
    if isinstance(value, str) and value.startswith(_KEY_PREFIXES):
        return None  # an entity the text does not mention: nothing to refer to
    return value


def _refs(ids: dict[str, str], props: dict) -> dict:
    out = {}
    for prop, values in props.items():
        kept = [v for v in (_ref(ids, v) for v in values) if v is not None]
        if kept:
            out[prop] = kept
    return out
