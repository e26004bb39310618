"""Scoring a Wikidata candidate against what the graph knows about an entity.

A candidate must be of an acceptable type (its P31 reaches one of the Wikidata classes the entity's
ontology class maps to, through P279) and have a close name. Context then moves the score: the country
(P17/P27/P131) against the entity's country, and for people the words of their posts against the
candidate's description. Below the threshold, or too close to the runner-up, the answer is "no
confident match": a wrong link is worse than none.
"""

from dataclasses import dataclass, field

from kg.link.names import similarity
from kg.link.wikidata import Item

THRESHOLD = 0.7
MARGIN = 0.1
MIN_NAME = 0.8

# Words of a post that say what kind of person holds it, and the description words that agree.
ROLE_WORDS = {
    "minister": {"minister", "politician", "diplomat", "statesman"},
    "foreign": {"diplomat", "minister", "foreign"},
    "envoy": {"diplomat", "envoy", "ambassador", "representative"},
    "ambassador": {"diplomat", "ambassador"},
    "president": {"president", "politician", "head of state", "leader"},
    "head": {"leader", "politician", "president", "head of state", "commander"},
    "prime": {"prime minister", "politician"},
}


@dataclass
class EntityContext:
    label: str
    names: list[str]
    expected_classes: set[str]
    countries: set[str] = field(default_factory=set)  # QIDs
    posts: list[str] = field(default_factory=list)


@dataclass
class Scored:
    id: str
    label: str
    description: str
    score: float
    notes: list[str]


def role_words(posts: list[str]) -> set[str]:
    words = set()
    for post in posts:
        for token in post.lower().replace("-", " ").split():
            words |= ROLE_WORDS.get(token, set())
    return words


def score(entity: EntityContext, item: Item, type_ok: bool) -> Scored:
    notes = []
    if not type_ok:
        return Scored(item.id, item.label, item.description, 0.0, ["type: not an acceptable class"])
    names = [item.label] + item.aliases
    name = max((similarity(a, b) for a in entity.names for b in names if b), default=0.0)
    notes.append(f"name {name:.2f}")
    if name < MIN_NAME:
        return Scored(item.id, item.label, item.description, round(0.5 * name, 3), notes + ["name too different"])
    total = 0.5 * name + 0.2
    if entity.countries:
        theirs = set(item.item_values("P17")) | set(item.item_values("P27")) | set(item.item_values("P131"))
        if theirs & entity.countries:
            total += 0.15
            notes.append("country agrees")
        elif theirs:
            total -= 0.15
            notes.append("country differs")
    wanted = role_words(entity.posts)
    if wanted and item.description:
        description = item.description.lower()
        if any(word in description for word in wanted):
            total += 0.15
            notes.append("role agrees")
        else:
            total -= 0.15
            notes.append("role differs")
    return Scored(item.id, item.label, item.description, round(max(0.0, min(1.0, total)), 3), notes)


def choose(scored: list[Scored]) -> tuple[Scored | None, str]:
    ranked = sorted(scored, key=lambda s: (-s.score, s.id))
    if not ranked or ranked[0].score < THRESHOLD:
        return None, "no candidate above the threshold"
    if len(ranked) > 1 and ranked[0].score - ranked[1].score < MARGIN:
        return None, f"ambiguous: {ranked[0].id} and {ranked[1].id} score alike"
    return ranked[0], "best candidate"
