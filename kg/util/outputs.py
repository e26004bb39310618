"""The output set of a build (the graph files, the embedded store, the inputs fingerprint), switched as one.

Each build writes a new generation folder, ``OUT/.kg/gen-*``, and then repoints one symbolic link,
``OUT/.kg/current``, at it with a rename, which is atomic: a reader, or a build that is interrupted
or fails, sees the previous complete set or the new one, never a mix. ``OUT/kg.graphs.json`` (the
set's manifest), ``OUT/store``, ``OUT/kg.inputs.sha256`` and ``OUT/kg.build-key`` are links through
``current``. The graph files are not in a generation: they live in ``OUT/.kg/graphs`` (``OUT/graphs``
links to it), named by their content and shared by every set that has them, so a build that changes
one article adds that article's files only, and the manifest names the files of its set
(``kg.build.current``). One
build at a time holds ``OUT/.kg/lock`` (an ``flock``, released by the kernel if the build dies).
"""

import contextlib
import fcntl
import os
import shutil
import tempfile
from pathlib import Path

from kg.core.errors import EXIT_BAD_INPUT, KgError
from kg.util import atomic

STATE = ".kg"
NAMES = ("kg.graphs.json", "store", "kg.inputs.sha256", "kg.build-key")
SHARED = ("graphs",)  # links into the build state: folders the sets share (``kg.build.current``)
FORMER = ("kg.ttl", "kg.trig")  # links of builds before the graph files; ``kg export`` writes these now
KEEP = 2  # generations kept: the current one and the one before (a query may still be reading it)


def holds_store(folder: Path) -> bool:
    """Whether an existing folder may be replaced by a store: it is empty, or it is an Oxigraph store
    (a RocksDB folder, which always holds ``CURRENT``). A stale store is deleted whole and made again,
    so this is asked before any store folder is deleted (``kg.store``, ``OutputSet``): a folder of the
    user's own under that name is refused, never emptied. OSError when the folder cannot be read."""
    with os.scandir(folder) as entries:
        names = {entry.name for entry in entries}
    return not names or "CURRENT" in names


class OutputSet:
    def __init__(self, out_dir: Path):
        self.out = Path(out_dir)
        self.state = self.out / STATE

    @contextlib.contextmanager
    def lock(self):
        """Hold the output folder for one build; a second build gets a one-line error, not a wait. A
        first build that fails leaves no folder behind."""
        created = [p for p in (self.out, self.state) if not p.exists()]
        try:
            self.state.mkdir(parents=True, exist_ok=True)
            handle = open(self.state / "lock", "a+")
        except OSError as exc:
            raise KgError(f"{self.out}: cannot write the output folder: {exc.strerror or exc}") from None
        try:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise KgError(
                    f"{self.out}: another kg build is writing this output folder; "
                    "wait for it to finish, or build into another --out",
                    EXIT_BAD_INPUT,
                ) from None
            self._refuse_foreign()
            yield self
        finally:
            if created and self.current() is None:
                for folder in reversed(created):
                    shutil.rmtree(folder, ignore_errors=True)
            handle.close()

    def _refuse_foreign(self) -> None:
        """The usual names become links: what the user keeps under them is refused, never replaced. A
        folder at ``graphs``, a file at ``store`` or a folder there that holds no store was never kg's (a
        store folder there is the store of a build from before output sets, which is replaced)."""
        for name in (*NAMES, *SHARED):
            path = self.out / name
            if path.is_symlink() or not path.exists():
                continue
            store = name == "store" and path.is_dir() and holds_store(path)
            if (path.is_dir() and not store) or (name == "store" and not path.is_dir()):
                kind = "folder" if path.is_dir() else "file"
                raise KgError(
                    f"{path}: a {kind} kg did not write, where a build keeps its {name}; move it, or build "
                    "into another --out"
                )

    def current(self) -> Path | None:
        link = self.state / "current"
        return link.resolve() if link.is_symlink() and link.resolve().is_dir() else None

    @contextlib.contextmanager
    def new_generation(self):
        """A fresh folder to write the next set into; removed again unless it was switched to."""
        folder = Path(tempfile.mkdtemp(prefix="gen-", dir=self.state))
        os.chmod(folder, 0o777 & ~atomic.umask())
        switched = []
        try:
            yield folder, switched
        finally:
            if not switched:
                shutil.rmtree(folder, ignore_errors=True)

    def switch(self, folder: Path, switched: list) -> None:
        """Make ``folder`` the current set in one rename, link the usual names to it, drop old sets."""
        tmp = self.state / f".current.{os.getpid()}"
        tmp.unlink(missing_ok=True)
        os.symlink(folder.name, tmp)
        os.replace(tmp, self.state / "current")
        switched.append(folder)
        for name in NAMES:
            self._link(name)
        for name in SHARED:
            self._link(name, Path(STATE) / name)
        for name in FORMER:  # a link through current to a file the set no longer has
            path = self.out / name
            if path.is_symlink() and os.readlink(path) == str(Path(STATE) / "current" / name):
                path.unlink()
        self._collect(folder)

    def _link(self, name: str, target: Path | None = None) -> None:
        path, target = self.out / name, target or Path(STATE) / "current" / name
        if path.is_symlink() and os.readlink(path) == str(target):
            return
        tmp = self.out / f".{name}.{os.getpid()}.link"
        tmp.unlink(missing_ok=True)
        os.symlink(target, tmp)
        if path.is_dir() and not path.is_symlink():  # a store folder from a build before output sets
            old = self.out / f".{name}.{os.getpid()}.old"
            os.rename(path, old)
            os.replace(tmp, path)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, path)
        stale = self.out / f"{name}.kg-source.sha256"  # the store's marker, from before output sets
        if name == "store":
            stale.unlink(missing_ok=True)

    def _collect(self, keep: Path) -> None:
        generations = self.generations()
        for old in [g for g in generations if g != keep][: max(0, len(generations) - KEEP)]:
            shutil.rmtree(old, ignore_errors=True)

    def generations(self) -> list[Path]:
        """The generation folders there are, oldest first (after a switch: the sets kept)."""
        return sorted((p for p in self.state.glob("gen-*") if p.is_dir()), key=lambda p: p.stat().st_mtime)
