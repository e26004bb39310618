"""A persistent on-disk cache of Wikidata answers, keyed by the request (action and sorted parameters).

One JSON file per request, written atomically; the fetch time lives here (and in the link report), never
in the graph, so the graph stays deterministic.
"""

import hashlib
import json
import re
import time
from pathlib import Path

from kg.util import atomic

VOLATILE = {"maxlag", "format"}  # parameters that do not change the answer
_ANSWER = re.compile(r"[0-9a-f]{2}/[0-9a-f]{64}[.]json")  # an answer's place in the cache (``_path``)


def request_key(params: dict) -> str:
    stable = {k: str(v) for k, v in sorted(params.items()) if k not in VOLATILE}
    return json.dumps(stable, sort_keys=True, ensure_ascii=False)


class Cache:
    def __init__(self, directory: Path):
        self.directory = Path(directory)

    def _path(self, key: str) -> Path:
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
        return self.directory / digest[:2] / f"{digest}.json"

    def get(self, params: dict):
        path = self._path(request_key(params))
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return entry.get("body")

    def stamps(self, keys) -> list[list]:
        """Where the answer to each request lives and its state (size and time of writing; none while
        it is not cached): what a kept link depends on. Answers are written atomically, so a new or
        refreshed one always changes its state; ``unchanged`` checks them without reading any."""
        return sorted(self._state(self._path(key).relative_to(self.directory).as_posix()) for key in set(keys))

    def unchanged(self, stamps: list[list]) -> bool:
        return all(
            _ANSWER.fullmatch(str(name)) and self._state(name) == [name, size, time] for name, size, time in stamps
        )

    def _state(self, name: str) -> list:
        try:
            info = (self.directory / name).stat()
        except OSError:
            return [name, None, None]
        return [name, info.st_size, info.st_mtime_ns]

    def put(self, params: dict, body) -> None:
        key = request_key(params)
        entry = {
            "request": json.loads(key),
            "fetched_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "body": body,
        }
        atomic.write_text(self._path(key), json.dumps(entry, ensure_ascii=False, sort_keys=True))
