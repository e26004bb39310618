"""Typing unknown names through Wikidata (``kg draft --online``).

A name the gazetteers, the corpus and the rules could not type comes out of a back-end as an
``Organization`` or a ``Place`` with a review note that says its class was guessed. Online, such a
name is looked up with the linker's own requests: ``wbsearchentities`` for the name, then the P31
(instance of) of the items whose label or alias is the name exactly, climbed through P279 (subclass of)
a few levels, as the linker does. A Wikidata class reached stands for the ontology classes whose
``skos:exactMatch``/``closeMatch`` name it (``kg.link.classes``, as linking reads them).

Only a confident answer types a name: the exact hits that reach any mapped class must agree on one
class, and it is the nearest one reached (``Q5`` itself is nearer than a class ``organization`` reached
three levels up). Anything else leaves the name as the rules typed it: a wrong class costs a reviewer
more than a vague one. The requests go through the linker's client and cache (same API URL, contact,
retries and cache folder), so a second draft of the same text asks nothing, and a draft made offline is
what it always was.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.core.ontology import default_ontology
from kg.draft.known import name_key
from kg.draft.model import DraftNode
from kg.draft.schema import DraftVocabulary
from kg.link.classes import OntologyClasses
from kg.link.http import Offline, WikidataClient, WikidataError
from kg.link.linker import CLASS_DEPTH
from kg.link.wikidata import get_items, search
from kg.util.console import warn

# The review notes a back-end leaves on a class it guessed (kg.draft.rules.names.capitalised): only
# such names are looked up, never one the text, the corpus or a gazetteer typed.
GUESSED = ("class guessed", "class not known")


@dataclass(frozen=True)
class Typed:
    cls: str
    item: str
    label: str
    description: str


@dataclass
class WikidataTyper:
    """Looks names up; remembers each answer for the run (the cache keeps them across runs)."""

    client: WikidataClient
    vocab: DraftVocabulary
    language: str = "en"
    warning: str | None = None
    _answers: dict[str, Typed | None] = field(default_factory=dict)
    _parents: dict[tuple[str, ...], dict[str, set[str]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        ontology = default_ontology()
        mapped = OntologyClasses(ontology.graph)

        # the classes mapped to Wikidata themselves, not through a superclass: what a Wikidata class
        # says; an entity class the draft may use
        def iris(names):
            return [term.iri for n in names if (term := ontology.term(n)) is not None]

        self.targets: dict[str, set[str]] = {}
        for name in self.vocab.entity_classes:
            own = mapped.expected(iris([name]))
            inherited = mapped.expected(iris(self.vocab.parents(name)))
            if own and own != inherited:
                self.targets[name] = own

    def type_of(self, name: str) -> Typed | None:
        key = name_key(name)
        if key not in self._answers:
            self._answers[key] = self._ask(name, key)
        return self._answers[key]

    def _ask(self, name: str, key: str) -> Typed | None:
        """The answer, or None; when Wikidata stops answering, one warning and the cache alone from then
        on (as linking does)."""
        try:
            return self._look_up(name, key)
        except Offline:
            return None
        except WikidataError as exc:
            if not exc.unavailable:
                return None
            if self.warning is None:
                self.warning = f"Wikidata unavailable ({exc}); typing names from the cache only"
                warn(self.warning)
            self.client.config.offline = True
            try:
                return self._look_up(name, key)
            except (Offline, WikidataError):
                return None

    def _look_up(self, name: str, key: str) -> Typed | None:
        hits = search(self.client, name, self.language)
        exact = {h["id"]: h for h in hits if name_key(str(_dict(h.get("match")).get("text", ""))) == key}
        if not exact:
            return None
        # only the claims (as linking asks for classes): an answer with labels would make the items
        # known names of later drafts (kg.draft.known reads the cache), also the ones not taken here
        items = get_items(self.client, exact, self.language, props="claims")
        answers: dict[str, Typed] = {}
        for qid, hit in exact.items():
            item = items.get(qid)
            cls = self._class_of(set(item.item_values("P31"))) if item is not None else None
            if cls is not None:
                answers.setdefault(cls, Typed(cls, qid, str(hit.get("label", "")), str(hit.get("description", ""))))
        return next(iter(answers.values())) if len(answers) == 1 else None

    def _class_of(self, classes: set[str]) -> str | None:
        """The one ontology class these P31 values reach first through P279, or None."""
        frontier, seen = set(classes), set()
        for _ in range(CLASS_DEPTH + 1):
            reached = {cls for cls, wanted in self.targets.items() if frontier & wanted}
            if reached:
                narrowest = {c for c in reached if not any(o != c and self.vocab.is_a(o, c) for o in reached)}
                return narrowest.pop() if len(narrowest) == 1 else None
            seen |= frontier
            key = tuple(sorted(frontier))
            if key not in self._parents:
                got = get_items(self.client, key, self.language, props="claims")
                self._parents[key] = {qid: set(item.item_values("P279")) for qid, item in got.items()}
            frontier = {p for c in frontier for p in self._parents[key].get(c, set())} - seen
            if not frontier:
                return None
        return None


def guessed(node: DraftNode, vocab: DraftVocabulary) -> bool:
    """A named entity whose class a back-end guessed, with no corpus entity behind it. A place name
    read as its government (metonymy: "Zarnow shares these concerns") is not asked: Wikidata would
    say the city, and the text says the government."""
    return (
        bool(node.label)
        and node.entity is None
        and not vocab.is_claim(node.a)
        and any(note.startswith(GUESSED) for note in node.notes)
        and not any("metonymy" in note for note in node.notes)
    )


def type_names(nodes: Iterable[DraftNode], typer: WikidataTyper) -> list[DraftNode]:
    """The nodes, each guessed name with the class Wikidata is sure of (a changed copy: a back-end may
    keep what it proposed)."""
    out = []
    for node in nodes:
        answer = typer.type_of(node.label) if guessed(node, typer.vocab) and node.label else None
        if answer is None or [answer.cls] == node.a:
            out.append(node)
            continue
        what = f"{answer.item} {answer.label}" + (f" ({answer.description})" if answer.description else "")
        notes = [n for n in node.notes if not n.startswith(GUESSED)]
        notes.append(f"class from Wikidata, was {'/'.join(node.a)}: {what} is its one exact match; check it")
        out.append(replace(node, a=[answer.cls], notes=notes))
    return out


def make_typer(
    vocab: DraftVocabulary,
    cache_dir: Path | None = None,
    api_url: str | None = None,
    contact: str | None = None,
) -> WikidataTyper:
    """A typer with the linker's client (``kg.link.make_client``: the same options and variables, and
    an API URL that is no http(s) URL refused as a usage error, not taken for an outage)."""
    from kg.link import link_cache, make_client

    return WikidataTyper(make_client(link_cache(cache_dir), False, api_url, contact), vocab)


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}
