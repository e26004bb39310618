"""Find the entities of an article for the rules back-end: known names first, then agents named by
description ("a Russian source", "Russian companies"), then unknown capitalised names, each with
every whole-word mention and a class guessed from cues (or a plain guess, marked for review).
"""

import re
from dataclasses import dataclass, field

from rdflib.namespace import PROV

from kg.core.checks import fits
from kg.draft import cues
from kg.draft.known import KnownNames, name_key
from kg.draft.schema import DraftVocabulary
from kg.draft.text import Paragraph, whole_word_spans

_TOKEN = r"(?:(?:al|el|bin|ibn|abu)-)?[A-Z][\w]*(?:[-’'][A-Z][\w]*)*"
_SEQUENCE = re.compile(rf"{_TOKEN}(?:\s+(?:(?:of|of the|bin|ibn)\s+)?{_TOKEN})*")
_TOKEN_RE = re.compile(_TOKEN)


@dataclass
class RuleEntity:
    key: str
    label: str
    classes: list[str]
    spans: list[tuple[int, int]] = field(default_factory=list)
    entity: str | None = None  # corpus entity id
    props: dict[str, list[str]] = field(default_factory=dict)  # values are other entities' keys
    notes: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    known: bool = False

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


def class_from_name(name: str) -> str | None:
    for pattern, cls in cues.NAME_HEADS:
        if re.search(pattern, name):
            return cls
    return None


class Names:
    def __init__(self, text: str, paragraphs: list[Paragraph], corpus: KnownNames, vocab: DraftVocabulary):
        self.text, self.paragraphs, self.corpus, self.vocab = text, paragraphs, corpus, vocab
        self.entities: dict[str, RuleEntity] = {}
        self.titles: list[Title] = []
        self.pending_titles: list[tuple] = []  # (title begin, end, words, person name, country) seen before a name
        self.sentence_starts = {b for p in paragraphs for b, _ in p.sentences}
        self.heading_spans = [(p.begin, p.end) for p in paragraphs if p.heading]
        self.lower_words = set(re.findall(r"\b[a-z][\w-]*\b", text))

    # -- helpers ----------------------------------------------------------------------------------
    def covered(self, begin: int, end: int) -> bool:
        return any(b < end and begin < e for ent in self.entities.values() for b, e in ent.spans)

    def in_heading(self, begin: int) -> bool:
        return any(b <= begin < e for b, e in self.heading_spans)

    def entity(self, key: str, label: str, classes: list[str], **extra) -> RuleEntity:
        if key not in self.entities:
            self.entities[key] = RuleEntity(key, label, classes, **extra)
        return self.entities[key]

    def countries(self) -> list[RuleEntity]:
        return [e for e in self.entities.values() if "Country" in e.classes]

    def country_of(self, word: str | None) -> str | None:
        """The country entity a demonym ("Russian") or a country name ("Russia") stands for."""
        if not word:
            return None
        for country in self.countries():
            for name in (country.label, *country.aliases):
                if word == name or (len(name) >= 4 and word.startswith(name[:-1]) and re.fullmatch(cues.DEMONYM, word)):
                    return country.key
        return None

    # -- 1. known names ---------------------------------------------------------------------------
    def known(self) -> None:
        names = []
        for known in self.corpus.known:
            classes = [c for c in known.classes if self.vocab.is_class(c)] or [
                class_from_name(known.label) or "Organization"
            ]
            key = f"entity:{known.entity}" if known.entity else f"name:{name_key(known.label)}"
            for name in known.names():
                names.append((len(name), name, key, known, classes))
        taken: list[tuple[int, int]] = []
        for _, name, key, known, classes in sorted(names, key=lambda n: (-n[0], n[1], n[2])):
            for span in whole_word_spans(self.text, name):
                if any(b <= span[0] and span[1] <= e and (b, e) != span for b, e in taken):
                    continue
                if any(span in e.spans for e in self.entities.values()):
                    continue
                ent = self.entity(key, known.label, classes, entity=known.entity, known=True)
                ent.aliases = list(dict.fromkeys([*ent.aliases, *known.aliases]))
                for prop, value in known.props:
                    values = ent.props.setdefault(prop, [])
                    if isinstance(value, str) and known.entity and f"entity:{value}" not in values:
                        values.append(f"entity:{value}")
                ent.add(span)
                taken.append(span)

    # -- 2. agents named by description -----------------------------------------------------------
    def described(self) -> None:
        text = self.text
        for m in cues.UNNAMED_SOURCE.finditer(text):
            label = re.sub(r"^(?:an?|one)\s+", "", m.group(0))
            ent = self.entity(f"source:{name_key(label)}", m.group(0), ["UnnamedSource"])
            ent.add(m.span())
            self.country_prop(ent, "country", m.group(1))
        for m in cues.UNNAMED_COMPANY.finditer(text):
            label = re.sub(r"^an?\s+", "", m.group(0))
            ent = self.entity(f"company:{name_key(label)}", f"unnamed {label}", ["Company", "UnnamedAgent"])
            ent.add(m.span())
            self.country_prop(ent, "country", m.group(1))
        for m in cues.COLLECTIVE.finditer(text):
            noun = cues.SYNONYMS.get(m.group(2), m.group(2))
            ent = self.entity(
                f"collective:{m.group(1).lower()} {noun}", f"{m.group(1)} {m.group(2)}", ["CollectiveAgent"]
            )
            if f"{m.group(1)} {m.group(2)}" != ent.label and f"{m.group(1)} {m.group(2)}" not in ent.aliases:
                ent.aliases.append(f"{m.group(1)} {m.group(2)}")
            ent.add((m.start(1), m.end(2)))
            self.country_prop(ent, "country", m.group(1))
        for m in cues.OTHER_OFFICIALS.finditer(text):
            self.entity("collective:other officials", "other officials", ["CollectiveAgent"]).add(m.span())
        for m in cues.THE_AUTHOR.finditer(text):
            self.entity("agent:the author", "the author", ["UnnamedAgent"]).add(m.span())
        for pattern in (cues.GOVERNMENT_BY_DEMONYM, cues.GOVERNMENT_BY_COUNTRY):
            for m in pattern.finditer(text):
                country = self.country_of(m.group(1))
                if pattern is cues.GOVERNMENT_BY_COUNTRY and country is None:
                    continue
                key = f"government:{country or m.group(1).lower()}"
                label = re.sub(r"^(?:new|current|transitional|interim)\s+", "", m.group(0))
                ent = self.entity(key, label, ["Government"])
                ent.add(m.span())
                if country:
                    ent.props.setdefault("governmentOf", [country])
        for pattern in (cues.MINISTRY_BY_DEMONYM, cues.MINISTRY_BY_COUNTRY):
            for m in pattern.finditer(text):
                country = self.country_of(m.group(1))
                if pattern is cues.MINISTRY_BY_COUNTRY and country is None:
                    continue
                label = m.group(0)
                ent = self.entity(f"ministry:{name_key(label)}", label, ["Ministry"])
                ent.add(m.span())
                if country:
                    ent.props.setdefault("governmentOf", [country])
        for m in cues.PORT_OF.finditer(text):
            place = next((e for e in self.entities.values() if (m.start(1), m.end(1)) in e.spans), None)
            ent = self.entity(f"port:{name_key(m.group(1))}", f"port of {m.group(1)}", ["Port"])
            ent.add(m.span())
            if place is not None:
                ent.props.setdefault("nearPlace", [place.key])
                for country in place.props.get("country", []):
                    ent.props.setdefault("hostCountry", [country])
        for ent in self.entities.values():
            if "source:" in ent.key:
                for m in re.finditer(r"\b[Tt]he source\b", text):
                    if m.start() > ent.spans[0][0]:
                        ent.add(m.span())

    def country_prop(self, ent: RuleEntity, prop: str, word: str | None) -> None:
        country = self.country_of(word)
        if country:
            ent.props.setdefault(prop, [country])

    # -- 3. unknown capitalised names -------------------------------------------------------------
    def unknown(self) -> None:
        groups: dict[str, list] = {}
        for paragraph in self.paragraphs:
            if paragraph.heading:
                continue
            for sb, se in paragraph.sentences:
                for m in _SEQUENCE.finditer(self.text, sb, se):
                    for name in self.clean(m, sb):
                        groups.setdefault(name_key(name[2]), []).append(name)
        for key in sorted(groups, key=lambda k: groups[k][0][0]):
            found = groups[key]
            label = found[0][2]
            cls, note = self.guess(found)
            if cls is None:
                continue
            ent = self.entity(f"name:{key}", label, [cls])
            if note:
                ent.notes.append(note)
            for begin, end, _, person_cue, country in found:
                ent.add((begin, end))
                if country and cls == "Person":
                    ent.props.setdefault("country", [country])
        self.surnames()

    def surnames(self) -> None:
        """ "Al-Sharaa said" is Ahmad Al-Sharaa, whether his full name came from the entity list or the
        text: a person's last name alone is that person (unless two persons share it), and an alias."""
        persons: dict[str, list[RuleEntity]] = {}
        for ent in self.entities.values():
            if "Person" in ent.classes and " " in ent.label.strip():
                persons.setdefault(ent.label.split()[-1], []).append(ent)
        for surname, found in sorted(persons.items()):
            if len(found) != 1:
                continue
            person = found[0]
            guessed = self.entities.get(f"name:{name_key(surname)}")
            if guessed is not None and guessed is not person and not guessed.known:
                del self.entities[guessed.key]
            added = False
            for span in whole_word_spans(self.text, surname):
                if not any(b <= span[0] and span[1] <= e for ent in self.entities.values() for b, e in ent.spans):
                    person.add(span)
                    added = True
            if added and surname not in person.aliases:
                person.aliases.append(surname)

    def clean(self, m: re.Match, sentence_begin: int):
        """Split a capitalised run into names: drop covered words, sentence-initial common words,
        leading demonyms and titles; yield (begin, end, name, person_cue, country)."""
        tokens = [(t.start() + m.start(), t.end() + m.start(), t.group(0)) for t in _TOKEN_RE.finditer(m.group(0))]
        whole = self.text[tokens[0][0] : tokens[-1][1]] if tokens else ""
        if (
            len(tokens) > 1
            and class_from_name(whole)
            not in (None, "Sea", "Port", "AirBase", "NavalFacility", "MilitaryFacility", "Conference")
            and not self.covered(tokens[-1][0], tokens[-1][1])
            and self.release(tokens[0][0], tokens[-1][1])
        ):
            yield (
                tokens[0][0],
                tokens[-1][1],
                whole,
                False,
                None,
            )  # "Tessmark News Agency" names an agency, not Tessmark
            return
        runs, run = [], []  # (tokens, the known person's name that follows them directly, if any)
        for token in tokens:
            if self.covered(token[0], token[1]):
                if run:
                    runs.append((run, self.person_at(token[0])))
                run = []
                continue
            if run and self.text[run[-1][1] : token[0]].strip() not in ("", "of", "of the", "bin", "ibn"):
                runs.append((run, None))
                run = []
            run.append(token)
        if run:
            runs.append((run, None))
        for run, person_after in runs:
            person_cue, country, title_begin = False, None, None
            while run and run[0][2].lower() in cues.FUNCTION_WORDS:
                run = run[1:]
            if run and self.at_sentence_start(run[0][0], sentence_begin) and run[0][2].lower() in self.lower_words:
                run = run[1:]
            while len(run) > 1 and re.fullmatch(cues.DEMONYM, run[0][2]) and run[1][2] in cues.TITLE_WORDS:
                country = self.country_of(run[0][2])
                title_begin = run[0][0] if title_begin is None else title_begin
                run = run[1:]
            while run and run[0][2] in cues.TITLE_WORDS:
                person_cue = True
                title_begin = run[0][0] if title_begin is None else title_begin
                run = run[1:]
            while run and self.text[run[0][0] : run[0][1]] in ("of", "of the"):
                run = run[1:]
            if not run and title_begin is not None and person_after is not None:
                # "Russian Foreign Minister Sergei Lavrov", the name known from the entity list
                begin = person_after[0]
                self.pending_titles.append(
                    (
                        title_begin,
                        begin - 1,
                        self.text[title_begin:begin].strip(),
                        self.entities[person_after[1]].label,
                        country,
                    )
                )
                continue
            if not run or all(t[2] in cues.TITLE_WORDS for t in run):
                continue
            begin, end = run[0][0], run[-1][1]
            name = self.text[begin:end]
            if len(run) == 1 and run[0][2] in cues.CALENDAR:
                continue
            if len(run) == 1:
                word = run[0][2]
                after = self.text[end : end + 2]
                if re.fullmatch(cues.DEMONYM, word) and (re.match(r"\s[a-z]", after) or after.startswith("-")):
                    continue
                if "-" in word and all(re.fullmatch(cues.DEMONYM, part) for part in word.split("-")):
                    continue  # "Russian-Syrian relations"
                if self.at_sentence_start(begin, sentence_begin) and not self.seen_inside_sentence(word):
                    continue
                if len(word) < 2:
                    continue
            if person_cue and title_begin is not None:
                title_text = self.text[title_begin:begin].strip()
                self.pending_titles.append((title_begin, begin - 1, title_text, name, country))
            yield begin, end, name, person_cue, country

    def person_at(self, begin: int) -> tuple[int, str] | None:
        """(begin, key) of a person's name that starts here."""
        for ent in self.entities.values():
            if "Person" in ent.classes and any(b == begin for b, _ in ent.spans):
                return begin, ent.key
        return None

    def release(self, begin: int, end: int) -> bool:
        """Give up known-name mentions inside a longer organisation name; False if one is not a known name."""
        inside = [(e, s) for e in self.entities.values() for s in e.spans if begin <= s[0] and s[1] <= end]
        if not inside or not all(e.known for e, _ in inside):
            return False
        for ent, span in inside:
            ent.spans.remove(span)
        return True

    def at_sentence_start(self, begin: int, sentence_begin: int) -> bool:
        return not self.text[sentence_begin:begin].strip(" “\"‘'(")

    def seen_inside_sentence(self, word: str) -> bool:
        for span in whole_word_spans(self.text, word):
            sentence = max((b for b in self.sentence_starts if b <= span[0]), default=0)
            if not self.at_sentence_start(span[0], sentence) and not self.in_heading(span[0]):
                return True
        return False

    def guess(self, found: list) -> tuple[str | None, str | None]:
        label = found[0][2]
        by_name = class_from_name(label)
        if by_name:
            return by_name, None
        if any(f[3] for f in found) or any(cues.PERSON_APPOSITIVE.match(self.text[f[1] : f[1] + 80]) for f in found):
            return "Person", None
        if any(
            cues.PUBLISHER_BEFORE.search(self.text[max(0, f[0] - 80) : f[0]])
            or cues.PUBLISHER_AFTER.match(self.text[f[1] : f[1] + 30])
            for f in found
        ):
            return "NewsPublisher", None
        place = any(cues.PLACE_BEFORE.search(self.text[max(0, f[0] - 20) : f[0]]) for f in found)
        acts = any(cues.AGENT_AFTER.match(self.text[f[1] : f[1] + 30]) for f in found)
        if place and acts and " " not in label:  # "visit Moscow" and "Moscow shares these sentiments"
            return "Government", (
                "class guessed: a place name that also speaks or acts, so a government named by its "
                "seat (metonymy); say whose (governmentOf) and give its label, or make it the place"
            )
        if place:
            return "Place", "class guessed from a place word before it (in, to, from, visit): say which kind of place"
        if acts:
            if " " in label:
                return "Person", "class guessed: a name that speaks or acts; check it is a person"
            return "Organization", "class guessed: a name that speaks or acts; say what it is"
        return "Organization", "class not known and no cue found: say what it is"

    # -- 4. places that act: metonymy ----------------------------------------------------------------
    def is_place(self, key: str) -> bool:
        ent = self.entities.get(key)
        return bool(ent) and any(self.vocab.is_a(c, "Place") for c in ent.classes) and not self.is_agent(key)

    def is_agent(self, key: str) -> bool:
        """What the loader accepts where the ontology asks for a prov:Agent (a country is one)."""
        ent, ontology = self.entities.get(key), self.vocab.ontology
        terms = [ontology.term(c) for c in ent.classes] if ent else []
        return fits(ontology, [t.iri for t in terms if t is not None], PROV.Agent) if terms else False

    def metonym(self, key: str, span: tuple[int, int]) -> str | None:
        """The government a known place's name stands for at this mention ("while Damascus seeks to
        balance"): the government of the place's country, which takes the mention over. None when the
        place's country is not known."""
        place = self.entities[key]
        countries = list(dict.fromkeys(c for c in place.props.get("country", []) if c in self.entities))
        if len(countries) != 1 or span not in place.spans:
            return None
        country = self.entities[countries[0]]
        government = self.entity(f"government:{country.key}", f"Government of {country.label}", ["Government"])
        government.props.setdefault("governmentOf", [country.key])
        note = f'"{place.label}" names this government (metonymy): check each mention'
        if note not in government.notes:
            government.notes.append(note)
        place.spans.remove(span)
        government.add(span)
        if not place.spans:
            del self.entities[key]
        return government.key

    def metonyms(self) -> None:
        """A known place that speaks or acts ("Moscow shares these sentiments") is its country's government there."""
        for key in [k for k, e in self.entities.items() if e.known and self.is_place(k)]:
            for span in list(self.entities[key].spans):
                if key in self.entities and cues.AGENT_AFTER.match(self.text[span[1] : span[1] + 30]):
                    self.metonym(key, span)

    # -- 5. titles ---------------------------------------------------------------------------------
    def appositive_titles(self) -> None:
        """'Mikhail Bogdanov, Russia’s Deputy Foreign Minister and presidential envoy to ...' and
        'Ahmad Al-Sharaa, head of the Syrian administration'."""
        for ent in [e for e in self.entities.values() if "Person" in e.classes]:
            for begin, end in ent.spans:
                tail = self.text[end : end + 160]
                m = re.match(r",\s+(?:(?:the|a|an)\s+)?(?:([A-Z][\w-]*)[’']s\s+)?", tail)
                if not m:
                    continue
                at = end + m.end()
                country = self.country_of(m.group(1))
                for _ in range(2):
                    rest = self.text[at : at + 140]
                    t = cues.TITLE.match(rest) or cues.HEAD_OF.match(rest)
                    if not t:
                        break
                    stop = at + t.end()
                    tail_m = cues.TITLE_TAIL.match(self.text, stop) if cues.TITLE.match(rest) else None
                    if tail_m:
                        stop = tail_m.end()
                    label = self.text[at:stop]
                    self.titles.append(Title(begin, stop, label, ent.key, country, False))
                    if country:
                        ent.props.setdefault("country", [country])
                    more = re.match(r"\s+and\s+", self.text[stop : stop + 8])
                    if not more:
                        break
                    at = stop + more.end()
        for title_begin, title_end, title_text, name, country in self.pending_titles:
            ent = next(
                (e for e in self.entities.values() if e.label == name or name_key(name) == name_key(e.label)), None
            )
            if ent is None or "Person" not in ent.classes:
                continue
            start = title_begin
            former = bool(cues.FORMER.search(self.text[max(0, start - 12) : start]))
            if former:
                start = cues.FORMER.search(self.text[max(0, start - 12) : start]).start() + max(0, start - 12)
            name_end = next((e for b, e in ent.spans if b > title_end), None)
            if name_end is None:
                continue
            owner = re.search(r"([A-Z][\w-]*)[’']s\s+$", self.text[max(0, start - 40) : start])
            if country is None and owner:
                country = self.country_of(owner.group(1))
            label = re.sub(r"^(?:[A-Z][a-z]+(?:an|ian|ese|ish|i)\s+)", "", title_text) or title_text
            self.titles.append(Title(start, name_end, label, ent.key, country, former))

    def run(self) -> "Names":
        self.known()
        self.described()
        self.unknown()
        self.metonyms()
        self.appositive_titles()
        return self
