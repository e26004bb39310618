"""Keep credentials out of everything kg prints.

A user may write a password into a URL (``http://bob:secret@host/sparql``) or a token into its query
(``?access_token=...``); requests accepts both, and every message that echoes the URL would then leak
it to a terminal, a CI log or a bug report. Messages show ``***`` instead.
"""

import re

# scheme://userinfo@ : the userinfo runs to the last '@' before the path, query or fragment
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://)[^/?#\s@]*(?:@[^/?#\s@]*)*@")
_SECRET_PARAM = re.compile(
    r"(?i)([?&;][^=&#\s]*(?:token|key|pass|pwd|secret|auth|signature|sig|credential)[^=&#\s]*=)[^&#\s]*"
)


def redact_url(url: str) -> str:
    """``url`` with its userinfo and secret-looking query values replaced by ``***``."""
    return redact_text(str(url))


def redact_text(text: str) -> str:
    """Every URL inside ``text`` redacted as ``redact_url`` does."""
    text = _USERINFO.sub(r"\1***@", text)
    return _SECRET_PARAM.sub(r"\1***", text)
