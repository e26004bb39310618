"""Entities from the pipeline's named entities: a class from the entity label (refined by the corpus's
known names and a few head words), one entity for the names that mean it ("Jim Mattis" and a later
"Mattis"), and the tokens of each, so that roles can be filled from the parse.
"""

import bisect
import re
from dataclasses import dataclass, field

from kg.draft import gazetteer
from kg.draft.known import KnownNames, name_key, slug
from kg.draft.rules.names.found import class_from_name

# spaCy's OntoNotes labels -> our classes (NORP, a nationality, is not an entity of a draft).
LABELS = {"PERSON": "Person", "GPE": "Country", "ORG": "Organization", "LOC": "Place", "FAC": "Facility"}
TITLE_WORDS = {
    "president", "minister", "secretary", "prime", "ambassador", "envoy", "spokesperson", "spokesman",
    "spokeswoman", "chancellor", "king", "queen", "chief", "director", "general", "senator", "governor",
    "premier", "vice", "deputy", "chairman", "chair", "leader", "commander", "admiral", "representative",
    "mayor", "prince", "emir", "sultan", "counselor", "adviser", "advisor", "undersecretary", "head",
}  # fmt: skip
LOOK_BACK = 400  # tokens a pronoun's person is looked for before it
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
_PAIR = re.compile(r"^(?:(?:[A-Z]\.)+|[A-Z]{2,3})-[A-Z]")  # "U.S.-Japan", "US-UK": two countries, not one name
# Head words of an organisation's name that say which kind it is, first match wins.
ORG_HEADS = (
    (r"\b(?:Ministry|Department|Pentagon)\b", "Ministry"),
    (r"\bGovernment\b", "Government"),
    (r"\b(?:News|Agency|Times|Post|Press|Xinhua|TASS|Reuters|AP|AFP|Al-Awsat|Journal|Gazette)\b", "NewsPublisher"),
    (r"^(?:NATO|UN|EU|ASEAN|OSCE|IAEA|WHO|G7|G20)$|\b(?:United Nations|Union)\b", "InternationalBody"),
)


@dataclass
class NlpEntity:
    key: str
    label: str
    cls: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    tokens: set[int] = field(default_factory=set)  # token indices in the Doc
    entity: str | None = None


class Entities:
    """The entities of one Doc, and which entity a token belongs to."""

    def __init__(self, doc, corpus: KnownNames):
        self.text = doc.text  # once: spaCy joins the tokens again on every ``doc.text``
        self.by_key: dict[str, NlpEntity] = {}
        self.by_token: dict[int, NlpEntity] = {}
        self._names: dict[str, list[NlpEntity]] = {}  # name key of a label -> its entities (``_same``)
        self._surnames: dict[str, list[NlpEntity]] = {}  # a person's last word -> the people
        self._people: list[int] | None = None  # token indices of people, once roles ask (``_people_back``)
        self.titles: dict[str, str] = {}  # a title ("defence secretary") -> the person it names (``posts``)
        known = {name_key(n): k for k in corpus.known for n in k.names()}
        found = []
        for ent in doc.ents:
            tokens = _trim(ent)
            if ent.label_ not in LABELS or not tokens or _not_a_name(doc, tokens):
                continue
            name = self.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
            found.append((tokens, name, ent.label_))
        full = _full_names([name for _, name, label in found if label == "PERSON"])
        for tokens, name, label in found:
            if name in full:  # "Biden" and "Joe Biden", "White" (tagged ORG) and "Dana W. White"
                name, label = full[name], "PERSON"
            self._add(tokens, name, label, known)

    def _add(self, tokens, name: str, label: str, known: dict) -> None:
        hit = known.get(name_key(name))
        cls = _class(label, name, hit.classes if hit else ())
        same = self._same(name, cls)
        if same is None:
            key = hit.entity if hit and hit.entity else slug(name)
            same = self.by_key.get(key)
            if same is None:
                same = NlpEntity(key, hit.label if hit else name, cls, entity=hit.entity if hit else None)
                self.by_key[key] = same
                self._names.setdefault(name_key(same.label), []).append(same)
                if cls == "Person":
                    self._surnames.setdefault(same.label.split()[-1], []).append(same)
        same.spans.append((tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)))
        for token in tokens:
            same.tokens.add(token.i)
            self.by_token[token.i] = same

    def _same(self, name: str, cls: str) -> NlpEntity | None:
        """An earlier entity this name means: the same name, or a person's surname alone."""
        for ent in self._names.get(name_key(name), []):
            if ent.cls == cls or ent.cls != "Person":
                return ent
        if cls == "Person" and " " not in name:
            people = self._surnames.get(name, [])
            return people[-1] if people else None
        return None

    def _people_back(self, index: int):
        """Person tokens before token ``index``, nearest first, as far back as ``LOOK_BACK`` tokens
        (a pronoun means someone recent; a long text must not make every pronoun read all of it)."""
        if self._people is None:
            self._people = sorted(i for i, e in self.by_token.items() if e.cls == "Person")
        at = bisect.bisect_left(self._people, index)
        for i in reversed(self._people[max(0, at - LOOK_BACK) : at]):
            if index - i > LOOK_BACK:
                return
            yield i, self.by_token[i]

    def person_before(self, doc, index: int) -> NlpEntity | None:
        """The person "he" or "she" at token ``index`` most likely means: the last person before it
        who was the subject of a clause, else the last person named."""
        before = list(self._people_back(index))
        for i, ent in before:
            token = doc[i]
            while token.dep_ in ("compound", "flat", "appos") and token.head is not token:
                token = token.head
            if token.dep_ in ("nsubj", "nsubjpass"):
                return ent
        return before[0][1] if before else None

    def people_before(self, index: int, count: int) -> list[NlpEntity]:
        """The last ``count`` different people named before token ``index``, or none if fewer."""
        people: list[NlpEntity] = []
        for _, ent in self._people_back(index):
            if ent not in people:
                people.append(ent)
                if len(people) == count:
                    return people
        return []

    def of(self, token) -> NlpEntity | None:
        return self.by_token.get(token.i)

    def at(self, begin: int, end: int) -> NlpEntity | None:
        """The entity with a mention inside [begin, end), if any."""
        return next((e for e in self.by_key.values() if any(begin <= b and e_ <= end for b, e_ in e.spans)), None)

    def named(self, label: str, cls: str, span: tuple[int, int]) -> NlpEntity:
        """An entity the pipeline did not tag (a dateline's agency or city), made with its one mention."""
        ent = self.by_key.get(slug(label)) or NlpEntity(slug(label), label, cls)
        self.by_key[ent.key] = ent
        self._names.setdefault(name_key(label), []).append(ent)
        if span not in ent.spans:
            ent.spans.append(span)
        return ent


def _trim(ent) -> list:
    """The entity's tokens without a leading "the" and a trailing possessive."""
    tokens = list(ent)
    if tokens and tokens[0].lower_ == "the":
        tokens = tokens[1:]
    if tokens and (tokens[-1].tag_ == "POS" or tokens[-1].text in ("'s", "’s", "'", "’")):
        tokens = tokens[:-1]
    return tokens


def _not_a_name(doc, tokens) -> bool:
    """Not an entity of its own: a name run across a line break (a headline into its text), a pair
    ("U.S.-Japan"), or the department in a title ("Secretary of Defense", "Minister for Europe")."""
    text = doc[tokens[0].i : tokens[-1].i + 1].text
    if "\n" in text or _PAIR.match(text):
        return True
    i = tokens[0].i
    return i >= 2 and doc[i - 1].lower_ in ("of", "for") and doc[i - 2].lower_ in TITLE_WORDS


def _surname(name: str) -> str:
    words = [w for w in name.split() if w.casefold().rstrip(".") not in _SUFFIXES]
    return words[-1] if words else name


def _full_names(people: list[str]) -> dict[str, str]:
    """A shorter name -> the one longer name of a person it is part of: a surname ("Mattis"), or the
    end of a name ("Ahmed Tinubu" of "Bola Ahmed Tinubu"); left out when two people could be meant."""
    longest: dict[str, set[str]] = {}
    for name in people:
        longest.setdefault(_surname(name), set()).add(name)
    full = {}
    for surname, names in longest.items():
        top = max(names, key=len)
        if all(top.endswith(n) or n.endswith(surname) and n in top for n in names):
            full.update({n: top for n in names if n != top})
            if surname != top:
                full[surname] = top
    return full


def _class(label: str, name: str, known: tuple[str, ...]) -> str:
    """The known class, else the label's refined by the name's head words (the rules' too: "Global
    Coalition", "British Embassy", "Al Udeid Air Base") and, for a place, by the gazetteer (a "GPE" that
    is a city: "Erbil", "San Bernardino")."""
    if known:
        return known[0]
    cls = LABELS[label]
    if cls == "Organization":
        for pattern, refined in ORG_HEADS:
            if re.search(pattern, name):
                return refined
    if cls != "Person":
        by_name = class_from_name(name)
        if by_name is not None:
            return by_name
    if cls in ("Country", "Place", "Organization") and gazetteer.country(name) is None:
        city = gazetteer.city(name)
        if city is not None and (cls != "Organization" or city.capital or " " in name):
            return "City"
    return cls
