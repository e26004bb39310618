"""Does a draft build? The draft is built as ``kg build`` builds an article, through the same steps
(``kg.build``'s in-memory driver), and validated as the build validates it.

A draft is checked before it is written, once or a few times, and on a long text its graph is large
(about 1.2 million triples for 2 MB of text). ``kg build`` keeps what it makes between builds (each
article's lines, its TriG document, their digests); the check needs none of that, only the findings.
So it takes the build's steps that bear on them: the article compiled with the corpus's entity list
and pins (``load_corpus``, ``compile_corpus``: the same loading, resolution and corpus checks), its
graph as the build keeps it (sorted N-Triples lines, read back into rdflib), the part of the corpus
entity graph it names (``kg.compile.entities.closures``, as the build's ``_Parts``), and validation
with those lines as the Oxigraph copy. ``tests/test_draft.py`` checks that the findings are the
build's, on drafts broken in the ways validation catches.
"""

import shutil
import tempfile
from pathlib import Path

from kg.validate import Report


def check_draft(mapping_yaml: str, text_path: Path, entities: Path | None = None) -> Report:
    """Build the draft as the only article of a temporary articles folder (no linking, nothing
    written) and return its validation report; a mapping that does not compile raises ``KgError``."""
    text_path = Path(text_path)
    with tempfile.TemporaryDirectory(prefix="kg-draft-") as tmp:
        articles = Path(tmp) / "articles"
        folder = articles / "draft"
        folder.mkdir(parents=True)
        shutil.copyfile(text_path, folder / text_path.name)
        (folder / "mapping.yaml").write_text(mapping_yaml, encoding="utf-8")
        if entities is not None and Path(entities).is_file():
            shutil.copyfile(entities, articles / "entities.yaml")
        return _built(articles)


def _built(articles: Path) -> Report:
    """The validation report ``kg build --offline`` gives the one article of ``articles``, with no
    output: the compiled graph is dropped once it is lines, and the lines' graph once validated."""
    from kg.build.corpus import compile_corpus, load_corpus
    from kg.compile.entities import closures
    from kg.core.namespaces import entity_iri
    from kg.load.quotes import word_index
    from kg.rdf import ntriples
    from kg.rdf.graphstore import filled, release
    from kg.validate import validate

    # The loader reads the text anew: a string equal to the drafter's, not the same one. The whole-word
    # index is remembered per text (``word_index``), and found for an equal string only by comparing
    # the two whole texts, then again in the index, on each of the thousands of quotes the compiler
    # locates (about 4 s for 2 MB). Forgotten here, it is made for the loaded text, and found at once.
    word_index.cache_clear()
    try:
        (compiled,), entity_graph = compile_corpus(load_corpus(articles))
    finally:
        word_index.cache_clear()  # and the drafter's own is made again for its text, if it needs one
    lines = ntriples.lines(compiled.graph)
    keys, origins = sorted(compiled.entities), compiled.origins
    release(compiled.graph)
    del compiled
    entity_lines = ntriples.lines(entity_graph) if len(entity_graph) else []
    about = closures(entity_lines) if keys else {}
    part = sorted(set().union(*(about.get(str(entity_iri(k)), ()) for k in keys)))
    graph = ntriples.graph(lines)
    ntriples.graph(part, into=graph)
    filled(graph)
    findings = validate(graph, owned=True, lines=[*lines, *part]).findings
    release(graph)
    return Report(findings, origins=origins)
