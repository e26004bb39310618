"""What a speaker denies, in the rules back-end (the clause: ``kg.draft.denials``). The claims the cue
words in the denied clause made ("India denied that it had signed an agreement": an agreement in force;
"dismissed reports that Modi would visit Moscow": a visit planned) are left out, since each would state
the opposite of what the sentence reports, and the statement's paraphrase keeps the denial ("denied that
it had signed ..."), not the denied words alone. A claim left out is a reviewer's to add with the status
the article supports; a wrong one is worse.
"""

from kg.draft.denials import denied_clause
from kg.draft.rules.reading import Reading, Unit

_KEPT = ("Statement", "Post", "EditorialNote")  # the denial itself, and what no cue in the clause makes


def denials(r: Reading, unit: Unit) -> None:
    ub, ue = unit
    m = denied_clause(r.text, ub, ue)
    if m is None:
        return
    denied = m.end()
    gone: set[str] = set()
    for claim in [c for c in r.claims if c.evidence and ub <= c.evidence[0][0] < ue and c.cls not in _KEPT]:
        at = r.text.find(claim.label, ub, ue)
        if at >= denied:
            gone.add(claim.id)
            r.forget(claim)
    for claim in [c for c in r.claims if any(ref[6:] in gone for ref in _claim_refs(c))]:
        r.forget(claim)  # an agenda item of a meeting denied
    for claim in r.of_class("Statement"):
        said = claim.props.get("paraphrase")
        if said and claim.evidence and ub <= claim.evidence[0][0] < ue and r.text.startswith(said[0], denied):
            claim.props["paraphrase"] = [r.text[m.start() : denied + len(said[0])]]


def _claim_refs(claim) -> list[str]:
    return [v for values in claim.props.values() for v in values if isinstance(v, str) and v.startswith("claim:")]
