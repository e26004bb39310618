"""What the site's pages show, as plain data: articles, claims, entities, the ontology.

``kg.render.read`` fills these from the built graph; the pages only read them. The names end in
``View`` where kg has another class for the same thing (``kg.load`` reads mapping files into its own
``Article``, ``kg.core.ontology`` holds the ontology for the compiler), so a reader always knows
which one is meant.
"""

import re
from dataclasses import dataclass, field

from kg.render.vocab import DKG
from kg.util.text import clip


@dataclass(frozen=True, order=True)
class Value:
    """An RDF term as plain data: ``kind`` is "iri", "blank" or "literal"."""

    kind: str
    value: str
    datatype: str = ""
    language: str = ""

    @property
    def is_iri(self) -> bool:
        return self.kind == "iri"


@dataclass(frozen=True, order=True)
class TextSpan:
    begin: int
    end: int
    iri: str
    text: str


@dataclass(frozen=True, order=True)
class Statement:
    """One triple about a subject, with the named graph that states it."""

    predicate: str
    object: Value
    graph: str


@dataclass
class ClaimView:
    iri: str
    graph: str
    article: str | None
    label: str
    classes: list[str]  # the most specific claim classes it has
    status: str | None
    evidence: list[TextSpan]
    according_to: list[str]
    reported_by: list[str]
    statements: list[Statement]

    @property
    def order(self) -> tuple:
        first = self.evidence[0] if self.evidence else None
        return (first.begin if first else 1 << 60, first.end if first else 0, self.iri)


@dataclass(frozen=True, order=True)
class Mention:
    span: TextSpan
    entity: str


@dataclass(frozen=True)
class Section:
    title: str
    span: TextSpan | None


@dataclass
class ArticleView:
    iri: str
    graph: str
    slug: str
    text: str
    context: str
    title: str | None
    statements: list[Statement]
    claims: list[str] = field(default_factory=list)  # in text order
    mentions: list[Mention] = field(default_factory=list)
    sentences: list[TextSpan] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)

    def values(self, predicate: str) -> list[Value]:
        return sorted({s.object for s in self.statements if s.predicate == predicate})

    def iris(self, predicate: str) -> list[str]:
        return [v.value for v in self.values(predicate) if v.is_iri]

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        first = next((line.strip() for line in self.text.splitlines() if line.strip()), self.slug)
        return clip(first, 90, keep=87, rstrip=True)

    @property
    def verified(self) -> bool | None:
        values = self.values(DKG + "verifiedByPublisher")
        return values[0].value in ("true", "1") if values else None


@dataclass
class EntityView:
    iri: str
    label: str
    aliases: list[str]
    classes: list[str]
    wikidata: list[str]
    points: list[tuple[float, float]]  # (longitude, latitude)
    statements: list[Statement]
    articles: list[str] = field(default_factory=list)
    claims: list[tuple[str, str]] = field(default_factory=list)  # (claim, the property that names the entity)

    def first(self, predicate: str) -> str | None:
        return next((s.object.value for s in self.statements if s.predicate == predicate), None)


@dataclass
class Status:
    iri: str
    key: str  # as the mapping writes it: "not-happened"
    label: str
    comment: str


@dataclass
class OntologyTerm:
    """A class or property of the ontology, with what a reader needs to use it."""

    iri: str
    kind: str
    label: str
    comment: str
    supers: list[str]
    subs: list[str]
    domain: list[str]
    range: list[str]
    characteristics: list[str]
    alignments: list[tuple[str, str]]
    instances: int = 0


@dataclass
class Concept:
    iri: str
    label: str
    comment: str
    notation: str
    scheme: str
    alignments: list[tuple[str, str]]


@dataclass
class OntologyView:
    iri: str
    header: list[Statement]
    classes: list[OntologyTerm]
    properties: list[OntologyTerm]
    concepts: list[Concept]
    ancestors: dict[str, set[str]]


@dataclass
class Site:
    articles: list[ArticleView]
    claims: dict[str, ClaimView]
    entities: dict[str, EntityView]
    labels: dict[str, str]
    statuses: list[Status]
    ontology: OntologyView
    about: dict[str, list[Statement]]  # every subject of the data graphs -> what they say about it

    def label(self, iri: str) -> str:
        return self.labels.get(iri) or local_name(iri)

    def article(self, iri: str | None) -> ArticleView | None:
        return next((a for a in self.articles if a.iri == iri), None)

    def status(self, iri: str | None) -> Status | None:
        return next((s for s in self.statuses if s.iri == iri), None)


def local_name(iri: str) -> str:
    tail = re.split(r"[#/]", iri.rstrip("/#"))[-1]
    return tail or iri


def status_key(iri: str) -> str:
    """``dkg:notHappened`` -> ``not-happened``: the word a mapping uses."""
    return re.sub(r"(?<!^)([A-Z])", r"-\1", local_name(iri)).lower()


@dataclass(frozen=True)
class Coverage:
    sentences: int
    covered: int  # sentences that some evidence span (or a section heading) overlaps, as kg build counts them
    characters: int  # non-space characters of the text
    characters_covered: int  # ... that lie inside some evidence span


def coverage(site: Site, article: ArticleView) -> Coverage:
    spans = [s for c in article.claims for s in site.claims[c].evidence]
    marked = spans + [sec.span for sec in article.sections if sec.span]
    covered = sum(1 for s in article.sentences if any(m.begin < s.end and s.begin < m.end for m in marked))
    inside = bytearray(len(article.text))
    for s in spans:
        begin, end = max(s.begin, 0), min(s.end, len(article.text))
        if begin < end:
            inside[begin:end] = b"\1" * (end - begin)
    chars = [i for i, ch in enumerate(article.text) if not ch.isspace()]
    return Coverage(len(article.sentences), covered, len(chars), sum(1 for i in chars if inside[i]))
