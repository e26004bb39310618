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

from kg.core.errors import KgError
from kg.core.resources import ONTOLOGY_DIR, SHAPES_DIR
from kg.util import atomic, stamps
from kg.util.paths import confined

_FOLDERS = "\0folders"  # the folders' listings, in the digests' file under a name no file has
_LABELS = ("articles", "ontology", "shapes")  # the roots of what a build reads, as its file names start
LISTING_FILE = "listing"  # in the build state: the input files as last listed, with their folders' metadata


class Digests:
    """Each input file's SHA-256, taken again only when its size, modification time or inode changed.

    Kept in ``path`` (in the build's state folder) between builds; ``path=None`` reads every file. A
    digest is remembered only for a file not modified within ``stamps.RACY_NS`` of reading it (a file
    rewritten twice within one clock tick keeps its time), as a stamp is."""

    def __init__(self, path: Path | None = None):
        self.path = path
        self.known: dict[str, list] = {}
        self.seen: dict[str, list] = {}
        self.folders: dict = {}  # folder path -> [mtime, inode, entries] (``_Walk``)
        if path is not None:
            try:
                known = marshal.loads(Path(path).read_bytes())
                self.known = known if isinstance(known, dict) else {}
            except (OSError, ValueError, EOFError, TypeError):
                self.known = {}
            folders = self.known.pop(_FOLDERS, None)
            self.folders = folders if isinstance(folders, dict) else {}
        self.folders_seen: dict = {}
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

    def of(self, path: Path, info: os.stat_result | None = None) -> str:
        """The file's SHA-256; ``info``: its ``os.stat``, when the caller took it already."""
        name = str(path)
        if name in self.now:  # taken already by this build (for its fingerprint, then the article's key)
            return self.now[name]
        if info is None:
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
        if self.path is not None and (self.seen != self.known or self.folders_seen != self.folders):
            # marshal: json of 20,000 entries (3 MB at 10,000 articles) cost 0.2 s a build to write
            atomic.write_bytes(self.path, marshal.dumps({**self.seen, _FOLDERS: self.folders_seen}))


def _files(
    articles_dir: Path,
    links: list | None = None,
    folders: dict | None = None,
    seen: dict | None = None,
    listing: dict | None = None,
) -> list[tuple[str, Path]]:
    """Every file a build reads, by a name that says which root it is under, in a fixed order (that of
    ``sorted(root.rglob("*"))``: by path components). Paths are given as strings: at 10,000 articles,
    making and sorting 20,000 ``Path`` objects cost most of a no-op build. ``folders``: the listings
    of the folders as the last build saw them (``Digests.folders``), used again while a folder's
    metadata holds; those recorded now go into ``seen``. ``listing`` gets the roots and the folders
    listed, when every one could be recorded (``_write_listing``)."""
    found: list = []
    links = [] if links is None else links  # links to folders found (and not followed)
    walk = _Walk(links, folders, seen)
    for label, root in zip(_LABELS, (Path(articles_dir), ONTOLOGY_DIR, SHAPES_DIR), strict=True):
        if root.is_dir():
            top = str(root)
            walk.confine = top if label == "articles" else None
            base = top if top.endswith(os.sep) else top + os.sep
            for parts in sorted(walk(top)):
                inner = "/".join(parts)
                found.append((f"{label}/{inner}", base + inner))
    if listing is not None and walk.visited is not None and not links:
        listing.update(roots=_roots(articles_dir), folders=walk.visited)
    return found


def _roots(articles_dir: Path) -> list:
    """The roots a listing was taken under, as the walk names them and as they resolve: a listing is used
    again only under the same names for the same folders (its paths are made from the names)."""
    return [(str(root), os.path.realpath(root)) for root in (Path(articles_dir), ONTOLOGY_DIR, SHAPES_DIR)]


def _write_listing(state: Path, listing: dict, files: list) -> None:
    """Keep the input files as listed with their folders' metadata in ``state``, so that a later check
    (``current``) finds the same files by a ``stat`` of each folder instead of listing 10,000 folders
    again (at 10,000 articles 0.13 s of each ``kg query``). Adding, removing or renaming an entry
    changes its folder's time; a listing is kept only when no folder changed within
    ``stamps.RACY_NS`` and none holds a link (``_Walk``), and is removed otherwise."""
    path = Path(state) / LISTING_FILE
    if "folders" not in listing:
        path.unlink(missing_ok=True)
        return
    folders = listing["folders"]
    record = marshal.dumps(
        (listing["roots"], [f[0] for f in folders], [f[1:] for f in folders], [name for name, _path in files])
    )
    try:
        if path.read_bytes() == record:
            return
    except OSError:
        pass
    atomic.write_bytes(path, record)


def _listed_before(state: Path, articles_dir: Path) -> list[tuple[str, Path]] | None:
    """The input files of ``_write_listing``'s record, when every folder it lists is as it was then
    (else None: the caller lists them)."""
    try:
        roots, folders, metas, names = marshal.loads((Path(state) / LISTING_FILE).read_bytes())
        if roots != _roots(articles_dir) or [(s.st_mtime_ns, s.st_ino) for s in map(os.stat, folders)] != metas:
            return None
        bases = {
            label: top if top.endswith(os.sep) else top + os.sep for label, (top, _) in zip(_LABELS, roots, strict=True)
        }
        return [(name, bases[name.split("/", 1)[0]] + name.split("/", 1)[1]) for name in names]
    except (OSError, ValueError, EOFError, TypeError, KeyError, IndexError):
        return None


class _Walk:
    """The files under a folder, each as its path components, as ``Path.rglob`` finds them: a link to a
    file is a file, a link to a folder is not followed (it is noted in ``links``), an unreadable folder
    is skipped. A link to a file out of ``confine`` (the articles folder) is refused
    (``kg.util.paths.confined``): its bytes would be read for the digest, and by the loader after.

    With ``folders`` (folder path -> [mtime, inode, its entries]), a folder whose modification time and
    inode are those recorded is not listed again: adding, removing or renaming an entry changes its
    folder's time, so the 10,000 listings of a corpus cost 10,000 ``stat`` calls instead (0.1 s less at
    10,000 articles). A folder is recorded only when its time is older than ``stamps.RACY_NS`` (two
    changes within one clock tick keep its time), and never when it holds a link (whose target may
    change without a trace on the folder)."""

    def __init__(self, links: list, folders: dict | None, seen: dict | None = None):
        self.links, self.folders = links, folders
        self.confine: str | None = None
        self.seen = seen if seen is not None else {}  # the folders recorded now
        self.taken = time.time_ns()
        self.visited: list[tuple[str, int, int]] | None = []  # each folder listed, while all are recordable

    def __call__(self, top: str, parents: tuple[str, ...] = (), path: str = "") -> list[tuple[str, ...]]:
        path = path or top
        entries = self._listed(path)
        found: list[tuple[str, ...]] = []
        for name, kind in entries:
            if kind == "d":
                found += self(top, (*parents, name), os.path.join(path, name))
            elif kind == "l":
                self.links.append((*parents, name))  # not listed, as rglob does not; noted
            else:
                found.append((*parents, name))
        return found

    def _listed(self, path: str) -> list[tuple[str, str]]:
        if self.folders is None:
            return _scan(path, self.confine)[0]
        try:
            info = os.stat(path)
        except OSError:
            return _scan(path, self.confine)[0]
        known = self.folders.get(path)
        if known is not None and known[:2] == [info.st_mtime_ns, info.st_ino]:
            self.seen[path] = known
            self._visit(path, info)
            return known[2]
        entries, linked = _scan(path, self.confine)
        if not linked and info.st_mtime_ns < self.taken - stamps.RACY_NS:
            self.seen[path] = [info.st_mtime_ns, info.st_ino, entries]
            self._visit(path, info)
        else:
            self.visited = None
        return entries

    def _visit(self, path: str, info: os.stat_result) -> None:
        if self.visited is not None:
            self.visited.append((path, info.st_mtime_ns, info.st_ino))


def _scan(path: str, confine: str | None = None) -> tuple[list[tuple[str, str]], bool]:
    """A folder's entries as (name, "d" for a folder, "l" for a link to a folder, "f" for a file), and
    whether it must be listed anew every time: it holds a link (whose target may change without a trace
    on the folder), or it cannot be read (none then: making it readable changes no folder's time). A link
    to a file outside ``confine`` is a ``KgError`` (a folder holding a link is listed anew by every
    build, so it is always checked)."""
    entries: list[tuple[str, str]] = []
    linked = False
    try:
        with os.scandir(path) as listing:
            for entry in listing:
                if entry.is_dir(follow_symlinks=False):
                    entries.append((entry.name, "d"))
                    continue
                linked = linked or entry.is_symlink()
                if entry.is_symlink() and entry.is_dir():
                    entries.append((entry.name, "l"))
                elif entry.is_file():
                    if confine is not None and entry.is_symlink():
                        confined(Path(confine), Path(entry.path))
                    entries.append((entry.name, "f"))
    except PermissionError:
        return [], True
    return entries, linked


def fingerprint(articles_dir: Path) -> str:
    """The content digest of everything a build reads."""
    return _digest(_files(articles_dir), Digests())


def _digest(files: list[tuple[str, Path]], digests: Digests, infos: list | None = None) -> str:
    of = digests.of
    if infos is None or len(infos) != len(files):
        text = "".join(f"{name.split('/', 1)[1]}\0{of(path)}\0" for name, path in files)
    else:
        text = "".join(
            f"{name.split('/', 1)[1]}\0{of(path, info)}\0" for (name, path), info in zip(files, infos, strict=True)
        )
    return hashlib.sha256(text.encode()).hexdigest()


def take(articles_dir: Path, digests: Digests | None = None) -> tuple[str, str]:
    """The inputs' content digest, and what a build writes to ``kg.inputs.sha256`` (the digest and the
    inputs' stamp). The stamp is taken first: a file changed while the digest is taken then shows as
    changed, never as current."""
    links: list = []
    digests = digests or Digests()
    remembered = digests.path is not None
    listing: dict = {}
    files = _files(articles_dir, links, digests.folders if remembered else None, digests.folders_seen, listing)
    if digests.path is not None:
        _write_listing(Path(digests.path).parent, listing, files)
    # one stat a file for both the stamp and the digests (20,000 files at 10,000 articles)
    taken, infos = stamps.stat_all(files)
    text = stamps.record_of(files, infos, taken, lambda: _digest(files, digests, infos))
    digests.listed = None if links else files  # an article folder may be a link: listed by kg.load then
    return stamps.parse(text)[0], text


def current(record_file: Path, articles_dir: Path) -> bool:
    """Whether the inputs are those a build recorded in ``record_file``: by their stamp when it holds,
    else by content. The files are those the last build listed while their folders are unchanged
    (``_listed_before``; the record sits in a generation folder of the build state)."""
    generation = Path(os.path.realpath(record_file)).parent
    state = generation.parent if generation.name.startswith("gen-") else None  # kg.util.outputs' layout
    files = (state and _listed_before(state, articles_dir)) or _listed_now(state, articles_dir)
    return stamps.check(record_file, files, lambda: _digest(files, Digests()))


def _listed_now(state: Path | None, articles_dir: Path) -> list[tuple[str, Path]]:
    """The input files, listed, and kept as the next check's listing when the state folder takes it (a
    build that had just made its folders could keep none: they were changed within the racy window)."""
    listing: dict = {}
    files = _files(articles_dir, [], {}, None, listing)
    if state is not None:
        try:
            _write_listing(state, listing, files)
        except (OSError, KgError):  # a read-only build folder: the next check lists again
            pass
    return files
