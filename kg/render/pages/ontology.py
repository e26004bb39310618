"""The ontology's documentation, generated from ``ontology/``: every class and property with its label,
comment, super- and subterms, domain and range, and its alignments to other vocabularies and to
Wikidata and CAMEO (what pyLODE shows for an OWL ontology), plus the SKOS concepts it defines.

Each term's section has the term's local name as its id, so ``dkg:Talks`` is ``ontology.html#Talks``.
"""

from collections import defaultdict

from kg.render import links
from kg.render.html import Page, cap, esc
from kg.render.model import OntologyTerm, Site, local_name
from kg.render.vocab import DKG
from kg.util.text import counted

MAPPING_NAMES = {
    "exactMatch": "exact match",
    "closeMatch": "close match",
    "broadMatch": "broad match",
    "narrowMatch": "narrow match",
    "relatedMatch": "related match",
    "equivalentClass": "equivalent class",
    "equivalentProperty": "equivalent property",
    "inverseOf": "inverse of",
    "disjointWith": "disjoint with",
}


def render(site: Site, pages) -> str:
    page = Page(pages, links.ONTOLOGY_PAGE)
    ont = site.ontology
    title = next((s.object.value for s in ont.header if s.predicate.endswith("/title")), "Ontology")
    body = [f'<h1 id="page-title">{esc(cap(title))}</h1>', f'<p class="iri">{esc(ont.iri)}</p>']
    facts = [("Namespace", f"<code>{esc(DKG)}</code> (prefix <code>dkg:</code>)")]
    for statement in ont.header:
        name = local_name(statement.predicate)
        if name in ("type", "title"):
            continue
        facts.append(
            (
                cap(site.label(statement.predicate) if statement.predicate in site.labels else name),
                page.value(statement.object, statement.predicate),
            )
        )
    body.append('<dl class="facts">' + "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in facts) + "</dl>")

    by_domain = defaultdict(list)
    for prop in ont.properties:
        for d in prop.domain:
            by_domain[d].append(prop.iri)
    classes = sorted(ont.classes, key=lambda t: local_name(t.iri).casefold())
    properties = sorted(ont.properties, key=lambda t: local_name(t.iri).casefold())
    body.append('<nav aria-labelledby="toc-h"><h2 id="toc-h">Contents</h2>')
    body.append(
        f"<p><strong>Classes ({len(classes)}):</strong> "
        + ", ".join(f'<a href="#{esc(local_name(t.iri))}">{esc(local_name(t.iri))}</a>' for t in classes)
        + "</p>"
    )
    body.append(
        f"<p><strong>Properties ({len(properties)}):</strong> "
        + ", ".join(f'<a href="#{esc(local_name(t.iri))}">{esc(local_name(t.iri))}</a>' for t in properties)
        + "</p>"
    )
    body.append('<p><a href="#concepts">Concept schemes</a></p></nav>')

    body.append('<section aria-labelledby="classes"><h2 id="classes">Classes</h2>')
    for term in classes:
        rows = [("Superclasses", page.links(term.supers, "none")), ("Subclasses", page.links(term.subs, "none"))]
        if by_domain.get(term.iri):
            rows.append(("Properties with this domain", page.links(sorted(by_domain[term.iri]))))
        rows.extend(_alignments(page, term))
        rows.append(("In the graph", f"{counted(term.instances, 'instance')} typed directly"))
        body.append(_term(term, rows))
    body.append("</section>")

    body.append('<section aria-labelledby="properties"><h2 id="properties">Properties</h2>')
    for term in properties:
        kind = term.kind + (" (" + ", ".join(term.characteristics) + ")" if term.characteristics else "")
        rows = [
            ("Kind", esc(kind)),
            ("Domain", page.links(term.domain, "not stated")),
            ("Range", page.links(term.range, "not stated")),
            ("Superproperties", page.links(term.supers, "none")),
        ]
        if term.subs:
            rows.append(("Subproperties", page.links(term.subs)))
        rows.extend(_alignments(page, term))
        body.append(_term(term, rows))
    body.append("</section>")

    body.append('<section aria-labelledby="concepts"><h2 id="concepts">Concept schemes</h2>')
    schemes = defaultdict(list)
    for concept in ont.concepts:
        schemes[concept.scheme].append(concept)
    for scheme in sorted(schemes, key=lambda s: (site.label(s).casefold(), s)):
        body.append(
            f'<h3 id="{esc(_fragment(scheme))}">{esc(cap(site.label(scheme)))} '
            f"<code>{esc(links.curie(scheme))}</code></h3>"
        )
        concept_rows: list[str] = []
        for concept in sorted(schemes[scheme], key=lambda c: (c.notation, c.label.casefold(), c.iri)):
            mapped = "; ".join(
                f"{esc(MAPPING_NAMES.get(local_name(p), local_name(p)))} {page.link(o, links.curie(o))}"
                for p, o in concept.alignments
            )
            target = links.term_anchor(concept.iri)
            anchor = f' id="{esc(target.split("#", 1)[1])}"' if target else ""
            concept_rows.append(
                f"<tr{anchor}><td><code>{esc(links.curie(concept.iri))}</code></td><td>{esc(concept.notation)}</td>"
                f"<td>{esc(concept.label)}</td><td>{esc(concept.comment)}</td><td>{mapped or '—'}</td></tr>"
            )
        body.append(
            '<table><thead><tr><th scope="col">Concept</th><th scope="col">Notation</th><th scope="col">Label</th>'
            '<th scope="col">Comment</th><th scope="col">Alignments</th></tr></thead><tbody>'
            + "\n".join(concept_rows)
            + "</tbody></table>"
        )
    body.append("</section>")
    return page.frame(cap(title), "\n".join(body) + "\n", current="ontology")


def _fragment(iri: str) -> str:
    return iri.split("#", 1)[1] if "#" in iri else local_name(iri)


def _alignments(page: Page, term: OntologyTerm) -> list[tuple[str, str]]:
    grouped = defaultdict(list)
    for predicate, target in term.alignments:
        grouped[MAPPING_NAMES.get(local_name(predicate), local_name(predicate))].append(target)
    return [(cap(name), ", ".join(page.link(t, links.curie(t)) for t in targets)) for name, targets in grouped.items()]


def _term(term: OntologyTerm, rows: list[tuple[str, str]]) -> str:
    name = local_name(term.iri)
    facts = "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in rows)
    return (
        f'<section class="term" id="{esc(name)}" aria-labelledby="{esc(name)}-h">'
        f'<h3 id="{esc(name)}-h">{esc(cap(term.label))} <code>dkg:{esc(name)}</code></h3>'
        f'<p>{esc(term.comment)}</p><dl class="facts">{facts}</dl></section>'
    )
