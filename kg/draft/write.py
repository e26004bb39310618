"""Write a grounded draft as a mapping file in the documented format, marked as an unreviewed draft.

The output is deterministic (nodes in text order, keys in a fixed order, no time stamps), so the
same text and back-end give a byte-identical draft, and a reviewer's diff shows only their edits.
"""

import re

import yaml

from kg.draft.ground import Grounded
from kg.draft.model import TextSpan
from kg.draft.schema import DraftVocabulary
from kg.draft.text import word_occurrences


class _Dumper(yaml.SafeDumper):
    """Indent list items under their key, as the hand-written mappings do."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _dump(data) -> str:
    """The data as PyYAML writes it with ``_Dumper``. PyYAML's emitter, in Python, was most of writing a
    long text's draft (about 5 s of a 2 MB text's); ``_block`` writes the same bytes for what a draft
    holds (mappings, non-empty lists, strings and integers), and leaves anything else to PyYAML."""
    try:
        return "".join(_block(data, 0, []))
    except _NotSimple:
        return yaml.dump(
            data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=10**6
        )


class _NotSimple(Exception):
    """What ``_block`` leaves to PyYAML."""


# what PyYAML's emitter writes as is with allow_unicode, not a line break (Emitter.analyze_scalar)
_PRINTABLE = re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010fffe]+")
_STR_TAG = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()  # SafeDumper's: what would read a plain scalar as another type
_LONG = 10_000  # a longer scalar is left to PyYAML (it folds lines past its width)


def _scalar(value, key: bool = False) -> str:
    """A string or integer as PyYAML's emitter writes it in block context: plain when its analysis
    allows a block plain scalar and the resolver reads it back as a string, else single-quoted (what
    PyYAML chooses for a printable, one-line string)."""
    if type(value) is int:
        return str(value)
    if type(value) is not str or not _PRINTABLE.fullmatch(value) or len(value) > _LONG or (key and len(value) >= 128):
        raise _NotSimple
    first = value[0]
    plain = not (
        first == " "
        or value[-1] == " "
        or value.startswith(("---", "..."))
        or first in "#,[]{}&*!|>'\"%@`"
        or (first in "?:-" and (len(value) == 1 or value[1] == " "))
        or ": " in value[1:]
        or (len(value) > 1 and value[-1] == ":")
        or " #" in value
        or _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) != _STR_TAG
    )
    return value if plain else "'" + value.replace("'", "''") + "'"


def _block(data, indent: int, out: list[str]) -> list[str]:
    """A mapping in block style at ``indent``, one line per scalar, lists under a key indented by two
    (``_Dumper``), a mapping in a list begun on the dash's line."""
    if type(data) is not dict or not data:
        raise _NotSimple
    pad = " " * indent
    for key, value in data.items():
        name = f"{pad}{_scalar(key, key=True)}:"
        if type(value) is dict:
            out.append(name + "\n")
            _block(value, indent + 2, out)
        elif type(value) is list:
            if not value:
                raise _NotSimple
            out.append(name + "\n")
            for item in value:
                if type(item) is dict:
                    at = len(out)
                    _block(item, indent + 4, out)
                    out[at] = f"{pad}  - " + out[at][indent + 4 :]
                else:
                    out.append(f"{pad}  - {_scalar(item)}\n")
        else:
            out.append(f"{name} {_scalar(value)}\n")
    return out


def _quote(text: str, span: TextSpan):
    """The span as the loader reads it: its words, and which whole-word occurrence when they recur
    (``word_occurrences`` looks them up in an index of the text's words, and remembers them)."""
    words = text[span.begin : span.end]
    starts = word_occurrences(text, words)  # the loader counts whole-word matches only
    if len(starts) == 1:
        return words
    return {"quote": words, "occurrence": starts.index(span.begin) + 1}


def _one_or_list(values: list):
    return values[0] if len(values) == 1 else list(values)


def _node_body(node, text: str, claim: bool, listed: bool = True) -> dict:
    body = {"a": _one_or_list(node.a)}
    if node.label:
        body["label"] = node.label
    if node.aliases:
        body["aliases"] = list(node.aliases)
    if claim:
        body["status"] = node.status
        if node.according_to:
            body["according_to"] = node.according_to
        if node.reported_by:
            body["reported_by"] = node.reported_by
    for key in sorted(node.props):
        body[key] = _one_or_list(node.props[key])
    if node.mentions and listed:
        body["mentions"] = [_quote(text, s) for s in node.mentions]
    if claim:
        body["evidence"] = [_quote(text, s) for s in node.evidence]
    return body


def _indent(block: str, spaces: int) -> str:
    pad = " " * spaces
    return "".join(pad + line if line.strip() else line for line in block.splitlines(keepends=True))


def _comment(line: str, spaces: int) -> str:
    return " " * spaces + "# " + " ".join(line.split()) + "\n"


def node_order(grounded: Grounded, vocab: DraftVocabulary):
    """Entities by their first mention, then claims by their first evidence, each in text order."""

    def first(node, spans):
        return (spans[0].begin, spans[0].end) if spans else (-1, -1)

    entities = sorted(
        (n for n in grounded.nodes.values() if not vocab.is_claim(n.a)), key=lambda n: (first(n, n.mentions), n.id)
    )
    claims = sorted(
        (n for n in grounded.nodes.values() if vocab.is_claim(n.a)), key=lambda n: (first(n, n.evidence), n.id)
    )
    return entities, claims


def render(
    grounded: Grounded,
    text: str,
    text_name: str,
    slug: str,
    vocab: DraftVocabulary,
    *,
    backend: str,
    model: str | None,
    recipe: str,
) -> str:
    made_by = f"{backend} back-end" + (f", model {model}" if model else "")
    out = [
        f"# UNREVIEWED DRAFT written by `kg draft` ({made_by}; {recipe}).\n",
        f"# Every quote below occurs in {text_name}, and every class, property and status is the ontology's;\n",
        "# nothing else is checked. Review each node against the text (what happened, its status, who says\n",
        "# so, the roles), complete what is missing, delete what is wrong, then rename this file to\n",
        "# mapping.yaml. `kg build` does not build a draft unless asked to (--drafts).\n",
    ]
    for note in grounded.notes:
        out.append(_comment(f"review: {note}", 0))
    article = {"slug": slug, "text": text_name, "language": "en", **grounded.article}
    if grounded.sections:
        article["sections"] = [_quote(text, s) for s in grounded.sections]
    if grounded.defaults:
        article["defaults"] = dict(sorted(grounded.defaults.items()))
    entities, claims = node_order(grounded, vocab)
    out.append(
        "\n"
        + _dump({"article": article})
        + ("\nnodes:\n" if entities or claims else "\nnodes: {}  # nothing found: map it by hand\n")
    )
    for title, group, claim in (("entities", entities, False), ("claims", claims, True)):
        if not group:
            continue
        out.append(_comment(f"---- {title} " + "-" * 80, 2)[:103].rstrip() + "\n")
        for node in group:
            if node.entity:
                out.append(_comment(f"the corpus entity '{node.entity}' (entities.yaml)", 2))
            for note in node.notes:
                out.append(_comment(f"review: {note}", 2))
            listed = grounded.listed is None or node.id in grounded.listed
            out.append(_indent(_dump({node.id: _node_body(node, text, claim, listed)}), 2))
    return "".join(out)
