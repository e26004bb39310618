"""Push: replace each article's named graph (and the ontology's) in a remote store.

Replace semantics per graph: a Graph Store Protocol PUT where the store has one (atomic in Oxigraph,
Fuseki, GraphDB), otherwise one SPARQL Update request ``DROP SILENT GRAPH <g> ; INSERT DATA {...}``
(one request is one transaction in the stores we know). Graphs too large for one request are sent in
batches: the first drops and inserts, the rest insert; a failure then leaves that graph partial, and
the error says so. Pushing twice leaves the same triples.

A protocol status alone does not prove a push: any web server answers 200 to a PUT. After each graph
the store is asked to count the graph's triples, and the push succeeds only when the count matches.
A query endpoint that answers something other than SPARQL results is not a store, and the push
fails; one that cannot be asked (refused, 401/403/404/405/501, timeout) leaves the push unverified,
which the result says.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.core.errors import KgError
from kg.query.remote import Endpoint
from kg.util.redact import redact_url

BATCH_TRIPLES = 50_000


@dataclass
class GraphChange:
    graph: str
    local: int
    remote: int
    added: int
    removed: int

    def __str__(self) -> str:
        if not self.added and not self.removed:
            return f"<{self.graph}>: unchanged ({self.local} triples)"
        return f"<{self.graph}>: {self.remote} -> {self.local} triples (+{self.added} -{self.removed})"


@dataclass
class PushResult:
    changes: list[GraphChange] = field(default_factory=list)
    method: dict[str, str] = field(default_factory=dict)
    verified: dict[str, bool] = field(default_factory=dict)
    unverified_reason: str | None = None  # why the store could not be asked to count, if it could not


def ntriples(graph: Graph) -> str:
    data = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    # lines end at line feeds only: a literal may hold U+2028 or U+0085, where str.splitlines would cut
    return "\n".join(sorted(line for line in data.split("\n") if line.strip())) + "\n"


_INTEGERS = {
    XSD.integer,
    XSD.nonNegativeInteger,
    XSD.positiveInteger,
    XSD.nonPositiveInteger,
    XSD.negativeInteger,
    XSD.int,
    XSD.long,
    XSD.short,
    XSD.byte,
    XSD.unsignedInt,
    XSD.unsignedLong,
    XSD.unsignedShort,
    XSD.unsignedByte,
}
_NUMERIC = _INTEGERS | {XSD.decimal, XSD.double, XSD.float}


def canonical(graph: Graph) -> set[tuple]:
    """Triples compared by value, as stores keep them: "1.000"^^xsd:decimal comes back as "1", and
    Oxigraph returns xsd:nonNegativeInteger as xsd:integer."""
    out: set[tuple] = set()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype in _NUMERIC:
            value: Decimal | str
            try:
                value = Decimal(str(o)).normalize()
            except ArithmeticError:
                value = str(o)
            out.add((s, p, (XSD.integer if o.datatype in _INTEGERS else o.datatype, value)))
        else:
            out.add((s, p, o))
    return out


def remote_graph(endpoint: Endpoint, graph_iri: str) -> Graph:
    result = endpoint.query(
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}", label=f"read <{graph_iri}>"
    )
    return Graph().parse(data=result.graph.decode("utf-8"), format="nt")


def diff(endpoint: Endpoint, graphs: dict[URIRef, Graph]) -> list[GraphChange]:
    changes = []
    for name in sorted(graphs):
        local = canonical(graphs[name])
        remote = canonical(remote_graph(endpoint, str(name)))
        changes.append(GraphChange(str(name), len(local), len(remote), len(local - remote), len(remote - local)))
    return changes


class Uncountable(Exception):
    """The store cannot be asked how many triples a graph holds (the push stays unverified)."""


_NO_QUERY = (401, 403, 404, 405, 406, 501)


def count_triples(endpoint: Endpoint, graph_iri: str) -> int:
    """The number of triples the store holds in ``graph_iri``.

    Raises ``Uncountable`` when the query endpoint cannot be asked, and ``KgError`` when it answers
    but not as a SPARQL store would (an HTML page, a broken JSON body): then nothing says the data
    arrived.
    """
    what = f"verify <{graph_iri}>"
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}"
    try:
        response = endpoint.request(
            "POST",
            endpoint.query_url,
            what,
            data={"query": query},
            headers={"Accept": "application/sparql-results+json"},
        )
    except KgError as exc:
        raise Uncountable(str(exc)) from None
    if response.status_code in _NO_QUERY:
        raise Uncountable(
            f"{what}: HTTP {response.status_code} from the query endpoint {redact_url(endpoint.query_url)}"
        )
    if response.status_code != 200:
        raise endpoint.explain(response, what)
    try:
        return int(response.json()["results"]["bindings"][0]["n"]["value"])
    except (ValueError, KeyError, IndexError, TypeError):
        kind = response.headers.get("Content-Type", "").split(";")[0].strip() or "an answer with no type"
        raise KgError(
            f"push <{graph_iri}>: the store took the data, but its query endpoint {redact_url(endpoint.query_url)} "
            f"answers {kind}, not SPARQL results, so nothing confirms the push (is it a SPARQL store?)"
        ) from None


def _verify(endpoint: Endpoint, graph_iri: str, graph: Graph, result: PushResult) -> None:
    if result.unverified_reason is not None:  # asked once already and could not
        result.verified[graph_iri] = False
        return
    try:
        held = count_triples(endpoint, graph_iri)
    except Uncountable as exc:
        result.unverified_reason = str(exc)
        result.verified[graph_iri] = False
        return
    expected = len(canonical(graph))
    if held != expected:
        raise KgError(
            f"push <{graph_iri}>: the store answered with a success status but holds {held} triples "
            f"in the graph, not {expected}: the push did not take effect"
        )
    result.verified[graph_iri] = True


def _put(endpoint: Endpoint, graph_iri: str, body: str) -> bool:
    """True when the store took the PUT; False when it has no Graph Store Protocol there."""
    if endpoint.gsp_url is None:
        return False
    response = endpoint.request(
        "PUT",
        endpoint.gsp_url,
        f"push <{graph_iri}>",
        params={"graph": graph_iri},
        data=body.encode("utf-8"),
        headers={"Content-Type": "text/turtle; charset=utf-8"},
    )
    if response.status_code in (200, 201, 204):
        return True
    if response.status_code in (404, 405, 501):
        return False
    raise endpoint.explain(response, f"push <{graph_iri}>")


def _update(endpoint: Endpoint, graph_iri: str, lines: list[str]) -> None:
    batches = [lines[i : i + BATCH_TRIPLES] for i in range(0, len(lines), BATCH_TRIPLES)] or [[]]
    for i, batch in enumerate(batches):
        data = "\n".join(batch)
        head = f"DROP SILENT GRAPH <{graph_iri}> ;\n" if i == 0 else ""
        try:
            endpoint.update(f"{head}INSERT DATA {{ GRAPH <{graph_iri}> {{\n{data}\n}} }}", f"push <{graph_iri}>")
        except KgError as exc:
            if i > 0:
                raise KgError(f"{exc} (graph left partial after {i} of {len(batches)} batches; push again)") from None
            raise


def push(
    endpoint: Endpoint, graphs: dict[URIRef, Graph], method: str = "auto", dry_run: bool = False, verify: bool = True
) -> PushResult:
    result = PushResult()
    if dry_run:
        result.changes = diff(endpoint, graphs)
        return result
    if method not in ("auto", "gsp", "update"):
        raise KgError(f"unknown push method '{method}'; choose auto, gsp or update")
    done: list[str] = []
    for name in sorted(graphs):
        body = ntriples(graphs[name])
        try:
            used = "update"
            if method in ("auto", "gsp") and endpoint.gsp_url:
                if _put(endpoint, str(name), body):
                    used = "gsp"
                elif method == "gsp":
                    raise KgError(
                        f"push <{name}>: the store has no Graph Store Protocol at {redact_url(endpoint.gsp_url)}"
                    )
            elif method == "gsp":
                raise KgError("push: no Graph Store Protocol URL known; give --gsp-url")
            if used == "update":
                _update(endpoint, str(name), [line for line in body.split("\n") if line])
            result.method[str(name)] = used
            if verify:
                _verify(endpoint, str(name), graphs[name], result)
        except KgError as exc:
            already = f"; already pushed: {len(done)} graph(s)" if done else ""
            raise KgError(f"{exc}{already}") from None
        done.append(str(name))
    return result
