"""Load an article folder: its verbatim text and its mapping, with every quote located in the text."""

import bisect
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from kg.core.errors import KgError
from kg.core.textfile import read_utf8
from kg.core.yamlpos import line_of, load_with_lines
from kg.load.flow_lists import split_quotes
from kg.load.model import ID_PATTERN, Evidence, Mapping, Quote
from kg.load.quotes import QuoteError, Span, locate
from kg.load.sentences import segment
from kg.util.paths import confined, inside
from kg.util.text import counted

MAPPING_FILE = "mapping.yaml"
DRAFT_FILE = "mapping.draft.yaml"  # written by `kg draft`; built only when asked (--drafts)


@dataclass
class Article:
    folder: Path
    mapping_path: Path
    text: str
    mapping: Mapping
    lines: dict = field(repr=False, default_factory=dict)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    # "file:line: ..." notes that do not stop the build (a list that looks like a split quote, an old-style
    # occurrence); in the order found, each once
    warnings: list[str] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.mapping.article.slug

    def sentences_overlapping(self, begin: int, end: int) -> list[tuple[int, int]]:
        """The sentences a span overlaps, found by bisection: sentences are sorted and disjoint, and a
        linear scan per span made a long article quadratic."""
        ends = self.__dict__.get("_ends")
        if ends is None or len(ends) != len(self.sentences):
            ends = self.__dict__["_ends"] = [e for _, e in self.sentences]
        found = []
        for i in range(bisect.bisect_right(ends, begin), len(self.sentences)):
            if self.sentences[i][0] >= end:
                break
            found.append(self.sentences[i])
        return found

    def where(self, *at) -> str:
        """``file:line`` of a mapping location, for error messages."""
        line = line_of(self.lines, at)
        return f"{self.mapping_path}:{line}" if line else str(self.mapping_path)

    def locate(self, evidence: Evidence, *at) -> Span:
        """The whole-word match a quote names (``kg.load.quotes``); errors name the mapping line."""
        quote = evidence.quote if isinstance(evidence, Quote) else evidence
        occurrence = evidence.occurrence if isinstance(evidence, Quote) else None
        try:
            span, warning = locate(self.text, quote, occurrence, self.mapping.article.text)
        except QuoteError as exc:
            raise KgError(f"{self.where(*at)}: {exc}") from None
        if warning:
            self.warn(f"{self.where(*at)}: {warning}")
        return span

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)


def first_error(exc: ValidationError, lines: dict, path: Path) -> KgError:
    error = exc.errors()[0]
    loc = tuple(error["loc"])
    line = line_of(lines, loc)
    where = f"{path}:{line}" if line else str(path)
    dotted = ".".join(str(part) for part in loc) or "(top level)"
    return KgError(f"{where}: {dotted}: {error['msg']}")


def load_article(folder: Path, mapping_file: str = MAPPING_FILE) -> Article:
    folder = Path(folder)
    mapping_path = folder / mapping_file
    if not mapping_path.is_file():
        raise KgError(f"{folder}: no {mapping_file} in article folder")
    data, lines = load_with_lines(mapping_path)
    if not isinstance(data, dict):
        raise KgError(f"{mapping_path}:1: mapping must be a YAML mapping with 'article' and 'nodes'")
    try:
        mapping = Mapping.model_validate(data)
    except ValidationError as exc:
        raise first_error(exc, lines, mapping_path) from None
    for key in mapping.nodes:
        if not re.match(ID_PATTERN, str(key)) or key == "article":
            line = line_of(lines, ("nodes", key))
            raise KgError(f"{mapping_path}:{line}: node id '{key}' must match {ID_PATTERN} and not be 'article'")
    try:
        text_path = inside(folder, mapping.article.text)
    except ValueError as exc:
        raise KgError(
            f"{mapping_path}:{line_of(lines, ('article', 'text'))}: article.text '{mapping.article.text}' {exc}"
        ) from None
    text = read_utf8(text_path, "article text")
    if not text.strip():
        raise KgError(f"{text_path}: article text is empty")
    article = Article(folder, mapping_path, text, mapping, lines, segment(text))
    for warning in split_quotes(mapping, lines, mapping_path, text):
        article.warn(warning)
    return article


def mapping_file(folder: Path, drafts: bool = False) -> str | None:
    """The mapping a folder is built from: its reviewed mapping, else (with ``drafts``) its draft. A
    mapping's name on something that is not a file (a folder) is an error, not a folder to skip."""
    for name in (MAPPING_FILE, DRAFT_FILE) if drafts else (MAPPING_FILE,):
        path = Path(folder) / name
        if path.is_file():
            return name
        if path.exists():
            raise KgError(f"{path}: is not a file; a mapping is a YAML file")
    return None


def unreviewed(articles_dir: Path) -> list[Path]:
    """Folders that hold only a draft, which a build skips unless asked to build drafts."""
    return sorted(
        p for p in Path(articles_dir).iterdir() if (p / DRAFT_FILE).is_file() and not (p / MAPPING_FILE).is_file()
    )


def articles_in(articles_dir: Path, drafts: bool = False) -> list[tuple[Path, str]]:
    """Each article folder (``discover``) with the name of the mapping it is built from."""
    found = []
    for folder in discover(articles_dir, drafts):
        name = mapping_file(folder, drafts)
        if name is not None:
            if os.path.islink(folder / name):  # the folder itself was checked by discover
                confined(articles_dir, folder / name)
            found.append((folder, name))
    return found


def discover(articles_dir: Path, drafts: bool = False) -> list[Path]:
    """Article folders are the subfolders holding a mapping file (or, with ``drafts``, a draft), in name order."""
    articles_dir = Path(articles_dir)
    if not articles_dir.is_dir():
        if articles_dir.exists():
            raise KgError(f"{articles_dir}: not a folder; --articles names the folder of article folders")
        raise KgError(f"{articles_dir}: articles folder not found")
    folders = sorted(p for p in articles_dir.iterdir() if p.is_dir() and mapping_file(p, drafts))
    for folder in folders:
        if folder.is_symlink():  # an article folder linked from elsewhere is not part of the folder given
            confined(articles_dir, folder)
    if not folders:
        waiting = unreviewed(articles_dir)
        if waiting:
            raise KgError(
                f"{articles_dir}: no article folders with {MAPPING_FILE}, and {counted(len(waiting), 'folder')} with "
                f"only an unreviewed {DRAFT_FILE}: review and rename it, or build drafts with --drafts"
            )
        raise KgError(f"{articles_dir}: no article folders (subfolders with {MAPPING_FILE})")
    return folders
