"""Step 2: agents named by a description rather than a name: unnamed sources and companies ("a Russian
source", "Russian companies"), collectives ("Syrian officials"), governments and ministries named by
their country ("the Syrian administration"), ports ("the port of Tartus") and "the author".
"""

import re

from kg.draft import gazetteer
from kg.draft.known import name_key
from kg.draft.rules import cues
from kg.draft.rules.names.found import Names, Title

# "A Downing Street spokesperson said:", "a Kremlin spokesman", "a government spokesperson": a person named
# by the office (its seat, or the office in lower case)
_SEAT_SPOKESPERSON = re.compile(
    r"(?:\b[Aa]n?\s+|^)((?:(?:[A-Z][\w’'-]*|government|foreign|defen[cs]e|ministry|army|military|embassy|police"
    r"|presidential|state department)\s+){1,3}(?:spokesperson|spokesman|spokeswoman))\b",
    re.M,
)


# "a spokesman said", "a spokeswoman told reporters": a spokesperson of no named office, who speaks
# on the record (an appositive "Ana Ruiz, a spokeswoman, said" and "a spokesman for X" are the titles')
_BARE_SPOKESPERSON = re.compile(
    r"\b[Aa]n?\s+((?:[a-z]+\s+){0,2}spokes(?:man|woman|person))\s+(?:said|says|told|added)\b"  # "a bank spokesman"
)
# "a senior official said", "an Iranian official told Reuters": an official not named, a source
_UNNAMED_OFFICIAL = re.compile(
    rf"\b[Aa]n?\s+(?:(?:senior|top|high-ranking|government|administration|defen[cs]e|military)\s+)*"
    rf"(?:(U\.S\.|US|U\.K\.|UK|{cues.DEMONYM})\s+)?(?:(?:government|administration|defen[cs]e|military)\s+)?"
    r"official(?=\s+(?:said|says|told|added)\b)"
)


def described(names: Names) -> None:
    _unnamed(names)
    _envoys(names)
    _titled_by_country(names)
    _spokespersons(names)
    _collectives(names)
    _governments(names)
    _ministries(names)
    _embassies(names)
    _ports(names)
    _the_source(names)


def _unnamed(names: Names) -> None:
    for m in cues.UNNAMED_SOURCE.finditer(names.text):
        label = re.sub(r"^(?:an?|one)\s+", "", m.group(0))
        ent = names.entity(f"source:{name_key(label)}", m.group(0), ["UnnamedSource"])
        ent.add(m.span())
        names.country_prop(ent, "country", m.group(1))
    for m in _UNNAMED_OFFICIAL.finditer(names.text):
        if names.covered(*m.span()) or names.in_heading(m.start()):
            continue
        label = m.group(0)[0].lower() + m.group(0)[1:]
        words = re.sub(r"^an?\s+", "", label)
        ent = names.entity(f"source:{name_key(words)}", label, ["UnnamedSource"])
        ent.add(m.span())
        names.country_prop(ent, "country", m.group(1))
    for m in _BARE_SPOKESPERSON.finditer(names.text):
        if names.covered(*m.span(1)) or names.in_heading(m.start()):
            continue
        ent = names.entity(f"unnamed:{m.group(1)}", m.group(1), ["Person", "UnnamedAgent"])
        ent.add(m.span(1))
    for m in cues.UNNAMED_COMPANY.finditer(names.text):
        label = re.sub(r"^an?\s+", "", m.group(0))
        ent = names.entity(f"company:{name_key(label)}", f"unnamed {label}", ["Company", "UnnamedAgent"])
        ent.add(m.span())
        names.country_prop(ent, "country", m.group(1))


# "North Korea's United Nations ambassador", "Kenya's envoy": a person named by the post a country gave
_ENVOY = re.compile(
    r"\b((?:[A-Z][a-z]+\s+)?[A-Z][a-z]+)[’']s\s+((?:(?:United Nations|UN|U\.N\.|EU|NATO|African Union)\s+)?"
    r"(?:ambassador|envoy|permanent representative|special envoy))\b(?!\s+(?:to\s+)?[A-Z])"
)


def _envoys(names: Names) -> None:
    """ "met with North Korea's United Nations ambassador": an unnamed person, whose post the titles keep
    (in the country the words name); a name after the words ("Kenya's envoy Jane Roe") is the person."""
    for m in _ENVOY.finditer(names.text):
        begin = m.start(1)
        country = names.country_of(m.group(1))
        if country is None and " " in m.group(1):  # "Meanwhile Kenya's envoy"
            begin = m.start(1) + m.group(1).rindex(" ") + 1
            country = names.country_of(names.text[begin : m.end(1)])
        if country is None or names.in_heading(begin):
            continue
        label = names.text[begin : m.end()]
        ent = names.entity(f"unnamed:{name_key(label)}", label, ["Person", "UnnamedAgent"])
        ent.add((begin, m.end()))
        ent.props.setdefault("country", [country])
        names.titles.append(Title(begin, m.end(), m.group(2), ent.key, country, False))


# "I want to commend the Indonesian President", "the French Foreign Minister said": a person named by a
# title and the country it is held in, with no name after it
_TITLED = re.compile(
    rf"\b[Tt]he\s+(?P<demonym>[A-Z][a-z]+)\s+(?P<title>(?:(?:{'|'.join(cues.TITLE_MODIFIERS)})\s+)*"
    rf"(?:President|Prime Minister|Premier|Chancellor|Foreign Minister|Minister|Ambassador|ambassador|Envoy|envoy"
    rf"|King|Queen|Emir))\b(?!\s+(?:of|for|to)\s+(?:the\s+)?[A-Z]|\s+[A-Z]|[’']s\s+[A-Z])"
)


def _titled_by_country(names: Names) -> None:
    """ "the Indonesian President" with no name after it: an unnamed person who holds that post in that
    country (one per title and country), unless the article names a holder with the same words
    ("Indonesian President Joko Widodo"): then it is left to the titles, which join it to him."""
    for m in _TITLED.finditer(names.text):
        if names.in_heading(m.start()) or names.covered(m.start("demonym"), m.end("title")):
            continue
        country = names.country_of(m.group("demonym"), (m.start("demonym"), m.end("demonym")))
        if country is None:
            continue
        words = f"{m.group('demonym')} {m.group('title')}"
        if re.search(rf"\b{re.escape(words)}\s+[A-Z]", names.text):
            continue  # "Kenyan President William Ruto ... the Kenyan President": Ruto, whom the titles join
        label = f"the {words}"
        ent = names.entity(f"unnamed:{name_key(label)}", label, ["Person", "UnnamedAgent"])
        ent.add((m.start(), m.end("title")))
        ent.props.setdefault("country", [country])
        names.titles.append(Title(m.start(), m.end("title"), m.group("title"), ent.key, country, False))


def _spokespersons(names: Names) -> None:
    """An unnamed person per office ("Downing Street spokesperson"), not the seat as an organisation."""
    for m in _SEAT_SPOKESPERSON.finditer(names.text):
        if names.covered(m.start(1), m.end(1)) or names.in_heading(m.start(1)):
            continue
        label = m.group(1)
        ent = names.entity(f"unnamed:{name_key(label)}", label, ["Person", "UnnamedAgent"])
        ent.add(m.span(1))


def _collectives(names: Names) -> None:
    for m in cues.COLLECTIVE.finditer(names.text):
        noun = cues.SYNONYMS.get(m.group(2), m.group(2))
        words = f"{m.group(1)} {m.group(2)}"
        ent = names.entity(f"collective:{m.group(1).lower()} {noun}", words, ["CollectiveAgent"])
        if words != ent.label and words not in ent.aliases:
            ent.aliases.append(words)
        ent.add((m.start(1), m.end(2)))
        names.country_prop(ent, "country", m.group(1))
    for m in cues.OTHER_OFFICIALS.finditer(names.text):
        names.entity("collective:other officials", "other officials", ["CollectiveAgent"]).add(m.span())
    for m in cues.THE_AUTHOR.finditer(names.text):
        names.entity("agent:the author", "the author", ["UnnamedAgent"]).add(m.span())


def _governments(names: Names) -> None:
    for pattern in (cues.GOVERNMENT_BY_DEMONYM, cues.GOVERNMENT_BY_COUNTRY):
        for m in pattern.finditer(names.text):
            country, begin = names.country_of(m.group(1)), m.start()
            if pattern is cues.GOVERNMENT_BY_COUNTRY and country is None and " " in m.group(1):
                # "In Syria's government": the country is the last word only
                begin = m.start(1) + m.group(1).rindex(" ") + 1
                country = names.country_of(names.text[begin : m.end(1)])
            if pattern is cues.GOVERNMENT_BY_COUNTRY and country is None:
                continue
            key = f"government:{country or m.group(1).lower()}"
            label = re.sub(r"^(?:new|current|transitional|interim)\s+", "", names.text[begin : m.end()])
            ent = names.entity(key, label, ["Government"])
            ent.add((begin, m.end()))
            if country:
                ent.props.setdefault("governmentOf", [country])


def _ministries(names: Names) -> None:
    for pattern in (cues.MINISTRY_BY_DEMONYM, cues.MINISTRY_BY_COUNTRY):
        for m in pattern.finditer(names.text):
            country = names.country_of(m.group(1))
            if pattern is cues.MINISTRY_BY_COUNTRY and country is None and not gazetteer.country(m.group(1)):
                continue  # "Russia's foreign ministry" before Russia is found: a country all the same
            label = m.group(0)
            ent = names.entity(f"ministry:{name_key(label)}", label, ["Ministry"])
            ent.add(m.span())
            if country:
                ent.props.setdefault("governmentOf", [country])


def _embassies(names: Names) -> None:
    """A state's embassy, named by the state or its demonym ("China's embassy in Manila criticized the
    deal"): a government body, the speaker of what it said, where "Manila" alone was taken for one."""
    for pattern in (cues.EMBASSY_BY_COUNTRY, cues.EMBASSY_BY_DEMONYM):
        for m in pattern.finditer(names.text):
            country = names.country_of(m.group(1))
            if country is None and not gazetteer.country_of_demonym(m.group(1)):
                continue  # "Smith's embassy": no state
            if names.covered(*m.span()) or names.in_heading(m.start()):
                continue
            ent = names.entity(f"embassy:{name_key(m.group(0))}", m.group(0), ["GovernmentBody"])
            ent.add(m.span())
            if country:
                ent.props.setdefault("governmentOf", [country])


def _ports(names: Names) -> None:
    for m in cues.PORT_OF.finditer(names.text):
        place = next((e for e in names.entities.values() if (m.start(1), m.end(1)) in e.spans), None)
        ent = names.entity(f"port:{name_key(m.group(1))}", f"port of {m.group(1)}", ["Port"])
        ent.add(m.span())
        if place is not None:
            ent.props.setdefault("nearPlace", [place.key])
            for country in place.props.get("country", []):
                ent.props.setdefault("hostCountry", [country])


def _the_source(names: Names) -> None:
    """ "The source" after an unnamed source is that source again."""
    for ent in names.entities.values():
        if "source:" in ent.key:
            for m in re.finditer(r"\b[Tt]he source\b", names.text):
                if m.start() > ent.spans[0][0]:
                    ent.add(m.span())
