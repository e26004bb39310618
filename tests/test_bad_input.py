"""Bad input as a new user meets it, beyond the mappings' own checks: the file system refusing a file,
odd command-line use, servers that answer badly. Each must give one line on stderr, a non-zero exit (2
for bad input) and no output written half-way.

HTTP answers come from real servers on 127.0.0.1 that the tests start; nothing reaches the internet."""

import json
import os

import pytest

from .conftest import ROOT, copy_corpus


def one_line(done, code: int, needle: str) -> str:
    assert done.returncode == code, (done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and needle in lines[0], done.stderr
    return lines[0]


def test_an_article_text_that_is_a_symlink_loop_is_one_line(kg, tmp_path):
    """The build lists its inputs before it reads them; a link to itself made that listing raise
    OSError (ELOOP), which reached the user as a traceback with exit 1."""
    articles = copy_corpus(tmp_path / "articles", ["000_seed"])
    text = articles / "000_seed" / "article.txt"
    text.unlink()
    text.symlink_to(text)
    done = kg("build", "--articles", articles, "--out", tmp_path / "out", "--offline")
    line = one_line(done, 2, "Too many levels of symbolic links")
    assert line.startswith("kg: error: ") and "article.txt" in line
    assert not (tmp_path / "out").exists()


def test_os_error_line_names_the_path_and_the_reason():
    from kg.cli import os_error_line

    assert os_error_line(PermissionError(13, "Permission denied", "a/b.txt")) == "a/b.txt: Permission denied"
    moved = OSError(18, "Invalid cross-device link", "a", None, "b")
    assert os_error_line(moved) == "a -> b: Invalid cross-device link"
    assert os_error_line(OSError(28, "No space left on device")) == "No space left on device"
    assert os_error_line(OSError("odd\n  thing")) == "odd thing"


class Answers:
    """An HTTP server on 127.0.0.1 that answers every request with the next of ``answers`` (status,
    headers, body), repeating the last one, and counts the requests."""

    def __init__(self, *answers: tuple[int, dict, bytes]):
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.answers = list(answers)
        self.requests = 0
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                owner.requests += 1
                status, headers, body = owner.answers.pop(0) if len(owner.answers) > 1 else owner.answers[0]
                self.send_response(status)
                for name, value in {"Content-Type": "application/json", **headers}.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self.do_GET()

            do_PUT = do_POST

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/w/api.php"

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


SEARCH = json.dumps({"search": [{"id": "Q3766", "label": "Damascus", "description": "capital of Syria"}]}).encode()


def _client(url: str, cache_dir):
    from kg.link.cache import Cache
    from kg.link.http import ClientConfig, WikidataClient

    config = ClientConfig(api_url=url, contact="mailto:test@example.org", retry_floor=0.01)
    return WikidataClient(config, Cache(cache_dir))


@pytest.mark.parametrize(
    "body, needle",
    [
        (b'{"search": "Damascus"}', "answer has no 'search' list"),
        (b'{"status": "ok", "results": []}', "answer has no 'search' list"),
    ],
)
def test_json_of_another_form_is_no_answer_and_is_never_cached(tmp_path, body, needle):
    """A server that answers JSON of another form (another API, a proxy's JSON error page) is no
    Wikidata: the linker stops asking (unavailable). Its answer was cached before, and every later build
    read it as "no candidates found", even once the server was put right."""
    from kg.link.http import WikidataError
    from kg.link.wikidata import search

    with Answers((200, {}, body), (200, {}, SEARCH)) as server:
        client = _client(server.url, tmp_path / "cache")
        with pytest.raises(WikidataError, match=needle) as caught:
            search(client, "Damascus")
        assert caught.value.unavailable and (client.requests_made, client.requests_failed) == (0, 1)
        assert not list((tmp_path / "cache").rglob("*.json"))
        assert [hit["id"] for hit in search(client, "Damascus")] == ["Q3766"]


def test_a_cached_answer_of_another_form_is_asked_again(tmp_path):
    """A cache written before answers were checked may hold such an answer: it is not used."""
    from kg.link.wikidata import search

    with Answers((200, {}, b'{"search": {"not": "a list"}}'), (200, {}, SEARCH)) as server:
        client = _client(server.url, tmp_path / "cache")
        params = {"action": "wbsearchentities", "search": "Damascus", "language": "en", "uselang": "en"}
        client.cache.put({**params, "type": "item", "limit": 10, "format": "json"}, {"search": {"not": "a list"}})
        server.answers = [(200, {}, SEARCH)]
        assert [hit["id"] for hit in search(client, "Damascus")] == ["Q3766"] and server.requests == 1


def test_a_retry_after_past_the_limit_is_not_waited_for(tmp_path):
    """429 with Retry-After 1000000: kg used to wait MAX_RETRY_AFTER (300 s) three times, silently;
    now it stops at once and the build links from the cache and the pins (one warning)."""
    import time

    from kg.link.http import WikidataError
    from kg.link.wikidata import search

    with Answers((429, {"Retry-After": "1000000"}, b"slow down")) as server:
        client = _client(server.url, tmp_path / "cache")
        started = time.monotonic()
        with pytest.raises(WikidataError, match="HTTP 429 with Retry-After 1000000; kg waits at most 60 s"):
            search(client, "Damascus")
        assert time.monotonic() - started < 5 and server.requests == 1


def test_a_short_retry_after_is_still_waited_for(tmp_path):
    from kg.link.wikidata import search

    with Answers((503, {"Retry-After": "1"}, b"busy"), (200, {}, SEARCH)) as server:
        client = _client(server.url, tmp_path / "cache")
        assert [hit["id"] for hit in search(client, "Damascus")] == ["Q3766"] and server.requests == 2


@pytest.mark.slow
def test_kg_build_against_a_server_of_another_form_warns_once_and_builds(kg, tmp_path):
    with Answers((200, {}, b'{"results": []}')) as server:
        articles = copy_corpus(tmp_path / "articles", ["000_seed"])
        args = ("--articles", articles, "--cache-dir", tmp_path / "cache", "--wikidata-api", server.url)
        done = kg("build", *args, "--out", tmp_path / "out")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    warnings = [line for line in done.stderr.splitlines() if "Wikidata unavailable" in line]
    assert len(warnings) == 1 and "not a MediaWiki action API answer" in warnings[0]
    assert server.requests == 1 and not list((tmp_path / "cache").rglob("*.json"))


def test_an_article_on_one_long_line_is_split_in_linear_time():
    """An article saved without line breaks is one line. pysbd's time grows with the square of a line's
    length: 240 KB took 28 s of CPU, a megabyte minutes. Long lines now go to pysbd in pieces cut where a
    sentence surely ends (measured: 240 KB in 1.1 s, 1 MB in 4.6 s)."""
    import time

    from kg.load.sentences import segment

    paragraph = (ROOT / "tests" / "fixtures" / "corpus" / "000_seed" / "article.txt").read_text(encoding="utf-8")
    line = " ".join(paragraph.split()) + " "
    text = (line * (240_000 // len(line) + 1))[:240_000]
    started = time.process_time()
    spans = segment(text)
    assert time.process_time() - started < 8
    assert len(spans) > 500 and all(b < e <= b2 for (b, e), (b2, _e2) in zip(spans, spans[1:], strict=False))
    covered = "".join(text[b:e] for b, e in spans)
    assert "".join(covered.split()) == "".join(text.split())  # every character is in a sentence


def test_a_long_line_is_never_cut_after_an_abbreviation_or_inside_a_word():
    from kg.load.sentences import segment

    filler = "The ministers met in the capital and talked about trade for a long time. " * 40
    text = filler[:1990] + " Mr. Novak met Gen. Ruiz and U.S. officials. " + filler * 3 + "A last one"
    ends = {text[e - 4 : e] for _b, e in segment(text)}
    assert not any(end.endswith(("Mr.", "en.", ".S.")) for end in ends), ends
    assert segment(text)[-1][1] == len(text)
    assert segment("Moscow " * 3000) == [(0, len("Moscow " * 3000) - 1)]  # no mark: one sentence, quickly


@pytest.mark.parametrize(
    "args, needle",
    [
        (["--endpoint", "http://[::1"], "endpoint 'http://[::1' is not a valid URL"),
        (["--endpoint", "http://127.0.0.1:99999"], "Port out of range"),
        (["--endpoint", "http://127.0.0.1:9", "--gsp-url", "http://[::1/store"], "--gsp-url 'http://[::1/store'"),
        (["--endpoint", "http://127.0.0.1:9", "--query-url", "ftp://x/q"], "--query-url 'ftp://x/q' is not an http"),
    ],
)
def test_an_endpoint_url_the_url_parser_refuses_is_one_line(kg, tmp_path, args, needle):
    """An IPv6 host with its bracket left open reached the user as a traceback (urlparse's ValueError,
    exit 1); a bad port or an override of another scheme failed only at the first request."""
    commands = [["push", "--dry-run"]] + ([] if "--gsp-url" in args else [["query", "ASK {}"]])
    for command in commands:
        done = kg(*command, *args, "--out", tmp_path / "none", "--articles", tmp_path / "none")
        one_line(done, 2, needle)


@pytest.mark.parametrize("url", ["ftp://wikidata.example/w/api.php", "wikidata.org/w/api.php", "http://[::1/w"])
@pytest.mark.parametrize(
    "command",
    [["build", "--out", "{tmp}/out"], ["link"], ["draft", "{articles}/000_seed", "--online", "--force"]],
)
def test_a_wikidata_api_url_that_is_no_url_is_a_usage_error_not_an_outage(kg, tmp_path, command, url):
    """``kg draft --online`` took a malformed or non-http(s) ``--wikidata-api`` for Wikidata being down:
    one warning, then drafted offline, exit 0. Every command that asks Wikidata refuses it, in one
    line, before it writes or asks anything (``kg.link.make_client``)."""
    articles = copy_corpus(tmp_path / "articles", ["000_seed"])
    args = [a.replace("{tmp}", str(tmp_path)).replace("{articles}", str(articles)) for a in command]
    cache = tmp_path / "cache"
    where = [] if command[0] == "draft" else ["--articles", articles]  # draft takes its path
    done = kg(*args, *where, "--cache-dir", cache, "--wikidata-api", url)
    one_line(done, 2, "--wikidata-api (KG_WIKIDATA_API) '")
    assert not (tmp_path / "out").exists() and not (articles / "000_seed" / "mapping.draft.yaml").exists()
    assert not cache.exists()


@pytest.mark.parametrize("url", ["localhost:11434/v1", "ftp://127.0.0.1/v1", "http://127.0.0.1:99999/v1"])
def test_an_llm_base_url_that_is_no_url_is_a_usage_error(kg, tmp_path, url):
    """KG_LLM_BASE_URL was not checked: a typo came back as a server that cannot be reached."""
    articles = copy_corpus(tmp_path / "articles", ["000_seed"])
    done = kg("draft", articles / "000_seed", "--backend", "llm", env={"KG_LLM_BASE_URL": url, "KG_LLM_MODEL": "m"})
    one_line(done, 2, f"KG_LLM_BASE_URL '{url}' is not")
    assert not (articles / "000_seed" / "mapping.draft.yaml").exists()


@pytest.mark.parametrize("option", [["--query-url", "http://127.0.0.1:9/query"], ["--layout", "fuseki"]])
def test_a_remote_store_option_without_an_endpoint_is_refused(kg, tmp_path, option):
    """Without --endpoint, --query-url and --layout were ignored: the embedded store answered, exit 0,
    and the user took its rows for the remote store's."""
    articles = copy_corpus(tmp_path / "articles", ["000_seed"])
    done = kg("query", "ASK { ?s ?p ?o }", *option, "--articles", articles, "--out", tmp_path / "out")
    one_line(done, 2, f"{option[0]} is for a remote store: give --endpoint URL")
    assert not (tmp_path / "out").exists()


def test_a_link_report_is_written_by_a_build_that_has_nothing_to_do(kg, tmp_path):
    """A second build with nothing changed returned before linking, so its --link-report was never
    written, and nothing said so (exit 0)."""
    articles = copy_corpus(tmp_path / "articles", ["000_seed"])
    common = ("build", "--articles", articles, "--out", tmp_path / "out", "--offline")
    assert kg(*common).returncode == 0
    report = tmp_path / "links.json"
    done = kg(*common, "--link-report", report)
    assert done.returncode == 0, done.stderr
    assert f"wrote {report}" in done.stdout and json.loads(report.read_text(encoding="utf-8"))


def test_a_link_report_with_no_link_is_refused(kg, tmp_path):
    """--no-link --link-report FILE printed 'wrote FILE' and wrote nothing."""
    articles = copy_corpus(tmp_path / "articles", ["000_seed"])
    report = tmp_path / "links.json"
    done = kg("build", "--articles", articles, "--out", tmp_path / "out", "--no-link", "--link-report", report)
    one_line(done, 2, "--link-report writes what linking found, and --no-link skips linking")
    assert not report.exists() and not (tmp_path / "out").exists()


def test_an_rdf_input_that_is_no_regular_file_is_named_so(kg, tmp_path):
    """A named pipe or /dev/null given to kg validate or kg query --data was refused as 'no such
    file', which it plainly is not."""
    import os

    pipe = tmp_path / "graph.ttl"
    os.mkfifo(pipe)
    one_line(kg("validate", pipe), 2, f"{pipe}: not a regular file")
    one_line(kg("query", "--data", "/dev/null", "ASK {}"), 2, "/dev/null: not a regular file")


def test_kg_query_data_of_an_unknown_extension_does_not_name_an_option_it_lacks(kg, tmp_path):
    """kg query --data said 'give --input-format', an option kg validate has and kg query has not."""
    data = tmp_path / "graph.txt"
    data.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    line = one_line(kg("query", "--data", data, "ASK {}"), 2, "name the file with one of these extensions")
    assert "--input-format" not in line
    one_line(kg("validate", data), 2, "give --input-format")
    line = one_line(kg("validate", data, "--input-format", "nt", "--shapes", data), 2, "with one of these extensions")
    assert "--input-format" not in line  # that option names the data's syntax, not the shapes'


def test_a_param_iri_without_its_closing_bracket_is_refused(kg, tmp_path):
    """'entity=<https://...' (the '>' lost) was bound as the plain string '<https://...': the query
    answered no rows, exit 0, and nothing said why."""
    from kg.core.errors import KgError
    from kg.query.run import parse_param

    with pytest.raises(KgError, match="lacks its closing '>'"):
        parse_param("entity=<https://w3id.org/diplokg/entity/syria")
    assert str(parse_param('n="<b>"')[1]) == '"<b>"'  # a string that begins with '<', as a literal
    articles = copy_corpus(tmp_path / "articles", ["000_seed"])
    done = kg(
        "query", "cq13-entity-claims", "--param", "entity=<https://w3id.org/diplokg/entity/syria",
        "--articles", articles, "--out", tmp_path / "out",
    )  # fmt: skip
    one_line(done, 2, "--param entity: an IRI in <...> lacks its closing '>'")


def test_site_port_without_serve_is_refused_before_the_site_is_written(kg, tmp_path):
    """--port without --serve was ignored: the site was written, nothing served, exit 0."""
    done = kg("site", "--port", "8123", "--build", tmp_path / "none", "--out", tmp_path / "s")
    one_line(done, 2, "--port is the port of --serve")
    assert not (tmp_path / "s").exists()


@pytest.mark.parametrize(
    "command", ["build", "draft", "draft-eval", "validate", "export", "query", "link", "push", "site"]
)
def test_options_in_help_name_what_they_take(kg, command):
    """kg draft --help showed typer's type names for values ('--report <path>', '--backend <str>'),
    kg site and kg build '<path>' and '<int range>', where every other option says FILE, DIR or N."""
    done = kg(command, "--help")
    assert done.returncode == 0
    options = done.stdout.split("Options:", 1)[1]
    assert not any(f" <{kind}" in options for kind in ("path", "str", "int", "float")), options


def test_an_articles_path_that_is_a_file_is_named_so(kg, tmp_path):
    """--articles naming a file said 'articles folder not found', as if nothing were there."""
    readme = tmp_path / "README.md"
    readme.write_text("notes\n", encoding="utf-8")
    one_line(kg("build", "--articles", readme, "--out", tmp_path / "out", "--no-link"), 2, f"{readme}: not a folder")


def test_an_unknown_article_scope_does_not_send_the_user_to_the_query_list(kg, tmp_path):
    """kg query --article nope said 'see kg query --list', which lists queries, not articles."""
    articles = copy_corpus(tmp_path / "articles", ["000_seed"])
    assert kg("build", "--articles", articles, "--out", tmp_path / "out", "--no-link").returncode == 0
    done = kg("query", "ASK {}", "--article", "nope", "--articles", articles, "--out", tmp_path / "out")
    line = one_line(done, 2, "no graph <https://w3id.org/diplokg/graph/nope>")
    assert "--list" not in line and "--article takes an article's slug" in line


def test_kg_store_naming_a_folder_of_the_users_is_refused_not_emptied(kg, tmp_path):
    """KG_STORE naming an existing folder that held no store (a typo, or $HOME) had its files deleted:
    the store is replaced whole (shutil.rmtree) when it does not hold the current build. A file there
    was a traceback (NotADirectoryError)."""
    articles = copy_corpus(tmp_path / "articles", ["000_seed"])
    mine = tmp_path / "mine"
    (mine / "sub").mkdir(parents=True)
    (mine / "notes.txt").write_text("precious\n", encoding="utf-8")
    assert kg("build", "--no-link", "--articles", articles, "--out", tmp_path / "out").returncode == 0
    for command in (["build", "--no-link"], ["query", "ASK {}"]):
        done = kg(*command, "--articles", articles, "--out", tmp_path / "out", env={"KG_STORE": str(mine)})
        one_line(done, 2, f"KG_STORE={mine}: a folder that holds no store")
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "precious\n" and (mine / "sub").is_dir()
    afile = tmp_path / "notes.txt"
    afile.write_text("precious\n", encoding="utf-8")
    done = kg("query", "ASK {}", "--articles", articles, "--out", tmp_path / "out", env={"KG_STORE": str(afile)})
    one_line(done, 2, f"KG_STORE={afile}: not a folder")
    store = tmp_path / "store"  # a new folder, and then the store kg made there, are taken
    assert (
        kg(
            "build", "--no-link", "--articles", articles, "--out", tmp_path / "out", env={"KG_STORE": str(store)}
        ).returncode
        == 0
    )
    done = kg("query", "ASK {}", "--articles", articles, "--out", tmp_path / "out", env={"KG_STORE": str(store)})
    assert done.returncode == 0 and done.stdout.strip() == "true", done.stderr


def test_an_article_given_as_its_folders_path_is_that_article(kg, tmp_path):
    """kg build ARTICLE took a folder name or a slug only: the path a shell completes
    ('articles/000_seed/') was 'no article with folder or slug'."""
    articles = copy_corpus(tmp_path / "articles", ["000_seed", "010_ministers"])
    for given in (f"{articles}/000_seed/", "000_seed/"):
        done = kg("link", given, "--articles", articles, "--offline")
        assert done.returncode == 0, done.stderr
    done = kg("build", articles / "000_seed", "--articles", articles, "--out", tmp_path / "out", "--no-link")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("russian-delegation-damascus: ") and "ministers" not in done.stdout.split("\n")[0]
    elsewhere = tmp_path / "other" / "000_seed"
    one_line(kg("link", elsewhere, "--articles", articles, "--offline"), 2, "no article with folder or slug")


def test_two_pins_of_one_match_to_two_items_are_refused(tmp_path):
    """Two pins with the same match and different items: the first won and the second was silently lost."""
    from kg.core.errors import KgError
    from kg.core.pins import Pins

    pins = tmp_path / "wikidata-pins.yaml"
    pins.write_text(
        "pins:\n"
        "  - match: {label: Sergei Lavrov}\n    wikidata: Q1\n"
        "  - match: {label: Sergei Lavrov, article: other}\n    wikidata: Q3\n"
        "  - match: {label: sergei lavrov}\n    wikidata: Q2\n",
        encoding="utf-8",
    )
    with pytest.raises(KgError, match=r"wikidata-pins.yaml:6: pins.2 pins Q2 for the match that pins.0 pins to Q1"):
        Pins.load(pins)
    pins.write_text("pins:\n  - match: {label: A}\n    wikidata: Q1\n  - match: {label: a}\n    wikidata: Q1\n")
    assert len(Pins.load(pins).data.pins) == 2  # the same item twice is harmless


@pytest.mark.parametrize("api", ["http://[::1/w/api.php", "ftp://127.0.0.1/w/api.php", "127.0.0.1:9/w/api.php"])
def test_a_wikidata_api_that_is_no_http_url_is_bad_input_not_an_outage(kg, tmp_path, api):
    """A --wikidata-api the URL parser refuses, or of another scheme, was taken for Wikidata being down:
    one warning, links from the cache alone, exit 0."""
    articles = copy_corpus(tmp_path / "articles", ["000_seed"])
    common = ("--articles", articles, "--cache-dir", tmp_path / "cache", "--wikidata-api", api)
    one_line(kg("link", *common), 2, "--wikidata-api (KG_WIKIDATA_API) '")
    one_line(kg("build", *common, "--out", tmp_path / "out"), 2, "--wikidata-api (KG_WIKIDATA_API) '")
    assert not (tmp_path / "out").exists()
    assert kg("link", *common, "--offline").returncode == 0  # offline, it is never asked


def test_kg_draft_entities_or_pins_that_are_folders_are_not_called_missing(kg, tmp_path):
    """kg draft --entities DIR said 'no such file' of a folder that is there."""
    text = tmp_path / "new" / "article.txt"
    text.parent.mkdir()
    text.write_text("Sergei Lavrov met Asaad Al-Shibani in Moscow.\n", encoding="utf-8")
    for option in ("--entities", "--pins"):
        one_line(kg("draft", text, option, tmp_path), 2, f"{tmp_path}: not a file ({option})")
    one_line(kg("draft", text, "--pins", tmp_path / "nope.yaml"), 2, "nope.yaml: no such file (--pins)")
    assert not (text.parent / "mapping.draft.yaml").exists()


def test_a_query_on_standard_input_that_is_not_utf8_is_named_so(tmp_path):
    """Bytes that are not UTF-8 on standard input were decoded leniently and reported as a SPARQL syntax
    error at 1:9; a .rq file of the same bytes says 'not UTF-8'."""
    import subprocess
    import sys

    def query(data: bytes):
        return subprocess.run(
            [sys.executable, "-m", "kg", "query", "-", "--data", ROOT / "ontology" / "diplomacy.ttl"],
            input=data, capture_output=True, timeout=120, cwd=tmp_path,
        )  # fmt: skip

    done = query(b"\xff\xfeASK {}")
    assert done.returncode == 2 and "Traceback" not in done.stderr.decode(), done.stderr
    assert (
        done.stderr.decode().strip()
        == "kg: error: standard input: cannot read the query: not UTF-8 (byte 0: invalid start byte)"
    )
    done = query("\ufeffASK { ?s ?p 'é' }".encode())  # a byte order mark is dropped, as from a file
    assert done.returncode == 1 and done.stdout.decode().strip() == "false", done.stderr


@pytest.mark.parametrize("name, is_folder", [("graphs", True), ("store", False), ("store", True)])
def test_a_build_into_a_folder_of_the_users_keeps_what_is_there(kg, tmp_path, name, is_folder):
    """--out naming a folder of the user's that held a folder 'graphs' or a file 'store': the build
    replaced them with its links and deleted them, silently. A folder 'store' was taken for the store of
    a build from before output sets, and deleted, whatever it held: only one that holds a store is."""
    articles = copy_corpus(tmp_path / "articles", ["000_seed"])
    out = tmp_path / "mine"
    out.mkdir()
    if is_folder:
        (out / name).mkdir()
        (out / name / "notes.txt").write_text("precious\n", encoding="utf-8")
    else:
        (out / name).write_text("precious\n", encoding="utf-8")
    done = kg("build", "--articles", articles, "--out", out, "--no-link")
    one_line(done, 2, f"{out / name}: a {'folder' if is_folder else 'file'} kg did not write")
    kept = out / name / "notes.txt" if is_folder else out / name
    assert kept.read_text(encoding="utf-8") == "precious\n" and not (out / ".kg").exists()


def test_an_html_error_page_from_an_endpoint_is_told_in_words_not_markup(kg, tmp_path):
    """An endpoint's HTML error page went into the one error line as markup (<!DOCTYPE HTML> <html
    lang="en"> <head> ...), its message lost in the 300 characters kept."""
    page = (
        b'<!DOCTYPE HTML>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error response</title>\n'
        b"<style>body { color: red }</style>\n</head>\n<body>\n<h1>Error response</h1>\n<p>Error code: 501</p>\n"
        b"<p>Message: Unsupported method (&#x27;POST&#x27;).</p>\n</body>\n</html>\n"
    )
    with Answers((501, {"Content-Type": "text/html;charset=utf-8"}, page)) as server:
        done = kg("query", "ASK {}", "--endpoint", server.url.replace("/w/api.php", "/sparql"))
    line = one_line(done, 2, "HTTP 501 from ")
    assert line.endswith("/sparql: Error response Error code: 501 Message: Unsupported method ('POST')."), line


@pytest.mark.parametrize("command", ["build", "draft"])
def test_an_article_text_that_is_a_named_pipe_is_one_line_not_a_wait(kg, tmp_path, command):
    """The build lists a pipe as an input like any file and then opened it to read the text, which
    waits for a writer that never comes: the build hung. `kg draft` called the pipe "no such file"."""
    articles = copy_corpus(tmp_path / "articles", ["010_ministers"])
    text = articles / "010_ministers" / "article.txt"
    text.unlink()
    os.mkfifo(text)
    if command == "build":
        done = kg("build", "--articles", articles, "--out", tmp_path / "out", "--no-link", timeout=60)
    else:
        done = kg("draft", text, timeout=60)
    line = one_line(done, 2, "not a regular file (a device, pipe or socket)")
    assert "article.txt" in line
    assert not (tmp_path / "out").exists() and not (text.parent / "mapping.draft.yaml").exists()


@pytest.mark.parametrize("command", ["query", "push"])
@pytest.mark.parametrize("timeout", ["1e10", "1e300"])
def test_a_timeout_longer_than_the_platform_can_wait_is_one_line(kg, tmp_path, command, timeout):
    """`--timeout 1e10` was taken, and the wait for the request then overflowed the platform's time:
    a traceback (OverflowError), exit 1, before any request."""
    args = ["cq04-visit"] if command == "query" else ["--out", tmp_path / "out"]
    done = kg(command, *args, "--endpoint", "http://127.0.0.1:9", "--timeout", timeout, cwd=tmp_path)
    one_line(done, 2, f"--timeout must be a positive number of seconds, at most 9223372036, not {float(timeout):g}")


@pytest.mark.parametrize(
    "variable, value",
    [
        ("KG_LLM_TIMEOUT", "0"),
        ("KG_LLM_TIMEOUT", "-1"),
        ("KG_LLM_TIMEOUT", "nan"),
        ("KG_LLM_TIMEOUT", "1e10"),
        ("KG_LLM_RETRY_FLOOR", "-1"),
        ("KG_LLM_RETRY_FLOOR", "inf"),
        ("KG_LLM_MAX_TOKENS", "0"),
        ("KG_LLM_MAX_TOKENS", "many"),
    ],
)
def test_llm_settings_out_of_range_are_one_line(kg, tmp_path, variable, value):
    """A timeout of 0 or -1 reached requests as a traceback ("Invalid timeout"), NaN and 1e10 the wait
    for the answer (ValueError, OverflowError); a token limit of 0 was sent to the server."""
    articles = copy_corpus(tmp_path / "articles", ["010_ministers"])
    env = {"KG_LLM_BASE_URL": "http://127.0.0.1:9/v1", "KG_LLM_MODEL": "m", variable: value}
    done = kg("draft", articles / "010_ministers", "--backend", "llm", "--force", env=env)
    line = one_line(done, 2, f"{variable} must be ")
    assert line.endswith(f", not '{value}'")


@pytest.mark.parametrize("value", ["abc", "-5", "nan", "inf", ""])
def test_a_retry_floor_that_is_no_number_of_seconds_is_one_line(kg, tmp_path, value):
    """KG_RETRY_FLOOR=abc was a traceback (ValueError) from every command that links, even offline;
    -5, NaN and inf were taken, to fail at the first wait."""
    articles = copy_corpus(tmp_path / "articles")
    done = kg("link", "--articles", articles, "--offline", env={"KG_RETRY_FLOOR": value})
    if value == "":  # unset in effect: the default
        assert done.returncode == 0, done.stderr
        return
    line = one_line(done, 2, "KG_RETRY_FLOOR must be a number of seconds from 0 to 300")
    assert line.endswith(f", not '{value}'")


def test_a_query_on_standard_input_that_is_closed_is_one_line(tmp_path):
    """`kg query -` with standard input closed (`<&-`) was a traceback (AttributeError on None)."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "kg", "query", "-", "--data", ROOT / "ontology" / "diplomacy.ttl"],
        capture_output=True, text=True, timeout=120, cwd=tmp_path, preexec_fn=lambda: os.close(0),
    )  # fmt: skip
    one_line(done, 2, "kg: error: standard input: cannot read the query: it is closed")


@pytest.mark.parametrize(
    "args, needle",
    [
        (["--method", "bogus"], "unknown push method 'bogus'; choose auto, gsp or update"),
        (["--method", "gsp", "--layout", "generic"], "no Graph Store Protocol URL known; give --gsp-url"),
    ],
)
def test_a_push_method_typo_is_refused_before_the_build(kg, tmp_path, args, needle):
    """The method was checked when the first graph was sent, after a missing or stale build had been
    built again (minutes on a large corpus) only to be told of the typo."""
    articles = copy_corpus(tmp_path / "articles", ["000_seed"])
    done = kg("push", "--endpoint", "http://127.0.0.1:9", *args, "--out", tmp_path / "out", "--articles", articles)
    one_line(done, 2, needle)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "entry, line",
    [
        ("pins:\n  - match: {}\n    wikidata: Q5\n", 2),
        ("pins:\n  - match: {label: Sergei Lavrov}\n    wikidata: Q1\n  - match:\n      label:\n    wikidata: Q5\n", 4),
        ("forbid:\n  - match: {label: null}\n    wikidata: any\n", 2),
    ],
)
def test_a_pin_whose_match_names_nothing_is_refused(kg, tmp_path, entry, line):
    """A match with no key (`{}`, or a label left empty) matched every entity: an article's nine entities,
    countries, people and ministry alike, were linked to one item ("linked 9 of 9 entities (pin 9)")."""
    articles = copy_corpus(tmp_path / "articles")
    (articles / "wikidata-pins.yaml").write_text(entry, encoding="utf-8")
    done = kg("link", "--articles", articles, "--offline")
    one_line(done, 2, f"wikidata-pins.yaml:{line}: ")
    assert "match names none of label, a, article, id: it would match every entity" in done.stderr


@pytest.mark.parametrize("contact", ["ops@example.org\nX-Injected: 1", "a\rb", "\x1b[31mred"])
def test_a_contact_of_more_than_one_line_is_a_usage_error_not_an_outage(kg, tmp_path, contact):
    """--contact goes into the User-Agent header; with a line break there every request failed before it
    was sent (requests' InvalidHeader), and kg warned "Wikidata unavailable", linked from the cache alone
    and exited 0."""
    articles = copy_corpus(tmp_path / "articles")
    args = ["--wikidata-api", "http://127.0.0.1:9/w/api.php", "--cache-dir", tmp_path / "cache"]
    done = kg("link", "--articles", articles, *args, "--contact", contact)
    one_line(done, 2, "--contact (KG_CONTACT) is one line of plain text for the User-Agent header")


def test_a_site_inside_the_articles_folder_is_refused_as_a_build_there_is(kg, tmp_path):
    """`kg site --out articles/site` was written there; every later build then warned that the folder is
    no article, and took the articles folder for changed, rebuilding before each query."""
    articles = copy_corpus(tmp_path / "articles", ["000_seed"])
    done = kg("site", "--build", tmp_path / "out", "--articles", articles, "--out", articles / "site")
    one_line(done, 2, f"--out {articles / 'site'} is inside --articles {articles}; write the site to another folder")
    assert not (articles / "site").exists() and not (tmp_path / "out").exists()
