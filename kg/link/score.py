"""Scoring a Wikidata candidate against what the graph knows about an entity.

A candidate must be of an acceptable type (its P31 reaches one of the Wikidata classes the entity's
ontology class maps to, through P279), have a close name and not belong elsewhere: a candidate whose
countries (P17/P27/P131/P137/P1001) are all other than the entity's, or that governs another
jurisdiction (P1001) than the country a government or ministry belongs to, is rejected outright. A
matching country raises the score, and for people so do the words of their posts against the
candidate's description. Below the threshold, or too close to the runner-up, the answer is "no
confident match": a wrong link is worse than none. ``choose`` says which, so that a report can tell a
class mismatch from an ambiguity.
"""

from dataclasses import dataclass, field

from kg.link.names import similarity
from kg.link.wikidata import Item

THRESHOLD = 0.7
MARGIN = 0.1
MIN_NAME = 0.8
COUNTRY_PROPERTIES = ("P17", "P27", "P131", "P137", "P1001")  # country, citizenship, located in, operator, jurisdiction
NOT_A_CLASS = "type: not an acceptable class"
COUNTRY_DIFFERS = "country differs"
JURISDICTION_DIFFERS = "jurisdiction differs"

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
    jurisdictions: set[str] = field(default_factory=set)  # QIDs of the country it governs (dkg:governmentOf)


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
        return Scored(item.id, item.label, item.description, 0.0, [NOT_A_CLASS])
    governs = set(item.item_values("P1001"))
    if entity.jurisdictions and governs and not governs & entity.jurisdictions:
        return Scored(item.id, item.label, item.description, 0.0, [JURISDICTION_DIFFERS])
    names = [item.label] + item.aliases
    name = max((similarity(a, b) for a in entity.names for b in names if b), default=0.0)
    notes.append(f"name {name:.2f}")
    if name < MIN_NAME:
        return Scored(item.id, item.label, item.description, round(0.5 * name, 3), notes + ["name too different"])
    total = 0.5 * name + 0.2
    if entity.countries:
        theirs = {v for p in COUNTRY_PROPERTIES for v in item.item_values(p)}
        if theirs & entity.countries:
            total += 0.15
            notes.append("country agrees")
        elif theirs:
            return Scored(item.id, item.label, item.description, 0.0, notes + [COUNTRY_DIFFERS])
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
    """The candidate to link, or None; and why, in words a report can show."""
    ranked = sorted(scored, key=lambda s: (-s.score, s.id))
    if not ranked:
        return None, "no candidates found"
    best = ranked[0]
    if best.score < THRESHOLD:
        return None, _why_none(ranked)
    if len(ranked) > 1 and best.score - ranked[1].score < MARGIN:
        other = ranked[1]
        return None, (
            f"ambiguous: {best.id} ({best.label}) and {other.id} ({other.label}) score alike "
            f"({best.score} and {other.score})"
        )
    return best, "best candidate"


def _why_none(ranked: list[Scored]) -> str:
    typed = [s for s in ranked if NOT_A_CLASS not in s.notes]
    if not typed and len(ranked) == 1:
        return f"class mismatch: the only candidate, {ranked[0].id} ({ranked[0].label}), is of another class"
    if not typed:
        return f"class mismatch: none of the {len(ranked)} candidates is of an acceptable class"
    placed = [s for s in typed if COUNTRY_DIFFERS not in s.notes and JURISDICTION_DIFFERS not in s.notes]
    if not placed:
        named = ", ".join(f"{s.id} ({s.label})" for s in typed)
        return f"country mismatch: {named} of another country or jurisdiction"
    best = placed[0]
    return f"no candidate above the threshold (best {best.id} ({best.label}), {best.score})"
