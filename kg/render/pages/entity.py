"""An entity's page: who or what it is, its Wikidata link (or why there is none), where it is, every
claim about it across the articles, and every article that mentions it."""

from collections import defaultdict

from kg.render import links
from kg.render.html import Page, cap, esc, table
from kg.render.model import EntityView, Site
from kg.render.svg import location_map
from kg.render.turtle import subject_turtle
from kg.render.vocab import DKG, RDF_TYPE, SKOS, WD

# the linker's rules (kg.link.linker LINKABLE, NEVER, DESCRIPTIONS), as strings: the site does not import rdflib;
# tests/test_site.py checks that the two agree
LINKED = (DKG + "Person", DKG + "Organization", DKG + "Place", DKG + "ArmedConflict", DKG + "Conference")
NEVER_LINKED = (DKG + "UnnamedAgent", DKG + "CollectiveAgent")
DESCRIPTIONS = (DKG + "GovernmentSector",)


def _lineage(site: Site, classes: list[str]) -> set[str]:
    return set(classes) | {a for c in classes for a in site.ontology.ancestors.get(c, set())}


def unlinked_reason(site: Site, entity: EntityView) -> str:
    """Why there is no Wikidata link, as far as the graph and the ontology tell (kg link's rules)."""
    lineage = _lineage(site, entity.classes)
    if lineage & set(NEVER_LINKED):
        return "unnamed or collective agents are never linked: the text does not say who they are."
    if lineage & set(DESCRIPTIONS):
        return "it is named by what it is, not by a name, so it is never searched; a pin can link it."
    if not lineage & set(LINKED):
        return "kg links only people, organisations, places, armed conflicts and conferences."
    aligned = {
        t.iri
        for t in site.ontology.classes
        if any(p in (SKOS + "exactMatch", SKOS + "closeMatch") and o.startswith(WD) for p, o in t.alignments)
    }
    # the nearest classes that map to Wikidata, as the linker looks for them
    frontier, seen = list(entity.classes), set()
    while frontier:
        if any(c in aligned for c in frontier):
            return (
                "no confident match was found when the graph was built (an offline build links only from the "
                "pins and the cache); <code>kg link --report</code> lists the candidates and their scores."
            )
        seen |= set(frontier)
        frontier = sorted({p for c in frontier for t in site.ontology.classes if t.iri == c for p in t.supers} - seen)
    names = ", ".join(esc(site.label(c)) for c in entity.classes)
    return f"its class ({names}) has no Wikidata class, so it is never searched; a pin can link it."


def _facts(site: Site, page: Page, entity: EntityView) -> list[tuple[str, str]]:
    """The entity's facts box: class, other names, Wikidata link, coordinates."""
    facts = [("Class", ", ".join(page.term(c) for c in entity.classes) or "—")]
    if entity.aliases:
        facts.append(("Also called", ", ".join(esc(a) for a in entity.aliases)))
    if entity.wikidata:
        method = entity.first(DKG + "linkMethod")
        score = entity.first(DKG + "linkScore")
        how = ", ".join(x for x in (f"by {esc(method)}" if method else "", f"score {esc(score)}" if score else "") if x)
        facts.append(
            (
                "Wikidata",
                ", ".join(page.link(q) for q in entity.wikidata)
                + (f' <span class="muted">({how})</span>' if how else ""),
            )
        )
    else:
        facts.append(("Wikidata", f"not linked: {unlinked_reason(site, entity)}"))
    if entity.points:
        facts.append(
            (
                "Coordinates",
                "; ".join(
                    f'{lat:.4f}, {lon:.4f} <a class="ext" href="https://www.openstreetmap.org/'
                    f'?mlat={lat:.5f}&amp;mlon={lon:.5f}#map=8/{lat:.5f}/{lon:.5f}">(open a map)</a>'
                    for lon, lat in entity.points
                ),
            )
        )
    return facts


def render(site: Site, pages, entity: EntityView, all_points: list[tuple[float, float]]) -> str:
    path = links.page_path(entity.iri)
    page = Page(pages, path)
    facts = _facts(site, page, entity)
    body = [
        f'<h1 id="page-title">{esc(cap(entity.label))}</h1>',
        f'<p class="iri">{esc(entity.iri)}</p>',
        '<dl class="facts">' + "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in facts) + "</dl>",
    ]
    if entity.points:
        body.append(
            '<figure class="map">'
            + location_map(entity.points, all_points, entity.label)
            + "<figcaption>Red: this place (latitude/longitude grid every 30°); grey: the graph's other places."
            "</figcaption></figure>"
        )

    body.append(f'<h2 id="claims-h">Claims about it ({len({c for c, _ in entity.claims})})</h2>')
    if entity.claims:
        rows = []
        for claim_iri, predicate in entity.claims:
            claim = site.claims[claim_iri]
            article = site.article(claim.article)
            rows.append(
                [
                    page.link(claim.iri, claim.label),
                    page.term(predicate),
                    page.badge(claim.status),
                    ", ".join(page.term(c) for c in claim.classes),
                    page.links(claim.according_to, "not stated"),
                    page.link(article.iri, article.display_title) if article else "—",
                ]
            )
        body.append(table(["Claim", "Its role", "Status", "Class", "According to", "Article"], rows))
    else:
        body.append("<p>No claim names it.</p>")

    mentions = defaultdict(list)
    for article in site.articles:
        for m in article.mentions:
            if m.entity == entity.iri:
                mentions[article.iri].append(m.span)
    body.append(f'<h2 id="articles-h">Articles ({len(entity.articles)})</h2><ul>')
    for article_iri in entity.articles:
        article = site.article(article_iri)
        spans = mentions.get(article_iri, [])
        if article is None:
            continue
        quotes = ", ".join(f'<a href="{page.href(pages.target(s.iri))}">“{esc(s.text)}”</a>' for s in spans)
        said = f" — named as {quotes}" if quotes else " — not named in the text; its claims refer to it"
        body.append(f"<li>{page.link(article.iri, article.display_title)}{said}</li>")
    body.append("</ul>")

    rows = [
        [
            page.term(s.predicate),
            page.value(s.object, s.predicate),
            page.link(s.graph, links.curie(s.graph).rsplit("/", 1)[-1]),
        ]
        for s in sorted(
            entity.statements, key=lambda s: (s.predicate != RDF_TYPE, site.label(s.predicate).casefold(), s)
        )
        if s.predicate != DKG + "mention"
    ]
    body.append('<h2 id="triples-h">What the graph says about it</h2>')
    body.append(table(["Property", "Value", "Graph"], rows))
    others = [
        (subject, st)
        for subject, st in pages.inbound.get(entity.iri, [])
        if subject not in site.claims and subject not in {a.iri for a in site.articles}
    ]
    if others:
        body.append('<h2 id="related-h">Related entities</h2>')
        body.append(table(["Subject", "Property"], [[page.link(s), page.term(st.predicate)] for s, st in others]))
    body.append('<h2 id="turtle-h">Turtle</h2>')
    body.append(f"<pre><code>{esc(subject_turtle(entity.iri, entity.statements))}</code></pre>")
    return page.frame(cap(entity.label), "\n".join(body) + "\n")
