"""kg: turn news articles about diplomacy into a validated, linked RDF knowledge graph.

The package is laid out as the pipeline it runs: ``article`` (load text and mapping), ``compile``
(mapping to RDF), ``validate`` (SHACL), ``link`` (Wikidata), then ``store``, ``query``, ``export`` and
``push``. ``cli`` is a thin typer layer over them.
"""

__version__ = "0.1.0"
