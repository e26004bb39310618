"""Which sentences of an article are evidence for no fact: a mapping's completeness, measured."""

from kg.compile.compiler import CompiledArticle
from kg.namespaces import DKG, NIF


def uncovered_sentences(compiled: CompiledArticle) -> list[str]:
    """Sentences that no claim's evidence span (nor a section heading) overlaps, in text order."""
    graph, text = compiled.graph, compiled.article.text
    spans = set(graph.objects(None, DKG.evidence)) | set(graph.objects(None, DKG.heading))
    offsets = [(int(graph.value(s, NIF.beginIndex)), int(graph.value(s, NIF.endIndex))) for s in spans]
    return [text[b:e] for b, e in compiled.article.sentences if not any(sb < e and b < se for sb, se in offsets)]
