"""Push: replace each article's named graph (and the ontology's) in a remote store.

Replace semantics per graph: a Graph Store Protocol PUT where the store has one (atomic in Oxigraph,
Fuseki, GraphDB), otherwise one SPARQL Update request ``DROP SILENT GRAPH <g> ; INSERT DATA {...}``
(one request is one transaction in the stores we know). Graphs too large for one request are sent in
batches: the first drops and inserts, the rest insert; a failure then leaves that graph partial, and
the error says so. Pushing twice leaves the same triples.
"""

from dataclasses import dataclass, field

from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.errors import KgError
from kg.redact import redact_url
from kg.remote import Endpoint

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


def ntriples(graph: Graph) -> str:
    data = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    return "\n".join(sorted(line for line in data.splitlines() if line.strip())) + "\n"


_INTEGERS = {XSD.integer, XSD.nonNegativeInteger, XSD.positiveInteger, XSD.nonPositiveInteger, XSD.negativeInteger,
             XSD.int, XSD.long, XSD.short, XSD.byte, XSD.unsignedInt, XSD.unsignedLong, XSD.unsignedShort, XSD.unsignedByte}
_NUMERIC = _INTEGERS | {XSD.decimal, XSD.double, XSD.float}


def canonical(graph: Graph) -> set[tuple]:
    """Triples compared by value, as stores keep them: "1.000"^^xsd:decimal comes back as "1", and
    Oxigraph returns xsd:nonNegativeInteger as xsd:integer."""
    out = set()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype in _NUMERIC:
            try:
                value = Decimal(str(o)).normalize()
            except ArithmeticError:
                value = str(o)
            o = (XSD.integer if o.datatype in _INTEGERS else o.datatype, value)
        out.add((s, p, o))
    return out


def remote_graph(endpoint: Endpoint, graph_iri: str) -> Graph:
    result = endpoint.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}", label=f"read <{graph_iri}>")
    return Graph().parse(data=result.graph.decode("utf-8"), format="nt")


def diff(endpoint: Endpoint, graphs: dict[URIRef, Graph]) -> list[GraphChange]:
    changes = []
    for name in sorted(graphs):
        local = canonical(graphs[name])
        remote = canonical(remote_graph(endpoint, str(name)))
        changes.append(GraphChange(str(name), len(local), len(remote), len(local - remote), len(remote - local)))
    return changes


def _put(endpoint: Endpoint, graph_iri: str, body: str) -> bool:
    """True when the store took the PUT; False when it has no Graph Store Protocol there."""
    response = endpoint.request("PUT", endpoint.gsp_url, f"push <{graph_iri}>", params={"graph": graph_iri},
                                data=body.encode("utf-8"), headers={"Content-Type": "text/turtle; charset=utf-8"})
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


def push(endpoint: Endpoint, graphs: dict[URIRef, Graph], method: str = "auto", dry_run: bool = False) -> PushResult:
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
                    raise KgError(f"push <{name}>: the store has no Graph Store Protocol at {redact_url(endpoint.gsp_url)}")
            elif method == "gsp":
                raise KgError("push: no Graph Store Protocol URL known; give --gsp-url")
            if used == "update":
                _update(endpoint, str(name), [line for line in body.splitlines() if line])
        except KgError as exc:
            already = f"; already pushed: {len(done)} graph(s)" if done else ""
            raise KgError(f"{exc}{already}") from None
        result.method[str(name)] = used
        done.append(str(name))
    return result
