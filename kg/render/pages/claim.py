"""A claim's page: what it says in words, its evidence in the text, its triples as a table and as Turtle."""

from kg.render import links
from kg.render.html import Page, cap, esc, table
from kg.render.model import ClaimView, Site
from kg.render.turtle import subject_turtle
from kg.render.vocab import DKG, RDF_TYPE


def render(site: Site, pages, claim: ClaimView) -> str:
    path = links.page_path(claim.iri)
    page = Page(pages, path)
    article = site.article(claim.article)
    status = site.status(claim.status)
    facts = [
        ("Class", ", ".join(page.term(c) for c in claim.classes) or "—"),
        ("Status", page.badge(claim.status) + (f' <span class="muted">{esc(status.comment)}</span>' if status else "")),
        ("According to", page.links(claim.according_to, "not stated")),
        ("Reported by", page.links(claim.reported_by, "not stated")),
        (
            "Stated in",
            page.link(article.iri, article.display_title)
            if article
            else page.links([claim.article] if claim.article else []),
        ),
        ("Named graph", page.link(claim.graph, claim.graph)),
    ]
    body = [
        f'<h1 id="page-title">{esc(cap(claim.label))}</h1>',
        f'<p class="iri">{esc(claim.iri)}</p>',
        '<dl class="facts">' + "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in facts) + "</dl>",
    ]

    body.append('<h2 id="evidence-h">Evidence</h2>')
    if claim.evidence:
        items = []
        for span in claim.evidence:
            where = pages.target(span.iri)
            quote = f"“{esc(span.text)}”"
            link = f'<a href="{page.href(where)}">{quote}</a>' if where else quote
            items.append(
                f'<li><blockquote>{link}</blockquote><p class="muted">characters {span.begin}–{span.end}</p></li>'
            )
        body.append('<ul class="plain">' + "".join(items) + "</ul>")
    else:
        body.append("<p>No evidence span.</p>")

    rows = [
        [page.term(s.predicate), page.value(s.object, s.predicate)]
        for s in sorted(
            claim.statements, key=lambda s: (s.predicate != RDF_TYPE, site.label(s.predicate).casefold(), s)
        )
    ]
    body.append('<h2 id="triples-h">Triples</h2>')
    body.append(table(["Property", "Value"], rows))

    referring = [
        (subject, st) for subject, st in pages.inbound.get(claim.iri, []) if st.predicate not in (DKG + "evidence",)
    ]
    if referring:
        rows = [[page.link(subject), page.term(st.predicate)] for subject, st in referring]
        body.append('<h2 id="inbound-h">Referred to by</h2>')
        body.append(table(["Subject", "Property"], rows))

    body.append('<h2 id="turtle-h">Turtle</h2>')
    body.append(f"<pre><code>{esc(subject_turtle(claim.iri, claim.statements))}</code></pre>")
    return page.frame(cap(claim.label), "\n".join(body) + "\n")
