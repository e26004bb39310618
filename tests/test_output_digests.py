"""Behaviour is kept: the fixture corpus gives the same bytes as when the digests were last written."""

import json

import pytest

from .output_digests import DIGESTS, ROOT, UPDATE, compute


@pytest.mark.slow
def test_fixture_corpus_gives_the_stored_bytes(tmp_path):
    stored = json.loads(DIGESTS.read_text(encoding="utf-8"))
    now = compute(tmp_path)
    changed = sorted(name for name in stored.keys() | now.keys() if stored.get(name) != now.get(name))
    assert not changed, (
        f"output changed for {', '.join(changed)} (kept in {tmp_path}). If that is intended, run "
        f"'{UPDATE}' and commit {DIGESTS.relative_to(ROOT)}; otherwise a change altered kg's output"
    )
