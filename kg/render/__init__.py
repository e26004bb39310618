"""Stage render (the last; the order is in ``kg``), ``kg site``: a static website of the built graph.

Articles with their evidence highlighted, entity and claim pages, a picture of each article's graph,
and the ontology's documentation.

It reads the built graph (TriG or a store), never the mapping files; it opens from the file system and
loads nothing from the network.
"""

from kg.render.build import SiteResult, build_site, render_site

__all__ = ["SiteResult", "build_site", "render_site"]
