"""What a build gives back: per article its report and counts, and the corpus's graphs as sorted
N-Triples lines read from the kept records when asked for (``Chunks``), so that a corpus is not held in
memory all at once."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef

from kg.core.namespaces import ENTITIES_GRAPH, graph_iri
from kg.link.linker import NOT_CACHED, LinkSummary, summary_line, unlinked_lines
from kg.rdf import ntriples
from kg.resolve import Resolution
from kg.validate import Report


@dataclass
class ArticleResult:
    slug: str
    folder: Path
    triples: int
    report: Report
    sentences: int
    uncovered: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # "file:line: ..." from loading and compiling


class Chunks(Mapping):
    """Graph name -> its sorted N-Triples lines, read from the kept records each time they are asked
    for and not kept here: the lines live only while a writer uses them (the Turtle writer's merge
    holds every graph's lines while it runs). Names are kept as strings (a build at 10,000 articles
    would make 10,000 rdflib IRIs for them); a name is looked up as an IRI or a string, and the names
    are given back as IRIs."""

    def __init__(self):
        self.readers: dict = {}

    def __setitem__(self, name, reader) -> None:
        self.readers[str(name)] = reader

    def __getitem__(self, name) -> list[str]:
        return self.readers[str(name)]()

    def __contains__(self, name) -> bool:
        return str(name) in self.readers

    def __iter__(self):
        return (URIRef(name) for name in self.readers)

    def __len__(self) -> int:
        return len(self.readers)

    def names(self):
        """The graph names as strings."""
        return iter(self.readers)


class Graphs(Mapping):
    """The built graphs by name, made into rdflib graphs only when one is asked for."""

    def __init__(self, chunks: Mapping[URIRef, list[str]]):
        self.chunks = chunks
        self._made: dict[URIRef, Graph] = {}

    def __getitem__(self, name) -> Graph:
        if name not in self._made:
            self._made[name] = ntriples.graph(self.chunks[name])
        return self._made[name]

    def __iter__(self):
        return iter(self.chunks)

    def __len__(self) -> int:
        return len(self.chunks)


class _Standing:
    """One link result as ``LinkSummary`` counts it (its label, reason, article, chosen item, method)."""

    __slots__ = ("label", "reason", "article", "chosen", "method")

    def __init__(self, label: str, reason: str, article: str, chosen: str | None, method: str):
        self.label, self.reason, self.article, self.chosen, self.method = label, reason, article, chosen, method


class _Tallied(LinkSummary):
    """A ``LinkSummary`` of the corpus entity graph's results (``results``) and the articles' results as
    the ledger tallies them (``kg.build.ledger.Links``). It says what the summary of every result would
    say, counted from the tallies: at 10,000 articles the stand-ins for 120,000 unlinked results cost
    0.2 s to make and as much to count. ``linked`` and ``unlinked`` make the stand-ins when asked."""

    def __init__(self, summary: LinkSummary, links):
        super().__init__(list(summary.results), summary.requests, summary.warning, summary.failed)
        self.links = links
        # (label, reason) groups in the order they first came (articles by slug)
        self.groups = [
            key for _first, key in sorted((min(group.items()), key) for key, group in links.unlinked.items())
        ]

    def _standing(self) -> list:
        standing: list = list(self.results)
        for method, count in sorted(self.links.methods.items()):
            standing += [_Standing("", "", "", "linked", method)] * count
        unlinked: list = []
        for label, reason in self.groups:
            unlinked += [_Standing(label, reason, slug, None, "none") for slug in self.links.unlinked[(label, reason)]]
        standing += unlinked
        rest = self.links.total - (len(standing) - len(self.results))
        if rest > 0 and unlinked:
            standing += [unlinked[0]] * rest
        return standing

    @property
    def linked(self) -> list:
        return [r for r in self._standing() if r.chosen]

    @property
    def unlinked(self) -> list:
        return [r for r in self._standing() if not r.chosen]

    @property
    def lacks_answers(self) -> bool:
        return any(r.reason.startswith(NOT_CACHED) for r in self.results if not r.chosen) or any(
            reason.startswith(NOT_CACHED) for _label, reason in self.links.unlinked
        )

    def __str__(self) -> str:
        by_method: dict[str, int] = {}
        for r in self.results:
            if r.chosen:
                by_method[r.method] = by_method.get(r.method, 0) + 1
        for method, count in self.links.methods.items():
            by_method[method] = by_method.get(method, 0) + count
        shown = sum(by_method.values())
        by_reason: dict[str, dict[str, set[str]]] = {}
        for r in self.results:
            if not r.chosen:
                by_reason.setdefault(r.reason, {}).setdefault(r.label, set()).add(r.article)
        slugs = 0
        for label, reason in self.groups:
            group = self.links.unlinked[(label, reason)]
            by_reason.setdefault(reason, {}).setdefault(label, set()).update(group)
            slugs += len(group)
        tallied = sum(self.links.methods.values())
        rest = self.links.total - tallied - slugs  # an article's repeats of an unlinked result
        total = len(self.results) + tallied + slugs + (rest if rest > 0 and slugs else 0)
        line = summary_line(shown, total, by_method, self.requests, self.failed)
        if by_reason:
            line += "\n" + "\n".join(unlinked_lines(by_reason))
        return line


def kept_summary(summary: LinkSummary, corpus_results: list, links) -> LinkSummary:
    """``summary`` (of the corpus entity graph's ``corpus_results``) with the articles' results of the
    ledger's tally (``kg.build.ledger.Links``): it counts as the results do, each linked result by its
    method, each unlinked (label, reason) once per article in the order it first came (articles by
    slug), and the rest as repeats. A corpus's 130,000 results at 10,000 articles are not read, nor
    made into objects, to be counted. No link report is written from it."""
    return _Tallied(summary, links)


@dataclass
class BuildResult:
    articles: list[ArticleResult] = field(default_factory=list)
    # graph name -> sorted N-Triples lines, read from the kept records when asked for (not held)
    chunks: "Chunks" = field(default_factory=lambda: Chunks())
    # graph IRI -> its kept record (kg.build.units.LinkedUnit), whose files the output set links
    records: dict[str, Any] = field(default_factory=dict)
    # slug -> the lines of the entity graph it refers to (worked out when asked for)
    parts: Mapping[str, list[str]] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)  # graph IRI -> digest of its lines
    outputs: list[Path] = field(default_factory=list)
    link_summary: LinkSummary | None = None
    resolution: Resolution | None = None
    unchanged: bool = False  # nothing the build reads changed since the last one: no work was done
    drafts: list[Path] = field(
        default_factory=list
    )  # folders with only an unreviewed draft: built with --drafts, else skipped
    reused: int = 0  # articles taken from the last build as they were
    reads: list[tuple] = field(
        default_factory=list
    )  # every Wikidata cache answer the links read (kg.link.cache.Cache.stamps)

    @cached_property
    def graphs(self) -> Graphs:
        """rdflib graphs of the chunks, each made once, on first use (a new mapping per access made them again)."""
        return Graphs(self.chunks)

    def article_chunks(self, slug: str) -> dict[URIRef, list[str]]:
        """One article's named graph and the part of the entity graph it refers to."""
        part = self.parts.get(slug, [])
        return {graph_iri(slug): self.chunks[graph_iri(slug)], **({ENTITIES_GRAPH: part} if part else {})}

    def article_graphs(self, slug: str) -> dict[URIRef, Graph]:
        return {name: ntriples.graph(lines) for name, lines in self.article_chunks(slug).items()}

    @property
    def conforms(self) -> bool:
        return all(a.report.conforms for a in self.articles)

    @property
    def triples(self) -> int:
        return sum(len(lines) for lines in self.chunks.values())

    @property
    def article_count(self) -> int:
        entities = str(ENTITIES_GRAPH)
        return sum(1 for name in self.chunks.readers if name != entities)
