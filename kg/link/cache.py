"""A persistent on-disk cache of Wikidata answers, keyed by the request (action and sorted parameters).

One JSON file per request, written atomically; the fetch time lives here (and in the link report), never
in the graph, so the graph stays deterministic.
"""

import hashlib
import json
import time
from pathlib import Path

from kg import atomic

VOLATILE = {"maxlag", "format"}  # parameters that do not change the answer


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

    def stamp(self) -> str:
        """The state of the whole cache (each answer's name, size and time of writing): a build reuses
        an article's links while this is unchanged. Answers are written atomically, so a new or
        refreshed answer always changes it; it is coarse (any new answer relinks every article), and
        cheap (one directory walk, no answer read)."""
        digest = hashlib.sha256()
        if self.directory.is_dir():
            for path in sorted(self.directory.rglob("*.json")):
                info = path.stat()
                digest.update(f"{path.relative_to(self.directory)}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
        return digest.hexdigest()

    def put(self, params: dict, body) -> None:
        key = request_key(params)
        entry = {"request": json.loads(key), "fetched_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "body": body}
        atomic.write_text(self._path(key), json.dumps(entry, ensure_ascii=False, sort_keys=True))
