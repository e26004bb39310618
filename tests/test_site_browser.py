"""The site in a real browser: Debian's Chromium, headless, driven by Playwright for Python.

The pages are opened from the file system (file://), as a reader without a server would. Skipped, with
the reason, where Chromium or Playwright is missing (``.ci/run`` installs Chromium).
"""

import shutil
from pathlib import Path

import pytest

from .test_site import CORPUS, SEED_PAGE, seed_site

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

if not Path(CHROMIUM).is_file():
    pytest.skip(
        "Debian's chromium is not installed (apt-get install chromium; .ci/run does it)", allow_module_level=True
    )
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright for Python is not installed (pip install playwright)"
)


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    from kg.render import build_site

    tmp = tmp_path_factory.mktemp("browser")
    seed = seed_site(tmp)
    build_site(CORPUS, tmp / "corpus")
    return {"seed": seed["site"], "corpus": tmp / "corpus"}


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        except Exception as exc:  # a Chromium that cannot start here is a reason to skip, said plainly
            pytest.skip(f"Chromium at {CHROMIUM} does not start: {str(exc).splitlines()[0]}")
        yield chromium
        chromium.close()


class Watched:
    """A page that records console errors, uncaught exceptions and every request it makes."""

    def __init__(self, browser):
        self.page = browser.new_page(viewport={"width": 1400, "height": 1000})
        self.problems: list[str] = []
        self.requests: list[str] = []
        self.page.on(
            "console",
            lambda m: self.problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None,
        )
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"failed request: {r.url}"))
        self.page.on("request", lambda r: self.requests.append(r.url))

    def open(self, path: Path):
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")
        return self.page

    def close(self):
        self.page.close()


def test_index_and_article_open_from_the_file_system_without_errors(browser, sites):
    watched = Watched(browser)
    try:
        for path in (
            sites["seed"] / "index.html",
            sites["seed"] / SEED_PAGE,
            sites["seed"] / "ontology.html",
            sites["seed"] / "graph" / "russian-delegation-damascus.html",
            sites["corpus"] / "id" / "alpha.html",
        ):
            page = watched.open(path)
            assert page.locator("h1").count() == 1
        assert watched.problems == []
        assert watched.requests and all(url.startswith("file://") for url in watched.requests), watched.requests
    finally:
        watched.close()


def test_focusing_a_span_shows_its_claim(browser, sites, tmp_path):
    watched = Watched(browser)
    try:
        page = watched.open(sites["seed"] / SEED_PAGE)
        tip = page.locator("#claim-tip")
        assert tip.is_hidden()
        visit = 'mark[tabindex="0"][data-claim="https://w3id.org/diplokg/id/russian-delegation-damascus/visit"]'
        page.focus(visit)
        assert tip.is_visible()
        assert "visit of a Russian delegation to Damascus" in tip.inner_text()
        assert "planned" in tip.inner_text() and "According to a Russian source" in tip.inner_text()
        page.screenshot(path=str(tmp_path / "article-focused.png"))
        assert (tmp_path / "article-focused.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

        # the keyboard: Tab goes on through the text (names are links), and the box follows the span's claim
        visit_iri = "https://w3id.org/diplokg/id/russian-delegation-damascus/visit"
        for _ in range(5):
            page.keyboard.press("Tab")
            focused = page.evaluate("document.activeElement.closest('[data-claim]')?.getAttribute('data-claim')")
            if page.evaluate("document.activeElement.tagName") == "MARK" and focused != visit_iri:
                break
        assert focused and focused != visit_iri
        label = page.evaluate(f"document.querySelector('[data-claim-card=\"{focused}\"] .card-title').innerText")
        assert label in tip.inner_text()
        page.keyboard.press("Escape")
        assert tip.is_hidden()

        # a nested span shows its claim and the claims around it
        inner = page.locator('mark.ev.d2[tabindex="0"]').first
        inner.hover()
        assert tip.is_visible() and tip.locator(".card").count() >= 2
        assert watched.problems == []
    finally:
        watched.close()


def test_a_script_in_the_article_text_is_shown_not_run(browser, sites):
    watched = Watched(browser)
    try:
        dialogs = []
        watched.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page = watched.open(sites["corpus"] / "id" / "alpha.html")
        assert dialogs == []
        mark = page.locator('mark[data-claim="https://w3id.org/diplokg/id/alpha/script"]')
        assert mark.inner_text() == "<script>alert(1)</script>"
        mark.focus()
        assert "a script that must stay text" in page.locator("#claim-tip").inner_text()
        assert watched.problems == []
    finally:
        watched.close()
