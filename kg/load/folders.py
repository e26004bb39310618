"""Folders in the articles folder that are not articles, so that kg can say it skipped them."""

import os
from pathlib import Path

from kg.load.load import DRAFT_FILE, MAPPING_FILE  # a folder with a draft is reported by the build, not here


def folders_without_mapping(articles_dir: Path) -> list[Path]:
    """Subfolders holding no mapping file and no draft (hidden ones such as ``.git`` aside), in name order.

    ``discover`` skips them, which is right, but silently: a folder whose mapping is misnamed
    (``mapping.yml``) would vanish from the graph without a word.
    """
    articles_dir = Path(articles_dir)
    if not articles_dir.is_dir():
        return []
    # strings and scandir, not Path objects: a build at 10,000 articles spent 0.2 s here
    exists = os.path.exists
    with os.scandir(articles_dir) as entries:
        found = [
            entry.name
            for entry in entries
            if not entry.name.startswith((".", "_"))
            and entry.is_dir()
            and not exists(os.path.join(entry.path, MAPPING_FILE))  # a mapping.yaml that is not a file: discover()'s
            and not exists(os.path.join(entry.path, DRAFT_FILE))
        ]
    return sorted(articles_dir / name for name in found)
