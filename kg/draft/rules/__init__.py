"""The rules back-end: offline, deterministic, no model. Cue words, not understanding.

Entities come from ``names``. Claims come from cue words sentence by sentence: statements from
reporting verbs and quotation marks with their speaker (``statements``), visits, delegations, meetings,
talks, agreements, cancellations and withdrawals from their words (``events``, with their roles in
``roles``), posts from titles, and editorial notes from what an article says about itself
(``article``). Status and attribution come from cues in the same sentence (``reading``). What a cue
cannot settle is left out or marked for review; grounding then checks everything.
"""

import hashlib
from pathlib import Path

from kg.draft.known import KnownNames
from kg.draft.model import Proposal
from kg.draft.rules.agenda import agenda
from kg.draft.rules.article import (
    conference,
    dateline,
    notes,
    posts,
    readout_source,
    reporting_publisher,
    seat_spokespersons,
)
from kg.draft.rules.denials import denials
from kg.draft.rules.events import ages, bonds, events, headline_talks, past_events, stays
from kg.draft.rules.proposal import proposal
from kg.draft.rules.reading import Reading
from kg.draft.rules.statements import joint, stances, statements
from kg.draft.schema import DraftVocabulary


def recipe() -> str:
    """The rules' fingerprint for a draft's header: a digest of every module of this back-end."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(here.rglob("*.py"), key=lambda p: p.relative_to(here).as_posix()):
        digest.update(path.read_bytes())
    return f"rules sha256:{digest.hexdigest()[:16]}"


def propose(text: str, corpus: KnownNames, vocab: DraftVocabulary) -> Proposal:
    """Conferences first (a statement may be made at one), then each sentence's statements, events and
    notes in text order, then posts; the publisher the article reports for is the default source."""
    r = Reading(text, corpus, vocab)
    for key in [k for k, e in r.entities.items() if "Conference" in e.classes]:
        conference(r, key)
    agency = dateline(r)
    for unit in r.units():
        statements(r, unit)
        events(r, unit)
        past_events(r, unit)
        stays(r, unit)
        ages(r, unit)
        bonds(r, unit)
        agenda(r, unit)
        joint(r, unit)
        stances(r, unit)
        denials(r, unit)
        notes(r, unit)
    headline_talks(r)
    posts(r)
    seat_spokespersons(r)
    reporter = reporting_publisher(r) or agency or readout_source(r)
    defaults = {"according_to": reporter, "reported_by": reporter} if reporter else {}
    if reporter and r.article.get("translated_by") and r.article["translated_by"] != reporter:
        r.article["original_report_by"] = reporter
    return proposal(r, defaults)


class RulesBackend:
    name = "rules"
    model = None

    def recipe(self) -> str:
        return recipe()

    def propose(self, text: str, corpus: KnownNames, vocab: DraftVocabulary) -> Proposal:
        return propose(text, corpus, vocab)
