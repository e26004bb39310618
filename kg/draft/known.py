"""Names the corpus already knows: the entity list, the Wikidata pins and the link cache.

A draft finds these names in the text first, so a known entity gets its known class and label, and a
node whose label matches an entity-list entry resolves to that entry when the mapping is built.
"""

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import SKOS

from kg.core.errors import KgError
from kg.core.namespaces import DKG, WD
from kg.core.yamlpos import line_of, load_with_lines
from kg.draft.source import Source
from kg.draft.text import normalise

# A sea is often named without its head noun: "the Mediterranean".
_DROPPABLE_HEADS = {"Sea": (" Sea", " Ocean")}


@dataclass(frozen=True)
class Known:
    label: str
    aliases: tuple[str, ...] = ()
    classes: tuple[str, ...] = ()  # empty when the source does not say
    entity: str | None = None  # the entity-list id
    props: tuple[tuple[str, object], ...] = ()  # entity-list properties (country: syria)
    source: str = "entities"

    def names(self) -> list[str]:
        names = [self.label, *self.aliases]
        for cls in self.classes:
            for head in _DROPPABLE_HEADS.get(cls, ()):
                names += [n[: -len(head)] for n in names if n.endswith(head) and len(n) > len(head)]
        return list(dict.fromkeys(n for n in names if n.strip()))


@functools.lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """How names are compared: NFC, folded quotes and dashes, collapsed whitespace, case-folded, no article."""
    key = normalise(name).casefold()
    for article in ("the ", "a ", "an "):
        if key.startswith(article):
            key = key[len(article) :]
    return key


def slug(value: str) -> str:
    """A name as a node id: its name key in lower-case letters, digits and hyphens."""
    value = re.sub(r"[^a-z0-9]+", "-", name_key(str(value))).strip("-")
    return value or "node"


@dataclass
class KnownNames:
    """The names the corpus knows, for one article (``load_corpus``)."""

    known: list[Known] = field(default_factory=list)
    entities_path: Path | None = None
    source: Source = field(default_factory=Source)  # what the article's folder says beside the text

    def entity_for(self, names: list[str], classes: list[str], compatible) -> str | None:
        """The entity-list id a node resolves to: one entry whose label or alias equals one of the
        node's names, with a compatible class (the corpus design's automatic resolution)."""
        keys = {name_key(n) for n in names if n}
        hits = sorted(
            {
                k.entity
                for k in self.known
                if k.entity
                and keys & {name_key(n) for n in (k.label, *k.aliases)}
                and any(compatible(a, b) for a in classes for b in k.classes)
            }
        )
        return hits[0] if len(hits) == 1 else None


def load_corpus(
    entities: Path | None = None, pins: Path | None = None, cache_dir: Path | None = None, language: str = "en"
) -> KnownNames:
    corpus = KnownNames(entities_path=entities if entities and Path(entities).is_file() else None)
    if corpus.entities_path:
        corpus.known += _entity_list(corpus.entities_path)
    if pins and Path(pins).is_file():
        corpus.known += _pins(Path(pins))
    if cache_dir and Path(cache_dir).is_dir():
        corpus.known += _cache(Path(cache_dir), language)
    return corpus


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _entity_list(path: Path) -> list[Known]:
    data, lines = load_with_lines(path)
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("entities", {}), dict):
        raise KgError(f"{path}:1: the entity list must be a mapping with an 'entities' mapping")
    known = []
    for entity_id, entry in sorted((data.get("entities") or {}).items(), key=lambda kv: str(kv[0])):
        where = f"{path}:{line_of(lines, ('entities', entity_id))}"
        if not isinstance(entry, dict) or not isinstance(entry.get("label"), str) or not entry.get("a"):
            raise KgError(f"{where}: entity '{entity_id}' needs 'a' (a class) and 'label'")
        aliases = tuple(str(a) for a in _as_list(entry.get("aliases")))
        props = tuple(
            (k, v) for k, v in sorted(entry.items()) if k not in ("a", "label", "aliases", "wikidata", "mentions")
        )
        known.append(
            Known(
                entry["label"], aliases, tuple(str(c) for c in _as_list(entry["a"])), str(entity_id), props, "entities"
            )
        )
    return known


def _pins(path: Path) -> list[Known]:
    from kg.core.pins import Pins

    return [
        Known(p.match.label, classes=(p.match.a,) if p.match.a else (), source="pins")
        for p in Pins.load(path).data.pins
        if p.match.label
    ]


def _wikidata_classes() -> dict[str, list[str]]:
    """Wikidata class item -> the ontology classes mapped to it (skos:exactMatch / closeMatch)."""
    from kg.core.ontology import default_ontology

    graph = default_ontology().graph
    found: dict[str, list[str]] = {}
    for prop in (SKOS.exactMatch, SKOS.closeMatch):
        for cls, item in graph.subject_objects(prop):
            if isinstance(item, URIRef) and str(item).startswith(str(WD)) and str(cls).startswith(str(DKG)):
                found.setdefault(str(item)[len(str(WD)) :], []).append(str(cls)[len(str(DKG)) :])
    return {k: sorted(v) for k, v in found.items()}


def _cache(directory: Path, language: str) -> list[Known]:
    """Items the linker fetched (wbgetentities answers) whose P31 is a class the ontology maps to."""
    classes = _wikidata_classes()
    found: dict[str, Known] = {}
    for path in sorted(directory.rglob("*.json")):
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # the cache is optional; a damaged file only means fewer known names
        body = entry.get("body") if isinstance(entry, dict) else None
        items = body.get("entities") if isinstance(body, dict) else None
        if not isinstance(items, dict):
            continue
        for qid, item in sorted(items.items()):
            if not isinstance(item, dict) or qid in found:
                continue
            label = ((item.get("labels") or {}).get(language) or {}).get("value")
            kinds = sorted(
                {
                    c
                    for claim in (item.get("claims") or {}).get("P31", [])
                    if isinstance(claim, dict)
                    for c in classes.get(_claim_item(claim) or "", [])
                }
            )
            if not label or not kinds:
                continue
            aliases = tuple(
                a["value"]
                for a in (item.get("aliases") or {}).get(language, [])
                if isinstance(a, dict) and a.get("value")
            )
            found[qid] = Known(label, aliases, tuple(kinds), source="cache")
    return [found[q] for q in sorted(found)]


def _claim_item(claim: dict) -> str | None:
    try:
        return claim["mainsnak"]["datavalue"]["value"]["id"]
    except (KeyError, TypeError):
        return None
