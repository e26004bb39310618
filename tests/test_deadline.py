"""A server that sends one byte at a time keeps every read of a request alive; each HTTP client of kg
stops at its whole-request deadline with one line (issue 24: kg query --endpoint, kg push and kg draft
--backend llm ran without end)."""

import socket
import threading
import time

import pytest

from .conftest import SEED_DIR, run_kg

DRIP_SECONDS = 0.2  # between two bytes: every read gets an answer well inside its own timeout
SERVER_LIFETIME = 40.0  # the server stops by itself, whatever the client does


@pytest.fixture
def drip_url():
    """An HTTP server on 127.0.0.1 that answers every request with a status line sent byte by byte."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.5)
    stop = threading.Event()
    started = time.monotonic()

    def drip(conn):
        with conn:
            conn.settimeout(1)
            try:
                conn.recv(65536)
                for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n" * 1000:
                    if stop.is_set() or time.monotonic() - started > SERVER_LIFETIME:
                        return
                    conn.sendall(bytes([byte]))
                    time.sleep(DRIP_SECONDS)
            except OSError:
                return

    def serve():
        while not stop.is_set() and time.monotonic() - started < SERVER_LIFETIME:
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            threading.Thread(target=drip, args=(conn,), daemon=True).start()

    threading.Thread(target=serve, daemon=True).start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    listener.close()


def _stops_in_time(args, env=None, limit=15.0):
    started = time.monotonic()
    done = run_kg(*args, env=env, timeout=60)
    took = time.monotonic() - started
    assert took < limit, f"kg {args[0]} ran {took:.1f} s against a dripping server"
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "within" in lines[0], done.stderr
    return lines[0]


def test_a_query_to_a_dripping_endpoint_stops_at_its_timeout(drip_url):
    _stops_in_time(["query", "ASK {}", "--endpoint", f"{drip_url}/sparql", "--layout", "generic", "--timeout", "2"])


def test_a_push_to_a_dripping_store_stops_at_its_timeout(drip_url, tmp_path):
    out = tmp_path / "out"
    assert run_kg("build", "--no-link", "--out", out).returncode == 0
    _stops_in_time(["push", "--endpoint", drip_url, "--layout", "oxigraph", "--timeout", "2", "--out", out])


def test_an_llm_draft_from_a_dripping_server_stops_at_its_timeout(drip_url, tmp_path):
    folder = tmp_path / "a"
    folder.mkdir()
    (folder / "article.txt").write_text((SEED_DIR / "article.txt").read_text(encoding="utf-8"), encoding="utf-8")
    env = {"KG_LLM_BASE_URL": drip_url, "KG_LLM_MODEL": "m", "KG_LLM_TIMEOUT": "2", "KG_LLM_RETRY_FLOOR": "0"}
    _stops_in_time(["draft", folder, "--backend", "llm"], env=env, limit=30.0)
    assert not (folder / "mapping.draft.yaml").exists()


def test_the_wikidata_client_stops_at_its_deadline(drip_url):
    from kg.link.http import ClientConfig, WikidataClient, WikidataError

    client = WikidataClient(ClientConfig(api_url=drip_url, connect_timeout=1, read_timeout=1, max_tries=1))
    started = time.monotonic()
    with pytest.raises(WikidataError, match="no complete answer within 2 s"):
        client.get({"action": "wbsearchentities", "search": "Damascus"})
    assert time.monotonic() - started < 10
    assert (client.requests_made, client.requests_failed) == (0, 1)
