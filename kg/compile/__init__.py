"""Stage 2 — compile: an ``Article`` becomes an RDF graph of its own (one named graph per article)."""

from kg.compile.compiler import CompiledArticle, compile_article
from kg.compile.ontology import Ontology, default_ontology, load_ontology_graph

__all__ = ["CompiledArticle", "Ontology", "compile_article", "default_ontology", "load_ontology_graph"]
