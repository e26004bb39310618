"""Pictures drawn at build time, as SVG text: an article's graph and where an entity is.

The graph picture has the claims in one column, in the order of the text, and the entities they name
in a second column, each placed as near as it can be to the mean height of the claims that point at
it; roles are the edges, each labelled where it leaves its claim. Nothing is random and every order has
a tie-break, so the same graph gives the same picture. No layout engine, no script, no network.
"""

from dataclasses import dataclass

from kg.render import links
from kg.render.html import Page, esc
from kg.render.model import ArticleView, ClaimView, Site
from kg.render.vocab import DKG, RDF_TYPE
from kg.util.text import counted, one_line

# Roles not drawn: the claim's own bookkeeping (type, evidence, status, the article it is stated in) and
# who reported it, which is the same for nearly every claim of an article and is listed on each claim's page.
NOT_DRAWN = {RDF_TYPE, DKG + "evidence", DKG + "statedIn", DKG + "status", DKG + "reportedBy", DKG + "sentence"}
SOURCE_ROLES = {DKG + "accordingTo"}

ROW = 14
CLAIM_X, CLAIM_W = 200, 330
ROLE_GAP = 6
ENTITY_X, ENTITY_W = 892, 300
WIDTH = ENTITY_X + ENTITY_W + 8
TOP = 34
CHAR_W = 6.2  # average advance of an 11px sans-serif character, for cutting labels to fit
ROLE_CHAR_W = 5.6

STATUS_STYLE = {
    "planned": ("#dbeafe", "#1d4ed8", "6 3"),
    "expected": ("#cffafe", "#0e7490", "2 3"),
    "possible": ("#f3e8ff", "#7e22ce", "1 3"),
    "happened": ("#dcfce7", "#15803d", ""),
    "ongoing": ("#fef9c3", "#a16207", "10 2 2 2"),
    "in-force": ("#ccfbf1", "#0f766e", "10 2 2 2 2 2"),
    "cancelled": ("#fee2e2", "#b91c1c", "4 2 1 2"),
    "not-happened": ("#e4e4e7", "#3f3f46", "3 3"),
    "none": ("#f4f4f5", "#52525b", ""),
}
SYMBOLS = {
    "planned": "◷",
    "expected": "➜",
    "possible": "?",
    "happened": "✓",
    "ongoing": "↻",
    "in-force": "§",
    "cancelled": "✗",
    "not-happened": "∅",
    "none": "·",
}


def fit(text: str, width: float, char_w: float = CHAR_W) -> str:
    limit = max(4, int(width / char_w))
    return one_line(text, limit)


def _curve(start, control1, control2, end) -> str:
    """An SVG path: a cubic Bézier curve from ``start`` to ``end``."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = start, control1, control2, end
    return f"M{num(x0)},{num(y0)} C{num(x1)},{num(y1)} {num(x2)},{num(y2)} {num(x3)},{num(y3)}"


def num(x: float) -> str:
    """Coordinates with at most one decimal, written the same way everywhere."""
    return f"{x:.1f}".rstrip("0").rstrip(".") if x != int(x) else str(int(x))


@dataclass
class _Role:
    predicate: str
    target: str
    y: float = 0.0
    left: bool = False  # roles filled by another claim are drawn on the left of the claims


def _roles(site: Site, claim: ClaimView, same_article: set[str]) -> list[_Role]:
    """The roles drawn: to entities, and to claims of the same article (another article's claim, as in
    dkg:sameEventAs, is on the claim's page but not in this picture)."""
    found = {
        (s.predicate, s.object.value)
        for s in claim.statements
        if s.object.is_iri
        and s.predicate not in NOT_DRAWN
        and (s.object.value in site.entities or s.object.value in same_article)
        and s.object.value != claim.iri
    }
    return [
        _Role(p, t, left=t in site.claims)
        for p, t in sorted(found, key=lambda pt: (site.label(pt[0]).casefold(), site.label(pt[1]).casefold(), pt))
    ]


def _style() -> str:
    rules = [
        "text{font-family:'DejaVu Sans',system-ui,sans-serif;font-size:11px;fill:#1b1b1f}",
        ".head{font-size:13px;font-weight:700}",
        ".role{font-size:10px;fill:#3f3f46}",
        ".edge{fill:none;stroke:#52525b;stroke-width:1;opacity:.75}",
        ".edge.source{stroke:#a1a1aa;stroke-dasharray:4 3}",
        ".edge.claim{stroke:#1d4ed8}",
        ".entity rect{fill:#f4f4f5;stroke:#71717a}",
        "a:hover rect,a:focus rect{stroke-width:3}",
    ]
    for key, (fill, line, dash) in STATUS_STYLE.items():
        dash_rule = f";stroke-dasharray:{dash}" if dash else ""
        rules.append(f".st-{key} rect{{fill:{fill};stroke:{line};stroke-width:1.5{dash_rule}}}")
    return "<style>" + "".join(rules) + "</style>"


def _place_entities(site: Site, claims: list[ClaimView], roles_of: dict[str, list[_Role]]):
    """Entities ordered by the mean height of the roles that point at them, then placed greedily:
    the order, each one's top, and the last top."""
    pulls: dict[str, list[float]] = {}
    for claim in claims:
        for role in roles_of[claim.iri]:
            if role.target in site.entities:
                pulls.setdefault(role.target, []).append(role.y)
    order = sorted(pulls, key=lambda e: (sum(pulls[e]) / len(pulls[e]), site.label(e).casefold(), e))
    entity_y, last = {}, TOP - 30.0
    for iri in order:
        want = sum(pulls[iri]) / len(pulls[iri]) - 11
        top = max(want, last + 28)
        entity_y[iri] = top
        last = top
    return order, entity_y, last


def article_graph(site: Site, page: Page, article: ArticleView, status_key) -> str:
    claims = [site.claims[c] for c in article.claims]
    boxes, y = [], TOP
    roles_of: dict[str, list[_Role]] = {}
    for claim in claims:
        roles = _roles(site, claim, set(article.claims))
        right = [r for r in roles if not r.left]
        left = [r for r in roles if r.left]
        height = max(22, ROW * max(len(right), len(left)) + 8)
        for side in (right, left):
            for j, role in enumerate(side):
                role.y = y + 11 + ROW * j
        roles_of[claim.iri] = roles
        boxes.append((claim, y, height))
        y += height + 8
    claims_bottom = y
    centre = {claim.iri: top + 11 for claim, top, _ in boxes}

    order, entity_y, last = _place_entities(site, claims, roles_of)
    height = max(claims_bottom, last + 40) + 8

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{num(height)}" '
        f'viewBox="0 0 {WIDTH} {num(height)}" aria-labelledby="graph-title graph-desc">',
        f'<title id="graph-title">Graph of “{esc(article.display_title)}”</title>',
        f'<desc id="graph-desc">{counted(len(claims), "claim")} in the order of the text (left), the '
        f"{counted(len(order), 'entity')} they name (right), and their roles as labelled edges; roles filled by "
        "another claim are on the left.</desc>",
        '<defs><marker id="arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto">'
        '<path d="M0,0 L8,4 L0,8 z" fill="#52525b"/></marker></defs>',
        _style(),
        f'<text class="head" x="{CLAIM_X}" y="18">Claims ({len(claims)})</text>',
        f'<text class="head" x="{ENTITY_X}" y="18">Entities ({len(order)})</text>',
    ]
    edges, labels = [], []
    for claim, _top, _height in boxes:
        for role in roles_of[claim.iri]:
            name = site.label(role.predicate)
            shown = fit(name, 120, ROLE_CHAR_W)
            width = len(shown) * ROLE_CHAR_W
            kind = "source" if role.predicate in SOURCE_ROLES else ("claim" if role.left else "")
            if role.left:
                x_label = CLAIM_X - ROLE_GAP
                labels.append(
                    f'<text class="role" text-anchor="end" x="{x_label}" y="{num(role.y + 3.5)}">{esc(shown)}</text>'
                )
                x0 = x_label - width - 4
                x1, y1 = CLAIM_X - 2, centre[role.target]
                reach = 12 + min(abs(y1 - role.y) * 0.12, x0 - 16)
                d = _curve((x0, role.y), (x0 - reach, role.y), (x0 - reach, y1), (x1, y1))
            else:
                x_label = CLAIM_X + CLAIM_W + ROLE_GAP
                labels.append(f'<text class="role" x="{x_label}" y="{num(role.y + 3.5)}">{esc(shown)}</text>')
                x0 = x_label + width + 4
                x1, y1 = ENTITY_X, entity_y[role.target] + 11
                bend = (x1 - x0) / 2
                d = _curve((x0, role.y), (x0 + bend, role.y), (x1 - bend, y1), (x1, y1))
            what = f"{claim.label} — {name} → {site.label(role.target)}"
            cls = f"edge {kind}" if kind else "edge"
            edges.append(f'<path class="{cls}" d="{d}" marker-end="url(#arrow)"><title>{esc(what)}</title></path>')
    out.extend(edges)
    out.extend(labels)
    for claim, top, box_h in boxes:
        key = status_key(site, claim)
        status = site.status(claim.status)
        href = page.href(links.page_path(claim.iri))
        text = f"{SYMBOLS.get(key, '·')} {claim.label}"
        tip = f"{claim.label} ({status.label if status else 'no status'})"
        out.append(
            f'<a href="{href}" class="st-{esc(key)}"><title>{esc(tip)}</title>'
            f'<rect x="{CLAIM_X}" y="{num(top)}" width="{CLAIM_W}" height="{num(box_h)}" rx="3"/>'
            f'<text x="{CLAIM_X + 6}" y="{num(top + 15)}">{esc(fit(text, CLAIM_W - 12))}</text></a>'
        )
    for iri in order:
        top = entity_y[iri]
        entity = site.entities[iri]
        kind = ", ".join(site.label(c) for c in entity.classes)
        href = page.href(links.page_path(iri))
        out.append(
            f'<a href="{href}" class="entity"><title>{esc(entity.label)} ({esc(kind)})</title>'
            f'<rect x="{ENTITY_X}" y="{num(top)}" width="{ENTITY_W}" height="22" rx="11"/>'
            f'<text x="{ENTITY_X + 10}" y="{num(top + 15)}">'
            f"{esc(fit(entity.label + ' · ' + kind, ENTITY_W - 20))}</text></a>"
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def location_map(points: list[tuple[float, float]], others: list[tuple[float, float]], label: str) -> str:
    """A small equirectangular world frame with a graticule, the entity's point(s) and, in grey, the other
    places of the graph; no tiles, so nothing is fetched."""
    scale = 1.5
    w, h = 360 * scale, 180 * scale

    def xy(lon: float, lat: float) -> tuple[str, str]:
        return num((lon + 180) * scale), num((90 - lat) * scale)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{num(w)}" height="{num(h)}" viewBox="0 0 {num(w)} {num(h)}" '
        f'role="img" aria-labelledby="map-title">',
        f'<title id="map-title">Where {esc(label)} is: '
        + "; ".join(f"latitude {lat:.4f}, longitude {lon:.4f}" for lon, lat in points)
        + "</title>",
        f'<rect width="{num(w)}" height="{num(h)}" fill="#eff6ff" stroke="#93c5fd"/>',
    ]
    for lon in range(-150, 180, 30):
        x, _ = xy(lon, 0)
        out.append(
            f'<line x1="{x}" y1="0" x2="{x}" y2="{num(h)}" stroke="#bfdbfe" stroke-width="{1.5 if lon == 0 else 0.7}"/>'
        )
    for lat in range(-60, 90, 30):
        _, y = xy(0, lat)
        out.append(
            f'<line x1="0" y1="{y}" x2="{num(w)}" y2="{y}" stroke="#bfdbfe" stroke-width="{1.5 if lat == 0 else 0.7}"/>'
        )
    for lon in range(-120, 180, 60):
        x, _ = xy(lon, 0)
        out.append(
            f'<text x="{num(float(x) + 3)}" y="{num(h - 4)}" font-size="10" fill="#1e40af">'
            f"{abs(lon)}°{'E' if lon > 0 else 'W' if lon else ''}</text>"
        )
    for lat in (-60, -30, 0, 30, 60):
        _, y = xy(0, lat)
        out.append(
            f'<text x="3" y="{num(float(y) - 3)}" font-size="10" fill="#1e40af">'
            f"{abs(lat)}°{'N' if lat > 0 else 'S' if lat else ''}</text>"
        )
    for place in sorted(set(others) - set(points)):
        x, y = xy(*place)
        out.append(f'<circle cx="{x}" cy="{y}" r="2.5" fill="#71717a"/>')
    for place in points:
        x, y = xy(*place)
        out.append(
            f'<circle cx="{x}" cy="{y}" r="6" fill="none" stroke="#b91c1c" stroke-width="2"/>'
            f'<circle cx="{x}" cy="{y}" r="2" fill="#b91c1c"/>'
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"
