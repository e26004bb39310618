"""What the last build knew of each article and of the corpus, in one file (``OUT/.kg/ledger``).

An edit at 10,000 articles once cost about 20 s, almost all of it for the 9,999 articles that did not
change: each one's two kept records read (about 20 KB of JSON), its links checked against the cache,
its validation looked up, a task sent to a worker and back, and the corpus resolution, the entity
context and the link summary added up again from every record (issue 23). The ledger keeps, per
article folder, what the build needs of an article whose inputs did not change (``Kept``: its record
keys, its graph's digest and size, its findings, what the build reports of it), and, for the corpus,
what the articles add up to, kept as tallies that a build changes by the articles that changed:

- the corpus resolution (``kg.resolve.tally.Tally``);
- the lines of what linking reads about the corpus entities (``context``), with how many articles have
  each; the corpus entities the articles name (``used``), likewise;
- the Wikidata cache answers the articles' links read (``reads``) and their link results (``links``).

An article whose compile key is the ledger's is then not read at all; its records stay where they are
(``kg.build.units``), and the ledger is only ever an index of them: one that is missing, of another
format, or that disagrees with the records is set aside and rebuilt from the records (what every
build did before). It is written whole, atomically, by ``marshal`` (plain data, about 500 bytes an
article), after the records it names.
"""

import gc
import marshal
import shutil
from dataclasses import dataclass, field, fields
from pathlib import Path

from kg.resolve.tally import Tally
from kg.util import atomic

FORMAT = 4  # of the file; a ledger of another format is set aside

_MENTION = "<https://w3id.org/diplokg/ontology#mention>"
_ANCHOR = "<http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf>"
_HELD_BY = "<https://w3id.org/diplokg/ontology#heldBy>"
_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"


@dataclass
class Kept:
    """An article as the last build left it: enough to put it into this build unread."""

    folder: str
    slug: str
    compiled: str  # its compiled record's key (kg.build.units.compile_key)
    linked: str  # its linked record's key
    digest: str  # of its graph's lines
    triples: int
    sums: dict  # the linked record's sidecar sums (kg.build.units.LinkedUnit.sums)
    lacks_answers: bool
    memo: str | None  # the validation memo's key of what was validated
    findings: list  # as kg.validate.Finding.__dict__
    sentences: int
    uncovered: list
    warnings: list
    references: list  # (mapping location, "slug/claim")
    entities: list  # keys of the corpus entities it names


@dataclass
class Links:
    """The articles' link results, added up as ``kg.link.linker.LinkSummary`` reads them: how many, the
    linked ones by method, and per unlinked (label, reason) the articles with the index of its first
    result there (which orders the summary's list)."""

    total: int = 0
    methods: dict = field(default_factory=dict)
    unlinked: dict = field(default_factory=dict)  # (label, reason) -> {slug: first index}

    def add(self, slug: str, results: list[dict], sign: int) -> None:
        self.total += sign * len(results)
        for index, result in enumerate(results):
            if result["chosen"]:
                _bump(self.methods, result["method"], sign)
                continue
            group = self.unlinked.setdefault((result["label"], result["reason"]), {})
            if sign > 0:
                group.setdefault(slug, index)
            else:
                group.pop(slug, None)
                if not group:
                    del self.unlinked[(result["label"], result["reason"])]


_KEPT = [f.name for f in fields(Kept)]


def _bump(table: dict, key, sign: int) -> None:
    table[key] = table.get(key, 0) + sign
    if not table[key]:
        del table[key]


class Ledger:
    """``Ledger(path)`` reads the last build's ledger (an empty one when there is none or it cannot be
    used); ``valid`` says whether its tallies may be changed by the articles that changed."""

    _rows: dict[str, tuple]  # folder -> (the Kept read, its row)

    def __init__(self, path: Path | None):
        self.path = Path(path) if path is not None else None
        self.closures: dict[str, str] = {}  # corpus entity key -> digest of its part of the entity graph
        self.reset("")
        if self.path is None:
            return
        collecting = gc.isenabled()
        gc.disable()  # a ledger is a few hundred thousand small objects, none of them garbage
        try:
            data = marshal.loads(self.path.read_bytes())
            if data[0] != FORMAT:
                raise ValueError("another format")
            _f, self.salt, self.stamp, self.entity_digest, closures, articles, tally, context, used, reads, links = data
            self.closures = dict(closures)
            self.articles = {row[0]: Kept(*row) for row in articles}
            # each article's row as read, written again as it is while its Kept is the one read
            self._rows = {row[0]: (self.articles[row[0]], row) for row in articles}
            self.tally, self.context, self.used, self.reads = Tally(tally), context, used, reads
            self.links = Links(*links)
            self.valid = True
        except (OSError, ValueError, EOFError, TypeError, IndexError, KeyError, AttributeError):
            self.reset("")
        finally:
            if collecting:
                gc.enable()

    def reset(self, salt: str) -> None:
        """Nothing known: every article is read from its records, the tallies added up again."""
        self.salt, self.stamp, self.entity_digest = salt, "", ""
        self.closures = {}
        self.articles = {}
        self._rows = {}
        self.tally = Tally()
        self.context, self.used, self.reads = {}, {}, {}
        self.links = Links()
        self.valid = False
        self.present = set[str]()

    def add_compiled(self, unit, sign: int) -> None:
        """An article's compiled record (``kg.build.units.CompiledUnit``) into the tallies, or out."""
        from kg.resolve import Contribution

        self.tally.add(Contribution.from_json(unit.contribution), sign)
        for line in corpus_context(unit.context):
            _bump(self.context, line, sign)
        for key in unit.entities:
            _bump(self.used, key, sign)

    def add_linked(self, slug: str, unit, sign: int) -> None:
        """An article's linked record (``kg.build.units.LinkedUnit``) into the tallies, or out."""
        for read in unit.reads:
            _bump(self.reads, tuple(read), sign)
        self.links.add(slug, unit.results, sign)

    def _row(self, kept: Kept) -> tuple:
        read = self._rows.get(kept.folder)
        if read is not None and read[0] is kept:  # Kept is never changed once made
            return read[1]
        return tuple(getattr(kept, name) for name in _KEPT)

    def save(self) -> None:
        if self.path is None:
            return
        data = (
            FORMAT,
            self.salt,
            self.stamp,
            self.entity_digest,
            self.closures,
            [self._row(kept) for kept in self.articles.values()],
            self.tally.state,
            self.context,
            self.used,
            self.reads,
            (self.links.total, self.links.methods, self.links.unlinked),
        )
        if self.path.is_dir() and not self.path.is_symlink():  # kg's own state: whatever took its name goes
            shutil.rmtree(self.path)
        atomic.write_bytes(self.path, marshal.dumps(data))


def corpus_context(lines: list[str]) -> list[str]:
    """An article's ``context`` lines (``kg.link.linker.context_of``) as the corpus entity graph's linking
    reads them. Linking reads of a corpus entity the set of words its mentions have and the set of
    labels of the posts it holds, never which article's span or post node they come from; yet those
    nodes are the article's own, so the lines as made grow with the corpus (a third of a million at
    10,000 articles), and every article added changed them, and the key of the entity graph's links.
    Here each (entity, wording) mention and each (entity, post label) is one node named by what it
    says (``urn:kg:context:`` and a digest), so that articles saying the same thing give the same
    lines: the lines grow with what the corpus says, the links are those the article lines give."""
    import hashlib

    def named(*parts: str) -> str:
        return "<urn:kg:context:" + hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32] + ">"

    split = [line[: -len(" .\n")].split(" ", 2) if line.endswith(" .\n") else None for line in lines]
    anchors: dict[str, list[str]] = {}
    labels: dict[str, list[str]] = {}
    for parts in split:
        if parts is not None and parts[1] == _ANCHOR:
            anchors.setdefault(parts[0], []).append(parts[2])
        elif parts is not None and parts[1] == _LABEL:
            labels.setdefault(parts[0], []).append(parts[2])
    posts = {parts[0] for parts in split if parts is not None and parts[1] == _HELD_BY}
    out = set()
    for line, parts in zip(lines, split, strict=True):
        if parts is None:
            out.add(line)
            continue
        subject, predicate, obj = parts
        if predicate == _MENTION and obj in anchors:
            for words in anchors[obj]:
                node = named("mention", subject, words)
                out.update((f"{subject} {_MENTION} {node} .\n", f"{node} {_ANCHOR} {words} .\n"))
        elif predicate == _HELD_BY and subject in labels:
            for label in labels[subject]:
                node = named("post", obj, label)
                out.update((f"{node} {_HELD_BY} {obj} .\n", f"{node} {_LABEL} {label} .\n"))
        elif not (predicate == _ANCHOR or (predicate == _LABEL and subject in posts)):
            out.add(line)
    return sorted(out)
