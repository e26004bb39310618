"""Which graphs make a query's default graph: ``--article SLUG`` and ``--graph IRI``, checked first.

A bad slug or IRI is the user's typo, so it is refused here with a one-line message instead of
failing later inside the engine or being sent to an endpoint.
"""

import re

from kg.core.errors import KgError

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def check_iri(value: str, what: str) -> str:
    import pyoxigraph as ox

    try:
        ox.NamedNode(value)
    except ValueError as exc:
        raise KgError(f"{what} '{value}' is not an absolute IRI ({exc})") from None
    return value


def default_graphs(article_slugs: list[str], graphs: list[str]) -> list[str] | None:
    """The graph IRIs to query as the default graph, or None for the union of all graphs. An article
    brings the corpus entity graph along (its claims point at corpus entities, whose labels and classes
    live there) and the ontology graph, so that ``rdf:type/rdfs:subClassOf*`` still works."""
    from kg.query.prefixes import ENTITIES_GRAPH, ONTOLOGY_IRI, graph_iri

    if not article_slugs and not graphs:
        return None
    for slug in article_slugs:
        if not SLUG.match(slug):
            raise KgError(
                f"--article '{slug}' is not an article slug (lower-case letters, digits and '-'; "
                "'kg build' prints each article's slug)"
            )
    scope = [graph_iri(s) for s in article_slugs] + [check_iri(g, "--graph") for g in graphs]
    if article_slugs:
        scope += [ENTITIES_GRAPH, ONTOLOGY_IRI]
    return scope
