"""Does a draft build? The one place that asks the public pipeline, so that it can follow the
pipeline's API when that changes.
"""

import shutil
import tempfile
from pathlib import Path

from kg.validate import Report


def check_draft(mapping_yaml: str, text_path: Path, entities: Path | None = None) -> Report:
    """Build the draft as the only article of a temporary articles folder (no linking, nothing
    written) and return its validation report; a mapping that does not compile raises ``KgError``."""
    from kg.build import build

    text_path = Path(text_path)
    with tempfile.TemporaryDirectory(prefix="kg-draft-") as tmp:
        articles = Path(tmp) / "articles"
        folder = articles / "draft"
        folder.mkdir(parents=True)
        shutil.copyfile(text_path, folder / text_path.name)
        (folder / "mapping.yaml").write_text(mapping_yaml, encoding="utf-8")
        if entities is not None and Path(entities).is_file():
            shutil.copyfile(entities, articles / "entities.yaml")
        result = build(articles, None, linker=None)
        return result.articles[0].report
