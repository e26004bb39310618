"""A linking test corpus for every class the linker searches, with the item each entity should get.

One article-like graph of named entities (and a few that must stay unlinked), built here rather than
compiled from a mapping so that each class and each confusable is one line. The countries carry
curated links, as an entity list gives them. ``GOLD`` says the right item, or None where no link is
right (a description, a collective, an event Wikidata lacks, two indistinguishable namesakes). The
seed article (compiled, no pins) is the other half of the corpus: ``wikidata_items.EXPECTED_SEED_LINKS``.

``table`` counts correct, wrong and unlinked results against the gold; ``python -m tests.link_corpus``
prints it for the linker in the import path (the measure of issue 21, before and after).
"""

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.core.links import write_link
from kg.core.namespaces import DKG, NIF

BASE = "https://w3id.org/diplokg/id/link-classes/"

# id: (class, label, aliases, facts, mentions, gold)
ENTITIES: dict[str, tuple] = {
    "russia": ("Country", "Russia", [], {}, [], "Q159"),
    "syria": ("Country", "Syria", [], {}, [], "Q858"),
    # a city and its government
    "russian-government": (
        "Government",
        "Government of Russia",
        [],
        {"governmentOf": "russia"},
        ["Moscow"],
        "Q9000200",
    ),
    "moscow": ("City", "Moscow", [], {"country": "russia"}, [], "Q9000120"),
    "syrian-administration": (
        "Government",
        "new Syrian administration",
        [],
        {"governmentOf": "syria"},
        ["Damascus"],
        "Q9000202",
    ),
    # armed groups with similar names
    "islamic-state": ("ArmedGroup", "Islamic State", ["ISIS"], {}, [], "Q9000210"),
    "army-of-islam": ("ArmedGroup", "Army of Islam", [], {"country": "syria"}, [], "Q9000220"),
    "army-of-the-revolution": (
        "ArmedGroup",
        "Army of the Revolution",
        [],
        {},
        [],
        None,
    ),  # two, nothing tells them apart
    "sdf": ("ArmedGroup", "Syrian Democratic Forces", ["SDF"], {"country": "syria"}, [], "Q9000230"),
    # an organisation and its event; an international body and its summit
    "davos-forum": ("Conference", "Davos Forum", [], {}, [], "Q9000250"),
    "wef": ("Organization", "World Economic Forum", [], {}, [], "Q9000251"),
    "arab-league": ("InternationalBody", "Arab League", [], {}, [], "Q9000240"),
    "arab-league-summit": ("Conference", "Arab League summit", [], {}, [], "Q9000241"),
    "munich-conference": ("Conference", "Munich Security Conference", [], {}, [], None),  # not on the server
    # a port and its city
    "tartus-port": ("Port", "port of Tartus", ["Tartus"], {"hostCountry": "syria"}, [], "Q9000260"),
    "tartus": ("City", "Tartus", [], {"country": "syria"}, [], "Q174916"),
    # a company and its foreign namesake; a sea and a film; an embassy and a school
    "stroytransgaz": ("Company", "Stroytransgaz", [], {"country": "russia"}, [], "Q9000270"),
    "mediterranean": ("Sea", "Mediterranean Sea", [], {}, ["the Mediterranean"], "Q4918"),
    "russian-embassy": (
        "GovernmentBody",
        "Russian embassy in Damascus",
        ["Russian embassy"],
        {"governmentOf": "russia"},
        [],
        "Q9000290",
    ),
    # never linked: no candidate, a description, a collective, an unnamed agent
    "syrian-observer": ("NewsPublisher", "The Syrian Observer", [], {}, [], None),
    "economic-officials": ("GovernmentSector", "Russian economic officials", [], {"governmentOf": "russia"}, [], None),
    "russian-firms": ("CollectiveAgent", "Russian companies", [], {"country": "russia"}, [], None),
    "russian-source": ("UnnamedSource", "a Russian source", [], {}, [], None),
}
CURATED = ("russia", "syria")
GOLD = {BASE + key: entity[-1] for key, entity in ENTITIES.items()}


def graph() -> Graph:
    out = Graph()
    for key, (cls, label, aliases, facts, mentions, _gold) in ENTITIES.items():
        node = URIRef(BASE + key)
        out.add((node, RDF.type, DKG[cls]))
        out.add((node, RDFS.label, Literal(label, lang="en")))
        for alias in aliases:
            out.add((node, SKOS.altLabel, Literal(alias, lang="en")))
        for prop, target in facts.items():
            out.add((node, DKG[prop], URIRef(BASE + target)))
        for i, words in enumerate(mentions):
            span = URIRef(f"{BASE}text#char={i},{i + len(words)}")
            out.add((node, DKG.mention, span))
            out.add((span, NIF.anchorOf, Literal(words)))
    for key in CURATED:
        write_link(out, URIRef(BASE + key), str(GOLD[BASE + key]), "pin", 1.0)
    return out


def table(results, gold: dict) -> dict:
    """correct / wrong / unlinked-and-right (NIL) / unlinked-but-an-item-was-right (missed), over ``gold``."""
    counts = {"correct": 0, "wrong": 0, "NIL": 0, "missed": 0}
    chosen = {r.entity: r.chosen for r in results}
    for entity, right in gold.items():
        got = chosen.get(entity)
        if got is None:
            counts["NIL" if right is None else "missed"] += 1
        else:
            counts["correct" if got == right else "wrong"] += 1
    return counts


def measure(tmp) -> dict:
    """Link this corpus and the seed (no pins) against the test server; the table of each."""
    from pathlib import Path

    from kg.build import compile_all
    from kg.link import make_linker
    from tests.conftest import copy_corpus
    from tests.wikidata_items import EXPECTED_SEED_LINKS, ITEMS
    from tests.wikidata_server import FakeWikidata

    server = FakeWikidata(ITEMS).start()
    try:
        tmp = Path(tmp)
        pins = tmp / "pins.yaml"
        pins.write_text("pins: []\n")
        stage = make_linker(cache_dir=tmp / "cache", api_url=server.url, pins_path=pins)
        classes = stage.linker.link_article("link-classes", graph(), "en", {})
        folder = copy_corpus(tmp / "seed", ["000_seed"])
        for name in ("entities.yaml", "wikidata-pins.yaml"):
            (folder / name).unlink()
        compiled = compile_all(folder)
        seed = stage(compiled).results
        prefix = "https://w3id.org/diplokg/id/russian-delegation-damascus/"
        seed_gold = {r.entity: EXPECTED_SEED_LINKS.get(r.entity[len(prefix) :]) for r in seed}
        for key in ("davos-forum", "russian-government", "syrian-administration", "russian-embassy", "tartus-port"):
            seed_gold.setdefault(prefix + key, EXPECTED_SEED_LINKS.get(key))  # entities an older linker did not list
        return {"classes": table(classes, GOLD), "seed": table(seed, seed_gold)}
    finally:
        server.stop()


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for name, counts in measure(tmp).items():
            print(f"{name:8} " + "  ".join(f"{k} {v}" for k, v in counts.items()))
