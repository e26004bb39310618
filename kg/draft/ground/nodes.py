"""One proposed node held to the ontology on its own: its classes, status and properties spelled as
the ontology spells them (or dropped), its literals of the property's datatype, its quotes in the text.
"""

import re

from rdflib.namespace import XSD

from kg.draft.ground.quotes import span, spans
from kg.draft.ground.state import GroundingState
from kg.draft.model import DraftNode, DraftQuote, Located, TextSpan
from kg.load.model import STATUSES

_UNTYPED = object()  # a datatype whose values are kept as text


def check_node(g: GroundingState, node: DraftNode[Located]) -> DraftNode[TextSpan] | None:
    classes = _classes(g, node)
    if not classes:
        g.report.add("dropped", node.id, "node", "no class from the ontology")
        return None
    claim = g.vocab.is_claim(classes)
    out: DraftNode[TextSpan] = DraftNode(
        node.id, classes, (node.label or "").strip() or None, notes=list(node.notes), entity=node.entity
    )
    out.aliases = list(dict.fromkeys(a.strip() for a in node.aliases if a and a.strip() and a.strip() != out.label))
    out.mentions = spans(g, node.mentions, node.id, "mention")
    if node.mentions and not out.mentions and not claim:
        g.report.add("dropped", node.id, "node", "none of its mentions is in the text")
        return None
    if claim and not _claim_parts(g, node, out):
        return None
    if not claim:
        for key in ("evidence", "status", "according_to", "reported_by"):
            if getattr(node, key):
                g.report.add("dropped", node.id, key, "applies only to claims", str(getattr(node, key)))
    _properties(g, node, out)
    if out.label is None:
        source = out.mentions or out.evidence
        if source:
            words = g.text[source[0].begin : source[0].end].split()
            out.label = " ".join(words[:12]) + (" ..." if len(words) > 12 else "")
            g.report.add("repaired", node.id, "label", "missing; taken from the text", None, out.label)
    return out


def _claim_parts(g: GroundingState, node: DraftNode[Located], out: DraftNode[TextSpan]) -> bool:
    """A claim's evidence, status and sources; False when it has no evidence or no valid status left."""
    out.evidence = spans(g, node.evidence, node.id, "evidence")
    out.status = _status(g, node)
    if not out.evidence:
        g.report.add("dropped", node.id, "claim", "no evidence left in the text")
        return False
    if out.status is None:
        g.report.add("dropped", node.id, "claim", "no valid status")
        return False
    out.according_to, out.reported_by = node.according_to or None, node.reported_by or None
    return True


def _properties(g: GroundingState, node: DraftNode[Located], out: DraftNode[TextSpan]) -> None:
    for key, values in node.props.items():
        prop = _property_name(g, node, key)
        if prop is None:
            continue
        values = values if isinstance(values, list) else [values]
        if prop in g.vocab.object_properties:
            kept = [str(v).strip() for v in values if str(v).strip()]
        else:
            kept = [v for v in (_literal(g, out, prop, v) for v in values) if v is not None]
        if kept:
            out.props.setdefault(prop, []).extend(kept)


def _classes(g: GroundingState, node: DraftNode[Located]) -> list[str]:
    kept = []
    for name in node.a:
        name = str(name).strip()
        if g.vocab.is_class(name):
            kept.append(name)
            continue
        fixed = next(
            (
                c
                for c in g.vocab.claim_classes + g.vocab.entity_classes
                if c.casefold() == re.sub(r"[\s_-]", "", name).casefold()
            ),
            None,
        )
        if fixed:
            g.report.add("repaired", node.id, "class", "spelling", name, fixed)
            kept.append(fixed)
        else:
            g.report.add("dropped", node.id, "class", "not an ontology class a mapping may use", name)
    return list(dict.fromkeys(kept))


def _status(g: GroundingState, node: DraftNode[Located]) -> str | None:
    if node.status is None:
        return None
    raw = str(node.status)
    value = re.sub(r"[\s_]+", "-", raw.strip().lower())
    if value in STATUSES:
        if value != raw:
            g.report.add("repaired", node.id, "status", "spelling", raw, value)
        return value
    g.report.add("dropped", node.id, "status", f"not a status ({', '.join(STATUSES)})", raw)
    return None


def _property_name(g: GroundingState, node: DraftNode[Located], key: str) -> str | None:
    if key in g.vocab.object_properties or key in g.vocab.datatype_properties:
        return key
    camel = re.sub(r"[_\s-]+(\w)", lambda m: m.group(1).upper(), key.strip())
    camel = camel[:1].lower() + camel[1:]
    if camel in g.vocab.object_properties or camel in g.vocab.datatype_properties:
        g.report.add("repaired", node.id, "property", "spelling", key, camel)
        return camel
    g.report.add("dropped", node.id, "property", "not an ontology property a mapping may use", key)
    return None


def _literal(g: GroundingState, node: DraftNode[TextSpan], prop: str, value):
    datatype = g.vocab.ontology.literal_datatype(g.vocab.term(prop))
    if prop == "quote":  # a statement's quote must be verbatim (shape QuoteInText)
        found = span(
            g, value if isinstance(value, (TextSpan, DraftQuote)) else DraftQuote(str(value)), node.id, "quote"
        )
        return None if found is None else g.text[found.begin : found.end]
    if isinstance(value, TextSpan):
        value = g.text[value.begin : value.end]
    if isinstance(value, DraftQuote):
        value = value.text
    try:
        typed = _typed(value, datatype)
    except ValueError:
        g.report.add("dropped", node.id, prop, f"not a valid {datatype.split('#')[-1]}", str(value))
        return None
    if typed is not _UNTYPED:
        return typed
    text = str(value).strip()
    return text or None


def _typed(value, datatype):
    """The value as the datatype's Python value; ValueError if it is not one, ``_UNTYPED`` for text."""
    if datatype == XSD.boolean:
        if isinstance(value, bool):
            return value
        if str(value).strip().lower() in ("true", "false"):
            return str(value).strip().lower() == "true"
        raise ValueError
    if datatype == XSD.gYear:
        if re.fullmatch(r"-?\d{4}", str(value).strip()):
            return int(str(value).strip())
        raise ValueError
    if datatype in (XSD.integer, XSD.nonNegativeInteger, XSD.decimal) and isinstance(value, bool):
        raise ValueError
    if datatype in (XSD.integer, XSD.nonNegativeInteger):
        number = int(str(value).replace(",", "").strip())
        if datatype == XSD.nonNegativeInteger and number < 0:
            raise ValueError
        return number
    if datatype == XSD.decimal:
        decimal = float(str(value).replace(",", "").strip())
        return int(decimal) if decimal.is_integer() else decimal
    return _UNTYPED
