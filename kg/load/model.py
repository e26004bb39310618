"""The mapping file's schema: what an article folder's ``mapping.yaml`` may say.

Structure is checked here; whether a class or property exists is the ontology's business and is
checked by the compiler against the ontology itself, so a new term needs no Python change.
"""

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, StrictInt, Tag, field_validator

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
ENTITY_REF = r"^([a-z0-9][a-z0-9-]*)$"  # an id of the corpus entity list, or 'none' (a different entity)
CLAIM_REF = r"[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*"  # slug/claim-id of a claim in another article
NO_ENTITY = "none"
STATUSES = ("planned", "expected", "possible", "happened", "ongoing", "cancelled", "not-happened", "in-force")
Status = Literal["planned", "expected", "possible", "happened", "ongoing", "cancelled", "not-happened", "in-force"]


class Quote(BaseModel):
    """A quote that occurs more than once in the text names which occurrence it means (1-based)."""

    model_config = ConfigDict(extra="forbid")
    quote: str = Field(min_length=1)
    occurrence: StrictInt = Field(default=1, ge=1)  # not `true`, which pydantic would read as 1


# a mapping is a Quote, anything else must be a plain quote: pydantic then reports the one form the
# value was meant as (an error in a Quote's fields, not "should be a valid string")
Evidence = Annotated[
    Annotated[str, Tag("text")] | Annotated[Quote, Tag("quote")],
    Discriminator(lambda value: "quote" if isinstance(value, (dict, Quote)) else "text"),
]


def _as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


class Defaults(BaseModel):
    """Attribution applied to every claim that does not give its own; written out explicitly in the graph."""

    model_config = ConfigDict(extra="forbid")
    according_to: str | None = None
    reported_by: str | None = None


LANGUAGE = r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$"
URL = r"^https?://[^\s<>\"{}|\\^`]+$"


class ArticleMeta(BaseModel):
    """What the article says about itself. Every metadata field is optional: the graph states only what
    the mapping gives, and a mapping gives only what the article gives."""

    model_config = ConfigDict(extra="forbid")
    slug: str = Field(pattern=ID_PATTERN)
    text: str = "article.txt"
    language: str = Field(default="en", pattern=LANGUAGE)
    title: str | None = None
    published: dt.date | dt.datetime | None = None
    url: str | None = Field(default=None, pattern=URL)
    # the licence under which the text may be redistributed, as the source states it (an IRI such as
    # https://creativecommons.org/licenses/by/4.0/, or http://rightsstatements.org/vocab/NoC-US/1.0/ for
    # a work of the US federal government)
    license: str | None = Field(default=None, pattern=URL)
    author: list[str] = []
    publisher: str | None = None
    translated_by: str | None = None
    original_report_by: str | None = None
    original_language: str | None = Field(default=None, pattern=LANGUAGE)
    original_title: str | None = None
    original_url: str | None = Field(default=None, pattern=URL)
    original_published: dt.date | dt.datetime | None = None
    responsible_party: str | None = None
    verified_by_publisher: bool | None = None
    sections: list[Evidence] = []
    defaults: Defaults = Defaults()

    _lists = field_validator("sections", "author", mode="before")(_as_list)

    @field_validator("published", "original_published", mode="before")
    @classmethod
    def _written_date(cls, value):
        """pydantic reads a number as seconds since 1970: a date typed without its dashes
        (20310204) would become a date the article never gave."""
        if isinstance(value, (int, float)):
            raise ValueError("a date is written YYYY-MM-DD (or an ISO 8601 date and time), not as a number")
        return value

    @field_validator("url", "original_url", "license")
    @classmethod
    def _iri(cls, value: str | None) -> str | None:
        """An address must be an IRI RDF stores accept (RFC 3987, checked by Oxigraph's parser): the
        pattern alone lets '%zz' or a bad host through."""
        if value is not None:
            import pyoxigraph as ox

            try:
                ox.NamedNode(value)
            except ValueError as exc:
                raise ValueError(f"not a valid IRI: {exc}") from None
        return value

    @field_validator("language", "original_language")
    @classmethod
    def _language_tag(cls, value: str | None) -> str | None:
        """A language tag as RDF stores accept it (BCP 47, checked by Oxigraph): at most 8 characters a subtag."""
        if value is not None:
            import pyoxigraph as ox

            try:
                ox.Literal("", language=value)
            except ValueError as exc:
                raise ValueError(f"not a valid language tag: {exc}") from None
        return value

    @property
    def has_original(self) -> bool:
        return any(
            v is not None
            for v in (self.original_language, self.original_title, self.original_url, self.original_published)
        )


class Node(BaseModel):
    """An entity or a claim. Keys other than the reserved ones are ontology properties (camelCase)."""

    model_config = ConfigDict(extra="allow")
    a: list[str] = Field(min_length=1)
    label: str | None = None
    aliases: list[str] = []
    mentions: list[Evidence] = []
    evidence: list[Evidence] = []
    status: Status | None = None
    according_to: str | None = None
    reported_by: str | None = None
    entity: str | None = Field(default=None, pattern=ENTITY_REF)
    same_event_as: list[str] = []

    _lists = field_validator("a", "aliases", "mentions", "evidence", "same_event_as", mode="before")(_as_list)

    @field_validator("same_event_as")
    @classmethod
    def _claim_refs(cls, refs: list[str]) -> list[str]:
        for ref in refs:
            if not isinstance(ref, str) or not re.fullmatch(CLAIM_REF, ref):
                raise ValueError(f"'{ref}' is not a claim reference 'article-slug/claim-id'")
        return refs

    @property
    def properties(self) -> dict:
        return dict(self.model_extra or {})


class Mapping(BaseModel):
    model_config = ConfigDict(extra="forbid")
    article: ArticleMeta
    nodes: dict[str, Node]
