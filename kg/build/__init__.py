"""The build: the stages run over an articles folder. ``kg.build.pipeline`` streams the corpus and keeps
each article's compiled and linked graph between builds (``kg.build.units``); ``kg.build.corpus`` holds
the steps it shares with the in-memory driver that ``kg link`` and the tests use; ``kg.build.current``
says whether a build is older than its inputs."""

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
