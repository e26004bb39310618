"""The compile stage: an ``Article`` becomes an RDF graph of its own (one named graph per article), and
the corpus entities the articles name become the corpus entity graph."""

from kg.compile.compiler import CompiledArticle, compile_article
from kg.compile.entities import compile_entities

__all__ = ["CompiledArticle", "compile_article", "compile_entities"]
