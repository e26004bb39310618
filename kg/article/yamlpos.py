"""Read YAML while remembering the line of every key, so that schema errors can name a line.

PyYAML's composer already knows where each node starts; we keep that while turning nodes into plain
Python values, and refuse duplicate keys (PyYAML would silently keep the last one).
"""

from pathlib import Path
from typing import Any

import yaml

from kg.errors import KgError

Path_ = tuple  # a path of keys and list indexes, as pydantic reports error locations
# libyaml's composer when PyYAML was built with it (about 15x faster on a seed-sized mapping); same nodes, same marks
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_with_lines(path: Path) -> tuple[Any, dict[Path_, int]]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KgError(f"{path}: cannot read mapping: {exc}") from None
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        raise KgError(f"{where}: invalid YAML: {problem}") from None
    if root is None:
        return None, {}
    converter = _Converter(path)
    return converter.convert(root, ()), converter.lines


class _Converter:
    """Nodes to plain values, with the line of every key. A class rather than nested recursive
    functions: those refer to themselves, and would hold every node until Python's cycle collector
    ran (a build reads hundreds of mappings)."""

    def __init__(self, path: Path):
        self.path = path
        self.lines: dict[Path_, int] = {}
        self.constructor = yaml.constructor.SafeConstructor()  # a whole SafeLoader refers to itself too

    def construct(self, node: yaml.Node) -> Any:
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (ValueError, yaml.YAMLError) as exc:  # a date that does not exist (2031-02-30) ...
            raise KgError(f"{self.path}:{node.start_mark.line + 1}: invalid value '{node.value}': {exc}") from None
        self.constructor.constructed_objects.clear()  # scalars only: nothing to share between nodes
        return value

    def convert(self, node: yaml.Node, at: Path_) -> Any:
        self.lines[at] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.construct(key_node)
                if key in result:
                    raise KgError(f"{self.path}:{key_node.start_mark.line + 1}: duplicate key '{key}'")
                result[key] = self.convert(value_node, at + (key,))
                self.lines[at + (key,)] = key_node.start_mark.line + 1
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, at + (i,)) for i, item in enumerate(node.value)]
        return self.construct(node)


def line_of(lines: dict[Path_, int], at: Path_) -> int | None:
    """The line of the deepest known prefix of ``at``."""
    at = tuple(at)
    while at:
        if at in lines:
            return lines[at]
        at = at[:-1]
    return lines.get(())
