"""Stage 4 — link entities to Wikidata (client, cache, names, scoring, pins, report)."""

import os
from pathlib import Path

from kg.link.cache import Cache
from kg.link.http import DEFAULT_API, DEFAULT_CONTACT, ClientConfig, WikidataClient
from kg.link.linker import Linker, LinkSummary
from kg.link.pins import Pins

DEFAULT_CACHE_DIR = Path(".kg-cache") / "wikidata"
PINS_FILE = "wikidata-pins.yaml"


def make_linker(offline: bool = False, cache_dir: Path | None = None, api_url: str | None = None,
                report_path: Path | None = None, contact: str | None = None, pins_path: Path | None = None):
    """A callable over compiled articles that links them in place and returns a ``LinkSummary``."""
    from kg.compile import load_ontology_graph

    config = ClientConfig(
        api_url=api_url or os.environ.get("KG_WIKIDATA_API") or DEFAULT_API,
        contact=contact or os.environ.get("KG_CONTACT") or DEFAULT_CONTACT,
        offline=offline,
    )
    cache = Cache(Path(cache_dir or os.environ.get("KG_CACHE_DIR") or DEFAULT_CACHE_DIR))
    client = WikidataClient(config, cache)
    pins = Pins.load(pins_path)
    ontology = load_ontology_graph()

    def run(compiled, entities=None, entities_language: str = "en") -> LinkSummary:
        summary = Linker(client, pins, ontology)(compiled, entities, entities_language)
        if report_path is not None:
            from kg.link import report

            report.write(summary, report_path)
        return summary

    return run


__all__ = ["ClientConfig", "Cache", "LinkSummary", "Linker", "Pins", "WikidataClient", "make_linker"]
