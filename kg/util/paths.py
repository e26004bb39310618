"""Paths a user names: the default folders, and the files kg reads kept inside the folder it was given."""

import os
from pathlib import Path

from kg.core.errors import KgError

DEFAULT_ARTICLES_DIR = Path("articles")
DEFAULT_OUT_DIR = Path("build")


def leads_out(root: str, path: str) -> bool:
    """Whether ``path``, its links followed, is outside ``root`` (a real path, ``os.path.realpath``)."""
    target = os.path.realpath(path)
    return target != root and not target.startswith(root.rstrip(os.sep) + os.sep)


def confined(root: Path, path: Path, what: str = "the articles folder") -> Path:
    """``path``, or a ``KgError`` naming it when a symbolic link takes it out of ``root``.

    An articles folder may be downloaded, or shared by others: a link in it must not pull a file from
    elsewhere (``~/.ssh``, another project) into a graph that is later published. Links that stay
    inside ``root`` are followed as ever."""
    if leads_out(os.path.realpath(root), str(path)):
        raise KgError(f"{path}: leads out of {what} {root} (through a symbolic link); kg reads only files inside it")
    return Path(path)


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
    if leads_out(str(root), str(target)):
        raise ValueError("leads out of the article folder (through a symbolic link)")
    return target


def corpus_file(articles_dir: Path, name: str) -> Path:
    """A file of the corpus as a whole (the entity list, the pins) read from the articles folder, kept
    inside it (``confined``)."""
    return confined(articles_dir, Path(articles_dir) / name)


def check_apart(articles_dir: Path, out_dir: Path | None, what: str) -> None:
    """Outputs (``what``: "the build", "the site") inside the articles folder would be read as inputs by
    the next build (and the fingerprint of what a build reads would change with every build)."""
    if out_dir is None:
        return
    articles, out = Path(articles_dir).resolve(), Path(out_dir).resolve()
    if out == articles or articles in out.parents:
        raise KgError(f"--out {out_dir} is inside --articles {articles_dir}; write {what} to another folder")
