"""The article page: its attribution at the top, its verbatim text with every evidence span marked up
by its claim, and a side list of the claims grouped by class.

Each evidence span is a ``<mark>`` with ``data-claim`` (the claim's IRI), ``data-status`` and
``data-span`` ("begin,end"); its first fragment is a tab stop whose description (``aria-describedby``)
is the claim's card in the side list, which the page script also shows beside the span on focus and
hover. Entity mentions link to the entity's page.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

from kg.render import links, markup
from kg.render.html import Page, cap, esc
from kg.render.model import ArticleView, ClaimView, Site
from kg.render.vocab import DCTERMS, DKG, RDF_TYPE, SCHEMA
from kg.util.text import counted, one_line

NOTE_CLASS = DKG + "EditorialNote"


def anchor(begin: int, end: int) -> str:
    """The element id of a span on its article page: the RFC 5147 fragment of the span's IRI."""
    return f"char={begin},{end}"


@dataclass
class Layout:
    """How an article's text is marked up, decided once: the page renders it, other pages link into it."""

    ranges: list[markup.Range]
    blocks: list[markup.Block]
    ids: dict[tuple[int, int], str]  # (begin, end) of a span -> the id of its element


def span_targets(site: Site, layouts: dict[str, Layout]) -> dict[str, str]:
    """Span IRI -> its element on the article page (or the page alone for a span with no element)."""
    targets = {}
    for article in site.articles:
        page, ids = links.page_path(article.iri), layouts[article.iri].ids
        spans = list(article.sentences) + [m.span for m in article.mentions]
        spans += [s.span for s in article.sections if s.span]
        spans += [s for c in article.claims for s in site.claims[c].evidence]
        for span in spans:
            key = (span.begin, span.end)
            targets[span.iri] = f"{page}#{ids[key]}" if key in ids else page
    return targets


def is_note(site: Site, claim: ClaimView) -> bool:
    return any(c == NOTE_CLASS or NOTE_CLASS in site.ontology.ancestors.get(c, set()) for c in claim.classes)


def status_key(site: Site, claim: ClaimView) -> str:
    status = site.status(claim.status)
    return status.key if status else "none"


def card_id(index: int) -> str:
    return f"card-{index}"


def card(page: Page, claim: ClaimView, index: int) -> str:
    """The claim in short: what the popup shows and what a screen reader reads as the span's description."""
    classes = ", ".join(page.term(c) for c in claim.classes)
    according = page.links(claim.according_to, "not stated")
    reported = page.links(claim.reported_by, "not stated")
    return (
        f'<div class="card" id="{card_id(index)}" data-claim-card="{esc(claim.iri)}">'
        f'<p class="card-title">{page.link(claim.iri, claim.label)}</p>'
        f"<p>{page.badge(claim.status)} {classes}</p>"
        f"<p>According to {according}; reported by {reported}</p>"
        "</div>"
    )


def attribution_chain(page: Page, article: ArticleView) -> str:
    """ "reported by X → translated by Y → published by Z", from what the graph states."""
    steps = []
    if article.iris(DKG + "originalReportBy"):
        steps.append("reported by " + page.links(article.iris(DKG + "originalReportBy")))
    if article.iris(DKG + "translatedBy"):
        steps.append("translated by " + page.links(article.iris(DKG + "translatedBy")))
    if article.iris(DKG + "publisher"):
        steps.append("published by " + page.links(article.iris(DKG + "publisher")))
    return " → ".join(steps) if steps else '<span class="muted">not stated</span>'


def verification(article: ArticleView) -> str:
    if article.verified is True:
        return "verified by the publisher"
    if article.verified is False:
        return "<strong>not verified</strong> by the publisher"
    return '<span class="muted">not stated</span>'


def render(site: Site, pages, article: ArticleView, layout: Layout) -> str:
    path = links.page_path(article.iri)
    page = Page(pages, path)
    claims = [site.claims[c] for c in article.claims]
    index = {c.iri: i for i, c in enumerate(claims, start=1)}
    body = [f'<h1 id="page-title">{esc(article.display_title)}</h1>', f'<p class="iri">{esc(article.iri)}</p>']
    body.append(_about(page, article, claims))
    body.append('<section aria-labelledby="text-h"><h2 id="text-h">Text</h2>')
    body.append(
        '<p class="muted small">Each highlighted passage is evidence for a claim: focus it (Tab) or hover over it '
        "to see the claim. The underline's pattern and the symbol say the claim's status.</p>"
    )
    body.append(_legend(page, claims))
    lang = article.values(DCTERMS + "language")
    lang_attr = f' lang="{esc(lang[0].value)}"' if lang else ""
    body.append(
        f'<div class="text"{lang_attr}>\n{markup.render(article.text, layout.ranges, layout.blocks)}</div></section>'
    )
    body.append(_entities(site, page, article, claims))
    side = _side(site, page, claims, index)
    return page.frame(article.display_title, "\n".join(body) + "\n", side=side, script=True)


def _about(page: Page, article: ArticleView, claims: list[ClaimView]) -> str:
    site = page.site
    facts = [("Attribution", attribution_chain(page, article)), ("Verification", verification(article))]
    for label, predicate in (("Responsibility", DKG + "responsibleParty"), ("Authors", DCTERMS + "creator")):
        if article.iris(predicate):
            facts.append((label, page.links(article.iris(predicate))))
    for label, predicate in (("Published", DCTERMS + "issued"), ("Address", SCHEMA + "url")):
        values = article.values(predicate)
        if values:
            facts.append((label, ", ".join(page.value(v) for v in values)))
    for work in article.iris(SCHEMA + "translationOfWork"):
        facts.append(("Translation of", _work(page, work)))
    rows = "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in facts)
    extra = []
    for value in article.values(DCTERMS + "language"):
        extra.append(f"language {page.value(value)}")
    extra.append(f"named graph {page.link(article.graph, article.graph)}")
    extra.append(f'<a href="{page.href(links.page_path(article.graph))}">the graph as a picture</a>')
    out = [
        f'<section aria-labelledby="about-h"><h2 id="about-h" class="visually-hidden">About this article</h2>'
        f'<dl class="facts">{rows}</dl><p class="muted small">{" · ".join(extra)}</p>'
    ]
    notes = [c for c in claims if is_note(site, c)]
    if notes:
        out.append('<h3 id="notes-h">Editorial notes</h3><ul class="plain notes">')
        for note in notes:
            quotes = " ".join(f'<a href="#{anchor(s.begin, s.end)}">“{esc(s.text)}”</a>' for s in note.evidence)
            out.append(
                f'<li>{quotes} <span class="muted">— {page.link(note.iri, note.label)}, according to '
                f"{page.links(note.according_to, 'not stated')}</span></li>"
            )
        out.append("</ul>")
    out.append("</section>")
    return "".join(out)


def _work(page: Page, iri: str) -> str:
    """The original of a translation: its title, language and address as the graph gives them."""
    said = [s for s in page.site.about.get(iri, []) if s.predicate != RDF_TYPE]
    details = "; ".join(f"{page.term(s.predicate)}: {page.value(s.object, s.predicate)}" for s in said)
    return page.link(iri) + (f' <span class="muted">({details})</span>' if details else "")


def _legend(page: Page, claims: list[ClaimView]) -> str:
    counts = Counter(c.status for c in claims)
    items = []
    for status in page.site.statuses:
        items.append(
            f'<li><a href="{page.href(links.ontology_anchor(status.iri) or links.ONTOLOGY_PAGE)}">'
            f'<span class="badge ev st-{esc(status.key)}">{esc(status.label)}</span></a> '
            f"{counts.get(status.iri, 0)}</li>"
        )
    return (
        f'<div class="legend"><h3 id="legend-h">Statuses <span class="muted small">(claims in this article)</span></h3>'
        f'<ul aria-labelledby="legend-h">{"".join(items)}</ul></div>'
    )


def layout(site: Site, article: ArticleView) -> Layout:
    claims = [site.claims[c] for c in article.claims]
    index = {c.iri: i for i, c in enumerate(claims, start=1)}
    path = links.page_path(article.iri)
    ranges, taken = [], {}
    for claim in claims:
        key = status_key(site, claim)
        for span in claim.evidence:
            if span.end > len(article.text):
                continue
            first = [("tabindex", "0"), ("aria-describedby", card_id(index[claim.iri]))]
            if (span.begin, span.end) not in taken:
                taken[(span.begin, span.end)] = anchor(span.begin, span.end)
                first.insert(0, ("id", anchor(span.begin, span.end)))
            ranges.append(
                markup.Range(
                    span.begin,
                    span.end,
                    "mark",
                    attrs=(
                        ("data-claim", claim.iri),
                        ("data-status", key if key != "none" else ""),
                        ("data-span", f"{span.begin},{span.end}"),
                    ),
                    first_attrs=tuple(first),
                    classes=("ev", f"st-{key}"),
                    depth_class=True,
                    rank=0,
                    key=f"{index[claim.iri]:06d}",
                )
            )
    evidence = [(r.begin, r.end) for r in ranges]
    for mention in article.mentions:
        span = mention.span
        if mention.entity not in site.entities or span.end > len(article.text):
            continue
        if any(span.begin <= b and e <= span.end and (b, e) != (span.begin, span.end) for b, e in evidence):
            continue  # a claim's evidence inside a name: the name is not made a link around it
        mention_first: tuple[tuple[str, str], ...] = ()
        if (span.begin, span.end) not in taken:
            taken[(span.begin, span.end)] = anchor(span.begin, span.end)
            mention_first = (("id", anchor(span.begin, span.end)),)
        ranges.append(
            markup.Range(
                span.begin,
                span.end,
                "a",
                attrs=(
                    ("href", links.relative(links.page_path(mention.entity), path)),
                    ("data-entity", mention.entity),
                ),
                first_attrs=mention_first,
                classes=("mention",),
                rank=1,
                key=mention.entity,
            )
        )
    headings = {(s.span.begin, s.span.end) for s in article.sections if s.span}
    blocks = []
    for begin, end in markup.lines(article.text):
        line = article.text[begin:end]
        stripped = (begin + len(line) - len(line.lstrip()), end - (len(line) - len(line.rstrip())))
        if stripped in headings:
            attrs: tuple[tuple[str, str], ...] = ()
            if stripped not in taken:
                taken[stripped] = anchor(*stripped)
                attrs = (("id", taken[stripped]),)
            blocks.append(markup.Block(begin, end, "h3", attrs))
        else:
            blocks.append(markup.Block(begin, end, "p"))
    return Layout(ranges, blocks, taken)


def _entities(site: Site, page: Page, article: ArticleView, claims: list[ClaimView]) -> str:
    mentions = Counter(m.entity for m in article.mentions)
    refs: dict[str, int] = defaultdict(int)
    for claim in claims:
        for s in claim.statements:
            if s.object.is_iri and s.object.value in site.entities:
                refs[s.object.value] += 1
    found = sorted(set(mentions) | set(refs), key=lambda e: (site.label(e).casefold(), e))
    found = [e for e in found if e in site.entities]
    rows = []
    for iri in found:
        n, r = mentions.get(iri, 0), refs.get(iri, 0)
        rows.append(
            f'<li>{page.link(iri)} <span class="muted">({counted(n, "mention")}, '
            f"{counted(r, 'role')} in claims)</span></li>"
        )
    return (
        f'<section aria-labelledby="entities-h"><h2 id="entities-h">Entities in this article ({len(found)})</h2>'
        f'<ul class="plain">{"".join(rows)}</ul></section>'
    )


def _side(site: Site, page: Page, claims: list[ClaimView], index: dict) -> str:
    groups: dict[str, list[ClaimView]] = defaultdict(list)
    for claim in claims:
        cls = min(claim.classes, key=lambda c: (site.label(c).casefold(), c)) if claim.classes else ""
        groups[cls].append(claim)
    out = [f'<aside class="claims" aria-labelledby="claims-h"><h2 id="claims-h">Claims ({len(claims)})</h2>']
    for cls in sorted(groups, key=lambda c: (site.label(c).casefold() if c else "~", c)):
        members = groups[cls]
        title = cap(site.label(cls)) if cls else "Other"
        out.append(f"<h3>{esc(title)} ({len(members)})</h3><ul>")
        for claim in members:
            n = index[claim.iri]
            if claim.evidence:
                spans = " ".join(
                    f'<a href="#{anchor(s.begin, s.end)}">“{esc(one_line(s.text, 48))}”</a>' for s in claim.evidence
                )
            else:
                spans = '<span class="muted">no evidence span</span>'
            out.append(
                f'<li class="claim-item" id="claim-{n}">{card(page, claim, n)}'
                f'<p class="spans">In the text: {spans}</p></li>'
            )
        out.append("</ul>")
    out.append("</aside>\n")
    return "".join(out)
