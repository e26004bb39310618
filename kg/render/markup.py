"""The article text as HTML, with overlapping and nested spans each kept as elements.

Evidence spans of different claims nest and cross. The text is cut at every span boundary and each
span becomes an element; a span that nests in another is an element inside it, and a span that crosses
another's end is closed there and reopened after it (a continuation fragment with the same attributes).
So every span is one element, or a run of fragments whose text joined is the span's text. Lines
(``\\n``) are blocks (``<p>``, or a heading); a span that runs over a line break is split there too.
Only a span's first fragment carries its "first" attributes (its id, its tab stop).
"""

import html
from collections import defaultdict
from dataclasses import dataclass


@dataclass(frozen=True)
class Range:
    begin: int
    end: int
    tag: str
    attrs: tuple[tuple[str, str], ...] = ()  # on every fragment
    first_attrs: tuple[tuple[str, str], ...] = ()  # on the first fragment only
    classes: tuple[str, ...] = ()
    depth_class: bool = False  # gets "d1", "d2"... by how many such ranges it sits in
    rank: int = 0  # of two ranges over the same characters, the lower rank is the outer one
    key: str = ""  # last tie-break, for a stable order


@dataclass(frozen=True)
class Block:
    begin: int
    end: int
    tag: str = "p"
    attrs: tuple[tuple[str, str], ...] = ()


def attributes(pairs) -> str:
    return "".join(f' {name}="{html.escape(value, quote=True)}"' for name, value in pairs)


def lines(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch == "\n":
            out.append((start, i))
            start = i + 1
    out.append((start, len(text)))
    return out


def render(text: str, ranges: list[Range], blocks: list[Block]) -> str:
    """HTML for ``text`` cut into ``blocks`` (non-empty ones), ``ranges`` marked up inside them."""
    ranges = [r for r in ranges if 0 <= r.begin < r.end <= len(text)]
    order = {r: i for i, r in enumerate(sorted(ranges, key=lambda r: (r.begin, -r.end, r.rank, r.key, r.tag, r.attrs)))}
    emitted: set[Range] = set()
    out = []
    for block in blocks:
        if block.begin >= block.end:
            continue
        out.append(f"<{block.tag}{attributes(block.attrs)}>")
        out.append(_block(text, block.begin, block.end, ranges, order, emitted))
        out.append(f"</{block.tag}>\n")
    return "".join(out)


def _open(r: Range, first: bool, depth: int) -> str:
    classes = list(r.classes)
    if first:
        classes.append("first")
    if r.depth_class:
        classes.append(f"d{min(depth, 6)}")
    pairs = ([("class", " ".join(classes))] if classes else []) + list(r.attrs) + (list(r.first_attrs) if first else [])
    return f"<{r.tag}{attributes(pairs)}>"


def _block(text: str, lb: int, le: int, ranges: list[Range], order: dict, emitted: set) -> str:
    inside = [r for r in ranges if r.begin < le and r.end > lb]
    starts: dict[int, list[tuple[int, Range]]] = defaultdict(list)
    for r in inside:
        starts[max(r.begin, lb)].append((min(r.end, le), r))
    for items in starts.values():
        items.sort(key=lambda item: (-item[0], order[item[1]]))
    cuts = sorted({lb, le} | set(starts) | {end for items in starts.values() for end, _ in items})
    stack: list[tuple[int, Range]] = []
    out = []

    def depth_of(r: Range) -> int:
        return 1 + sum(1 for _, o in stack if o.depth_class and o.tag == r.tag) if r.depth_class else 0

    def push(end: int, r: Range) -> None:
        first = r not in emitted
        emitted.add(r)
        out.append(_open(r, first, depth_of(r)))
        stack.append((end, r))

    for i, at in enumerate(cuts):
        ending = next((k for k, (end, _) in enumerate(stack) if end == at), None)
        if ending is not None:
            reopen = sorted(
                ((end, r) for end, r in stack[ending:] if end != at), key=lambda item: (-item[0], order[item[1]])
            )
            for _, r in reversed(stack[ending:]):
                out.append(f"</{r.tag}>")
            del stack[ending:]
            for end, r in reopen:
                push(end, r)
        for end, r in starts.get(at, []):
            push(end, r)
        if i + 1 < len(cuts):
            out.append(html.escape(text[at : cuts[i + 1]], quote=False))
    return "".join(out)
