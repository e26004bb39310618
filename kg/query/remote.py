"""A remote SPARQL 1.1 store: where its query, update and Graph Store endpoints are, and how to talk to it.

One ``requests.Session`` with a timeout on every call; credentials come from the environment
(``KG_ENDPOINT_USER``/``KG_ENDPOINT_PASSWORD``, ``KG_ENDPOINT_AUTH=basic|digest``, or
``KG_ENDPOINT_TOKEN`` for a bearer token) and are never printed. Queries and updates are sent as
form-encoded POSTs, which every store accepts (Virtuoso requires it), and results are asked for as
SPARQL JSON and read by pyoxigraph (``kg.query.results.parse_json``), like the embedded store's.
"""

import os
import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

import requests

from kg import __version__
from kg.core.errors import KgError
from kg.query.results import Result, parse_json
from kg.query.run import bind, with_prefixes
from kg.util.deadline import DeadlineExceeded, check_timeout, within
from kg.util.redact import redact_url
from kg.util.urls import check_http_url

LAYOUTS = ("oxigraph", "fuseki", "virtuoso", "graphdb", "generic")
_NO_QUERY = (401, 403, 404, 405, 406, 501)  # a query endpoint that cannot be asked, rather than a broken one


class Uncountable(Exception):
    """The store's query endpoint cannot be asked (refused, absent, no answer): a push stays unverified."""


_FORM = re.compile(
    r"^\s*(?:(?:PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I | re.S
)


def query_form(query: str) -> str:
    stripped = "\n".join(line for line in query.splitlines() if not line.lstrip().startswith("#"))
    match = _FORM.search(stripped)
    return match.group(1).upper() if match else "SELECT"


def guess_layout(url: str) -> str:
    path = urlparse(url).path.rstrip("/")
    if "/repositories/" in path:
        return "graphdb"
    if path.endswith(("/sparql", "/sparql-auth")):
        return "virtuoso"
    if path.endswith(("/query", "/update")):
        return "generic"
    if path in ("", "/"):
        return "oxigraph"
    return "fuseki"


def _strip(url: str) -> str:
    return url.rstrip("/")


@dataclass
class Endpoint:
    query_url: str
    update_url: str | None
    gsp_url: str | None
    timeout: float = 30.0
    layout: str = "generic"
    requests_made: int = field(default=0, compare=False)  # HTTP requests sent, for push's accounting

    @classmethod
    def from_base(
        cls,
        base: str,
        timeout: float = 30.0,
        layout: str | None = None,
        query_url: str | None = None,
        update_url: str | None = None,
        gsp_url: str | None = None,
    ) -> "Endpoint":
        """The usual layouts: Oxigraph server root (/query /update /store), a Fuseki dataset
        (/query /update /data), Virtuoso's /sparql (+ /sparql-graph-crud), a GraphDB repository
        (itself, /statements, /rdf-graphs/service)."""
        check_timeout(timeout)
        check_http_url(base, "endpoint")
        for option, url in (("--query-url", query_url), ("--update-url", update_url), ("--gsp-url", gsp_url)):
            if url is not None:
                check_http_url(url, option)
        layout = layout or guess_layout(base)
        if layout not in LAYOUTS:
            raise KgError(f"unknown store layout '{layout}'; choose one of {', '.join(LAYOUTS)}")
        root = _strip(base)
        defaults = {
            "oxigraph": (root + "/query", root + "/update", root + "/store"),
            "fuseki": (root + "/query", root + "/update", root + "/data"),
            "virtuoso": (
                root,
                root,
                root.rsplit("/", 1)[0]
                + ("/sparql-graph-crud-auth" if root.endswith("-auth") else "/sparql-graph-crud"),
            ),
            "graphdb": (root, root + "/statements", root + "/rdf-graphs/service"),
            "generic": (root, re.sub(r"/query$", "/update", root), None),
        }[layout]
        return cls(query_url or defaults[0], update_url or defaults[1], gsp_url or defaults[2], timeout, layout)

    # -- HTTP ------------------------------------------------------------------------------------
    def _session(self) -> requests.Session:
        if not hasattr(self, "_cached_session"):
            session = requests.Session()
            session.headers["User-Agent"] = f"kg/{__version__} requests/{requests.__version__}"
            user, password = os.environ.get("KG_ENDPOINT_USER"), os.environ.get("KG_ENDPOINT_PASSWORD")
            token = os.environ.get("KG_ENDPOINT_TOKEN")
            if token:
                session.headers["Authorization"] = f"Bearer {token}"
            elif user is not None:
                if os.environ.get("KG_ENDPOINT_AUTH", "basic").lower() == "digest":
                    session.auth = requests.auth.HTTPDigestAuth(user, password or "")
                else:
                    session.auth = (user, password or "")
            self._cached_session = session
        return self._cached_session

    def request(self, method: str, url: str, what: str, **kwargs) -> requests.Response:
        self.requests_made += 1
        try:
            session = self._session()
            response = within(self.timeout, lambda: session.request(method, url, timeout=self.timeout, **kwargs))
        except (requests.Timeout, DeadlineExceeded):
            raise KgError(f"{what}: no answer from {redact_url(url)} within {self.timeout:g} s") from None
        except requests.exceptions.ChunkedEncodingError:
            raise KgError(
                f"{what}: the answer from {redact_url(url)} was cut short (connection closed mid-answer)"
            ) from None
        except requests.ConnectionError:
            raise KgError(f"{what}: cannot reach {redact_url(url)}") from None
        except requests.RequestException as exc:
            raise KgError(f"{what}: request to {redact_url(url)} failed ({type(exc).__name__})") from None
        return response

    @staticmethod
    def explain(response: requests.Response, what: str) -> KgError:
        text = response.text or ""
        if "html" in response.headers.get("Content-Type", "").lower() or re.match(
            r"\s*<(!doctype html|html)", text, re.I
        ):
            import html  # an error page's words, not its markup

            text = html.unescape(re.sub(r"<[^>]*>", " ", re.sub(r"(?is)<(script|style|head)\b.*?</\1\s*>", " ", text)))
        body = " ".join(text.split())[:300]
        hint = " (check KG_ENDPOINT_USER / KG_ENDPOINT_PASSWORD)" if response.status_code in (401, 403) else ""
        return KgError(
            f"{what}: HTTP {response.status_code} from {redact_url(response.url.split('?')[0])}{hint}: {body}"
        )

    # -- SPARQL ----------------------------------------------------------------------------------
    def query(
        self, query: str, params: dict | None = None, label: str = "query", graphs: list[str] | None = None
    ) -> Result:
        """``graphs`` go out as SPARQL protocol ``default-graph-uri`` parameters."""
        form = query_form(query)
        accept = (
            "application/sparql-results+json"
            if form in ("SELECT", "ASK")
            else "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
        )
        data = [("query", bind(with_prefixes(query), params))] + [("default-graph-uri", g) for g in graphs or []]
        response = self.request("POST", self.query_url, label, data=data, headers={"Accept": accept})
        if response.status_code != 200:
            raise self.explain(response, label)
        if form in ("SELECT", "ASK"):
            return _sparql_results(response, label, self.query_url)
        return Result("graph", graph=_as_ntriples(response, label))

    @property
    def ntriples_type(self) -> str:
        """The media type a Graph Store body of N-Triples is sent as: its own where the store is known to
        read it (a faster parser than Turtle's), else Turtle, of which N-Triples is a subset."""
        return "application/n-triples" if self.layout in ("oxigraph", "fuseki", "graphdb") else "text/turtle"

    def select_rows(self, query: str, what: str) -> list[dict[str, str]]:
        """A SELECT's rows as plain values (no terms), for push's questions about the store.

        Raises ``Uncountable`` when the query endpoint cannot be asked, and ``KgError`` when it answers
        but not as a SPARQL store would (an HTML page, a broken JSON body): then nothing says data arrived.
        """
        try:
            response = self.request(
                "POST",
                self.query_url,
                what,
                data={"query": query},
                headers={"Accept": "application/sparql-results+json"},
            )
        except KgError as exc:
            raise Uncountable(str(exc)) from None
        if response.status_code in _NO_QUERY:
            raise Uncountable(
                f"{what}: HTTP {response.status_code} from the query endpoint {redact_url(self.query_url)}"
            )
        if response.status_code != 200:
            raise self.explain(response, what)
        try:
            return [{k: v["value"] for k, v in row.items()} for row in response.json()["results"]["bindings"]]
        except (ValueError, KeyError, IndexError, TypeError, AttributeError):
            kind = response.headers.get("Content-Type", "").split(";")[0].strip() or "an answer with no type"
            raise KgError(
                f"{what}: the store's query endpoint {redact_url(self.query_url)} answers {kind}, "
                "not SPARQL results, so nothing confirms a push (is it a SPARQL store?)"
            ) from None

    def update(self, update: str, what: str = "update") -> None:
        if not self.update_url:
            raise KgError(f"{what}: no update endpoint known; give --update-url")
        response = self.request("POST", self.update_url, what, data={"update": update})
        if not 200 <= response.status_code < 300:  # the SPARQL 1.1 protocol's success is any 2xx
            raise self.explain(response, what)


def _sparql_results(response: requests.Response, label: str, url: str) -> Result:
    """The answer as a result, or an error that says what came instead: a cut-short JSON body is not
    the same failure as an HTML page from something that is no SPARQL endpoint, nor as JSON of
    another shape."""
    content_type = response.headers.get("Content-Type", "").split(";")[0].strip()
    try:
        return parse_json(response.content)
    except SyntaxError as exc:
        raise KgError(f"{label}: the endpoint's JSON is not SPARQL results JSON ({exc})") from None
    except ValueError as exc:
        if "json" in content_type:
            where = (
                f"{getattr(exc, 'msg', 'invalid JSON')} at byte {getattr(exc, 'pos', '?')} of {len(response.content)}"
            )
            raise KgError(f"{label}: the endpoint's SPARQL JSON answer is malformed or cut short ({where})") from None
        raise KgError(
            f"{label}: the endpoint answered {content_type or 'with no Content-Type'}, not SPARQL results JSON "
            f"(is {redact_url(url)} a SPARQL query endpoint?)"
        ) from None


def _as_ntriples(response: requests.Response, label: str) -> bytes:
    content_type = response.headers.get("Content-Type", "").split(";")[0].strip()
    if content_type in ("application/n-triples", "text/plain"):
        return response.content
    from rdflib import Graph

    fmt = {"text/turtle": "turtle", "application/rdf+xml": "xml", "application/ld+json": "json-ld"}.get(
        content_type, "turtle"
    )
    try:
        return Graph().parse(data=response.content, format=fmt).serialize(format="nt", encoding="utf-8")
    except Exception:  # any parser failure means a bad answer
        raise KgError(f"{label}: cannot read the endpoint's {content_type or 'answer'} as RDF") from None
