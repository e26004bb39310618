"""Read the built graph into the site's plain data (``kg.render.model``).

Every list is sorted here, so the pages come out the same whatever order the store answers in.
"""

import re
from collections import defaultdict

from kg.render.model import (
    ArticleView,
    ClaimView,
    EntityView,
    Mention,
    Section,
    Site,
    Statement,
    TextSpan,
    Value,
    local_name,
)
from kg.render.ontology import read_ontology, statuses
from kg.render.queries import (
    Q_ARTICLES,
    Q_CLAIMS,
    Q_ENTITIES,
    Q_EVIDENCE,
    Q_LABELS,
    Q_MENTIONS,
    Q_QUADS,
    Q_SECTIONS,
    Q_SENTENCES,
)
from kg.render.sparql import select
from kg.render.vocab import DCTERMS, DKG, GEO, GRAPH, RDF_TYPE, RDFS, SKOS, WD
from kg.util.text import one_line


def _int(value: Value | None) -> int | None:
    try:
        return int(value.value) if value is not None else None
    except ValueError:
        return None


def _span(row: dict, texts: dict[str, str], graph_text: str | None) -> TextSpan | None:
    begin, end = _int(row.get("begin")), _int(row.get("end"))
    if begin is None or end is None or begin >= end:
        return None
    text = texts.get(row["context"].value) if "context" in row else graph_text
    anchor = row["anchor"].value if "anchor" in row else (text[begin:end] if text else "")
    return TextSpan(begin, end, row["span"].value, anchor)


def read_site(store) -> Site:
    """Everything the pages show, read once from the store."""
    quads = select(store, Q_QUADS)
    about: dict[str, list[Statement]] = defaultdict(list)
    for q in quads:
        about[q["s"].value].append(Statement(q["p"].value, q["o"], q["g"].value))
    for statements in about.values():
        statements.sort()
    ontology = read_ontology(store, quads)
    labels = _labels(store)

    articles = _articles(store, about)
    by_graph = {a.graph: a for a in articles}
    by_context = {a.context: a for a in articles}
    texts = {a.context: a.text for a in articles}

    claims = _claims(store, about, labels, ontology, by_graph, texts)
    by_iri = {a.iri: a for a in articles}
    for claim in sorted(claims.values(), key=lambda c: c.order):
        article = (by_iri.get(claim.article) if claim.article else None) or by_graph.get(claim.graph)
        if article is not None:
            article.claims.append(claim.iri)

    _add_text_spans(store, articles, by_graph, by_context, texts)

    for article in articles:  # things with no label of their own are named by what a reader knows them by
        labels.setdefault(article.iri, article.display_title)
        for span in [s for c in article.claims for s in claims[c].evidence] + [m.span for m in article.mentions]:
            labels.setdefault(span.iri, "“" + one_line(span.text, 60) + "”")
    entities = _entities(store, about, labels, claims, articles)
    return Site(articles, claims, entities, labels, statuses(ontology), ontology, dict(about))


def _add_text_spans(store, articles: list[ArticleView], by_graph: dict, by_context: dict, texts: dict) -> None:
    """Each article's mentions, sentences and sections, in text order."""
    for row in select(store, Q_MENTIONS):
        article = _owner(row, by_graph, by_context)
        span = _span(row, texts, article.text if article else None)
        if article is not None and span is not None:
            article.mentions.append(Mention(span, row["entity"].value))
    for row in select(store, Q_SENTENCES):
        article = _owner(row, by_graph, by_context)
        span = _span(row, texts, article.text if article else None)
        if article is not None and span is not None:
            article.sentences.append(span)
    sections: dict[str, dict[str, Section]] = defaultdict(dict)
    for row in select(store, Q_SECTIONS):
        span = (
            _span(row, texts, by_graph[row["g"].value].text) if "span" in row and row["g"].value in by_graph else None
        )
        title = row["title"].value if "title" in row else (span.text if span else local_name(row["section"].value))
        sections[row["article"].value][row["section"].value] = Section(title, span)
    for article in articles:
        article.mentions = sorted(set(article.mentions))
        article.sentences = sorted(set(article.sentences))
        article.sections = sorted(
            sections.get(article.iri, {}).values(), key=lambda s: (s.span.begin if s.span else 1 << 60, s.title)
        )


def _owner(row: dict, by_graph: dict, by_context: dict):
    if "context" in row and row["context"].value in by_context:
        return by_context[row["context"].value]
    return by_graph.get(row["g"].value)


def _labels(store) -> dict[str, str]:
    best: dict[str, tuple] = {}
    for row in select(store, Q_LABELS):
        label = row["label"]
        rank = (row["p"].value != RDFS + "label", not (label.language or "en").startswith("en"), label.value)
        subject = row["s"].value
        if subject not in best or rank < best[subject]:
            best[subject] = rank
    return {s: rank[2] for s, rank in best.items()}


def _articles(store, about) -> list[ArticleView]:
    articles: dict[tuple[str, str], ArticleView] = {}
    for row in select(store, Q_ARTICLES):
        iri, graph = row["article"].value, row["g"].value
        statements = [s for s in about.get(iri, []) if s.graph == graph]
        titles = sorted(s.object.value for s in statements if s.predicate == DCTERMS + "title")
        slug = graph[len(GRAPH) :] if graph.startswith(GRAPH) else local_name(iri)
        article = ArticleView(
            iri, graph, slug, row["text"].value, row["context"].value, titles[0] if titles else None, statements
        )
        key = (graph, iri)
        if key not in articles or article.context < articles[key].context:
            articles[key] = article
    return sorted(articles.values(), key=lambda a: (a.slug, a.iri))


def _claims(store, about, labels, ontology, by_graph, texts) -> dict[str, ClaimView]:
    found: dict[str, dict] = {}
    for row in select(store, Q_CLAIMS):
        iri = row["claim"].value
        entry = found.setdefault(iri, {"graphs": set(), "classes": set(), "articles": set(), "statuses": set()})
        entry["graphs"].add(row["g"].value)
        entry["classes"].add(row["class"].value)
        if "article" in row:
            entry["articles"].add(row["article"].value)
        if "status" in row:
            entry["statuses"].add(row["status"].value)
    evidence: dict[str, set[TextSpan]] = defaultdict(set)
    for row in select(store, Q_EVIDENCE):
        graph_article = by_graph.get(row["g"].value)
        span = _span(row, texts, graph_article.text if graph_article else None)
        if span is not None:
            evidence[row["claim"].value].add(span)
    claims = {}
    for iri, entry in sorted(found.items()):
        # the graph that types it as a claim and is an article's graph; else any, by name
        graphs = sorted(entry["graphs"], key=lambda g: (g not in by_graph, g))
        graph = graphs[0]
        statements = about.get(iri, [])
        article = (
            sorted(entry["articles"])[0] if entry["articles"] else (by_graph[graph].iri if graph in by_graph else None)
        )
        classes = sorted(
            c
            for c in entry["classes"]
            if not any(c in ontology.ancestors.get(other, set()) for other in entry["classes"] if other != c)
        )
        label = labels.get(iri) or next(
            (s.object.value for s in statements if s.predicate == DKG + "paraphrase"), local_name(iri)
        )
        claims[iri] = ClaimView(
            iri,
            graph,
            article,
            label,
            classes,
            sorted(entry["statuses"])[0] if entry["statuses"] else None,
            sorted(evidence.get(iri, set())),
            sorted({s.object.value for s in statements if s.predicate == DKG + "accordingTo" and s.object.is_iri}),
            sorted({s.object.value for s in statements if s.predicate == DKG + "reportedBy" and s.object.is_iri}),
            statements,
        )
    return claims


_POINT = re.compile(r"POINT\s*\(\s*([-+0-9.eE]+)\s+([-+0-9.eE]+)\s*\)", re.IGNORECASE)


def _entities(store, about, labels, claims, articles) -> dict[str, EntityView]:
    article_of_graph = {a.graph: a.iri for a in articles}
    mentioned: dict[str, set[str]] = defaultdict(set)
    for article in articles:
        for mention in article.mentions:
            mentioned[mention.entity].add(article.iri)
    referring: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for claim in claims.values():
        for s in claim.statements:
            if s.object.is_iri:
                referring[s.object.value].add((claim.iri, s.predicate))
    entities = {}
    for row in select(store, Q_ENTITIES):
        iri = row["entity"].value
        statements = about.get(iri, [])
        points = []
        for geometry in sorted(
            {s.object.value for s in statements if s.predicate == GEO + "hasGeometry" and s.object.is_iri}
        ):
            for g in about.get(geometry, []):
                match = _POINT.search(g.object.value) if g.predicate == GEO + "asWKT" else None
                if match:
                    points.append((float(match.group(1)), float(match.group(2))))
        in_articles = set(mentioned.get(iri, set()))
        in_articles |= {article_of_graph[s.graph] for s in statements if s.graph in article_of_graph}
        refs = referring.get(iri, set())
        in_articles |= {claims[c].article for c, _ in refs if claims[c].article}
        entities[iri] = EntityView(
            iri,
            labels.get(iri) or local_name(iri),
            sorted({s.object.value for s in statements if s.predicate == SKOS + "altLabel"} - {labels.get(iri)}),
            sorted({s.object.value for s in statements if s.predicate == RDF_TYPE and s.object.is_iri}),
            sorted(
                {
                    s.object.value
                    for s in statements
                    if s.predicate == SKOS + "exactMatch" and s.object.value.startswith(WD)
                }
            ),
            sorted(set(points)),
            statements,
            sorted(in_articles),
            sorted(refs, key=lambda r: (claims[r[0]].order, r[1])),
        )
    return dict(sorted(entities.items(), key=lambda kv: (kv[1].label.casefold(), kv[0])))
