"""A chat-completions server on 127.0.0.1 for the tests: real HTTP, recorded answers, faults.

Answers are recorded per request, keyed by the SHA-256 of the request body (canonical JSON), as a
list of steps replayed in order (the last one repeats): an answer (content and finish_reason), a
429 with Retry-After, a 503, or any raw response. An unknown request gets a 404 with an error.
"""

import hashlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def request_key(body: dict) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def completion(content: str, finish_reason: str = "stop", model: str = "test-model") -> dict:
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 0,
        "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": finish_reason}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


class FakeChat:
    def __init__(self):
        self.recorded: dict[str, list[tuple]] = {}
        self.requests: list[dict] = []
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self.server.server_address
        return f"http://{host}:{port}/v1"

    def record(self, body: dict, *steps: tuple) -> None:
        """Steps: ("answer", dict_or_text[, finish_reason]), ("429", retry_after), ("503",), ("raw", status, bytes)."""
        self.recorded[request_key(body)] = list(steps)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status: int, body: bytes, headers=None):
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if self.path != "/v1/chat/completions":
                    return self._send(404, b'{"error": {"message": "not found"}}')
                body = json.loads(raw)
                key = request_key(body)
                with fake._lock:
                    fake.requests.append(
                        {"key": key, "body": body, "headers": dict(self.headers), "time": time.monotonic()}
                    )
                    steps = fake.recorded.get(key)
                    step = (steps.pop(0) if len(steps) > 1 else steps[0]) if steps else None
                if step is None:
                    return self._send(
                        404, json.dumps({"error": {"message": "no recorded answer for this request"}}).encode()
                    )
                kind = step[0]
                if kind == "429":
                    return self._send(429, b'{"error": {"message": "rate limited"}}', {"Retry-After": str(step[1])})
                if kind == "503":
                    return self._send(503, b'{"error": {"message": "overloaded"}}')
                if kind == "raw":
                    return self._send(step[1], step[2])
                content = step[1] if isinstance(step[1], str) else json.dumps(step[1], ensure_ascii=False)
                finish = step[2] if len(step) > 2 else "stop"
                return self._send(200, json.dumps(completion(content, finish, body.get("model", ""))).encode())

        return Handler
