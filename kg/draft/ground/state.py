"""What grounding works on, shared by its steps: the proposal, the text, the vocabulary, the report,
and the nodes kept so far with the ids they were renamed or merged from.
"""

from dataclasses import dataclass, field
from functools import cached_property

from kg.draft.known import KnownNames, slug
from kg.draft.model import DraftNode, DraftReport, Proposal, TextSpan
from kg.draft.schema import DraftVocabulary
from kg.draft.text import NormalisedText


@dataclass
class GroundingState:
    proposal: Proposal
    text: str
    vocab: DraftVocabulary
    rules: list = field(default_factory=list)  # the shapes' requirements (``shapes.ShapeRule``)
    corpus: KnownNames = field(default_factory=KnownNames)
    report: DraftReport = field(default_factory=DraftReport)
    alias: dict[str, str] = field(default_factory=dict)  # proposed or merged id -> kept id
    nodes: dict[str, DraftNode[TextSpan]] = field(default_factory=dict)
    defaults: dict = field(default_factory=dict)
    applicable: dict = field(default_factory=dict)  # the rules for a tuple of classes (``shapes.failing``)

    @cached_property
    def normalised(self) -> NormalisedText:
        """The normalised text, made when a quote is first not found as it stands (a back-end that gives
        offsets never needs it, and for a long text it is the largest thing grounding holds)."""
        return NormalisedText(self.text)

    def resolve(self, ref) -> str | None:
        """The kept node a reference means (through renames and merges, or by its slug), or 'article'."""
        ref = str(ref).strip()
        seen = set()
        while ref in self.alias and ref not in seen:
            seen.add(ref)
            ref = self.alias[ref]
        if ref == "article" or ref in self.nodes:
            return ref
        alt = slug(ref)
        return alt if alt in self.nodes else None

    def compatible(self, a: str, b: str) -> bool:
        return a == b or self.vocab.is_a(a, b) or self.vocab.is_a(b, a)
