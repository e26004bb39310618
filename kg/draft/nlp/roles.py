"""The role rules: one small function per trigger word, reading the subject and objects of the
trigger in the dependency parse. ``ROLES`` maps a lemma to its rule, so a new trigger is a new row.

A rule returns the claim it reads (``Found``), or None when the parse gives it nothing to stand on
("hold" without talks, "speak" without someone to speak with).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from kg.draft.nlp.entities import Entities
from kg.draft.nlp.parse import (
    agents,
    governing_verb,
    keys,
    objects,
    passive_subjects,
    prep_objects,
    status,
    subjects,
)


@dataclass
class Found:
    cls: str
    props: dict[str, list] = field(default_factory=dict)
    label: str = ""


Rule = Callable[[Entities, object], Found | list[Found] | None]
PEOPLE_NOUNS = {"counterpart", "counterparts", "delegation", "leaders", "officials", "minister", "president"}
TALK_NOUNS = {"talk", "talks", "consultation", "consultations", "discussion", "discussions", "negotiation"}
SAY = {
    "say", "tell", "state", "stress", "emphasize", "emphasise", "note", "reiterate", "underscore", "reaffirm",
    "add", "affirm", "declare", "announce", "insist", "warn", "raise", "express", "highlight", "confirm",
    "agree", "pledge", "welcome", "thank", "condemn", "urge", "acknowledge", "recognize", "praise", "laud",
    "vow", "voice", "commend", "underline", "assure", "explain", "reply", "clarify", "indicate", "point",
    "suggest", "argue", "assert", "remark", "mention", "reveal", "update", "brief", "inform", "offer",
}  # fmt: skip


def phrase(token, conj: bool = True) -> str:
    """The words of the phrase a token heads, as the text spells them (without what "and" adds to it,
    unless ``conj``)."""
    end = token.right_edge.i + 1
    if not conj:
        cut = [c.i for c in token.children if c.dep_ in ("cc", "conj") and c.i > token.i]
        end = min(cut, default=end)
        while end > token.i + 1 and (token.doc[end - 1].is_punct or token.doc[end - 1].dep_ == "cc"):
            end -= 1
    return token.doc[token.left_edge.i : end].text


def _with(found: Found, prop: str, values: list[str]) -> None:
    values = [v for v in dict.fromkeys(values) if v]
    if values:
        found.props[prop] = values


def visit(ents: Entities, token) -> Found | None:
    """ "A visited B", "A's visit to B", "the visit of A to B", "a visit by A"."""
    found = Found("DiplomaticVisit")
    if token.pos_ == "VERB":
        _with(found, "visitor", agents(ents, subjects(token)))
        _with(found, "destination", keys(ents, objects(token) or prep_objects(token, "to")))
    else:
        owners = [c for c in token.children if c.dep_ == "poss"] + prep_objects(token, "by", "of")
        _with(found, "visitor", agents(ents, owners))
        _with(found, "destination", keys(ents, prep_objects(token, "to")))
    return found if found.props else None


def meet(ents: Entities, token) -> Found | None:
    """ "A met B", "A met with B": A takes part, B is the counterpart; "A and B met": both are."""
    if token.pos_ != "VERB":
        return None
    found = Found("Meeting")
    met = [o for o in objects(token) if ents.of(o) is not None or o.lower_ in PEOPLE_NOUNS]
    others = agents(ents, met + prep_objects(token, "with"))
    subject = agents(ents, subjects(token))
    if others:
        _with(found, "participant", subject)
        _with(found, "counterpart", [o for o in others if o not in subject])
    else:
        _with(found, "counterpart", subject if len(subject) > 1 else [])
    return found if "counterpart" in found.props else None


def _sides(ents: Entities, verb, noun=None) -> list[str]:
    heads = [verb] + ([noun] if noun is not None else [])
    others = [t for h in heads for t in prep_objects(h, "with", "to", "between")]
    return agents(ents, subjects(verb) + others)


def hold(ents: Entities, token) -> Found | None:
    """ "A held talks with B": talks between A and B (other things held are not talks)."""
    talks = [o for o in objects(token) if o.lower_ in TALK_NOUNS or o.lemma_ in TALK_NOUNS]
    if token.pos_ != "VERB" or not talks:
        return None
    found = Found("Talks")
    _with(found, "side", _sides(ents, token, talks[0]))
    return found


def speak(ents: Entities, token) -> Found | None:
    """ "A spoke with B", "A spoke by phone to B", "A and B spoke": talks between them; as a noun,
    "A's call with B", "talks between A and B"."""
    if token.pos_ == "VERB":
        sides = _sides(ents, token)
    elif token.pos_ in ("NOUN", "PROPN"):
        owners = [c for c in token.children if c.dep_ in ("poss", "compound")]
        sides = agents(ents, owners + prep_objects(token, "with", "between"))
    else:
        return None
    if len(sides) < 2:
        return None
    found = Found("Talks")
    _with(found, "side", sides)
    return found


def sign(ents: Entities, token) -> Found | None:
    """ "A signed an agreement with B": an agreement with A and B as parties."""
    if token.pos_ != "VERB":
        return None
    found = Found("Agreement")
    _with(found, "party", agents(ents, subjects(token) + prep_objects(token, "with")))
    signed = objects(token)
    if signed:
        found.label = phrase(signed[0])
    return found


def appoint(ents: Entities, token) -> Found | None:
    """ "A appointed B (as envoy)", "B was named envoy": B is the appointee, A the actor."""
    if token.pos_ != "VERB":
        return None
    appointee = agents(ents, passive_subjects(token)) or agents(ents, objects(token)[:1])
    if not appointee:
        return None
    found = Found("Appointment")
    _with(found, "appointee", appointee)
    if not passive_subjects(token) or any(c.dep_ == "agent" for c in token.children):
        _with(found, "actor", agents(ents, subjects(token)))
    return found


def say(ents: Entities, token) -> Found | None:
    """ "A said ...", "“...,” said A", "A stressed that ...": a statement by A. Words not said yet, or
    not said ("will welcome", "did not say", "may announce"), are no statement; what is said is on the
    verb's line (a parser runs "X said:" into the paragraph after it, which is X's own statement)."""
    if token.pos_ != "VERB" or status(token) not in ("happened", "ongoing"):
        return None
    speakers = agents(ents, subjects(token))
    found = Found("JointStatement" if len(speakers) > 1 else "Statement")
    _with(found, "speaker", speakers)
    said = [c for c in token.children if c.dep_ in ("ccomp", "dobj", "obj") and _same_line(token, c)]
    if said:
        found.props["paraphrase"] = [phrase(said[0])]
    return found if "speaker" in found.props else None


def _same_line(token, other) -> bool:
    """Whether the phrase ``other`` heads is on ``token``'s line (token by token: ``Doc.text`` joins the
    whole text on every call)."""
    first, last = min(token.i, other.left_edge.i), max(token.i, other.right_edge.i)
    doc = token.doc
    return not any("\n" in t.text_with_ws for t in doc[first:last]) and "\n" not in doc[last].text


def discuss(ents: Entities, token) -> list[Found] | None:
    """ "... to discuss X and Y": X and Y are on the agenda of the talks or meeting of the sentence
    (``propose`` names it: ``agendaOf``); "A and B discussed X" is also talks between A and B."""
    if token.pos_ != "VERB":
        return None
    found = []
    sides = agents(ents, subjects(token) + prep_objects(token, "with"))
    if len(sides) > 1:  # "the two leaders discussed X": talks between them, X on their agenda
        found.append(Found("Talks", {"side": sides}))
    found += [Found("AgendaItem", label=phrase(o, conj=False)) for o in objects(token)]
    return found or None


# Verbs whose subject takes up the cooperation a noun names ("Kenya looks forward to cooperation", "A and
# B agreed on closer coordination"); a reporting verb's subject only speaks of it.
_TAKE_UP = frozenset(
    "look agree pledge commit decide vow promise continue deepen strengthen enhance expand boost resume begin "
    "start launch seek".split()
)


def cooperate(ents: Entities, token) -> Found | None:
    """ "A cooperates with B", "cooperation between A and B", "A and B agreed on closer coordination":
    a cooperation of A and B (the subjects of the verb the noun depends on, when it names nobody)."""
    if token.pos_ == "VERB":
        actors = agents(ents, subjects(token) + prep_objects(token, "with"))
    elif token.pos_ == "NOUN":  # not a word of a name ("the Alliance Coordination Mechanism")
        if _appraised(token):
            return None
        owners = [c for c in token.children if c.dep_ in ("poss", "compound", "amod")]
        actors = agents(ents, owners + prep_objects(token, "between", "among", "with", "of"))
        verb = governing_verb(token)
        if not actors and verb.lemma_ in _TAKE_UP:  # not "A stressed the importance of close cooperation"
            actors = agents(ents, subjects(verb))
    else:
        return None
    if not actors:
        return None
    found = Found("Cooperation")
    _with(found, "actor", actors)
    return found


_APPRAISALS = frozenset("value importance significance benefit benefits merit merits".split())


def _appraised(token) -> bool:
    """ "lauded the value of the partnership between A and B", "the importance of close cooperation among
    A and B": what someone thinks of a cooperation (a stance), not a cooperation the text reports."""
    of = token.head
    return of.dep_ == "prep" and of.lower_ == "of" and of.head.lemma_.lower() in _APPRAISALS


def deploy(ents: Entities, token) -> Found | None:
    """ "A deployed troops to B": a military presence of A in B."""
    if token.pos_ != "VERB":
        return None
    found = Found("MilitaryPresence")
    _with(found, "actor", agents(ents, subjects(token)))
    _with(found, "location", keys(ents, prep_objects(token, "to", "in", "at")))
    return found if "actor" in found.props else None


def withdraw(ents: Entities, token) -> Found | None:
    """ "A withdrew its troops from B": A is the actor; what it withdrew is the object (words)."""
    found = Found("Withdrawal")
    if token.pos_ == "VERB":
        _with(found, "actor", agents(ents, subjects(token)))
        what = objects(token)
    else:
        _with(found, "actor", agents(ents, [c for c in token.children if c.dep_ == "poss"]))
        what = prep_objects(token, "of")
    if what:
        found.props["object"] = [phrase(what[0])]
    return found if "actor" in found.props else None


_HANDED = {"base", "bases", "facility", "facilities", "airport", "port", "control", "position", "positions", "garrison"}


def hand(ents: Entities, token) -> Found | None:
    """ "France handed over its last military base to the army": what a force leaves is a withdrawal
    (not a letter handed over)."""
    over = any(c.dep_ in ("prt", "advmod", "prep") and c.lower_ == "over" for c in token.children)
    what = [o for o in objects(token) if o.lemma_.lower() in _HANDED or o.lower_ in _HANDED]
    if not over or not what or token.pos_ != "VERB":
        return None
    found = Found("Withdrawal")
    _with(found, "actor", agents(ents, subjects(token)))
    found.props["object"] = [phrase(what[0])]
    return found if "actor" in found.props else None


def report(ents: Entities, token) -> Found | None:
    """ "Ruiz reported on Monday that ...": a person's report; a publisher's "reported", and a trailing
    "..., the Northern Ledger reported." (a paper's name the pipeline may not type), is who reports the
    article, not a statement."""
    if not any(c.dep_ == "ccomp" and c.i > token.i for c in token.children):
        return None
    speakers = [k for k in agents(ents, subjects(token)) if ents.by_key[k].cls != "NewsPublisher"]
    return say(ents, token) if speakers else None


ROLES: dict[str, Rule] = {
    "hand": hand,
    "report": report,
    "visit": visit,
    "meet": meet,
    "hold": hold,
    "speak": speak,
    "talk": speak,
    "talks": speak,
    "call": speak,
    "teleconference": speak,
    "sign": sign,
    "appoint": appoint,
    "name": appoint,
    "discuss": discuss,
    **dict.fromkeys(("cooperation", "cooperate", "coordination", "coordinate", "partnership"), cooperate),
    "deploy": deploy,
    "withdraw": withdraw,
    "withdrawal": withdraw,
    **dict.fromkeys(SAY, say),
}
