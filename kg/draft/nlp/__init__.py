"""The NLP back-end: a spaCy pipeline reads the text; its named entities, dependency parse and
sentences become a proposal like the other back-ends', which grounding then holds to the text.

The pipeline is optional (``pip install -e '.[nlp]'`` and a trained English pipeline); without one
``kg draft --backend nlp`` stops with one line saying how to install it. Everything here works on a
spaCy ``Doc``, so the rules can be tested on hand-built parses without any trained model.
"""

import hashlib
from pathlib import Path

from kg.core.errors import KgError
from kg.draft import rules
from kg.draft.known import KnownNames
from kg.draft.model import Proposal
from kg.draft.nlp.combine import combine
from kg.draft.nlp.propose import propose_doc
from kg.draft.schema import DraftVocabulary

DEFAULT_MODEL = "en_core_web_sm"
CHUNK = 100_000  # characters per piece the pipeline reads (``read``)
INSTALL = "install one with: pip install -e '.[nlp]' && python -m spacy download {name}"

__all__ = ["DEFAULT_MODEL", "NlpBackend", "load_pipeline", "propose_doc"]


def load_pipeline(name: str):
    """The spaCy pipeline ``name``, or one clear line on why it cannot be used."""
    try:
        import spacy
    except ImportError:
        raise KgError(f"the nlp back-end needs spaCy and a trained pipeline; {INSTALL.format(name=name)}") from None
    try:
        nlp = spacy.load(name)
    except (OSError, ImportError):
        # the hint names the pipeline asked for: "--model en_core_web_md" is not helped by en_core_web_sm
        raise KgError(f"no spaCy pipeline named '{name}' is installed; {INSTALL.format(name=name)}") from None
    if nlp.lang != "en":
        raise KgError(f"spaCy pipeline '{name}' is for language '{nlp.lang}'; kg draft reads English texts")
    missing = [p for p in ("parser", "ner") if p not in nlp.pipe_names]
    if missing:
        raise KgError(f"spaCy pipeline '{name}' has no {' and no '.join(missing)}; the nlp back-end needs both")
    return nlp


class NlpBackend:
    name = "nlp"

    def __init__(self, model: str = DEFAULT_MODEL, nlp=None):
        self.model = model
        self.nlp = nlp if nlp is not None else load_pipeline(model)

    def recipe(self) -> str:
        """A digest of this back-end's modules, of the pipeline's name and version and of the rules
        back-end's modules: a draft says which rules and which trained weights made it."""
        here = Path(__file__).resolve().parent
        digest = hashlib.sha256()
        for path in sorted(here.glob("*.py")):
            digest.update(path.read_bytes())
        meta = getattr(self.nlp, "meta", {}) or {}
        digest.update(f"{meta.get('name', '')} {meta.get('version', '')}".encode())
        digest.update(rules.recipe().encode())  # the rules' claims are part of its proposal (``combine``)
        return f"nlp sha256:{digest.hexdigest()[:16]}"

    def propose(self, text: str, corpus: KnownNames, vocab: DraftVocabulary) -> Proposal:
        parsed = propose_doc(read(self.nlp, text), corpus, vocab)
        return combine(parsed, rules.propose(text, corpus, vocab), vocab)


def read(nlp, text: str, chunk: int = CHUNK):
    """The text as one Doc, parsed in pieces cut after a line break: a pipeline refuses a text longer
    than its ``max_length`` (a million characters) and its memory grows with the piece, not the text.
    The pieces keep their line breaks, so the Doc's text and offsets are the text's own."""
    pieces, begin = [], 0
    while begin < len(text):
        end = len(text) if len(text) - begin <= chunk else text.rfind("\n", begin, begin + chunk) + 1
        if end <= begin:  # one line longer than a piece: cut it at a space
            end = max(text.rfind(" ", begin, begin + chunk) + 1, begin + chunk)
        pieces.append(text[begin:end])
        begin = end
    if len(pieces) == 1:
        return nlp(text)
    from spacy.tokens import Doc

    docs = []
    for piece in nlp.pipe(pieces, batch_size=1):  # one piece at a time: memory of one piece
        piece.tensor = piece.tensor[:0]  # the network's vectors: gigabytes for a long text, and not read
        docs.append(piece)
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    if doc.text != text:
        raise KgError("the spaCy pipeline changed the text while reading it in pieces; this is a bug in kg draft")
    return doc
