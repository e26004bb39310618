"""A fingerprint of everything a build reads, so that later commands can tell the build is stale."""

import hashlib
from pathlib import Path

from kg.core.resources import ONTOLOGY_DIR, SHAPES_DIR


def fingerprint(articles_dir: Path) -> str:
    digest = hashlib.sha256()
    roots = [Path(articles_dir), ONTOLOGY_DIR, SHAPES_DIR]
    for root in roots:
        if not root.is_dir():
            continue
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
