"""Measure a draft against a reviewed mapping of the same text (``kg draft-eval DRAFT GOLD``).

Both mappings are compiled by the real pipeline (loader, corpus resolution with the articles folder's
entity list and pins, compiler), and compared by what the compiled graphs say: an entity's spans are its
``dkg:mention`` spans (listed or automatic, exactly as ``kg build`` makes them), a claim's are its
``dkg:evidence`` spans. So the evaluation counts mentions the way the build does by construction, and a
change to the compiler's mention rules changes both alike. Entities are matched one to one by their
spans (an entity with no mention cannot be matched and is counted apart); claims one to one within a
class by overlapping evidence. On the matched claims, status, ``according_to`` (through the entity
matching) and the main role (speaker, actor, holder, visitor or holder of a post) are compared.

A quote that is not in the text is counted, and the mapping is compiled without it (a claim left with
no evidence is left out), so a broken draft can still be measured.
"""

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rdflib import URIRef

from kg.core.errors import KgError
from kg.core.namespaces import DKG, NIF, entity_iri, node_iri
from kg.core.yamlpos import load_with_lines
from kg.draft.schema import DraftVocabulary, vocabulary
from kg.draft.text import whole_word_spans
from kg.load.load import load_article
from kg.load.model import Mapping, Quote
from kg.load.quotes import QuoteError, locate
from kg.resolve import ENTITIES_FILE, load_entity_list, resolve
from kg.util.paths import corpus_file, inside

ROLES = ("speaker", "actor", "holder", "visitor", "heldBy")
PINS_FILE = "wikidata-pins.yaml"  # as kg build reads it


@dataclass
class Side:
    """One mapping, compiled, reduced to what the comparison needs."""

    path: Path
    text: str
    mapping: Mapping
    spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # entity key -> its mention spans
    key_of: dict[str, str] = field(default_factory=dict)  # node id or entity-list id -> entity key
    classes: dict[str, set[str]] = field(default_factory=dict)  # entity key -> its classes
    iri_of: dict[str, URIRef] = field(default_factory=dict)  # entity key -> its IRI
    evidence: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # claim id -> spans
    unanchored: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    missing_quotes: list[str] = field(default_factory=list)


def _load(path: Path) -> tuple[Mapping, str]:
    """A mapping and its text, read by the loader itself (so never a text outside the mapping's folder)."""
    path = Path(path)
    if not path.is_file():
        raise KgError(f"{path}: no such mapping file")
    article = load_article(path.parent, path.name)
    return article.mapping, article.text


def _found(text: str, item) -> bool:
    """Whether the loader finds this quote (whole words, ``occurrence`` as it counts them)."""
    quote = item.quote if isinstance(item, Quote) else item
    occurrence = item.occurrence if isinstance(item, Quote) else None
    try:
        locate(text, quote, occurrence)
    except QuoteError:
        return False
    return True


def _missing(mapping: Mapping, text: str, vocab: DraftVocabulary) -> tuple[list[str], dict]:
    """Quotes the loader would not find, as ``"node: quote"``, and where they are (for the clean copy)."""
    missing: list[str] = []
    where: dict[tuple, set[int]] = {}

    def check(owner: str, key: tuple, items) -> None:
        for i, item in enumerate(items):
            if not _found(text, item):
                missing.append(f"{owner}: {item.quote if isinstance(item, Quote) else item}")
                where.setdefault(key, set()).add(i)

    check("article.sections", ("article", "sections"), mapping.article.sections)
    for node_id, node in sorted(mapping.nodes.items()):
        if vocab.is_claim([c for c in node.a if vocab.is_class(c)]):
            check(node_id, ("nodes", node_id, "evidence"), node.evidence)
            quote = node.properties.get("quote")
            if isinstance(quote, str) and quote not in text:
                missing.append(f"{node_id}: {quote}")
        check(node_id, ("nodes", node_id, "mentions"), node.mentions)
    return missing, where


def _without(data: dict, where: dict) -> dict:
    """The mapping without the quotes that are not in the text; a claim left with no evidence goes, and
    so do the references to it."""
    for (*at, key), indexes in where.items():
        owner = data
        for part in at:
            owner = owner[part]
        items = owner[key] if isinstance(owner[key], list) else [owner[key]]  # one quote may stand alone
        owner[key] = [item for i, item in enumerate(items) if i not in indexes]
    nodes = data.get("nodes") or {}
    gone = {n for n, body in nodes.items() if isinstance(body, dict) and "evidence" in body and not body["evidence"]}
    for node_id in gone:
        del nodes[node_id]
    for body in nodes.values():
        for key, value in list(body.items()):
            if isinstance(value, list) and any(v in gone for v in value if isinstance(v, str)):
                body[key] = [v for v in value if not (isinstance(v, str) and v in gone)]
            elif isinstance(value, str) and value in gone and key != "label":
                del body[key]
    return data


def _compile(path: Path, mapping: Mapping, where: dict, entities: Path | None, pins: Path | None):
    """The mapping loaded, resolved and compiled as ``kg build`` does it (with the quotes that are not in
    the text left out): (article, resolution, compiled article)."""
    from kg.compile import compile_article
    from kg.core.ontology import default_ontology
    from kg.core.pins import Pins

    ontology = default_ontology()
    entity_list, pin_list = load_entity_list(entities), Pins.load(pins)

    def run(folder: Path):
        article = load_article(folder, path.name)
        resolution = resolve([article], entity_list, pin_list, ontology)
        return article, resolution, compile_article(article, ontology, resolution)

    if not where:
        return run(path.parent)
    data, _ = load_with_lines(path)
    with tempfile.TemporaryDirectory(prefix="kg-draft-eval-") as tmp:
        folder = Path(tmp)
        text_copy = folder / mapping.article.text  # a relative name inside the folder (checked by _load)
        text_copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(inside(path.parent, mapping.article.text), text_copy)
        cleaned = yaml.safe_dump(_without(data, where), allow_unicode=True, sort_keys=False)
        (folder / path.name).write_text(cleaned, encoding="utf-8")
        try:
            return run(folder)
        except KgError as exc:
            raise KgError(str(exc).replace(str(folder / path.name), str(path))) from None


def _spans(graph, subject: URIRef, prop: URIRef) -> list[tuple[int, int]]:
    return sorted(
        {
            (int(graph.value(span, NIF.beginIndex)), int(graph.value(span, NIF.endIndex)))
            for span in graph.objects(subject, prop)
        }
    )


def side(path: Path, vocab: DraftVocabulary, entities: Path | None = None, pins: Path | None = None) -> Side:
    path = Path(path)
    mapping, text = _load(path)
    result = Side(path, text, mapping)
    result.missing_quotes, where = _missing(mapping, text, vocab)
    article, resolution, compiled = _compile(path, mapping, where, entities, pins)
    graph, slug = compiled.graph, article.slug

    def classes(names) -> list[str]:
        return [c for c in names if vocab.is_class(c)]

    by_iri: dict[URIRef, str] = {}  # entity IRI -> its key here (nodes that are one corpus entity are one)
    for node_id, node in sorted(mapping.nodes.items()):
        if vocab.is_claim(classes(node.a)):
            kept = node_id in article.mapping.nodes  # a claim with no evidence in the text was left out
            result.evidence[node_id] = _spans(graph, node_iri(slug, node_id), DKG.evidence) if kept else []
            continue
        if classes(node.a) and all(vocab.is_a(c, "Topic") for c in classes(node.a)):
            result.topics.append(node_id)
            continue
        shared = resolution.shared(slug, node_id)
        key = result.key_of[node_id] = by_iri.setdefault(shared.iri if shared else node_iri(slug, node_id), node_id)
        result.classes.setdefault(key, set()).update(classes(node.a) or (shared.classes if shared else ()))
    mentioned = set(graph.subjects(DKG.mention, None))
    for entry_id in sorted(compiled.entities):  # entries the mapping names by id only: mentioned all the same
        iri = entity_iri(entry_id)
        if iri not in by_iri and entry_id not in mapping.nodes and iri in mentioned:
            result.key_of[entry_id] = by_iri[iri] = entry_id
            result.classes[entry_id] = set(resolution.entry_entity(entry_id).classes)
    for iri, key in sorted(by_iri.items(), key=lambda item: item[1]):
        result.iri_of[key] = iri
        spans = _spans(graph, iri, DKG.mention)
        if spans:
            result.spans[key] = spans
        else:
            result.unanchored.append(key)
    return result


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _match(left: dict, right: dict, allowed=lambda left_id, right_id: True) -> dict[str, str]:
    """One-to-one matching by overlapping spans: most overlapping spans first, then most characters."""
    pairs = []
    for l_id, l_spans in left.items():
        for r_id, r_spans in right.items():
            if not allowed(l_id, r_id):
                continue
            hits = sum(1 for r in r_spans if any(_overlap(span, r) for span in l_spans))
            chars = sum(_overlap(span, r) for span in l_spans for r in r_spans)
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
        return {
            "name": self.name,
            "gold": self.gold,
            "draft": self.draft,
            "matched": self.matched,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


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
    classes: tuple[int, int] = (0, 0)  # matched entities whose draft class is the gold's or narrower, of all matched
    # what to look at when tuning: matched entities of another class, as (words, draft classes, gold classes),
    # and unmatched claims, as (class, first evidence words)
    confusions: list[tuple[str, str, str]] = field(default_factory=list)
    missed: list[tuple[str, str]] = field(default_factory=list)
    extra: list[tuple[str, str]] = field(default_factory=list)

    def row(self, name: str) -> Row:
        return next(r for r in self.per_class if r.name == name)

    def as_dict(self) -> dict:
        return {
            "draft": self.draft,
            "gold": self.gold,
            "entities": self.entities.as_dict(),
            "mentions": self.mentions.as_dict(),
            "topics": self.topics.as_dict(),
            "claims": self.claims.as_dict(),
            "per_class": [r.as_dict() for r in self.per_class],
            "agreement": {
                k: {"agree": a, "compared": n, "rate": a / n if n else None} for k, (a, n) in self.agreement.items()
            },
            "class_agreement": {
                "agree": self.classes[0],
                "compared": self.classes[1],
                "rate": self.classes[0] / self.classes[1] if self.classes[1] else None,
            },
            "class_confusions": [{"words": w, "draft": d, "gold": g} for w, d, g in self.confusions],
            "claims_missed": [{"class": c, "evidence": e} for c, e in self.missed],
            "claims_extra": [{"class": c, "evidence": e} for c, e in self.extra],
            "quotes_not_in_text": len(self.missing_quotes),
            "missing_quotes": self.missing_quotes,
            "unanchored": self.unanchored,
        }

    def table(self) -> str:
        def num(value):
            return "-" if value is None else f"{value:.2f}"

        lines = [f"{'':24} {'gold':>5} {'draft':>6} {'matched':>8} {'precision':>10} {'recall':>7} {'F1':>6}"]
        for row in [self.entities, self.mentions, self.topics, self.claims] + self.per_class:
            name = row.name if row in (self.entities, self.mentions, self.topics, self.claims) else "  " + row.name
            draft = "-" if row is self.mentions else str(row.draft)
            precision = "-" if row is self.mentions else num(row.precision)
            f1 = "-" if row is self.mentions else num(row.f1)
            lines.append(
                f"{name:24} {row.gold:>5} {draft:>6} {row.matched:>8} {precision:>10} {num(row.recall):>7} {f1:>6}"
            )
        agree = ", ".join(f"{k} {a}/{n}" + (f" ({a / n:.2f})" if n else "") for k, (a, n) in self.agreement.items())
        lines.append(f"on matched claims: {agree}")
        a, n = self.classes
        lines.append(f"class agreement on matched entities: {a}/{n}" + (f" ({a / n:.2f})" if n else ""))
        lines.append(f"quotes not in the text: {len(self.missing_quotes)}")
        lines.append(
            "entities with no mention, not comparable by span: "
            f"gold {self.unanchored['gold']}, draft {self.unanchored['draft']}"
        )
        return "\n".join(lines)


def articles_folder_file(mapping_path: Path, name: str) -> Path | None:
    """``entities.yaml`` or the pins of the articles folder a mapping's article folder is in, as ``kg build``
    would read them, if there is one."""
    candidate = corpus_file(Path(mapping_path).absolute().parent.parent, name)
    return candidate if candidate.is_file() else None


def evaluate(
    draft_path: Path,
    gold_path: Path,
    vocab: DraftVocabulary | None = None,
    entities: Path | None = None,
    pins: Path | None = None,
) -> Evaluation:
    """``entities``/``pins``: the corpus entity list and Wikidata pins both mappings are compiled with
    (default: those of the gold's articles folder), since a corpus entity's names are mentions too."""
    vocab = vocab or vocabulary()
    entities = entities or articles_folder_file(gold_path, ENTITIES_FILE)
    pins = pins or articles_folder_file(gold_path, PINS_FILE)
    draft, gold = side(draft_path, vocab, entities, pins), side(gold_path, vocab, entities, pins)
    if draft.text != gold.text:
        raise KgError(f"{draft_path} and {gold_path} are not mappings of the same text")
    entity_map = _match(draft.spans, gold.spans)
    entities_row = Row("entities", len(gold.spans), len(draft.spans), len(entity_map))
    back = {g: d for d, g in entity_map.items()}
    gold_mentions = [(g, s) for g, spans in gold.spans.items() for s in spans]
    recalled = sum(1 for g, s in gold_mentions if g in back and any(_overlap(s, d) for d in draft.spans[back[g]]))
    mentions = Row("mentions", len(gold_mentions), 0, recalled)
    topic_spans = {}
    for which in (draft, gold):
        topic_spans[id(which)] = {
            t: sorted(
                {
                    s
                    for n in (which.mapping.nodes[t].label, *which.mapping.nodes[t].aliases)
                    if n
                    for s in whole_word_spans(which.text, n)
                }
            )
            for t in which.topics
        }
    topic_map = _match(
        {k: v for k, v in topic_spans[id(draft)].items() if v}, {k: v for k, v in topic_spans[id(gold)].items() if v}
    )
    topics = Row(
        "topics",
        sum(1 for v in topic_spans[id(gold)].values() if v),
        sum(1 for v in topic_spans[id(draft)].values() if v),
        len(topic_map),
    )

    def classes(which: Side, node_id: str) -> set[str]:
        return {c for c in which.mapping.nodes[node_id].a if vocab.is_class(c)}

    names = sorted({c for w in (draft, gold) for n in w.evidence for c in classes(w, n)})
    claim_map = _match(
        {k: v for k, v in draft.evidence.items() if v},
        {k: v for k, v in gold.evidence.items() if v},
        lambda d, g: bool(classes(draft, d) & classes(gold, g)),
    )
    per_class = []
    for name in names:
        d_ids = [n for n in draft.evidence if name in classes(draft, n)]
        g_ids = [n for n in gold.evidence if name in classes(gold, n)]
        per_class.append(Row(name, len(g_ids), len(d_ids), sum(1 for d in d_ids if claim_map.get(d) in g_ids)))
    claims = Row("claims", len(gold.evidence), len(draft.evidence), len(claim_map))
    # an entity with no mention (a publisher named only beside the text) is the same entity when both
    # resolve to one corpus entity: for the agreement of references, not for the entity counts
    same = {d: g for d in draft.unanchored for g in gold.key_of.values() if draft.iri_of.get(d) == gold.iri_of.get(g)}
    agreement = _agreement(draft, gold, claim_map, {**same, **entity_map})
    confusions = []
    for d, g in sorted(entity_map.items()):
        d_classes, g_classes = draft.classes.get(d, set()), gold.classes.get(g, set())
        if not _same_class(vocab, d_classes, g_classes):
            begin, end = gold.spans[g][0]
            confusions.append((gold.text[begin:end], "/".join(sorted(d_classes)), "/".join(sorted(g_classes))))

    def unmatched(which: Side, ids) -> list[tuple[str, str]]:
        found = []
        for n in sorted(n for n, spans in which.evidence.items() if spans and n not in ids):
            begin, end = which.evidence[n][0]
            found.append(("/".join(sorted(classes(which, n))), " ".join(which.text[begin:end].split())))
        return sorted(found)

    return Evaluation(
        str(draft_path),
        str(gold_path),
        entities_row,
        mentions,
        topics,
        claims,
        per_class,
        agreement,
        draft.missing_quotes,
        {"gold": len(gold.unanchored), "draft": len(draft.unanchored)},
        (len(entity_map) - len(confusions), len(entity_map)),
        confusions,
        unmatched(gold, set(claim_map.values())),
        unmatched(draft, set(claim_map)),
    )


def _same_class(vocab: DraftVocabulary, draft: set[str], gold: set[str]) -> bool:
    """A draft class agrees when it is a gold class or narrower: "Place" for a "City" is not a class a
    reviewer can keep, "City" for a "Place" is."""
    return any(vocab.is_a(d, g) for d in draft for g in gold)


def _agreement(draft: Side, gold: Side, claim_map: dict, entity_map: dict) -> dict[str, tuple[int, int]]:
    def node(which: Side, node_id: str):
        return which.mapping.nodes[node_id]

    def according(which: Side, node_id: str) -> str | None:
        return node(which, node_id).according_to or which.mapping.article.defaults.according_to

    def mapped(value) -> str | None:
        """A draft reference, as the gold entity or claim it was matched to."""
        if value == "article":
            return value
        if value in draft.key_of:
            return entity_map.get(draft.key_of[value])
        return claim_map.get(value)

    def own(value) -> str | None:
        """A gold reference, as the entity key or claim id it names."""
        return gold.key_of.get(value, value)

    counts = {"status": [0, 0], "according_to": [0, 0], "speaker/actor": [0, 0]}
    for d, g in sorted(claim_map.items()):
        counts["status"][1] += 1
        counts["status"][0] += node(draft, d).status == node(gold, g).status
        counts["according_to"][1] += 1
        counts["according_to"][0] += mapped(according(draft, d)) == own(according(gold, g))
        for role in ROLES:
            wanted = node(gold, g).properties.get(role)
            if wanted is None:
                continue
            wanted = {own(v) for v in (wanted if isinstance(wanted, list) else [wanted])}
            got = node(draft, d).properties.get(role)
            got = {mapped(v) for v in (got if isinstance(got, list) else [got])} if got is not None else set()
            counts["speaker/actor"][1] += 1
            counts["speaker/actor"][0] += bool(wanted & got)
            break
    return {k: (a, n) for k, (a, n) in counts.items()}
