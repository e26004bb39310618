"""A fingerprint of everything a build reads, so that later commands can tell the build is stale.

The build records the content digest of its inputs with their stamp (``kg.util.stamps``): a later
command reads the files' metadata, and their bytes only when the metadata changed. The digest is taken
over each file's own SHA-256, which a build remembers by the file's metadata between builds
(``Digests``): a build after an edit reads the edited files, not the corpus.
"""

import hashlib
import marshal
import os
import time
from pathlib import Path

from kg.core.resources import ONTOLOGY_DIR, SHAPES_DIR
from kg.util import atomic, stamps


class Digests:
    """Each input file's SHA-256, taken again only when its size, modification time or inode changed.

    Kept in ``path`` (in the build's state folder) between builds; ``path=None`` reads every file. A
    digest is remembered only for a file not modified within ``stamps.RACY_NS`` of reading it (a file
    rewritten twice within one clock tick keeps its time), as a stamp is."""

    def __init__(self, path: Path | None = None):
        self.path = path
        self.known: dict[str, list] = {}
        self.seen: dict[str, list] = {}
        if path is not None:
            try:
                known = marshal.loads(Path(path).read_bytes())
                self.known = known if isinstance(known, dict) else {}
            except (OSError, ValueError, EOFError, TypeError):
                self.known = {}
        self.taken = time.time_ns()
        self.listed: list[tuple[str, Path]] | None = None  # the files ``take`` found, for ``by_folder``
        self.now: dict[str, str] = {}  # what this build took, by path
        self._by_folder: dict[str, list[tuple[str, Path]]] | None = None

    def by_folder(self) -> dict[str, list[tuple[str, Path]]] | None:
        """The files ``take`` found in the articles folder, by article folder name: (name in the
        folder, path), in the order ``kg.build.units.compile_key`` reads them (None before ``take``)."""
        if self.listed is None:
            return None
        if self._by_folder is not None:
            return self._by_folder
        found: dict[str, list[tuple[str, Path]]] = {}
        self._by_folder = found
        for name, path in self.listed:
            if name.startswith("articles/"):
                folder, _, inner = name[len("articles/") :].partition("/")
                if inner:
                    found.setdefault(folder, []).append((inner, path))
        return found

    def of(self, path: Path) -> str:
        name = str(path)
        if name in self.now:  # taken already by this build (for its fingerprint, then the article's key)
            return self.now[name]
        info = os.stat(path)
        meta = [info.st_size, info.st_mtime_ns, info.st_ino]
        entry = self.known.get(name)
        if isinstance(entry, list) and entry[:3] == meta and len(entry) == 4:
            value = entry[3]
        else:
            value = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        if info.st_mtime_ns < self.taken - stamps.RACY_NS:
            self.seen[name] = [*meta, value]
        self.now[name] = value
        return value

    def save(self) -> None:
        """Keep what this build saw (files it no longer reads are forgotten)."""
        if self.path is not None and self.seen != self.known:
            # marshal: json of 20,000 entries (3 MB at 10,000 articles) cost 0.2 s a build to write
            atomic.write_bytes(self.path, marshal.dumps(self.seen))


def _files(articles_dir: Path, links: list | None = None) -> list[tuple[str, Path]]:
    """Every file a build reads, by a name that says which root it is under, in a fixed order (that of
    ``sorted(root.rglob("*"))``: by path components). Paths are given as strings: at 10,000 articles,
    making and sorting 20,000 ``Path`` objects cost most of a no-op build."""
    found: list = []
    links = [] if links is None else links  # links to folders found (and not followed)
    for label, root in (("articles", Path(articles_dir)), ("ontology", ONTOLOGY_DIR), ("shapes", SHAPES_DIR)):
        if root.is_dir():
            top = str(root)
            found += [(f"{label}/{'/'.join(parts)}", os.path.join(top, *parts)) for parts in sorted(_walk(top, links))]
    return found


def _walk(top: str, links: list, parents: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """The files under ``top``, each as its path components, as ``Path.rglob`` finds them: a link to a
    file is a file, a link to a folder is not followed, an unreadable folder is skipped."""
    found: list[tuple[str, ...]] = []
    try:
        with os.scandir(os.path.join(top, *parents)) as entries:
            listed = list(entries)
    except PermissionError:
        return found
    for entry in listed:
        if entry.is_dir(follow_symlinks=False):
            found += _walk(top, links, (*parents, entry.name))
        elif entry.is_symlink() and entry.is_dir():
            links.append((*parents, entry.name))  # not listed, as rglob does not; noted
        elif entry.is_file():
            found.append((*parents, entry.name))
    return found


def fingerprint(articles_dir: Path) -> str:
    """The content digest of everything a build reads."""
    return _digest(_files(articles_dir), Digests())


def _digest(files: list[tuple[str, Path]], digests: Digests) -> str:
    digest = hashlib.sha256()
    for name, path in files:
        digest.update(f"{name.split('/', 1)[1]}\0{digests.of(path)}\0".encode())
    return digest.hexdigest()


def take(articles_dir: Path, digests: Digests | None = None) -> tuple[str, str]:
    """The inputs' content digest, and what a build writes to ``kg.inputs.sha256`` (the digest and the
    inputs' stamp). The stamp is taken first: a file changed while the digest is taken then shows as
    changed, never as current."""
    links: list = []
    files = _files(articles_dir, links)
    digests = digests or Digests()
    text = stamps.record(files, lambda: _digest(files, digests))
    digests.listed = None if links else files  # an article folder may be a link: listed by kg.load then
    return stamps.parse(text)[0], text


def current(record_file: Path, articles_dir: Path) -> bool:
    """Whether the inputs are those a build recorded in ``record_file``: by their stamp when it holds,
    else by content."""
    files = _files(articles_dir)
    return stamps.check(record_file, files, lambda: _digest(files, Digests()))
