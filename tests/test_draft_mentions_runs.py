"""Which entities a draft lists the mentions of (``kg.draft.mentions``) is decided run by run of
overlapping spans, and asked again only where entities moved: the same answer as deciding a group of
entities whole each time (the way it was done before, kept here as the reference), on random texts
with shared names, names inside names, descriptions and metonymy."""

import bisect
import random

import pytest
from rdflib import URIRef

from kg.compile.mentions import Named, find_mentions
from kg.draft import mentions
from kg.draft.model import DraftNode, TextSpan
from kg.draft.schema import vocabulary
from kg.draft.text import word_index


def _listed_whole(nodes, entities, names, text, starts) -> set[str]:
    """The decision as it was made before runs: the compiler asked about the whole group each time."""
    spans = {n.id: {(s.begin, s.end) for s in n.mentions} for n in entities}
    every = sorted((b, e, node_id) for node_id, found in spans.items() for b, e in found)
    begins = [b for b, _, _ in every]
    longest = max((e - b for b, e, _ in every), default=0)

    def inside_another(s, node_id):
        lo, hi = bisect.bisect_left(begins, s[1] - longest), bisect.bisect_right(begins, s[0])
        return any(s[1] <= e and (b, e) != s and other != node_id for b, e, other in every[lo:hi])

    wanted = {node_id: {s for s in found if not inside_another(s, node_id)} for node_id, found in spans.items()}

    def wrong(automatic):
        named = [Named(URIRef(n.id), names[n.id]) for n in entities if n.id in automatic or not n.mentions]
        claimed = [(s.begin, s.end, URIRef(n.id)) for n in nodes.values() if n.id not in automatic for s in n.mentions]
        found = find_mentions(text, named, claimed, starts)
        return {node_id for node_id in automatic if set(found.get(URIRef(node_id), [])) != wanted[node_id]}

    occurs = {n.id: {(b, b + len(name)) for name in names[n.id] for b in starts(text, name)} for n in entities}
    automatic = {n.id for n in entities if n.mentions and wanted[n.id] <= occurs[n.id]}
    while bad := wrong(automatic):
        automatic -= bad
    for node_id in sorted({n.id for n in entities if n.mentions and wanted[n.id] <= occurs[n.id]} - automatic):
        if not wrong(automatic | {node_id}):
            automatic.add(node_id)
    return {n.id for n in nodes.values() if n.mentions and n.id not in automatic}


_WORDS = ["Lindor", "Kestria", "port", "of", "Tartus", "the", "Syrian", "administration", "Moscow", "new", "and"]
_CLASSES = ["Person", "Country", "City", "Organization", "Government"]


def _case(rng: random.Random) -> tuple[str, dict[str, DraftNode]]:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 60))]
    text = " ".join(words)
    starts_of = [0]
    for word in words[:-1]:
        starts_of.append(starts_of[-1] + len(word) + 1)

    def phrase() -> str:
        i = rng.randrange(len(words))
        return " ".join(words[i : i + rng.randint(1, 3)])

    def words_span() -> TextSpan:
        i = rng.randrange(len(words))
        j = min(len(words), i + rng.randint(1, 4))
        return TextSpan(starts_of[i], starts_of[j - 1] + len(words[j - 1]))

    index = word_index(text)
    nodes: dict[str, DraftNode] = {}
    for n in range(rng.randint(1, 9)):
        label = phrase() if rng.random() < 0.8 else rng.choice(_WORDS)
        aliases = [phrase()] if rng.random() < 0.3 else []
        found = [TextSpan(b, b + len(name)) for name in {label, *aliases} for b in index(text, name)]
        chosen = [s for s in found if rng.random() < 0.8]
        if rng.random() < 0.3:
            chosen.append(words_span())  # a description, or another entity's name (metonymy)
        if rng.random() < 0.15:
            chosen = []  # an entity that lists none
        nodes[f"e{n}"] = DraftNode(f"e{n}", [rng.choice(_CLASSES)], label, aliases, mentions=chosen)
    if rng.random() < 0.3:  # a topic's mention claims its span whatever is decided
        nodes["topic"] = DraftNode("topic", ["Topic"], "topic", mentions=[words_span()])
    return text, nodes


@pytest.mark.parametrize("seed", range(3))
def test_listed_mentions_run_by_run_match_the_whole_group_decision(seed, monkeypatch):
    rng = random.Random(seed)
    vocab = vocabulary()
    listed_some = 0
    for _ in range(400):
        text, nodes = _case(rng)
        by_runs = mentions.listed_mentions(nodes, text, vocab)
        with monkeypatch.context() as patched:
            patched.setattr(mentions, "_listed", _listed_whole)
            whole = mentions.listed_mentions(nodes, text, vocab)
        assert by_runs == whole, (text, nodes)
        listed_some += bool(whole)
    assert listed_some > 50  # the cases exercise listing, not only texts where nothing is listed
