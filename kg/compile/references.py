"""References across articles: a claim that reports the same event as a claim of another article."""

from kg.compile.compiler import CompiledArticle
from kg.core.errors import KgError
from kg.core.namespaces import DKG


def references_of(item: CompiledArticle) -> list[tuple[str, str]]:
    """(mapping location, "slug/claim") of every ``same_event_as`` of an article."""
    return [
        (item.article.where("nodes", local_id, "same_event_as", i), ref)
        for local_id, node in sorted(item.article.mapping.nodes.items())
        for i, ref in enumerate(node.same_event_as)
    ]


def claims_of(item: CompiledArticle) -> list[str]:
    """The IRIs of the article's claims (what ``same_event_as`` may name)."""
    return sorted({str(s) for s in item.graph.subjects(DKG.statedIn, None)})


def check_references(articles: dict[str, tuple[list[tuple[str, str]], set[str]]]) -> None:
    """Every ``same_event_as`` names a claim of another article of this build. ``articles``: by slug,
    the article's references (``references_of``) and claim IRIs (``claims_of``)."""
    from kg.core.namespaces import node_iri

    for slug, (references, _claims) in sorted(articles.items()):
        for where, ref in references:
            other, claim_id = ref.split("/")
            if other == slug:
                raise KgError(
                    f"{where}: same_event_as '{ref}' names a claim of this article; "
                    "it joins reports of different articles"
                )
            if other not in articles:
                raise KgError(f"{where}: same_event_as '{ref}': no article with slug '{other}' in this build")
            if str(node_iri(other, claim_id)) not in articles[other][1]:
                raise KgError(f"{where}: same_event_as '{ref}': article '{other}' has no claim '{claim_id}'")
