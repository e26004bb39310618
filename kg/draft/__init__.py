"""Stage 0 — draft: a raw article becomes an unreviewed ``mapping.draft.yaml``, grounded in its text.

One entry point, ``draft_article``: a back-end (``rules``, ``llm`` or ``nlp``) proposes entities and claims,
grounding holds them to the text, the ontology and the shapes, and the draft is built through the
public pipeline until it validates, so a reviewer always starts from a mapping that builds.
"""

import dataclasses
from pathlib import Path

from kg.core.errors import KgError
from kg.core.namespaces import node_iri
from kg.core.textfile import NOT_REGULAR, read_utf8
from kg.draft.check import check_draft
from kg.draft.ground import ground
from kg.draft.known import KnownNames, load_corpus, name_key, slug
from kg.draft.mentions import listed_mentions
from kg.draft.model import Draft, DraftNode
from kg.draft.schema import vocabulary
from kg.draft.source import Source, read_source
from kg.draft.write import render
from kg.load.load import DRAFT_FILE
from kg.util.text import counted

BACKENDS = ("rules", "llm", "nlp")
MAX_CHECKS = 6

__all__ = [
    "BACKENDS",
    "DRAFT_FILE",
    "Draft",
    "KnownNames",
    "article_texts",
    "corpus_for",
    "draft_article",
    "load_corpus",
    "make_backend",
    "write_drafts",
]


def make_backend(name: str, model: str | None = None):
    if name == "rules":
        from kg.draft.rules import RulesBackend

        return RulesBackend()
    if name == "llm":
        from kg.draft.llm import LlmBackend, LlmConfig

        return LlmBackend(LlmConfig.from_env())
    if name == "nlp":
        from kg.draft.nlp import DEFAULT_MODEL, NlpBackend

        return NlpBackend(model or DEFAULT_MODEL)
    raise KgError(f"unknown back-end '{name}'; choose {', '.join(BACKENDS[:-1])} or {BACKENDS[-1]}")


def read_text(path: Path) -> str:
    text = read_utf8(path, "article text")
    if not text.strip():
        raise KgError(f"{path}: article text is empty")
    return text


def draft_article(text_path: Path, backend="rules", corpus: KnownNames | None = None, typer=None) -> Draft:
    """Draft a mapping for one article text. ``backend`` is a name or a back-end object; ``typer``
    (``kg.draft.online``), when given, types the names the back-end could only guess."""
    text_path = Path(text_path)
    text = read_text(text_path)
    back = make_backend(backend) if isinstance(backend, str) else backend
    source = read_source(text_path)
    corpus = dataclasses.replace(corpus or KnownNames(), source=source)
    vocab = vocabulary()
    shown = text_path.parent.name or text_path.name
    _progress(f"{shown}: proposing ({counted(len(text.split()), 'word', grouped=True)})")
    proposal = back.propose(text, corpus, vocab)
    if typer is not None:
        from kg.draft.online import type_names

        proposal = dataclasses.replace(proposal, nodes=type_names(proposal.nodes, typer))
    _progress(f"{shown}: grounding {counted(len(proposal.nodes), 'node', grouped=True)}")
    grounded = ground(proposal, text, vocab, corpus=corpus)
    _from_source(grounded, source, text, corpus)
    article_slug = slug(text_path.resolve().parent.name)
    recipe = back.recipe()
    for checks in range(1, MAX_CHECKS + 1):
        grounded.listed = listed_mentions(grounded.nodes, text, vocab, corpus)
        mapping = render(
            grounded, text, text_path.name, article_slug, vocab, backend=back.name, model=back.model, recipe=recipe
        )
        _progress(f"{shown}: building the draft to check it ({checks} of at most {MAX_CHECKS})")
        try:
            report = check_draft(mapping, text_path, corpus.entities_path)
        except KgError as exc:
            raise KgError(f"{text_path}: the draft does not compile ({exc}); this is a bug in kg draft") from None
        if report.conforms:
            break
        prefix = str(node_iri(article_slug, ""))
        reasons: dict[str, str] = {}
        for finding in report.violations:
            for term in (finding.focus, finding.value):
                if term.startswith(prefix) and term[len(prefix) :] in grounded.nodes:
                    reasons.setdefault(term[len(prefix) :], f"fails validation: {finding.message}")
                    break
        if not reasons or checks == MAX_CHECKS:
            first = report.violations[0]
            raise KgError(f"{text_path}: the draft does not validate ({first.message}); this is a bug in kg draft")
        grounded.drop(reasons)
    grounded.finish()  # the mapping the last check built is the final one: nothing changed since
    _progress(f"{shown}: done", end=True)
    return Draft(
        text_path,
        mapping,
        grounded.report,
        back.name,
        back.model,
        recipe,
        grounded.nodes,
        checks,
        list(getattr(back, "events", [])),
    )


def _progress(text: str, end: bool = False) -> None:
    """Where a long draft is, on one line of a terminal (stderr); nothing when it is not a terminal."""
    import sys

    from kg.util import console

    if console.level() <= console.QUIET or sys.stderr is None or not sys.stderr.isatty():
        return
    sys.stderr.write(f"\r\033[Kkg draft: {text}" + ("\n" if end else ""))
    sys.stderr.flush()


def _from_source(grounded, source: Source, text: str, corpus: KnownNames) -> None:
    """The article's url, date and licence from ``source.yaml``; its headline as the title (the corpus
    keeps the headline on the first line); the publisher, as a node of the draft or of the entity list
    that bears its name, and the draft's source by default when the text names none."""
    grounded.article.update(source.article_fields())
    if source.publisher is None:
        return
    first = grounded.sections[0] if grounded.sections else None
    if first is not None and first.begin == len(text) - len(text.lstrip()):
        grounded.article.setdefault("title", text[first.begin : first.end])
    publisher = _publisher_node(grounded, source, corpus)
    if publisher is None:
        return
    grounded.article.setdefault("publisher", publisher)
    grounded.defaults.setdefault("reported_by", publisher)
    if grounded.defaults.get("according_to") in (None, "article"):
        grounded.defaults["according_to"] = publisher
        grounded.notes = [n for n in grounded.notes if not n.startswith("defaults.according_to is 'article'")]
        grounded.notes.append("defaults.according_to is the publisher source.yaml names: check who the text is by")


def _publisher_node(grounded, source: Source, corpus: KnownNames) -> str | None:
    for name in source.publisher_names():
        wanted = name_key(name)
        for node_id, node in sorted(grounded.nodes.items()):
            if wanted in {name_key(n) for n in (node.label or "", *node.aliases)}:
                return node_id
        for known in corpus.known:
            if known.entity and "NewsPublisher" in known.classes and wanted in {name_key(n) for n in known.names()}:
                if known.entity not in grounded.nodes:
                    grounded.nodes[known.entity] = DraftNode(
                        known.entity,
                        list(known.classes),
                        known.label,
                        list(known.aliases),
                        entity=known.entity,
                        notes=["the publisher source.yaml names"],
                    )
                return known.entity
    return None


def article_texts(path: Path) -> list[Path]:
    """The texts ``kg draft PATH`` drafts: a text file, an article folder, or the article folders of an
    articles folder that have no reviewed mapping yet. What a draft reads beside a text (the text,
    ``source.yaml``) is kept inside the folder given (``kg.util.paths.confined``): the text's own
    folder when a text is given."""
    from kg.draft.source import SOURCE_FILE
    from kg.util.paths import confined

    path = Path(path)
    if path.is_file():
        texts, root = [path], path.parent
    elif not path.is_dir():
        raise KgError(f"{path}: {NOT_REGULAR}" if path.exists() else f"{path}: no such file or folder")
    elif (path / "article.txt").is_file():
        texts, root = [path / "article.txt"], path
    else:
        texts, root = (
            sorted(
                p / "article.txt"
                for p in path.iterdir()
                if (p / "article.txt").is_file() and not (p / "mapping.yaml").is_file()
            ),
            path,
        )
    if not texts:
        raise KgError(f"{path}: no article.txt here, nor in a subfolder without a mapping.yaml")
    for text in texts:
        for read in (text, text.parent / SOURCE_FILE):
            if read != path:  # a text named on the command line is read wherever it is
                confined(root, read, "the folder given")
    return texts


def corpus_for(
    text_path: Path, entities: Path | None = None, pins: Path | None = None, cache_dir: Path | None = None
) -> KnownNames:
    """Known names for an article: the entity list and pins of its articles folder, and the link cache."""
    import os

    from kg.util.paths import corpus_file

    # the folder the text's folder is in, as named (not where links lead: a linked folder's own parent
    # is no part of the corpus)
    articles = Path(text_path).absolute().parent.parent
    cache = cache_dir or Path(os.environ.get("KG_CACHE_DIR") or ".kg-cache/wikidata")
    return load_corpus(
        entities or corpus_file(articles, "entities.yaml"), pins or corpus_file(articles, "wikidata-pins.yaml"), cache
    )


def write_drafts(
    path: Path,
    backend: str = "rules",
    force: bool = False,
    entities: Path | None = None,
    pins: Path | None = None,
    cache_dir: Path | None = None,
    report: Path | None = None,
    model: str | None = None,
    online: bool = False,
    api_url: str | None = None,
    contact: str | None = None,
) -> list[Draft]:
    """Draft every article under ``path`` and write ``mapping.draft.yaml`` next to each text.

    Nothing is written unless every draft succeeds; an existing draft is replaced only with
    ``force``, and a reviewed ``mapping.yaml`` is never touched (drafts have their own name).
    ``online``: names the back-end could only guess are typed through Wikidata (``kg.draft.online``,
    with the link cache of ``cache_dir``, ``api_url`` and ``contact`` as linking takes them).
    """
    import json

    from kg.util import atomic

    texts = article_texts(path)
    for text in texts:
        target = text.parent / DRAFT_FILE
        if target.exists() and not force:
            raise KgError(f"{target} exists; use --force to replace the draft")
    back = make_backend(backend, model)
    typer = None
    if online:
        from kg.draft.online import make_typer

        typer = make_typer(vocabulary(), cache_dir, api_url, contact)
    drafts = [draft_article(text, back, corpus_for(text, entities, pins, cache_dir), typer) for text in texts]
    for draft in drafts:
        atomic.write_text(draft.target, draft.yaml)
    if report is not None:
        reports = [d.report_dict() for d in drafts]
        body = reports[0] if len(reports) == 1 else {"articles": reports}
        atomic.write_text(report, json.dumps(body, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    return drafts
