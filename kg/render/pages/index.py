"""The index: every article with its attribution, its claims by status and how much of it the claims
cover, then every entity with the number of articles and claims it is in."""

from collections import Counter

from kg.render import links
from kg.render.html import SITE_TITLE, Page, esc, table
from kg.render.model import Site, coverage
from kg.render.pages.article import attribution_chain, verification
from kg.render.vocab import DKG
from kg.util.text import counted


def render(site: Site, pages) -> str:
    page = Page(pages, links.INDEX)
    n_claims = sum(len(a.claims) for a in site.articles)
    body = [
        f'<h1 id="page-title">{esc(SITE_TITLE)}</h1>',
        f"<p>{counted(len(site.articles), 'article')}, {counted(n_claims, 'claim')}, "
        f"{counted(len(site.entities), 'entity')}. Every claim carries the words of the article it comes from, its "
        "status and "
        f'who asserted it; the <a href="{page.href(links.ONTOLOGY_PAGE)}">ontology</a> says what each term means.</p>',
    ]

    rows = []
    for article in site.articles:
        counts = Counter(site.claims[c].status for c in article.claims)
        by_status = " ".join(
            f'<span class="badge ev st-{esc(s.key)}">{counts[s.iri]} {esc(s.label)}</span>'
            for s in site.statuses
            if counts.get(s.iri)
        )
        unknown = sum(n for iri, n in counts.items() if site.status(iri) is None)
        if unknown:
            by_status += f' <span class="badge ev st-none">{unknown} without status</span>'
        cov = coverage(site, article)
        sentences = f"{cov.covered} of {cov.sentences} sentences" if cov.sentences else "no sentence segmentation"
        share = f"{100 * cov.characters_covered / cov.characters:.0f}%" if cov.characters else "—"
        publisher = page.links(article.iris(DKG + "publisher"), "not stated")
        rows.append(
            [
                f'{page.link(article.iri, article.display_title)}<br><span class="iri">{esc(article.slug)}</span>',
                publisher,
                f'{attribution_chain(page, article)}<br><span class="muted">{verification(article)}</span>',
                f'<span class="counts">{by_status or "none"}</span>'
                f'<br><span class="muted">{len(article.claims)} in all</span>',
                f'{esc(sentences)}<br><span class="muted">{esc(share)} of the text inside evidence</span>',
                f'<a href="{page.href(links.page_path(article.graph))}">picture</a>',
            ]
        )
    body.append(f'<section aria-labelledby="articles"><h2 id="articles">Articles ({len(site.articles)})</h2>')
    body.append(table(["Article", "Publisher", "Attribution", "Claims by status", "Coverage", "Graph"], rows))
    body.append("</section>")

    rows = []
    for entity in site.entities.values():
        classes = ", ".join(page.term(c) for c in entity.classes)
        wikidata = ", ".join(page.link(q) for q in entity.wikidata) or '<span class="muted">not linked</span>'
        rows.append(
            [
                page.link(entity.iri, entity.label),
                classes,
                wikidata,
                str(len(entity.articles)),
                str(len({c for c, _ in entity.claims})),
            ]
        )
    body.append(f'<section aria-labelledby="entities"><h2 id="entities">Entities ({len(site.entities)})</h2>')
    body.append(table(["Entity", "Class", "Wikidata", "Articles", "Claims"], rows))
    body.append("</section>")
    return page.frame("Index", "\n".join(body) + "\n", current="home")
