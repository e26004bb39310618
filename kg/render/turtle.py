"""Turtle for one subject's triples, written here so that the text is the same on every run.

(Oxigraph's serializer orders prefixes its own way; a page must not change between two builds.)
"""

from kg.render.links import curie
from kg.render.model import Statement, Value
from kg.render.vocab import PREFIXES, RDF_TYPE, XSD

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _iri(iri: str, used: set[str]) -> str:
    short = curie(iri)
    if short != iri:
        used.add(short.split(":", 1)[0])
        return short
    return f"<{iri}>"


def _term(value: Value, used: set[str]) -> str:
    if value.kind == "iri":
        return _iri(value.value, used)
    if value.kind == "blank":
        return f"_:{value.value}"
    text = "".join(_ESCAPES.get(ch, ch) for ch in value.value)
    if value.language:
        return f'"{text}"@{value.language}'
    if value.datatype and value.datatype != XSD + "string":
        return f'"{text}"^^{_iri(value.datatype, used)}'
    return f'"{text}"'


def subject_turtle(subject: str, statements: list[Statement]) -> str:
    """The distinct triples of ``statements`` (whatever graph states them) about ``subject``."""
    used: set[str] = set()
    pairs = sorted({(s.predicate, s.object) for s in statements}, key=lambda po: (po[0] != RDF_TYPE, po[0], po[1]))
    by_predicate: dict[str, list[str]] = {}
    for predicate, obj in pairs:
        by_predicate.setdefault(predicate, []).append(_term(obj, used))
    subject_text = _iri(subject, used)
    body = []
    for predicate, objects in by_predicate.items():
        name = "a" if predicate == RDF_TYPE else _iri(predicate, used)
        body.append(f"    {name} " + ",\n        ".join(objects))
    head = "".join(f"@prefix {p}: <{PREFIXES[p]}> .\n" for p in sorted(used))
    if not body:
        return head
    return head + ("\n" if head else "") + subject_text + "\n" + " ;\n".join(body) + " .\n"
