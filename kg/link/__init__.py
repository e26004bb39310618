"""Stage link (after compile, before validate; the order is in ``kg``): entities linked to Wikidata.

The client, its cache, name variants, scoring, pins and the report are the modules below.
"""

import os
from pathlib import Path

from kg.core.errors import KgError
from kg.core.pins import Pins
from kg.link.cache import Cache
from kg.link.http import DEFAULT_API, DEFAULT_CONTACT, ClientConfig, WikidataClient
from kg.link.linker import Linker, LinkSummary

DEFAULT_CACHE_DIR = Path(".kg-cache") / "wikidata"
PINS_FILE = "wikidata-pins.yaml"


class LinkStage:
    """The linker with its cache and report: called over compiled articles (``kg link``), or driven
    unit by unit by a build (entity graph, then each article, then ``finish``)."""

    def __init__(self, linker: Linker, cache: Cache, report_path: Path | None):
        self.linker = linker
        self.cache = cache
        self.report_path = report_path

    def __call__(self, compiled, entities=None, entities_language: str = "en") -> LinkSummary:
        return self.finish(self.linker(compiled, entities, entities_language).results)

    @property
    def may_fetch(self) -> bool:
        """Whether linking may ask Wikidata (then it runs in one process, in order)."""
        return not self.linker.client.config.offline

    # What, besides the graphs, the pins and the options, links depend on: the cache answers linking
    # read (or found missing). A build keeps them with the links (``Cache.stamps``) and links again only
    # when one of them changed (``unchanged``).
    def link_entity_graph(self, entities, contexts, language):
        """The entity graph's link results, the countries' links, and what of the cache they read."""
        with self.linker.client.recording() as reads:
            results, countries = self.linker.link_entity_graph(entities, contexts, language)
        return results, countries, self.cache.stamps(reads)

    def link_article(self, slug, graph, language, countries):
        """The article's link results, and what of the cache they read."""
        with self.linker.client.recording() as reads:
            results = self.linker.link_article(slug, graph, language, countries)
        return results, self.cache.stamps(reads)

    def unchanged(self, reads: list[list]) -> bool:
        """Whether every cache answer kept links read is as it was then."""
        return self.cache.unchanged(reads)

    def finish(self, results) -> LinkSummary:
        summary = self.linker.summary(results)
        if self.report_path is not None:
            from kg.link import report

            report.write(summary, self.report_path)
        return summary


def make_linker(
    offline: bool = False,
    cache_dir: Path | None = None,
    api_url: str | None = None,
    report_path: Path | None = None,
    contact: str | None = None,
    pins_path: Path | None = None,
) -> LinkStage:
    """Links compiled articles in place and returns a ``LinkSummary``."""
    from kg.core.ontology import default_ontology

    cache = link_cache(cache_dir)
    client = make_client(cache, offline, api_url, contact)
    pins = Pins.load(pins_path)
    return LinkStage(Linker(client, pins, default_ontology().graph), cache, report_path)


def link_cache(cache_dir: Path | None = None) -> Cache:
    """The Wikidata cache: ``cache_dir``, else ``KG_CACHE_DIR``, else ``.kg-cache/wikidata``."""
    return Cache(Path(cache_dir or os.environ.get("KG_CACHE_DIR") or DEFAULT_CACHE_DIR))


def make_client(
    cache: Cache, offline: bool = False, api_url: str | None = None, contact: str | None = None
) -> WikidataClient:
    """The Wikidata client of every command that asks Wikidata (``kg build``, ``kg link``, ``kg draft
    --online``): API URL and contact from the options, else ``KG_WIKIDATA_API`` and ``KG_CONTACT``.
    An API URL that is no http(s) URL, or a contact that is not one line, is a usage error, checked here
    once: taken for a Wikidata outage, it would be warned about and silently worked around."""
    from kg.util.urls import check_http_url

    api_url = api_url or os.environ.get("KG_WIKIDATA_API") or DEFAULT_API
    contact = contact or os.environ.get("KG_CONTACT") or DEFAULT_CONTACT
    if not offline:
        check_http_url(api_url, "--wikidata-api (KG_WIKIDATA_API)")
        if any(ord(c) < 32 and c != "\t" or 127 <= ord(c) < 160 for c in contact):  # control characters
            raise KgError("--contact (KG_CONTACT) is one line of plain text for the User-Agent header")
    config = ClientConfig(api_url=api_url, contact=contact, offline=offline)
    return WikidataClient(config, cache)


__all__ = [
    "ClientConfig",
    "Cache",
    "LinkStage",
    "LinkSummary",
    "Linker",
    "Pins",
    "WikidataClient",
    "link_cache",
    "make_client",
    "make_linker",
]
