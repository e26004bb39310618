"""The article as the rules read it: its sentences, the entities found in it, and the claims found so far.

Every rule (statements, events and their roles, posts, notes) asks the same questions of the text: which
mentions lie in a stretch of it, where a clause starts, what status cue is near a word, who a claim is
according to. They live here, once, so that each rule module holds only what its claims need.
"""

import bisect
import re
from dataclasses import dataclass, field

from kg.draft.known import KnownNames
from kg.draft.rules import cues
from kg.draft.rules.names import Names, RuleEntity, find_names
from kg.draft.rules.names.metonymy import metonym
from kg.draft.schema import DraftVocabulary
from kg.draft.text import paragraphs

# What may fill a prov:Agent role, as the loader decides it (kg.core.checks: people, organisations,
# collective agents, countries, delegations), not a hand-kept list of classes.
AGENT = "prov:Agent"
AGENT_CLASSES = (AGENT,)
_BOUNDARY = re.compile(r"[,;:—–“”\"()]")

JOINT_CLASSES = ("JointStatement", "SharedStance")
Unit = tuple[int, int]  # a sentence, or sentences joined by a quotation that runs across them
Mention = tuple[int, int, str]  # begin, end, entity key


@dataclass(eq=False)
class RuleClaim:
    """A claim the rules made. Claims are told apart by identity (their ids are unique): the rules ask
    whether a claim is still among those kept, and comparing every field of every claim kept grew with
    the square of a long text."""

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


_NEXT_CLAUSE = {"but", "while", "although", "though", "whereas", "yet", "because"}  # words that open a clause


def _tail(after: str) -> list[str]:
    """A label's words after its cue: a few, up to punctuation, and not into the next clause ("welcomed
    the deal but said it was unclear whether ..."), without function words at their end."""
    tail = _prefix(r"[^,;:.“”\"()—–]*", after).split()[:8]
    tail = tail[: next((i for i, w in enumerate(tail) if w.lower() in _NEXT_CLAUSE), len(tail))]
    while tail and tail[-1].lower() in cues.FUNCTION_WORDS:
        tail.pop()
    return tail


class Reading:
    """One article being read: the rule modules add claims (and, for speakers and metonyms, entities)
    to it, sentence by sentence, and ask it about the text."""

    def __init__(self, text: str, corpus: KnownNames, vocab: DraftVocabulary):
        self.text, self.vocab, self.source = text, vocab, corpus.source
        self.paragraphs = paragraphs(text)
        self.names: Names = find_names(text, self.paragraphs, corpus, vocab)
        self.entities = self.names.entities
        self._claims = _Claims()
        # the joint statements and shared stances made so far, in the order of ``claims`` (some may have
        # left ``claims`` since): what "They agreed" looks back for, without a scan of every claim
        self.joint_claims: list[RuleClaim] = []
        self._segments: list[Segment] = []
        self._segment_index: _SegmentIndex | None = None
        self.counters: dict[str, int] = {}
        self.last_person: str | None = None
        self.block_speaker: str | None = None  # who speaks in the paragraphs after "X said:"
        self.turn_end = -1  # where the transcript's turn read last ends ("JANE ROE, PRIME MINISTER: ...")
        self.article: dict = {}
        self._units: list[Unit] | None = None
        self._unit_ends: list[int] | None = None
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
            return metonym(self.names, key, (begin, end))
        return None

    def mentions(self, begin: int, end: int) -> list[Mention]:
        """The mentions inside [begin, end), by begin, the longer first (from the index of mentions:
        a scan of them all for each question grew with the square of the text)."""
        return self.names.index.within(begin, end)

    def outermost(self, begin: int, end: int) -> list[Mention]:
        """Mentions not inside another mention ("Syria’s new administration", not its "Syria")."""
        kept: list[Mention] = []
        for m in self.mentions(begin, end):
            if not any(k[0] <= m[0] and m[1] <= k[1] for k in kept):
                kept.append(m)
        return kept

    def first_after(self, pos: int, limit: int, *classes: str) -> str | None:
        return next((key for _, _, key in self.mentions(pos, limit) if self.is_a(key, *classes)), None)

    def last_before(self, begin: int, pos: int, *classes: str) -> str | None:
        found = [key for _, _, key in self.mentions(begin, pos) if self.is_a(key, *classes)]
        return found[-1] if found else None

    def last_end(self, begin: int, end: int, key: str) -> int:
        """Where the last mention of ``key`` between ``begin`` and ``end`` ends."""
        return max(e for _, e, k in self.mentions(begin, end) if k == key)

    def new_entity(self, key: str, label: str, cls: str, span: tuple[int, int], country: str | None = None) -> str:
        ent = self.entities.get(key) or RuleEntity(key, label, [cls])
        self.entities[key] = ent
        ent.add(span)
        if country:
            ent.props.setdefault("country", [country])
        return key

    # -- claims -----------------------------------------------------------------------------------
    @property
    def claims(self) -> list[RuleClaim]:
        """The claims made so far, in the order they were made (read only: ``claim`` adds one, ``forget``
        leaves one out)."""
        return self._claims.all

    def of_class(self, *classes: str) -> list[RuleClaim]:
        return self._claims.of_class(*classes)

    def holds(self, claim: RuleClaim) -> bool:
        return self._claims.holds(claim)

    def forget(self, claim: RuleClaim) -> None:
        self._claims.forget(claim)

    def claim(
        self, cls: str, evidence: tuple[int, int], status: str, label: str, stem: str | None = None, **kw
    ) -> RuleClaim:
        stem = stem or re.sub(r"(?<!^)(?=[A-Z])", "-", cls).lower()
        n = self.counters[stem] = self.counters.get(stem, 0) + 1
        claim = RuleClaim(stem if n == 1 else f"{stem}-{n}", cls, [evidence], status, label, **kw)
        self._claims.add(claim)
        if cls in JOINT_CLASSES:
            self.joint_claims.append(claim)
        return claim

    def antecedent(self, cls: str, head: str | None = None) -> RuleClaim | None:
        """The earlier claim a definite phrase refers to: of the same class (and head word, for
        agreements), the one with the most roles filled, the latest among equals."""
        earlier = [c for c in self.of_class(cls) if head is None or c.head == head]
        if not earlier:
            return None
        return max(reversed(earlier), key=lambda c: len(c.props) - ("derivedFromStatement" in c.props))

    def status(self, unit: Unit, begin: int, end: int, skip=()) -> str:
        """The status cue nearest the claim's words (its clause, up to six words before and three
        after), else a planned or expected cue earlier in the sentence, else 'happened'."""
        ub, ue = unit
        clause = self.clause_start(ub, begin)
        words = list(re.finditer(r"\S+", self.text[clause:begin]))
        start = clause + words[-6].start() if len(words) >= 6 else clause
        after = _prefix(r"[^,;:—–“”\"()]*", self.text[end:ue])
        after_words = list(re.finditer(r"\S+", after))
        stop = end + after_words[min(2, len(after_words) - 1)].end() if after_words else end
        window = self.lower[start:stop]
        passive = cues.UNDONE.match(self.lower, end, end + len(after))  # "A planned visit ... was postponed"
        if passive:
            undone = "cancelled" if re.match(r"c|s", passive.group(1)) else "not-happened"
            if undone not in skip:
                return undone
        if "possible" not in skip and re.search(r"\bwould\b", window) and cues.CONDITION.search(self.lower, end, ue):
            return "possible"  # "a follow-up meeting would be held in Nairobi if funding is found"
        for status, pattern in cues.STATUS_CUES:
            if status not in skip and re.search(pattern, window):
                return status
        earlier = re.sub(r"\bupcoming\b", "", self.lower[ub:begin])  # "the upcoming conference": its own
        for status, pattern in cues.STATUS_CUES:
            if status in ("planned", "expected") and status not in skip and re.search(pattern, earlier):
                return status
        return "happened"

    def clause_start(self, unit_begin: int, pos: int) -> int:
        marks = [m.end() for m in _BOUNDARY.finditer(self.text, unit_begin, pos)]
        return max([unit_begin, *marks])

    def label(self, unit: Unit, begin: int, end: int) -> str:
        """A claim's words: up to two modifiers before its cue word and a few words after it."""
        lead: list[str] = []
        for word in reversed(self.text[self.clause_start(unit[0], begin) : begin].split()):
            if len(lead) == 2 or word.lower() in cues.FUNCTION_WORDS or not re.fullmatch(r"[\w’'-]+", word):
                break
            lead.insert(0, word)
        return " ".join(lead + [self.text[begin:end]] + _tail(self.text[end : unit[1]]))

    def phrase(self, unit: Unit, begin: int, end: int) -> tuple[int, int]:
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

    # -- sentences --------------------------------------------------------------------------------
    def units(self):
        """Sentences, joined when a quotation runs across them (read once, then kept)."""
        if self._units is None:
            self._units = list(self._read_units())
            ends = [e for _, e in self._units]
            self._unit_ends = ends if ends == sorted(ends) else None  # they follow the text: bisect them
        return iter(self._units)

    def units_before(self, pos: int, count: int) -> list[Unit]:
        """The last ``count`` units that end at or before ``pos``, in text order."""
        self.units()
        assert self._units is not None
        if self._unit_ends is None:  # pragma: no cover - units follow the text
            return [u for u in self._units if u[1] <= pos][-count:]
        last = bisect.bisect_right(self._unit_ends, pos)
        return self._units[max(0, last - count) : last]

    def _read_units(self):
        for paragraph in self.paragraphs:
            if paragraph.heading:
                continue
            sentences = list(paragraph.sentences)
            quotes = cues.quotations(self.text, paragraph.begin, paragraph.end)
            i = 0
            while i < len(sentences):
                begin, end = sentences[i]
                while i + 1 < len(sentences) and any(b < end < e for b, e in quotes):
                    i += 1
                    end = sentences[i][1]
                dateline = cues.DATELINE.match(self.text, begin, end) if begin < 300 else None
                if dateline:  # the lead's statements and events begin after "BEIJING, Dec. 12 (Xinhua) --"
                    begin = (
                        dateline.end()
                        + len(self.text[dateline.end() : end])
                        - len(self.text[dateline.end() : end].lstrip())
                    )
                yield begin, end
                i += 1

    def sentence_of(self, pos: int) -> tuple[int, int] | None:
        return next(((b, e) for p in self.paragraphs for b, e in p.sentences if b <= pos < e), None)

    # -- statements' segments ---------------------------------------------------------------------
    @property
    def segments(self) -> list[Segment]:  # read only: ``add_segment`` adds one, assigning a list keeps some
        return self._segments

    @segments.setter
    def segments(self, kept: list[Segment]) -> None:
        self._segments = list(kept)
        self._segment_index = None

    def add_segment(self, segment: Segment) -> None:
        self._segments.append(segment)
        self._segment_index = None if self._segment_index is None else self._segment_index.add(segment)

    def segments_at(self, pos: int) -> list[Segment]:
        """The segments that hold ``pos``, in the order of ``segments`` (by an index of where they begin:
        a scan of every segment for each claim grew with the square of a long text)."""
        self._segment_index = self._segment_index or _SegmentIndex(self._segments)
        return self._segment_index.at(pos)

    # -- attribution ------------------------------------------------------------------------------
    def according_to(self, unit: Unit, pos: int) -> str | None:
        """Who a claim at ``pos`` is according to: the speaker of the statement it sits in, a name
        after "according to", a publisher that "reported" it, or the subject of an attribution verb."""
        ub, ue = unit
        for seg in self.segments_at(pos):
            if seg.claim.props.get("speaker"):
                return seg.speaker
        m = cues.ACCORDING_TO.search(self.text, ub, ue)
        if m:
            after = self.mentions(m.end(), ue)
            if after and after[0][0] - m.end() <= 2:
                return after[0][2]
        for _, e, key in self.mentions(ub, ue):  # "..., the Northern Ledger reported."
            if self.is_a(key, "NewsPublisher") and re.match(r"\s+(?:reported|reports|has reported)\b", self.text[e:ue]):
                return key
        m = cues.ATTRIBUTION_VERB.search(self.lower, ub, ue)
        if m and m.start() <= pos:
            subject = self.last_before(self.clause_start(ub, m.start()), m.start(), *AGENT_CLASSES)
            if subject:
                return subject
        return None

    def in_statement(self, pos: int) -> Segment | None:
        return next(iter(self.segments_at(pos)), None)


class _Claims:
    """The claims in the order they were made, and those of some classes (made when first asked, then
    kept up to date), for the rules that look for an earlier claim of a class: a scan of every claim for
    each question grew with the square of a long text."""

    def __init__(self) -> None:
        self.all: list[RuleClaim] = []
        self.by_class: dict[frozenset[str], list[RuleClaim]] = {}

    def add(self, claim: RuleClaim) -> None:
        self.all.append(claim)
        for key, found in self.by_class.items():
            if claim.cls in key:
                found.append(claim)

    def of_class(self, *classes: str) -> list[RuleClaim]:
        """The claims of these classes, in the order they were made (read only)."""
        key = frozenset(classes)
        found = self.by_class.get(key)
        if found is None:
            found = self.by_class[key] = [c for c in self.all if c.cls in key]
        return found

    def holds(self, claim: RuleClaim) -> bool:
        """Whether ``claim`` is still among the claims (not left out since it was made)."""
        return any(c is claim for c in reversed(self.of_class(claim.cls)))

    def forget(self, claim: RuleClaim) -> None:
        self.all.remove(claim)
        for key, found in self.by_class.items():
            if claim.cls in key:
                found.remove(claim)


class _SegmentIndex:
    """Segments by where they begin, each with its place in the order they were added."""

    def __init__(self, segments: list[Segment]) -> None:
        self.begins: list[int] = []
        self.entries: list[tuple[int, int, Segment]] = []  # (begin, order, segment), sorted
        self.longest = 0
        self.count = 0
        for segment in segments:
            self.add(segment)

    def add(self, segment: Segment) -> "_SegmentIndex":
        at = bisect.bisect_right(self.begins, segment.begin)
        self.begins.insert(at, segment.begin)
        self.entries.insert(at, (segment.begin, self.count, segment))
        self.count += 1
        self.longest = max(self.longest, segment.end - segment.begin)
        return self

    def at(self, pos: int) -> list[Segment]:
        lo, hi = bisect.bisect_left(self.begins, pos - self.longest), bisect.bisect_right(self.begins, pos)
        held = sorted((order, s) for _, order, s in self.entries[lo:hi] if pos < s.end)
        return [s for _, s in held]


def _prefix(pattern: str, text: str) -> str:
    """The part of ``text`` that ``pattern`` (which may match nothing) matches at its start."""
    found = re.match(pattern, text)
    return found.group(0) if found else ""
