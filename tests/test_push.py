"""Pushing into real triplestores (an Oxigraph server and Virtuoso) and querying them back."""

import json
import shutil
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kg.query import list_queries, resolve, run_local
from kg.query.remote import Endpoint, guess_layout
from kg.query.run import load_files

from .stores import OxigraphServer, VirtuosoServer, virtuoso_binary

GRAPH = "https://w3id.org/diplokg/graph/russian-delegation-damascus"
ENTITIES = "https://w3id.org/diplokg/graph/entities"
ONTOLOGY = "https://w3id.org/diplokg/ontology"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from .conftest import export_build, run_kg

    out = tmp_path_factory.mktemp("build") / "out"
    done = run_kg("build", "--offline", "--cache-dir", out.parent / "cache", "--out", out)
    assert done.returncode == 0, done.stderr
    return export_build(out)


@pytest.fixture
def oxigraph(tmp_path):
    server = OxigraphServer(tmp_path / "oxigraph").start()
    yield server
    server.stop()


def count(endpoint_url, graph, **kw):
    result = Endpoint.from_base(endpoint_url, **kw).query(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    )
    return int(result.rows[0]["n"]["value"])


def test_layouts_are_guessed_from_the_url():
    assert guess_layout("http://h:7878") == "oxigraph"
    assert guess_layout("http://h:3030/ds") == "fuseki"
    assert guess_layout("http://h:8890/sparql") == "virtuoso"
    assert guess_layout("http://h:7200/repositories/kg") == "graphdb"
    fuseki = Endpoint.from_base("http://h:3030/ds")
    assert (fuseki.query_url, fuseki.update_url, fuseki.gsp_url) == (
        "http://h:3030/ds/query",
        "http://h:3030/ds/update",
        "http://h:3030/ds/data",
    )
    graphdb = Endpoint.from_base("http://h:7200/repositories/kg")
    assert graphdb.update_url.endswith("/repositories/kg/statements")
    override = Endpoint.from_base("http://h:7878", gsp_url="http://elsewhere/gsp")
    assert override.gsp_url == "http://elsewhere/gsp" and override.query_url == "http://h:7878/query"


@pytest.mark.slow
@pytest.mark.server
def test_push_query_back_and_push_again(kg, built, oxigraph):
    dry = kg("push", "--endpoint", oxigraph.url, "--out", built, "--dry-run")
    assert dry.stdout.splitlines() == [f"<{g}>: new" for g in (ENTITIES, GRAPH, ONTOLOGY)] + [
        "3 graphs to send, 0 unchanged, 0 to drop"
    ]
    first = kg("push", "--endpoint", oxigraph.url, "--out", built, "-v")
    assert first.returncode == 0, first.stderr
    assert f"pushed <{GRAPH}>" in first.stderr and "gsp, verified by count" in first.stderr
    assert first.stdout.startswith("pushed 3 graphs") and "(verified by count)" in first.stdout
    n_graph, n_onto = count(oxigraph.url, GRAPH), count(oxigraph.url, ONTOLOGY)
    assert n_graph > 1000 and n_onto > 500
    again = kg("push", "--endpoint", oxigraph.url, "--out", built)
    assert again.returncode == 0
    assert again.stdout.startswith("nothing to push; 3 unchanged; 1 request to"), again.stdout
    full = kg("push", "--endpoint", oxigraph.url, "--out", built, "--full")
    assert full.returncode == 0 and full.stdout.startswith("pushed 3 graphs"), full.stdout
    assert (count(oxigraph.url, GRAPH), count(oxigraph.url, ONTOLOGY)) == (n_graph, n_onto)
    dry = kg("push", "--endpoint", oxigraph.url, "--out", built, "--dry-run", "--verify")
    assert dry.stdout.splitlines() == ["0 graphs to send, 3 unchanged, 0 to drop"]
    names = Endpoint.from_base(oxigraph.url).query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")
    assert [r["g"]["value"] for r in names.rows] == [ENTITIES, GRAPH, ONTOLOGY]


@pytest.mark.slow
@pytest.mark.server
def test_a_graph_changed_behind_kgs_back_is_found_by_verify(kg, built, oxigraph):
    assert kg("push", "--endpoint", oxigraph.url, "--out", built).returncode == 0
    before = count(oxigraph.url, GRAPH)
    Endpoint.from_base(oxigraph.url).update(f"INSERT DATA {{ GRAPH <{GRAPH}> {{ <urn:x> <urn:y> <urn:z> }} }}")
    quick = kg("push", "--endpoint", oxigraph.url, "--out", built, "--dry-run")
    assert quick.stdout.splitlines() == ["0 graphs to send, 3 unchanged, 0 to drop"]  # the record is trusted
    dry = kg("push", "--endpoint", oxigraph.url, "--out", built, "--dry-run", "--verify")
    assert dry.stdout.splitlines() == [
        f"<{GRAPH}>: differs from the record (the store holds {before + 1} triples)",
        "1 graph to send, 2 unchanged, 0 to drop",
    ]
    assert count(oxigraph.url, GRAPH) == before + 1  # a dry run changes nothing
    done = kg("push", "--endpoint", oxigraph.url, "--out", built, "--verify")
    assert done.returncode == 0 and done.stdout.startswith("pushed 1 graph,"), done.stdout
    assert count(oxigraph.url, GRAPH) == before


@pytest.mark.server
def test_an_emptied_store_is_pushed_whole_again(kg, built, oxigraph):
    assert kg("push", "--endpoint", oxigraph.url, "--out", built).returncode == 0
    Endpoint.from_base(oxigraph.url).update("DROP ALL")
    dry = kg("push", "--endpoint", oxigraph.url, "--out", built, "--dry-run")
    assert dry.stdout.splitlines()[0] == f"<{ENTITIES}>: missing from the store (the store holds 0 triples)"
    done = kg("push", "--endpoint", oxigraph.url, "--out", built)
    assert done.returncode == 0 and done.stdout.startswith("pushed 3 graphs"), done.stdout
    assert count(oxigraph.url, GRAPH) > 1000


@pytest.mark.slow
@pytest.mark.server
def test_push_with_sparql_update(kg, built, oxigraph):
    done = kg("push", "--endpoint", oxigraph.url, "--out", built, "--method", "update", "-v")
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("update, verified by count)") == 3
    # the first graph alone (counted at once), its count, the other two in one request, their count
    assert "; 4 requests" in done.stdout, done.stdout
    n = count(oxigraph.url, GRAPH)
    again = kg("push", "--endpoint", oxigraph.url, "--out", built, "--method", "update", "--full")
    assert again.returncode == 0
    assert count(oxigraph.url, GRAPH) == n


@pytest.mark.server
def test_every_library_query_answers_the_same_remotely(kg, built, oxigraph):
    assert kg("push", "--endpoint", oxigraph.url, "--out", built).returncode == 0
    local = load_files([built / "kg.trig"])
    remote = Endpoint.from_base(oxigraph.url)
    for query in list_queries():
        text, label = resolve(query.name)
        mine, theirs = run_local(local, text, None, label), remote.query(text, None, label)
        assert theirs.variables == mine.variables, query.name
        if "GROUP_CONCAT" in text:
            norm = lambda rows: sorted(json.dumps(r, sort_keys=True) for r in rows)  # noqa: E731
            assert len(theirs.rows) == len(mine.rows), query.name
        else:
            norm = lambda rows: [json.dumps(r, sort_keys=True) for r in rows]  # noqa: E731
            assert norm(theirs.rows) == norm(mine.rows), query.name


@pytest.mark.slow
@pytest.mark.server
def test_remote_query_formats_params_and_errors(kg, built, oxigraph):
    assert kg("push", "--endpoint", oxigraph.url, "--out", built).returncode == 0
    hit = kg(
        "query",
        "SELECT ?s WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?name }",
        "--param",
        'name="Sergei Lavrov"@en',
        "--endpoint",
        oxigraph.url,
        "--format",
        "csv",
    )
    assert hit.returncode == 0 and hit.stdout.splitlines()[1:] == ["https://w3id.org/diplokg/entity/sergei-lavrov"]
    scoped = kg(
        "query",
        "ASK { ?s a <https://w3id.org/diplokg/ontology#DiplomaticVisit> }",
        "--endpoint",
        oxigraph.url,
        "--graph",
        "https://w3id.org/diplokg/ontology",
    )
    assert scoped.returncode == 1 and scoped.stdout.strip() == "false"  # default-graph-uri reached the server
    ask = kg("query", "ASK { ?s a <https://w3id.org/diplokg/ontology#DiplomaticVisit> }", "--endpoint", oxigraph.url)
    assert ask.returncode == 0 and ask.stdout.strip() == "true"
    construct = kg(
        "query",
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s a <https://w3id.org/diplokg/ontology#DiplomaticVisit> ; ?p ?o }",
        "--endpoint",
        oxigraph.url,
        "--format",
        "turtle",
    )
    assert construct.returncode == 0 and "in the near future" in construct.stdout
    bad = kg("query", "SELECT * WHERE {\n ?s ?p }", "--endpoint", oxigraph.url)
    assert (
        bad.returncode == 2
        and "HTTP 400" in bad.stderr
        and "error at 2:" in bad.stderr
        and "Traceback" not in bad.stderr
    )


@pytest.mark.server
def test_unreachable_endpoint_is_one_line(kg, built, oxigraph):
    url = oxigraph.url
    oxigraph.kill()
    # Hold the dead server's port, bound but not listening, so that connections are refused: a
    # server another test worker starts meanwhile could otherwise be given the same free port.
    with socket.socket() as held:
        held.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        held.bind(("127.0.0.1", oxigraph.port))
        for args in (("query", "cq04-visit", "--endpoint", url), ("push", "--endpoint", url, "--out", built)):
            done = kg(*args)
            assert done.returncode == 2
            assert done.stderr.strip().count("\n") == 0 and "cannot reach" in done.stderr
            assert "Traceback" not in done.stderr


@pytest.mark.server
def test_a_test_server_whose_port_was_taken_meanwhile_starts_on_another(tmp_path):
    """Test workers start servers side by side: a free port can be taken between finding it and the
    server's bind, and the server then exits at once. The helper starts it again on another port."""
    import requests

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        server = OxigraphServer(tmp_path / "oxigraph")
        server.port = taken.getsockname()[1]
        server.start()
        try:
            assert server.port != taken.getsockname()[1]
            assert requests.get(server.url + "/query?query=ASK%7B%7D", timeout=5).ok
        finally:
            server.stop()


HTML_PAGE = b"<!DOCTYPE html><html><head><title>Welcome</title></head><body><h1>It works!</h1></body></html>"


class Recorder:
    """A store stand-in that records headers and can fail on the n-th request or hang.

    It keeps nothing, so it cannot answer the count that verifies a push: its query endpoint
    answers ``query_status`` (404 by default: no query endpoint here). With ``html`` it is a web
    server that is no store at all: every request gets an HTML page with status 200.
    """

    def __init__(self, put_status=204, fail_on=None, hang=0, query_status=404, html=False, query_answer=None):
        """``query_answer``: (content type, body, declared length or None) sent with 200 to queries."""
        self.requests = []
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _handle(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                recorder.requests.append((self.command, self.path, dict(self.headers), body))
                n = len(recorder.requests)
                if hang:
                    import time

                    time.sleep(hang)
                if fail_on == n:
                    self.connection.close()
                    return
                if html:
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(HTML_PAGE)))
                    self.end_headers()
                    self.wfile.write(HTML_PAGE)
                    return
                if self.path.split("?")[0] == "/query" and query_answer is not None:
                    content_type, answer, declared = query_answer
                    self.send_response(200)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(declared or len(answer)))
                    self.end_headers()
                    self.wfile.write(answer)
                    self.wfile.flush()
                    self.connection.close()
                    return
                if self.path.split("?")[0] == "/query":
                    status = query_status
                else:
                    status = put_status if self.command == "PUT" else 204
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_PUT = do_POST = do_GET = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


@pytest.mark.slow
def test_auth_header_is_sent_and_never_printed(kg, built):
    with Recorder() as recorder:
        done = kg(
            "push",
            "--endpoint",
            recorder.url,
            "--out",
            built,
            env={"KG_ENDPOINT_USER": "alice", "KG_ENDPOINT_PASSWORD": "s3cret-pw"},
        )
        assert done.returncode == 0, done.stderr
        auths = {r[2].get("Authorization") for r in recorder.requests}
        assert auths == {"Basic YWxpY2U6czNjcmV0LXB3"}
        token = kg("push", "--endpoint", recorder.url, "--out", built, env={"KG_ENDPOINT_TOKEN": "tok-123"})
        assert token.returncode == 0
        assert recorder.requests[-1][2]["Authorization"] == "Bearer tok-123"
        assert "s3cret" not in done.stdout + done.stderr and "tok-123" not in token.stdout + token.stderr


def test_no_graph_store_falls_back_to_update(kg, built):
    with Recorder(put_status=405) as recorder:
        done = kg("push", "--endpoint", recorder.url, "--out", built)
        assert done.returncode == 0, done.stderr
        methods = [(m, p.split("?")[0]) for m, p, _, _ in recorder.requests]
        # one PUT finds no Graph Store; the first graph goes alone and is counted at once (a 404 there
        # leaves the push unverified and is not asked again); the other two share one update request
        assert methods == [("PUT", "/store"), ("POST", "/update"), ("POST", "/query"), ("POST", "/update")]
        assert "(0 verified by count)" in done.stdout and "nothing is verified" in done.stderr
        assert recorder.requests[3][3].count(b"DROP+SILENT+GRAPH") == 2
        update = recorder.requests[1]
        assert update[2]["Content-Type"] == "application/x-www-form-urlencoded"
        assert update[3].startswith(b"update=DROP+SILENT+GRAPH")


def test_html_200_from_a_server_that_is_no_store_is_not_a_success(kg, built):
    """The issue's reproduction: a web server answering every request with an HTML page and 200."""
    with Recorder(html=True) as recorder:
        done = kg("push", "--endpoint", recorder.url, "--out", built)
    assert done.returncode == 2, done.stdout
    assert "pushed" not in done.stdout
    assert "answers text/html, not SPARQL results" in done.stderr and "Traceback" not in done.stderr


def test_html_200_to_sparql_update_is_not_a_success(kg, built):
    with Recorder(html=True) as recorder:
        done = kg("push", "--endpoint", recorder.url, "--out", built, "--method", "update")
    assert done.returncode == 2 and "pushed" not in done.stdout and "not SPARQL results" in done.stderr


@pytest.mark.server
def test_a_store_that_says_yes_but_keeps_nothing_fails_the_count(kg, built, oxigraph):
    """The Graph Store answers 204 but drops the data; the real store's count says so."""
    with Recorder(put_status=204) as blackhole:
        done = kg("push", "--endpoint", oxigraph.url, "--gsp-url", blackhole.url + "/store", "--out", built)
    assert done.returncode == 2 and "pushed" not in done.stdout
    assert f"push <{ENTITIES}>: the store answered with a success status but holds 0 triples" in done.stderr


@pytest.mark.server
def test_a_verified_push_says_so(kg, built, oxigraph):
    done = kg("push", "--endpoint", oxigraph.url, "--out", built, "-v")
    assert done.returncode == 0, done.stderr
    assert (
        done.stderr.count("verified by count") == 3 and "not verified" not in done.stderr
    )  # entities, article, ontology
    assert "pushed 3 graphs" in done.stdout and "(verified by count)" in done.stdout


def test_server_dying_midway_is_a_clear_error(kg, built):
    with Recorder(fail_on=3) as recorder:  # PUT, the count (404), then the second PUT dies
        done = kg("push", "--endpoint", recorder.url, "--out", built)
        assert done.returncode == 2
        assert "already pushed: 1 graph" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.slow
def test_timeout_on_every_request(kg, built):
    with Recorder(hang=3) as recorder:
        done = kg("push", "--endpoint", recorder.url, "--out", built, "--timeout", "0.5")
        assert done.returncode == 2 and "within 0.5 s" in done.stderr


@pytest.fixture
def virtuoso(tmp_path):
    if virtuoso_binary() is None:
        pytest.skip("virtuoso-t not installed (Debian package virtuoso-opensource; .ci/run installs it)")
    server = VirtuosoServer(tmp_path / "virtuoso").start()
    yield server
    server.stop()


VIRTUOSO_ENV = {"KG_ENDPOINT_USER": "dba", "KG_ENDPOINT_PASSWORD": "dba", "KG_ENDPOINT_AUTH": "digest"}


@pytest.mark.slow
@pytest.mark.server
@pytest.mark.parametrize("method", ["auto", "update"])
def test_virtuoso_push_is_idempotent_and_queryable(kg, built, virtuoso, method):
    done = kg("push", "--endpoint", virtuoso.url, "--out", built, "--method", method, env=VIRTUOSO_ENV)
    assert done.returncode == 0, done.stderr
    again = kg("push", "--endpoint", virtuoso.url, "--out", built, "--method", method, env=VIRTUOSO_ENV)
    assert again.returncode == 0, again.stderr
    dry = kg("push", "--endpoint", virtuoso.url, "--out", built, "--dry-run", env=VIRTUOSO_ENV)
    assert dry.returncode == 0 and all("unchanged" in line for line in dry.stdout.splitlines()), dry.stdout
    visit = kg("query", "cq04-visit", "--endpoint", virtuoso.url, "--format", "csv", env=VIRTUOSO_ENV)
    assert visit.returncode == 0, visit.stderr
    assert visit.stdout.splitlines()[1].endswith(
        ",Damascus,first official Russian-Syrian talks,planned,in the near future,a Russian source"
    )


@pytest.mark.server
def test_virtuoso_without_credentials_is_a_clear_error(kg, built, virtuoso):
    done = kg("push", "--endpoint", virtuoso.url, "--out", built, "--method", "update")
    assert done.returncode == 2 and "HTTP 401" in done.stderr and "KG_ENDPOINT_USER" in done.stderr


CUT_JSON = b'{"head": {"vars": ["visit"]}, "results": {"bindings": [{"visit": {"type": "uri", "val'


@pytest.mark.parametrize(
    "answer, needle",
    [
        (("application/sparql-results+json", CUT_JSON, None), "SPARQL JSON answer is malformed or cut short"),
        (
            ("application/sparql-results+json", CUT_JSON, len(CUT_JSON) + 500),
            "was cut short (connection closed mid-answer)",
        ),
        (("text/html; charset=utf-8", HTML_PAGE, None), "answered text/html, not SPARQL results JSON"),
        (("application/sparql-results+json", b'{"head": {}, "results": 3}', None), "not SPARQL results JSON"),
    ],
)
def test_bad_query_answers_are_named_for_what_they_are(kg, answer, needle):
    """Truncated JSON used to be reported as 'answered application/sparql-results+json , not SPARQL JSON'."""
    with Recorder(query_answer=answer) as recorder:
        done = kg("query", "cq04-visit", "--endpoint", recorder.url)
    assert done.returncode == 2 and needle in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1


@pytest.mark.slow
@pytest.mark.server
def test_readme_param_example_works_on_an_endpoint(kg, built, oxigraph):
    """The README's `--param` example used prefixes only the embedded store predeclared ("Prefix not found")."""
    assert kg("push", "--endpoint", oxigraph.url, "--out", built).returncode == 0
    done = kg(
        "query",
        "SELECT ?s WHERE { ?s rdfs:label ?n }",
        "--param",
        'n="Sergei Lavrov"@en',
        "--endpoint",
        oxigraph.url,
        "--format",
        "csv",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1:] == ["https://w3id.org/diplokg/entity/sergei-lavrov"]
    own = kg(
        "query",
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nSELECT ?s WHERE { ?s rdfs:label ?n ; a dkg:Person }",
        "--param",
        'n="Sergei Lavrov"@en',
        "--endpoint",
        oxigraph.url,
        "--format",
        "csv",
    )
    assert own.returncode == 0 and len(own.stdout.splitlines()) == 2, own.stderr
    # the added prefixes share the first line, so the store's error still points at the user's line
    bad = kg("query", "SELECT * WHERE {\n ?s rdfs:label }", "--endpoint", oxigraph.url)
    assert bad.returncode == 2 and "error at 2:" in bad.stderr, bad.stderr


@pytest.mark.server
@pytest.mark.parametrize("method", ["update", "gsp"])
def test_a_literal_with_line_separators_is_pushed_whole(oxigraph, method):
    """N-Triples leaves U+2028 and U+0085 unescaped; the update body is cut at line feeds only."""
    from kg.push import GraphSource, push

    text = "one\u2028two\u0085three"
    endpoint = Endpoint.from_base(oxigraph.url)
    result = push(endpoint, GraphSource.of({"urn:x:g": f'<urn:x:s> <urn:x:p> "{text}" .\n'.encode()}), method=method)
    assert result.verified == {"urn:x:g": True}
    rows = endpoint.query("SELECT ?o WHERE { GRAPH <urn:x:g> { ?s ?p ?o } }").rows
    assert [row["o"]["value"] for row in rows] == [text]


class LoggingProxy:
    """A reverse proxy in front of a real store that logs each request: method, path and graph."""

    def __init__(self, target: str):
        import requests

        self.log: list[tuple[str, str, str | None]] = []
        proxy = self
        session = requests.Session()

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _forward(self):
                from urllib.parse import parse_qs, urlparse

                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                url = urlparse(self.path)
                proxy.log.append((self.command, url.path, parse_qs(url.query).get("graph", [None])[0]))
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length")}
                answer = session.request(self.command, target + self.path, data=body, headers=headers)
                self.send_response(answer.status_code)
                for key in ("Content-Type",):
                    if key in answer.headers:
                        self.send_header(key, answer.headers[key])
                self.send_header("Content-Length", str(len(answer.content)))
                self.end_headers()
                self.wfile.write(answer.content)

            do_PUT = do_POST = do_GET = do_DELETE = _forward

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def take(self):
        log, self.log = self.log, []
        return log

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.server
def test_a_second_push_sends_only_the_changed_article(kg, tmp_path, oxigraph):
    """Seen from the store: after one article changes, its graph is the only one sent; after one is
    removed, its graph is dropped; each push asks one question about the graphs it does not send."""
    from .conftest import copy_corpus

    corpus, out = copy_corpus(tmp_path / "corpus"), tmp_path / "out"
    build = ("build", "--offline", "--articles", corpus, "--out", out, "--cache-dir", tmp_path / "cache")
    assert kg(*build).returncode == 0
    proxy = LoggingProxy(oxigraph.url)
    try:
        push = ("push", "--endpoint", proxy.url, "--layout", "oxigraph", "--out", out, "--articles", corpus)
        assert kg(*push).returncode == 0
        first = proxy.take()
        puts = sorted(g for m, _, g in first if m == "PUT")
        assert len(puts) == 5 and len(first) == 7  # 5 graphs, the first counted alone, then the other 4
        ministers = "https://w3id.org/diplokg/graph/lavrov-shaibani-moscow"
        text = corpus / "010_ministers" / "article.txt"
        text.write_text(text.read_text(encoding="utf-8") + "\nNothing else was reported that day.\n")
        assert kg(*build).returncode == 0
        second = kg(*push)
        assert second.returncode == 0 and second.stdout.startswith("pushed 1 graph,"), second.stdout
        log = proxy.take()
        assert [(m, p) for m, p, _ in log] == [("POST", "/query"), ("PUT", "/store"), ("POST", "/query")]
        assert [g for m, _, g in log if m == "PUT"] == [ministers]
        assert count(oxigraph.url, ministers) > 0
        shutil.rmtree(corpus / "020_arrival")
        assert kg(*build).returncode == 0
        third = kg(*push)
        assert third.returncode == 0 and "nothing to push, dropped 1;" in third.stdout, third.stdout
        log = proxy.take()
        assert [(m, p) for m, p, _ in log] == [("POST", "/query"), ("POST", "/update")]
        assert count(oxigraph.url, "https://w3id.org/diplokg/graph/delegation-arrives-damascus") == 0
        assert kg(*push).stdout.startswith("nothing to push; 4 unchanged; 1 request to")
    finally:
        proxy.close()


def test_the_push_record_keeps_no_credentials_and_a_broken_one_means_push_all(kg, built):
    with Recorder(query_status=404) as recorder:
        url = recorder.url.replace("http://", "http://alice:s3cret-pw@")
        assert kg("push", "--endpoint", url, "--out", built).returncode == 0
        records = list((built / ".kg" / "push").glob("*.json"))
        mine = [r for r in records if str(recorder.server.server_address[1]) in r.read_text()]
        assert len(mine) == 1 and "s3cret" not in mine[0].read_text() and "***@" in mine[0].read_text()
        assert len(json.loads(mine[0].read_text())["graphs"]) == 3
        mine[0].write_text("{not json")
        recorder.requests.clear()
        again = kg("push", "--endpoint", url, "--out", built)
        assert again.returncode == 0 and again.stdout.startswith("pushed 3 graphs"), again.stdout
        assert [m for m, _, _, _ in recorder.requests].count("PUT") == 3
