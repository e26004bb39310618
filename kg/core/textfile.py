"""Reading a text file a user names (an article, a mapping, a query): UTF-8, a byte order mark allowed,
and one line naming the byte or the system's reason when it cannot be read."""

import os
import stat
from pathlib import Path

from kg.core.errors import KgError

NOT_REGULAR = "not a regular file (a device, pipe or socket)"


def read_utf8(path: Path, what: str) -> str:
    """The file's text; ``what`` names it in the error ("article text", "the query", "mapping"). A pipe or
    a device is refused, not read: opening a pipe waits for a writer, and a device may never end. It is
    opened without waiting and checked on the open file, so a name swapped meanwhile changes nothing."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        with open(fd, encoding="utf-8-sig") as handle:  # newlines as Path.read_text gives them
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise KgError(f"{path}: cannot read {what}: {NOT_REGULAR}")
            return handle.read()
    except UnicodeDecodeError as exc:
        raise KgError(f"{path}: cannot read {what}: not UTF-8 (byte {exc.start}: {exc.reason})") from None
    except OSError as exc:
        raise KgError(f"{path}: cannot read {what}: {exc.strerror or exc.__class__.__name__}") from None
