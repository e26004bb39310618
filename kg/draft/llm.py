"""The LLM back-end: any server that speaks the OpenAI chat-completions API with structured output
(``response_format`` ``json_schema``): Ollama, vLLM, the llama.cpp server, OpenAI.

One request per paragraph (a heading goes with the paragraph after it), with a closed JSON schema
generated from the ontology. The answer is parsed with pydantic and becomes a proposal like the rules
back-end's; grounding then holds every quote, class, property and status to the text and the ontology.
Configuration comes from the environment only: ``KG_LLM_BASE_URL`` (e.g. ``http://127.0.0.1:11434/v1``),
``KG_LLM_MODEL``, ``KG_LLM_API_KEY`` (optional, sent as a bearer token, never printed or written).
"""

import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import requests
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kg import __version__
from kg.core.errors import KgError
from kg.draft.known import KnownNames
from kg.draft.model import DraftNode, DraftQuote, Proposal, TextSpan
from kg.draft.schema import DraftVocabulary, response_schema
from kg.draft.text import paragraphs, whole_word_spans
from kg.util import env
from kg.util.deadline import DeadlineExceeded, within
from kg.util.retry import Backoff, GaveUp, TryAgain, retry_after, with_retries
from kg.util.text import counted
from kg.util.urls import check_http_url

MAX_CHUNK = 2500  # characters; a longer paragraph is split between sentences

EXAMPLE_TEXT = (
    "Ruritanian Foreign Minister Anna Example arrived in Freedonia on Monday for talks, the Daily Placeholder "
    "reported. “We want calm borders,” Example said."
)
EXAMPLE_ANSWER: dict[str, list[dict[str, Any]]] = {
    "entities": [
        {
            "id": "anna-example",
            "class": "Person",
            "label": "Anna Example",
            "aliases": [],
            "mentions": ["Anna Example", "Example"],
        },
        {"id": "freedonia", "class": "Country", "label": "Freedonia", "aliases": [], "mentions": ["Freedonia"]},
        {
            "id": "daily-placeholder",
            "class": "NewsPublisher",
            "label": "Daily Placeholder",
            "aliases": [],
            "mentions": ["Daily Placeholder"],
        },
    ],
    "claims": [
        {
            "id": "visit",
            "class": "DiplomaticVisit",
            "label": "visit of Anna Example to Freedonia",
            "status": "happened",
            "according_to": "daily-placeholder",
            "evidence": ["Anna Example arrived in Freedonia on Monday for talks"],
            "roles": [
                {"property": "visitor", "value": "anna-example"},
                {"property": "destination", "value": "freedonia"},
            ],
            "attributes": [{"property": "timeDescription", "value": "on Monday"}],
        },
        {
            "id": "statement-example",
            "class": "Statement",
            "label": "Anna Example on borders",
            "status": "happened",
            "according_to": "",
            "evidence": ["“We want calm borders,” Example said."],
            "roles": [{"property": "speaker", "value": "anna-example"}],
            "attributes": [{"property": "quote", "value": "We want calm borders"}],
        },
    ],
}
EXAMPLE_QUOTES = tuple(
    sorted(
        {q for e in EXAMPLE_ANSWER["entities"] for q in e["mentions"]}
        | {q for c in EXAMPLE_ANSWER["claims"] for q in c["evidence"]}
        | {"We want calm borders"}
    )
)


def system_prompt(vocab: DraftVocabulary) -> str:
    graph = vocab.ontology.graph
    from rdflib.namespace import RDFS

    def described(names):
        return "\n".join(f"- {n}: {graph.value(vocab.ontology.term(n).iri, RDFS.comment) or ''}" for n in names)

    return f"""You draft a knowledge-graph mapping of one paragraph of a diplomatic news article.
Rules:
- Quote the paragraph exactly: every mention and every evidence item is a span copied character for character
  from the paragraph (same quotation marks, dashes and spelling). Never paraphrase inside a quote.
- Only state what the paragraph says. Invent no names, dates, numbers or roles.
- Entities are the people, organisations, places and unnamed agents the paragraph names; mentions are the exact
  words that name them. Give each a short id (lower case, hyphens) and refer to it by that id.
- Claims are what the paragraph asserts. Every claim needs evidence (exact words), a status and, when the
  paragraph attributes it to someone (a speaker, "according to", a source), according_to with that entity's id;
  otherwise according_to is "". Roles are object properties whose value is an entity or claim id; attributes are
  literal properties (a Statement's "quote" attribute must be exact words of the paragraph).
- Status: planned, expected, possible, happened, ongoing, cancelled, not-happened, in-force.
Entity classes:
{described(vocab.entity_classes)}
Claim classes:
{described(vocab.claim_classes)}
Example paragraph: {EXAMPLE_TEXT}
Example answer: {json.dumps(EXAMPLE_ANSWER, ensure_ascii=False)}"""


# -- the answer, parsed ---------------------------------------------------------------------------
class _Entity(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)
    id: str
    cls: str = Field(alias="class")
    label: str = ""
    aliases: list[str] = []
    mentions: list[str] = []


class _Pair(BaseModel):
    model_config = ConfigDict(extra="ignore")
    property: str
    value: str


class _Claim(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)
    id: str
    cls: str = Field(alias="class")
    label: str = ""
    status: str = ""
    according_to: str = ""
    evidence: list[str] = []
    roles: list[_Pair] = []
    attributes: list[_Pair] = []


class ChunkAnswer(BaseModel):
    model_config = ConfigDict(extra="ignore")
    entities: list[_Entity] = []
    claims: list[_Claim] = []


# -- the client -----------------------------------------------------------------------------------
@dataclass
class LlmConfig:
    base_url: str
    model: str
    api_key: str | None = field(default=None, repr=False)
    connect_timeout: float = 10.0
    read_timeout: float = 300.0
    max_tries: int = 4
    retry_floor: float = 2.0
    max_tokens: int = 4096

    @classmethod
    def from_env(cls) -> "LlmConfig":
        base, model = os.environ.get("KG_LLM_BASE_URL"), os.environ.get("KG_LLM_MODEL")
        if not base or not model:
            raise KgError("the llm back-end needs KG_LLM_BASE_URL (e.g. http://127.0.0.1:11434/v1) and KG_LLM_MODEL")
        check_http_url(base, "KG_LLM_BASE_URL")  # a typo is a usage error, not a server that cannot be reached
        return cls(
            base.rstrip("/"),
            model,
            os.environ.get("KG_LLM_API_KEY") or None,
            read_timeout=env.timeout("KG_LLM_TIMEOUT", 300.0),
            retry_floor=env.retry_floor("KG_LLM_RETRY_FLOOR", 2.0),
            max_tokens=env.count("KG_LLM_MAX_TOKENS", 4096),
        )


class Truncated(Exception):
    """The model stopped at its token limit (finish_reason 'length'): the answer is cut off."""


class LlmBackend:
    name = "llm"

    def __init__(self, config: LlmConfig, sleep=time.sleep):
        self.config = config
        self.model = config.model
        self.sleep = sleep
        self.session = requests.Session()
        self.session.headers.update(
            {"User-Agent": f"kg/{__version__} requests/{requests.__version__}", "Content-Type": "application/json"}
        )
        if config.api_key:
            self.session.headers["Authorization"] = f"Bearer {config.api_key}"
        self.requests_made = 0
        self.retries: list[str] = []

    @property
    def url(self) -> str:
        return f"{self.config.base_url}/chat/completions"

    def recipe(self, vocab: DraftVocabulary | None = None) -> str:
        from kg.draft.schema import vocabulary

        vocab = vocab or vocabulary()
        digest = hashlib.sha256(
            (system_prompt(vocab) + json.dumps(response_schema(vocab), sort_keys=True)).encode("utf-8")
        )
        return f"prompt sha256:{digest.hexdigest()[:16]}"

    def request_body(self, chunk: str, known: list[str], vocab: DraftVocabulary) -> dict:
        user = f"Paragraph:\n{chunk}"
        if known:
            user += (
                "\n\nNames the corpus already knows (use these labels and classes when they are meant):\n"
                + "\n".join(known)
            )
        return {
            "model": self.config.model,
            "messages": [{"role": "system", "content": system_prompt(vocab)}, {"role": "user", "content": user}],
            "temperature": 0,
            "seed": 0,
            "max_tokens": self.config.max_tokens,
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": "kg_draft", "strict": True, "schema": response_schema(vocab)},
            },
        }

    def _safe(self, message: str) -> str:
        key = self.config.api_key
        return message.replace(key, "***") if key else message

    def ask(self, body: dict, where: str) -> ChunkAnswer:
        """POST one request; retry on 429/503 (waiting the longer of Retry-After and a doubling floor,
        ``kg.util.retry`` as every kg client does) and on unusable answers."""

        def attempt() -> ChunkAnswer:
            response = self._post(body, where)
            if response.status_code in (429, 503):
                raise TryAgain(f"HTTP {response.status_code}", retry_after(response.headers.get("Retry-After")))
            if response.status_code != 200:
                status = f"HTTP {response.status_code}{_server_message(response)}"
                raise KgError(self._safe(f"LLM server {self.config.base_url}: {status} ({where})"))
            try:
                return _answer(response)
            except Truncated:
                raise
            except ValueError as exc:
                raise TryAgain(str(exc)) from None

        try:
            return with_retries(
                attempt,
                self.config.max_tries,
                Backoff(self.config.retry_floor),
                self.sleep,
                on_retry=lambda reason: self.retries.append(f"{where}: {reason}; retried"),
            )
        except GaveUp as exc:
            raise KgError(
                self._safe(
                    f"LLM server {self.config.base_url}: gave up after {counted(exc.tries, 'try')} "
                    f"({where}: {exc.reason})"
                )
            ) from None

    def _post(self, body: dict, where: str) -> requests.Response:
        self.requests_made += 1
        try:
            timeouts = (self.config.connect_timeout, self.config.read_timeout)
            return within(
                self.config.connect_timeout + self.config.read_timeout,
                partial(self.session.post, self.url, json=body, timeout=timeouts),
            )
        except (requests.Timeout, DeadlineExceeded):
            raise KgError(
                f"LLM server {self.config.base_url}: no answer within {self.config.read_timeout:g} s ({where})"
            ) from None
        except requests.ConnectionError as exc:
            raise KgError(f"LLM server {self.config.base_url}: cannot connect ({type(exc).__name__})") from None
        except requests.RequestException as exc:
            raise KgError(f"LLM server {self.config.base_url}: request failed ({type(exc).__name__})") from None

    # -- the proposal -----------------------------------------------------------------------------
    def chunks(self, text: str) -> list[tuple[int, int, list[tuple[int, int]]]]:
        """(begin, end, sentences) per request: paragraphs, a heading joined to the next one, long
        paragraphs split between sentences."""
        chunks: list[tuple[int, int, list[tuple[int, int]]]] = []
        pending: int | None = None
        for para in paragraphs(text):
            if para.heading:
                pending = pending or para.begin
                continue
            begin = end = pending if pending is not None else para.begin
            pending = None
            inside: list[tuple[int, int]] = []
            for sb, se in para.sentences:
                if inside and se - begin > MAX_CHUNK:
                    chunks.append((begin, end, inside))
                    begin, end, inside = sb, sb, []
                end = se
                inside.append((sb, se))
            chunks.append((begin, end, inside))
        if pending is not None:
            chunks.append((pending, len(text.rstrip()), []))
        return chunks

    def propose(self, text: str, corpus: KnownNames, vocab: DraftVocabulary) -> Proposal:
        proposal = Proposal(
            [], sections=[TextSpan(p.begin, p.end) for p in paragraphs(text) if p.heading], examples=EXAMPLE_QUOTES
        )
        self.used: set[str] = set()
        self.retries = []
        for n, (begin, end, sentences) in enumerate(self.chunks(text), start=1):
            self._chunk(text, begin, end, sentences, f"paragraph {n}", corpus, vocab, proposal)
        return proposal

    @property
    def events(self) -> list[str]:
        """What happened on the way (retries, split paragraphs), for the report."""
        return list(self.retries)

    def _chunk(self, text, begin, end, sentences, where, corpus, vocab, proposal) -> None:
        chunk = text[begin:end]
        try:
            answer = self.ask(self.request_body(chunk, known_names(chunk, corpus), vocab), where)
        except Truncated:
            if len(sentences) < 2:
                raise KgError(
                    f"LLM server {self.config.base_url}: the answer for {where} was cut off at the token limit "
                    "(finish_reason 'length'); raise KG_LLM_MAX_TOKENS"
                ) from None
            half = len(sentences) // 2
            self.retries.append(f"{where}: answer cut off at the token limit; asked again in two halves")
            for part, label in ((sentences[:half], "a"), (sentences[half:], "b")):
                self._chunk(text, part[0][0], part[-1][1], part, f"{where}{label}", corpus, vocab, proposal)
            return
        proposal.nodes += self._nodes(answer, (begin, end))

    def _nodes(self, answer: ChunkAnswer, within: tuple[int, int]) -> list[DraftNode]:
        """The answer's nodes with ids unique across chunks; the same entity named in two
        paragraphs is merged by grounding (same corpus entity or same name)."""
        local: dict[str, str] = {}
        nodes = []

        def fresh(proposed: str) -> str:
            base, n = proposed or "node", 2
            new = base
            while new in self.used:
                new, n = f"{base}-{n}", n + 1
            self.used.add(new)
            return new

        for item_id in [*(e.id for e in answer.entities), *(c.id for c in answer.claims)]:
            if item_id not in local:
                local[item_id] = fresh(item_id)

        def ref(value: str) -> str:
            return local.get(value, value)

        for entity in answer.entities:
            nodes.append(
                DraftNode(
                    local[entity.id],
                    [entity.cls],
                    entity.label or None,
                    list(entity.aliases),
                    [DraftQuote(m, within=within) for m in entity.mentions],
                )
            )
        for claim in answer.claims:
            props: dict[str, list] = {}
            for role in claim.roles:
                props.setdefault(role.property, []).append(ref(role.value))
            for attribute in claim.attributes:
                value = DraftQuote(attribute.value, within=within) if attribute.property == "quote" else attribute.value
                props.setdefault(attribute.property, []).append(value)
            nodes.append(
                DraftNode(
                    local[claim.id],
                    [claim.cls],
                    claim.label or None,
                    evidence=[DraftQuote(e, within=within) for e in claim.evidence],
                    status=claim.status or None,
                    according_to=ref(claim.according_to) if claim.according_to else None,
                    props=props,
                )
            )
        return nodes


def known_names(chunk: str, corpus: KnownNames) -> list[str]:
    """The corpus names that occur in a chunk, told to the model so that it uses their labels."""
    return sorted(
        {
            f"{k.label} ({'/'.join(k.classes) or 'class unknown'})"
            for k in corpus.known
            if any(whole_word_spans(chunk, name) for name in k.names())
        }
    )


def _server_message(response: requests.Response) -> str:
    try:
        error = response.json().get("error")
        message = error.get("message") if isinstance(error, dict) else error
        return f": {str(message)[:200]}" if message else ""
    except (ValueError, AttributeError):
        return ""


def _answer(response: requests.Response) -> ChunkAnswer:
    """The structured answer in a chat-completions response; ValueError if it is unusable."""
    try:
        body = response.json()
        choice = body["choices"][0]
        content = choice["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError):
        raise ValueError("the response is not a chat completion") from None
    if choice.get("finish_reason") == "length":
        raise Truncated()
    if not isinstance(content, str):
        raise ValueError("the answer has no text content")
    try:
        data = json.loads(content)
    except ValueError:
        raise ValueError("the answer is not valid JSON") from None
    try:
        return ChunkAnswer.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        raise ValueError(
            f"the answer does not fit the schema at {'.'.join(map(str, error['loc']))}: {error['msg']}"
        ) from None
