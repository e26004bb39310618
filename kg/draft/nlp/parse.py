"""Reading the dependency parse: who the subject and the objects of a verb are (through "and", the
passive "by" and a verb it depends on: "is set to visit"), which entity a noun phrase names, and the
status a verb's tense, modals and negation give its claim.
"""

from kg.draft.nlp.entities import Entities, NlpEntity

SUBJECT = ("nsubj", "nsubjpass", "csubj")
# Inside a noun phrase, where its name may be: "Foreign Minister Wang Yi", "his counterpart, Ana Ruiz".
NOUN_PARTS = ("compound", "appos", "flat", "nmod", "poss", "npadvmod", "nummod", "amod")
PLANNED_HEADS = {"plan", "expect", "set", "schedule", "due", "intend", "prepare", "agree", "decide", "hope", "want"}
POSSIBLE = {"would", "could", "may", "might", "can", "should"}
FUTURE = {"will", "shall", "'ll", "wo"}


def conjuncts(token) -> list:
    """The token and the tokens joined to it by "and"."""
    return [token, *token.conjuncts]


def subjects(verb) -> list:
    """The verb's subjects; for a passive, the agent after "by"; for a verb that depends on another
    ("is set to visit", "arrived and met"), the other verb's."""
    seen = 0
    while verb is not None and seen < 4:
        passive = any(c.dep_ == "nsubjpass" for c in verb.children)
        if passive:
            agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
            return [t for a in agents for t in conjuncts(a)]
        found = [t for c in verb.children if c.dep_ in SUBJECT for t in conjuncts(c)]
        if found:
            return found
        if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head is not verb:
            verb, seen = verb.head, seen + 1
            continue
        return []
    return []


def passive_subjects(verb) -> list:
    return [t for c in verb.children if c.dep_ == "nsubjpass" for t in conjuncts(c)]


def objects(head) -> list:
    """Direct objects (and attributes: "named X as envoy" reads X as the object)."""
    return [t for c in head.children if c.dep_ in ("dobj", "obj", "attr", "oprd") for t in conjuncts(c)]


def prep_objects(head, *preps: str) -> list:
    """The objects of the head's prepositions ``preps``: "with B", "to Beijing"."""
    return [
        t
        for c in head.children
        if c.dep_ == "prep" and c.lower_ in preps
        for p in c.children
        if p.dep_ == "pobj"
        for t in conjuncts(p)
    ]


PERSONAL = {"he", "she", "him", "her", "his"}


def entity_of(ents: Entities, token) -> NlpEntity | None:
    """The entity a noun phrase names: the token's own; a name inside the phrase ("Foreign Minister
    Wang Yi", "his counterpart from the UK, Ana Ruiz"), a person before any other; for "he" or "she",
    the person named last before it."""
    found = ents.of(token)
    if found is not None:
        return found
    if token.lower_ in PERSONAL:
        return ents.person_before(token.doc, token.i)
    phrase = " ".join(t.text for t in token.subtree if t.dep_ != "det" and not t.is_punct).casefold()
    holders = {k for title, k in ents.titles.items() if title == phrase or title.endswith(" " + phrase)}
    if len(holders) == 1:  # "the Defence Secretary said": the one person with that title
        return ents.by_key[holders.pop()]
    inside = [ents.of(t) for t in token.subtree if t.i != token.i]
    named = [e for e in inside if e is not None]
    people = [e for e in named if e.cls == "Person"]
    return (people or named)[0] if named else None


PLURAL = {"they", "both", "leaders", "ministers", "sides", "secretaries", "presidents"}


def keys(ents: Entities, tokens) -> list[str]:
    """The entities the tokens name; "they", "both ministers", "the two leaders": the last two people
    named before."""
    found: list[str] = []
    for token in tokens:
        entity = entity_of(ents, token)
        if entity is not None:
            found.append(entity.key)
        elif token.lower_ in PLURAL and not ents.of(token):
            found += [e.key for e in ents.people_before(token.i, 2)]
    return list(dict.fromkeys(found))


NOT_AGENTS = {"Place", "City", "Facility"}


def agents(ents: Entities, tokens) -> list[str]:
    """The entities the tokens name that can act (speak, visit, sign): not places."""
    return [k for k in keys(ents, tokens) if ents.by_key[k].cls not in NOT_AGENTS]


def governing_verb(token):
    """The verb a noun depends on ("the talks will take place": "take"), the token itself for a verb."""
    seen = 0
    while token.pos_ not in ("VERB", "AUX") and token.head is not token and seen < 6:
        token, seen = token.head, seen + 1
    return token


def status(token) -> str:
    """planned, possible, not-happened, ongoing or happened, from the words that govern the trigger."""
    verb = governing_verb(token)
    if verb is not token and verb.lemma_ in PLANNED_HEADS | {"look"}:  # "looked forward to continued cooperation"
        return "planned"
    chain = [verb]
    while chain[-1].dep_ in ("xcomp", "conj", "ccomp") and chain[-1].head is not chain[-1] and len(chain) < 4:
        chain.append(chain[-1].head)
    for v in chain:
        children = list(v.children)
        if any(c.dep_ == "neg" for c in children):
            return "not-happened"
        aux = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
        if aux & FUTURE:
            return "planned"
        if aux & POSSIBLE or any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in children):
            return "possible"
        if (v is not verb and v.lemma_ in PLANNED_HEADS) or ("to" in aux and v.dep_ == "ROOT"):
            return "planned"
    if verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children):
        return "ongoing"
    return "happened"
