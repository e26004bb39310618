"""Where each thing's page lives in the site, and how one page links to another.

A page's path mirrors its IRI below ``https://w3id.org/diplokg/``: the article ``id/{slug}`` is
``id/{slug}.html``, its claims and local entities ``id/{slug}/{local}.html``, a corpus entity
``entity/{id}.html``, the picture of an article's named graph ``graph/{slug}.html`` and the ontology
``ontology.html``; so a reader who knows an IRI knows its page. Anything else (or an IRI with characters
a file name should not have) gets a name derived from a hash of the IRI. Links are relative, so the site
opens from the file system.
"""

import hashlib
import posixpath
import re

from kg.render.vocab import BASE, DKG, ONTOLOGY_IRI, PREFIXES

_SAFE = re.compile(
    r"[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*(?:/[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*)*"
)
_RESERVED = ("index", "assets", "x")
INDEX = "index.html"
ONTOLOGY_PAGE = "ontology.html"


def page_path(iri: str) -> str:
    if iri == ONTOLOGY_IRI:
        return ONTOLOGY_PAGE
    if iri.startswith(BASE):
        rest = iri[len(BASE) :]
        if _SAFE.fullmatch(rest) and rest.split("/")[0] not in _RESERVED and rest != "ontology":
            return rest + ".html"
    return "x/" + hashlib.sha256(iri.encode("utf-8")).hexdigest()[:20] + ".html"


def ontology_anchor(iri: str) -> str | None:
    """``dkg:Talks`` -> ``ontology.html#Talks``."""
    if iri.startswith(DKG) and re.fullmatch(r"[A-Za-z0-9_-]+", iri[len(DKG) :]):
        return ONTOLOGY_PAGE + "#" + iri[len(DKG) :]
    return None


def term_anchor(iri: str) -> str | None:
    """Where the ontology page documents a term: ``dkg:Talks`` -> ``ontology.html#Talks``, a term of
    another namespace it defines (a CAMEO concept) -> ``ontology.html#cameo-010``."""
    anchor = ontology_anchor(iri)
    if anchor is None and curie(iri) != iri:
        anchor = ONTOLOGY_PAGE + "#" + curie(iri).replace(":", "-")
    return anchor


def relative(target: str, from_page: str) -> str:
    """The href from one site page to another site path (``target`` may carry a ``#fragment``)."""
    path, hash_, fragment = target.partition("#")
    href = posixpath.relpath(path, posixpath.dirname(from_page) or ".") if path else ""
    return href + (hash_ + fragment if hash_ else "")


def to_root(page: str) -> str:
    """The relative prefix from a page to the site's top folder: "" or "../" repeated."""
    return "../" * page.count("/")


def curie(iri: str) -> str:
    """``dkg:Talks`` for a known namespace with a plain local name; the IRI otherwise."""
    best = None
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and (best is None or len(namespace) > len(PREFIXES[best])):
            best = prefix
    if best is not None:
        local = iri[len(PREFIXES[best]) :]
        if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*|[0-9][A-Za-z0-9_-]*", local):
            return f"{best}:{local}"
    return iri
