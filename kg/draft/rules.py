"""The rules back-end: offline, deterministic, no model. Cue words, not understanding.

Entities come from ``names.py``. Claims come from cue words sentence by sentence: statements from
reporting verbs and quotation marks with their speaker, visits, delegations, meetings, talks,
agreements, cancellations and withdrawals from their words, posts from titles, and editorial notes
from what an article says about itself. Status and attribution come from cues in the same sentence.
What a cue cannot settle is left out or marked for review; grounding then checks everything.
"""

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from kg.draft import cues
from kg.draft.ground import slug
from kg.draft.known import KnownNames
from kg.draft.model import DraftNode, Proposal, TextSpan
from kg.draft.names import Names, RuleEntity
from kg.draft.schema import DraftVocabulary
from kg.draft.text import paragraphs

# What may fill a prov:Agent role, as the loader decides it (kg.core.checks: people, organisations,
# collective agents, countries, delegations), not a hand-kept list of classes.
AGENT = "prov:Agent"
AGENT_CLASSES = (AGENT,)
_BOUNDARY = re.compile(r"[,;:—–“”\"()]")


@dataclass
class RuleClaim:
    id: str
    cls: str
    evidence: list[tuple[int, int]]
    status: str
    label: str
    head: str = ""
    according_to: str | None = None  # entity key
    props: dict[str, list] = field(default_factory=dict)  # entity keys, claim ids (prefixed "claim:") or literals
    notes: list[str] = field(default_factory=list)


@dataclass
class Segment:
    """The part of a sentence a statement covers, and who speaks in it."""

    begin: int
    end: int
    speaker: str
    claim: RuleClaim


def recipe() -> str:
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in ("cues.py", "names.py", "rules.py"):
        digest.update((here / name).read_bytes())
    return f"rules sha256:{digest.hexdigest()[:16]}"


class _Rules:
    def __init__(self, text: str, corpus: KnownNames, vocab: DraftVocabulary):
        self.text, self.vocab = text, vocab
        self.paragraphs = paragraphs(text)
        self.names = Names(text, self.paragraphs, corpus, vocab).run()
        self.entities = self.names.entities
        self.claims: list[RuleClaim] = []
        self.segments: list[Segment] = []
        self.counters: dict[str, int] = {}
        self.last_person: str | None = None
        self.article: dict = {}
        # lower case for the cue words, with the month "May" (capitalised inside a sentence) kept apart from "may"
        self.lower = re.sub(
            r"\bMay\b", lambda m: m.group(0) if m.start() in self.names.sentence_starts else "mai", text
        ).lower()

    # -- entities ---------------------------------------------------------------------------------
    def is_a(self, key: str, *classes: str) -> bool:
        ent = self.entities.get(key)
        if ent is None:
            return False
        return any(
            self.names.is_agent(key) if want == AGENT else any(self.vocab.is_a(c, want) for c in ent.classes)
            for want in classes
        )

    def agent(self, begin: int, end: int, key: str) -> str | None:
        """The agent a mention names in an agent role: itself, or the government a known place stands
        for there ("talks between Moscow and ...", "Moscow’s withdrawal"); None for anything else."""
        if self.is_a(key, AGENT):
            return key
        if self.names.is_place(key):
            return self.names.metonym(key, (begin, end))
        return None

    def mentions(self, begin: int, end: int) -> list[tuple[int, int, str]]:
        found = [(b, e, ent.key) for ent in self.entities.values() for b, e in ent.spans if begin <= b and e <= end]
        return sorted(found, key=lambda m: (m[0], -m[1], m[2]))

    def outermost(self, begin: int, end: int) -> list[tuple[int, int, str]]:
        """Mentions not inside another mention ("Syria’s new administration", not its "Syria")."""
        kept = []
        for m in self.mentions(begin, end):
            if not any(k[0] <= m[0] and m[1] <= k[1] for k in kept):
                kept.append(m)
        return kept

    def first_after(self, pos: int, limit: int, *classes: str) -> str | None:
        for b, e, key in self.mentions(pos, limit):
            if self.is_a(key, *classes):
                return key
        return None

    def last_before(self, begin: int, pos: int, *classes: str) -> str | None:
        found = [key for b, e, key in self.mentions(begin, pos) if self.is_a(key, *classes)]
        return found[-1] if found else None

    def new_entity(self, key: str, label: str, cls: str, span: tuple[int, int], country: str | None = None) -> str:
        ent = self.entities.get(key) or RuleEntity(key, label, [cls])
        self.entities[key] = ent
        ent.add(span)
        if country:
            ent.props.setdefault("country", [country])
        return key

    # -- claims -----------------------------------------------------------------------------------
    def claim(
        self, cls: str, evidence: tuple[int, int], status: str, label: str, stem: str | None = None, **kw
    ) -> RuleClaim:
        stem = stem or re.sub(r"(?<!^)(?=[A-Z])", "-", cls).lower()
        n = self.counters[stem] = self.counters.get(stem, 0) + 1
        claim = RuleClaim(stem if n == 1 else f"{stem}-{n}", cls, [evidence], status, label, **kw)
        self.claims.append(claim)
        return claim

    def status(self, unit: tuple[int, int], begin: int, end: int, skip=()) -> str:
        """The status cue nearest the claim's words (its clause, up to six words before and three
        after), else a planned or expected cue earlier in the sentence, else 'happened'."""
        ub, ue = unit
        clause = self.clause_start(ub, begin)
        words = list(re.finditer(r"\S+", self.text[clause:begin]))
        start = clause + words[-6].start() if len(words) >= 6 else clause
        after = re.match(r"[^,;:—–“”\"()]*", self.text[end:ue]).group(0)
        after_words = list(re.finditer(r"\S+", after))
        stop = end + after_words[min(2, len(after_words) - 1)].end() if after_words else end
        window = self.lower[start:stop]
        for status, pattern in cues.STATUS_CUES:
            if status not in skip and re.search(pattern, window):
                return status
        earlier = self.lower[ub:begin]
        for status, pattern in cues.STATUS_CUES:
            if status in ("planned", "expected") and status not in skip and re.search(pattern, earlier):
                return status
        return "happened"

    def clause_start(self, unit_begin: int, pos: int) -> int:
        marks = [m.end() for m in _BOUNDARY.finditer(self.text, unit_begin, pos)]
        return max([unit_begin, *marks])

    def label(self, unit: tuple[int, int], begin: int, end: int) -> str:
        """A claim's words: up to two modifiers before its cue word and a few words after it."""
        lead = []
        for word in reversed(self.text[self.clause_start(unit[0], begin) : begin].split()):
            if len(lead) == 2 or word.lower() in cues.FUNCTION_WORDS or not re.fullmatch(r"[\w’'-]+", word):
                break
            lead.insert(0, word)
        tail = re.match(r"[^,;:.“”\"()—–]*", self.text[end : unit[1]]).group(0).split()[:8]
        while tail and tail[-1].lower() in cues.FUNCTION_WORDS:
            tail.pop()
        return " ".join(lead + [self.text[begin:end]] + tail)

    # -- sentences --------------------------------------------------------------------------------
    def units(self):
        """Sentences, joined when a quotation runs across them."""
        for paragraph in self.paragraphs:
            if paragraph.heading:
                continue
            sentences = list(paragraph.sentences)
            quotes = [
                (m.start(), m.end())
                for m in re.finditer(r"“[^”]*”|\"[^\"]*\"", self.text[paragraph.begin : paragraph.end])
            ]
            quotes = [(paragraph.begin + b, paragraph.begin + e) for b, e in quotes]
            i = 0
            while i < len(sentences):
                begin, end = sentences[i]
                while i + 1 < len(sentences) and any(b < end < e for b, e in quotes):
                    i += 1
                    end = sentences[i][1]
                yield begin, end
                i += 1

    # -- statements -------------------------------------------------------------------------------
    def speaker(self, unit: tuple[int, int], verb_begin: int) -> str | None:
        """Who speaks: the name just before the verb in its clause, else "he"/"she" as the last person
        who spoke, else a plural role ("diplomats") as a collective agent; None when nobody is named."""
        start = self.clause_start(unit[0], verb_begin)
        before = self.text[start:verb_begin]
        nearest = sorted(self.mentions(start, verb_begin), key=lambda m: (m[1], m[1] - m[0]))
        if nearest and cues.SPEAKER_FILLER.match(self.text[nearest[-1][1] : verb_begin]):
            return nearest[-1][2]
        bare = re.sub(r"(?:\s+(?:also|further|later|again|then|has|have|had))+\s*$", " ", before)
        if cues.PRONOUN.search(bare):
            return self.last_person
        m = cues.ROLE_PLURAL.search(bare)
        if m:
            country = self.names.country_of(m.group(1))
            label = (m.group(1) + " " if m.group(1) else "") + m.group(2)
            return self.new_entity(
                f"collective:{label.lower()}",
                label,
                "CollectiveAgent",
                (start + m.start(1 if m.group(1) else 2), start + m.end(2)),
                country,
            )
        return None

    def statements(self, unit: tuple[int, int]) -> None:
        ub, ue = unit
        verbs = []
        for m in cues.REPORTING_VERB.finditer(self.lower, ub, ue):
            verbs.append(m)
        for m in cues.PARTICIPLE.finditer(self.lower, ub, ue):
            if re.search(r"\bwith\s+(?:[\w’'-]+\s+){1,3}$", self.lower[max(ub, m.start() - 40) : m.start()]):
                verbs.append(m)
        splits = [m.start() for m in cues.SPLIT_PARTICIPLE.finditer(self.text, ub, ue)]
        resolved = []
        for m in sorted(verbs, key=lambda m: m.start()):
            key = self.speaker(unit, m.start())
            if key is not None:
                resolved.append((m, key))
        current: list = []  # [begin, speaker, verb]
        for m, key in resolved:
            split = any(current and current[-1][2] < s < m.start() for s in splits)
            if current and current[-1][1] == key and not split:
                continue
            begin = ub if not current else self.clause_start(ub, m.start())
            if current and begin <= current[-1][0]:
                continue  # "Reyle said that Valdonia welcomed ...": a verb inside what was said
            current.append([begin, key, m.start()])
        for s in splits:
            if current and not any(c[0] == s for c in current) and current[0][2] < s:
                owner = max((c for c in current if c[2] < s), key=lambda c: c[2])
                current.append([s, owner[1], s])
        current.sort()
        for i, (begin, key, verb) in enumerate(current):
            end = current[i + 1][0] if i + 1 < len(current) else ue
            seg_text = self.text[begin:end]
            lead = len(seg_text) - len(seg_text.lstrip(" ,;"))
            begin += lead
            end = begin + len(self.text[begin:end].rstrip(" ,;"))
            self.statement(unit, begin, end, key, verb)
            if self.is_a(key, "Person"):
                self.last_person = key

    def statement(self, unit, begin: int, end: int, speaker: str, verb: int) -> None:
        speaker_label = self.entities[speaker].label
        stem = "statement-" + slug(speaker_label.split()[-1])
        claim = self.claim("Statement", (begin, end), "happened", f"statement by {speaker_label}", stem)
        claim.props["speaker"] = [speaker]
        quote = re.search(r"“([^”]+)”|\"([^\"]+)\"", self.text[begin:end])
        if quote:
            which = 1 if quote.group(1) is not None else 2
            q_begin, q_end = begin + quote.start(which), begin + quote.end(which)
            while q_end > q_begin and self.text[q_end - 1] in ",;: ":
                q_end -= 1
            claim.props["quote"] = [TextSpan(q_begin, q_end)]
        else:
            after = re.search(r"\bthat\s+", self.text[verb:end])
            word = re.match(r"\w+(?:\s+(?:out|for))?\s*", self.text[verb:end])
            p_begin = verb + after.end() if after else verb + (word.end() if word else 0)
            p_end = end - (1 if self.text[end - 1] in ".!?" else 0)
            claim.props["paraphrase"] = [self.text[p_begin:p_end].strip() or self.text[begin:end]]
        according = self.according_to(unit, begin)
        if according and according != speaker:
            claim.according_to = according
        for b, e, key in self.mentions(begin, end):
            if "Conference" in self.entities[key].classes:
                claim.props["occasion"] = ["claim:" + self.conference(key).id]
        self.segments.append(Segment(begin, end, speaker, claim))

    def according_to(self, unit, pos: int) -> str | None:
        ub, ue = unit
        for seg in self.segments:
            if seg.begin <= pos < seg.end and seg.claim.props.get("speaker"):
                return seg.speaker
        m = cues.ACCORDING_TO.search(self.text, ub, ue)
        if m:
            after = self.mentions(m.end(), ue)
            if after and after[0][0] - m.end() <= 2:
                return after[0][2]
        for b, e, key in self.mentions(ub, ue):  # "..., the Northern Ledger reported."
            if self.is_a(key, "NewsPublisher") and re.match(r"\s+(?:reported|reports|has reported)\b", self.text[e:ue]):
                return key
        m = cues.ATTRIBUTION_VERB.search(self.lower, ub, ue)
        if m and m.start() <= pos:
            key = self.last_before(self.clause_start(ub, m.start()), m.start(), *AGENT_CLASSES)
            if key:
                return key
        return None

    def in_statement(self, pos: int) -> Segment | None:
        return next((s for s in self.segments if s.begin <= pos < s.end), None)

    # -- events -----------------------------------------------------------------------------------
    def antecedent(self, cls: str, head: str | None = None) -> RuleClaim | None:
        """The earlier claim a definite phrase refers to: of the same class (and head word, for
        agreements), the one with the most roles filled, the latest among equals."""
        earlier = [c for c in self.claims if c.cls == cls and (head is None or c.head == head)]
        if not earlier:
            return None
        return max(reversed(earlier), key=lambda c: len([p for p in c.props if p not in ("derivedFromStatement",)]))

    def events(self, unit: tuple[int, int]) -> None:
        ub, ue = unit
        found = []
        for cls, pattern in cues.TRIGGERS:
            for m in re.finditer(pattern, self.lower[ub:ue]):
                found.append((cls, ub + m.start(), ub + m.end()))
        made: dict[str, RuleClaim] = {}
        for cls, begin, end in sorted(found, key=lambda f: (f[0] == "Cancellation", f[1])):
            if cls == "Cancellation":
                self.cancellation(unit, begin, end, made)
                continue
            head = self.lower[begin:end].rstrip("s") if cls == "Agreement" else None
            definite = cues.DEFINITE.search(self.text[max(ub, begin - 40) : begin])
            earlier = self.antecedent(cls, head)
            if definite and earlier is not None and earlier.cls == cls:
                phrase_begin = begin - len(definite.group(0))
                phrase_end = self.roles(earlier, unit, begin, end) or end
                earlier.evidence.append((phrase_begin, phrase_end))
                made.setdefault(cls, earlier)
                continue
            status = self.status(unit, begin, end)
            if cls == "Agreement":
                status = {"happened": "in-force", "ongoing": "in-force"}.get(status, status)
            claim = self.claim(cls, (ub, ue), status, self.label(unit, begin, end), head=head or "")
            segment = self.in_statement(begin)
            claim.according_to = self.according_to(unit, begin)
            if segment is not None:
                claim.props["derivedFromStatement"] = ["claim:" + segment.claim.id]
            self.roles(claim, unit, begin, end, made)
            made.setdefault(cls, claim)

    def roles(self, claim: RuleClaim, unit, begin: int, end: int, made: dict | None = None) -> int | None:
        """Fill the claim's roles from the words around its cue; return where its phrase ends."""
        ub, ue = unit
        props, phrase_end = claim.props, None
        if claim.cls == "DiplomaticVisit":
            delegation = (made or {}).get("Delegation")
            visitor = (
                ("claim:" + delegation.id)
                if delegation
                else self.last_before(self.clause_start(ub, begin), begin, *AGENT_CLASSES)
            )
            if visitor:
                props.setdefault("visitor", [visitor])
            destination = self.first_after(end, min(ue, end + 40), "Place")
            if destination:
                props.setdefault("destination", [destination])
        elif claim.cls == "Delegation":
            words = self.text[max(ub, begin - 40) : begin]
            demonym = re.findall(cues.DEMONYM, words)
            country = self.names.country_of(demonym[-1]) if demonym else None
            if country:
                props.setdefault("sentBy", [country])
            level = cues.LEVEL.search(self.text, max(ub, begin - 40), end)
            if level:
                props.setdefault("level", [level.group(1)])
            led = cues.LED_BY.match(self.text[end:ue])
            if led:
                person = self.first_after(end + led.end(), min(ue, end + led.end() + 2 + 40), "Person")
                if person:
                    props.setdefault("leader", [person])
                    phrase_end = max(e for b, e, k in self.mentions(end, ue) if k == person)
        elif claim.cls == "Meeting":
            with_ = re.match(r"[^.;]{0,40}?\bwith\b", self.text[end:ue])
            between = re.match(r"[^.;,]{0,20}?\bbetween\b[^.;,]*", self.text[end:ue])
            counterparts = []
            if with_:
                counterparts = [k for b, e, k in self.outermost(end + with_.end(), ue) if self.is_a(k, *AGENT_CLASSES)]
                counterparts = [k for k in dict.fromkeys(counterparts) if not self.is_a(k, "Country")]
            elif between:
                counterparts = [
                    k for b, e, k in self.outermost(end, end + between.end()) if self.is_a(k, *AGENT_CLASSES)
                ]
            else:  # "Officials from Valdonia and Tessmark met"
                counterparts = [
                    k for b, e, k in self.outermost(self.clause_start(ub, begin), begin) if self.is_a(k, *AGENT_CLASSES)
                ]
            if counterparts:
                props.setdefault("counterpart", list(dict.fromkeys(counterparts)))
        elif claim.cls == "Talks":
            between = re.match(r"[^,;.]{0,40}?\bbetween\s+", self.text[end:ue])
            if between:
                sides = [
                    self.agent(b, e, k)
                    for b, e, k in self.outermost(end + between.end(), min(ue, end + between.end() + 80))
                ]
                sides = list(dict.fromkeys(k for k in sides if k))
                if len(sides) >= 2:
                    props.setdefault("side", sides[:2])
                    phrase_end = max(e for b, e, k in self.mentions(end, ue) if k == sides[1])
            with_ = re.match(r"\s+with\s+", self.text[end:ue])
            subject = self.last_before(self.clause_start(ub, begin), begin, *AGENT_CLASSES)
            if not between and with_ and subject:  # "Marsh will visit Lindor for talks with Reyle"
                other = self.first_after(end + with_.end(), min(ue, end + with_.end() + 60), *AGENT_CLASSES)
                if other and other != subject:
                    props.setdefault("side", [subject, other])
        elif claim.cls == "Agreement":
            year = cues.YEAR_BEFORE.search(self.text[max(ub, begin - 12) : begin])
            if year:
                props.setdefault("yearSigned", [int(year.group(1))])
            signed = re.match(r"(?:[^.;]{0,60}?\bsigned)?\s+with\s+", self.text[end:ue])
            if signed:
                party = self.first_after(end + signed.end(), min(ue, end + signed.end() + 40), *AGENT_CLASSES)
                if party:
                    props.setdefault("party", [party])
        elif claim.cls == "Withdrawal":
            for b, e, key in reversed(self.mentions(max(ub, begin - 40), begin)):
                if re.fullmatch(r"[’']s\s+(?:\w+\s+){0,2}", self.text[e:begin]) or cues.SPEAKER_FILLER.match(
                    self.text[e:begin]
                ):
                    actor = self.agent(b, e, key)
                    if actor:
                        props.setdefault("actor", [actor])
                    break
            subject = self.last_before(self.clause_start(ub, begin), begin, *AGENT_CLASSES)
            if (
                "actor" not in props
                and subject
                and re.fullmatch(
                    r"(?:\s+(?:has|have|had|since|also|already|now|recently|was|were|been))*\s+",
                    self.text[max(e for b, e, k in self.mentions(ub, begin) if k == subject) : begin],
                )
            ):
                props["actor"] = [subject]
            obj = re.match(
                r"(?:\s+of)?\s+([\w’'-]+(?:\s+[\w’'-]+){0,4}?)(?=\s+(?:from|in|to|at)\b|[,.;]|$)", self.text[end:ue]
            )
            if obj:
                props.setdefault("object", [obj.group(1).strip()])
        return phrase_end

    def cancellation(self, unit, begin: int, end: int, made: dict) -> None:
        ub, ue = unit
        agreement = made.get("Agreement")
        if agreement is None and re.search(r"\bagreement", self.lower[max(ub, begin - 40) : min(ue, end + 40)]):
            agreement = self.antecedent("Agreement")
        if agreement is not None:
            agreement.status = "cancelled"
            existing = next(
                (
                    c
                    for c in self.claims
                    if c.cls == "Cancellation" and c.props.get("cancels") == ["claim:" + agreement.id]
                ),
                None,
            )
            phrase = self.phrase(unit, begin, end)
            if existing is not None:
                existing.evidence.append(phrase)
                return
            status = self.status(unit, begin, end, skip=("cancelled",))
            claim = self.claim("Cancellation", phrase, status, f"cancellation of the {agreement.label}")
            claim.props["cancels"] = ["claim:" + agreement.id]
            claim.according_to = self.according_to(unit, begin)
            if re.search(r"\brecent\b", self.lower[max(ub, begin - 12) : begin]):
                claim.props["timeDescription"] = ["recent"]
            return
        events = [c for k, c in made.items() if k in ("DiplomaticVisit", "Meeting", "Talks")]
        if events:
            for claim in events:
                claim.status = "cancelled"
            return
        claim = self.claim("Cancellation", (ub, ue), "happened", self.label(unit, begin, end))
        claim.according_to = self.according_to(unit, begin)

    def phrase(self, unit, begin: int, end: int) -> tuple[int, int]:
        """A cue word with its determiner and modifiers before it and an of-phrase after it."""
        ub, ue = unit
        start = self.clause_start(ub, begin)
        lead = re.search(r"(?:\b(?:the|a|an|its|their)\s+)?(?:[\w’'-]+\s+){0,3}$", self.text[start:begin])
        phrase_begin = start + lead.start() if lead else begin
        of = re.match(r"\s+of\s+[^,;.—–]{1,40}?(?=[,;.—–]|\s+(?:to|in|with|that|which)\b|$)", self.text[end:ue])
        phrase_end = end + of.end() if of else end
        phrase_begin = max(phrase_begin, start)
        while self.text[phrase_begin] in " ,;":
            phrase_begin += 1
        return phrase_begin, phrase_end

    # -- posts, conferences, notes ----------------------------------------------------------------
    def sentence_of(self, pos: int) -> tuple[int, int] | None:
        return next(((b, e) for p in self.paragraphs for b, e in p.sentences if b <= pos < e), None)

    def posts(self) -> None:
        """A post for each title tied to a person, in the organisation or state its words name. A title
        that names none takes the organisation of the post listed just before it in the same sentence
        ("X, head of the Syrian administration, Foreign Minister Y"), marked for review; a former title
        that names none is the person's ``formerly`` ("ousted President"): a post needs its organisation."""
        by_key: dict[tuple, RuleClaim] = {}
        listed: tuple[tuple[int, int] | None, str | None] = (None, None)  # (sentence, organisation) of the last post
        for title in sorted(self.names.titles, key=lambda t: (t.begin, t.end)):
            if title.person not in self.entities:
                continue
            country = self.entities[title.country].label if title.country in self.entities else None
            label = title.label[:1].upper() + title.label[1:]
            if country and not re.search(r"\b(?:of|to|for)\b", label):
                label = f"{label} of {country}"
            key = (title.person, label.lower())
            if key in by_key:
                by_key[key].evidence.append((title.begin, title.end))
                continue
            inside = [
                k
                for b, e, k in self.mentions(title.begin, title.end)
                if k != title.person and self.is_a(k, "Organization")
            ]
            post_in, note = title.country or (inside[0] if inside else None), None
            sentence = self.sentence_of(title.begin)
            if post_in is None and listed[1] is not None and sentence == listed[0]:
                post_in = listed[1]
                note = f"postIn taken from the post listed before it in the sentence ({self.entities[post_in].label}): check it"
            name_begin = min(
                (b for b, e in self.entities[title.person].spans if title.begin < b < title.end), default=None
            )
            if post_in is None and title.former and name_begin is not None:  # "ousted President Bashar Al-Assad"
                self.entities[title.person].props.setdefault("formerly", []).append(
                    self.text[title.begin : name_begin].strip()
                )
                continue
            stem = "post-" + slug(self.entities[title.person].label.split()[-1])
            claim = self.claim("Post", (title.begin, title.end), "happened" if title.former else "ongoing", label, stem)
            claim.props["heldBy"] = [title.person]
            if post_in:
                claim.props["postIn"] = [post_in]
                listed = (sentence, post_in)
            if note:
                claim.notes.append(note)
            by_key[key] = claim

    def conference(self, key: str) -> RuleClaim:
        existing = next((c for c in self.claims if c.cls == "Conference" and c.head == key), None)
        if existing:
            return existing
        ent = self.entities[key]
        begin, end = ent.spans[0]
        window = self.lower[max(0, begin - 20) : begin]
        status = "planned" if re.search(r"\b(?:upcoming|next|forthcoming)\b", window) else "happened"
        claim = self.claim("Conference", (begin, end), status, ent.label, "conference-" + slug(ent.label), head=key)
        claim.evidence = list(ent.spans)
        if re.search(r"\brecent\b", window):
            claim.props["timeDescription"] = ["recent"]
        return claim

    def notes(self, unit) -> None:
        ub, ue = unit
        sentence = self.lower[ub:ue]
        if not re.search(r"\bthis (?:article|story|report)\b|\bthe author\b", sentence):
            return
        publishers = [k for b, e, k in self.mentions(ub, ue) if self.is_a(k, "NewsPublisher")]
        publisher = publishers[0] if publishers else self.article.get("translated_by")
        claim = self.claim("EditorialNote", (ub, ue), "happened", self.text[ub:ue].rstrip("."))
        claim.props["about"] = ["article"]
        if publisher:
            claim.according_to = publisher
            claim.props["reported_by"] = [publisher]
        translated = re.search(r"\btranslated(?:\s+and\s+\w+)?\s+by\s+", self.text[ub:ue])
        if translated and publishers:
            self.article["translated_by"] = publishers[0]
        author = [k for b, e, k in self.mentions(ub, ue) if k == "agent:the author"]
        if author and re.search(r"\bresponsib", sentence):
            self.article["responsible_party"] = author[0]

    def reporting_publisher(self) -> str | None:
        for ent in self.entities.values():
            if "NewsPublisher" not in ent.classes:
                continue
            for b, e in ent.spans:
                if (
                    cues.PUBLISHER_BEFORE.search(self.text[max(0, b - 80) : b])
                    and not re.search(r"(?:translated|published|edited)", self.text[max(0, b - 40) : b])
                    or cues.PUBLISHER_AFTER.match(self.text[e : e + 30])
                    and "verified" not in self.text[e : e + 30]
                ):
                    return ent.key
        return None

    # -- the proposal -----------------------------------------------------------------------------
    def run(self) -> Proposal:
        for key in [k for k, e in self.entities.items() if "Conference" in e.classes]:
            self.conference(key)
        for unit in self.units():
            self.statements(unit)
            self.events(unit)
            self.notes(unit)
        self.posts()
        reporter = self.reporting_publisher()
        defaults = {"according_to": reporter, "reported_by": reporter} if reporter else {}
        if reporter and self.article.get("translated_by") and self.article["translated_by"] != reporter:
            self.article["original_report_by"] = reporter
        return self.proposal(defaults)

    def proposal(self, defaults: dict) -> Proposal:
        ids: dict[str, str] = {}
        used: set[str] = set()
        for key, ent in self.entities.items():
            if "Conference" in ent.classes:
                continue
            base = ent.entity or slug(ent.label)
            new, n = base, 2
            while new in used or new == "article":
                new, n = f"{base}-{n}", n + 1
            used.add(new)
            ids[key] = new
        for claim in self.claims:
            ids["claim:" + claim.id] = claim.id

        def ref(value):
            if isinstance(value, str) and (value in ids or value == "article"):
                return ids.get(value, value)
            if isinstance(value, str) and value.startswith(
                ("entity:", "name:", "claim:", "collective:", "source:", "government:", "port:", "company:", "agent:")
            ):
                return None  # an entity the text does not mention: nothing to refer to
            return value

        def refs(props: dict) -> dict:
            out = {}
            for prop, values in props.items():
                kept = [v for v in (ref(v) for v in values) if v is not None]
                if kept:
                    out[prop] = kept
            return out

        nodes = []
        for key, ent in self.entities.items():
            if key not in ids:
                continue
            nodes.append(
                DraftNode(
                    ids[key],
                    list(ent.classes),
                    ent.label,
                    list(ent.aliases),
                    [TextSpan(b, e) for b, e in ent.spans],
                    props=refs(ent.props),
                    notes=list(ent.notes),
                    entity=ent.entity,
                )
            )
        for claim in self.claims:
            props = refs({k: v for k, v in claim.props.items() if k != "reported_by"})
            reported = ref(claim.props.get("reported_by", [None])[0])
            evidence = [TextSpan(b, e) for b, e in dict.fromkeys(claim.evidence)]
            nodes.append(
                DraftNode(
                    claim.id,
                    [claim.cls],
                    claim.label,
                    evidence=evidence,
                    status=claim.status,
                    according_to=ref(claim.according_to),
                    reported_by=reported,
                    props=props,
                    notes=list(claim.notes),
                )
            )
        sections = [TextSpan(p.begin, p.end) for p in self.paragraphs if p.heading]
        article = {k: ids[v] for k, v in self.article.items() if v in ids}
        defaults = {k: ids[v] for k, v in defaults.items() if v in ids}
        return Proposal(nodes, article, sections, defaults)


class RulesBackend:
    name = "rules"
    model = None

    def recipe(self) -> str:
        return recipe()

    def propose(self, text: str, corpus: KnownNames, vocab: DraftVocabulary) -> Proposal:
        return _Rules(text, corpus, vocab).run()
