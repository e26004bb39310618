"""Measure a draft against a reviewed mapping of the same text (``kg draft-eval DRAFT GOLD``).

Entities are matched one to one by their spans in the text (a node's mentions; for a node with none,
the places where its label or an alias occurs as whole words; a node with neither cannot be matched
and is counted apart). Claims are matched one to one within a class by overlapping evidence. On the
matched claims, status, ``according_to`` (through the entity matching) and the main role (speaker,
actor, holder, visitor or holder of a post) are compared.
"""

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from kg.article.model import Mapping, Quote
from kg.article.yamlpos import load_with_lines
from kg.draft.schema import Vocabulary, vocabulary
from kg.draft.text import occurrences, whole_word_spans
from kg.errors import KgError

ROLES = ("speaker", "actor", "holder", "visitor", "heldBy")


@dataclass
class Side:
    """One mapping, reduced to what the comparison needs."""

    path: Path
    text: str
    mapping: Mapping
    spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # entity id -> spans
    mention_spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    evidence: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # claim id -> spans
    unanchored: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    missing_quotes: list[str] = field(default_factory=list)


def _load(path: Path) -> tuple[Mapping, str]:
    path = Path(path)
    if not path.is_file():
        raise KgError(f"{path}: no such mapping file")
    data, _ = load_with_lines(path)
    try:
        mapping = Mapping.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        raise KgError(f"{path}: {'.'.join(map(str, error['loc']))}: {error['msg']}") from None
    text_path = path.parent / mapping.article.text
    try:
        text = text_path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise KgError(f"{text_path}: cannot read article text: {exc.__class__.__name__}") from None
    return mapping, text


def _locate(text: str, item) -> tuple[int, int] | None:
    quote = item.quote if isinstance(item, Quote) else item
    occurrence = item.occurrence if isinstance(item, Quote) else 1
    starts = occurrences(text, quote)
    if not starts or occurrence > len(starts) or (isinstance(item, str) and len(starts) > 1):
        return None
    return starts[occurrence - 1], starts[occurrence - 1] + len(quote)


def side(path: Path, vocab: Vocabulary) -> Side:
    mapping, text = _load(path)
    result = Side(Path(path), text, mapping)

    def spans(node_id: str, items) -> list[tuple[int, int]]:
        found = []
        for item in items:
            span = _locate(text, item)
            if span is None:
                result.missing_quotes.append(f"{node_id}: {item.quote if isinstance(item, Quote) else item}")
            else:
                found.append(span)
        return found

    spans("article.sections", mapping.article.sections)
    for node_id, node in sorted(mapping.nodes.items()):
        classes = [c for c in node.a if vocab.is_class(c)]
        if vocab.is_claim(classes):
            result.evidence[node_id] = spans(node_id, node.evidence)
            quote = node.properties.get("quote")
            if isinstance(quote, str) and quote not in text:
                result.missing_quotes.append(f"{node_id}: {quote}")
            continue
        mentions = spans(node_id, node.mentions)
        if classes and all(vocab.is_a(c, "Topic") for c in classes):
            result.topics.append(node_id)
            continue
        # a node that lists no mentions gets every whole-word occurrence of its names, as the compiler does
        anchors = mentions or sorted({s for name in (node.label, *node.aliases) if name for s in whole_word_spans(text, name)})
        result.mention_spans[node_id] = anchors
        if anchors:
            result.spans[node_id] = anchors
        else:
            result.unanchored.append(node_id)
    return result


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _match(left: dict, right: dict, allowed=lambda l, r: True) -> dict[str, str]:
    """One-to-one matching by overlapping spans: most overlapping spans first, then most characters."""
    pairs = []
    for l_id, l_spans in left.items():
        for r_id, r_spans in right.items():
            if not allowed(l_id, r_id):
                continue
            hits = sum(1 for r in r_spans if any(_overlap(l, r) for l in l_spans))
            chars = sum(_overlap(l, r) for l in l_spans for r in r_spans)
            if hits:
                pairs.append((-hits, -chars, l_id, r_id))
    matched, used = {}, set()
    for _, _, l_id, r_id in sorted(pairs):
        if l_id not in matched and r_id not in used:
            matched[l_id] = r_id
            used.add(r_id)
    return matched


@dataclass
class Row:
    name: str
    gold: int
    draft: int
    matched: int

    @property
    def precision(self) -> float | None:
        return self.matched / self.draft if self.draft else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None if p is None or r is None else 0.0
        return 2 * p * r / (p + r)

    def as_dict(self) -> dict:
        return {"name": self.name, "gold": self.gold, "draft": self.draft, "matched": self.matched,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass
class Evaluation:
    draft: str
    gold: str
    entities: Row
    mentions: Row
    topics: Row
    claims: Row
    per_class: list[Row]
    agreement: dict[str, tuple[int, int]]  # what -> (agreeing, compared)
    missing_quotes: list[str]
    unanchored: dict[str, int]

    def row(self, name: str) -> Row:
        return next(r for r in self.per_class if r.name == name)

    def as_dict(self) -> dict:
        return {"draft": self.draft, "gold": self.gold, "entities": self.entities.as_dict(),
                "mentions": self.mentions.as_dict(), "topics": self.topics.as_dict(), "claims": self.claims.as_dict(),
                "per_class": [r.as_dict() for r in self.per_class],
                "agreement": {k: {"agree": a, "compared": n, "rate": a / n if n else None} for k, (a, n) in self.agreement.items()},
                "quotes_not_in_text": len(self.missing_quotes), "missing_quotes": self.missing_quotes,
                "unanchored": self.unanchored}

    def table(self) -> str:
        def num(value):
            return "-" if value is None else f"{value:.2f}"

        lines = [f"{'':24} {'gold':>5} {'draft':>6} {'matched':>8} {'precision':>10} {'recall':>7} {'F1':>6}"]
        for row in [self.entities, self.mentions, self.topics, self.claims] + self.per_class:
            name = row.name if row in (self.entities, self.mentions, self.topics, self.claims) else "  " + row.name
            draft = "-" if row is self.mentions else str(row.draft)
            precision = "-" if row is self.mentions else num(row.precision)
            f1 = "-" if row is self.mentions else num(row.f1)
            lines.append(f"{name:24} {row.gold:>5} {draft:>6} {row.matched:>8} {precision:>10} {num(row.recall):>7} {f1:>6}")
        agree = ", ".join(f"{k} {a}/{n}" + (f" ({a / n:.2f})" if n else "") for k, (a, n) in self.agreement.items())
        lines.append(f"on matched claims: {agree}")
        lines.append(f"quotes not in the text: {len(self.missing_quotes)}")
        lines.append("not comparable by span (no mention, label not in the text): "
                     f"gold {self.unanchored['gold']}, draft {self.unanchored['draft']}")
        return "\n".join(lines)


def evaluate(draft_path: Path, gold_path: Path, vocab: Vocabulary | None = None) -> Evaluation:
    vocab = vocab or vocabulary()
    draft, gold = side(draft_path, vocab), side(gold_path, vocab)
    if draft.text != gold.text:
        raise KgError(f"{draft_path} and {gold_path} are not mappings of the same text")
    entity_map = _match(draft.spans, gold.spans)
    entities = Row("entities", len(gold.spans), len(draft.spans), len(entity_map))
    back = {g: d for d, g in entity_map.items()}
    gold_mentions = [(g, s) for g, spans in gold.mention_spans.items() for s in spans]
    recalled = sum(1 for g, s in gold_mentions if g in back and any(_overlap(s, d) for d in draft.mention_spans.get(back[g], [])))
    mentions = Row("mentions", len(gold_mentions), 0, recalled)
    topic_spans = {}
    for which in (draft, gold):
        topic_spans[id(which)] = {t: sorted({s for n in (which.mapping.nodes[t].label, *which.mapping.nodes[t].aliases) if n
                                             for s in whole_word_spans(which.text, n)}) for t in which.topics}
    topic_map = _match({k: v for k, v in topic_spans[id(draft)].items() if v}, {k: v for k, v in topic_spans[id(gold)].items() if v})
    topics = Row("topics", sum(1 for v in topic_spans[id(gold)].values() if v), sum(1 for v in topic_spans[id(draft)].values() if v), len(topic_map))

    def classes(which: Side, node_id: str) -> set[str]:
        return {c for c in which.mapping.nodes[node_id].a if vocab.is_class(c)}

    names = sorted({c for w in (draft, gold) for n in w.evidence for c in classes(w, n)})
    claim_map = _match({k: v for k, v in draft.evidence.items() if v}, {k: v for k, v in gold.evidence.items() if v},
                       lambda d, g: bool(classes(draft, d) & classes(gold, g)))
    per_class = []
    for name in names:
        d_ids = [n for n in draft.evidence if name in classes(draft, n)]
        g_ids = [n for n in gold.evidence if name in classes(gold, n)]
        per_class.append(Row(name, len(g_ids), len(d_ids), sum(1 for d in d_ids if claim_map.get(d) in g_ids)))
    claims = Row("claims", len(gold.evidence), len(draft.evidence), len(claim_map))
    agreement = _agreement(draft, gold, claim_map, entity_map)
    return Evaluation(str(draft_path), str(gold_path), entities, mentions, topics, claims, per_class, agreement,
                      draft.missing_quotes, {"gold": len(gold.unanchored), "draft": len(draft.unanchored)})


def _agreement(draft: Side, gold: Side, claim_map: dict, entity_map: dict) -> dict[str, tuple[int, int]]:
    def node(which: Side, node_id: str):
        return which.mapping.nodes[node_id]

    def according(which: Side, node_id: str) -> str | None:
        return node(which, node_id).according_to or which.mapping.article.defaults.according_to

    def mapped(value) -> str | None:
        if value == "article":
            return value
        return entity_map.get(value) or (claim_map.get(value) if value in claim_map else None)

    counts = {"status": [0, 0], "according_to": [0, 0], "speaker/actor": [0, 0]}
    for d, g in sorted(claim_map.items()):
        counts["status"][1] += 1
        counts["status"][0] += node(draft, d).status == node(gold, g).status
        counts["according_to"][1] += 1
        counts["according_to"][0] += mapped(according(draft, d)) == according(gold, g)
        for role in ROLES:
            wanted = node(gold, g).properties.get(role)
            if wanted is None:
                continue
            wanted = set(wanted if isinstance(wanted, list) else [wanted])
            got = node(draft, d).properties.get(role)
            got = {mapped(v) for v in (got if isinstance(got, list) else [got])} if got is not None else set()
            counts["speaker/actor"][1] += 1
            counts["speaker/actor"][0] += bool(wanted & got)
            break
    return {k: (a, n) for k, (a, n) in counts.items()}
