"""The entities found so far in an article, and the questions every step of finding them asks: is a
stretch of text already a mention, which country a demonym stands for, is an entity a place or an agent.
"""

import bisect
import re
from dataclasses import dataclass, field

from rdflib.namespace import PROV

from kg.core.checks import fits
from kg.draft import gazetteer
from kg.draft.known import KnownNames, name_key
from kg.draft.rules import cues
from kg.draft.rules.names.spans import Entities, SpanIndex, TrackedSpans
from kg.draft.schema import DraftVocabulary
from kg.draft.text import Paragraph
from kg.draft.text import whole_word_spans as whole_word_spans_of


@dataclass
class RuleEntity:
    """An entity the rules found: its key (``name:...``, ``entity:...``, ``government:...``), its
    mentions as offsets, and properties whose values are other entities' keys."""

    key: str
    label: str
    classes: list[str]
    spans: list[tuple[int, int]] = field(default_factory=list)
    entity: str | None = None  # corpus entity id
    props: dict[str, list[str]] = field(default_factory=dict)  # values are other entities' keys
    notes: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    known: bool = False
    _index: SpanIndex | None = field(default=None, init=False, repr=False, compare=False)

    def __setattr__(self, name: str, value) -> None:
        """``spans`` is always a list that tells the article's span index of its changes."""
        if name == "spans":
            index = getattr(self, "_index", None)
            if index is not None:
                index.remove(self, self.spans)
            value = TrackedSpans(value, self)
            if index is not None:
                index.add(self, value)
        object.__setattr__(self, name, value)

    def add(self, span: tuple[int, int]) -> None:
        if span not in self.spans:
            self.spans.append(span)
            self.spans.sort()


@dataclass(frozen=True)
class Title:
    """A title tied to a named person ("Foreign Minister Asaad Al-Shibani"): a post for the rules."""

    begin: int
    end: int
    label: str
    person: str  # entity key
    country: str | None
    former: bool


# A title seen before a person's name: (title begin, end, words, the person's name, country).
PendingTitle = tuple[int, int, str, str, str | None]


def class_from_name(name: str) -> str | None:
    for pattern, cls in cues.NAME_HEADS:
        if re.search(pattern, name):
            return cls
    return None


class Names:
    """The entities found so far (by key), and titles seen for persons; each step of ``find_names``
    adds to them."""

    def __init__(self, text: str, paragraphs: list[Paragraph], corpus: KnownNames, vocab: DraftVocabulary):
        self.text, self.paragraphs, self.corpus, self.vocab = text, paragraphs, corpus, vocab
        self.entities = Entities()  # a dict of RuleEntity by key, with an index of their mentions (``spans``)
        self.index: SpanIndex = self.entities.index
        self.titles: list[Title] = []
        self.pending_titles: list[PendingTitle] = []
        self.sentence_starts = {b for p in paragraphs for b, _ in p.sentences}
        self.sorted_sentence_starts = sorted(self.sentence_starts)
        self.heading_spans = sorted((p.begin, p.end) for p in paragraphs if p.heading)
        self._heading_begins = [b for b, _ in self.heading_spans]
        self.lower_words = set(re.findall(r"\b[a-z][\w-]*\b", text))

    def covered(self, begin: int, end: int) -> bool:
        return self.index.overlapping(begin, end)

    def in_heading(self, begin: int) -> bool:
        """By bisection: the headings are lines, in text order (one heading a story of a long text)."""
        at = bisect.bisect_right(self._heading_begins, begin)
        return at > 0 and begin < self.heading_spans[at - 1][1]

    def entity(self, key: str, label: str, classes: list[str], **extra) -> RuleEntity:
        if key not in self.entities:
            self.entities[key] = RuleEntity(key, label, classes, **extra)
        return self.entities[key]

    def countries(self) -> list[RuleEntity]:
        return [e for e in self.entities.values() if "Country" in e.classes]

    def country_of(self, word: str | None, span: tuple[int, int] | None = None) -> str | None:
        """The country entity a demonym ("Russian") or a country name ("Russia") stands for; with the
        word's ``span``, a country of the gazetteer the article does not name otherwise is added, with the
        word as its mention ("Chinese President Xi Jinping": the post needs its country)."""
        if not word:
            return None
        for country in self.countries():
            for name in (country.label, *country.aliases):
                if word == name or (len(name) >= 4 and word.startswith(name[:-1]) and re.fullmatch(cues.DEMONYM, word)):
                    return country.key
        known = gazetteer.country_of_demonym(word)  # "U.S.", "British", "Chinese": the gazetteer's names
        if known:
            for ent in self.countries():
                if {ent.label, *ent.aliases} & set(known.names):
                    return ent.key
            if span is not None and not self.covered(*span):
                ent = self.entity(f"name:{known.name.lower()}", known.name, ["Country"])
                ent.add(span)
                return ent.key
        return None

    def country_prop(self, ent: RuleEntity, prop: str, word: str | None) -> None:
        country = self.country_of(word)
        if country:
            ent.props.setdefault(prop, [country])

    def is_place(self, key: str) -> bool:
        ent = self.entities.get(key)
        return ent is not None and any(self.vocab.is_a(c, "Place") for c in ent.classes) and not self.is_agent(key)

    def is_agent(self, key: str) -> bool:
        """What the loader accepts where the ontology asks for a prov:Agent (a country is one)."""
        ent, ontology = self.entities.get(key), self.vocab.ontology
        terms = [ontology.term(c) for c in ent.classes] if ent else []
        return fits(ontology, [t.iri for t in terms if t is not None], PROV.Agent) if terms else False


# Words that open a sentence or a speaker's turn ("Well, thank you", "Hopefully they will ..."), feasts
# of the calendar ("home by Easter"), and role nouns that open a sentence before a name ("Academic Jane
# Roe, of ...", "Economist Ana Ruiz said"): never names of agents of their own.
_DISCOURSE = frozenset(
    "Well Thank Thanks Yes No Okay Look Listen Sure Absolutely Indeed Now So Sorry Please Look Right Again".split()
)
# Short forms of titles ("the PM’s visit") and Roman numerals ("the PM’s XIII"): no names of agents
_TITLE_SHORT = frozenset("PM FM VP MP DPM".split())
_ROMAN = re.compile(r"[IVXLC]{2,}")
# The last word of a name of a building or ground ("Suncorp Stadium", "Lloyd Robson Oval"): a facility
_FACILITY_HEADS = frozenset("Stadium Oval Arena Airport Hotel".split())
_FEASTS = frozenset("Easter Christmas Ramadan Eid Diwali Hanukkah Passover Lent Advent Thanksgiving".split())
_ROLE_NOUNS = frozenset(
    "Academic Scholar Professor Researcher Economist Historian Analyst Lawyer Author Writer Expert Activist"
    " Journalist Diplomat Veteran Career Former Businessman Businesswoman Commentator Novelist Artist".split()
)
# "8:40 p.m. JST", "14:00 GMT": a time zone after a time is no organisation
_TIME_ZONE = re.compile(r"\d(?:\s*[ap]\.?m\.?)?\s*$")
_TIME_ZONES = frozenset(
    "JST KST GMT UTC BST CET CEST EET EST EDT CST CDT PST PDT MSK AEST AEDT IST SGT HKT WIB".split()
)
# "in the Trilateral talks", "at the Quad summit": a word before a noun of a meeting names no place
_MEETING_NOUN = re.compile(
    r"\s+(?:talks|meeting|meetings|summit|dialogue|consultations|negotiations|session|format|framework|process"
    r"|forum|conference|partnership|cooperation|relations|mechanism|agreement|initiative)\b"
)
# Languages that are no demonym of the gazetteer ("in English", "in Arabic"): never places or agents
_LANGUAGES = frozenset(
    "English Arabic Swahili Mandarin Cantonese Hindi Urdu Persian Farsi Pashto Hausa Yoruba Igbo".split()
)
_TURN_BEFORE = re.compile(r"(?:^|[.!?:]\s*|[.!?][”\"’']\s*)$")


def _opens(names: Names, begin: int) -> bool:
    """Whether a mention opens a sentence or a speaker's turn (after "PRIME MINISTER:")."""
    return bool(_TURN_BEFORE.search(names.text[max(0, begin - 4) : begin])) or begin in names.sentence_starts


def _all_capital_title(label: str) -> tuple[bool, str | None]:
    """ "PRIME MINISTER", "JOURNALIST", "PRESIDENT OF FRANCE" of a transcript's speaker labels: a title,
    no name; and the country it is of, if the gazetteer knows it ("FRANCE" is France)."""
    title, _, of = label.partition(" OF ")
    country = gazetteer.country(" ".join(w.capitalize() for w in of.split())) if of else None
    words = title.split()
    is_title = label.isupper() and all(w.capitalize() in cues.TITLE_WORDS or w in ("THE", "FOR") for w in words)
    return is_title and (not of or country is not None), country.name if country else None


def _country_in_capitals(names: Names, ent: RuleEntity, country: str) -> None:
    """The mentions of "FRANCE" in "PRESIDENT OF FRANCE": the country's, which is added if not found."""
    written = ent.label.partition(" OF ")[2]
    for begin, end in ent.spans:
        at = names.text.rfind(written, begin, end)
        span = (at, at + len(written))
        key = names.country_of(country, span)
        if key is not None and key in names.entities:
            names.entities[key].add(span)


def _modifier_of_a_meeting(names: Names, ent: RuleEntity) -> bool:
    """ "in the Trilateral talks": a place guessed from "in" for a word that only ever stands before a
    noun of a meeting (not a place of the gazetteer: "the Minsk talks" are in Minsk)."""
    return (
        ent.classes == ["Place"]
        and " " not in ent.label
        and not gazetteer.city(ent.label)
        and not gazetteer.country(ent.label)
        and all(_MEETING_NOUN.match(names.text, e) for _, e in ent.spans)
    )


def _host_country(names: Names, ent: RuleEntity) -> None:
    """The country of the city a facility is in, by the city's possessive before it or the city after
    it ("Brisbane's Suncorp Stadium", "Lloyd Robson Oval, Port Moresby"), if the article names it."""
    for begin, end in ent.spans:
        before = re.search(r"([A-Z][\w-]+(?:\s[A-Z][\w-]+)?)[’']s\s+$", names.text[max(0, begin - 30) : begin])
        after = re.match(r",\s+([A-Z][\w-]+(?:\s[A-Z][\w-]+)?)\b", names.text[end : end + 30])
        for m in (before, after):
            city = gazetteer.city(m.group(1)) if m else None
            country = gazetteer.country_by_code(city.country) if city else None
            key = names.country_of(country.name) if country else None
            if key is not None:
                ent.props.setdefault("hostCountry", [key])
                return


def _pair_of_countries(names: Names, ent: RuleEntity) -> bool:
    """ "UK-US cooperation", "Japan-U.S. close cooperation": two countries joined by a hyphen qualify a
    noun; they name no organisation (the capitals may cut "U.S." to "U": the text after tells)."""
    if "-" not in ent.label or gazetteer.country(ent.label) or not ent.notes:
        return False
    for _, end in ent.spans:
        tail = re.match(r"(?:\.[A-Z])+\.", names.text[end : end + 8])
        parts = (ent.label + (tail.group(0) if tail else "")).split("-")
        if not all(gazetteer.country(p) or gazetteer.country_of_demonym(p) for p in parts):
            return False
    return True


_ELIDED = re.compile(r"\s+and\s+(?:North|South|East|West)\s+([A-Z][\w-]+)")


def _elided_country(names: Names, ent: RuleEntity) -> bool:
    """ "South and North Korea": "South" is South Korea, the country's last word left to the second
    name; its mentions go to that country. "the two Koreas": the plural of a country names no agent."""
    if not ent.notes or " " in ent.label:
        return False
    singular = ent.label[:-1]
    if ent.label.endswith("s") and (
        gazetteer.country(singular) or any(c.label.endswith(" " + singular) for c in names.countries())
    ):
        return True
    if ent.label not in ("North", "South", "East", "West"):
        return False
    found = []
    for begin, end in ent.spans:
        m = _ELIDED.match(names.text, end)
        country = gazetteer.country(f"{ent.label} {m.group(1)}") if m else None
        if country is None:
            return False
        found.append((begin, end, country.name))
    del names.entities[ent.key]
    for begin, end, name in found:
        key = names.country_of(name) or names.entity(f"name:{name.lower()}", name, ["Country"]).key
        names.entities[key].add((begin, end))
    return True


def _language(ent: RuleEntity) -> bool:
    """ "issued in Japanese", "in English": a demonym or a language guessed a place or an organisation is
    the language (a people acting is a CollectiveAgent, which "Kenyans" gives, not "Japanese")."""
    guessed = ent.classes in (["Place"], ["Organization"]) and bool(ent.notes)
    demonym = gazetteer.country_of_demonym(ent.label) is not None and not gazetteer.country(ent.label)
    return guessed and " " not in ent.label and (demonym or ent.label in _LANGUAGES) and not gazetteer.city(ent.label)


# the words of an agreement, capitalised as a release writes them: the agreement's claim, no name
_AGREEMENT_WORDS = re.compile(r"(?:Memorand(?:um|a) of Understanding|MOUs?|MoUs?)")


def not_names(names: Names) -> None:
    """Drop the names guessed from capitals that are a word opening a turn or sentence, a feast, or a
    speaker label's title, and take a role noun opening the sentence off a name ("Academic Jane Roe" is
    Jane Roe, a person). Known names are left alone."""
    for key in [k for k, e in names.entities.items() if not e.known]:
        ent = names.entities[key]
        words = ent.label.split()
        if len(words) == 1 and (
            ent.label in _FEASTS
            or ent.label in _TITLE_SHORT
            or _ROMAN.fullmatch(ent.label) is not None
            or (ent.label in _DISCOURSE and all(_opens(names, b) for b, _ in ent.spans))
            or (
                ent.label.endswith("ly")
                and not gazetteer.country(ent.label)
                and not gazetteer.city(ent.label)
                and all(_opens(names, b) and names.text[e : e + 1] in (" ", ",") for b, e in ent.spans)
                and re.fullmatch(r"[A-Z][a-z]{3,}ly", ent.label) is not None
            )
        ):
            del names.entities[key]
        elif ent.label in _TIME_ZONES and all(_TIME_ZONE.search(names.text[max(0, b - 12) : b]) for b, _ in ent.spans):
            del names.entities[key]
        elif (
            _modifier_of_a_meeting(names, ent)
            or _language(ent)
            or _pair_of_countries(names, ent)
            or _AGREEMENT_WORDS.fullmatch(ent.label)  # "signed a Memorandum of Understanding (MOU)": an agreement
        ):
            del names.entities[key]
        elif (
            ent.notes
            and len(words) > 1
            and words[-1] in _FACILITY_HEADS
            and ent.classes in (["Organization"], ["Place"])
        ):
            ent.classes, ent.notes = ["Facility"], []  # "Suncorp Stadium": a place by name, not an organisation
            _host_country(names, ent)
        elif ent.classes == ["Port"] and gazetteer.city(ent.label):
            ent.classes = ["City"]  # "Port Moresby", "Port Louis": a city of the gazetteer, not a harbour
        elif _elided_country(names, ent):
            names.entities.pop(key, None)
        elif _all_capital_title(ent.label)[0]:
            del names.entities[key]
            country = _all_capital_title(ent.label)[1]
            if country:
                _country_in_capitals(names, ent, country)
        elif (
            len(words) in (3, 4)
            and words[0] in _ROLE_NOUNS
            and "Person" not in ent.classes
            and class_from_name(ent.label) is None
            and all(_opens(names, b) for b, _ in ent.spans)
        ):
            cut = len(words[0]) + 1
            label = ent.label[cut:]
            del names.entities[key]
            person = names.entity(f"name:{name_key(label)}", label, ["Person"])
            for b, e in ent.spans:
                person.add((b + cut, e))


# The last word of a name of a policy, programme or agreement that has "and" in it ("Women, Peace and
# Security", "Deep and Comprehensive Free Trade Area", "Strategic Defence and Security Review").
_TOPIC_HEADS = frozenset(
    "Area Partnership Security Review Agreement Strategy Initiative Framework Dialogue Programme Program"
    " Development Cooperation Plan Agenda Vision Roadmap Pact Policy Goals Prosperity Resilience".split()
)
_LIST_GAP = re.compile(r",\s+|\s+and\s+|,\s+and\s+")


def _chains(names: Names) -> list[list[tuple[int, int, str]]]:
    """Runs of guessed names set side by side in a list ("Women, Peace and Security"), ending at the
    name after "and"."""
    mentions = sorted(
        (b, e, k)
        for k, ent in names.entities.items()
        if not ent.known and "Person" not in ent.classes and class_from_name(ent.label) is None
        for b, e in ent.spans
    )
    chains: list[list[tuple[int, int, str]]] = []
    chain: list[tuple[int, int, str]] = []
    for mention in mentions:
        gap = names.text[chain[-1][1] : mention[0]] if chain else ""
        if chain and _LIST_GAP.fullmatch(gap) and "\n" not in gap:
            chain.append(mention)
            if "and" in gap:
                chains.append(chain)
                chain = []
            continue
        chain = [mention]
    return chains


_AND_AFTER_OF = re.compile(r"\s+and\s+(?:the\s+)?([A-Z][\w-]+)\b(?![\s-]+[A-Z])")


def _of_two(names: Names) -> None:
    """ "the Islamic State of Iraq and Syria", "... of Iraq and the Levant": a guessed name ending "of"
    a country, with "and" one more name after it, is one name over both (the second name's mention there
    is the longer name's). Names whose head word says what they are ("Ministry of Defence of Japan and
    ...") are left alone."""
    for ent in [e for e in names.entities.values() if not e.known and e.notes and e.classes == ["Organization"]]:
        of = re.search(r"\sof\s+(?:the\s+)?([A-Z][\w-]+)$", ent.label)
        if of is None or not gazetteer.country(of.group(1)) or class_from_name(ent.label) is not None:
            continue
        spans = []
        for begin, end in ent.spans:
            m = _AND_AFTER_OF.match(names.text, end)
            if m is None:
                break
            spans.append((begin, m.end()))
        else:
            for begin, end in spans:
                for b, e, k in names.index.within(begin, end):
                    if k != ent.key and k in names.entities and b > begin:
                        names.entities[k].spans.remove((b, e))
                        if not names.entities[k].spans:
                            del names.entities[k]
            del names.entities[ent.key]
            for begin, end in spans:  # one name for each way the text ends it
                label = names.text[begin:end]
                joined_name = names.entity(f"name:{name_key(label)}", label, ["Organization"], notes=list(ent.notes))
                joined_name.add((begin, end))
                _abbreviation_after(names, joined_name, end)


def joined(names: Names) -> None:
    """A name with "and" or commas in it that the capitals split ("Deep" and "Comprehensive Free Trade
    Area", "Women", "Peace" and "Security") is one topic, when its last word says it is a policy,
    programme or agreement; the abbreviation in brackets after it is the same topic. A topic is no agent:
    "Peace" is not an organisation of its own."""
    _of_two(names)
    _state_styles(names)
    for chain in _chains(names):
        begin, end = chain[0][0], chain[-1][1]
        label = names.text[begin:end]
        parts = [names.entities.get(k) for _, _, k in chain]
        if (
            label.split()[-1] not in _TOPIC_HEADS
            or any(p is None or gazetteer.country(p.label) or gazetteer.city(p.label) for p in parts)
            or class_from_name(label) is not None
        ):
            continue
        topic = names.entity(f"topic:{name_key(label)}", label, ["Topic"])
        for at_begin, at_end in [(begin, end), *whole_word_spans_of(names.text, label)]:
            for b, e, k in names.index.within(at_begin, at_end):
                if k in names.entities and not names.entities[k].known and k != topic.key:
                    names.entities[k].spans.remove((b, e))
                    if not names.entities[k].spans:
                        del names.entities[k]
            topic.add((at_begin, at_end))
        _abbreviation_after(names, topic, end)


# A state's formal style before its name: "the Federal Republic of Nigeria", "the Kingdom of Norway"
_STATE_STYLE = re.compile(
    r"\b(?:(?:Federal|Democratic|Islamic|People[’']s|Socialist|Arab|Hashemite|Plurinational|Bolivarian|United|Co-operative)"
    r"\s+)*(?:Republic|Kingdom|Commonwealth|Sultanate|Emirate|Principality|Grand Duchy|State)\s+of\s+(?:the\s+)?"
)


def _state_styles(names: Names) -> None:
    """ "the Federal Republic of Nigeria": the country the style is of, one mention with its style
    (the capitals had made "Federal Republic" a place of its own)."""
    for m in _STATE_STYLE.finditer(names.text):
        country = next(
            (c for c in names.countries() if any(b == m.end() for b, _ in c.spans)),
            None,
        )
        if country is None:
            continue
        inner = next(span for span in country.spans if span[0] == m.end())
        for b, e, k in names.index.within(m.start(), m.end()):
            ent = names.entities.get(k)
            if ent is not None and not ent.known and k != country.key:
                ent.spans.remove((b, e))
                if not ent.spans:
                    del names.entities[k]
        country.spans.remove(inner)
        country.add((m.start(), inner[1]))


def _abbreviation_after(names: Names, ent: RuleEntity, end: int) -> None:
    """ "Women, Peace and Security (WPS)": the guessed abbreviation in brackets is the same entity."""
    short = re.match(r"\s+\(([A-Z]{2,6})\)", names.text[end : end + 12])
    abbreviation = names.entities.get(f"name:{name_key(short.group(1))}") if short else None
    if short and abbreviation is not None and not abbreviation.known and abbreviation is not ent:
        del names.entities[abbreviation.key]
        for span in abbreviation.spans:
            ent.add(span)
        ent.aliases.append(short.group(1))


def _spelling(label: str) -> str:
    return re.sub(r"[\W_]+", "", label).casefold()


def spellings(names: Names) -> None:
    """ "North-East Nigeria" and "NorthEast Nigeria": guessed names that differ only in hyphens, spaces
    and case are one entity (the first), the other spelling an alias; when the classes differ, one was
    guessed, and the class with a cue is kept."""
    first: dict[str, RuleEntity] = {}
    for key in [k for k, e in names.entities.items() if not e.known]:
        ent = names.entities[key]
        kept = first.setdefault(_spelling(ent.label), ent)
        if kept is ent or " " not in ent.label or (kept.classes != ent.classes and not (kept.notes or ent.notes)):
            continue
        del names.entities[key]
        if any("no cue found" in n for n in kept.notes) and not any("no cue found" in n for n in ent.notes):
            kept.classes, kept.notes = ent.classes, ent.notes  # the spelling with a cue tells the class
        for span in ent.spans:
            kept.add(span)
        if ent.label not in kept.aliases:
            kept.aliases.append(ent.label)
