"""Places that act: "Moscow shares these sentiments" names Russia's government, not the city. The
mention moves from the known place to the government of its country, with a note to check it.
"""

import re

from kg.draft import gazetteer
from kg.draft.rules import cues
from kg.draft.rules.names.found import Names

# A capital as the side of a diplomatic act: "Beijing's ambassador", "Pyongyang's foreign ministry",
# "ties with Beijing", "relations between Tokyo and Seoul" name governments, not cities.
_DIPLOMATIC_OWNED = re.compile(
    r"[’']s\s+(?:new\s+|top\s+)?(?:ambassador|envoy|embassy|foreign\s+minist(?:er|ry)|government|diplomats?"
    r"|delegation|representatives?|mission|position|stance|response|decision|leadership|officials?|negotiators?"
    r"|sanctions|demands?|ties|relations)\b"
)
_DIPLOMATIC_WITH = re.compile(
    r"\b(?:ties|relations|talks|dialogue|negotiations|rapprochement|tensions|dispute|rift)\s+"
    r"(?:with|between)\s+(?:[A-Z][\w-]*\s+and\s+)?$"
)


def metonym(names: Names, key: str, span: tuple[int, int]) -> str | None:
    """The government a known place's name stands for at this mention ("while Damascus seeks to
    balance"): the government of the place's country, which takes the mention over. None when the
    place's country is not known."""
    place = names.entities[key]
    countries = list(dict.fromkeys(c for c in place.props.get("country", []) if c in names.entities))
    if len(countries) != 1 or span not in place.spans:
        return None
    country = names.entities[countries[0]]
    government = names.entity(f"government:{country.key}", f"Government of {country.label}", ["Government"])
    government.props.setdefault("governmentOf", [country.key])
    note = f'"{place.label}" names this government (metonymy): check each mention'
    if note not in government.notes:
        government.notes.append(note)
    place.spans.remove(span)
    government.add(span)
    if not place.spans:
        del names.entities[key]
    return government.key


def metonyms(names: Names) -> None:
    """A known place that speaks or acts ("Moscow shares these sentiments") is its country's government
    there; so is a capital city that owns a diplomat or is the other side of ties ("Beijing's ambassador",
    "ties with Beijing"), when its country is in the article."""
    for key in [k for k, e in names.entities.items() if e.known and names.is_place(k)]:
        for span in list(names.entities[key].spans):
            if key in names.entities and cues.AGENT_AFTER.match(names.text[span[1] : span[1] + 30]):
                metonym(names, key, span)
    for key in [k for k, e in names.entities.items() if "City" in e.classes]:
        city = gazetteer.city(names.entities[key].label)
        country = gazetteer.country_by_code(city.country) if city and city.capital else None
        found = names.country_of(country.name) if country else None
        if found is None:
            continue
        for span in list(names.entities[key].spans):
            if key in names.entities and (
                _DIPLOMATIC_OWNED.match(names.text, span[1])
                or _DIPLOMATIC_WITH.search(names.text[max(0, span[0] - 40) : span[0]])
            ):
                names.entities[key].props.setdefault("country", [found])
                metonym(names, key, span)
