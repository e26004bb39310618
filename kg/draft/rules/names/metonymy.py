"""Places that act: "Moscow shares these sentiments" names Russia's government, not the city. The
mention moves from the known place to the government of its country, with a note to check it.
"""

from kg.draft.rules import cues
from kg.draft.rules.names.found import Names


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
    """A known place that speaks or acts ("Moscow shares these sentiments") is its country's government there."""
    for key in [k for k, e in names.entities.items() if e.known and names.is_place(k)]:
        for span in list(names.entities[key].spans):
            if key in names.entities and cues.AGENT_AFTER.match(names.text[span[1] : span[1] + 30]):
                metonym(names, key, span)
