"""Step 5: titles tied to persons, which the rules make posts of: a title after a name ("Mikhail
Bogdanov, Russia’s Deputy Foreign Minister and presidential envoy to ...") and a title before one
("Foreign Minister Asaad Al-Shibani", noted while finding the names).
"""

import re

from kg.draft.known import name_key
from kg.draft.rules import cues
from kg.draft.rules.names.found import Names, RuleEntity, Title

# A title set off before the name by a comma: "the President of Nigeria, Bola Ahmed Tinubu", "his UK
# counterpart, Secretary of State for Defence, John Healey", "his US counterpart, Ashton Carter".
_OF = r"(?:\s+(?:of|for|to)\s+(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)"  # "the Ambassador of Brazil to India, X"
_COMMA_TITLE = re.compile(
    rf"(?:(?P<country>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)\s+counterpart,\s+)?"
    rf"(?P<title>(?:{cues.TITLE.pattern}){_OF}{{0,2}}|(?<=\s)counterpart),\s+$"
)
# A spokesperson's title in lower case before the name: "chief Pentagon spokesperson Dana W. White"
_SPOKES_TITLE = re.compile(
    r"(?:\b(?:chief|senior|deputy|principal|acting)\s+)?(?:[A-Z][\w.]*\s+){0,3}"
    r"(?:spokesperson|spokesman|spokeswoman|press secretary)\s+$"
)


def titles(names: Names) -> None:
    # each person's titles, and the persons by name: asked for every mention and every pending title,
    # scanning all titles and all entities each time grew with the square of the text
    by_person: dict[str, list[Title]] = {}
    for t in names.titles:
        by_person.setdefault(t.person, []).append(t)
    for ent in [e for e in names.entities.values() if "Person" in e.classes]:
        for begin, end in ent.spans:
            known = len(names.titles)
            _appositive(names, ent, begin, end)
            for t in names.titles[known:]:
                by_person.setdefault(t.person, []).append(t)
            _set_off_before(names, ent, begin, by_person.get(ent.key, []))
    by_name: dict[str, RuleEntity] = {}
    for e in names.entities.values():
        by_name.setdefault(name_key(e.label), e)
    for pending in names.pending_titles:
        _before_name(names, *pending, by_name=by_name)


def _set_off_before(names: Names, ent: RuleEntity, begin: int, own: list[Title] | None = None) -> None:
    """A title before the name, set off by a comma or in lower case (``_COMMA_TITLE``,
    ``_SPOKES_TITLE``), with the country it names or the one before "counterpart". ``own``: the
    person's titles found so far (all titles are searched without it)."""
    own = names.titles if own is None else own
    if names.in_heading(begin) or any(t.person == ent.key and t.end >= begin > t.begin for t in own):
        return
    window = names.text[max(0, begin - 120) : begin]
    offset = begin - len(window)
    m = _COMMA_TITLE.search(window) or _SPOKES_TITLE.search(window)
    if m is None or "\n" in m.group(0):
        return
    title = m.group("title") if "title" in m.groupdict() else m.group(0).strip()
    title_begin = offset + (m.start("title") if "title" in m.groupdict() else m.start())
    country = None
    if "country" in m.groupdict() and m.group("country"):
        country = names.country_of(m.group("country"))
        if country is None:
            return  # "his Kestrian counterpart" names a country the rules do not know: no guessed post
        title_begin = offset + m.start("country")
        title = m.group("country") + " " + title if title == "counterpart" else title
    of = re.search(r"\s(?:of|for)\s+(?:the\s+)?([A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)\s*$", title)
    if country is None and of:
        country = names.country_of(of.group(1))
    sent = re.match(r".*?\sof\s+(?:the\s+)?([A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)\s+to\s", title)
    if country is None and sent:  # "Ambassador of Brazil to India": the state that sends the ambassador
        country = names.country_of(sent.group(1))
    names.pending_titles.append((title_begin, begin - 1, title, ent.label, country))


def _appositive(names: Names, ent: RuleEntity, begin: int, end: int) -> None:
    """'Mikhail Bogdanov, Russia’s Deputy Foreign Minister and presidential envoy to ...' and
    'Ahmad Al-Sharaa, head of the Syrian administration': up to two titles after the name."""
    m = re.match(r",\s+(?:(?:the|a|an)\s+)?(?:([A-Z][\w-]*)[’']s\s+)?", names.text[end : end + 160])
    if not m:
        return
    at = end + m.end()
    country = names.country_of(m.group(1))
    for _ in range(2):
        rest = names.text[at : at + 140]
        t = cues.TITLE.match(rest) or cues.HEAD_OF.match(rest)
        if not t:
            break
        stop = at + t.end()
        tail_m = cues.TITLE_TAIL.match(names.text, stop) if cues.TITLE.match(rest) else None
        if tail_m:
            stop = tail_m.end()
        names.titles.append(Title(begin, stop, names.text[at:stop], ent.key, country, False))
        if country:
            ent.props.setdefault("country", [country])
        more = re.match(r"\s+and\s+", names.text[stop : stop + 8])
        if not more:
            break
        at = stop + more.end()


def _before_name(
    names: Names,
    title_begin: int,
    title_end: int,
    title_text: str,
    name: str,
    country: str | None,
    by_name: dict[str, RuleEntity] | None = None,
) -> None:
    """A title seen before a person's name, with "former" ("ousted", "late") and an owner ("Russia’s")
    before it. ``by_name``: the first entity of each name key (else the entities are searched)."""
    if by_name is not None:
        ent = by_name.get(name_key(name))
    else:
        ent = next((e for e in names.entities.values() if e.label == name or name_key(name) == name_key(e.label)), None)
    if ent is None or "Person" not in ent.classes:
        return
    start = title_begin
    former = cues.FORMER.search(names.text[max(0, start - 12) : start])
    if former:
        start = former.start() + max(0, start - 12)
    name_end = next((e for b, e in ent.spans if b > title_end), None)
    if name_end is None:
        return
    before = _country_before(names, start)
    if country is None and before is not None:  # "US Secretary of State ...", "UK Ambassador ...": a known country
        country = before
        start = min(b for b, e in names.entities[before].spans if e == start - 1 and names.text[e:start] == " ")
    owner = re.search(r"([A-Z][\w-]*)[’']s\s+$", names.text[max(0, start - 40) : start])
    if country is None and owner:
        country = names.country_of(owner.group(1))
    of = re.match(r"\s+of\s+(?:the\s+)?([A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)", names.text[name_end : name_end + 60])
    word = (of.group(1).rstrip(".") if of.group(1).count(".") == 1 else of.group(1)) if of else None
    # "Vice President Ana Ostrom of Nigeria": a country of the gazetteer the text names nowhere else too
    found = (
        names.country_of(word, (name_end + of.start(1), name_end + of.start(1) + len(word))) if of and word else None
    )
    if country is None and found:
        country = found
        name_end += of.end()  # type: ignore[union-attr]  # "Prime Minister Cameron of the UK": the post's words run to the country
    label = re.sub(r"^(?:[A-Z][a-z]+(?:an|ian|ese|ish|i)\s+)", "", title_text) or title_text
    names.titles.append(Title(start, name_end, label, ent.key, country, bool(former)))


def _country_before(names: Names, start: int) -> str | None:
    """The first country (in the entities' order) with a mention that ends one space before ``start``,
    from the index of mentions (``text[e:start] == " "`` holds only for ``e == start - 1``)."""
    if start < 1 or names.text[start - 1] != " ":
        return None
    keys = {k for _, e, k in names.index.within(start - 1 - names.index.longest, start - 1) if e == start - 1}
    countries = [k for k in keys if "Country" in names.entities[k].classes]
    if len(countries) < 2:
        return countries[0] if countries else None
    return next(c.key for c in names.countries() if c.key in countries)
