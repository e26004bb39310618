"""Read YAML while remembering the line of every key, so that schema errors can name a line.

PyYAML's composer already knows where each node starts; we keep that while turning nodes into plain
Python values, and refuse duplicate keys (PyYAML would silently keep the last one).
"""

from pathlib import Path
from typing import Any

import yaml

from kg.core.errors import KgError
from kg.core.textfile import read_utf8

Path_ = tuple  # a path of keys and list indexes, as pydantic reports error locations
# libyaml's composer when PyYAML was built with it (about 15x faster on a seed-sized mapping); same nodes, same marks
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR = "tag:yaml.org,2002:str"
_TAGS: dict = {}  # (node kind, value, implicit) -> tag, as the safe loader resolves it


class _Loader(_BASE_LOADER):  # type: ignore[valid-type,misc]
    """The safe loader, with each scalar's tag remembered. Even libyaml's composer asks Python to
    resolve every node's tag (a regular expression per implicit type tried), and to descend and ascend
    the path resolvers, which the safe loader has none of: about a third of reading a mapping. A tag
    depends only on the node's kind, value and implicitness, so the answer is remembered."""

    def resolve(self, kind, value, implicit):
        key = (kind, value, implicit)
        tag = _TAGS.get(key)
        if tag is None:
            if len(_TAGS) > 50_000:  # bounded: values repeat across mappings, the long tail does not
                _TAGS.clear()
            tag = _TAGS[key] = super().resolve(kind, value, implicit)
        return tag

    def descend_resolver(self, current_node, current_index):
        if self.yaml_path_resolvers:
            super().descend_resolver(current_node, current_index)

    def ascend_resolver(self):
        if self.yaml_path_resolvers:
            super().ascend_resolver()


_LOADER = _Loader


def load_with_lines(path: Path) -> tuple[Any, dict[Path_, int]]:
    text = read_utf8(path, "the file")
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
    ran (a build reads hundreds of mappings).

    An alias gives the value its anchor gave, converted once and shared, as PyYAML's own loader does
    (so a few nested aliases cannot expand into millions of values); an alias inside the node it
    names is refused, as are keys that are lists or mappings, and merge keys."""

    def __init__(self, path: Path):
        self.path = path
        self.lines: dict[Path_, int] = {}
        self.constructor = yaml.constructor.SafeConstructor()  # a whole SafeLoader refers to itself too
        self.values: dict[int, Any] = {}  # id of a list or mapping node -> its value
        self.open: set[int] = set()  # ids of the list and mapping nodes being converted

    def fail(self, node: yaml.Node, problem: str) -> KgError:
        return KgError(f"{self.path}:{node.start_mark.line + 1}: {problem}")

    def construct(self, node: yaml.Node) -> Any:
        if node.tag == _STR:  # what SafeConstructor.construct_yaml_str gives (most scalars), without its dispatch
            return node.value
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (ValueError, yaml.YAMLError) as exc:  # a date that does not exist (2031-02-30) ...
            raise self.fail(node, f"invalid value '{node.value}': {exc}") from None
        self.constructor.constructed_objects.clear()  # scalars only: nothing to share between nodes
        return value

    def convert(self, node: yaml.Node, at: Path_) -> Any:
        self.lines[at] = node.start_mark.line + 1
        if not isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            return self.construct(node)
        if id(node) in self.values:
            return self.values[id(node)]
        if id(node) in self.open:
            raise self.fail(node, "a YAML alias refers to a list or mapping that holds the alias itself")
        self.open.add(id(node))
        value = (
            self.mapping(node, at)
            if isinstance(node, yaml.MappingNode)
            else [self.convert(item, at + (i,)) for i, item in enumerate(node.value)]
        )
        self.open.discard(id(node))
        self.values[id(node)] = value
        return value

    def mapping(self, node: yaml.MappingNode, at: Path_) -> dict:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self.fail(key_node, "YAML merge keys ('<<') are not supported; write the keys out")
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, "a key must be a plain value, not a list or a mapping")
            key = self.construct(key_node)
            if key in result:
                raise self.fail(key_node, f"duplicate key '{key}'")
            result[key] = self.convert(value_node, at + (key,))
            self.lines[at + (key,)] = key_node.start_mark.line + 1
        return result


def line_of(lines: dict[Path_, int], at: Path_) -> int | None:
    """The line of the deepest known prefix of ``at``."""
    at = tuple(at)
    while at:
        if at in lines:
            return lines[at]
        at = at[:-1]
    return lines.get(())
