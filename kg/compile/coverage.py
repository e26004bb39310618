"""Which sentences of an article are evidence for no fact: a mapping's completeness, measured."""

from kg.compile.compiler import CompiledArticle, offsets
from kg.core.namespaces import DKG


def uncovered_sentences(compiled: CompiledArticle) -> list[str]:
    """Sentences that no claim's evidence span (nor a section heading) overlaps, in text order."""
    graph, text = compiled.graph, compiled.article.text
    spans = set(graph.objects(None, DKG.evidence)) | set(graph.objects(None, DKG.heading))
    covered = set()
    for span in spans:
        begin, end = offsets(graph, span)
        covered.update(compiled.article.sentences_overlapping(begin, end))
    return [text[b:e] for b, e in compiled.article.sentences if (b, e) not in covered]
