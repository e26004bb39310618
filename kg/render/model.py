"""Read the built graph into plain data for the pages: articles, claims, entities, the ontology.

The reads are SPARQL over the union of the graphs, because labels and types of a shared entity sit in
the corpus entity graph while its mentions and the claims about it sit in article graphs; ``GRAPH ?g``
says which article a claim or a mention belongs to. Claim classes are found through the ontology's
``rdfs:subClassOf`` (the ontology is loaded into its own named graph), so a new claim class needs no
change here. Every list is sorted here, so the pages come out the same whatever order the store
answers in.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from kg.core.errors import KgError
from kg.render.vocab import (
    DCTERMS,
    DKG,
    GEO,
    GRAPH,
    ONTOLOGY_IRI,
    OWL,
    PREFIXES,
    RDF_TYPE,
    RDFS,
    SKOS,
    STATUS_ORDER,
    WD,
)

ONT = f"<{ONTOLOGY_IRI}>"


@dataclass(frozen=True, order=True)
class Value:
    """An RDF term as plain data: ``kind`` is "iri", "blank" or "literal"."""

    kind: str
    value: str
    datatype: str = ""
    language: str = ""

    @property
    def is_iri(self) -> bool:
        return self.kind == "iri"


@dataclass(frozen=True, order=True)
class Span:
    begin: int
    end: int
    iri: str
    text: str


@dataclass(frozen=True, order=True)
class Statement:
    """One triple about a subject, with the named graph that states it."""

    predicate: str
    object: Value
    graph: str


@dataclass
class Claim:
    iri: str
    graph: str
    article: str | None
    label: str
    classes: list[str]  # the most specific claim classes it has
    status: str | None
    evidence: list[Span]
    according_to: list[str]
    reported_by: list[str]
    statements: list[Statement]

    @property
    def order(self) -> tuple:
        first = self.evidence[0] if self.evidence else None
        return (first.begin if first else 1 << 60, first.end if first else 0, self.iri)


@dataclass(frozen=True, order=True)
class Mention:
    span: Span
    entity: str


@dataclass(frozen=True)
class Section:
    title: str
    span: Span | None


@dataclass
class Article:
    iri: str
    graph: str
    slug: str
    text: str
    context: str
    title: str | None
    statements: list[Statement]
    claims: list[str] = field(default_factory=list)  # in text order
    mentions: list[Mention] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)

    def values(self, predicate: str) -> list[Value]:
        return sorted({s.object for s in self.statements if s.predicate == predicate})

    def iris(self, predicate: str) -> list[str]:
        return [v.value for v in self.values(predicate) if v.is_iri]

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        first = next((line.strip() for line in self.text.splitlines() if line.strip()), self.slug)
        return first if len(first) <= 90 else first[:87].rstrip() + "…"

    @property
    def verified(self) -> bool | None:
        values = self.values(DKG + "verifiedByPublisher")
        return values[0].value in ("true", "1") if values else None


@dataclass
class Entity:
    iri: str
    label: str
    aliases: list[str]
    classes: list[str]
    wikidata: list[str]
    points: list[tuple[float, float]]  # (longitude, latitude)
    statements: list[Statement]
    articles: list[str] = field(default_factory=list)
    claims: list[tuple[str, str]] = field(default_factory=list)  # (claim, the property that names the entity)

    def first(self, predicate: str) -> str | None:
        return next((s.object.value for s in self.statements if s.predicate == predicate), None)


@dataclass
class Status:
    iri: str
    key: str  # as the mapping writes it: "not-happened"
    label: str
    comment: str


@dataclass
class Term:
    """A class or property of the ontology, with what a reader needs to use it."""

    iri: str
    kind: str
    label: str
    comment: str
    supers: list[str]
    subs: list[str]
    domain: list[str]
    range: list[str]
    characteristics: list[str]
    alignments: list[tuple[str, str]]
    instances: int = 0


@dataclass
class Concept:
    iri: str
    label: str
    comment: str
    notation: str
    scheme: str
    alignments: list[tuple[str, str]]


@dataclass
class Ontology:
    iri: str
    header: list[Statement]
    classes: list[Term]
    properties: list[Term]
    concepts: list[Concept]
    ancestors: dict[str, set[str]]


@dataclass
class Site:
    articles: list[Article]
    claims: dict[str, Claim]
    entities: dict[str, Entity]
    labels: dict[str, str]
    statuses: list[Status]
    ontology: Ontology
    about: dict[str, list[Statement]]  # every subject of the data graphs -> what they say about it

    def label(self, iri: str) -> str:
        return self.labels.get(iri) or local_name(iri)

    def article(self, iri: str | None) -> Article | None:
        return next((a for a in self.articles if a.iri == iri), None)

    def status(self, iri: str | None) -> Status | None:
        return next((s for s in self.statuses if s.iri == iri), None)


def local_name(iri: str) -> str:
    tail = re.split(r"[#/]", iri.rstrip("/#"))[-1]
    return tail or iri


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def status_key(iri: str) -> str:
    """``dkg:notHappened`` -> ``not-happened``: the word a mapping uses."""
    return re.sub(r"(?<!^)([A-Z])", r"-\1", local_name(iri)).lower()


# -- opening the graph -------------------------------------------------------------------------------


def open_store(source):
    """A pyoxigraph store with the graph and the ontology (in its own named graph).

    ``source`` is a TriG (or N-Quads) file, or a store; a store without the ontology graph is copied
    into memory with the shipped ontology added, so the original is never written to.
    """
    import pyoxigraph as ox

    if isinstance(source, ox.Store):
        if source.contains_named_graph(ox.NamedNode(ONTOLOGY_IRI)):
            return source
        store = ox.Store()
        store.extend(source.quads_for_pattern(None, None, None, None))
        _add_ontology(store)
        return store
    path = Path(source)
    if not path.is_file():
        raise KgError(f"{path}: no built graph; run 'kg build' first")
    formats = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS}
    if path.suffix.lower() not in formats:
        raise KgError(f"{path}: the site is built from a TriG or N-Quads file (.trig, .nq)")
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=formats[path.suffix.lower()])
    except (OSError, SyntaxError, ValueError) as exc:
        raise KgError(f"{path}: cannot load: {exc}") from None
    _add_ontology(store)
    return store


def _add_ontology(store) -> None:
    import pyoxigraph as ox

    from kg.core.resources import ONTOLOGY_DIR

    files = sorted(Path(ONTOLOGY_DIR).glob("*.ttl"))
    if not files:
        raise KgError(f"{ONTOLOGY_DIR}: no ontology (*.ttl) found")
    for path in files:
        try:
            store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(ONTOLOGY_IRI))
        except (OSError, SyntaxError, ValueError) as exc:
            raise KgError(f"{path}: cannot load the ontology: {exc}") from None


def _value(term) -> Value:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return Value("iri", term.value)
    if isinstance(term, ox.BlankNode):
        return Value("blank", term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Value("literal", term.value, "", term.language)
        return Value("literal", term.value, term.datatype.value)
    return Value("literal", str(term))


def _select(store, query: str) -> list[dict[str, Value]]:
    result = store.query(query, prefixes=dict(PREFIXES), use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    rows = []
    for solution in result:
        rows.append({n: _value(solution[n]) for n in names if solution[n] is not None})
    return rows


# -- the queries -------------------------------------------------------------------------------------

Q_QUADS = f"SELECT ?g ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != {ONT}) }}"
Q_ONTOLOGY = f"SELECT ?s ?p ?o WHERE {{ GRAPH {ONT} {{ ?s ?p ?o }} }}"
Q_LABELS = """SELECT ?s ?p ?label WHERE {
  VALUES ?p { rdfs:label skos:prefLabel }
  ?s ?p ?label . FILTER(isIRI(?s) && isLiteral(?label))
}"""
Q_ARTICLES = """SELECT ?g ?article ?context ?text WHERE {
  GRAPH ?g { ?article a dkg:NewsArticle ; dkg:text ?context }
  ?context nif:isString ?text .
}"""
Q_CLAIMS = f"""SELECT ?g ?claim ?class ?article ?status WHERE {{
  GRAPH ?g {{ ?claim a ?class . OPTIONAL {{ ?claim dkg:statedIn ?article }} OPTIONAL {{ ?claim dkg:status ?status }} }}
  GRAPH {ONT} {{ ?class rdfs:subClassOf* dkg:Claim }}
  FILTER(?g != {ONT})
}}"""
Q_EVIDENCE = """SELECT ?g ?claim ?span ?begin ?end ?anchor ?context WHERE {
  GRAPH ?g { ?claim dkg:evidence ?span }
  ?span nif:beginIndex ?begin ; nif:endIndex ?end .
  OPTIONAL { ?span nif:anchorOf ?anchor }
  OPTIONAL { ?span nif:referenceContext ?context }
}"""
Q_MENTIONS = """SELECT ?g ?entity ?span ?begin ?end ?anchor ?context WHERE {
  GRAPH ?g { ?entity dkg:mention ?span }
  ?span nif:beginIndex ?begin ; nif:endIndex ?end .
  OPTIONAL { ?span nif:anchorOf ?anchor }
  OPTIONAL { ?span nif:referenceContext ?context }
}"""
Q_SENTENCES = """SELECT ?g ?span ?begin ?end ?anchor ?context WHERE {
  GRAPH ?g { ?span a dkg:Sentence ; nif:beginIndex ?begin ; nif:endIndex ?end .
             OPTIONAL { ?span nif:anchorOf ?anchor } OPTIONAL { ?span nif:referenceContext ?context } }
}"""
Q_SECTIONS = """SELECT ?g ?article ?section ?title ?span ?begin ?end ?anchor WHERE {
  GRAPH ?g { ?article dkg:section ?section }
  OPTIONAL { ?section dcterms:title ?title }
  OPTIONAL { ?section dkg:heading ?span . ?span nif:beginIndex ?begin ; nif:endIndex ?end .
             OPTIONAL { ?span nif:anchorOf ?anchor } }
}"""
# Entities: whatever is typed and is not a claim, an article, a piece of text, a status or a geometry.
Q_ENTITIES = f"""SELECT DISTINCT ?entity WHERE {{
  GRAPH ?g {{ ?entity a ?class }} FILTER(isIRI(?entity) && ?g != {ONT})
  FILTER NOT EXISTS {{
    ?entity a ?other .
    VALUES ?excluded {{ dkg:Claim dkg:NewsArticle dkg:ArticleSection dkg:TextSpan dkg:Status }}
    GRAPH {ONT} {{ ?other rdfs:subClassOf+ ?excluded }}
  }}
  FILTER NOT EXISTS {{
    ?entity a ?other .
    VALUES ?other {{ dkg:Claim dkg:NewsArticle dkg:ArticleSection dkg:TextSpan dkg:Status nif:Context nif:String
                    geo:Geometry skos:ConceptScheme owl:Class owl:ObjectProperty owl:DatatypeProperty }}
  }}
  FILTER NOT EXISTS {{ ?work schema:translationOfWork ?entity }}
}}"""


# -- reading -----------------------------------------------------------------------------------------


def _int(value: Value | None) -> int | None:
    try:
        return int(value.value) if value is not None else None
    except ValueError:
        return None


def _span(row: dict, texts: dict[str, str], graph_text: str | None) -> Span | None:
    begin, end = _int(row.get("begin")), _int(row.get("end"))
    if begin is None or end is None or begin >= end:
        return None
    text = texts.get(row["context"].value) if "context" in row else graph_text
    anchor = row["anchor"].value if "anchor" in row else (text[begin:end] if text else "")
    return Span(begin, end, row["span"].value, anchor)


def read_site(store) -> Site:
    """Everything the pages show, read once from the store."""
    quads = _select(store, Q_QUADS)
    about: dict[str, list[Statement]] = defaultdict(list)
    for q in quads:
        about[q["s"].value].append(Statement(q["p"].value, q["o"], q["g"].value))
    for statements in about.values():
        statements.sort()
    ontology = _read_ontology(store, quads)
    labels = _labels(store)

    articles = _articles(store, about)
    by_graph = {a.graph: a for a in articles}
    by_context = {a.context: a for a in articles}
    texts = {a.context: a.text for a in articles}

    claims = _claims(store, about, labels, ontology, by_graph, texts)
    by_iri = {a.iri: a for a in articles}
    for claim in sorted(claims.values(), key=lambda c: c.order):
        article = by_iri.get(claim.article) or by_graph.get(claim.graph)
        if article is not None:
            article.claims.append(claim.iri)

    for row in _select(store, Q_MENTIONS):
        article = _owner(row, by_graph, by_context)
        span = _span(row, texts, article.text if article else None)
        if article is not None and span is not None:
            article.mentions.append(Mention(span, row["entity"].value))
    for row in _select(store, Q_SENTENCES):
        article = _owner(row, by_graph, by_context)
        span = _span(row, texts, article.text if article else None)
        if article is not None and span is not None:
            article.sentences.append(span)
    sections: dict[str, dict[str, Section]] = defaultdict(dict)
    for row in _select(store, Q_SECTIONS):
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

    for article in articles:  # things with no label of their own are named by what a reader knows them by
        labels.setdefault(article.iri, article.display_title)
        for span in [s for c in article.claims for s in claims[c].evidence] + [m.span for m in article.mentions]:
            labels.setdefault(span.iri, "“" + _short(span.text) + "”")
    entities = _entities(store, about, labels, claims, articles)
    statuses = _statuses(ontology, labels)
    return Site(articles, claims, entities, labels, statuses, ontology, dict(about))


def _owner(row: dict, by_graph: dict, by_context: dict):
    if "context" in row and row["context"].value in by_context:
        return by_context[row["context"].value]
    return by_graph.get(row["g"].value)


def _labels(store) -> dict[str, str]:
    best: dict[str, tuple] = {}
    for row in _select(store, Q_LABELS):
        label = row["label"]
        rank = (row["p"].value != RDFS + "label", not (label.language or "en").startswith("en"), label.value)
        subject = row["s"].value
        if subject not in best or rank < best[subject]:
            best[subject] = rank
    return {s: rank[2] for s, rank in best.items()}


def _articles(store, about) -> list[Article]:
    articles: dict[str, Article] = {}
    for row in _select(store, Q_ARTICLES):
        iri, graph = row["article"].value, row["g"].value
        statements = [s for s in about.get(iri, []) if s.graph == graph]
        titles = sorted(s.object.value for s in statements if s.predicate == DCTERMS + "title")
        slug = graph[len(GRAPH) :] if graph.startswith(GRAPH) else local_name(iri)
        article = Article(
            iri, graph, slug, row["text"].value, row["context"].value, titles[0] if titles else None, statements
        )
        key = (graph, iri)
        if key not in articles or article.context < articles[key].context:
            articles[key] = article
    return sorted(articles.values(), key=lambda a: (a.slug, a.iri))


def _claims(store, about, labels, ontology, by_graph, texts) -> dict[str, Claim]:
    found: dict[str, dict] = {}
    for row in _select(store, Q_CLAIMS):
        iri = row["claim"].value
        entry = found.setdefault(iri, {"graphs": set(), "classes": set(), "articles": set(), "statuses": set()})
        entry["graphs"].add(row["g"].value)
        entry["classes"].add(row["class"].value)
        if "article" in row:
            entry["articles"].add(row["article"].value)
        if "status" in row:
            entry["statuses"].add(row["status"].value)
    evidence: dict[str, set[Span]] = defaultdict(set)
    for row in _select(store, Q_EVIDENCE):
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
        claims[iri] = Claim(
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


def _entities(store, about, labels, claims, articles) -> dict[str, Entity]:
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
    for row in _select(store, Q_ENTITIES):
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
        entities[iri] = Entity(
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


def _statuses(ontology: Ontology, labels: dict[str, str]) -> list[Status]:
    found = [c for c in ontology.concepts if c.scheme == DKG + "statusScheme"]

    def order(c: Concept):
        name = local_name(c.iri)
        return (STATUS_ORDER.index(name) if name in STATUS_ORDER else len(STATUS_ORDER), c.label, c.iri)

    return [Status(c.iri, status_key(c.iri), c.label, c.comment) for c in sorted(found, key=order)]


# -- the ontology ------------------------------------------------------------------------------------

KINDS = {
    OWL + "Class": "class",
    OWL + "ObjectProperty": "object property",
    OWL + "DatatypeProperty": "datatype property",
    OWL + "AnnotationProperty": "annotation property",
}
CHARACTERISTICS = {
    OWL + "FunctionalProperty": "functional",
    OWL + "InverseFunctionalProperty": "inverse functional",
    OWL + "TransitiveProperty": "transitive",
    OWL + "SymmetricProperty": "symmetric",
    OWL + "AsymmetricProperty": "asymmetric",
    OWL + "ReflexiveProperty": "reflexive",
    OWL + "IrreflexiveProperty": "irreflexive",
}
ALIGNMENTS = (
    SKOS + "exactMatch",
    SKOS + "closeMatch",
    SKOS + "broadMatch",
    SKOS + "narrowMatch",
    SKOS + "relatedMatch",
    OWL + "equivalentClass",
    OWL + "equivalentProperty",
    OWL + "inverseOf",
    OWL + "disjointWith",
)


def _read_ontology(store, data_quads) -> Ontology:
    about: dict[str, dict[str, list[Value]]] = defaultdict(lambda: defaultdict(list))
    for row in _select(store, Q_ONTOLOGY):
        about[row["s"].value][row["p"].value].append(row["o"])
    for props in about.values():
        for values in props.values():
            values.sort()

    parents = {s: {v.value for v in p.get(RDFS + "subClassOf", []) if v.is_iri} for s, p in about.items()}
    ancestors: dict[str, set[str]] = {}
    for cls in parents:
        seen, frontier = set(), list(parents[cls])
        while frontier:
            c = frontier.pop()
            if c not in seen:
                seen.add(c)
                frontier.extend(parents.get(c, ()))
        ancestors[cls] = seen

    instances: dict[str, int] = defaultdict(int)
    for q in data_quads:
        if q["p"].value == RDF_TYPE and q["o"].is_iri:
            instances[q["o"].value] += 1

    def first(props, predicate) -> str:
        values = props.get(predicate, [])
        english = [v for v in values if (v.language or "en").startswith("en")]
        return (english or values)[0].value if values else ""

    header, classes, properties, concepts = [], [], [], []
    for iri, props in sorted(about.items()):
        types = {v.value for v in props.get(RDF_TYPE, [])}
        if OWL + "Ontology" in types:
            header = sorted(Statement(p, v, ONTOLOGY_IRI) for p, vs in props.items() for v in vs)
        kinds = [KINDS[t] for t in KINDS if t in types]
        if kinds and iri.startswith(DKG):
            is_class = kinds[0] == "class"
            sup = RDFS + ("subClassOf" if is_class else "subPropertyOf")
            term = Term(
                iri,
                kinds[0],
                first(props, RDFS + "label") or local_name(iri),
                first(props, RDFS + "comment"),
                [v.value for v in props.get(sup, []) if v.is_iri],
                sorted(s for s, p in about.items() if any(v.value == iri for v in p.get(sup, []))),
                [v.value for v in props.get(RDFS + "domain", []) if v.is_iri],
                [v.value for v in props.get(RDFS + "range", []) if v.is_iri],
                sorted(CHARACTERISTICS[t] for t in types if t in CHARACTERISTICS),
                [(p, v.value) for p in ALIGNMENTS for v in props.get(p, []) if v.is_iri],
                instances.get(iri, 0),
            )
            (classes if is_class else properties).append(term)
        schemes = props.get(SKOS + "inScheme", [])
        if schemes and SKOS + "prefLabel" in props:
            concepts.append(
                Concept(
                    iri,
                    first(props, SKOS + "prefLabel"),
                    first(props, RDFS + "comment"),
                    first(props, SKOS + "notation"),
                    schemes[0].value,
                    [(p, v.value) for p in ALIGNMENTS for v in props.get(p, []) if v.is_iri],
                )
            )
    return Ontology(ONTOLOGY_IRI, header, classes, properties, concepts, ancestors)


@dataclass(frozen=True)
class Coverage:
    sentences: int
    covered: int  # sentences that some evidence span (or a section heading) overlaps, as kg build counts them
    characters: int  # non-space characters of the text
    characters_covered: int  # ... that lie inside some evidence span


def coverage(site: Site, article: Article) -> Coverage:
    spans = [s for c in article.claims for s in site.claims[c].evidence]
    marked = spans + [sec.span for sec in article.sections if sec.span]
    covered = sum(1 for s in article.sentences if any(m.begin < s.end and s.begin < m.end for m in marked))
    inside = bytearray(len(article.text))
    for s in spans:
        begin, end = max(s.begin, 0), min(s.end, len(article.text))
        if begin < end:
            inside[begin:end] = b"\1" * (end - begin)
    chars = [i for i, ch in enumerate(article.text) if not ch.isspace()]
    return Coverage(len(article.sentences), covered, len(chars), sum(1 for i in chars if inside[i]))
