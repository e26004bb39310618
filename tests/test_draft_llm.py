"""The LLM back-end against a chat-completions server on 127.0.0.1 that replays recorded answers,
keyed by a hash of the request, with faults: rate limits, overload, malformed JSON, cut-off answers,
invented and straightened quotes, an unknown class."""

import copy
import json
import shutil
from pathlib import Path

import pytest

from kg.core.errors import KgError
from kg.draft import draft_article
from kg.draft.check import check_draft
from kg.draft.known import KnownNames, load_corpus
from kg.draft.llm import EXAMPLE_QUOTES, LlmBackend, LlmConfig, known_names
from kg.draft.schema import response_schema, vocabulary

from .llm_server import FakeChat, request_key
from .test_cli import assert_one_line_error

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "draft" / "articles"
KEY = "sk-test-secret-0123456789"

# Recorded answers for the five requests the fixture article kestria-visit makes (one per paragraph;
# the heading "Fishing Dispute" goes with the paragraph after it). Some carry the faults under test.
ANSWERS = [
    {
        "entities": [
            {"id": "marsh", "class": "Person", "label": "Elena Marsh", "aliases": [], "mentions": ["Elena Marsh"]},
            {"id": "lindor", "class": "City", "label": "Lindor", "aliases": [], "mentions": ["Lindor"]},
            {"id": "reyle", "class": "Person", "label": "Tomas Reyle", "aliases": [], "mentions": ["Tomas Reyle"]},
            {
                "id": "ministry",
                "class": "Ministry",
                "label": "Kestrian foreign ministry",
                "aliases": [],
                "mentions": ["the Kestrian foreign ministry"],
            },
        ],
        "claims": [
            {
                "id": "visit",
                "class": "DiplomaticVisit",
                "label": "visit of Elena Marsh to Lindor",
                "status": "planned",
                "according_to": "ministry",
                "evidence": ["Elena Marsh will visit Lindor next week"],
                "roles": [{"property": "visitor", "value": "marsh"}, {"property": "destination", "value": "lindor"}],
                "attributes": [{"property": "timeDescription", "value": "next week"}],
            },
            {
                "id": "statement",
                "class": "Statement",
                "label": "the ministry announces the visit",
                "status": "happened",
                "according_to": "",
                "evidence": ["the Kestrian foreign ministry said on Tuesday"],
                "roles": [{"property": "speaker", "value": "ministry"}],
                "attributes": [{"property": "paraphrase", "value": "Marsh will visit Lindor next week"}],
            },
        ],
    },
    {
        "entities": [
            {
                "id": "source",
                "class": "UnnamedSource",
                "label": "a diplomatic source",
                "aliases": [],
                "mentions": ["a diplomatic source"],
            },
            {
                "id": "ledger",
                "class": "NewsPublisher",
                "label": "Northern Ledger",
                "aliases": [],
                "mentions": ["Northern Ledger"],
            },
        ],
        "claims": [
            {
                "id": "border-agreement",
                "class": "Agreement",
                "label": "border agreement",
                "status": "possible",
                "according_to": "source",
                "evidence": ["a border agreement that both governments have discussed since 2021"],
                "roles": [],
                "attributes": [{"property": "description", "value": "discussed since 2021"}],
            }
        ],
    },
    {
        "entities": [  # the model straightened the curly quotes of the article
            {"id": "marsh", "class": "Person", "label": "Elena Marsh", "aliases": [], "mentions": ["Marsh"]}
        ],
        "claims": [
            {
                "id": "statement-marsh",
                "class": "Statement",
                "label": "Marsh on an agreement",
                "status": "happened",
                "according_to": "",
                "evidence": [
                    '"We are ready to sign an agreement that protects both our peoples," Marsh told reporters'
                ],
                "roles": [{"property": "speaker", "value": "marsh"}],
                "attributes": [
                    {"property": "quote", "value": "We are ready to sign an agreement that protects both our peoples"}
                ],
            }
        ],
    },
    {
        "entities": [  # an unknown class, and a statement whose only evidence is invented
            {"id": "reyle", "class": "Person", "label": "Tomas Reyle", "aliases": [], "mentions": ["Reyle"]},
            {
                "id": "fleet",
                "class": "Warship",
                "label": "fishing fleet",
                "aliases": [],
                "mentions": ["fishing rights"],
            },
        ],
        "claims": [
            {
                "id": "statement-reyle",
                "class": "Statement",
                "label": "Reyle rejects the visit",
                "status": "happened",
                "according_to": "",
                "evidence": ["Reyle said that Valdonia rejected the visit outright"],
                "roles": [{"property": "speaker", "value": "reyle"}],
                "attributes": [{"property": "paraphrase", "value": "Valdonia rejected the visit"}],
            }
        ],
    },
    {
        "entities": [
            {"id": "valdonia", "class": "Country", "label": "Valdonia", "aliases": [], "mentions": ["Valdonia"]},
            {"id": "kestria", "class": "Country", "label": "Kestria", "aliases": [], "mentions": ["Kestria"]},
        ],
        "claims": [
            {
                "id": "fishing-agreement",
                "class": "Agreement",
                "label": "2019 fishing agreement",
                "status": "cancelled",
                "according_to": "",
                "evidence": ["a 2019 fishing agreement with Kestria", "We want calm borders"],
                "roles": [{"property": "party", "value": "valdonia"}, {"property": "party", "value": "kestria"}],
                "attributes": [{"property": "yearSigned", "value": "2019"}],
            },
            {
                "id": "cancellation",
                "class": "Cancellation",
                "label": "Valdonia cancels the fishing agreement",
                "status": "happened",
                "according_to": "",
                "evidence": ["Valdonia cancelled a 2019 fishing agreement"],
                "roles": [
                    {"property": "cancels", "value": "fishing-agreement"},
                    {"property": "actor", "value": "valdonia"},
                ],
                "attributes": [{"property": "timeDescription", "value": "Last year"}],
            },
        ],
    },
]
# What the two halves of the last paragraph get when its first answer is cut off.
HALVES = [
    {
        "entities": [
            {"id": "valdonia", "class": "Country", "label": "Valdonia", "aliases": [], "mentions": ["Valdonia"]}
        ],
        "claims": [
            {
                "id": "cancellation",
                "class": "Cancellation",
                "label": "cancellation",
                "status": "happened",
                "according_to": "",
                "evidence": ["Valdonia cancelled a 2019 fishing agreement"],
                "roles": [],
                "attributes": [],
            }
        ],
    },
    {
        "entities": [
            {
                "id": "government",
                "class": "Government",
                "label": "Valdonian government",
                "aliases": [],
                "mentions": ["The Valdonian government"],
            }
        ],
        "claims": [
            {
                "id": "withdrawal",
                "class": "Withdrawal",
                "label": "withdrawal of patrol boats",
                "status": "happened",
                "according_to": "",
                "evidence": ["The Valdonian government has since withdrawn its patrol boats"],
                "roles": [{"property": "actor", "value": "government"}],
                "attributes": [{"property": "object", "value": "its patrol boats"}],
            }
        ],
    },
]


@pytest.fixture
def chat():
    server = FakeChat().start()
    yield server
    server.stop()


@pytest.fixture
def article(tmp_path) -> Path:
    folder = tmp_path / "articles" / "kestria-visit"
    folder.mkdir(parents=True)
    shutil.copyfile(FIXTURES / "entities.yaml", folder.parent / "entities.yaml")
    shutil.copyfile(FIXTURES / "kestria-visit" / "article.txt", folder / "article.txt")
    return folder / "article.txt"


def backend_for(chat, **overrides) -> LlmBackend:
    config = dict(base_url=chat.base_url, model="test-model", api_key=KEY, retry_floor=0.0, max_tries=3)
    config.update(overrides)
    return LlmBackend(LlmConfig(**config))


def requests_for(backend: LlmBackend, text: str, corpus: KnownNames | None = None) -> list[dict]:
    vocab = vocabulary()
    return [
        backend.request_body(text[b:e], known_names(text[b:e], corpus or KnownNames()), vocab)
        for b, e, _ in backend.chunks(text)
    ]


def record_all(chat, bodies, answers=ANSWERS, **faults):
    """Record the normal answer for every paragraph; ``faults`` maps a paragraph index to steps before it."""
    for i, (body, answer) in enumerate(zip(bodies, answers, strict=True)):
        chat.record(body, *faults.get(f"p{i}", ()), ("answer", answer))


def test_the_request_is_a_closed_schema_chat_completion_per_paragraph(chat, article):
    backend = backend_for(chat)
    bodies = requests_for(backend, article.read_text())
    assert len(bodies) == 5
    body = bodies[0]
    assert body["model"] == "test-model" and body["temperature"] == 0
    assert body["response_format"]["type"] == "json_schema" and body["response_format"]["json_schema"]["strict"] is True
    schema = body["response_format"]["json_schema"]["schema"]
    assert schema == response_schema()
    claim = schema["properties"]["claims"]["items"]
    assert claim["additionalProperties"] is False and set(claim["required"]) == set(claim["properties"])
    assert claim["properties"]["class"]["enum"] == vocabulary().claim_classes
    assert "Statement" in claim["properties"]["class"]["enum"] and "Person" not in claim["properties"]["class"]["enum"]
    assert claim["properties"]["status"]["enum"][0] == "planned"
    assert body["messages"][1]["content"].startswith(
        "Paragraph:\nKestrian Foreign Minister Elena Marsh will visit Lindor"
    )
    assert bodies[4]["messages"][1]["content"].startswith("Paragraph:\nFishing Dispute\nLast year")


def test_recorded_answers_become_a_grounded_draft_that_builds(chat, article):
    backend = backend_for(chat)
    record_all(chat, requests_for(backend, article.read_text()))
    draft = draft_article(article, backend, KnownNames())
    assert check_draft(draft.yaml, article).conforms
    nodes = draft.nodes
    assert nodes["visit"].props == {"visitor": ["marsh"], "destination": ["lindor"], "timeDescription": ["next week"]}
    assert draft.yaml.startswith(
        "# UNREVIEWED DRAFT written by `kg draft` (llm back-end, model test-model; prompt sha256:"
    )
    report = draft.report_dict()
    repaired = [i for i in report["repaired"] if i["what"] == "evidence"]
    # straightened quotes: repaired, and the draft carries the article's curly quotes
    assert repaired == [
        {
            "action": "repaired",
            "node": "statement-marsh",
            "what": "evidence",
            "reason": "found after normalising curly and straight quotes",
            "value": '"We are ready to sign an agreement that protects both our peoples," Marsh told reporters',
            "to": "“We are ready to sign an agreement that protects both our peoples,” Marsh told reporters",
        }
    ]
    assert "- “We are ready to sign an agreement that protects both our peoples,” Marsh told reporters" in draft.yaml
    dropped = {(i["node"], i["what"], i["reason"]) for i in report["dropped"]}
    assert ("statement-reyle", "evidence", "not in the text") in dropped  # invented quote
    assert ("statement-reyle", "claim", "no evidence left in the text") in dropped and "statement-reyle" not in nodes
    assert ("fleet", "class", "not an ontology class a mapping may use") in dropped and "fleet" not in nodes
    assert ("fishing-agreement", "evidence", "copied from the prompt's example, not in the article") in dropped
    assert "We want calm borders" in EXAMPLE_QUOTES and "We want calm borders" not in draft.yaml
    # the same person named in two paragraphs is one node
    assert nodes["marsh"].a == ["Person"] and len(nodes["marsh"].mentions) == 2 and "marsh-2" not in nodes
    assert chat.requests[0]["headers"]["Authorization"] == f"Bearer {KEY}"
    assert KEY not in draft.yaml and KEY not in json.dumps(report)


def test_429_waits_for_retry_after_and_503_is_retried(chat, article):
    backend = backend_for(chat)
    bodies = requests_for(backend, article.read_text())
    record_all(chat, bodies, p0=[("429", 1)], p2=[("503",)])
    draft = draft_article(article, backend, KnownNames())
    first = [r for r in chat.requests if r["key"] == request_key(bodies[0])]
    assert len(first) == 2 and first[1]["time"] - first[0]["time"] >= 1.0
    assert len([r for r in chat.requests if r["key"] == request_key(bodies[2])]) == 2
    assert draft.report_dict()["events"] == ["paragraph 1: HTTP 429; retried", "paragraph 3: HTTP 503; retried"]
    assert "visit" in draft.nodes


def test_a_server_that_stays_overloaded_is_a_one_line_error(chat, article):
    backend = backend_for(chat)
    bodies = requests_for(backend, article.read_text())
    chat.record(bodies[0], ("503",))
    with pytest.raises(KgError, match=r"gave up after 3 tries \(paragraph 1: HTTP 503\)"):
        draft_article(article, backend, KnownNames())
    assert len(chat.requests) == 3


def test_malformed_json_content_is_asked_again_then_refused(chat, article):
    backend = backend_for(chat)
    bodies = requests_for(backend, article.read_text())
    record_all(chat, bodies, p1=[("answer", '{"entities": [{"id": "x", ')])
    draft = draft_article(article, backend, KnownNames())
    assert "paragraph 2: the answer is not valid JSON; retried" in draft.events and "border-agreement" in draft.nodes
    chat.record(bodies[1], ("answer", "this is not JSON"))
    with pytest.raises(KgError, match="paragraph 2: the answer is not valid JSON"):
        draft_article(article, backend_for(chat), KnownNames())
    wrong = copy.deepcopy(ANSWERS[1])
    wrong["claims"][0]["evidence"] = "not a list"
    chat.record(bodies[1], ("answer", wrong))
    with pytest.raises(KgError, match="does not fit the schema at claims.0.evidence"):
        draft_article(article, backend_for(chat), KnownNames())


def test_an_answer_cut_off_at_the_token_limit_is_asked_again_in_halves(chat, article):
    backend = backend_for(chat)
    text = article.read_text()
    bodies = requests_for(backend, text)
    record_all(chat, bodies, p4=[("answer", '{"entities": [{"id": "valdonia", "cl', "length")])
    chat.record(bodies[4], ("answer", '{"entities": [{"id": "valdonia", "cl', "length"))
    sentences = backend.chunks(text)[4][2]
    for (b, e), answer in zip(sentences, HALVES, strict=True):
        chat.record(backend.request_body(text[b:e], [], vocabulary()), ("answer", answer))
    draft = draft_article(article, backend, KnownNames())
    assert "paragraph 5: answer cut off at the token limit; asked again in two halves" in draft.events
    assert draft.nodes["withdrawal"].props["actor"] == ["government"] and "cancellation" in draft.nodes
    chat.record(bodies[0], ("answer", "{", "length"))  # one sentence cannot be split
    with pytest.raises(KgError, match="cut off at the token limit .finish_reason 'length'.; raise KG_LLM_MAX_TOKENS"):
        draft_article(article, backend_for(chat), KnownNames())


def test_server_errors_never_show_the_key(chat, article):
    backend = backend_for(chat)
    bodies = requests_for(backend, article.read_text())
    chat.record(
        bodies[0], ("raw", 401, json.dumps({"error": {"message": f"Incorrect API key provided: {KEY}"}}).encode())
    )
    with pytest.raises(KgError) as caught:
        draft_article(article, backend, KnownNames())
    assert "HTTP 401: Incorrect API key provided: ***" in str(caught.value) and KEY not in str(caught.value)
    with pytest.raises(KgError, match="HTTP 404: no recorded answer"):
        draft_article(article, backend_for(chat, model="other-model"), KnownNames())


def test_unreachable_server_is_a_one_line_error(article):
    backend = LlmBackend(LlmConfig("http://127.0.0.1:9/v1", "m", retry_floor=0.0))
    with pytest.raises(KgError, match="cannot connect"):
        draft_article(article, backend, KnownNames())


@pytest.mark.slow
def test_kg_draft_backend_llm_from_the_environment(chat, article, kg, tmp_path):
    text = article.read_text()
    corpus = load_corpus(article.parent.parent / "entities.yaml")
    backend = backend_for(chat)
    record_all(chat, requests_for(backend, text, corpus))
    env = {
        "KG_LLM_BASE_URL": chat.base_url,
        "KG_LLM_MODEL": "test-model",
        "KG_LLM_API_KEY": KEY,
        "KG_LLM_RETRY_FLOOR": "0",
        "KG_CACHE_DIR": str(tmp_path / "no-cache"),
    }
    report = tmp_path / "report.json"
    done = kg("draft", article.parent, "--backend", "llm", "--report", report, env=env)
    assert done.returncode == 0, done.stderr
    written = (article.parent / "mapping.draft.yaml").read_text()
    assert "model test-model" in written.splitlines()[0]
    for output in (done.stdout, done.stderr, written, report.read_text()):
        assert KEY not in output
    missing = kg(
        "draft", article.parent, "--backend", "llm", "--force", env={"KG_LLM_BASE_URL": "", "KG_LLM_MODEL": ""}
    )
    assert_one_line_error(missing, 2, "the llm back-end needs KG_LLM_BASE_URL")
    chat.recorded.clear()
    failed = kg("draft", article.parent, "--backend", "llm", "--force", env=env)
    assert_one_line_error(failed, 2, "HTTP 404")
    assert KEY not in failed.stderr
    assert (article.parent / "mapping.draft.yaml").read_text() == written  # a failed run leaves the old draft
