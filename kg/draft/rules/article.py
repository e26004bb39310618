"""Claims that come from names rather than from cue words in a sentence, and what an article says about
itself: posts from titles, conferences from their names, editorial notes, the reporting publisher.
"""

import re

from kg.draft import gazetteer
from kg.draft.known import slug
from kg.draft.rules import cues
from kg.draft.rules.names import Title
from kg.draft.rules.reading import Reading, RuleClaim, Unit

AGENTS = ("Person", "Organization", "GovernmentBody", "Government", "Ministry", "NewsPublisher")


def posts(r: Reading) -> None:
    """A post for each title tied to a person, in the organisation or state its words name. A title
    that names none takes the organisation of the post listed just before it in the same sentence
    ("X, head of the Syrian administration, Foreign Minister Y"), marked for review; a former title
    that names none is the person's ``formerly`` ("ousted President"): a post needs its organisation."""
    by_key: dict[tuple, RuleClaim] = {}
    seen: dict[str, list[tuple[int, int]]] = {}  # a title's words -> where a heading has them
    # (sentence, organisation, where its holder's name ends) of the last post
    listed: tuple[tuple[int, int] | None, str | None, int] = (None, None, 0)
    for title in sorted(r.names.titles, key=lambda t: (t.begin, t.end)):
        if title.person not in r.entities:
            continue
        label = _post_label(r, title)
        key = (title.person, label.lower())
        if key in by_key:
            by_key[key].evidence.append((title.begin, title.end))
            by_key[key].evidence[:0] = [s for s in _in_headings(r, title, seen) if s not in by_key[key].evidence]
            continue
        inside = [
            k for _, _, k in r.mentions(title.begin, title.end) if k != title.person and r.is_a(k, "Organization")
        ]
        post_in, note = title.country or (inside[0] if inside else None), None
        # "Gary Ross, a spokesman for Mattis": where the person he speaks for holds his post
        post_in, note = (post_in, note) if post_in else _spoken_for(r, title, list(by_key.values()))
        in_headings = _in_headings(r, title, seen)
        if post_in is None:  # "Readout of the President's Call with Prime Minister Cameron of the UK"
            post_in = next((c for c in (_country_after(r, e) for _, e in in_headings) if c), None)
        if post_in is None:
            post_in = _seat_of_publisher(r, title)
            note = "postIn is the publisher, which the place in the title stands for: check it" if post_in else None
        sentence = r.sentence_of(title.begin)
        if (
            post_in is None
            and listed[1] is not None
            and sentence == listed[0]
            and re.fullmatch(r"[\s,]*(?:and\s+)?", r.text[listed[2] : title.begin])
        ):  # "X, head of the Syrian administration, Foreign Minister Y": a list; "A called B" is not one
            post_in = listed[1]
            note = (
                f"postIn taken from the post listed before it in the sentence ({r.entities[post_in].label}): check it"
            )
        name_begin = min((b for b, _ in r.entities[title.person].spans if title.begin < b < title.end), default=None)
        if post_in is None and title.former and name_begin is not None:  # "ousted President Bashar Al-Assad"
            r.entities[title.person].props.setdefault("formerly", []).append(r.text[title.begin : name_begin].strip())
            continue
        if post_in is None and not title.former:
            post_in = _publisher_country(r, title)
            note = "postIn is the publisher's country (the title names none): check it" if post_in else note
        if post_in is None:
            continue  # a post needs the state or body it is in: no guessed one, and no bare claim instead
        stem = "post-" + slug(r.entities[title.person].label.split()[-1])
        claim = r.claim("Post", (title.begin, title.end), "happened" if title.former else "ongoing", label, stem)
        claim.props["heldBy"] = [title.person]
        claim.evidence[:0] = in_headings
        if post_in:
            claim.props["postIn"] = [post_in]
            listed = (sentence, post_in, title.end)
        if note:
            claim.notes.append(note)
        by_key[key] = claim


def _spoken_for(r: Reading, title: Title, posts: list[RuleClaim]) -> tuple[str | None, str | None]:
    """ "a spokesman for Mattis": the state or body of the post of the person spoken for, read before."""
    if not re.search(r"\bspokes(?:man|woman|person)\s+for\b", r.text[title.begin : title.end]):
        return None, None
    for _, _, key in r.mentions(title.begin, title.end):
        if key == title.person or not r.is_a(key, "Person"):
            continue
        post = next((c for c in posts if c.props.get("heldBy") == [key] and c.props.get("postIn")), None)
        if post is not None:
            return post.props["postIn"][
                0
            ], f"postIn is that of the post of the person spoken for ({post.label}): check it"
    return None, None


def _in_headings(r: Reading, title: Title, seen: dict[str, list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """The same title and name written in a heading, which the names are not read from. ``seen``: the
    headings' matches of each title's words already looked for (a title is often written many times,
    and each search reads the whole text)."""
    written = r.text[title.begin : title.end]
    found = seen.get(written)
    if found is None:
        found = seen[written] = [
            m.span() for m in re.finditer(re.escape(written) + r"\b", r.text) if r.names.in_heading(m.start())
        ]
    return [span for span in found if span[0] != title.begin]


def _country_after(r: Reading, end: int) -> str | None:
    """The country an "of" right after a title and name names ("Prime Minister Cameron of the UK")."""
    of = re.match(r" of (?:the )?([A-Z][\w.]*(?: [A-Z][\w.]*)*)", r.text[end : end + 40])
    return r.names.country_of(of.group(1), (end + of.start(1), end + of.end(1))) if of else None


def seat_spokespersons(r: Reading) -> None:
    """ "A Downing Street spokesperson said:" in a release of the "Prime Minister's Office, 10 Downing
    Street": an unnamed spokesperson named by the seat the publisher's name names holds a post in the
    publisher (as the entity list knows it)."""
    publisher = _known_publisher(r)
    if publisher is None:
        return
    for ent in [e for e in r.entities.values() if e.classes == ["Person", "UnnamedAgent"]]:
        seat = re.fullmatch(r"(.+?)\s+(?:spokesperson|spokesman|spokeswoman)", ent.label)
        if seat is None or not ent.spans or not re.search(rf"\b{re.escape(seat.group(1))}\b", publisher.label):
            continue
        target = r.names.entity(
            f"entity:{publisher.entity}", publisher.label, list(publisher.classes), entity=publisher.entity
        )
        target.known = True
        claim = r.claim("Post", sorted(ent.spans)[0], "ongoing", ent.label, "post-spokesperson")
        claim.evidence += sorted(ent.spans)[1:]
        claim.props["heldBy"] = [ent.key]
        claim.props["postIn"] = [target.key]


def _seat_of_publisher(r: Reading, title: Title) -> str | None:
    """ "chief Pentagon spokesperson", "Pentagon Press Secretary" in a Department of Defense release,
    "Downing Street spokesperson" in one of the Prime Minister's Office: a facility or place in the title
    or just before it stands for the body that works there, which is the publisher when the publisher's
    name names the place or the publisher's country hosts it. The place's mention becomes the publisher's."""
    publisher = _known_publisher(r)
    if publisher is None:
        return None
    for b, e, key in r.mentions(max(0, title.begin - 40), title.end):
        ent = r.entities[key]
        if r.is_a(key, "Country", "City") or not r.is_a(key, "Facility", "Place"):
            continue
        if b < title.begin and not re.fullmatch(r"\s+", r.text[e : title.begin]):
            continue  # only the word right before the title ("Pentagon Press Secretary")
        if not (ent.label.lower() in publisher.label.lower() or _hosted_by_publisher_country(r, ent)):
            continue
        target = r.names.entity(
            f"entity:{publisher.entity}", publisher.label, list(publisher.classes), entity=publisher.entity
        )
        target.known = True
        ent.spans.remove((b, e))
        target.add((b, e))
        return target.key
    return None


def _hosted_by_publisher_country(r: Reading, ent) -> bool:
    """Whether the entity list says the facility is in the country the publisher's name names."""
    country = r.source.country()
    entry = next((k for k in r.names.corpus.known if k.entity and k.entity == ent.entity), None)
    host = next((str(v) for k, v in entry.props if k == "hostCountry"), None) if entry else None
    if country is None or host is None:
        return False
    return any(k.entity == host and set(k.names()) & set(country.names) for k in r.names.corpus.known)


def _known_publisher(r: Reading):
    """The entity-list organisation (not only a news publisher) the article's publisher names."""
    names = {n.lower() for n in r.source.publisher_names()}
    for known in r.names.corpus.known:
        if known.entity and names & {n.lower() for n in known.names()}:
            if any(c in known.classes for c in ("Ministry", "GovernmentBody", "Government")):
                return known
    return None


def _publisher_country(r: Reading, title: Title) -> str | None:
    """A bare title that shares a word with its publisher's name ("Defense Secretary" in a release of
    the "U.S. Department of Defense") is a post of the publisher's country, when the text names it."""
    country = r.source.country() or _governed_country(r)
    publisher = " ".join(r.source.publisher_names())
    if country is None or not publisher:
        return None
    shared = {w.lower() for w in re.findall(r"[A-Za-z]{4,}", title.label)} & {
        w.lower() for w in re.findall(r"[A-Za-z]{4,}", publisher)
    }
    if not shared:
        return None
    other = [c for c in r.entities[title.person].props.get("country", []) if r.entities[c].label not in country.names]
    other += [  # "Vice President Ada Bello of Nigeria", then "Vice President Ada Bello": still Nigeria's
        t.country
        for t in r.names.titles
        if t.person == title.person and t.country in r.entities and r.entities[t.country].label not in country.names
    ]
    words = re.findall(r"[A-Z][\w.]*", r.text[title.begin : title.end])
    if other or any((c := gazetteer.country_of_demonym(w)) and c.code != country.code for w in words):
        return None  # "British Defense Secretary X", "Iraqi Kurdistan Regional President": not the publisher's
    found = r.names.country_of(country.name)
    if found is None:  # named only inside another name ("the U.S.-United Kingdom relationship"), or not at all
        known = next((k for k in r.names.corpus.known if k.entity and set(k.names()) & set(country.names)), None)
        key = f"entity:{known.entity}" if known else f"name:{country.name.lower()}"
        ent = r.names.entity(key, known.label if known else country.name, ["Country"], entity=known and known.entity)
        ent.known = known is not None
        return ent.key
    return found


def _governed_country(r: Reading):
    """The country whose government the publisher is, as the entity list says ("The White House":
    governmentOf united-states), as the gazetteer knows it."""
    publisher = _known_publisher(r)
    of = next((str(v) for k, v in publisher.props if k == "governmentOf"), None) if publisher else None
    known = next((k for k in r.names.corpus.known if of and k.entity == of), None)
    found = [gazetteer.country(n) for n in known.names()] if known else []
    return next((c for c in found if c is not None), None)


def _post_label(r: Reading, title: Title) -> str:
    """The title's words, capitalised, with the country it is held in when the words name none."""
    country = r.entities[title.country].label if title.country in r.entities else None
    label = title.label[:1].upper() + title.label[1:]
    if label.isupper():  # a transcript's "PRESIDENT OF FRANCE": President of France
        label = " ".join(w.lower() if w in ("OF", "FOR", "THE", "TO") else w.capitalize() for w in label.split())
        label = re.sub(r"\b(?:of|for)\s+.*$", f"of {country}", label) if country else label
    ranks = "|".join(re.escape(rank) for rank in cues.RANKS)
    label = re.sub(rf"(?:\s+(?:{ranks}))+$", "", label) or label  # "Press Secretary Maj. Gen.": a rank, not the post
    words = label.split()
    for n in (2, 1):  # "French Defence Minister", "South Korean Foreign Minister": the country goes after "of"
        lead = " ".join(words[:n])
        if country and len(words) > n and gazetteer.country_of_demonym(lead) and not gazetteer.country(lead):
            label = " ".join(words[n:])
            break
    if country and not re.search(r"\b(?:of|to|for)\b", label):
        label = f"{label} of {country}"
    return label


def conference(r: Reading, key: str) -> RuleClaim:
    """The conference a conference's name stands for, made once."""
    existing = next((c for c in r.of_class("Conference") if c.head == key), None)
    if existing:
        return existing
    ent = r.entities[key]
    begin, end = ent.spans[0]
    window = r.lower[max(0, begin - 20) : begin]
    # "the upcoming Australia-United States Ministerial Consultations": the time word may stand before
    # the countries that open the name
    before = re.search(r"\b(?:upcoming|next|forthcoming)\s+(?:[\w’'-]+\s+){0,3}$", r.lower[max(0, begin - 60) : begin])
    status = "planned" if before else "happened"
    claim = r.claim("Conference", (begin, end), status, ent.label, "conference-" + slug(ent.label), head=key)
    claim.evidence = list(ent.spans)
    if re.search(r"\brecent\b", window):
        claim.props["timeDescription"] = ["recent"]
    return claim


def notes(r: Reading, unit: Unit) -> None:
    """An editorial note where the article speaks of itself ("this article", "the author")."""
    ub, ue = unit
    sentence = r.lower[ub:ue]
    if not re.search(r"\bthis (?:article|story|report)\b|\bthe author\b", sentence):
        return
    publishers = [k for _, _, k in r.mentions(ub, ue) if r.is_a(k, "NewsPublisher")]
    publisher = publishers[0] if publishers else r.article.get("translated_by")
    claim = r.claim("EditorialNote", (ub, ue), "happened", r.text[ub:ue].rstrip("."))
    claim.props["about"] = ["article"]
    if publisher:
        claim.according_to = publisher
        claim.props["reported_by"] = [publisher]
    translated = re.search(r"\btranslated(?:\s+and\s+\w+)?\s+by\s+", r.text[ub:ue])
    if translated and publishers:
        r.article["translated_by"] = publishers[0]
    author = [k for _, _, k in r.mentions(ub, ue) if k == "agent:the author"]
    if author and re.search(r"\bresponsib", sentence):
        r.article["responsible_party"] = author[0]


def reporting_publisher(r: Reading) -> str | None:
    """The publisher whose report the article is: one that sources spoke to, or that reported or quoted
    what the article tells (not one that only translated, published or edited it)."""
    for ent in r.entities.values():
        if "NewsPublisher" not in ent.classes:
            continue
        for b, e in ent.spans:
            if (
                cues.PUBLISHER_BEFORE.search(r.text[max(0, b - 80) : b])
                and not re.search(r"(?:translated|published|edited)", r.text[max(0, b - 40) : b])
                or cues.PUBLISHER_AFTER.match(r.text[e : e + 30])
                and "verified" not in r.text[e : e + 30]
            ):
                return ent.key
    return None


READOUT = re.compile(r"\s+(?:provided|gave|issued)\s+the\s+following\s+(?:readout|statement)|\s+said:\s*$", re.M)


def readout_source(r: Reading) -> str | None:
    """Who the whole readout is according to: the agent just before "provided the following readout" or
    before a "said:" that ends a line ("A Downing Street spokesperson said:")."""
    for m in READOUT.finditer(r.text):
        line_start = r.text.rfind("\n", 0, m.start()) + 1
        before = [k for b, e, k in r.outermost(line_start, m.start()) if e == m.start() and r.is_a(k, *AGENTS)]
        if before:
            return before[-1]
    return None


DATELINE = cues.DATELINE


def dateline(r: Reading) -> str | None:
    """ "WASHINGTON, Feb. 1, 2018 —", "BEIJING, Dec. 12 (Xinhua) --", "MOSCOW, March 3. /TASS/.",
    "NAIROBI, Kenya (AP) —": where
    (and when) the story was filed, as an editorial note about the article, with its city (of the article
    or the gazetteer); the agency named in it is the article's publisher, returned."""
    m = DATELINE.search(r.text)
    if m is None or r.text[: m.start()].count("\n") > 2:
        return None
    agency = None
    which = "agency" if m.group("agency") else "wire" if m.group("wire") else None
    if which:
        name = m.group(which)
        agency = r.new_entity(f"name:{name.lower()}", name, "NewsPublisher", (m.start(which), m.end(which)))
        if not r.entities[agency].known:  # a guess from the name alone: the dateline says what it is
            r.entities[agency].classes, r.entities[agency].notes = ["NewsPublisher"], []
        r.article["publisher"] = agency
    name = m.group("place").title()
    known = next((k for k, e in r.entities.items() if "City" in e.classes and name in (e.label, *e.aliases)), None)
    city = gazetteer.city(name)
    if known is None and city is None:
        return agency
    span = (m.start("place"), m.end("place"))
    key = known or r.new_entity(f"name:{name.lower()}", city.name if city else name, "City", span)
    guessed = r.entities[key]
    if not guessed.known and "City" not in guessed.classes:  # a guess from the name ("in Addis Ababa"): a city
        guessed.classes, guessed.notes = ["City"], []
        guessed.label = city.name if city else guessed.label
    r.entities[key].add(span)
    claim = r.claim("EditorialNote", (m.start(), m.end()), "happened", f"dateline {name}", "dateline")
    claim.props["about"] = ["article"]
    claim.props["location"] = [key]
    if m.group("date"):
        claim.props["timeDescription"] = [m.group("date")]
    if agency:
        claim.props["reported_by"] = [agency]
    return agency
