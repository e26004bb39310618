"""The pipeline: load each article, compile it, link it, validate it, then export and store.

Each article is compiled and validated on its own (its own named graph); outputs are written only
when every article conforms, so a failed build never leaves a half-written graph behind.
"""

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from kg import export, store
from kg.article import discover, load_article, mapping_file, unreviewed
from kg.compile import CompiledArticle, compile_article
from kg.compile.coverage import uncovered_sentences
from kg.errors import EXIT_INVALID, KgError
from kg.validate import Report, validate


@dataclass
class ArticleResult:
    slug: str
    folder: Path
    triples: int
    report: Report
    sentences: int
    uncovered: list[str] = field(default_factory=list)


@dataclass
class BuildResult:
    articles: list[ArticleResult] = field(default_factory=list)
    graphs: dict[URIRef, Graph] = field(default_factory=dict)
    outputs: list[Path] = field(default_factory=list)
    link_summary: object = None
    drafts: list[Path] = field(default_factory=list)  # folders with only an unreviewed draft: built with --drafts, else skipped

    @property
    def conforms(self) -> bool:
        return all(a.report.conforms for a in self.articles)

    @property
    def triples(self) -> int:
        return sum(a.triples for a in self.articles)


def compile_all(articles_dir: Path, only: str | None = None, drafts: bool = False) -> list[CompiledArticle]:
    folders = discover(articles_dir, drafts)
    compiled = []
    for folder in folders:
        article = load_article(folder, mapping_file(folder, drafts))
        if only and only not in (folder.name, article.slug):
            continue
        compiled.append(compile_article(article))
    if only and not compiled:
        if any(only == f.name for f in unreviewed(articles_dir)):
            raise KgError(f"{articles_dir}: '{only}' has only an unreviewed draft; review and rename it, or use --drafts")
        raise KgError(f"{articles_dir}: no article with folder or slug '{only}'")
    slugs = [c.slug for c in compiled]
    duplicates = sorted({s for s in slugs if slugs.count(s) > 1})
    if duplicates:
        raise KgError(f"{articles_dir}: two articles share the slug '{duplicates[0]}'")
    return compiled


def build(articles_dir: Path, out_dir: Path | None, only: str | None = None, linker=None, store_dir: Path | None = None,
          drafts: bool = False) -> BuildResult:
    """``linker`` (a callable over the compiled articles) adds Wikidata links before validation;
    ``drafts`` also builds folders that hold only an unreviewed ``mapping.draft.yaml``."""
    compiled = compile_all(articles_dir, only, drafts)
    result = BuildResult(drafts=unreviewed(articles_dir))
    if linker is not None:
        result.link_summary = linker(compiled)
    for item in compiled:
        report = validate(item.graph)
        result.articles.append(ArticleResult(item.slug, item.article.folder, len(item.graph), report,
                                             len(item.article.sentences), uncovered_sentences(item)))
        result.graphs[item.graph_iri] = item.graph
    if not result.conforms:
        return result
    if out_dir is not None:
        out_dir = Path(out_dir)
        for name, fmt in (("kg.ttl", "turtle"), ("kg.trig", "trig")):
            export.export(result.graphs, export.get_format(fmt), out_dir / name)
            result.outputs.append(out_dir / name)
        if store_dir is not None:
            store.load(store_dir, out_dir / "kg.trig")
    return result


def require_conformance(result: BuildResult) -> None:
    if not result.conforms:
        failed = [a.slug for a in result.articles if not a.report.conforms]
        raise KgError(f"validation failed for: {', '.join(failed)}; nothing written", EXIT_INVALID)
