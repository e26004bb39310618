"""The bytes kg writes for the fixture corpus, as sha256 digests: a refactor keeps them.

The fixture corpus (the seed, the two invented articles and the new-terms article) is built offline,
so linked from the curated pins alone, ``kg export --build`` writes its Turtle and TriG files, and every
library query is run to CSV. ``tests/data/
output-digests.json`` holds the digests of that output; ``test_output_digests.py`` compares. When a
change of output is intended, say so by rewriting the file and committing it:

    .venv/bin/python -m tests.output_digests
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIGESTS = ROOT / "tests" / "data" / "output-digests.json"
UPDATE = ".venv/bin/python -m tests.output_digests"


def _kg(cwd: Path, *args: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    env["KG_WIKIDATA_API"] = "http://127.0.0.1:9/w/api.php"  # offline never asks; a closed port if it did
    done = subprocess.run(
        [sys.executable, "-m", "kg", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )
    if done.returncode != 0:
        raise RuntimeError(f"kg {' '.join(args)} exited {done.returncode}: {done.stderr}")


def compute(workdir: Path) -> dict[str, str]:
    """Build the fixture corpus in ``workdir`` and return {output file: sha256}."""
    fixtures = ROOT / "tests" / "fixtures"
    articles = workdir / "articles"
    shutil.copytree(fixtures / "corpus", articles)
    shutil.copytree(fixtures / "terms" / "030_envoy", articles / "030_envoy")
    _kg(workdir, "build", "--offline", "--cache-dir", "cache", "--articles", "articles", "--out", "out")
    # kg.ttl and kg.trig are written on demand from the build's graph files
    for name in ("kg.ttl", "kg.trig"):
        _kg(workdir, "export", "--build", "out", "--articles", "articles", "-o", f"out/{name}")
    _kg(workdir, "query", "--all", "-f", "csv", "-o", "csv", "--articles", "articles", "--out", "out")
    files = [workdir / "out" / "kg.ttl", workdir / "out" / "kg.trig", *sorted((workdir / "csv").iterdir())]
    return {str(p.relative_to(workdir)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        digests = compute(Path(tmp))
    DIGESTS.write_text(json.dumps(digests, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{DIGESTS.relative_to(ROOT)}: {len(digests)} digests written")


if __name__ == "__main__":
    main()
