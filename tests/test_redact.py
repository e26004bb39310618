"""Credentials written into a URL are never printed: every echoed URL has its userinfo redacted."""

import pytest

from kg.util.redact import redact_text, redact_url

from .test_push import Recorder, built  # noqa: F401  (module fixture: one offline build)

SECRET = "UrlPass999"


@pytest.mark.parametrize(
    "url, shown",
    [
        ("http://bob:UrlPass999@127.0.0.1:1", "http://***@127.0.0.1:1"),
        ("https://bob:p@ss@host/sparql?x=1", "https://***@host/sparql?x=1"),
        ("http://bob@host/", "http://***@host/"),
        ("http://host/sparql?access_token=abc&q=1", "http://host/sparql?access_token=***&q=1"),
        ("http://host/a@b/c", "http://host/a@b/c"),
        ("http://host:7878/query", "http://host:7878/query"),
    ],
)
def test_redact_url(url, shown):
    assert redact_url(url) == shown


def test_redact_text_finds_every_url():
    text = "cannot reach http://a:UrlPass999@h1/q; then https://b:UrlPass999@h2 failed"
    assert SECRET not in redact_text(text) and redact_text(text).count("***@") == 2


def test_unreachable_endpoint_with_credentials_in_the_url(kg):
    """The issue's reproduction: `kg query cq04-visit --endpoint http://bob:UrlPass999@127.0.0.1:1`."""
    done = kg("query", "cq04-visit", "--endpoint", f"http://bob:{SECRET}@127.0.0.1:1")
    assert done.returncode == 2
    assert SECRET not in done.stderr + done.stdout and "bob" not in done.stderr
    assert "cannot reach http://***@127.0.0.1:1/query" in done.stderr


def test_http_error_from_an_endpoint_with_credentials_in_the_url(kg, built):  # noqa: F811
    with Recorder(put_status=500) as recorder:
        url = recorder.url.replace("http://", f"http://bob:{SECRET}@")
        done = kg("push", "--endpoint", url, "--out", built)
    assert done.returncode == 2 and "HTTP 500" in done.stderr
    assert SECRET not in done.stderr + done.stdout and "***@127.0.0.1" in done.stderr


def test_no_graph_store_message_with_credentials_in_the_url(kg, built):  # noqa: F811
    with Recorder(put_status=404) as recorder:
        gsp = recorder.url.replace("http://", f"http://bob:{SECRET}@") + "/store"
        done = kg("push", "--endpoint", recorder.url, "--gsp-url", gsp, "--method", "gsp", "--out", built)
    assert done.returncode == 2 and "no Graph Store Protocol at http://***@" in done.stderr
    assert SECRET not in done.stderr + done.stdout


def test_not_an_http_url_with_credentials(kg):
    done = kg("query", "cq04-visit", "--endpoint", f"ftp://bob:{SECRET}@host/x")
    assert done.returncode == 2 and "ftp://***@host/x" in done.stderr and SECRET not in done.stderr


def test_wikidata_api_url_with_credentials(kg, tmp_path):
    done = kg(
        "link",
        "--cache-dir",
        tmp_path / "cache",
        "--wikidata-api",
        f"http://bob:{SECRET}@127.0.0.1:9/w/api.php",
        "--report",
        tmp_path / "links.json",
    )
    assert done.returncode == 0, done.stderr
    assert "***@127.0.0.1:9" in done.stderr
    assert SECRET not in done.stderr + done.stdout + (tmp_path / "links.json").read_text()
