"""Curated links: pin an entity to a Wikidata item, or forbid an item (or any link) for it.

Pins win over search. The shipped file pins only IDs verified from public sources. An entry matches an
entity when every key it gives matches: ``label`` (the label or an alias, case-insensitive), ``a`` (an
ontology class of the entity), ``article`` (slug) and ``id`` (local id).
"""

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from kg.core.errors import KgError
from kg.core.yamlpos import line_of, load_with_lines

QID = r"^Q[1-9][0-9]*$"


class Match(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label: str | None = None
    a: str | None = None
    article: str | None = None
    id: str | None = None

    @model_validator(mode="after")
    def _names_something(self) -> "Match":
        """A match of no key (``{}``, or a label left empty) matches every entity: one pin would link the
        whole corpus to one item."""
        if self.label is None and self.a is None and self.article is None and self.id is None:
            raise ValueError("match names none of label, a, article, id: it would match every entity")
        return self


class PinEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    match: Match
    wikidata: str = Field(pattern=QID)
    note: str | None = None


class ForbidEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    match: Match
    wikidata: str = Field(pattern=r"^(Q[1-9][0-9]*|any)$")
    note: str | None = None


class PinFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    pins: list[PinEntry] = []
    forbid: list[ForbidEntry] = []


@dataclass(frozen=True)
class EntityKey:
    article: str
    id: str
    labels: tuple[str, ...]
    classes: tuple[str, ...]


def _matches(match: Match, key: EntityKey) -> bool:
    if match.article is not None and match.article != key.article:
        return False
    if match.id is not None and match.id != key.id:
        return False
    if match.a is not None and match.a not in key.classes:
        return False
    if match.label is not None and match.label.casefold() not in {label.casefold() for label in key.labels}:
        return False
    return True


class Pins:
    def __init__(self, data: PinFile | None = None):
        self.data = data or PinFile()

    @classmethod
    def load(cls, path: Path | None) -> "Pins":
        if path is None or not Path(path).is_file():
            return cls()
        raw, lines = load_with_lines(path)
        try:
            data = PinFile.model_validate(raw or {})
        except ValidationError as exc:
            error = exc.errors()[0]
            line = line_of(lines, tuple(error["loc"]))
            raise KgError(f"{path}:{line}: {'.'.join(map(str, error['loc']))}: {error['msg']}") from None
        seen: dict[tuple, tuple[int, str]] = {}
        for index, entry in enumerate(data.pins):  # the first match wins: a second item for it would be lost
            fields = entry.match.model_dump(exclude_none=True)
            if "label" in fields:
                fields["label"] = fields["label"].casefold()  # labels match without regard to case
            match = tuple(sorted(fields.items()))
            if match in seen and seen[match][1] != entry.wikidata:
                first, item = seen[match]
                raise KgError(
                    f"{path}:{line_of(lines, ('pins', index))}: pins.{index} pins {entry.wikidata} for the match "
                    f"that pins.{first} pins to {item}; keep one of them"
                )
            seen.setdefault(match, (index, entry.wikidata))
        return cls(data)

    def pin(self, key: EntityKey) -> str | None:
        for entry in self.data.pins:
            if _matches(entry.match, key):
                return entry.wikidata
        return None

    def forbidden(self, key: EntityKey) -> set[str]:
        return {entry.wikidata for entry in self.data.forbid if _matches(entry.match, key)}
