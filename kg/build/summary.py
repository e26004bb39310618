"""The corpus summary: counts by class, by entity and by month, precomputed at build time.

Counting over the whole corpus in SPARQL costs a pass over every article (seconds at 10,000 articles);
the corpus aggregates of the query library (cq20-cq22) read these counts instead, in milliseconds. Each
article's counts are taken from its N-Triples lines once and kept by the digest of those lines, so an
edit counts only the articles it changed and then adds up small tables: no SPARQL pass, no article
re-read. The counts are facts about the build, not about the world: they live in their own named graph
(``SUMMARY_GRAPH``), typed ``kgs:CorpusSummary`` and ``prov:Entity``, derived (``prov:wasDerivedFrom``)
from the article graphs, in a vocabulary of their own (``kgs:``) that no article uses. The graph goes
into the embedded store only (``kg.store``); kg.ttl and kg.trig hold article facts alone.

The graph is written as parts (``part_texts``), as the manifest of the graph files is
(``kg.build.current``): sorted N-Triples files in ``OUT/.kg/summary`` that the output sets share, each
named by its group and the digest of its text, listed by the set's manifest (``kg.graphs.json``,
``"summary"``). A line's group depends on the line alone (``part_of``: the summary node's own lines;
the class counts; one of 256 buckets by the digest in a count's node; one of 256 by the article graph
a ``prov:wasDerivedFrom`` names), so an edit writes the parts of the counts it changed (a label edit
that changes none: the summary node's six lines) and the store takes the lines of the parts the two
sets do not share.

Besides the counts, each corpus entity's articles as cq12 and cq16 count them (``kgs:ReferenceCount``:
the articles with a node that refers to it or a span that mentions it, the article an entity is local to
left out, as the queries add that one themselves), so that those questions read a few rows instead of
every reference of the corpus (``kg.query.library.summary_variant``).
"""

import hashlib
import json
import marshal
import os
import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from kg.store import SUMMARY_DIR, SUMMARY_GRAPH

BASE = "https://w3id.org/diplokg/"
KGS = BASE + "summary#"  # the summary's own terms
VERSION = 2  # what the summary holds: 2 adds the reference counts (the queries' summary variants ask for it)
TOTALS_FILE = "summary-totals"  # in the build state (marshal): the last totals and the digests they add up
OLD_TOTALS_FILE = "summary-totals.json"  # of kg before the totals were marshalled (1.1 MB of JSON at 10,000)
COUNTS_DIR = "summary-counts"  # in the build state: each article graph's counts, by its digest

_DKG = BASE + "ontology#"
_ENTITY = BASE + "entity/"
_ID = BASE + "id/"
_ARTICLE = re.compile(r"https://w3id[.]org/diplokg/id/[a-z0-9-]+")  # a node's article, as cq12 and cq16 find it
_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_STATED_IN = f"<{_DKG}statedIn>"
_MENTION = f"<{_DKG}mention>"
_ISSUED = "<http://purl.org/dc/terms/issued>"
_NEWS_ARTICLE = f"<{_DKG}NewsArticle>"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_SUMMARY_NODE = f"<{SUMMARY_GRAPH}>"
_DERIVED = "<http://www.w3.org/ns/prov#wasDerivedFrom>"
_CLASS_NODE = f"<{KGS}class-"
HEAD, CLASSES = "head", "classes"  # the parts of the summary node's own lines and of the class counts
# a claim's links that never name what the claim is about (as in cq14 and cq19)
_NOT_ABOUT = {f"<{_DKG}{name}>" for name in ("statedIn", "evidence", "status", "sameEventAs", "unstated")}


def article_counts(lines: Iterable[str], graph: str | None = None) -> dict:
    """One article graph's counts, from its N-Triples lines: instances per class, for each corpus
    entity the mentions and the claims about it, its claims, and its publication month; and the
    entities it refers to as cq12 and cq16 count them (``_references``). ``graph``: the graph's IRI,
    which names its own article (without it, the one article the lines type ``dkg:NewsArticle``).

    An entity counts for the article as cq19 counts it: it has a mention there, or a claim stated
    there points at it."""
    types: Counter = Counter()
    mentions: Counter = Counter()
    claims: set[str] = set()
    about: list[tuple[str, str]] = []  # (subject, entity) of the links that may make a claim about one
    links: set[tuple[str, str]] = set()  # (entity, node) of the references cq12 and cq16 count
    typed: set[str] = set()  # the articles these lines type dkg:NewsArticle
    month = ""
    kg_nodes = ("<" + _ENTITY, "<" + _ID)
    for line in lines:
        subject, predicate, rest = line.split(" ", 2)
        value = rest[: -len(" .\n")] if rest.endswith(" .\n") else rest.rstrip().removesuffix(" .")
        if predicate == _TYPE:
            types[value[1:-1]] += 1
            if value == _NEWS_ARTICLE:
                typed.add(subject[1:-1])
        elif predicate == _STATED_IN:
            claims.add(subject)
        elif predicate == _MENTION and subject.startswith("<" + _ENTITY):
            mentions[subject[1:-1]] += 1
        elif predicate == _ISSUED and value.startswith('"'):
            month = value[1:8] if value[5:8].startswith("-") and value[1:5].isdigit() else month
        if value.startswith("<" + _ENTITY) and predicate not in _NOT_ABOUT:
            about.append((subject, value[1:-1]))
        if predicate == _MENTION and subject.startswith(kg_nodes) and value.startswith("<"):
            links.add((subject, value))
        if value.startswith(kg_nodes):
            links.add((value, subject))
    claimed = Counter(entity for subject, entity in set(about) if subject in claims)
    entities = {e: [mentions[e], claimed[e]] for e in sorted(set(mentions) | set(claimed))}
    counts = {"types": dict(sorted(types.items())), "entities": entities, "claims": len(claims), "month": month}
    return counts | _references(links, typed, graph)


def _references(links: set[tuple[str, str]], typed: set[str], graph: str | None) -> dict:
    """The (entity, article) pairs of cq12 and cq16 that an article graph gives (``links``: its (entity,
    node) pairs, as ``<IRI>``): a triple whose object is the entity and whose subject lies in the article
    (its IRI starts with the article's), or a mention of the entity whose span lies in it. Entities are
    kg's nodes (``entity/`` and ``id/``); the pair of an entity and the article it is local to is left
    out (the queries find it from the entity's IRI).

    ``own`` is the graph's article, when the lines type it ``dkg:NewsArticle`` (``typed``); ``named`` the
    entities paired with it, added up over the corpus as counts (each article has one graph); ``foreign``
    the pairs with any other article (a cross-article link), resolved against that article's own counts
    when the totals are written (``total_lines``)."""
    article_of: dict[str, str] = {}

    def article(iri: str) -> str:  # an IRI's article (its prefix id/SLUG), or ""
        found = article_of.get(iri)
        if found is None:
            match = _ARTICLE.match(iri, 1) if iri.startswith("<" + _ID) else None
            found = article_of[iri] = match.group(0) if match else ""
        return found

    pairs = set()
    for entity, node in links:
        where = article(node)
        if where and where != article(entity):
            pairs.add((entity[1:-1], where))
    if graph is not None:
        own = _ID + graph[len(BASE + "graph/") :] if is_article_graph(graph) else ""
    else:
        own = next(iter(typed)) if len(typed) == 1 else ""
    own = own if own in typed else ""
    named = sorted(entity for entity, where in pairs if where == own)
    foreign = sorted([entity, where] for entity, where in pairs if where != own)
    return {"own": own, "named": named, "foreign": foreign}


def totals(per_article: Iterable[dict]) -> dict:
    """The corpus's counts, added up from each article's."""
    total = _empty()
    for counts in per_article:
        add(total, counts, 1)
    return total


def _empty() -> dict:
    return {"articles": 0, "classes": {}, "entities": {}, "months": {}, "named": {}, "foreign": {}}


def add(total: dict, counts: dict, sign: int) -> None:
    """Add one article's counts to ``total`` (``sign`` 1), or take them away (-1): an edit changes the
    totals by the articles it changed, without adding up the others again."""
    total["articles"] += sign
    for cls, instances in counts["types"].items():
        _bump(total["classes"], cls, [instances, 1], sign)
    for entity, (mentioned, claimed) in counts["entities"].items():
        _bump(total["entities"], entity, [1, mentioned, claimed], sign)
    _bump(total["months"], counts["month"], [1, counts["claims"]], sign)
    for entity in counts["named"]:
        _bump(total["named"], entity, [1], sign)
    for entity, article in counts["foreign"]:
        _bump(total["foreign"], f"{entity} {article}", [1], sign)


def _bump(table: dict, key: str, values: list[int], sign: int) -> None:
    row = table.setdefault(key, [0] * len(values))
    for i, value in enumerate(values):
        row[i] += sign * value
    if not any(row):
        del table[key]  # no article has it any more


def graph_lines(per_article: Iterable[dict], sources: Mapping[str, str] | None = None) -> list[str]:
    """The summary graph as sorted N-Triples lines. ``sources``: the graphs it is derived from (graph IRI
    -> digest of its lines); their digests name the summary's version (``kgs:sourceDigest``)."""
    per_article = list(per_article)
    by_article = {counts["own"]: counts for counts in per_article if counts["own"]}
    return total_lines(totals(per_article), sources, by_article.get)


def total_lines(
    total: dict, sources: Mapping[str, str] | None = None, counts_of: Callable[[str], dict | None] | None = None
) -> list[str]:
    """``graph_lines`` from the totals. ``counts_of``: an article IRI's counts (of the graph whose own
    article it is), read only for the pairs of an entity and another article than the graph's own."""
    return sorted(line for lines in total_groups(total, sources, counts_of).values() for line in lines)


def total_groups(
    total: dict, sources: Mapping[str, str] | None = None, counts_of: Callable[[str], dict | None] | None = None
) -> dict[str, list[str]]:
    """``total_lines`` by the part each line goes to (``part_of``, worked out as the lines are made):
    group -> its sorted lines."""
    node = _SUMMARY_NODE
    groups: dict[str, list[str]] = {
        HEAD: [
            f"{node} {_TYPE} <{KGS}CorpusSummary> .\n",
            f"{node} {_TYPE} <http://www.w3.org/ns/prov#Entity> .\n",
            f'{node} <http://purl.org/dc/terms/description> "Counts derived by kg build from the article graphs; '
            'no article states them." .\n',
            f"{node} <{KGS}articles> {_integer(total['articles'])} .\n",
            f"{node} <{KGS}version> {_integer(VERSION)} .\n",
        ]
    }
    if sources:
        digest = hashlib.sha256("".join(f"{k} {v}\n" for k, v in sorted(sources.items())).encode()).hexdigest()
        groups[HEAD].append(f'{node} <{KGS}sourceDigest> "{digest}" .\n')
        derived = f"{node} {_DERIVED} <"
        for name in sources:
            groups.setdefault(_SOURCE_GROUPS[zlib.crc32(name.encode()) & 0xFF], []).append(f"{derived}{name}> .\n")
    for cls, (instances, articles) in total["classes"].items():
        fields = [("class", f"<{cls}>"), ("instances", _integer(instances))]
        _row(groups, "class", cls, "ClassCount", fields, articles)
    for entity, (articles, mentions, claims) in total["entities"].items():
        fields = [("entity", f"<{entity}>"), ("mentions", _integer(mentions)), ("claims", _integer(claims))]
        _row(groups, "entity", entity, "EntityCount", fields, articles)
    for month, (articles, claims) in total["months"].items():
        fields = [("claims", _integer(claims))]
        if month:
            fields.append(("month", f'"{month}"^^<{_XSD}gYearMonth>'))
        _row(groups, "month", month or "undated", "MonthCount", fields, articles)
    for entity, articles in _referring(total, counts_of).items():
        _row(groups, "references", entity, "ReferenceCount", [("entity", f"<{entity}>")], articles)
    return {group: sorted(set(lines)) for group, lines in sorted(groups.items())}


def _referring(total: dict, counts_of: Callable[[str], dict | None] | None) -> dict[str, int]:
    """Per entity, the articles that refer to it or mention it (other than its own): those it is paired
    with in their own graph, and the others' pairs with an article (normally none) that is typed in its
    own graph and does not pair the entity there already."""
    referring = {entity: count for entity, (count,) in total["named"].items()}
    for key in sorted(total["foreign"]):
        entity, article = key.split(" ")
        counts = counts_of(article) if counts_of else None
        if counts is not None and counts["own"] == article and entity not in counts["named"]:
            referring[entity] = referring.get(entity, 0) + 1
    return referring


def _row(groups: dict, kind: str, key: str, cls: str, fields: list[tuple[str, str]], articles: int) -> None:
    """One count's node, into its group: named by a digest of what it counts, so the same count keeps its
    IRI (and its group)."""
    code = hashlib.sha1(key.encode()).hexdigest()[:16]
    node = f"<{KGS}{kind}-{code}>"
    lines = [f"{node} {_TYPE} <{KGS}{cls}> .\n", f"{node} <{KGS}inSummary> <{SUMMARY_GRAPH}> .\n"]
    lines += [f"{node} <{KGS}{name}> {value} .\n" for name, value in [*fields, ("articles", _integer(articles))]]
    groups.setdefault(CLASSES if kind == "class" else code[:2], []).extend(lines)


def _integer(value: int) -> str:
    return f'"{value}"^^<{_XSD}integer>'


def write(state: Path, digests: Mapping[str, str], chunks: Mapping) -> list[str]:
    """Write the summary of the article graphs of a build as parts (``part_texts``) in ``state``/``SUMMARY_DIR``
    and return their names, sorted (``digests``: graph IRI -> digest of its lines; ``chunks``: graph IRI ->
    its lines, read only for the graphs not counted before). A part already there (the sets share them)
    is not written again. The totals of the last build are kept with the digests they add up
    (``TOTALS_FILE``); this build takes away the articles that changed or went and adds the new ones,
    each article's counts kept in a small file of its own."""
    from kg.util import atomic

    kept = state / COUNTS_DIR
    kept.mkdir(parents=True, exist_ok=True)
    articles = {name: value for name, value in digests.items() if is_article_graph(name)}
    last = _load_totals(state / TOTALS_FILE)
    last = last if last and last.get("version") == VERSION else None  # kept by another kg: count again
    (state / OLD_TOTALS_FILE).unlink(missing_ok=True)
    before, total = (last["digests"], last["totals"]) if last else ({}, _empty())
    keys: dict | None = None  # chunks may be keyed by rdflib IRIs, which hash otherwise
    for name, value in sorted(before.items()):
        if articles.get(name) != value:
            old = _counted(kept / f"{value}.json")
            if old is None:  # its counts are gone: add everything up again
                before, total = {}, _empty()
                break
            add(total, old, -1)
    for name, value in sorted(articles.items()):
        if before.get(name) != value:
            counts = _counted(kept / f"{value}.json")
            if counts is None:
                if name in chunks:  # a build's chunks take a name as a string
                    reader = chunks[name]
                else:
                    keys = keys if keys is not None else {str(key): key for key in chunks}
                    reader = chunks[keys[name]]
                counts = article_counts(reader() if callable(reader) else reader, name)
                _keep(kept / f"{value}.json", counts)
            add(total, counts, 1)
    current = set(articles.values())
    for name in os.listdir(kept):  # names, not 10,000 Path objects
        if name.endswith(".json") and name[: -len(".json")] not in current:
            (kept / name).unlink(missing_ok=True)
    kept_totals = {"digests": articles, "totals": total, "version": VERSION}
    atomic.write_bytes(state / TOTALS_FILE, marshal.dumps(kept_totals))

    def counts_of(article: str) -> dict | None:  # read for a cross-article pair only
        digest = articles.get(BASE + "graph/" + article[len(_ID) :]) if article.startswith(_ID) else None
        return _counted(kept / f"{digest}.json") if digest else None

    return _write_parts(state / SUMMARY_DIR, part_texts(total_groups(total, articles, counts_of)))


def _write_parts(folder: Path, parts: dict[str, str]) -> list[str]:
    """The parts not in ``folder`` yet written there (renamed into place); their names, sorted."""
    from kg.util import atomic

    if folder.exists() and not folder.is_dir():
        folder.unlink()  # kg's own state folder: whatever took its name is not ours
    folder.mkdir(exist_ok=True)
    have = set(os.listdir(folder))
    for name, text in parts.items():
        if name not in have:
            atomic.write_text(folder / name, text)
    return sorted(parts)


def part_of(line: str) -> str:
    """The group of a summary line, which depends on the line alone: ``HEAD`` for the summary node's own
    lines, ``CLASSES`` for the class counts (every added article changes them), a bucket (two hex digits)
    for the other counts, by the digest in the node's IRI (an entity's count and its references fall
    together), and ``s`` and a bucket for a ``prov:wasDerivedFrom``, by the article graph it names. An
    edit then changes the parts of the counts it changed, whatever the size of the corpus."""
    subject, predicate, rest = line.split(" ", 2)
    if subject == _SUMMARY_NODE:
        return _source_group(rest[1 : rest.index(">")]) if predicate == _DERIVED else HEAD
    if subject.startswith(_CLASS_NODE):
        return CLASSES
    return subject[subject.rindex("-") + 1 :][:2]


_SOURCE_GROUPS = [f"s{i:02x}" for i in range(256)]


def _source_group(name: str) -> str:
    return _SOURCE_GROUPS[zlib.crc32(name.encode()) & 0xFF]


def part_texts(groups: Mapping[str, list[str]]) -> dict[str, str]:
    """The summary's parts of its lines by group (``total_groups``): part file name -> its text (sorted
    lines). A part is named by its group and the digest of its text, so a set shares every part whose
    lines did not change with the set before."""
    parts = {}
    for group, lines in sorted(groups.items()):
        text = "".join(lines)
        parts[f"{group}.{hashlib.sha256(text.encode()).hexdigest()[:32]}.nt"] = text
    return parts


def read(state: Path, names: Iterable[str]) -> str:
    """The summary graph of a set, as one N-Triples text (sorted lines), from its parts (``names``, as its
    manifest lists them) in ``state``/``SUMMARY_DIR``."""
    lines: list[str] = []
    for name in names:
        text = (Path(state) / SUMMARY_DIR / name).read_text(encoding="utf-8")
        lines += [line + "\n" for line in text.split("\n")[:-1]]  # line feeds only (kg.rdf.ntriples.split)
    return "".join(sorted(lines))


def _keep(path: Path, counts: dict) -> None:
    """One article's counts, renamed into place but not synced: 10,000 fsyncs would cost a cold build
    seconds, and a file lost or cut short in a crash does not parse, so its article is counted again."""
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(counts, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


def _counted(path: Path) -> dict | None:
    """An article's kept counts, or None when they are not there or were counted by an older kg."""
    counts = _load(path)
    return counts if counts is not None and "named" in counts else None


def is_article_graph(name: str) -> bool:
    return name.startswith(BASE + "graph/") and name != BASE + "graph/entities"


def _load_totals(path: Path) -> dict | None:
    try:
        found = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    ok = isinstance(found, dict) and isinstance(found.get("digests"), dict) and isinstance(found.get("totals"), dict)
    return found if ok else None


def _load(path: Path) -> dict | None:
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None
