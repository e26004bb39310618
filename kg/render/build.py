"""Build the site: read the graph, render every page in memory, then put the folder in place at once.

The site is rendered into a temporary folder beside the target and swapped in whole, so a reader (or
``kg site --serve``) never sees half a site, and a failed run leaves the previous one untouched. A
marker file says the folder is a site kg wrote; any other non-empty folder is refused rather than
replaced.
"""

import os
import shutil
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from kg.core.errors import KgError
from kg.render import links
from kg.render.html import Pages
from kg.render.model import Site
from kg.render.pages import article as article_page
from kg.render.pages import claim as claim_page
from kg.render.pages import entity as entity_page
from kg.render.pages import graph as graph_page
from kg.render.pages import index as index_page
from kg.render.pages import ontology as ontology_page
from kg.render.read import read_site
from kg.render.sparql import open_store
from kg.util import atomic, console

MARKER = ".kg-site"
ASSETS = ("site.css", "site.js")


@dataclass(frozen=True)
class SiteResult:
    out_dir: Path
    files: int
    bytes: int
    articles: int
    claims: int
    entities: int


def render_site(source) -> dict[str, bytes]:
    """Every file of the site (path relative to the site folder -> bytes) from a TriG file or a store."""
    return render(read_site(open_store(source)))


def render(site: Site) -> dict[str, bytes]:
    layouts = {a.iri: article_page.layout(site, a) for a in site.articles}
    pages = Pages(site, article_page.span_targets(site, layouts))
    files: dict[str, str] = {
        links.INDEX: index_page.render(site, pages),
        links.ONTOLOGY_PAGE: ontology_page.render(site, pages),
    }

    def add(path: str, text: str) -> None:
        if path in files:  # two things, one page: only a hash collision could do this
            raise KgError(f"two pages would be written to {path}")
        files[path] = text

    for article in site.articles:
        add(pages.paths[article.iri], article_page.render(site, pages, article, layouts[article.iri]))
        add(pages.paths[article.graph], graph_page.render(site, pages, article))
    for claim in site.claims.values():
        add(pages.paths[claim.iri], claim_page.render(site, pages, claim))
    points = sorted({p for e in site.entities.values() for p in e.points})
    for entity in site.entities.values():
        add(pages.paths[entity.iri], entity_page.render(site, pages, entity, points))
    out = {path: text.encode("utf-8") for path, text in files.items()}
    static = resources.files("kg.render") / "static"
    for name in ASSETS:
        out[f"assets/{name}"] = (static / name).read_bytes()
    out[MARKER] = b"This folder was written by 'kg site' and is replaced as a whole each time it runs.\n"
    return out


def build_site(source, out_dir: Path) -> SiteResult:
    """Write the site for ``source`` (a TriG file or a pyoxigraph store) to ``out_dir``, replacing it."""
    out_dir = Path(out_dir)
    _check_target(out_dir)
    site = read_site(open_store(source))
    files = render(site)
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".tmp", dir=out_dir.parent))
    except OSError as exc:
        raise KgError(f"{out_dir}: cannot write: {exc.strerror or exc}") from None
    try:
        os.chmod(tmp, 0o777 & ~atomic.umask())  # mkdtemp makes it private; the site follows the umask
        for rel, data in sorted(files.items()):
            path = tmp / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        leftover = atomic.replace_dir(tmp, out_dir)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise KgError(f"{out_dir}: cannot write: {exc.strerror or exc}") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if leftover is not None:
        console.warn(f"{leftover}: the previous site could not be removed entirely; the new one is in place")
    return SiteResult(
        out_dir,
        len(files),
        sum(len(b) for b in files.values()),
        len(site.articles),
        len(site.claims),
        len(site.entities),
    )


def _check_target(out_dir: Path) -> None:
    if not out_dir.exists():
        return
    if not out_dir.is_dir():
        raise KgError(f"{out_dir}: exists and is not a folder")
    if any(out_dir.iterdir()) and not (out_dir / MARKER).is_file():
        raise KgError(f"{out_dir}: exists and was not written by 'kg site'; choose another --out or remove it")
