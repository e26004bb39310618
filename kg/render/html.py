"""The page frame and the small pieces every page uses: escaped text, links to things, RDF values.

Every piece of text that comes from the graph goes through ``esc`` (``html.escape``); nothing from the
graph is ever put into markup unescaped.
"""

import html

from kg.render import links
from kg.render.model import Site, Statement, Value
from kg.render.vocab import RDF_TYPE, WD, XSD

SITE_TITLE = "kg — diplomatic news as a knowledge graph"


def esc(text) -> str:
    return html.escape(str(text), quote=True)


def cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


class Pages:
    """What has a page, and where: shared by all the pages of one site build."""

    def __init__(self, site: Site, span_anchors: dict[str, str]):
        self.site = site
        self.paths: dict[str, str] = {}
        for article in site.articles:
            self.paths[article.iri] = links.page_path(article.iri)
            self.paths[article.graph] = links.page_path(article.graph)
        for iri in list(site.claims) + list(site.entities):
            self.paths.setdefault(iri, links.page_path(iri))
        self.paths[site.ontology.iri] = links.ONTOLOGY_PAGE
        ont = site.ontology
        for term in ont.classes + ont.properties + ont.concepts:
            anchor = links.term_anchor(term.iri)
            if anchor:
                self.paths.setdefault(term.iri, anchor)  # only terms the ontology page documents
        self.span_anchors = span_anchors  # span IRI -> "id/slug.html#char=b,e"
        self.inbound: dict[str, list[tuple[str, Statement]]] = {}  # object IRI -> (subject, statement)
        for subject, statements in sorted(site.about.items()):
            for statement in statements:
                if statement.object.is_iri and statement.object.value != subject:
                    self.inbound.setdefault(statement.object.value, []).append((subject, statement))

    def target(self, iri: str) -> str | None:
        if iri in self.paths:
            return self.paths[iri]
        return self.span_anchors.get(iri)


class Page:
    """Rendering helpers bound to one page (links are relative to it)."""

    def __init__(self, pages: Pages, path: str):
        self.pages = pages
        self.site = pages.site
        self.path = path

    def href(self, target: str) -> str:
        return esc(links.relative(target, self.path))

    def link(self, iri: str, text: str | None = None, cls: str = "") -> str:
        """A link to the thing's page here, to Wikidata, or out to the IRI; the label as text."""
        labelled = text is not None or iri in self.site.labels
        text = self.site.label(iri) if text is None else text
        target = self.pages.target(iri)
        if target is not None:
            attr = f' class="{cls}"' if cls else ""
            return f'<a{attr} href="{self.href(target)}">{esc(text)}</a>'
        attr = f' class="{(cls + " ext").strip()}"'
        if iri.startswith(WD):
            qid = iri[len(WD) :]
            shown = text if labelled else f"wd:{qid}"
            return f'<a{attr} href="https://www.wikidata.org/wiki/{esc(qid)}">{esc(shown)}</a>'
        if iri.startswith(("http://", "https://")):
            shown = text if labelled else links.curie(iri)
            return f'<a{attr} href="{esc(iri)}">{esc(shown)}</a>'
        return f"<span{attr}>{esc(iri)}</span>"

    def term(self, iri: str) -> str:
        """An ontology term (class, property, status) by its label, linked to its documentation."""
        return self.link(iri, self.site.label(iri) if iri in self.site.labels else links.curie(iri))

    def links(self, iris, empty: str = "—") -> str:
        return ", ".join(self.link(i) for i in iris) or esc(empty)

    def value(self, value: Value, predicate: str = "") -> str:
        if value.kind == "iri":
            return self.term(value.value) if predicate == RDF_TYPE else self.link(value.value)
        if value.kind == "blank":
            return f'<span class="iri">_:{esc(value.value)}</span>'
        extra = ""
        if value.language:
            extra = f' <span class="muted">@{esc(value.language)}</span>'
        elif value.datatype and value.datatype != XSD + "string":
            extra = f' <span class="muted">{esc(links.curie(value.datatype))}</span>'
        return f"{esc(value.value)}{extra}"

    def badge(self, status_iri: str | None) -> str:
        status = self.site.status(status_iri)
        if status is None:
            return '<span class="muted">no status</span>' if status_iri is None else esc(self.site.label(status_iri))
        return f'<span class="badge ev st-{esc(status.key)}">{esc(status.label)}</span>'

    def frame(
        self,
        title: str,
        body: str,
        *,
        side: str = "",
        current: str = "",
        script: bool = False,
        heading_id: str = "page-title",
    ) -> str:
        prefix = links.to_root(self.path)
        nav = [
            ("Home", links.INDEX, "home"),
            ("Articles", links.INDEX + "#articles", "articles"),
            ("Entities", links.INDEX + "#entities", "entities"),
            ("Ontology", links.ONTOLOGY_PAGE, "ontology"),
        ]
        here = ' aria-current="page"'
        items = "".join(
            f'<li><a href="{self.href(target)}"{here if key == current else ""}>{esc(name)}</a></li>'
            for name, target, key in nav
        )
        layout = "layout with-side" if side else "layout"
        tip = '<div id="claim-tip" role="tooltip" hidden></div>\n' if script else ""
        js = f'<script src="{esc(prefix)}assets/site.js"></script>\n' if script else ""
        return (
            "<!DOCTYPE html>\n"
            '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(title)} · kg</title>\n"
            '<link rel="icon" href="data:,">\n'
            f'<link rel="stylesheet" href="{esc(prefix)}assets/site.css">\n'
            "</head>\n<body>\n"
            '<a class="skip" href="#main">Skip to content</a>\n'
            f'<header class="site"><nav aria-label="Site"><ul>{items}</ul></nav></header>\n'
            f'<div class="{layout}">\n'
            f'<main id="main" tabindex="-1" aria-labelledby="{esc(heading_id)}">\n{body}</main>\n'
            f"{side}"
            "</div>\n"
            f"{tip}"
            '<footer class="site"><p>Generated by <code>kg site</code> from the built graph; '
            "every page opens from the file system and loads nothing from the network.</p></footer>\n"
            f"{js}"
            "</body>\n</html>\n"
        )


def table(head: list[str], rows: list[list[str]], caption: str = "") -> str:
    """Cells are HTML already (escaped by whoever made them)."""
    cap_html = f'<caption class="muted">{esc(caption)}</caption>' if caption else ""
    th = "".join(f'<th scope="col">{esc(h)}</th>' for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>\n" for row in rows)
    return f"<table>{cap_html}<thead><tr>{th}</tr></thead>\n<tbody>\n{body}</tbody></table>\n"
