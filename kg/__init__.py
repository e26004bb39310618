"""kg: turn news articles about diplomacy into a validated, linked RDF knowledge graph.

The package is laid out as the pipeline it runs, one subpackage or module per stage, each with one
entry point:

==========  =======================================================================================
draft       ``kg.draft``: propose a mapping from a raw text, for a person to review
load        ``kg.load``: an article folder (text and mapping) becomes an ``Article``
resolve     ``kg.resolve``: which mapping nodes, across articles, are one real-world entity
compile     ``kg.compile``: an article becomes its own named graph; the corpus entity graph
link        ``kg.link``: entities linked to Wikidata (search, cache, pins)
validate    ``kg.validate``: SHACL with pySHACL, findings remembered by content
build       ``kg.build``: the orchestration of the stages above over a corpus, incremental
store       ``kg.store``: the embedded Oxigraph store of a build
query       ``kg.query``: SPARQL on the store, on files or on an endpoint
export      ``kg.export``: the graphs in the usual RDF syntaxes
push        ``kg.push``: named graphs replaced in a remote triplestore
render      ``kg.render``: the static review site
==========  =======================================================================================

Below the stages, shared by several of them: ``kg.core`` (errors, IRIs, the ontology with its domain
and range checks, pins and links, the shipped resources), ``kg.rdf`` (graph plumbing: the one-graph
store, N-Triples lines, RDF syntaxes) and ``kg.util`` (files, processes and the console). ``kg.cli`` is
a thin typer layer over the stages.
"""

__version__ = "0.1.0"
