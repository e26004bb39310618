"""What an article folder says beside its text: ``source.yaml`` (url, publisher, published, license),
as the real corpus keeps it (articles/SOURCES.md). A draft copies what a reviewer would copy by hand,
and the publisher's country lets a title the text leaves bare ("Defense Secretary Jim Mattis" in a U.S.
Department of Defense release) be a post of that country.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from kg.core.errors import KgError
from kg.core.yamlpos import line_of, load_with_lines
from kg.draft import gazetteer

SOURCE_FILE = "source.yaml"


@dataclass(frozen=True)
class Source:
    url: str | None = None
    publisher: str | None = None
    published: str | None = None
    license: str | None = None

    @property
    def publisher_name(self) -> str | None:
        """The publisher without the site in brackets: "UK Ministry of Defence (GOV.UK)" -> "UK Ministry
        of Defence"."""
        return re.sub(r"\s*\([^)]*\)\s*$", "", self.publisher).strip() if self.publisher else None

    def publisher_names(self) -> list[str]:
        """The names the publisher may go by, the most specific first: "U.S. Department of Defense (DoD
        News)" is DoD News, else the U.S. Department of Defense."""
        if not self.publisher:
            return []
        inner = re.findall(r"\(([^)]*)\)", self.publisher)
        return [n for n in [*inner, self.publisher_name, self.publisher] if n]

    def country(self) -> gazetteer.Country | None:
        """The one country the publisher's name names ("U.S. Department of Defense", "Ministry of
        Defense of Japan"), else None."""
        name = self.publisher_name or ""
        found = {
            c.code
            for word in re.findall(r"[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*|[A-Z][\w]*", name)
            for part in {word, word.rstrip("."), *word.split()}
            if (c := gazetteer.country_of_demonym(part)) is not None
        }
        return gazetteer.country_by_code(found.pop()) if len(found) == 1 else None

    def article_fields(self) -> dict:
        """The mapping's article keys this source fills."""
        fields = {"url": self.url, "published": self.published, "license": self.license}
        return {k: v for k, v in fields.items() if v}


def read_source(text_path: Path) -> Source:
    """The ``source.yaml`` beside an article text, or an empty source when there is none. Read as a
    mapping is (a line for every error), and its url, date and licence held to the mapping's own rules
    before a draft copies them: else a wrong one surfaced as a draft that does not compile."""
    from pydantic import ValidationError

    from kg.load.load import first_error
    from kg.load.model import ArticleMeta

    path = Path(text_path).parent / SOURCE_FILE
    if not path.is_file():
        return Source()
    data, lines = load_with_lines(path)
    data = {} if data is None else data
    if not isinstance(data, dict):
        raise KgError(f"{path}: expected a mapping of url, publisher, published, license")
    given = {key: data[key] for key in ("url", "published", "license") if data.get(key) is not None}
    try:
        ArticleMeta(slug="source", **given)
    except ValidationError as exc:
        raise first_error(exc, lines, path) from None
    if isinstance(data.get("publisher"), (list, dict)):
        raise KgError(f"{path}:{line_of(lines, ('publisher',))}: publisher: a name, not a list or a mapping")

    def text(key: str) -> str | None:
        value = data.get(key)
        return str(value).strip() or None if value is not None else None

    return Source(text("url"), text("publisher"), text("published"), text("license"))
