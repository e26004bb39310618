"""The curated entity list (``articles/entities.yaml``): real-world entities that mappings refer to.

Each entry has an id (which names its IRI), one or more ontology classes, a label, aliases, an
optional Wikidata item (which acts as a pin) and ontology properties whose object values name other
entries. Loading checks structure and references; classes and properties are checked against the
ontology when the entity graph is compiled.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from kg.core.errors import KgError
from kg.core.yamlpos import line_of, load_with_lines
from kg.load.model import ID_PATTERN, LANGUAGE, NO_ENTITY

ENTITIES_FILE = "entities.yaml"
QID = r"^Q[1-9][0-9]*$"
# concepts of other schemes a topic matches, written as IRIs or with one of these prefixes
MATCH_PREFIXES = {
    "medtop": "http://cv.iptc.org/newscodes/mediatopic/",  # IPTC Media Topics
    "cameo": "https://w3id.org/diplokg/cameo#",  # the ontology's CAMEO scheme
    "wd": "http://www.wikidata.org/entity/",
}
MATCH = r"^(https?://[^\s<>\"{}|\\^`]+|(medtop|cameo|wd):[A-Za-z0-9_]+)$"


def expand(reference: str) -> str:
    prefix, _, local = reference.partition(":")
    return MATCH_PREFIXES[prefix] + local if prefix in MATCH_PREFIXES else reference


def _as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


class Entry(BaseModel):
    """One real-world entity. Keys other than the reserved ones are ontology properties (camelCase)."""

    model_config = ConfigDict(extra="allow")
    a: list[str] = Field(min_length=1)
    label: str = Field(min_length=1)
    aliases: list[str] = []
    wikidata: str | None = Field(default=None, pattern=QID)
    # for topics (a: Topic): concepts of IPTC Media Topics, CAMEO or Wikidata that it matches
    # (skos:closeMatch) or that are broader than it (skos:broadMatch)
    close_match: list[str] = []
    broad_match: list[str] = []

    _lists = field_validator("a", "aliases", "close_match", "broad_match", mode="before")(_as_list)

    @field_validator("close_match", "broad_match")
    @classmethod
    def _matches(cls, refs: list[str]) -> list[str]:
        for ref in refs:
            if not isinstance(ref, str) or not re.fullmatch(MATCH, ref):
                raise ValueError(f"'{ref}' is not an IRI nor medtop:CODE, cameo:CODE or wd:QID")
        return refs

    @property
    def properties(self) -> dict:
        return dict(self.model_extra or {})


class EntityFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    language: str = Field(default="en", pattern=LANGUAGE)
    entities: dict[str, Entry] = {}


@dataclass
class EntityList:
    path: Path | None = None
    language: str = "en"
    entries: dict[str, Entry] = field(default_factory=dict)
    lines: dict = field(default_factory=dict, repr=False)

    def where(self, *at) -> str:
        line = line_of(self.lines, ("entities",) + at)
        return f"{self.path}:{line}" if line else str(self.path)

    def __contains__(self, entity_id: str) -> bool:
        return entity_id in self.entries


def load_entity_list(path: Path | None) -> EntityList:
    """An absent file is an empty list: a corpus may start without one."""
    if path is None or not Path(path).is_file():
        return EntityList(path)
    raw, lines = load_with_lines(path)
    try:
        data = EntityFile.model_validate(raw or {})
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = tuple(error["loc"])
        line = line_of(lines, loc)
        where = f"{path}:{line}" if line else str(path)
        raise KgError(f"{where}: {'.'.join(map(str, loc)) or '(top level)'}: {error['msg']}") from None
    result = EntityList(Path(path), data.language, data.entities, lines)
    for key in data.entities:
        if not re.match(ID_PATTERN, str(key)) or key == NO_ENTITY:
            raise KgError(f"{result.where(key)}: entity id '{key}' must match {ID_PATTERN} and not be '{NO_ENTITY}'")
    return result
