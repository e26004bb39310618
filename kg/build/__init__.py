"""Stage 5 — build: the whole pipeline over an articles folder (``kg.build.pipeline``), keeping each
article's compiled and linked graph between builds (``kg.build.units``); ``kg.build.corpus`` holds the
corpus in memory for the commands that need every compiled article at once."""

from kg.build.corpus import Corpus, compile_all, compile_corpus, entity_refs, load_corpus, select
from kg.build.pipeline import build, build_key, require_conformance
from kg.build.result import ArticleResult, BuildResult

__all__ = [
    "ArticleResult",
    "BuildResult",
    "Corpus",
    "build",
    "build_key",
    "compile_all",
    "compile_corpus",
    "entity_refs",
    "load_corpus",
    "require_conformance",
    "select",
]
