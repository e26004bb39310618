"""A Wikidata-shaped action API on 127.0.0.1 for the tests: real HTTP, answers written here.

It implements the two calls kg makes (wbsearchentities on label and alias prefixes, wbgetentities with
the 50-id limit), records every request (parameters, headers, start and end times, concurrency), and
can be told to misbehave: maxlag with Retry-After, 429, 503 (Retry-After in seconds, or as an HTTP-date
that many seconds ahead), a hang, malformed JSON, an HTML page.
"""

import copy
import email.utils
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


class FakeWikidata:
    def __init__(self, items: dict):
        self.items = copy.deepcopy(items)
        self._requests: list[dict] = []
        # consumed one per request: ("maxlag", retry_after), ("429", retry_after[, "date"]) ...
        self.faults: list[tuple] = []
        self.active = 0
        self.max_active = 0
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def requests(self) -> list[dict]:
        """Every request so far, once the ones in flight have finished (the client may return first)."""
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            with self._lock:
                if self.active == 0:
                    return list(self._requests)
            time.sleep(0.01)
        raise TimeoutError("requests still in flight")

    @property
    def url(self) -> str:
        host, port = self.server.server_address
        return f"http://{host}:{port}/w/api.php"

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    # -- answers ---------------------------------------------------------------------------------
    def search(self, text: str, limit: int) -> dict:
        needle = text.casefold()
        hits = []
        for qid, item in sorted(self.items.items(), key=lambda kv: int(kv[0][1:])):
            label = item.get("label", "")
            aliases = item.get("aliases", [])
            if label.casefold().startswith(needle):
                match = {"type": "label", "language": "en", "text": label}
            else:
                alias = next((a for a in aliases if a.casefold().startswith(needle)), None)
                if alias is None:
                    continue
                match = {"type": "alias", "language": "en", "text": alias}
            hit = {
                "id": qid,
                "title": qid,
                "pageid": int(qid[1:]),
                "concepturi": f"http://www.wikidata.org/entity/{qid}",
                "url": f"//www.wikidata.org/wiki/{qid}",
                "label": label,
                "match": match,
            }
            if item.get("description"):
                hit["description"] = item["description"]
            if match["type"] == "alias":
                hit["aliases"] = [match["text"]]
            hits.append(hit)
        return {"searchinfo": {"search": text}, "search": hits[:limit], "success": 1}

    def entity(self, qid: str) -> dict:
        item = self.items.get(qid)
        if item is None:
            return {"id": qid, "missing": ""}
        claims = {}
        for prop, values in item.get("claims", {}).items():
            statements = []
            for value in values:
                if prop == "P625":
                    lat, lon = value
                    datavalue = {
                        "value": {
                            "latitude": lat,
                            "longitude": lon,
                            "precision": 0.0001,
                            "globe": "http://www.wikidata.org/entity/Q2",
                        },
                        "type": "globecoordinate",
                    }
                else:
                    datavalue = {
                        "value": {"entity-type": "item", "numeric-id": int(value[1:]), "id": value},
                        "type": "wikibase-entityid",
                    }
                statements.append(
                    {
                        "mainsnak": {"snaktype": "value", "property": prop, "datavalue": datavalue},
                        "type": "statement",
                        "rank": "normal",
                        "id": f"{qid}$x",
                    }
                )
            claims[prop] = statements
        entity = {
            "type": "item",
            "id": qid,
            "labels": {"en": {"language": "en", "value": item.get("label", "")}},
            "descriptions": {},
            "aliases": {"en": [{"language": "en", "value": a} for a in item.get("aliases", [])]},
            "claims": claims,
            "sitelinks": {},
        }
        if item.get("description"):
            entity["descriptions"] = {"en": {"language": "en", "value": item["description"]}}
        return entity

    @staticmethod
    def _only(entity: dict, props: list[str]) -> dict:
        """What ``props`` asks for, as Wikidata answers it (the id and type always)."""
        return {k: v for k, v in entity.items() if k in ("id", "type", "missing") or k in props}

    def answer(self, params: dict) -> dict:
        action = params.get("action")
        if action == "wbsearchentities":
            return self.search(params.get("search", ""), int(params.get("limit", 7)))
        if action == "wbgetentities":
            ids = params.get("ids", "").split("|")
            if len(ids) > 50:
                return {
                    "error": {
                        "code": "toomanyvalues",
                        "info": 'Too many values supplied for parameter "ids". The limit is 50.',
                    }
                }
            props = params.get("props", "info|sitelinks|aliases|labels|descriptions|claims|datatype").split("|")
            return {"entities": {qid: self._only(self.entity(qid), props) for qid in ids}, "success": 1}
        return {"error": {"code": "badvalue", "info": f'Unrecognized value for parameter "action": {action}'}}

    def _handler(self):
        return type("Handler", (_Handler,), {"fake": self})


class _Handler(BaseHTTPRequestHandler):
    """Answers for ``fake``, which it records requests in and takes faults from."""

    fake: FakeWikidata

    def log_message(self, *args):
        pass

    def do_GET(self):
        fake = self.fake
        record = {
            "params": {k: v[0] for k, v in parse_qs(urlparse(self.path).query).items()},
            "headers": dict(self.headers),
            "start": time.monotonic(),
        }
        with fake._lock:
            fake.active += 1
            fake.max_active = max(fake.max_active, fake.active)
            fault = fake.faults.pop(0) if fake.faults else None
            fake._requests.append(record)
        self._record = record
        try:
            if not (fault and self._fault(fault)):
                self._send(200, json.dumps(fake.answer(record["params"])).encode())
        finally:
            self._finish()

    def _finish(self):
        """Mark the request done before the body goes out: the client cannot send its next
        request until it has the whole body, so 'end' always precedes the next 'start'."""
        record, self._record = self._record, None
        if record is not None:
            record["end"] = time.monotonic()
            with self.fake._lock:
                self.fake.active -= 1

    def _send(self, status, body: bytes, content_type="application/json; charset=utf-8", headers=None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self._finish()
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _fault(self, fault: tuple) -> bool:
        """Misbehave as ``fault`` says; False when the request is then to be answered as usual (a hang)."""
        kind = fault[0]
        if kind == "maxlag":
            body = {"error": {"code": "maxlag", "info": "Waiting for 10.64.48.35: 7 seconds lagged.", "lag": 7}}
            headers = {"Retry-After": str(fault[1]), "X-Database-Lag": "7"}
            self._send(200, json.dumps(body).encode(), headers=headers)
        elif kind in ("429", "503"):
            wait = str(fault[1])
            if fault[2:] == ("date",):
                wait = email.utils.formatdate(time.time() + fault[1], usegmt=True)
            self._send(int(kind), b"slow down", "text/plain", {"Retry-After": wait})
        elif kind == "hang":
            time.sleep(fault[1])
            return False
        elif kind == "malformed":
            self._send(200, b'{"entities": {"Q1": ')
        elif kind == "html":
            self._send(200, b"<html><body>Wikimedia Error</body></html>", "text/html; charset=utf-8")
        else:
            return False
        return True
