"""URLs the user gives (a store's endpoint, the Wikidata API): checked once, up front, in one line."""

import re
from urllib.parse import urlparse

from kg.core.errors import KgError
from kg.util.redact import redact_url


def check_http_url(url: str, what: str) -> None:
    """An http(s) URL that the URL parser reads: a bracket left open or a port past 65535 is refused
    here, in one line, not when the first request is made (or, for Wikidata, taken for an outage)."""
    if not re.match(r"^https?://[^/\s]+", url or ""):
        raise KgError(f"{what} '{redact_url(url)}' is not an http(s) URL")
    try:
        _ = urlparse(url).port  # reading it checks the brackets of the host and the port
    except ValueError as exc:
        raise KgError(f"{what} '{redact_url(url)}' is not a valid URL ({redact_url(str(exc))})") from None
