"""A YAML flow list ``[a, b]`` that split one quote at its comma: the loader's warning."""

from pathlib import Path

from kg.load.quotes import word_starts
from kg.util.text import clip

QUOTE_LISTS = ("evidence", "mentions")


def split_quotes(mapping, lines: dict, mapping_path: Path, text: str) -> list[str]:
    """Warnings for flow lists ``[a, b]`` of quotes whose neighbouring items, joined again at a comma,
    are words of the text: YAML split one quote in two, and both halves may still be found.

    A list is a flow list when its first item starts on its key's line (a block list's never does); the
    lines come from the loader's one parse of the file.
    """
    warnings = []
    for at, items in _quote_lists(mapping):
        key_line = lines.get(at)
        if not items or key_line is None or lines.get(at + (0,)) != key_line:
            continue
        for i, (first, second) in enumerate(zip(items, items[1:], strict=False)):
            if not (isinstance(first, str) and isinstance(second, str)):
                continue
            for comma in (", ", ","):
                joined = f"{first}{comma}{second}"
                if word_starts(text, joined):
                    shown = clip(joined, 60, "...")
                    warnings.append(
                        f"{mapping_path}:{lines.get(at + (i,), key_line)}: the [...] list splits the quote "
                        f'"{shown}" at its comma into two quotes; write it as a block list item (- ...)'
                    )
                    break
    return warnings


def _quote_lists(mapping):
    """(location, items) of the lists of quotes: article.sections and each node's evidence and mentions."""
    yield ("article", "sections"), list(mapping.article.sections)
    for node_id, node in sorted(mapping.nodes.items()):
        for key in QUOTE_LISTS:
            yield ("nodes", node_id, key), list(getattr(node, key))
