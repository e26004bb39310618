"""Reading a text file a user names (an article, a mapping, a query): UTF-8, a byte order mark allowed,
and one line naming the byte or the system's reason when it cannot be read."""

from pathlib import Path

from kg.core.errors import KgError


def read_utf8(path: Path, what: str) -> str:
    """The file's text; ``what`` names it in the error ("article text", "the query", "mapping")."""
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise KgError(f"{path}: cannot read {what}: not UTF-8 (byte {exc.start}: {exc.reason})") from None
    except OSError as exc:
        raise KgError(f"{path}: cannot read {what}: {exc.strerror or exc.__class__.__name__}") from None
