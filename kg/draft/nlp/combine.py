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

# Claims of one kind describe the same thing read twice: a statement by one speaker or by two, or what
# two "agreed" (the rules read a shared stance), talks or a meeting of the same persons.
_KIND = {"JointStatement": "Statement", "SharedStance": "Statement", "Meeting": "Talks"}
_BLOCK = 2000  # characters per bucket of ``_Spans``


def combine(parsed: Proposal, ruled: Proposal, vocab: DraftVocabulary) -> Proposal:
    """``parsed`` (the nlp back-end's proposal) with the claims of ``ruled`` (the rules back-end's, on the
    same text): where both read a claim, the rules' stands and the parse's is given up."""
    into = _Into(parsed, ruled, vocab)
    added = [into.claim(n) for n in ruled.nodes if vocab.is_claim(n.a)]
    restated = _Restated(added, [s for s in parsed.sections if isinstance(s, TextSpan)])
    for node in into.claims:
        if node.id in into.instead or node.a[0] in ("Statement", "JointStatement"):
            continue
        same = restated.of(node)
        if same is not None:  # one claim, with both pieces of evidence
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


class _Spans:
    """Nodes by where their spans are, in buckets of the text: a long text has thousands of claims and
    names, and comparing each of the rules' with each of the parse's grew with their product."""

    def __init__(self) -> None:
        self.buckets: dict[int, list[tuple[int, TextSpan, DraftNode[Located]]]] = {}
        self.count = 0

    def add(self, spans: Sequence[Located], node: DraftNode[Located]) -> None:
        for span in spans:
            if isinstance(span, TextSpan):
                for bucket in range(span.begin // _BLOCK, (max(span.end, span.begin + 1) - 1) // _BLOCK + 1):
                    self.buckets.setdefault(bucket, []).append((self.count, span, node))
        self.count += 1

    def overlapping(self, span: Located) -> list[tuple[TextSpan, DraftNode[Located]]]:
        """The (span, node) pairs whose span overlaps ``span``, in the order the nodes were added."""
        if not isinstance(span, TextSpan):
            return []
        found: dict[tuple[int, int, int], tuple[TextSpan, DraftNode[Located]]] = {}
        for bucket in range(span.begin // _BLOCK, (max(span.end, span.begin + 1) - 1) // _BLOCK + 1):
            for order, other, node in self.buckets.get(bucket, ()):
                if other.begin < span.end and span.begin < other.end:
                    found.setdefault((order, other.begin, other.end), (other, node))
        return [found[k] for k in sorted(found)]


class _Into:
    """The rules' proposal moved onto the parse's: node ids, entities and the claims given up."""

    def __init__(self, parsed: Proposal, ruled: Proposal, vocab: DraftVocabulary):
        self.vocab = vocab
        self.used = {n.id for n in parsed.nodes}
        entities = [n for n in parsed.nodes if not vocab.is_claim(n.a)]
        self.claims = [n for n in parsed.nodes if vocab.is_claim(n.a)]
        self.mentions, self.evidence = _Spans(), _Spans()
        for node in entities:
            self.mentions.add(node.mentions, node)
        for node in self.claims:
            self.evidence.add(node.evidence, node)
        self.known: dict[str, str] = {}
        for node in entities:
            if node.entity:
                self.known.setdefault(node.entity, node.id)
        self.rules_entities = {n.id: n for n in ruled.nodes if not vocab.is_claim(n.a)}
        self.retype: dict[str, list[str]] = {}  # a name of the parse the rules read as another class -> it
        self.ids: dict[str, str | None] = {k: self._entity_for(n) for k, n in self.rules_entities.items()}
        for node in ruled.nodes:  # claim ids first: a claim may refer to one read after it
            if vocab.is_claim(node.a):
                self.ids[node.id] = _unique(node.id, self.used)
        self.instead: dict[str, str] = {}  # a claim of the parse given up -> the rules' claim that stands
        self.brought: list[DraftNode[Located]] = []
        self.left_out: set[str] = set()

    def _entity_for(self, node: DraftNode[Located]) -> str | None:
        """The parse's node for a rules entity: the same corpus entity, else the one of a compatible class
        most of its mentions overlap ("the Pentagon" is not the Department of Defense the rules read it
        as, nor "Downing Street" the spokesperson of "a Downing Street spokesperson"), else a name of the
        parse written in the same words with no corpus entity, which takes the rules' class (``retype``:
        "UAE" the recogniser's organisation, the gazetteer's country)."""
        if node.entity and node.entity in self.known:
            return self.known[node.entity]
        scores: dict[str, int] = {}
        same_words: list[DraftNode[Located]] = []
        for mention in node.mentions:
            for span, other in self.mentions.overlapping(mention):
                if span == mention and other.entity is None:
                    same_words.append(other)
                if node.entity and other.entity and node.entity != other.entity:
                    continue
                if node.notes or self._compatible(node.a, other.a):  # a class the rules marked is a guess
                    scores[other.id] = scores.get(other.id, 0) + 1
        if scores:
            return max(scores, key=lambda k: scores[k])  # the first of the best: dicts keep their order
        if same_words:
            self.retype[same_words[0].id] = node.a
            return same_words[0].id
        return None

    def _compatible(self, ours: list[str], theirs: list[str]) -> bool:
        return any(a == b or self.vocab.is_a(a, b) or self.vocab.is_a(b, a) for a in ours for b in theirs)

    def claim(self, node: DraftNode[Located]) -> DraftNode[Located]:
        new = self.ids[node.id]
        assert new is not None
        kind = _KIND.get(node.a[0], node.a[0])
        for span in node.evidence:
            for _, given_up in self.evidence.overlapping(span):
                if given_up.id not in self.instead and _KIND.get(given_up.a[0], given_up.a[0]) == kind:
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
        own = [m for m in node.mentions if not any(_within(m, o) for o, _ in self.mentions.overlapping(m))]
        if not own and node.entity is None:  # every mention of it is a name of the parse's
            self.left_out.add(value)
            return None
        self.ids[value] = new = _unique(node.id, self.used)
        self.brought.append(replace(node, id=new, mentions=own))
        return new


class _Restated:
    """The rules' claim a claim of the parse says again: a post of the same holder (the parse reads
    "President Biden" as a post again where the rules read "President Joe Biden"); talks of the same
    sides ("They discussed ..." after the rules' meeting of the two, as the parse itself makes one claim
    of one event read twice); or, for a claim read in a heading only, a claim of its kind with a role
    filled alike ("X visits Washington" over "X arrived in Washington today to begin a visit")."""

    def __init__(self, added: list[DraftNode[Located]], headings: list[TextSpan]):
        self.headings = headings
        self.by_kind: dict[str, list[DraftNode[Located]]] = {}
        self.posts: dict[tuple, DraftNode[Located]] = {}
        self.occasions: dict[frozenset[str], DraftNode[Located]] = {}
        for claim in added:
            kind = _KIND.get(claim.a[0], claim.a[0])
            self.by_kind.setdefault(kind, []).append(claim)
            if kind == "Post" and claim.props.get("heldBy"):
                self.posts.setdefault(tuple(claim.props["heldBy"]), claim)
            if kind == "Talks" and _who(claim):
                self.occasions.setdefault(frozenset(_who(claim)), claim)

    def of(self, node: DraftNode[Located]) -> DraftNode[Located] | None:
        kind = _KIND.get(node.a[0], node.a[0])
        if kind == "Post" and node.props.get("heldBy") and tuple(node.props["heldBy"]) in self.posts:
            return self.posts[tuple(node.props["heldBy"])]
        if kind == "Talks" and frozenset(_who(node)) in self.occasions:
            return self.occasions[frozenset(_who(node))]
        if node.evidence and all(any(_within(e, h) for h in self.headings) for e in node.evidence):
            for claim in self.by_kind.get(kind, []):
                if any(set(v) & set(claim.props.get(k, ())) for k, v in node.props.items()):
                    return claim
        return None


def _who(claim: DraftNode[Located]) -> set[str]:
    return {v for k in ("side", "participant", "counterpart") for v in claim.props.get(k, [])}


def _within(span: Located, other: Located) -> bool:
    return (
        isinstance(span, TextSpan)
        and isinstance(other, TextSpan)
        and other.begin <= span.begin
        and span.end <= other.end
    )


def _unique(base: str, used: set[str]) -> str:
    new, n = base, 2
    while new in used:
        new, n = f"{base}-{n}", n + 1
    used.add(new)
    return new
