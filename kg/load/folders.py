"""Folders in the articles folder that are not articles, so that kg can say it skipped them."""

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
    return sorted(
        p
        for p in articles_dir.iterdir()
        if p.is_dir()
        and not p.name.startswith((".", "_"))
        and not (p / MAPPING_FILE).exists()  # a mapping.yaml that is not a file is an error of discover()
        and not (p / DRAFT_FILE).exists()
    )
