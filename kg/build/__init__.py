"""The build: the stages run over an articles folder. ``kg.build.pipeline`` streams the corpus and keeps
each article's compiled and linked graph between builds (``kg.build.units``); ``kg.build.corpus`` holds
the steps it shares with the in-memory driver that ``kg link`` and the tests use; ``kg.build.current``
says whether a build is older than its inputs.

The names below are loaded on first use: ``kg query`` asks ``kg.build.current`` whether the build is
current, and must not pay for importing the whole pipeline (rdflib, the compiler, the linker) to do so.
"""

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.build.corpus import Corpus, compile_all, compile_corpus, entity_refs, load_corpus, select
    from kg.build.pipeline import build, build_key, require_conformance
    from kg.build.result import ArticleResult, BuildResult

_HOMES = {
    "ArticleResult": "kg.build.result",
    "BuildResult": "kg.build.result",
    "Corpus": "kg.build.corpus",
    "build": "kg.build.pipeline",
    "build_key": "kg.build.pipeline",
    "compile_all": "kg.build.corpus",
    "compile_corpus": "kg.build.corpus",
    "entity_refs": "kg.build.corpus",
    "load_corpus": "kg.build.corpus",
    "require_conformance": "kg.build.pipeline",
    "select": "kg.build.corpus",
}
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


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'kg.build' has no attribute '{name}'")
    return getattr(importlib.import_module(home), name)
