"""The rules back-end's claims on the parse's entities, and the parse's claims where the rules read none.

The parse gives roles where cue words cannot see them (a speaker after the quote, the subject of a long
sentence, whom "he" means), but many claims are named by words the role rules have no trigger for: a
visit someone "arrived in Washington to begin", assistance, conferences, shared stances, each thing
"to discuss", posts from titles of every form. The rules back-end reads those, on the same text and with
the same entity list; its proposal is its public output, so this takes it whole rather than reaching
into its modules, and one set of cue words serves both back-ends.

Measured on the tuning half, where both back-ends read a claim of one kind (``_KIND``) in the same
sentence the rules' reading matched the reviewed mapping more often (posts, visits, talks and
statements alike), so it stands and the parse's is given up (what referred to it refers to the rules'
claim). The rules' roles are moved onto the parse's entities: the same corpus entity, else the entity of
a compatible class whose mentions overlap; a name the parse tagged with another class ("UAE" an
organisation, the rules' country) takes the rules' class. An entity of the rules the parse did not find
comes along with the mentions the parse gave no name, or without mentions when it is a corpus entity;
otherwise the role is left out (grounding then moves the claim up a class, or drops it).
"""

from collections.abc import Sequence
from dataclasses import replace

from kg.draft.model import DraftNode, Located, Proposal, TextSpan
from kg.draft.schema import DraftVocabulary

# Claims of one kind describe the same thing read twice: a statement by one speaker or by two, talks
# or a meeting of the same persons.
_KIND = {"JointStatement": "Statement", "Meeting": "Talks"}


def combine(parsed: Proposal, ruled: Proposal, vocab: DraftVocabulary) -> Proposal:
    """``parsed`` (the nlp back-end's proposal) with the claims of ``ruled`` (the rules back-end's, on the
    same text): where both read a claim, the rules' stands and the parse's is given up."""
    into = _Into(parsed, ruled, vocab)
    added = [into.claim(n) for n in ruled.nodes if vocab.is_claim(n.a)]
    headings = [s for s in parsed.sections if isinstance(s, TextSpan)]
    for node in into.claims:
        if node.id in into.instead or node.a[0] in ("Statement", "JointStatement"):
            continue
        same = _restated(node, added, headings)
        if same is not None:  # a headline restates the lead: one claim, with both pieces of evidence
            same.evidence = same.evidence + [e for e in node.evidence if e not in same.evidence]
            into.instead[node.id] = same.id
    kept = []
    for node in parsed.nodes:
        if node.id in into.instead:
            continue
        if node.id in into.retype:
            node = replace(node, a=list(into.retype[node.id]))
        if vocab.is_claim(node.a) and into.instead:
            props = {
                k: [into.instead.get(v, v) if isinstance(v, str) else v for v in vs] for k, vs in node.props.items()
            }
            node = replace(node, props=props)
        kept.append(node)
    defaults = {**into.refs(ruled.defaults), **parsed.defaults}
    article = {**into.refs(ruled.article), **parsed.article}
    return replace(parsed, nodes=kept + into.brought + added, defaults=defaults, article=article)


class _Into:
    """The rules' proposal moved onto the parse's: node ids, entities and the claims given up."""

    def __init__(self, parsed: Proposal, ruled: Proposal, vocab: DraftVocabulary):
        self.used = {n.id for n in parsed.nodes}
        self.entities = [n for n in parsed.nodes if not vocab.is_claim(n.a)]
        self.claims = [n for n in parsed.nodes if vocab.is_claim(n.a)]
        self.rules_entities = {n.id: n for n in ruled.nodes if not vocab.is_claim(n.a)}
        self.retype: dict[str, list[str]] = {}  # a name of the parse the rules read as another class -> it
        self.ids: dict[str, str | None] = {
            k: _entity_for(n, self.entities, vocab, self.retype) for k, n in self.rules_entities.items()
        }
        for node in ruled.nodes:  # claim ids first: a claim may refer to one read after it
            if vocab.is_claim(node.a):
                self.ids[node.id] = _unique(node.id, self.used)
        self.instead: dict[str, str] = {}  # a claim of the parse given up -> the rules' claim that stands
        self.brought: list[DraftNode[Located]] = []
        self.left_out: set[str] = set()

    def claim(self, node: DraftNode[Located]) -> DraftNode[Located]:
        new = self.ids[node.id]
        assert new is not None
        for given_up in (c for c in self.claims if c.id not in self.instead and _same_kind(node, c)):
            self.instead[given_up.id] = new
        props = {
            k: kept for k, values in node.props.items() if (kept := [v for v in map(self.ref, values) if v is not None])
        }
        return replace(
            node, id=new, props=props, according_to=self.ref(node.according_to), reported_by=self.ref(node.reported_by)
        )

    def refs(self, values: dict) -> dict:
        return {k: mapped for k, v in values.items() if (mapped := self.ref(v)) is not None}

    def ref(self, value):
        """The parse's node for a rules node id (None: leave the reference out); a literal as it is."""
        if not isinstance(value, str) or value not in self.ids:
            return value
        if self.ids[value] is not None or value in self.left_out:
            return self.ids[value]
        node = self.rules_entities[value]  # an entity of the rules the parse did not find
        own = [m for m in node.mentions if not any(_within(m, other.mentions) for other in self.entities)]
        if not own and node.entity is None:  # every mention of it is a name of the parse's
            self.left_out.add(value)
            return None
        self.ids[value] = new = _unique(node.id, self.used)
        self.brought.append(replace(node, id=new, mentions=own))
        return new


def _restated(
    node: DraftNode[Located], added: list[DraftNode[Located]], headings: list[TextSpan]
) -> DraftNode[Located] | None:
    """The rules' claim a claim of the parse says again: a post of the same holder (the parse reads
    "President Biden" as a post again where the rules read "President Joe Biden"), or, for a claim read
    in a heading only, a claim of its kind with a role filled alike ("X visits Washington" over "X
    arrived in Washington today to begin a visit")."""
    kind = _KIND.get(node.a[0], node.a[0])
    in_heading = all(_within(e, headings) for e in node.evidence)
    for claim in added:
        if _KIND.get(claim.a[0], claim.a[0]) != kind:
            continue
        if kind == "Post" and node.props.get("heldBy") and node.props.get("heldBy") == claim.props.get("heldBy"):
            return claim
        if in_heading and any(set(v) & set(claim.props.get(k, ())) for k, v in node.props.items()):
            return claim
        if kind in _OCCASION and _who(node) and _who(node) == _who(claim):
            return claim
    return None


_OCCASION = {"Talks"}


def _who(claim: DraftNode[Located]) -> set[str]:
    return {v for k in ("side", "participant", "counterpart") for v in claim.props.get(k, [])}


def _same_kind(node: DraftNode[Located], claim: DraftNode[Located]) -> bool:
    """Whether two claims are one read twice: of one kind, with evidence in the same words."""
    kind = _KIND.get(node.a[0], node.a[0])
    return _KIND.get(claim.a[0], claim.a[0]) == kind and any(_overlaps(e, claim.evidence) for e in node.evidence)


def _entity_for(
    node: DraftNode[Located], entities: list[DraftNode[Located]], vocab, retype: dict[str, list[str]]
) -> str | None:
    """The parse's node for a rules entity: the same corpus entity, else the one of a compatible class
    most of its mentions overlap ("the Pentagon" is not the Department of Defense the rules read it as,
    nor "Downing Street" the spokesperson of "a Downing Street spokesperson")."""
    if node.entity:
        same = next((e for e in entities if e.entity == node.entity), None)
        if same is not None:
            return same.id
    best, score = None, 0
    for other in entities:
        if node.entity and other.entity and node.entity != other.entity:
            continue
        if not node.notes and not any(a == b or vocab.is_a(a, b) or vocab.is_a(b, a) for a in node.a for b in other.a):
            continue  # a class the rules marked for review is a guess: the parse's name stands
        shared = sum(1 for m in node.mentions if _overlaps(m, other.mentions))
        if shared > score:
            best, score = other.id, shared
    if best is None:
        for other in entities:
            if other.entity is None and any(m in other.mentions for m in node.mentions):
                retype[other.id] = node.a
                return other.id
    return best


def _overlaps(span: Located, others: Sequence[Located]) -> bool:
    if not isinstance(span, TextSpan):
        return False
    return any(isinstance(o, TextSpan) and o.begin < span.end and span.begin < o.end for o in others)


def _within(span: Located, others: Sequence[Located]) -> bool:
    if not isinstance(span, TextSpan):
        return False
    return any(isinstance(o, TextSpan) and o.begin <= span.begin and span.end <= o.end for o in others)


def _unique(base: str, used: set[str]) -> str:
    new, n = base, 2
    while new in used:
        new, n = f"{base}-{n}", n + 1
    used.add(new)
    return new
