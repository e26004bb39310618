"""What users of riot/arq and the Oxigraph CLI expect of a command line, and the holes a new user found
(issue 11): help and version, quiet and verbose, formats from extensions, standard input, result files,
machine-readable multi-query output, tables, streams, and no silent surprises."""

import csv
import fcntl
import io
import json
import os
import pty
import shutil
import struct
import subprocess
import sys
import termios

import pytest
from rdflib import Graph

from .conftest import ROOT, run_kg


def one_line_error(done, code, needle):
    assert done.returncode == code, (done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and needle in lines[0], done.stderr


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    folder = tmp_path_factory.mktemp("conventions") / "out"
    done = run_kg("build", "--no-link", "--out", folder)
    assert done.returncode == 0, done.stderr
    return folder


# -- help, version, usage -------------------------------------------------------------------------


def test_version_and_short_help(kg):
    from kg import __version__

    version = kg("--version")
    assert version.returncode == 0 and version.stdout == f"kg {__version__}\n"
    for args in (("-h",), ("query", "-h"), ("push", "-h")):
        done = kg(*args)
        assert done.returncode == 0 and done.stdout.startswith("Usage: kg"), args


@pytest.mark.parametrize(
    "command", ["build", "draft", "draft-eval", "validate", "export", "query", "link", "push", "site"]
)
def test_the_synopsis_of_docs_cli_names_every_option(kg, command):
    """docs/cli.md's synopsis lacked kg draft's --backend nlp, --model, --online, --wikidata-api and
    --contact, kg push's --full and --verify and kg export's --build."""
    import re

    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    synopsis = doc.split("## Synopsis", 1)[1].split("## Conventions", 1)[0]
    lines, keep = [], False
    for line in synopsis.splitlines():
        if line.startswith("kg "):
            keep = line.startswith(f"kg {command} ")
        if keep:
            lines.append(line)
    written = " ".join(lines)
    done = kg(command, "--help")
    assert done.returncode == 0
    options = set(re.findall(r"^\s+(?:-\w, )?(--[a-z-]+)(?:/(--[a-z-]+))?", done.stdout, re.M))
    named = {name for pair in options for name in pair if name} - {"--help", "--quiet", "--verbose"}
    missing = sorted(name for name in named if not re.search(re.escape(name) + r"\b(?!-)", written))
    assert not missing, missing


def test_bare_kg_prints_the_help_without_an_empty_error(kg):
    done = kg()
    assert done.returncode == 2
    assert "Usage: kg" in done.stderr and "Commands:" in done.stderr
    assert "kg: error" not in done.stderr


def test_help_is_fast_and_plain():
    """Fast because it imports neither rich nor the pipeline's heavy libraries: that is what a test can
    check on a shared machine; the time itself is measured by bench/bench_queries.py (``kg --help``)."""
    probe = (
        "import sys\nsys.argv = ['kg', '--help']\nfrom kg.cli import main\ntry:\n    main()\nexcept SystemExit:\n"
        "    pass\n"
        "heavy = sorted(m for m in ('rich', 'rdflib', 'pyoxigraph', 'pyshacl', 'requests') if m in sys.modules)\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert "HEAVY []" in done.stderr, done.stderr


# -- quiet, verbose, streams ----------------------------------------------------------------------


@pytest.mark.slow
def test_build_lists_the_store_among_what_it_wrote(kg, tmp_path):
    done = kg("build", "--no-link", "--out", tmp_path / "o")
    assert done.returncode == 0 and done.stderr == ""
    wrote = [line for line in done.stdout.splitlines() if line.startswith("wrote ")]
    graphs = len(list((tmp_path / "o" / "graphs").glob("*.trig")))
    assert wrote == [
        f"wrote {tmp_path / 'o' / 'graphs'} ({graphs} graphs, one TriG and one N-Triples file each)",
        f"wrote {tmp_path / 'o' / 'store'} (Oxigraph store)",
    ]


@pytest.mark.slow
@pytest.mark.parametrize("where", ["before", "after"])
def test_quiet_leaves_only_results_and_errors(kg, tmp_path, out, where):
    flags = lambda *args: ("-q", *args) if where == "before" else (*args, "-q")  # noqa: E731
    built = kg(*flags("build", "--no-link", "--out", tmp_path / "o"))
    assert built.returncode == 0 and built.stdout == "" and built.stderr == ""
    answer = kg(*flags("query", "cq04-visit", "--format", "csv", "--out", out))
    assert answer.stdout.startswith("article,visit,") and answer.stderr == ""
    failed = kg(*flags("query", "no-such-query", "--out", out))
    assert failed.returncode == 2 and failed.stderr.startswith("kg: error:")


@pytest.mark.slow
def test_verbose_says_what_it_does_on_stderr(kg, out):
    plain = kg("query", "cq04-visit", "--format", "csv", "--out", out)
    loud = kg("query", "cq04-visit", "--format", "csv", "--out", out, "-v")
    assert loud.stdout == plain.stdout and plain.stderr == ""
    assert "kg: querying the embedded store" in loud.stderr and "cq04-visit: 1 row in" in loud.stderr


@pytest.mark.slow
def test_export_summary_goes_to_stdout_and_data_to_the_file(kg, tmp_path):
    done = kg("export", "--no-link", "-o", tmp_path / "g.ttl")
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.startswith(f"wrote {tmp_path / 'g.ttl'} (turtle, ")


# -- formats from extensions ----------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "name, check",
    [
        ("g.nt", lambda text: all(line.endswith(" .") and line.startswith("<") for line in text.splitlines())),
        ("g.nq", lambda text: "<https://w3id.org/diplokg/graph/russian-delegation-damascus> ." in text),
        ("g.jsonld", lambda text: isinstance(json.loads(text), (dict, list))),
        ("g.rdf", lambda text: text.startswith("<?xml")),
        ("g.trig", lambda text: "GRAPH" in text or "{" in text),
    ],
)
def test_export_picks_the_format_from_the_extension(kg, tmp_path, name, check):
    done = kg("export", "--no-link", "-o", tmp_path / name)
    assert done.returncode == 0, done.stderr
    assert check((tmp_path / name).read_text())


@pytest.mark.slow
@pytest.mark.parametrize(
    "name, fmt", [("g.nquads", "nquads"), ("g.jsonld", "json-ld"), ("g.rdf", "xml"), ("g.nt", "nt")]
)
def test_validate_reads_the_format_from_the_extension(kg, tmp_path, name, fmt):
    target = tmp_path / name
    assert kg("export", "--no-link", "--format", fmt, "-o", target).returncode == 0
    done = kg("validate", target)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("conforms")


@pytest.mark.slow
def test_validate_input_format_and_unknown_extensions(kg, tmp_path):
    data = tmp_path / "graph.data"
    assert kg("export", "--no-link", "--format", "nquads", "-o", tmp_path / "g.nq").returncode == 0
    data.write_bytes((tmp_path / "g.nq").read_bytes())
    one_line_error(kg("validate", data), 2, "cannot tell the RDF syntax from the extension")
    assert kg("validate", data, "--input-format", "nquads").returncode == 0


def test_validate_parse_errors_have_no_python_reprs(kg, tmp_path):
    junk = tmp_path / "junk.nquads"
    junk.write_text("<urn:a> <urn:b> <urn:c> <urn:g> <urn:extra> .\n")
    done = kg("validate", junk)
    one_line_error(done, 2, "cannot parse as nquads")
    assert "b'" not in done.stderr and "of <>" not in done.stderr


def test_validate_an_empty_file_and_a_folder(kg, tmp_path):
    empty = tmp_path / "empty.ttl"
    empty.write_text("")
    one_line_error(kg("validate", empty), 2, "nothing to validate (the file is empty)")
    prefixes_only = tmp_path / "prefixes.ttl"
    prefixes_only.write_text("@prefix ex: <urn:ex:> .\n")
    one_line_error(kg("validate", prefixes_only), 2, "nothing to validate (it holds no triples)")
    one_line_error(kg("validate", tmp_path), 2, "is a folder, not an RDF file")


@pytest.mark.slow
def test_query_data_takes_every_syntax_kg_writes(kg, tmp_path):
    for name, fmt in (("g.nquads", "nquads"), ("g.jsonld", "json-ld"), ("g.rdf", "xml")):
        assert kg("export", "--no-link", "--format", fmt, "-o", tmp_path / name).returncode == 0
        done = kg("query", "cq04-visit", "--data", tmp_path / name, "--format", "csv")
        assert done.returncode == 0, (name, done.stderr)
        assert len(done.stdout.splitlines()) == 2, name


# -- query input and output -----------------------------------------------------------------------


def test_query_from_standard_input(kg, out):
    done = kg("query", "-", "--format", "csv", "--out", out, input="SELECT ?l WHERE {\n  dkg:Talks rdfs:label ?l }\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "l" and len(done.stdout.splitlines()) == 2
    bad = kg("query", "-", "--out", out, input="SELECT ?l WHERE {\n ?x ?y }")
    one_line_error(bad, 2, "standard input: SPARQL syntax error at 2:")
    one_line_error(kg("query", "-", "--out", out, input=""), 2, "standard input: no query text")


def test_query_output_file_is_written_atomically(kg, out, tmp_path):
    target = tmp_path / "visit.csv"
    done = kg("query", "cq04-visit", "--format", "csv", "--output", target, "--out", out)
    assert done.returncode == 0 and done.stdout == f"wrote {target}\n"
    assert target.read_text().startswith("article,visit,")
    nothing = tmp_path / "nothing.csv"
    failed = kg(
        "query", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1", "--format", "csv", "-o", nothing, "--out", out
    )
    one_line_error(failed, 2, "is for SELECT and ASK queries")
    assert not nothing.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["visit.csv"]


def test_all_as_json_is_one_object_keyed_by_query_name(kg, out):
    done = kg("query", "--all", "--format", "json", "--out", out)
    assert done.returncode == 0, done.stderr
    body = json.loads(done.stdout)
    names = [line.split("\t")[0] for line in kg("query", "--list").stdout.splitlines()]
    assert list(body) == names and len(names) == len(sorted((ROOT / "queries").glob("*.rq")))
    assert body["cq04-visit"]["results"]["bindings"][0]["status"]["value"] == "planned"


@pytest.mark.parametrize("fmt, ext", [("csv", "csv"), ("tsv", "tsv"), ("xml", "srx")])
def test_all_as_csv_tsv_xml_is_one_file_per_query(kg, out, tmp_path, fmt, ext):
    folder = tmp_path / "results"
    done = kg("query", "--all", "--format", fmt, "--output", folder, "--out", out)
    assert done.returncode == 0, done.stderr
    files = sorted(folder.iterdir())
    assert len(files) == len(sorted((ROOT / "queries").glob("*.rq"))) and all(f.suffix == f".{ext}" for f in files)
    visit = (folder / f"cq04-visit.{ext}").read_text()
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(visit)))
        assert rows[0][:3] == ["article", "visit", "destinationName"] and len(rows) == 2
    elif fmt == "tsv":
        assert visit.startswith("?article\t?visit\t") and len(visit.splitlines()) == 2
    else:
        assert visit.startswith("<?xml") and visit.count("<result>") == 1
    one_line_error(
        kg("query", "--all", "--format", fmt, "--out", out), 2, "writes one file per query: give --output FOLDER"
    )


# -- tables ---------------------------------------------------------------------------------------

LONG_QUERY = (
    "SELECT ?claim ?text WHERE { ?claim a dkg:Statement ; dkg:evidence/nif:anchorOf ?text } "
    "ORDER BY DESC(STRLEN(?text)) LIMIT 1"
)


@pytest.mark.slow
def test_table_piped_shows_full_cells_and_prefixed_names(kg, out):
    done = kg("query", "SELECT ?c WHERE { ?c rdfs:subClassOf dkg:Claim } ORDER BY ?c LIMIT 3", "--out", out)
    assert done.returncode == 0, done.stderr
    assert "dkg:" in done.stdout and "https://w3id.org/diplokg/ontology#" not in done.stdout
    full = kg("query", LONG_QUERY, "--out", out)
    text = kg("query", LONG_QUERY, "--format", "csv", "--out", out).stdout.splitlines()[1].split(",", 1)[1].strip('"')
    assert len(text) > 100 and text in full.stdout and "…" not in full.stdout


def test_table_width_truncates(kg, out):
    done = kg("query", LONG_QUERY, "--width", "60", "--out", out)
    assert done.returncode == 0 and "…" in done.stdout
    assert max(len(line) for line in done.stdout.splitlines()) <= 60
    one_line_error(kg("query", LONG_QUERY, "--width", "-3", "--out", out), 2, "--width must be")


def test_table_on_a_terminal_fits_its_width(out):
    """Truncation only on a terminal: run kg with its standard output on a 70-column pseudo-terminal."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 70, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "query", LONG_QUERY, "--out", str(out)],
        cwd=ROOT,
        env=env,
        stdout=follower,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO once the child has closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(60)
    os.close(leader)
    lines = b"".join(chunks).decode("utf-8").replace("\r\n", "\n").splitlines()
    assert process.returncode == 0 and "…" in "\n".join(lines)
    assert max(len(line) for line in lines) <= 70


# -- parameters and flags -------------------------------------------------------------------------


@pytest.mark.slow
def test_unused_param_and_conflicting_flags_are_errors(kg, out):
    one_line_error(
        kg("query", "cq04-visit", "--param", "nme=x", "--out", out), 2, "--param nme: the query has no variable ?nme"
    )
    one_line_error(
        kg("query", "--all", "--param", "nme=x", "--out", out), 2, "--param nme: no library query has a variable ?nme"
    )
    one_line_error(kg("query", "--list", "--all"), 2, "give one of a QUERY, --list or --all, not --list and --all")
    one_line_error(kg("query", "cq04-visit", "--all", "--out", out), 2, "not a QUERY and --all")
    one_line_error(kg("query", "cq04-visit", "--list"), 2, "not a QUERY and --list")


@pytest.mark.slow
def test_folder_without_mapping_is_reported(kg, tmp_path, articles_copy):
    (articles_copy / "002_draft").mkdir()
    (articles_copy / "002_draft" / "mapping.yml").write_text("article: {slug: draft}\n")
    done = kg("build", "--no-link", "--articles", articles_copy, "--out", tmp_path / "o")
    assert done.returncode == 0, done.stderr
    assert f"kg: warning: {articles_copy / '002_draft'}: no mapping.yaml, so not an article; skipped" in done.stderr


def test_rdf_of_a_construct_on_a_table_default_is_turtle(kg, out):
    done = kg("query", "CONSTRUCT { dkg:Talks rdfs:label ?l } WHERE { dkg:Talks rdfs:label ?l }", "--out", out)
    assert done.returncode == 0
    assert len(Graph().parse(data=done.stdout, format="turtle")) == 1


# -- standard output that is gone, closed or full (issue 24) ----------------------------------------


def _kg_with_stdout(stdout, *args, preexec_fn=None):
    """Run kg with its standard output as given (a pipe end, a file, or closed by ``preexec_fn``)."""
    from .conftest import _WORKDIR

    return subprocess.run(
        [sys.executable, "-m", "kg", *map(str, args)],
        cwd=_WORKDIR[-1],
        stdout=stdout,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        timeout=300,
        preexec_fn=preexec_fn,
    )


def _builds_and_queries(tmp_path, out):
    """A build into a new folder, and a query of a build that is current."""
    return [("build", "--no-link", "--out", tmp_path / "new"), ("query", "cq01-delegation-leader", "--out", out)]


def test_a_reader_that_left_is_a_quiet_success(tmp_path, out):
    """``kg build | head -1``: the reader is gone before kg writes; kg stops quietly with exit 0 (click
    alone made it exit 1 with no message)."""
    for command in _builds_and_queries(tmp_path, out):
        read_end, write_end = os.pipe()
        os.close(read_end)  # every write kg makes meets a broken pipe
        try:
            done = _kg_with_stdout(write_end, *command)
        finally:
            os.close(write_end)
        assert done.returncode == 0 and done.stderr == "", (command, done.stderr)


def test_a_closed_or_full_standard_output_is_one_line(tmp_path, out):
    for command in _builds_and_queries(tmp_path, out):
        closed = _kg_with_stdout(None, *command, preexec_fn=lambda: os.close(1))
        one_line_error(closed, 2, "cannot write to standard output: it is closed")
        shutil.rmtree(tmp_path / "new", ignore_errors=True)
        with open("/dev/full", "w") as full:
            filled = _kg_with_stdout(full, *command)
        one_line_error(filled, 2, "cannot write to standard output: No space left on device")


@pytest.mark.parametrize("stderr", ["closed", "full"])
def test_a_closed_or_full_standard_error_loses_messages_not_the_work_or_the_exit_code(tmp_path, out, stderr):
    """`kg build 2>&-` or `2>/dev/full`: the first warning or note that could not be written failed the
    command, with exit 1 (Python's own code for the traceback that could not be shown either), after the
    build had been written (with /dev/full) or before (closed). Standard error is said to, as far as it
    can be: what the command does and its exit code do not depend on it."""
    from .conftest import _WORKDIR

    def run(*args):
        with open("/dev/full", "w") as full:
            return subprocess.run(
                [sys.executable, "-m", "kg", *map(str, args)],
                cwd=_WORKDIR[-1], stdout=subprocess.PIPE, stderr=full, stdin=subprocess.DEVNULL, text=True,
                timeout=300, preexec_fn=(lambda: os.close(2)) if stderr == "closed" else None,
            )  # fmt: skip

    built = run("build", "--no-link", "--out", tmp_path / "new")
    assert built.returncode == 0 and "wrote " in built.stdout, built.stdout
    assert (tmp_path / "new" / "kg.graphs.json").is_file()
    assert run("query", "no-such-query", "--out", out).returncode == 2
    assert run("query", "ASK { dkg:Nothing a dkg:Nothing }", "--out", out).returncode == 1


def test_warnings_of_one_kind_are_summarised_past_a_limit(kg, tmp_path):
    """A text with hundreds of sentences no fact rests on gives twenty warnings and a count, not one
    line each (a 5 MB text gave 57,735)."""
    from kg.util.console import WARNINGS_OF_A_KIND

    from .conftest import article_folder

    sentences = " ".join(f"Filler sentence number {i} says nothing." for i in range(300))
    text = f"Lavrov met Al-Shibani in Moscow. {sentences}\n"
    mapping = (
        "article:\n  slug: many\n  publisher: pub\n  defaults:\n    according_to: pub\n    reported_by: pub\n"
        "nodes:\n  pub:\n    a: NewsPublisher\n    label: Pub\n"
        "  lavrov:\n    a: Person\n    label: Lavrov\n  shibani:\n    a: Person\n    label: Al-Shibani\n"
        "  m:\n    a: Meeting\n    label: Lavrov met Al-Shibani\n    status: happened\n"
        "    participant: [lavrov, shibani]\n    counterpart: shibani\n"
        "    evidence: [Lavrov met Al-Shibani in Moscow.]\n"
    )
    article_folder(tmp_path / "articles" / "001_many", text, mapping)
    done = kg("build", "--no-link", "--articles", tmp_path / "articles", "--out", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if "evidence for no fact" in line]
    assert len(lines) == WARNINGS_OF_A_KIND + 1
    assert lines[-1].startswith(f"kg: warning: and {300 - WARNINGS_OF_A_KIND:,} more warnings like: many: sentence")


def test_a_text_file_that_is_not_utf8_names_the_byte_everywhere(kg, tmp_path, articles_copy, out):
    """A query file, a text to draft and an entity list that are not UTF-8 say which byte, as an article
    text did; they said only "UnicodeDecodeError" (issue 24)."""
    query = tmp_path / "bad.rq"
    query.write_bytes(b"SELECT * WHERE { ?s ?p ?o } \xff\n")
    one_line_error(kg("query", query, "--out", out), 2, "bad.rq: cannot read the query: not UTF-8 (byte 28")
    text = tmp_path / "draft" / "article.txt"
    text.parent.mkdir()
    text.write_bytes(b"Text \xff here.\n")
    one_line_error(kg("draft", text), 2, "cannot read article text: not UTF-8 (byte 5")
    (articles_copy / "entities.yaml").write_bytes(b"language: en\nentities: {}\n\xff")
    built = kg("build", "--no-link", "--articles", articles_copy, "--out", tmp_path / "o")
    one_line_error(built, 2, "entities.yaml: cannot read the file: not UTF-8 (byte 26")


@pytest.mark.parametrize(
    "body, needle",
    [
        ("SELECT * WHERE { BIND(" + "(" * 5000 + "1" + ")" * 5000 + " AS ?x) }", "nests 5002 levels deep"),
        ("SELECT * WHERE { ?s ?p ?o " + " ".join(f"FILTER(?o != {i})" for i in range(20000)) + " }", "chains 20,000"),
    ],
)
def test_a_query_the_engine_would_crash_on_is_refused_in_one_line(kg, out, tmp_path, body, needle):
    """pyoxigraph's parser overflows the stack on such queries: the process died with exit 139 and no
    message (issue 24)."""
    query = tmp_path / "q.rq"
    query.write_text(body)
    one_line_error(kg("query", query, "--out", out), 2, needle)


def test_the_query_guard_counts_structure_not_strings_iris_or_comments():
    from kg.query import guard

    text = 'SELECT * WHERE { ?s ?p "((((((" . ?s ?q <urn:x:((((> } # ' + "(" * 1000 + "\n"
    guard.check(text.replace('"((((((', '"' + "(" * 1000))  # nothing raised
    deep = "SELECT * WHERE " + "{ " * (guard.MAX_DEPTH + 1) + "?s ?p ?o" + " }" * (guard.MAX_DEPTH + 1)
    with pytest.raises(Exception, match="levels deep"):
        guard.check(deep)
    guard.check("SELECT * WHERE " + "{ " * guard.MAX_DEPTH + "?s ?p ?o" + " }" * guard.MAX_DEPTH)


def test_a_port_out_of_range_is_refused_before_the_site_is_written(kg, out, tmp_path):
    for port in ("99999", "-1"):
        one_line_error(kg("site", "--serve", "--port", port, "--build", out, "--out", tmp_path / "s"), 2, "--port")
        assert not (tmp_path / "s").exists()
