"""A fingerprint of everything a build reads, so that later commands can tell the build is stale.

The build records the content digest of its inputs with their stamp (``kg.util.stamps``): a later
command reads the files' metadata, and their bytes only when the metadata changed.
"""

import hashlib
from pathlib import Path

from kg.core.resources import ONTOLOGY_DIR, SHAPES_DIR
from kg.util import stamps


def _files(articles_dir: Path) -> list[tuple[str, Path]]:
    """Every file a build reads, by a name that says which root it is under, in a fixed order."""
    found = []
    for label, root in (("articles", Path(articles_dir)), ("ontology", ONTOLOGY_DIR), ("shapes", SHAPES_DIR)):
        if root.is_dir():
            found += [(f"{label}/{p.relative_to(root)}", p) for p in sorted(p for p in root.rglob("*") if p.is_file())]
    return found


def fingerprint(articles_dir: Path) -> str:
    """The content digest of everything a build reads."""
    return _digest(_files(articles_dir))


def _digest(files: list[tuple[str, Path]]) -> str:
    digest = hashlib.sha256()
    for name, path in files:
        digest.update(name.split("/", 1)[1].encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def take(articles_dir: Path) -> tuple[str, str]:
    """The inputs' content digest, and what a build writes to ``kg.inputs.sha256`` (the digest and the
    inputs' stamp). The stamp is taken first: a file changed while the digest is taken then shows as
    changed, never as current."""
    files = _files(articles_dir)
    text = stamps.record(files, lambda: _digest(files))
    return stamps.parse(text)[0], text


def current(record_file: Path, articles_dir: Path) -> bool:
    """Whether the inputs are those a build recorded in ``record_file``: by their stamp when it holds,
    else by content."""
    files = _files(articles_dir)
    return stamps.check(record_file, files, lambda: _digest(files))
