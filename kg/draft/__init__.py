"""Stage 0 — draft: a raw article becomes an unreviewed ``mapping.draft.yaml``, grounded in its text.

One entry point, ``draft_article``: a back-end (``rules`` or ``llm``) proposes entities and claims,
grounding holds them to the text, the ontology and the shapes, and the draft is built through the
public pipeline until it validates, so a reviewer always starts from a mapping that builds.
"""

from pathlib import Path

from kg.draft.check import check_draft
from kg.draft.ground import ground, slug
from kg.draft.known import Corpus, load_corpus
from kg.draft.model import Draft
from kg.draft.schema import vocabulary
from kg.draft.write import DRAFT_FILE, render
from kg.errors import KgError
from kg.namespaces import node_iri

BACKENDS = ("rules", "llm")
MAX_CHECKS = 6

__all__ = ["BACKENDS", "DRAFT_FILE", "Corpus", "Draft", "draft_article", "load_corpus", "make_backend"]


def make_backend(name: str):
    if name == "rules":
        from kg.draft.rules import RulesBackend

        return RulesBackend()
    if name == "llm":
        from kg.draft.llm import LlmBackend, LlmConfig

        return LlmBackend(LlmConfig.from_env())
    raise KgError(f"unknown back-end '{name}'; choose {' or '.join(BACKENDS)}")


def read_text(path: Path) -> str:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise KgError(f"{path}: cannot read article text: {exc.__class__.__name__}") from None
    if not text.strip():
        raise KgError(f"{path}: article text is empty")
    return text


def draft_article(text_path: Path, backend="rules", corpus: Corpus | None = None) -> Draft:
    """Draft a mapping for one article text. ``backend`` is a name or a back-end object."""
    text_path = Path(text_path)
    text = read_text(text_path)
    back = make_backend(backend) if isinstance(backend, str) else backend
    corpus = corpus or Corpus()
    vocab = vocabulary()
    proposal = back.propose(text, corpus, vocab)
    grounded = ground(proposal, text, vocab, corpus=corpus)
    article_slug = slug(text_path.resolve().parent.name)
    recipe = back.recipe()
    for checks in range(1, MAX_CHECKS + 1):
        mapping = render(grounded, text, text_path.name, article_slug, vocab, backend=back.name, model=back.model, recipe=recipe)
        try:
            report = check_draft(mapping, text_path, corpus.entities_path)
        except KgError as exc:
            raise KgError(f"{text_path}: the draft does not compile ({exc}); this is a bug in kg draft") from None
        if report.conforms:
            break
        prefix = str(node_iri(article_slug, ""))
        reasons = {}
        for finding in report.violations:
            for term in (finding.focus, finding.value):
                if term.startswith(prefix) and term[len(prefix):] in grounded.nodes:
                    reasons.setdefault(term[len(prefix):], f"fails validation: {finding.message}")
                    break
        if not reasons or checks == MAX_CHECKS:
            first = report.violations[0]
            raise KgError(f"{text_path}: the draft does not validate ({first.message}); this is a bug in kg draft")
        grounded.drop(reasons)
    grounded.finish()
    mapping = render(grounded, text, text_path.name, article_slug, vocab, backend=back.name, model=back.model, recipe=recipe)
    return Draft(text_path, mapping, grounded.report, back.name, back.model, recipe, grounded.nodes, checks)
