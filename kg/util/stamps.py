"""Whether files are as they were, told from their metadata before their bytes.

``kg query`` checks that the build it reads is current. Hashing every input file and the whole TriG
(364 MB at 3,000 articles) on every query cost more than most queries. A record keeps, beside the content
digest, a stamp of each file's name, size, modification time and inode; when the stamp is unchanged the
bytes are not read. A stamp is only kept when no file changed within ``RACY_NS`` of taking it (a file
rewritten twice within one clock tick keeps its time, as git's "racy" index entries do); otherwise, and
whenever the stamp differs, the content digest decides.
"""

import hashlib
import os
import time
from pathlib import Path

from kg.core.errors import KgError

RACY_NS = 2_000_000_000


def stamp(files: list[tuple[str, Path]]) -> str | None:
    """The stamp of ``(name, path)`` files, or None when one changed too recently to be told apart."""
    taken, infos = stat_all(files, missing=False)
    return _stamp_of(files, infos, taken)


def stat_all(files: list[tuple[str, Path]], missing: bool = True) -> tuple[int, list | None]:
    """The moment, and each file's ``os.stat`` taken after it (None when a file is gone; an ``OSError``
    with ``missing=False``): what ``record_of`` makes a record of, so that a caller that needs the
    files' metadata as well (the build's digests) takes it once."""
    taken = time.time_ns()
    try:
        return taken, [os.stat(path) for _name, path in files]
    except OSError:
        if not missing:
            raise
        return taken, None


def _stamp_of(files: list[tuple[str, Path]], infos: list | None, taken: int) -> str | None:
    """The stamp of the files whose metadata ``infos`` was taken at ``taken``, hashed as one text (at
    10,000 articles a hash update per file cost 40 ms of each check)."""
    if infos is None or any(info.st_mtime_ns >= taken - RACY_NS for info in infos):
        return None
    stamped = "".join(
        f"{name}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ino}\0"
        for (name, _path), info in zip(files, infos, strict=True)
    )
    return hashlib.sha256(stamped.encode()).hexdigest()


def record_of(files: list[tuple[str, Path]], infos: list | None, taken: int, digest_of) -> str:
    """``record``, from ``stat_all``'s metadata: the same text."""
    return _text(digest_of(), _stamp_of(files, infos, taken))


def _stamp_or_none(files: list[tuple[str, Path]]) -> str | None:
    try:
        return stamp(files)
    except OSError:  # a file gone meanwhile: the digest alone decides
        return None


def _text(digest: str, taken: str | None) -> str:
    return f"{digest}\n{taken}\n" if taken else f"{digest}\n"


def record(files: list[tuple[str, Path]], digest_of) -> str:
    """A record's text: the content digest (``digest_of()``), then the stamp when one can be kept. The
    stamp is taken first: a file changed while its digest is taken then shows as changed, never as current."""
    taken = _stamp_or_none(files)
    return _text(digest_of(), taken)


def check(record_file: Path, files: list[tuple[str, Path]], digest_of) -> bool:
    """Whether the files are those the record at ``record_file`` was taken of: by their stamp when it
    holds, else by their content digest (``digest_of()``). A record found current by content gets a new
    stamp when one can be kept now (a build that had just written its files could not keep one), so the
    next check reads metadata only again."""
    try:
        digest, taken = parse(Path(record_file).read_text())
    except OSError:
        return False
    now = _stamp_or_none(files)  # taken before the bytes are read, as a record's is
    if taken and now == taken:
        return True
    if digest != digest_of():
        return False
    if now:
        from kg.util import atomic

        try:
            atomic.write_text(Path(os.path.realpath(record_file)), _text(digest, now))
        except (OSError, KgError):  # a read-only build folder: the content check stands, it is only slower
            pass
    return True


def parse(text: str) -> tuple[str, str | None]:
    """A record's content digest and stamp (None in a record written without one)."""
    lines = text.split()
    return (lines[0] if lines else ""), (lines[1] if len(lines) > 1 else None)
