"""Reading the generated pages back with the standard library's HTML parser, for the site tests."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
    "path",
    "rect",
    "circle",
    "line",
    "stop",
    "use",
}


@dataclass
class Element:
    tag: str
    attrs: dict
    parent: "Element | None"
    text: list[str] = field(default_factory=list)  # all text inside it, descendants included

    @property
    def content(self) -> str:
        return "".join(self.text)


class Page(HTMLParser):
    """Every element with its attributes and its full text, plus a check that tags are balanced."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.stack: list[Element] = []
        self.errors: list[str] = []
        self.feed(source)
        self.close()
        if self.stack:
            self.errors.append(f"unclosed: {[e.tag for e in self.stack]}")

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs), self.stack[-1] if self.stack else None)
        self.elements.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.elements.append(Element(tag, dict(attrs), self.stack[-1] if self.stack else None))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1].tag != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1].tag if self.stack else None}>")
            return
        self.stack.pop()

    def handle_data(self, data):
        for element in self.stack:
            element.text.append(data)

    def find(self, tag=None, **attrs) -> list[Element]:
        out = []
        for e in self.elements:
            if tag and e.tag != tag:
                continue
            if all(e.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items()):
                out.append(e)
        return out

    def ids(self) -> set[str]:
        return {e.attrs["id"] for e in self.elements if "id" in e.attrs}


def read(path: Path) -> Page:
    return Page(Path(path).read_text(encoding="utf-8"))
