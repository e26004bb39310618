"""Rules-back-end drafts of invented texts, for the tests of the forms each drafting pass added."""

from pathlib import Path

import yaml

from kg.draft import draft_article, load_corpus


def draft_rules(
    tmp_path: Path, text: str, folder_name: str, entities: dict | None = None, source: dict | None = None
) -> dict:
    """The rules back-end's draft of ``text``, read back as YAML. ``entities``: a corpus entity list,
    ``{id: (class, label)}`` or ``{id: (class, label, aliases)}``; ``source``: the article's
    ``source.yaml``. ``draft_article`` builds the draft, so it is also compiled and validated."""
    folder = tmp_path / folder_name
    folder.mkdir(parents=True)
    (folder / "article.txt").write_text(text, encoding="utf-8")
    if source is not None:
        (folder / "source.yaml").write_text(yaml.safe_dump(source), encoding="utf-8")
    corpus = None
    if entities is not None:
        listed = {
            k: {"a": v[0], "label": v[1], **({"aliases": list(v[2])} if len(v) > 2 else {})}
            for k, v in entities.items()
        }
        (tmp_path / "entities.yaml").write_text(yaml.safe_dump({"entities": listed}), encoding="utf-8")
        corpus = load_corpus(tmp_path / "entities.yaml")
    return yaml.safe_load(draft_article(folder / "article.txt", "rules", corpus).yaml)


def of_class(mapping: dict, cls: str) -> list[dict]:
    """The draft's nodes of class ``cls`` (a node's ``a`` is one class or a list)."""
    return [n for n in mapping["nodes"].values() if cls in (n["a"] if isinstance(n["a"], list) else [n["a"]])]
