"""What a build keeps of each article between builds (``OUT/.kg/units/``), named by what it was made from.

An article is compiled once for a given content of its folder, the entity list, the pins, the
ontology and kg's version (``compile_key``): the result (``CompiledUnit``: the graph as sorted N-Triples
lines and what the rest of the build needs to know of it) is kept under that key. Its links are kept the
same way (``LinkedUnit``), under a key that adds the linking options, the state of the Wikidata cache
and the links of the corpus entities it is scored against. A build that finds both reuses the article
without loading its mapping, compiling or linking it; the validation memo (``kg.validate.Memo``) then
spares validating it again, and its TriG block is written as it was. A record is a small JSON file and
sidecar files (N-Triples, TriG), each written atomically and read only when needed; a build forgets the
records it did not use, so the folder holds one corpus, not its history.
"""

import contextlib
import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path

from kg import __version__
from kg.core.errors import KgError
from kg.core.resources import ONTOLOGY_DIR
from kg.rdf import ntriples
from kg.util import atomic

FORMAT = "4"  # the records' own layout; a change makes older records unused


@dataclass
class CompiledUnit:
    key: str
    slug: str
    folder: str  # the folder's name
    language: str  # the article's language (linking searches in it)
    entities: list[str]  # keys of the corpus entities the article refers to
    claims: list[str]  # IRIs of its claims
    references: list[tuple[str, str]]  # (mapping location, "slug/claim") of its same_event_as
    contribution: dict  # its part of the corpus resolution (kg.resolve.Contribution.as_json)
    context: list[str]  # N-Triples lines of what linking reads about the corpus entities it names
    warnings: list[str]
    sentences: int
    uncovered: list[str]  # sentences that are evidence for no fact
    # sidecar -> [size in bytes, SHA-256, modification time in ns], checked on reading
    sums: dict[str, list] = field(default_factory=dict)
    # sidecars: the compiled graph (sorted N-Triples lines) and IRI -> "mapping.yaml:line"
    lines: list[str] | None = field(default=None, repr=False)
    origins: dict[str, str] | None = field(default=None, repr=False)


@dataclass
class LinkedUnit:
    """An article's graph as it goes into the outputs (linked, or compiled when nothing links)."""

    key: str
    digest: str  # of its lines (kg.rdf.ntriples.digest): names it for the validation memo and the store
    triples: int
    results: list[dict] = field(default_factory=list)  # kg.link.linker.result_as_json
    lacks_answers: bool = False  # some entity is unlinked only because Wikidata was not asked
    countries: dict[str, str] = field(default_factory=dict)  # of the entity graph: country IRI -> its item
    reads: list[list] = field(
        default_factory=list
    )  # the Wikidata cache answers linking read (kg.link.cache.Cache.stamps)
    sums: dict[str, list] = field(default_factory=dict)  # as CompiledUnit.sums
    # sidecars: sorted N-Triples lines, and the graph as a TriG document (``kg.export.trig_document``);
    # the output set links both as they are (``Units.link``)
    lines: list[str] | None = field(default=None, repr=False)
    trig: str | None = field(default=None, repr=False)


def digest(*parts) -> str:
    """The SHA-256 of the parts, each followed by a NUL (a build takes 20,000 of these at 10,000
    articles: text parts are hashed in one go, the same bytes)."""
    if parts and all(type(part) is str for part in parts):
        return hashlib.sha256(("\0".join(parts) + "\0").encode("utf-8")).hexdigest()
    value = hashlib.sha256()
    for part in parts:
        value.update(part if isinstance(part, bytes) else str(part).encode("utf-8"))
        value.update(b"\0")
    return value.hexdigest()


def corpus_salt(entity_list: Path, pins: Path | None) -> str:
    """What every article's compiled graph depends on besides its own folder."""
    parts: list = [FORMAT, __version__]
    for path in [*sorted(ONTOLOGY_DIR.glob("*.ttl")), entity_list, pins]:
        parts.append(path.read_bytes() if path is not None and Path(path).is_file() else b"-")
    return digest(*parts)


def compile_key(salt: str, folder: Path | str, mapping_name: str, digests, files=None) -> str:
    """The article folder's content (every file, by relative name, by its SHA-256 from ``digests``, a
    ``kg.build.inputs.Digests``) under the corpus salt. ``files``: the folder's (relative name, path),
    as the build listed them already (``Digests.by_folder``), rather than listed again."""
    if files is None:
        files = [
            (p.relative_to(Path(folder)).as_posix(), p)
            for p in sorted(p for p in Path(folder).rglob("*") if p.is_file())
        ]
    parts: list = [salt, mapping_name]
    for name, path in files:
        parts += [name, digests.of(path)]
    return digest(*parts)


SIDECARS = {CompiledUnit: ("lines", "origins"), LinkedUnit: ("lines", "trig")}


class Units:
    """The kept records: a folder, or (``folder=None``, a build that writes nothing) memory."""

    def __init__(self, folder: Path | None):
        self.folder = Path(folder) if folder is not None else None
        if self.folder is not None and self.folder.exists() and not self.folder.is_dir():
            self.folder.unlink()  # kg's own state folder: whatever took its name is not a record
        self.memory: dict[str, object] = {}
        self.used: set[str] = set()
        self.fresh: set[str] = set()  # made by this build

    def compiled(self, key: str) -> CompiledUnit | None:
        return self._get(CompiledUnit, key)

    def linked(self, key: str) -> LinkedUnit | None:
        return self._get(LinkedUnit, key)

    def _get(self, kind, key: str):
        found = self.peek(kind, key)
        if found is not None:
            self.used.add(key)
        return found

    def peek(self, kind, key: str):
        """A record, if it is there and whole, without counting it as used by this build (the ledger
        reads the record an article had before it changed)."""
        if self.folder is None:
            found = self.memory.get(key)
            return found if isinstance(found, kind) else None
        try:
            found = kind(**json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):  # missing, damaged, or of another layout
            return None
        return found if self.intact(found) else None  # a sidecar missing or cut short: made again

    def intact(self, unit) -> bool:
        """Whether the record's sidecars are there, of the size they were written with (and, when their
        time moved, of the content: ``_intact_size``)."""
        return self.folder is None or all(self._intact_size(unit, name) for name in SIDECARS[type(unit)])

    def intact_as(self, key: str, sums: dict, names: tuple[str, ...]) -> bool:
        """``intact`` of a record known by its key and sidecar sums (a ledger's line), without making
        it: one ``stat`` a sidecar while it is as written, which is all an unchanged article costs here."""
        if self.folder is None:
            return key in self.memory
        base = f"{self.folder}{os.sep}{key}."
        for name in names:
            try:
                info = os.stat(base + name)
            except OSError:
                return False
            written = sums.get(name, [None])
            if info.st_size != written[0]:
                return False
            if written[2:] != [info.st_mtime_ns]:
                return self.intact(LinkedUnit(key, "", 0, sums=sums))  # moved: checked by content
        return True

    def _file(self, key: str, name: str) -> Path:
        """A record's file; only a build with a folder keeps records in files."""
        assert self.folder is not None
        return self.folder / f"{key}.{name}"

    def _intact_size(self, unit, name: str) -> bool:
        """The sidecar has the size it was written with. One whose modification time moved as well is
        read and checked against its digest (a build links the files of unchanged records into its
        outputs without reading them, so a change in place is caught by its time)."""
        try:
            info = self._file(unit.key, name).stat()
        except OSError:
            return False
        written = unit.sums.get(name, [None])
        if info.st_size != written[0]:
            return False
        if written[2:] != [info.st_mtime_ns] and unit.key not in self.fresh:
            self._checked(unit, name)
        return True

    def _checked(self, unit, name: str) -> bytes:
        """A sidecar's bytes, checked against the digest the record was written with; a damaged one is
        removed with its record (the next build makes it again) and stops the build with one line."""
        path = self._file(unit.key, name)
        problem: str | None
        try:
            data = path.read_bytes()
        except OSError as exc:
            data = b""
            problem = exc.strerror or str(exc)
        else:  # what this build wrote itself is not checked again
            fresh = unit.key in self.fresh
            problem = (
                None
                if fresh or hashlib.sha256(data).hexdigest() == unit.sums.get(name, [0, ""])[1]
                else "it was changed"
            )
        if problem is not None:
            for damaged in path.parent.glob(f"{unit.key}.*"):  # the next build makes it again
                damaged.unlink(missing_ok=True)
            raise KgError(
                f"{path}: a record kept by the last build is damaged ({problem}); it is removed now: "
                "run the build again"
            )
        return data

    def load(self, unit, name: str):
        """A sidecar of a record (``lines``, ``origins``, ``trig``), read on first use and checked
        against the digest the record was written with."""
        if getattr(unit, name) is None:
            text = self._checked(unit, name).decode("utf-8")
            setattr(
                unit, name, ntriples.split(text) if name == "lines" else json.loads(text) if name == "origins" else text
            )
        return getattr(unit, name)

    def adopt(self, unit, fresh: bool) -> None:
        """A record a worker process found or made (``kg.build.finish``): this build used it."""
        self.used.add(unit.key)
        if fresh:
            self.fresh.add(unit.key)
        if self.folder is None:
            self.memory[unit.key] = unit

    def take(self, unit, name: str):
        """A sidecar read once and not kept (a TriG block on its way to the file)."""
        value = self.load(unit, name)
        if self.folder is not None:
            setattr(unit, name, None)
        return value

    def link(self, key: str, name: str, target: Path | str) -> None:
        """A sidecar into an output set, as a hard link: the record's files are never written again
        (each is replaced whole, under a new key), so the output shares the bytes rather than copying
        them, and a build that changes one article writes one article's files."""
        if self.folder is None:
            raise ValueError("a build without a folder keeps no files to link")
        source = f"{self.folder}{os.sep}{key}.{name}"
        try:
            os.link(source, target)
            return
        except FileExistsError:  # a file of the same name and bytes, replaced whole (it may be shared)
            pass
        except OSError:  # a file system without hard links
            atomic.write_bytes(Path(target), Path(source).read_bytes())
            return
        tmp = f"{target}.{os.getpid()}.link"
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        os.link(source, tmp)
        os.replace(tmp, target)

    def put(self, unit) -> None:
        self.fresh.add(unit.key)
        self.used.add(unit.key)
        if self.folder is None:
            self.memory[unit.key] = unit
            return
        sidecars = SIDECARS[type(unit)]
        for name in sidecars:
            value = getattr(unit, name)
            data = (
                "".join(value)
                if name == "lines"
                else json.dumps(value, ensure_ascii=False)
                if name == "origins"
                else value
            ).encode("utf-8")
            path = self.folder / f"{unit.key}.{name}"
            atomic.write_bytes(path, data)
            unit.sums[name] = [len(data), hashlib.sha256(data).hexdigest(), path.stat().st_mtime_ns]
        meta = {f.name: getattr(unit, f.name) for f in fields(unit) if f.name not in sidecars}
        atomic.write_text(self.folder / f"{unit.key}.json", json.dumps(meta, ensure_ascii=False))
        for name in sidecars:  # read again when needed: a corpus is not held in memory
            setattr(unit, name, None)

    def prune(self, gone: set[str] | None = None) -> None:
        """Remove the records this build did not use. ``gone``: the records the build before used (its
        ledger's); those this one did not use are removed by name, and when the folder then holds three
        files a record used (the record and its two sidecars), nothing else is there and it is not
        looked through (60,000 names at 10,000 articles); else, or without ``gone``, every file of an
        unused record goes (also what an interrupted build left)."""
        if self.folder is not None and self.folder.is_dir():
            used, base = self.used, f"{self.folder}{os.sep}"
            if gone is not None:
                for key in gone - used:
                    for name in ("json", *SIDECARS[CompiledUnit], *SIDECARS[LinkedUnit]):
                        with contextlib.suppress(FileNotFoundError):
                            os.unlink(f"{base}{key}.{name}")
            names = os.listdir(self.folder)
            if gone is not None and len(names) == 3 * len(used):
                return
            for name in names:
                if name.partition(".")[0] not in used:
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(base + name)


class Sidecar(Mapping):
    """A record's sidecar mapping (the origins), read only if a validation finding needs it."""

    def __init__(self, units: Units, unit, name: str):
        self.units, self.unit, self.name = units, unit, name

    def _data(self) -> dict:
        return self.units.load(self.unit, self.name)

    def __getitem__(self, key):
        return self._data()[key]

    def __iter__(self):
        return iter(self._data())

    def __len__(self) -> int:
        return len(self._data())
