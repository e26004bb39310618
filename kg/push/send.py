"""Sending graphs to a store, and counting them as a store does.

Graph Store Protocol PUT per graph (one atomic replace each), or SPARQL Update, where graphs share
requests of about ``BATCH_TRIPLES`` triples and a graph too large for one is sent in parts.
"""

from decimal import Decimal

from kg.core.errors import KgError
from kg.query.remote import Endpoint
from kg.util.redact import redact_url

BATCH_TRIPLES = 50_000  # triples in one SPARQL Update request


# -- counting the local side -------------------------------------------------------------------------
_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {
    _XSD + name
    for name in (
        "integer nonNegativeInteger positiveInteger nonPositiveInteger negativeInteger int long short byte "
        "unsignedInt unsignedLong unsignedShort unsignedByte"
    ).split()
}
_NUMERIC = _INTEGERS | {_XSD + "decimal", _XSD + "double", _XSD + "float"}


def canonical_count(body: bytes) -> int:
    """Triples counted by value, as some stores keep them: "1.000"^^xsd:decimal and "1"^^xsd:decimal are
    one triple in Virtuoso. Only asked when the plain count differs."""
    import pyoxigraph as ox

    seen: set[tuple] = set()
    for triple in ox.parse(body, format=ox.RdfFormat.N_TRIPLES):
        obj = triple.object
        key: object = obj
        if isinstance(obj, ox.Literal) and obj.datatype.value in _NUMERIC:
            try:
                key = (
                    "integer" if obj.datatype.value in _INTEGERS else obj.datatype.value,
                    Decimal(obj.value).normalize(),
                )
            except ArithmeticError:
                key = obj
        seen.add((triple.subject, triple.predicate, key))
    return len(seen)


def lines_of(body: bytes) -> int:
    return body.count(b"\n")


# -- sending -------------------------------------------------------------------------------------------
def check_method(endpoint: Endpoint, method: str) -> None:
    """A method the endpoint can be sent graphs by; the command asks before it builds, so that a typo is
    not told after a rebuild."""
    if method not in ("auto", "gsp", "update"):
        raise KgError(f"unknown push method '{method}'; choose auto, gsp or update")
    if method == "gsp" and not endpoint.gsp_url:
        raise KgError("push: no Graph Store Protocol URL known; give --gsp-url")


class Sender:
    """Sends graphs by one method, falling back once (and for good) from the Graph Store Protocol to
    SPARQL Update when the store has no Graph Store there; graphs for SPARQL Update are gathered into
    requests of about ``BATCH_TRIPLES`` triples."""

    def __init__(self, endpoint: Endpoint, method: str):
        check_method(endpoint, method)
        self.endpoint = endpoint
        self.method = method
        self.gsp = method in ("auto", "gsp") and bool(endpoint.gsp_url)
        self._pending: list[tuple[str, bytes]] = []
        self._pending_lines = 0

    def send(self, name: str, body: bytes) -> list[str]:
        """Send one graph; the graphs whose sending finished with this call (in order)."""
        if self.gsp:
            if self._put(name, body):
                return [name]
            if self.method == "gsp":
                raise KgError(
                    f"push <{name}>: the store has no Graph Store Protocol at {redact_url(self.endpoint.gsp_url or '')}"
                )
            self.gsp = False
        n = lines_of(body)
        if n > BATCH_TRIPLES:
            done = self.flush()
            self._update_large(name, body)
            return [*done, name]
        done = self.flush() if self._pending_lines + n > BATCH_TRIPLES else []
        self._pending.append((name, body))
        self._pending_lines += n
        return done

    @property
    def used(self) -> str:
        return "gsp" if self.gsp else "update"

    def flush(self) -> list[str]:
        if not self._pending:
            return []
        pending, self._pending, self._pending_lines = self._pending, [], 0
        parts = [
            f"DROP SILENT GRAPH <{name}> ;\nINSERT DATA {{ GRAPH <{name}> {{\n{body.decode('utf-8')}}} }}"
            for name, body in pending
        ]
        names = [name for name, _ in pending]
        self.endpoint.update(
            " ;\n".join(parts), f"push <{names[0]}>" + (f" and {len(names) - 1} more" if len(names) > 1 else "")
        )
        return names

    def drop(self, name: str) -> None:
        if self.endpoint.update_url:
            self.endpoint.update(f"DROP SILENT GRAPH <{name}>", f"drop <{name}>")
            return
        response = self.endpoint.request(
            "DELETE", self.endpoint.gsp_url or "", f"drop <{name}>", params={"graph": name}
        )
        if response.status_code not in (200, 204, 404):
            raise self.endpoint.explain(response, f"drop <{name}>")

    def _put(self, name: str, body: bytes) -> bool:
        """True when the store took the PUT; False when it has no Graph Store Protocol there."""
        response = self.endpoint.request(
            "PUT",
            self.endpoint.gsp_url or "",
            f"push <{name}>",
            params={"graph": name},
            data=body,
            headers={"Content-Type": self.endpoint.ntriples_type},
        )
        if response.status_code in (200, 201, 204):
            return True
        if response.status_code in (404, 405, 501):
            return False
        raise self.endpoint.explain(response, f"push <{name}>")

    def _update_large(self, name: str, body: bytes) -> None:
        lines = body.decode("utf-8").split("\n")  # lines end at line feeds only: a literal may hold U+2028
        lines = [line for line in lines if line]
        batches = [lines[i : i + BATCH_TRIPLES] for i in range(0, len(lines), BATCH_TRIPLES)]
        for i, batch in enumerate(batches):
            head = f"DROP SILENT GRAPH <{name}> ;\n" if i == 0 else ""
            data = "\n".join(batch)
            try:
                self.endpoint.update(f"{head}INSERT DATA {{ GRAPH <{name}> {{\n{data}\n}} }}", f"push <{name}>")
            except KgError as exc:
                if i > 0:
                    raise KgError(f"{exc} (graph left partial after {i} of {len(batches)} parts; push again)") from None
                raise
