"""Which sentences of an article are evidence for no fact: a mapping's completeness, measured."""

from kg.compile.compiler import CompiledArticle
from kg.core.namespaces import DKG, NIF


def uncovered_sentences(compiled: CompiledArticle) -> list[str]:
    """Sentences that no claim's evidence span (nor a section heading) overlaps, in text order."""
    graph, text = compiled.graph, compiled.article.text
    spans = set(graph.objects(None, DKG.evidence)) | set(graph.objects(None, DKG.heading))
    covered = set()
    for span in spans:
        begin, end = int(graph.value(span, NIF.beginIndex)), int(graph.value(span, NIF.endIndex))
        covered.update(compiled.article.sentences_overlapping(begin, end))
    return [text[b:e] for b, e in compiled.article.sentences if (b, e) not in covered]
