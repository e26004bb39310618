"""Push: replace each article's named graph (and the ontology's) in a remote store, sending only what changed.

What changed is known without reading the store: the build records a digest of every graph
(``kg.graphs.json``), and each push records, per endpoint, the digest and triple count of every graph it
sent (``OUT/.kg/push/<endpoint>.json``, ``PushRecord``). A push sends the graphs whose digest differs from
that record, drops the graphs the record has and the build no longer has, and asks the store one cheap
question per 500 graphs about the rest: do they still exist? A store that was emptied or recreated is
therefore pushed whole again. A graph edited in the store behind kg's back is found with ``verify``
(its triples counted in the store against the record) and overwritten with ``full``.

Replace semantics per graph: a Graph Store Protocol PUT where the store has one (atomic in Oxigraph,
Fuseki, GraphDB), otherwise SPARQL Update ``DROP SILENT GRAPH <g> ; INSERT DATA {...}``; small graphs share
one update request (one request is one transaction in the stores we know), graphs too large for one are
sent in parts, and a failure then leaves that graph partial, which the error says. The connection is kept
alive between requests.

A protocol status alone does not prove a push: any web server answers 200 to a PUT. The store is asked to
count the triples of the pushed graphs (the first at once, the rest in batches), and the push succeeds only
when the counts match. A query endpoint that answers something other than SPARQL results is not a store,
and the push fails; one that cannot be asked (refused, 401/403/404/405/501, timeout) leaves the push
unverified, which the result says.
"""

import hashlib
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from kg.core.errors import KgError
from kg.push.record import PushRecord
from kg.push.send import Sender, canonical_count, lines_of
from kg.query.remote import Endpoint, Uncountable
from kg.util.text import counted

CHECK_GRAPHS = 500  # graphs named in one existence or count query
VERIFY_EVERY = 200  # pushed graphs counted in one query


class GraphSource:
    """The built graphs as push reads them: a digest per graph IRI, and each graph's N-Triples on demand."""

    def __init__(self, digests: dict[str, str], read: Callable[[str], bytes]):
        self.digests = digests
        self._read = read

    def ntriples(self, name: str) -> bytes:
        return self._read(name)

    @classmethod
    def of(cls, graphs: dict[str, bytes]) -> "GraphSource":
        """Graphs given as N-Triples bytes, digested here (for tests and callers without a build)."""
        return cls({k: hashlib.sha256(v).hexdigest() for k, v in graphs.items()}, graphs.__getitem__)


@dataclass
class Planned:
    graph: str
    reason: str  # new, changed, missing, differs, forced, unchanged, removed
    remote: int | None = None  # the store's count, where it was asked

    def __str__(self) -> str:
        held = "" if self.remote is None else f" (the store holds {counted(self.remote, 'triple')})"
        return f"<{self.graph}>: {self.reason}{held}"


@dataclass
class PushResult:
    planned: list[Planned] = field(default_factory=list)
    pushed: dict[str, int] = field(default_factory=dict)  # graph -> triples sent
    method: dict[str, str] = field(default_factory=dict)
    verified: dict[str, bool] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    requests: int = 0
    unverified_reason: str | None = None  # why the store could not be asked to count, if it could not

    @property
    def to_send(self) -> list[Planned]:
        return [p for p in self.planned if p.reason not in ("unchanged", "removed")]


# -- the store's side ------------------------------------------------------------------------------
def _values(names: Iterable[str]) -> str:
    return " ".join(f"<{name}>" for name in names)


def remote_counts(endpoint: Endpoint, names: list[str], what: str = "count") -> dict[str, int]:
    """The number of triples the store holds in each of ``names`` (absent graphs: 0), in one query per
    ``CHECK_GRAPHS`` graphs. Raises ``Uncountable`` when the store cannot be asked."""
    counts = dict.fromkeys(names, 0)
    for i in range(0, len(names), CHECK_GRAPHS):
        part = names[i : i + CHECK_GRAPHS]
        query = (
            f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {_values(part)} }} GRAPH ?g {{ ?s ?p ?o }} }} "
            "GROUP BY ?g"
        )
        more = f" and {len(part) - 1} more" if len(part) > 1 else ""
        for row in endpoint.select_rows(query, f"{what} <{part[0]}>{more}"):
            counts[row["g"]] = int(row["n"])
    return counts


def remote_present(endpoint: Endpoint, names: list[str]) -> set[str]:
    """Which of ``names`` hold at least one triple in the store: an index lookup per graph, not a scan."""
    present: set[str] = set()
    for i in range(0, len(names), CHECK_GRAPHS):
        part = names[i : i + CHECK_GRAPHS]
        query = f"SELECT ?g WHERE {{ VALUES ?g {{ {_values(part)} }} FILTER EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} }} }}"
        present.update(row["g"] for row in endpoint.select_rows(query, "check the pushed graphs"))
    return present


# -- the push ------------------------------------------------------------------------------------------
def plan(
    endpoint: Endpoint, source: GraphSource, record: PushRecord, full: bool, verify: bool, result: PushResult
) -> None:
    """Which graphs to send and why; asks the store about the graphs the record says are there."""
    kept = []
    for name in sorted(source.digests):
        before = record.graphs.get(name)
        if full:
            result.planned.append(Planned(name, "forced"))
        elif before is None:
            result.planned.append(Planned(name, "new"))
        elif before[0] != source.digests[name]:
            result.planned.append(Planned(name, "changed"))
        else:
            kept.append(name)
    try:
        if verify and kept:
            counts = remote_counts(endpoint, kept)
            differs = {name for name in kept if counts[name] != record.graphs[name][1]}
            result.planned += [Planned(name, "differs from the record", counts[name]) for name in sorted(differs)]
        elif kept:
            differs = set(kept) - remote_present(endpoint, kept)
            result.planned += [Planned(name, "missing from the store", 0) for name in sorted(differs)]
        else:
            differs = set()
    except Uncountable as exc:  # the record is trusted
        result.unverified_reason = str(exc)
        differs = set()
    result.unchanged = len(kept) - len(differs)
    result.planned += [Planned(name, "unchanged") for name in kept if name not in differs]
    result.planned += [Planned(name, "removed") for name in sorted(set(record.graphs) - set(source.digests))]
    result.planned.sort(key=lambda p: p.graph)


def push(
    endpoint: Endpoint,
    source: GraphSource,
    record: PushRecord | None = None,
    method: str = "auto",
    dry_run: bool = False,
    full: bool = False,
    verify: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
) -> PushResult:
    """Bring the store to the build: send new and changed graphs, drop removed ones, record what was sent."""
    record = record if record is not None else PushRecord(None, {})
    result = PushResult()
    asked = endpoint.requests_made
    plan(endpoint, source, record, full, verify, result)
    if dry_run:
        result.requests = endpoint.requests_made - asked
        return result
    sender = Sender(endpoint, method)
    checker = _Checker(endpoint, source, record, result)
    todo = result.to_send
    reader = ThreadPoolExecutor(1)  # the next graph is read from the build while the store takes this one
    coming = reader.submit(source.ntriples, todo[0].graph) if todo else None
    try:
        for i, item in enumerate(todo):
            body = coming.result() if coming else source.ntriples(item.graph)
            coming = reader.submit(source.ntriples, todo[i + 1].graph) if i + 1 < len(todo) else None
            result.pushed[item.graph] = lines_of(body)
            checker.add(item.graph, lines_of(body))
            done = sender.send(item.graph, body)
            if i == 0:  # the first graph is counted at once: a store that keeps nothing fails early
                done += sender.flush()
            for name in done:
                result.method[name] = sender.used if name == item.graph else "update"
            checker.check(done, now=i == 0 or len(checker.waiting) >= VERIFY_EVERY)
            if progress:
                progress(i + 1, len(todo), item.graph)
        flushed = sender.flush()
        for name in flushed:
            result.method[name] = "update"
        checker.check(flushed, now=True)
        for item in result.planned:
            if item.reason == "removed":
                sender.drop(item.graph)
                record.forget(item.graph)
                result.removed.append(item.graph)
    except KgError as exc:
        already = f"; already pushed: {counted(checker.done, 'graph')}" if checker.done else ""
        raise KgError(f"{exc}{already}") from None
    finally:
        reader.shutdown(cancel_futures=True)
        record.save()
        result.requests = endpoint.requests_made - asked
    return result


class _Checker:
    """Counts pushed graphs in the store and records the ones that hold what was sent."""

    def __init__(self, endpoint: Endpoint, source: GraphSource, record: PushRecord, result: PushResult):
        self.endpoint, self.source, self.record, self.result = endpoint, source, record, result
        self.waiting: dict[str, int] = {}  # sent or about to be -> triples sent
        self.sent: set[str] = set()
        self.done = 0

    def add(self, name: str, triples: int) -> None:
        self.waiting[name] = triples

    def check(self, names: list[str], now: bool) -> None:
        self.sent.update(names)
        if not now:
            return
        ready = [name for name in self.waiting if name in self.sent]
        if not ready:
            return
        counts: dict[str, int] | None = None
        if self.result.unverified_reason is None:
            try:
                counts = remote_counts(self.endpoint, ready, "verify")
            except Uncountable as exc:
                self.result.unverified_reason = str(exc)
        for name in ready:
            expected = self.waiting.pop(name)
            self.sent.discard(name)
            held = counts[name] if counts is not None else expected
            if held != expected and held != canonical_count(self.source.ntriples(name)):
                raise KgError(
                    f"push <{name}>: the store answered with a success status but holds {counted(held, 'triple')} "
                    f"in the graph, not {expected}: the push did not take effect"
                )
            self.result.verified[name] = counts is not None
            self.record.put(name, self.source.digests[name], held)
            self.done += 1
        self.record.save()
