"""What a build gives back: per article its report and counts, and the corpus's graphs as sorted
N-Triples lines read from the kept records when asked for (``Chunks``), so that a corpus is not held in
memory all at once."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rdflib import Graph, URIRef

from kg.core.namespaces import ENTITIES_GRAPH, graph_iri
from kg.link.linker import LinkSummary
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
    holds every graph's lines while it runs)."""

    def __init__(self):
        self.readers: dict = {}

    def __setitem__(self, name, reader) -> None:
        self.readers[name] = reader

    def __getitem__(self, name) -> list[str]:
        return self.readers[name]()

    def __iter__(self):
        return iter(self.readers)

    def __len__(self) -> int:
        return len(self.readers)


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


def kept_summary(summary: LinkSummary, corpus_results: list, links) -> LinkSummary:
    """``summary`` (of the corpus entity graph's ``corpus_results``) with the articles' results of the
    ledger's tally (``kg.build.ledger.Links``) added as stand-ins that count as the results do: each
    linked result by its method, each unlinked (label, reason) once per article in the order it first
    came (articles by slug), and the rest as repeats. A corpus's 130,000 results at 10,000 articles are
    not read, nor made into objects, to be counted. No link report is written from it."""
    standing: list = list(corpus_results)
    for method, count in sorted(links.methods.items()):
        standing += [_Standing("", "", "", "linked", method)] * count
    first = sorted((min(group.items(), key=lambda a: (a[0], a[1])), key) for key, group in links.unlinked.items())
    unlinked: list = []
    for (_slug, _index), (label, reason) in first:
        unlinked += [_Standing(label, reason, slug, None, "none") for slug in links.unlinked[(label, reason)]]
    standing += unlinked
    rest = links.total - (len(standing) - len(corpus_results))
    if rest > 0 and unlinked:
        standing += [unlinked[0]] * rest
    summary.results = standing
    return summary


@dataclass
class BuildResult:
    articles: list[ArticleResult] = field(default_factory=list)
    # graph name -> sorted N-Triples lines, read from the kept records when asked for (not held)
    chunks: "Chunks" = field(default_factory=lambda: Chunks())
    # graph IRI -> its kept record (kg.build.units.LinkedUnit), whose files the output set links
    records: dict[str, object] = field(default_factory=dict)
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
        return sum(1 for name in self.chunks if name != ENTITIES_GRAPH)
