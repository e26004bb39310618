"""Stage link: give each named person, organisation, place, armed conflict and conference of the graph a
Wikidata item, or say plainly that there is no confident match.

Order of precedence: a forbid in the pin file, then a pin, then search. Search is type-aware: the
entity's ontology class says which Wikidata classes are acceptable (its skos:exactMatch/closeMatch to
wd:, inherited from the nearest superclass that has one); a class with no such mapping is never searched
(that keeps "Moscow" used for the Russian government away from the city). A government is also
searched by its country's names ("Government of the Russian Federation"), and a candidate governing
another jurisdiction is rejected. Descriptions (a government sector), collectives and unnamed agents
are never searched. Links are written as skos:exactMatch with dkg:linkMethod and dkg:linkScore; fetch
times stay in the cache and the report.
"""

from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.graph import ReadOnlyGraphAggregate

from kg.compile import CompiledArticle
from kg.core.links import linked_item, write_link
from kg.core.namespaces import DKG, GEO, NIF, WD
from kg.core.namespaces import TERMS_PROV as PROV
from kg.core.namespaces import TERMS_RDF as RDF
from kg.core.namespaces import TERMS_RDFS as RDFS
from kg.core.namespaces import TERMS_SKOS as SKOS
from kg.core.pins import EntityKey, Pins
from kg.link.classes import OntologyClasses
from kg.link.http import Offline, WikidataClient, WikidataError
from kg.link.names import variants
from kg.link.score import EntityContext, Scored, choose, score
from kg.link.wikidata import Item, get_items, search
from kg.rdf.graphstore import new_graph
from kg.util.console import warn
from kg.util.text import counted

LINKABLE = (DKG.Person, DKG.Organization, DKG.Place, DKG.ArmedConflict, DKG.Conference)
NEVER = (DKG.UnnamedAgent, DKG.CollectiveAgent)
DESCRIPTIONS = (DKG.GovernmentSector,)  # named by what they are, not by a name: listed, never searched
CONTEXT_PROPERTIES = (DKG.country, DKG.hostCountry, DKG.governmentOf)
MAX_TERMS = 8
CLASS_DEPTH = 4
NOT_CACHED = "not in the cache"  # the reason an entity is unlinked when Wikidata was not asked or did not answer


@dataclass
class LinkResult:
    entity: str
    article: str
    label: str
    kind: str
    chosen: str | None = None
    score: float | None = None
    method: str = "none"
    reason: str = ""
    candidates: list[Scored] = field(default_factory=list)


@dataclass
class LinkUnit:
    """A graph whose entities are linked (and receive the links), and the graphs to read their context from."""

    slug: str
    graph: Graph
    view: Graph
    language: str


@dataclass
class LinkSummary:
    results: list[LinkResult]
    requests: int
    warning: str | None = None
    failed: int = 0  # requests that got no answer; not counted in ``requests``

    @property
    def linked(self) -> list[LinkResult]:
        return [r for r in self.results if r.chosen]

    @property
    def unlinked(self) -> list[LinkResult]:
        return [r for r in self.results if not r.chosen]

    @property
    def lacks_answers(self) -> bool:
        """Some entity went unlinked only because Wikidata was not asked or did not answer."""
        return any(r.reason.startswith(NOT_CACHED) for r in self.unlinked)

    def __str__(self) -> str:
        by_method: dict[str, int] = {}
        for r in self.linked:
            by_method[r.method] = by_method.get(r.method, 0) + 1
        line = summary_line(len(self.linked), len(self.results), by_method, self.requests, self.failed)
        if self.unlinked:
            line += "\n" + "\n".join(_unlinked_lines(self.unlinked))
        return line


SHOWN_PER_REASON = 10  # names a build's summary shows for each reason; `kg link --report` lists them all


def summary_line(linked: int, total: int, by_method: dict[str, int], requests: int, failed: int) -> str:
    """The first line of a link summary, as ``kg link`` and ``kg build`` print it."""
    methods = ", ".join(f"{m} {n}" for m, n in sorted(by_method.items()))
    line = (
        f"linked {linked} of {counted(total, 'entity')} ({methods or 'none'}); {counted(requests, 'Wikidata request')}"
    )
    return line + (f" ({failed} failed)" if failed else "")


def _unlinked_lines(unlinked: list[LinkResult]) -> list[str]:
    """One line per reason, naming each entity once however many articles name it, and at most
    ``SHOWN_PER_REASON`` of them: a corpus leaves hundreds unlinked when Wikidata cannot be asked,
    and a summary that lists them all is a wall nobody reads."""
    by_reason: dict[str, dict[str, set[str]]] = {}
    for r in unlinked:
        by_reason.setdefault(r.reason, {}).setdefault(r.label, set()).add(r.article)
    return unlinked_lines(by_reason)


def unlinked_lines(by_reason: dict[str, dict[str, set[str]]]) -> list[str]:
    """``_unlinked_lines`` of the unlinked entities grouped already: reason -> label -> the articles
    naming it, in the order they first came (a build counts them from its ledger's tallies)."""
    lines = []
    for reason, names in by_reason.items():
        shown = [f"{label}{f' (in {len(arts)} articles)' if len(arts) > 1 else ''}" for label, arts in names.items()]
        more = len(shown) - SHOWN_PER_REASON
        tail = f", and {more} more (kg link --report FILE lists them)" if more > 0 else ""
        lines.append(f"unlinked, {reason} ({len(names)}): {', '.join(shown[:SHOWN_PER_REASON])}{tail}")
    return lines


class Linker:
    def __init__(self, client: WikidataClient, pins: Pins, ontology: Graph, language: str = "en"):
        self.client = client
        self.pins = pins
        self.ontology = ontology
        self.classes = OntologyClasses(ontology)
        self.language = language
        self.warning: str | None = None
        self._class_parents: dict[tuple[str, ...], tuple] = {}  # classes asked -> (their P279, requests made)
        self._items: dict[tuple[str, ...], tuple] = {}  # ids asked -> (their items, requests made)

    # -- ontology --------------------------------------------------------------------------------
    def expected_classes(self, classes: list[URIRef]) -> set[str]:
        """Wikidata classes of the nearest ontology ancestors that map to any."""
        return self.classes.expected(classes)

    def _is_a(self, graph: Graph, node: URIRef, ancestor: URIRef) -> bool:
        return self.classes.is_a(graph, node, ancestor)

    # -- Wikidata --------------------------------------------------------------------------------
    # A request names everything the entity at hand needs, never only what earlier entities left
    # unloaded: the same entity then makes the same requests in any order and in any process (a worker,
    # a build with more articles), so an offline build finds every answer an online one cached. Answers
    # are kept in memory per request.
    def _remembered(self, memo: dict, key: tuple, load):
        """``load()`` once per key. Every use notes the requests that loading made, so that what an
        entity read is recorded (``client.reads``) whether or not an earlier entity loaded it."""
        if key not in memo:
            with self.client.recording() as made:
                memo[key] = (load(), made)
            return memo[key][0]
        value, made = memo[key]
        self.client.note(made)
        return value

    def _fetch_items(self, ids) -> dict[str, Item]:
        key = tuple(sorted(set(ids)))
        items = self._remembered(self._items, key, lambda: get_items(self.client, key, self.language))
        return {i: items[i] for i in ids if i in items}

    def _reaches(self, classes: set[str], expected: set[str]) -> bool:
        """Do these P31 values reach an expected class through P279 (a few levels up)?"""
        frontier, seen = set(classes), set()
        for _ in range(CLASS_DEPTH + 1):
            if frontier & expected:
                return True
            seen |= frontier
            key = tuple(sorted(frontier))
            parents = self._remembered(
                self._class_parents,
                key,
                lambda key=key: {
                    qid: set(item.item_values("P279"))
                    for qid, item in get_items(self.client, key, self.language, props="claims").items()
                },
            )
            frontier = {p for c in frontier for p in parents.get(c, set())} - seen
            if not frontier:
                return False
        return bool(frontier & expected)

    def _government_names(self, countries: set[str]) -> list[str]:
        """'Government of X' for each Wikidata name X of the countries governed: Wikidata names a national
        government after its country's official name ("Government of the Russian Federation")."""
        names = []
        for qid in sorted(countries):
            item = self._fetch_items([qid]).get(qid)
            for name in [item.label] + item.aliases if item else []:
                if name:
                    names.append(f"Government of {name}")
                    if len(name.split()) > 1:
                        names.append(f"Government of the {name}")
        return names

    def _candidates(self, names: list[str], forbidden) -> list[str]:
        """Items wbsearchentities finds for the names and their spelling variants (the first MAX_TERMS)."""
        terms: list[str] = []
        for name in names:
            for variant in variants(name):
                if variant not in terms:
                    terms.append(variant)
        found: list[str] = []
        for term in terms[:MAX_TERMS]:
            for hit in search(self.client, term, self.language):
                if hit["id"] not in found and hit["id"] not in forbidden:
                    found.append(hit["id"])
        return found

    # -- one entity ------------------------------------------------------------------------------
    def link_entity(self, graph: Graph, node: URIRef, slug: str, country_links: dict) -> LinkResult:
        local = str(node).rsplit("/", 1)[-1]
        label = str(graph.value(node, RDFS.label))
        aliases = sorted(str(a) for a in graph.objects(node, SKOS.altLabel))
        mentioned = sorted(
            {str(graph.value(span, NIF.anchorOf)) for span in graph.objects(node, DKG.mention)} - {label, *aliases}
        )
        classes = sorted(c for c in graph.objects(node, RDF.type) if isinstance(c, URIRef) and c.startswith(str(DKG)))
        kind = " ".join(str(c)[len(str(DKG)) :] for c in classes)
        result = LinkResult(str(node), slug, label, kind)
        key = EntityKey(slug, local, tuple([label] + aliases), tuple(str(c)[len(str(DKG)) :] for c in classes))
        forbidden = self.pins.forbidden(key)
        if "any" in forbidden:
            result.reason = "forbidden by the pin file"
            return result
        pinned = self.pins.pin(key)
        if pinned and pinned not in forbidden:
            result.chosen, result.score, result.method, result.reason = pinned, 1.0, "pin", "pinned"
            return result
        if any(self._is_a(graph, node, c) for c in DESCRIPTIONS):
            result.reason = f"a description ({kind}), not a name: never searched"
            return result
        expected = self.expected_classes(classes)
        if not expected:
            result.reason = f"no Wikidata class for {kind}; pin it to link"
            return result
        countries = {country_links[c] for p in CONTEXT_PROPERTIES for c in graph.objects(node, p) if c in country_links}
        governs = {country_links[c] for c in graph.objects(node, DKG.governmentOf) if c in country_links}
        posts = sorted(
            str(graph.value(p, RDFS.label)) for p in graph.subjects(DKG.heldBy, node) if graph.value(p, RDFS.label)
        )
        official = self._government_names(governs) if self._is_a(graph, node, DKG.Government) else []
        names = list(dict.fromkeys([label] + aliases + official + mentioned))
        context = EntityContext(label, names, expected, countries, posts, governs)
        candidate_ids = self._candidates(names, forbidden)
        if not candidate_ids:
            result.reason = "no candidates found"
            return result
        items = self._fetch_items(candidate_ids)
        scored = [
            score(context, item, self._reaches(set(item.item_values("P31")), expected)) for item in items.values()
        ]
        result.candidates = sorted(scored, key=lambda s: (-s.score, s.id))
        best, why = choose(scored)
        result.reason = why
        if best is not None:
            result.chosen, result.score, result.method = best.id, best.score, "search"
        return result

    # -- all articles ----------------------------------------------------------------------------
    def _guarded(self, fn, result_if_offline, result_if_bad_answer=None):
        try:
            return fn()
        except Offline:
            return result_if_offline()
        except WikidataError as exc:
            if not exc.unavailable:
                return (result_if_bad_answer or (lambda exc: None))(exc)
            if self.warning is None:
                self.warning = f"Wikidata unavailable ({exc}); linking from the cache and pins only"
                warn(self.warning)
            self.client.config.offline = True
            try:
                return fn()
            except (Offline, WikidataError):
                return result_if_offline()

    def __call__(
        self, compiled: list[CompiledArticle], entities: Graph | None = None, entities_language: str = "en"
    ) -> LinkSummary:
        """Link the corpus entity graph first (its context is every article), then each article's own entities."""
        results, countries = self.link_entity_graph(entities, [item.graph for item in compiled], entities_language)
        for item in compiled:
            results.extend(self.link_article(item.slug, item.graph, item.article.mapping.article.language, countries))
        return self.summary(results)

    def summary(self, results: list[LinkResult]) -> LinkSummary:
        return LinkSummary(results, self.client.requests_made, self.warning, getattr(self.client, "requests_failed", 0))

    def link_entity_graph(
        self, entities: Graph | None, contexts: list[Graph], language: str
    ) -> tuple[list[LinkResult], dict]:
        """Link the corpus entities, reading what the articles say of them (``contexts``: article graphs,
        or only their ``context_of`` part); returns the results and the countries' links, which the
        articles' own entities are then scored against."""
        countries: dict = {}
        if entities is None or not len(entities):
            return [], countries
        view = ReadOnlyGraphAggregate([entities, *contexts])
        return self._link_unit(LinkUnit("(corpus)", entities, view, language), countries), countries

    def link_article(self, slug: str, graph: Graph, language: str, countries: dict) -> list[LinkResult]:
        """Link one article's own entities in place (``countries``: from ``link_entity_graph``, not changed).
        Searches are in the article's language (labels in the mapping are in it); "en-GB" -> "en"."""
        return self._link_unit(LinkUnit(slug, graph, graph, language), dict(countries))

    def _link_unit(self, unit: "LinkUnit", country_links: dict) -> list[LinkResult]:
        """(What ``link_entity`` reads of a node is listed by ``context_of``: keep the two together.)"""
        graph, view = unit.graph, unit.view
        self.language = unit.language.split("-")[0]
        nodes = sorted(
            n
            for n in set(graph.subjects(RDFS.label, None))
            if isinstance(n, URIRef)
            and any(self._is_a(graph, n, c) for c in LINKABLE)
            and not any(self._is_a(graph, n, c) for c in NEVER)
        )
        nodes.sort(key=lambda n: (not self._is_a(graph, n, DKG.Country), str(n)))
        results = []
        for node in nodes:

            def unlinked(reason, node=node):
                r = LinkResult(str(node), unit.slug, str(graph.value(node, RDFS.label)), "")
                r.reason = reason
                return r

            curated = linked_item(graph, node)
            if curated:
                result = LinkResult(
                    str(node), unit.slug, str(graph.value(node, RDFS.label)), "", curated[0], 1.0, curated[1], "pinned"
                )
            else:
                result = self._guarded(
                    lambda node=node: self.link_entity(view, node, unit.slug, country_links),
                    lambda: unlinked(
                        f"{NOT_CACHED}; Wikidata unavailable" if self.warning else f"{NOT_CACHED} (offline)"
                    ),
                    lambda exc: unlinked(str(exc)),
                )
            if not result.kind:
                result.kind = " ".join(
                    str(c)[len(str(DKG)) :]
                    for c in sorted(c for c in graph.objects(node, RDF.type) if isinstance(c, URIRef))
                    if c.startswith(str(DKG))
                )
            results.append(result)
            if result.chosen:
                if not curated:
                    assert result.score is not None, "a chosen link has a score"
                    write_link(graph, node, result.chosen, result.method, result.score)
                if self._is_a(graph, node, DKG.Country):
                    country_links[node] = result.chosen
                if self._is_a(graph, node, DKG.Place):
                    self._guarded(
                        lambda node=node, result=result: self._write_geometry(graph, node, result.chosen), lambda: None
                    )
        return results

    def _write_geometry(self, graph: Graph, node: URIRef, qid: str) -> None:
        item = self._fetch_items([qid]).get(qid)
        point = item.coordinates() if item else None
        if point is None:
            return
        lat, lon = point
        geometry = URIRef(f"{node}/geometry")
        graph.add((node, GEO.hasGeometry, geometry))
        graph.add((geometry, RDF.type, GEO.Geometry))
        graph.add((geometry, GEO.asWKT, Literal(f"POINT({lon:.6f} {lat:.6f})", datatype=GEO.wktLiteral)))
        graph.add((geometry, PROV.wasDerivedFrom, WD[qid]))


def context_of(graph: Graph, nodes) -> Graph:
    """What ``link_entity`` reads about ``nodes`` in an article graph: their classes, names, mentions
    (with their words), country-like facts and the posts they hold (with their labels). A build keeps
    this much of each article to link the corpus entity graph without every article graph in memory."""
    out = new_graph()
    for node in nodes:
        for p in (RDF.type, RDFS.label, SKOS.altLabel, *CONTEXT_PROPERTIES):
            for o in graph.objects(node, p):
                out.add((node, p, o))
        words: dict[str, tuple] = {}  # one mention per distinct wording: link_entity reads only the words
        for span in graph.objects(node, DKG.mention):
            for anchor in graph.objects(span, NIF.anchorOf):
                words[str(anchor)] = min(words.get(str(anchor), (str(span), span, anchor)), (str(span), span, anchor))
        for _key, span, anchor in words.values():
            out.add((node, DKG.mention, span))
            out.add((span, NIF.anchorOf, anchor))
        for post in graph.subjects(DKG.heldBy, node):
            out.add((post, DKG.heldBy, node))
            for label in graph.objects(post, RDFS.label):
                out.add((post, RDFS.label, label))
    return out


def result_as_json(result: LinkResult) -> dict:
    data = dict(result.__dict__)
    data["candidates"] = [dict(c.__dict__) for c in result.candidates]
    return data


def result_from_json(data: dict) -> LinkResult:
    return LinkResult(**{**data, "candidates": [Scored(**c) for c in data["candidates"]]})
