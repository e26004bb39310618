"""References across articles: a claim that reports the same event as a claim of another article."""

from kg.compile import CompiledArticle
from kg.errors import KgError
from kg.namespaces import DKG, node_iri


def check_references(compiled: list[CompiledArticle]) -> None:
    """Every ``same_event_as`` names a claim of another article of this build."""
    by_slug = {c.slug: c for c in compiled}
    for item in compiled:
        for local_id, node in sorted(item.article.mapping.nodes.items()):
            for i, ref in enumerate(node.same_event_as):
                where = item.article.where("nodes", local_id, "same_event_as", i)
                slug, claim_id = ref.split("/")
                if slug == item.slug:
                    raise KgError(f"{where}: same_event_as '{ref}' names a claim of this article; it joins reports of different articles")
                other = by_slug.get(slug)
                if other is None:
                    raise KgError(f"{where}: same_event_as '{ref}': no article with slug '{slug}' in this build")
                if (node_iri(slug, claim_id), DKG.statedIn, None) not in other.graph:
                    raise KgError(f"{where}: same_event_as '{ref}': article '{slug}' has no claim '{claim_id}'")
