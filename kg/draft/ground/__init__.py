"""Grounding: what a back-end proposed, held to the text, the ontology and the shapes.

Shared by both back-ends. Every quote is found in the text as a whole-word span (exactly, else after
normalising Unicode, quotes, dashes and whitespace, writing back the article's own characters) or
dropped (``quotes``); a claim left without evidence is dropped; classes, properties and statuses are
checked against the ontology (``nodes``); entities are merged by corpus entity, then by name
(``merge``); references are checked (``references``); and a node that cannot meet a shape's
requirements is moved up to the nearest superclass that it can meet (a visit with no destination is
still an event), or dropped (``shapes``). Every decision goes into the report.
"""

from dataclasses import dataclass, field

from kg.draft.ground.merge import assign_ids, merge
from kg.draft.ground.nodes import check_node
from kg.draft.ground.quotes import spans
from kg.draft.ground.references import domains, references, refs_of, unused
from kg.draft.ground.shapes import ShapeRule, default_rules, fit_shapes, rules_from_shapes
from kg.draft.ground.state import GroundingState
from kg.draft.known import KnownNames
from kg.draft.model import DraftNode, DraftReport, Proposal, TextSpan
from kg.draft.schema import DraftVocabulary, vocabulary
from kg.util.text import counted

__all__ = ["Grounded", "ShapeRule", "default_rules", "ground", "rules_from_shapes"]


@dataclass
class Grounded:
    nodes: dict[str, DraftNode[TextSpan]]
    article: dict = field(default_factory=dict)
    sections: list[TextSpan] = field(default_factory=list)
    defaults: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    report: DraftReport = field(default_factory=DraftReport)
    # the entities whose mentions are written (``kg.draft.mentions``); None: every entity's
    listed: set[str] | None = None
    state: GroundingState = field(repr=False, kw_only=True)  # what ``drop`` and ``finish`` work on

    def drop(self, reasons: dict[str, str]) -> None:
        """Move nodes that failed validation up a class, or remove them, and settle what depended on them."""
        g = self.state
        for node_id, reason in sorted(reasons.items()):
            node = g.nodes.get(node_id)
            if node is None:
                continue
            parents = sorted({p for c in node.a for p in g.vocab.parents(c)})
            if parents:
                g.report.add(
                    "repaired",
                    node_id,
                    "class",
                    f"{reason}; moved up to {'/'.join(parents)}",
                    "/".join(node.a),
                    "/".join(parents),
                )
                node.notes.append(f"was {'/'.join(node.a)} ({reason}): complete it or keep {'/'.join(parents)}")
                node.a = parents
            else:
                g.report.add("dropped", node_id, "node", reason)
                del g.nodes[node_id]
        defaults = dict(g.defaults)
        _settle(g)
        g.defaults.update({k: v for k, v in defaults.items() if v == "article" or v in g.nodes})
        self.nodes, self.defaults = g.nodes, g.defaults
        self.article = {k: v for k, v in self.article.items() if v in g.nodes}

    def finish(self) -> None:
        """Report every node kept, once the draft is final."""
        g = self.state
        for node in g.nodes.values():
            kind = "claim" if g.vocab.is_claim(node.a) else "entity"
            count = len(node.evidence) if kind == "claim" else len(node.mentions)
            noun = "evidence quote" if kind == "claim" else "mention"
            g.report.add("kept", node.id, kind, f"{'/'.join(node.a)}, {counted(count, noun)}")


def ground(
    proposal: Proposal,
    text: str,
    vocab: DraftVocabulary | None = None,
    rules=None,
    corpus: KnownNames | None = None,
) -> Grounded:
    g = GroundingState(
        proposal,
        text,
        vocab or vocabulary(),
        list(rules if rules is not None else default_rules()),
        corpus or KnownNames(),
    )
    checked = [n for n in (check_node(g, n) for n in proposal.nodes) if n is not None]
    g.nodes = {n.id: n for n in merge(g, assign_ids(g, checked))}
    g.defaults = {}
    _settle(g)
    g.defaults = refs_of(g, proposal.defaults, "defaults")
    article = refs_of(g, proposal.article, "article")
    notes = list(proposal.notes)
    claims_without_source = any(g.vocab.is_claim(n.a) and not n.according_to for n in g.nodes.values())
    if claims_without_source and not g.defaults.get("according_to"):
        g.defaults["according_to"] = "article"
        g.report.add(
            "repaired",
            None,
            "defaults.according_to",
            "no source found; the article itself until you name one",
            None,
            "article",
        )
        notes.append(
            "defaults.according_to is 'article' because no reporting source was found: name the publisher or source"
        )
    sections = spans(g, proposal.sections, None, "section")
    return Grounded(g.nodes, article, sections, g.defaults, notes, g.report, state=g)


def _settle(g: GroundingState) -> None:
    """Check references, shapes and use again until nothing changes (a drop can cause another)."""
    changed = True
    while changed:
        changed = references(g)
        g.defaults = refs_of(g, g.proposal.defaults, "defaults", report=False)
        changed = fit_shapes(g) or changed
        changed = domains(g) or changed
        changed = unused(g) or changed
