"""Step 5: titles tied to persons, which the rules make posts of: a title after a name ("Mikhail
Bogdanov, Russia’s Deputy Foreign Minister and presidential envoy to ...") and a title before one
("Foreign Minister Asaad Al-Shibani", noted while finding the names).
"""

import re

from kg.draft import gazetteer
from kg.draft.known import name_key
from kg.draft.rules import cues
from kg.draft.rules.names.capitalised import surnames
from kg.draft.rules.names.found import Names, RuleEntity, Title, class_from_name

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
        caps = _CAPITAL_TAIL.match(names.text, stop) if t.group(0).isupper() else None
        if tail_m:
            stop = tail_m.end()
        elif caps:  # "EMMANUEL MACRON, PRESIDENT OF FRANCE:" (a transcript's label): the post of France
            of = " ".join(w.capitalize() for w in caps.group(1).split())
            country = country or names.country_of(of)
            stop = caps.end() if country else stop
        names.titles.append(Title(begin, stop, names.text[at:stop], ent.key, country, False))
        if country:
            ent.props.setdefault("country", [country])
        more = re.match(r"\s+and\s+", names.text[stop : stop + 8])
        if not more:
            break
        at = stop + more.end()


_CAPITAL_TAIL = re.compile(r"\s+(?:OF|FOR)\s+(?:THE\s+)?([A-Z][A-Z-]+(?:\s+[A-Z][A-Z-]+)*)\b")


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


# Courtesy titles and honorifics before a name ("H.E. Dr. Ana Ruiz", "the Honourable John Kofi", "Ms.
# TANAKA Emi", "Sir Alan Grey") and post-nominal letters after it ("John Kofi MP"): a person's, never part
# of the name. "H.E." may reach the rules as its last letter ("E. Dr. Ana Ruiz"): the text before tells.
_HONORIFIC = (
    r"(?:H\.\s?E\.|(?:His|Her|Your)\s+Excellency|(?:Rt\.?\s+|Right\s+)?Hon(?:ourable|orable|\.)"
    r"|(?:Dr|Mr|Mrs|Ms|Mx|Prof)\.?(?=\s)|Sir(?=\s)|Dame(?=\s)|Professor(?=\s))"
)
_LEADING_HONORIFICS = re.compile(rf"(?:{_HONORIFIC}\s+)+")
_HONORIFIC_BEFORE = re.compile(rf"\b{_HONORIFIC}\s+$")
_POST_NOMINAL = re.compile(r",?\s+(?:MP|MEP|MLA|MHR)$")
_PERSON_NAME = re.compile(r"[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|de|van|von|der|da|dos|del|di|bin|ibn))*")


def _without_honorifics(names: Names, begin: int, end: int) -> tuple[int, int, bool]:
    """The mention less the honorifics before and in it and the letters after it, and whether any
    honorific was there (before the mention or in it)."""
    text = names.text
    start = begin - 2 if text[max(0, begin - 2) : begin] == "H." and text.startswith("E.", begin) else begin
    lead = _LEADING_HONORIFICS.match(text, start)
    cut = max(begin, lead.end()) if lead else begin
    tail = _POST_NOMINAL.search(text, cut, end)
    stop = tail.start() if tail else end
    before = _HONORIFIC_BEFORE.search(text[max(0, begin - 40) : begin])
    return cut, stop, bool(lead or tail or before)


def _excellency(names: Names, ent: RuleEntity) -> bool:
    """Whether the name begins with the "E." of an "H.E." before it."""
    return any(names.text[max(0, b - 2) : b] == "H." and names.text.startswith("E.", b) for b, _ in ent.spans)


def _case_of_a_name(label: str) -> str:
    """ "TANAKA Emi" (a family name in capitals, as Japan's foreign ministry writes it) is Tanaka Emi, and
    "JANE DOE" (a transcript's speaker label) Jane Doe."""
    words = label.split()
    if len(words) > 1 and (any(not w.isupper() for w in words) or all(w.isalpha() and len(w) > 1 for w in words)):
        return " ".join(w.capitalize() if w.isupper() and len(w) > 2 and w.isalpha() else w for w in words)
    return label


def courtesy(names: Names) -> None:
    """Honorifics and post-nominal letters come off the names guessed from capitals, and what is left
    of such a name is a person ("H.E. Dr. Ana Ruiz" is Ana Ruiz, "Hon. Maria Lopez" a person). A name
    that was only an honorific ("Hon") is dropped."""
    for key in [k for k, e in names.entities.items() if not e.known]:
        ent = names.entities.get(key)
        if ent is None or not ent.spans:
            continue
        spans, courteous = [], False
        for begin, end in ent.spans:
            cut, stop, seen = _without_honorifics(names, begin, end)
            courteous = courteous or seen
            if stop > cut:
                spans.append((cut, stop))
        if not courteous:
            continue
        label = _POST_NOMINAL.sub(
            "", _LEADING_HONORIFICS.sub("", re.sub(r"^E\.\s+", "", ent.label) if _excellency(names, ent) else ent.label)
        )
        if spans and (not _PERSON_NAME.fullmatch(label) or class_from_name(label) is not None):
            continue  # "Mr. Smith's Bakery Ltd": an honorific inside some other name
        if spans == list(ent.spans) and label == ent.label:
            if "Person" not in ent.classes:  # "Hon. Maria Lopez": the honorific before the name tells
                ent.classes, ent.notes = ["Person"], []
            continue
        del names.entities[key]
        if spans:
            _renamed(names, ent, _case_of_a_name(label), spans)
    _people_by_appositive(names)
    _portfolio_off(names)
    surnames(names)
    _family_names_in_capitals(names)


# After a person's name or last name: an age ("Feltman, 63,") or a role noun set off by a comma
# ("Jane Roe, another veteran diplomat,", "Ana Ruiz, a former envoy,").
_PERSON_AFTER = re.compile(
    r",\s+(?:\d{2},|(?:another|a|an)\s+(?:(?:veteran|career|senior|former|top|retired|longtime)\s+)*"
    r"(?:diplomat|envoy|ambassador|official|lawmaker|politician|journalist|economist|analyst|negotiator|activist)\b)"
)


def _people_by_appositive(names: Names) -> None:
    """A name of two or three words guessed an organisation or a place is a person when it, or its last
    word alone, is set off by an age or a role noun ("Jeffrey Feltman, another veteran diplomat", later
    "Feltman, 63,")."""
    for ent in list(names.entities.values()):
        words = ent.label.split()
        if ent.known or "Person" in ent.classes or len(words) not in (2, 3) or not _PERSON_NAME.fullmatch(ent.label):
            continue
        if class_from_name(ent.label) is not None or gazetteer.country(ent.label) or gazetteer.city(ent.label):
            continue
        short = names.entities.get(f"name:{name_key(words[-1])}")
        spans = [*ent.spans, *(short.spans if short is not None and not short.known else [])]
        if any(_PERSON_AFTER.match(names.text, e) for _, e in spans):
            ent.classes, ent.notes = ["Person"], []


_TITLE_OF = re.compile(rf"\b(?:{cues.TITLE.pattern})\s+(?:of|for)\s+(?:the\s+)?$", re.I)


def _portfolio_off(names: Names) -> None:
    """ "Secretary of State Antony Blinken" guessed as a person "State Antony Blinken": the words of the
    portfolio after "Secretary of" are the title's, and the person is Antony Blinken (also a family name
    alone: "Secretary of Commerce Pritzker" is Pritzker)."""
    for ent in [e for e in names.entities.values() if "Person" in e.classes and not e.known]:
        words = ent.label.split()
        lead = 0
        while lead < len(words) - 1 and words[lead] in cues.PORTFOLIO_WORDS:  # "State Kerry": Kerry
            lead += 1
        if not lead:
            continue
        cut = len(" ".join(words[:lead])) + 1
        if not all(
            _TITLE_OF.search(names.text[max(0, b - 40) : b]) for b, e in ent.spans if names.text[b:e] == ent.label
        ):
            continue
        spans = [(b + cut, e) if names.text[b:e] == ent.label else (b, e) for b, e in ent.spans]
        del names.entities[ent.key]
        _renamed(names, ent, ent.label[cut:], spans)
        for b, e in ent.spans:  # the title before the name makes a post, as one found with the name does
            title = _TITLE_OF.search(names.text[max(0, b - 40) : b]) if names.text[b:e] == ent.label else None
            if title is not None:
                begin = max(0, b - 40) + title.start()
                text = names.text[begin : b + cut].strip()
                names.pending_titles.append((begin, b + cut - 1, text, ent.label[cut:], None))


def _renamed(names: Names, ent: RuleEntity, label: str, spans: list[tuple[int, int]]) -> None:
    """The person a name less its honorifics names (one found already, or a new one), with the mentions."""
    person = names.entities.get(f"name:{name_key(label)}")
    if person is None:
        person = names.entity(f"name:{name_key(label)}", label, ["Person"])
    elif not person.known:
        person.classes, person.notes = ["Person"], []
    for span in spans:
        person.add(span)
    for prop, values in ent.props.items():
        person.props.setdefault(prop, values)
    names.pending_titles[:] = [(*p[:3], label if p[3] == ent.label else p[3], p[4]) for p in names.pending_titles]


def _family_names_in_capitals(names: Names) -> None:
    """ "Ms. TANAKA Emi ... Minister Tanaka", "TANAKA said": a family name written in capitals before the
    given name is the person's short name, when exactly one person's name begins with it."""
    firsts: dict[str, list[RuleEntity]] = {}
    for ent in names.entities.values():
        if "Person" in ent.classes and not ent.known and ent.label != _case_of_a_name(ent.label):
            old, ent.label = ent.label, _case_of_a_name(ent.label)
            names.pending_titles[:] = [(*p[:3], ent.label if p[3] == old else p[3], p[4]) for p in names.pending_titles]
        words = ent.label.split()
        if "Person" in ent.classes and len(words) == 2:
            if any(names.text[b:e].split()[0].isupper() for b, e in ent.spans):
                firsts.setdefault(words[0], []).append(ent)
    for first, found in sorted(firsts.items()):
        if len(found) != 1:
            continue
        person = found[0]
        for written in {first, first.upper()}:
            guessed = names.entities.get(f"name:{name_key(written)}")
            if guessed is None or guessed is person or guessed.known or guessed.label.casefold() != first.casefold():
                continue
            del names.entities[guessed.key]
            for span in guessed.spans:
                if not names.index.containing(*span):
                    person.add(span)
            if first not in person.aliases:
                person.aliases.append(first)
            names.pending_titles[:] = [
                (*p[:3], person.label if p[3] == guessed.label else p[3], p[4]) for p in names.pending_titles
            ]
