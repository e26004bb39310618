"""Every quote a back-end gave, found in the text as a whole-word span: exactly, else after normalising
Unicode, quotes, dashes and whitespace (writing back the article's own characters), or dropped.
"""

from kg.draft.ground.state import GroundingState
from kg.draft.model import DraftQuote, TextSpan
from kg.draft.text import locate


def span(g: GroundingState, item, node: str | None, what: str) -> TextSpan | None:
    if isinstance(item, TextSpan):
        if 0 <= item.begin < item.end <= len(g.text):
            return item
        g.report.add("dropped", node, what, "offsets outside the text", [item.begin, item.end])
        return None
    quote = item if isinstance(item, DraftQuote) else DraftQuote(str(item))
    raw = quote.text
    found = locate(g.text, raw.strip(), quote.occurrence, quote.within, lambda: g.normalised)
    if found is None:
        reason = "not in the text"
        if raw.strip() in g.proposal.examples:
            reason = "copied from the prompt's example, not in the article"
        elif g.text.find(raw.strip()) != -1:
            reason = "occurs only inside other words"
        g.report.add("dropped", node, what, reason, raw)
        return None
    if found.repaired or raw != raw.strip():
        kinds = found.repaired or ["whitespace"]
        g.report.add(
            "repaired",
            node,
            what,
            "found after normalising " + ", ".join(kinds),
            raw,
            g.text[found.begin : found.end],
        )
    return TextSpan(found.begin, found.end)


def spans(g: GroundingState, items, node: str | None, what: str) -> list[TextSpan]:
    found = [s for s in (span(g, i, node, what) for i in items) if s is not None]
    return sorted(set(found), key=lambda s: (s.begin, s.end))
