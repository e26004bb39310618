"""Find the entities of an article for the rules back-end: known names first (``from_corpus``), then
agents named by description ("a Russian source", "Russian companies": ``described``), then unknown
capitalised names (``capitalised``), each with every whole-word mention and a class guessed from cues
(or a plain guess, marked for review); then known places that act become governments (``metonymy``),
and titles tied to persons are collected for posts (``titles``).
"""

from kg.draft.known import KnownNames
from kg.draft.rules.names.capitalised import unknown
from kg.draft.rules.names.described import described
from kg.draft.rules.names.found import Names, RuleEntity, Title, class_from_name, joined, not_names, spellings
from kg.draft.rules.names.from_corpus import corpus_names
from kg.draft.rules.names.metonymy import metonyms
from kg.draft.rules.names.titled import titled
from kg.draft.rules.names.titles import courtesy, titles
from kg.draft.schema import DraftVocabulary
from kg.draft.text import Paragraph

__all__ = ["Names", "RuleEntity", "Title", "class_from_name", "find_names"]


def find_names(text: str, paragraphs: list[Paragraph], corpus: KnownNames, vocab: DraftVocabulary) -> Names:
    """The steps in order: each one sees the mentions the earlier ones found, and leaves them alone."""
    names = Names(text, paragraphs, corpus, vocab)
    corpus_names(names)
    described(names)
    unknown(names)
    not_names(names)
    joined(names)
    spellings(names)
    courtesy(names)
    metonyms(names)
    titles(names)
    titled(names)
    return names
