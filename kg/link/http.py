"""The one HTTP client for Wikidata: polite, serial, cached, and clear when something goes wrong.

Etiquette (https://www.mediawiki.org/wiki/API:Etiquette): a descriptive User-Agent with a contact,
``maxlag=5`` on every action-API call, one request in flight, gzip, and on ``maxlag``/429/503 a wait
(``kg.util.retry``: the longer of Retry-After and a doubling floor, with jitter) before a bounded number
of retries.
"""

import json
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg import __version__
from kg.core.errors import KgError
from kg.link.cache import Cache, request_key
from kg.util import env
from kg.util.deadline import DeadlineExceeded, within
from kg.util.redact import redact_url
from kg.util.retry import Backoff, GaveUp, TryAgain, retry_after, with_retries

if TYPE_CHECKING:  # annotations only: requests is imported where a request is made
    import requests

DEFAULT_API = "https://www.wikidata.org/w/api.php"
DEFAULT_CONTACT = "https://w3id.org/diplokg"


class WikidataError(KgError):
    """Wikidata could not be asked or answered badly; the message says which.

    ``unavailable`` is True when the service itself failed (network, timeouts, HTTP errors, error
    pages, retries exhausted): the linker then stops asking. An API error about one request (bad
    parameter, unknown id) leaves it False: that entity stays unlinked and linking goes on.
    """

    def __init__(self, message: str, unavailable: bool = True):
        super().__init__(message)
        self.unavailable = unavailable


class Offline(Exception):
    """The answer is not in the cache and the network may not be used."""


@dataclass
class ClientConfig:
    api_url: str = DEFAULT_API
    contact: str = DEFAULT_CONTACT
    connect_timeout: float = 5.0
    read_timeout: float = 30.0
    max_tries: int = 4
    # the longest Retry-After kg waits for here; a longer one ends linking (cache and pins only) instead
    # of a silent wait of up to 4 times kg.util.retry.MAX_RETRY_AFTER
    max_wait: float = 60.0
    retry_floor: float = field(default_factory=lambda: env.retry_floor("KG_RETRY_FLOOR", 5.0))
    offline: bool = False


def user_agent(contact: str) -> str:
    import requests  # here: a build that links from the cache alone never needs requests (0.1 s to import)

    return f"kg/{__version__} ({contact}) requests/{requests.__version__}"


class WikidataClient:
    def __init__(self, config: ClientConfig, cache: Cache | None = None, sleep=time.sleep):
        self.config = config
        self.cache = cache
        self.sleep = sleep
        self.requests_made = 0  # requests Wikidata answered with JSON (an answer or an API error)
        self.requests_failed = 0  # requests with no usable answer (refused, timed out, HTTP error, HTML, throttled)
        self._lock = threading.Lock()  # one request in flight
        # request keys (kg.link.cache.request_key) asked inside ``recording``: answered from the cache,
        # fetched, or missing
        self.reads: set[str] | None = None
        self._session = None  # made on the first request: a build from the cache alone never imports requests

    @property
    def session(self):
        if self._session is None:
            import requests

            self._session = requests.Session()
            self._session.headers.update(
                {"User-Agent": user_agent(self.config.contact), "Accept-Encoding": "gzip", "Accept": "application/json"}
            )
        return self._session

    @session.setter
    def session(self, value) -> None:
        self._session = value

    @contextmanager
    def recording(self):
        """The requests asked within the block (a set, filled as they are asked). A recording inside
        another adds its requests to the outer one too."""
        outer, self.reads = self.reads, set()
        try:
            yield self.reads
        finally:
            made, self.reads = self.reads, outer
            if outer is not None:
                outer.update(made)

    def note(self, requests) -> None:
        """Requests answered from somewhere else (kg.link.linker keeps answers in memory) count as asked."""
        if self.reads is not None:
            self.reads.update(requests)

    def get(self, params: dict) -> dict:
        """GET the action API with ``params``; answer from the cache when it can."""
        params = dict(params, format="json")
        if self.reads is not None:
            self.reads.add(request_key(params))
        if self.cache is not None:
            cached = self.cache.get(params)
            if cached is not None and _unexpected(params.get("action"), cached) is None:
                return cached
        if self.config.offline:
            raise Offline(params.get("action", "request"))
        body = self._fetch(dict(params, maxlag=5))
        if self.cache is not None:
            self.cache.put(params, body)
        return body

    def _fetch(self, params: dict) -> dict:
        backoff = Backoff(self.config.retry_floor, jitter=0.25)
        try:
            return with_retries(lambda: self._try(params), self.config.max_tries, backoff, self.sleep)
        except GaveUp as exc:
            raise WikidataError(f"Wikidata {params.get('action', 'request')}: {exc}") from None

    def _try(self, params: dict) -> dict:
        """One request: the answer, or ``TryAgain`` when Wikidata asks for patience (429, 503, maxlag)."""
        import requests

        action = params.get("action", "request")
        timeouts = (self.config.connect_timeout, self.config.read_timeout)
        with self._lock:
            try:
                response = within(
                    sum(timeouts), lambda: self.session.get(self.config.api_url, params=params, timeout=timeouts)
                )
            except (requests.RequestException, DeadlineExceeded) as exc:
                self.requests_failed += 1
                raise _unanswered(exc, action, self.config) from None
        asked = retry_after(response.headers.get("Retry-After"))
        if response.status_code in (429, 503):
            self.requests_failed += 1
            self._patient(action, f"HTTP {response.status_code}", response)
            raise TryAgain(f"HTTP {response.status_code}", asked)
        try:
            body = self._decode(response, action)
            error = body.get("error")
            unexpected = None if error else _unexpected(action, body)
            if unexpected is not None:  # JSON, but not the action API's answer: no answer, never cached
                raise WikidataError(f"Wikidata {action}: {unexpected} from {redact_url(self.config.api_url)}")
        except WikidataError:  # an error page or an HTTP error is no answer
            self.requests_failed += 1
            raise
        self.requests_made += 1
        if error and error.get("code") == "maxlag":
            self._patient(action, "maxlag", response)
            raise TryAgain("maxlag", asked)
        if error:
            raise WikidataError(
                f"Wikidata {action}: API error {error.get('code')}: {error.get('info', '')}", unavailable=False
            )
        return body

    def _patient(self, action: str, reason: str, response: "requests.Response") -> None:
        """Refuse to wait when the service asks for longer than ``max_wait``: a user watching a build
        would see nothing for many minutes (a proxy that answers 429 may ask for hours)."""
        header = response.headers.get("Retry-After")
        asked = retry_after(header)
        if asked is not None and asked > self.config.max_wait:
            raise WikidataError(
                f"Wikidata {action}: {reason} with Retry-After {' '.join(str(header).split())[:40]}; "
                f"kg waits at most {self.config.max_wait:g} s"
            )

    def _decode(self, response: "requests.Response", action: str):
        if response.status_code != 200:
            raise WikidataError(
                f"Wikidata {action}: HTTP {response.status_code} from {redact_url(self.config.api_url)}"
            )
        try:
            body = response.json()
        except (ValueError, json.JSONDecodeError):
            kind = "an HTML page" if "html" in response.headers.get("Content-Type", "") else "malformed JSON"
            raise WikidataError(f"Wikidata {action}: answer is {kind}, not JSON") from None
        if not isinstance(body, dict):
            raise WikidataError(f"Wikidata {action}: answer is not a JSON object")
        return body


# The member each action's answer must have, and its JSON type (kg.link.wikidata reads nothing else first)
_ANSWER_SHAPES = {"wbsearchentities": ("search", list, "list"), "wbgetentities": ("entities", dict, "object")}


def _unexpected(action, body) -> str | None:
    """What is wrong with the form of an answer that is a JSON object but not the action API's answer
    to ``action`` (a server of another kind, a proxy's JSON error), or None. Such an answer was cached and
    then read as "no candidates" by every later build, even after the server was put right."""
    if action not in _ANSWER_SHAPES:
        return None
    member, kind, name = _ANSWER_SHAPES[action]
    if not isinstance(body, dict) or not isinstance(body.get(member), kind):
        return f"answer has no '{member}' {name} (not a MediaWiki action API answer)"
    return None


def _unanswered(exc: Exception, action: str, config: ClientConfig) -> WikidataError:
    import requests

    url = redact_url(config.api_url)
    if isinstance(exc, DeadlineExceeded):
        limit = config.connect_timeout + config.read_timeout
        return WikidataError(f"Wikidata {action}: no complete answer within {limit:g} s from {url}")
    if isinstance(exc, requests.Timeout):
        return WikidataError(f"Wikidata {action}: no answer within {config.read_timeout:g} s from {url}")
    if isinstance(exc, requests.ConnectionError):
        return WikidataError(f"Wikidata {action}: cannot connect to {url} ({type(exc).__name__})")
    return WikidataError(f"Wikidata {action}: request failed ({type(exc).__name__})")
