"""The corpus entity graph: each shared entity's class, label, aliases and entity-list facts, once.

Only entities some article refers to are written (plus the entries those entities' facts name), so
the graph describes the corpus that was built, not the whole curated list.
"""

from rdflib import Graph, Literal, URIRef

from kg.core.checks import domain_error, range_error
from kg.core.errors import KgError
from kg.core.links import write_link
from kg.core.namespaces import DKG, bind_prefixes, entity_iri
from kg.core.namespaces import TERMS_RDF as RDF
from kg.core.namespaces import TERMS_RDFS as RDFS
from kg.core.namespaces import TERMS_SKOS as SKOS
from kg.core.ontology import Ontology
from kg.rdf.graphstore import new_graph
from kg.resolve.entities import expand
from kg.resolve.resolve import Resolution, SharedEntity


def compile_entities(resolution: Resolution, used: set[str], ontology: Ontology) -> Graph:
    """``used``: keys of the entities the compiled articles refer to."""
    entity_list = resolution.entity_list
    graph = new_graph()
    bind_prefixes(graph)
    todo, done = sorted(used), set()
    while todo:
        key = todo.pop()
        if key in done:
            continue
        done.add(key)
        entity = resolution.entities.get(key) or resolution.entry_entity(key)
        _describe(graph, entity, ontology, resolution)
        if not entity.from_list:
            continue
        entry = entity_list.entries[key]
        classes = _classes(ontology, entry.a)
        for prop, value in sorted(entry.properties.items()):
            term = ontology.term(prop)
            at = (key, prop)
            if term is None or term.kind == "class":
                raise KgError(f"{entity_list.where(*at)}: unknown property '{prop}' (not in the ontology)")
            problem = domain_error(ontology, term, prop, classes, "/".join(entry.a))
            if problem:
                raise KgError(f"{entity_list.where(*at)}: {problem}")
            for item in value if isinstance(value, list) else [value]:
                if term.kind == "object":
                    if not isinstance(item, str) or item not in entity_list:
                        raise KgError(
                            f"{entity_list.where(*at)}: unknown entity '{item}' "
                            "(entity-list properties name other entries)"
                        )
                    problem = range_error(ontology, term, prop, item, _classes(ontology, entity_list.entries[item].a))
                    if problem:
                        raise KgError(f"{entity_list.where(*at)}: {problem}")
                    graph.add((entity.iri, term.iri, entity_iri(item)))
                    todo.append(item)
                else:
                    try:
                        graph.add((entity.iri, term.iri, ontology.literal(term, item)))
                    except ValueError as exc:
                        raise KgError(f"{entity_list.where(*at)}: {exc}") from None
    return graph


def _describe(graph: Graph, entity: SharedEntity, ontology: Ontology, resolution: Resolution) -> None:
    language = resolution.entity_list.language
    for name in entity.classes:
        term = ontology.term(name)
        if term is None or term.kind != "class":
            raise KgError(
                f"{resolution.entity_list.where(entity.key, 'a')}: unknown class '{name}' (not in the ontology)"
            )
        graph.add((entity.iri, RDF.type, term.iri))
    graph.add((entity.iri, RDFS.label, Literal(entity.label, lang=language)))
    for alias in sorted(entity.aliases):
        graph.add((entity.iri, SKOS.altLabel, Literal(alias, lang=language)))
    if entity.wikidata:
        # a curated link (entity list or pin file): part of the data, written whether or not linking runs
        write_link(graph, entity.iri, entity.wikidata, "pin", 1.0)
    if entity.from_list:
        _topic(graph, entity, ontology, resolution)


def _classes(ontology: Ontology, names) -> list[URIRef]:
    terms = [ontology.term(name) for name in names]
    return [t.iri for t in terms if t is not None and t.kind == "class"]


def _topic(graph: Graph, entity: SharedEntity, ontology: Ontology, resolution: Resolution) -> None:
    """A topic of the entity list is a concept of the corpus scheme, with its matches in other schemes."""
    entity_list = resolution.entity_list
    entry = entity_list.entries[entity.key]
    is_topic = any(c == DKG.Topic or ontology.is_subclass(c, DKG.Topic) for c in _classes(ontology, entry.a))
    if not is_topic:
        if entry.close_match or entry.broad_match:
            field = "close_match" if entry.close_match else "broad_match"
            raise KgError(
                f"{entity_list.where(entity.key, field)}: '{field}' applies to topics (a: Topic), "
                f"not to a {'/'.join(entry.a)}"
            )
        return
    graph.add((entity.iri, SKOS.inScheme, DKG.topicScheme))
    graph.add((entity.iri, SKOS.prefLabel, Literal(entity.label, lang=entity_list.language)))
    for prop, refs in ((SKOS.closeMatch, entry.close_match), (SKOS.broadMatch, entry.broad_match)):
        for ref in refs:
            graph.add((entity.iri, prop, URIRef(expand(ref))))


def subset(entities: Graph, iris) -> Graph:
    """The part of the entity graph that describes these entities (and what their facts name)."""
    out = new_graph()
    todo, seen = sorted(set(iris)), set()
    while todo:
        iri = todo.pop()
        if iri in seen:
            continue
        seen.add(iri)
        for triple in entities.triples((iri, None, None)):
            out.add(triple)
            if isinstance(triple[2], URIRef) and triple[2] not in seen:
                todo.append(triple[2])
    return out


def closures(entity_lines: list[str]) -> dict[str, set[str]]:
    """For each corpus entity, the lines of the entity graph that describe it and what its facts name
    (what ``subset`` gives, from N-Triples lines), by IRI: an article's part of the entity graph is the union of its
    entities' closures."""
    about: dict[str, list[str]] = {}
    named: dict[str, set[str]] = {}
    for line in entity_lines:
        subject = line.split(" ", 1)[0]
        iri = subject[1:-1]
        about.setdefault(iri, []).append(line)
        obj = line[:-3].split(" ", 2)[2]
        if obj.startswith("<"):
            named.setdefault(iri, set()).add(obj[1:-1])
    closures: dict[str, set[str]] = {}
    for iri in about:
        todo, seen, lines = [iri], set[str](), set[str]()
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            lines.update(about.get(current, ()))
            todo.extend(named.get(current, ()))
        closures[iri] = lines
    return closures
