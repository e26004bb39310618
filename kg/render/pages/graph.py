"""The picture of an article's named graph: claims and entities as nodes, roles as edges (SVG drawn at
build time, inline, every node a link to its page)."""

from kg.render import links
from kg.render.html import Page, esc
from kg.render.model import ArticleView, Site
from kg.render.pages.article import status_key
from kg.render.svg import article_graph


def render(site: Site, pages, article: ArticleView) -> str:
    page = Page(pages, links.page_path(article.graph))
    body = [
        f'<h1 id="page-title">The graph of “{esc(article.display_title)}”</h1>',
        f'<p class="iri">{esc(article.graph)}</p>',
        f'<p>Back to <a href="{page.href(links.page_path(article.iri))}">the article</a>. '
        "Claims are on the left in the order of the text, each box patterned and marked by its status as on the "
        "article page; the entities they name are on the right. Each edge is a role, labelled where it leaves its "
        "claim (dashed grey: whom the claim is according to; on the left, in blue: a role filled by another claim). "
        "Who reported each claim is on the claim's page. Every box links to its page.</p>",
        '<figure class="graph">',
        article_graph(site, page, article, status_key),
        "</figure>",
    ]
    return page.frame(f"Graph of {article.display_title}", "\n".join(body) + "\n")
