"""What the last push to an endpoint sent: the digest and triple count of each graph.

Kept in the build folder, outside its output sets (``OUT/.kg/push/<key>.json``, one file per endpoint), so
that it outlives rebuilds. The key is a digest of the endpoint's URLs with their credentials redacted; the
file holds the redacted URLs for a reader and nothing secret. A record that cannot be read is an empty one:
the next push then sends every graph, which is always correct, only slower.
"""

import hashlib
import json
from pathlib import Path

from kg.util import atomic
from kg.util.redact import redact_url


class PushRecord:
    def __init__(self, path: Path | None, graphs: dict[str, tuple[str, int]], urls: list[str] | None = None):
        self.path = path
        self.graphs = graphs  # graph IRI -> (digest, triples the store counted or was sent)
        self.urls = urls or []
        self._dirty = False

    @classmethod
    def load(cls, folder: Path, urls: list[str]) -> "PushRecord":
        shown = [redact_url(url) for url in urls]
        key = hashlib.sha256("\n".join(shown).encode()).hexdigest()[:24]
        path = Path(folder) / f"{key}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            graphs = {str(k): (str(v[0]), int(v[1])) for k, v in data["graphs"].items()}
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
            graphs = {}
        return cls(path, graphs, shown)

    def put(self, name: str, digest: str, triples: int) -> None:
        self.graphs[name] = (digest, triples)
        self._dirty = True

    def forget(self, name: str) -> None:
        if self.graphs.pop(name, None) is not None:
            self._dirty = True

    def save(self) -> None:
        if self.path is None or not self._dirty:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {"endpoint": self.urls, "graphs": {k: list(v) for k, v in sorted(self.graphs.items())}}
        atomic.write_text(self.path, json.dumps(data, indent=0, sort_keys=True) + "\n")
        self._dirty = False
