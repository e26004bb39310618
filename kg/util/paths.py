"""Paths a user names: the default folders, and a file a mapping names kept inside its article folder."""

from pathlib import Path

DEFAULT_ARTICLES_DIR = Path("articles")
DEFAULT_OUT_DIR = Path("build")


def inside(folder: Path, name: str) -> Path:
    """The file ``name`` (relative, as a mapping writes it) inside ``folder``, or ValueError.

    A mapping is data a user may have downloaded: it must not be able to pull ``/etc/passwd`` or
    ``../../secret`` into a graph that is later published. Absolute paths and ``..`` are refused
    outright, and symlinks are resolved so that a link pointing out of the folder is refused too.
    """
    from pathlib import PurePath, PurePosixPath, PureWindowsPath

    text = str(name)
    pure = PurePath(text)
    if not text.strip() or "\0" in text:
        raise ValueError("is empty")
    if pure.is_absolute() or PurePosixPath(text).is_absolute() or PureWindowsPath(text).anchor:
        raise ValueError("is an absolute path; name a file inside the article folder")
    if ".." in PurePosixPath(text.replace("\\", "/")).parts:
        raise ValueError("contains '..'; name a file inside the article folder")
    root = Path(folder).resolve()
    target = (root / pure).resolve()
    if target != root and root not in target.parents:
        raise ValueError("leads out of the article folder (through a symbolic link)")
    return target
