"""Atomic file writes: a reader sees the old file or the new one, never half of one.

The new content goes to a temporary file beside the target and is renamed over it. The file kg
leaves behind should look like one written with a plain ``open(path, "w")``: a new file gets
0o666 minus the umask (the kernel applies it, default ACLs included), a replaced file keeps its
mode, and a path that is a symbolic link is written through to the file it points at, so the link
stays a link.

A path that names no file but a device or a pipe (``/dev/null``, a named pipe), or one of the process's
own descriptors (``-o /dev/stdout``, ``/dev/fd/3``), is written straight into, at its end: a rename would
put a file in the device's place (as root, in ``/dev``); ``/dev/stdout`` of a pipe resolves to no folder a
temporary file could be made in, and of a file opened to append to (``>> log``) to that file, which a
rename would replace with the output alone. Such a target is the caller's stream, not a file kg keeps.
"""

import contextlib
import errno
import io
import os
import re
import secrets
import stat
from pathlib import Path

from kg.core.errors import KgError


def write_bytes(path: Path, data: bytes) -> None:
    path = Path(path)
    try:
        _write(path, data)
    except OSError as exc:
        raise KgError(f"{path}: cannot write: {exc.strerror or exc}") from None


def _target(path: Path) -> Path:
    """Where the bytes go: a symlink's final target (which may not exist yet), else the path itself."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _create_temp(folder: Path, name: str) -> tuple[int, Path]:
    for _ in range(100):
        tmp = folder / f".{name}.{secrets.token_hex(6)}.tmp"
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {folder}")


def _write(path: Path, data: bytes) -> None:
    with _writing(path) as handle:
        handle.write(data)


@contextlib.contextmanager
def writing(path: Path, text: bool = False):
    """``write_bytes`` for content written piece by piece (a file too large to hold): a file object on
    a temporary file beside the target, renamed over it when the block ends without an error."""
    path = Path(path)
    try:
        with _writing(path) as handle:
            if not text:
                yield handle
                return
            wrapper = io.TextIOWrapper(handle, encoding="utf-8", newline="")
            yield wrapper
            wrapper.flush()
            wrapper.detach()  # the bytes handle is closed by _writing, after its fsync
    except OSError as exc:
        raise KgError(f"{path}: cannot write: {exc.strerror or exc}") from None


_OWN_DESCRIPTOR = re.compile(r"/dev/(stdout|stderr|fd/\d+)|/proc/(self|thread-self)/fd/\d+")


def _is_stream(path: Path) -> bool:
    """Whether ``path`` is one of the process's descriptors, or (its links followed) a device, pipe or
    socket."""
    if _OWN_DESCRIPTOR.fullmatch(os.path.abspath(path)):
        return True
    try:
        mode = os.stat(path).st_mode
    except OSError:  # missing, or a link that leads nowhere: the usual write makes it
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


@contextlib.contextmanager
def _writing(path: Path):
    if _is_stream(path):
        with open(path, "ab") as handle:  # the path itself: the kernel follows /dev/stdout to the stream
            yield handle
            handle.flush()
        return
    path = _target(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # the folder's name is a file's: say so, not "File exists"
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(path.parent)) from None
    try:
        existing = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        existing = None
    fd, tmp = _create_temp(path.parent, path.name)
    try:
        os.fchmod(fd, 0o666 & ~umask())  # mkstemp makes 0600; a written file gets the user's usual mode
        with os.fdopen(fd, "wb") as handle:
            if existing is not None:
                os.fchmod(handle.fileno(), existing)
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def replace_dir(new: Path, target: Path) -> Path | None:
    """Put the finished folder ``new`` in the place of ``target`` (a sibling), so that a reader sees the
    old folder or the new one, never a mix; the old one is then removed. Once the new folder is in place
    the work is done: an old folder that cannot be removed (a file the user may not delete) is returned,
    for the caller to mention, instead of failing a switch that succeeded.

    On Linux the two are exchanged in one step (renameat2 RENAME_EXCHANGE); elsewhere, or where the file
    system refuses that, by two renames, which leave ``target`` missing for an instant but never half
    written.
    """
    import shutil
    import tempfile

    new, target = Path(new), Path(target)
    if not target.exists():
        os.rename(new, target)
        return None
    if _exchange(new, target):
        old = new  # it now holds the previous folder
    else:
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
        os.rmdir(old)
        os.rename(target, old)
        try:
            os.rename(new, target)
        except OSError:
            os.rename(old, target)
            raise
    try:
        shutil.rmtree(old)
    except OSError:
        return old
    return None


def _exchange(a: Path, b: Path) -> bool:
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(str(a)), at_fdcwd, os.fsencode(str(b)), rename_exchange) == 0


def umask() -> int:
    """The process's umask, which files and folders that kg makes with a private mode then follow.

    Linux states it in /proc; elsewhere it can only be read by setting it, which is briefly wrong for
    other threads, so that is the fallback.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    current = os.umask(0o022)
    os.umask(current)
    return current
