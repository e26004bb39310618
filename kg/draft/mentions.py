"""Which entities of a draft list their mentions, and which leave them to the compiler.

The compiler (``kg.compile.mentions``) gives an entity that lists no mentions every whole-word occurrence
of its names, except inside another entity's listed mention or a longer name of another entity; an
entity that lists mentions keeps exactly those. A draft lists an entity's mentions only where the
automatic ones would differ from what the back-end found (metonymy: "Moscow" for a government; a
description such as "the Syrian administration"; a name two entities share), as a reviewed mapping does.
So the draft reads like the mappings a reviewer knows, and an alias added in review brings its mentions.

The decision runs the compiler's own rules on the draft's nodes, so what the draft omits the build finds
again. An occurrence the back-end gave to an entity inside another entity's mention ("Syria" inside
"Syria’s new administration") is not a mention for the compiler, and does not make the entity list its own.
"""

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import URIRef

from kg.compile.mentions import Named, find_mentions
from kg.draft.known import KnownNames
from kg.draft.model import DraftNode, TextSpan
from kg.draft.schema import DraftVocabulary
from kg.draft.text import word_index


def listed_mentions(
    nodes: dict[str, DraftNode[TextSpan]], text: str, vocab: DraftVocabulary, corpus: KnownNames | None = None
) -> set[str]:
    """The ids of the nodes whose ``mentions`` the draft must write."""
    corpus = corpus or KnownNames()
    topics = {n.id for n in nodes.values() if n.a and all(vocab.is_a(c, "Topic") for c in n.a)}
    entities = [n for n in nodes.values() if not vocab.is_claim(n.a) and n.id not in topics]
    names = {n.id: _names(n, corpus) for n in entities}
    starts = word_index(text)  # each name's whole-word occurrences, from an index of the text's words

    listed: set[str] = set()
    entity_ids = set(names)
    for group in _groups(nodes, entities, names, text, starts):
        listed |= _listed(group, [n for n in group.values() if n.id in entity_ids], names, text, starts)
    return listed


def _groups(nodes, entities, names, text, starts) -> list[dict[str, DraftNode[TextSpan]]]:
    """The nodes in groups that share no character of the text (their names' occurrences and their
    mentions): what the compiler gives one group never depends on another, so each is decided alone
    and a long text is not asked as a whole once per entity."""
    parent = {node_id: node_id for node_id in nodes}

    def root(node_id: str) -> str:
        while parent[node_id] != node_id:
            parent[node_id] = parent[parent[node_id]]
            node_id = parent[node_id]
        return node_id

    spans = [(s.begin, s.end, n.id) for n in nodes.values() for s in n.mentions]
    spans += [(b, b + len(name), n.id) for n in entities for name in names[n.id] for b in starts(text, name)]
    reach, owner = -1, ""
    for begin, end, node_id in sorted(spans):
        if begin < reach:
            parent[root(node_id)] = root(owner)
        if end > reach:
            reach, owner = end, node_id
    groups: dict[str, dict[str, DraftNode[TextSpan]]] = {}
    for node_id, node in nodes.items():
        groups.setdefault(root(node_id), {})[node_id] = node
    return [groups[key] for key in sorted(groups)]


def _listed(nodes, entities, names, text, starts) -> set[str]:
    spans = {n.id: {(s.begin, s.end) for s in n.mentions} for n in entities}
    every = sorted((b, e, node_id) for node_id, found in spans.items() for b, e in found)
    begins = [b for b, _, _ in every]
    longest = max((e - b for b, e, _ in every), default=0)

    def inside_another(s: tuple[int, int], node_id: str) -> bool:
        """Whether another entity's mention holds ``s`` (by bisection: those begin from s's end less
        the longest mention up to s's begin; asking every mention grew with the square of a group)."""
        lo, hi = bisect.bisect_left(begins, s[1] - longest), bisect.bisect_right(begins, s[0])
        return any(s[1] <= e and (b, e) != s and other != node_id for b, e, other in every[lo:hi])

    wanted = {node_id: {s for s in found if not inside_another(s, node_id)} for node_id, found in spans.items()}

    wrong = _Wrong(nodes, entities, names, text, starts, wanted)

    # a mention that is not one of the entity's names ("Syria’s new administration") must be listed
    occurs = {n.id: {(b, b + len(name)) for name in names[n.id] for b in starts(text, name)} for n in entities}
    automatic = {n.id for n in entities if n.mentions and wanted[n.id] <= occurs[n.id]}
    while bad := wrong(automatic):
        automatic -= bad  # listed, they claim their spans, which can only take automatic ones from others
    for node_id in sorted({n.id for n in entities if n.mentions and wanted[n.id] <= occurs[n.id]} - automatic):
        if not wrong(automatic | {node_id}):  # listed too early: another listing has since made it right
            automatic.add(node_id)
    return {n.id for n in nodes.values() if n.mentions and n.id not in automatic}


class _Wrong:
    """Which entities left to the compiler would not get the mentions wanted, asked again and again as
    entities are moved to the listed ones (the compiler's own rules, ``find_mentions``, decide).

    What the compiler gives a span depends only on the spans that overlap it, and on theirs: the text's
    spans (every occurrence of a name, every mention) fall into runs of overlapping ones, and each run is
    decided alone. An answer is kept per run, and a question asks again only about the runs of the
    entities that moved since the last one: a long text's large group (a country named throughout) was
    otherwise compiled whole once per entity tried, which grew with the square of the group.
    """

    def __init__(self, nodes, entities, names, text, starts, wanted) -> None:
        self.text = text
        self.listing = {n.id for n in entities if n.mentions}  # may list their mentions
        entity_ids = {n.id for n in entities}
        # (begin, end, node id, name): a name's occurrence (name) or a node's mention ("")
        spans = [(b, b + len(name), n.id, name) for n in entities for name in names[n.id] for b in starts(text, name)]
        spans += [(s.begin, s.end, n.id, "") for n in nodes.values() for s in n.mentions]
        spans.sort(key=lambda s: (s[0], s[1]))
        self.runs: list[_Run] = []
        reach = -1
        for begin, end, node_id, name in spans:
            if begin >= reach or not self.runs:  # overlaps no span before it: a new run
                self.runs.append(_Run())
            run = self.runs[-1]
            reach = max(reach, end)
            if name:
                run.occurs.setdefault(name, []).append(begin)
                run.named.setdefault(node_id, names[node_id])
            else:
                run.mentions.append((begin, end, node_id))
                if node_id in wanted and (begin, end) in wanted[node_id]:
                    run.wanted.setdefault(node_id, set()).add((begin, end))
            if node_id in entity_ids:
                run.entities.add(node_id)
        self.runs_of: dict[str, list[int]] = {}
        for index, run in enumerate(self.runs):
            for node_id in run.entities:
                self.runs_of.setdefault(node_id, []).append(index)
        self.bad: dict[int, set[str]] = {}  # the run's wrong entities, for the runs that have some
        self.asked: set[str] | None = None

    def __call__(self, automatic: set[str]) -> set[str]:
        """The entities of ``automatic`` whose automatic mentions would not be the ones wanted."""
        if self.asked is None:
            again: Iterable[int] = range(len(self.runs))
        else:
            again = sorted({i for node_id in automatic ^ self.asked for i in self.runs_of.get(node_id, ())})
        for index in again:
            bad = self.runs[index].wrong(self.text, automatic, self.listing)
            if bad:
                self.bad[index] = bad
            else:
                self.bad.pop(index, None)
        self.asked = set(automatic)
        return set().union(*self.bad.values())


@dataclass
class _Run:
    """Overlapping spans of the text: the names that occur in them, the mentions, and what is wanted."""

    occurs: dict[str, list[int]] = field(default_factory=dict)  # name -> where it begins in the run
    named: dict[str, set[str]] = field(default_factory=dict)  # entity -> its names, if one occurs here
    mentions: list[tuple[int, int, str]] = field(default_factory=list)
    wanted: dict[str, set[tuple[int, int]]] = field(default_factory=dict)
    entities: set[str] = field(default_factory=set)

    def wrong(self, text: str, automatic: set[str], listing: set[str]) -> set[str]:
        # the compiler keys entities by IRI; a node id stands for its own here. An entity listing its
        # mentions is not named; one left to the compiler (or with no mentions) is, and claims nothing.
        named = [Named(URIRef(i), names) for i, names in self.named.items() if i in automatic or i not in listing]
        claimed = [(b, e, URIRef(i)) for b, e, i in self.mentions if i not in automatic]
        found = find_mentions(text, named, claimed, lambda _text, name: self.occurs.get(name, []))
        return {i for i in self.entities & automatic if set(found.get(URIRef(i), [])) != self.wanted.get(i, set())}


def _names(node: DraftNode[TextSpan], corpus: KnownNames) -> set[str]:
    """The names the compiler looks for: the node's, and its corpus entity's in the entity list."""
    names = {n for n in (node.label, *node.aliases) if n}
    for known in corpus.known:
        if node.entity and known.entity == node.entity:
            names.update(n for n in (known.label, *known.aliases) if n)
    return names
