"""What a drafting back-end proposes and what grounding makes of it.

Both back-ends speak this one language, in the shape of the mapping format itself, so that grounding
(and its report) is the same whichever back-end made the proposal.
"""

from dataclasses import dataclass, field
from typing import Generic, TypeVar


@dataclass(frozen=True)
class TextSpan:
    """A span a back-end found itself, by offsets (the rules back-end)."""

    begin: int
    end: int


@dataclass(frozen=True)
class DraftQuote:
    """Words a back-end says occur in the text (the LLM back-end); grounding must find them.

    ``within`` is the part of the text the back-end was shown, where the words are looked for first.
    """

    text: str
    occurrence: int | None = None
    within: tuple[int, int] | None = None


Located = TextSpan | DraftQuote
# Where a node's mentions and evidence are: a proposal's may be quotes still to find (DraftNode[Located]),
# a grounded node's are spans of the text (DraftNode[TextSpan]).
L_co = TypeVar("L_co", bound=Located, covariant=True)


@dataclass
class DraftNode(Generic[L_co]):
    """An entity or a claim, as in a mapping's ``nodes``: properties hold lists of node ids (object
    properties) or literals (datatype properties; a ``DraftQuote`` for a literal that must be verbatim)."""

    id: str
    a: list[str]
    label: str | None = None
    aliases: list[str] = field(default_factory=list)
    mentions: list[L_co] = field(default_factory=list)
    evidence: list[L_co] = field(default_factory=list)
    status: str | None = None
    according_to: str | None = None
    reported_by: str | None = None
    props: dict[str, list] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # written as review comments above the node
    entity: str | None = None  # the corpus entity (entities.yaml id) this node was found as


@dataclass
class Proposal:
    nodes: list[DraftNode[Located]]
    article: dict = field(default_factory=dict)  # translated_by, original_report_by, ... : node ids
    sections: list[Located] = field(default_factory=list)
    defaults: dict = field(default_factory=dict)  # according_to, reported_by: node ids
    notes: list[str] = field(default_factory=list)  # review notes for the header
    examples: tuple[str, ...] = ()  # quotes shown to the back-end as examples (never evidence)


@dataclass
class DraftReport:
    """What grounding kept, repaired and dropped, and why (``kg draft --report FILE``)."""

    items: list[dict] = field(default_factory=list)

    def add(self, action: str, node: str | None, what: str, reason: str, value=None, to=None) -> None:
        item = {"action": action, "node": node, "what": what, "reason": reason}
        if value is not None:
            item["value"] = value
        if to is not None:
            item["to"] = to
        self.items.append(item)

    def of(self, action: str) -> list[dict]:
        return [i for i in self.items if i["action"] == action]

    def as_dict(self) -> dict:
        def key(i: dict) -> tuple:
            return (str(i.get("node")), i["what"], i["reason"], str(i.get("value")), str(i.get("to")))

        return {action: sorted(self.of(action), key=key) for action in ("kept", "repaired", "dropped")}


@dataclass
class Draft:
    """A grounded draft: the YAML to write, the report, and what made it."""

    text_path: object
    yaml: str
    report: DraftReport
    backend: str
    model: str | None
    recipe: str  # sha256 of the prompt and schema (llm) or of the rules (rules)
    nodes: dict = field(default_factory=dict)
    checks: int = 0  # how many builds it took to reach a draft that validates
    events: list[str] = field(default_factory=list)  # retries and the like, from the back-end

    @property
    def target(self):
        return self.text_path.parent / "mapping.draft.yaml"

    def report_dict(self) -> dict:
        counts = {k: len(v) for k, v in self.report.as_dict().items()}
        return {
            "article": str(self.text_path),
            "backend": self.backend,
            "model": self.model,
            "recipe": self.recipe,
            "counts": counts,
            "events": self.events,
            **self.report.as_dict(),
        }
