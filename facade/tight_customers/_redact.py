"""Keep secrets out of exception messages, excerpts and logs."""

from __future__ import annotations

import re
from collections.abc import Iterable

from tight_customers._constants import BODY_EXCERPT_CHARS

REDACTED = "[REDACTED]"

# Things that look like credentials whatever their value: bearer/basic headers and token fields.
_PATTERNS = (
    re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+"),
    re.compile(
        r"(?i)(\"?(?:access_token|refresh_token|client_secret|password|token)\"?\s*[:=]\s*\"?)"
        r"[^\"&\s,}]+"
    ),
)


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """`text` with every known secret and every credential-looking value replaced."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    text = _PATTERNS[0].sub(lambda m: f"{m.group(1)} {REDACTED}", text)
    return _PATTERNS[1].sub(lambda m: f"{m.group(1)}{REDACTED}", text)


def one_line(text: str) -> str:
    """`text` with every run of whitespace (newlines included) collapsed to one space."""
    return " ".join(text.split())


def excerpt(content: bytes, secrets: Iterable[str] = (), limit: int = BODY_EXCERPT_CHARS) -> str:
    """A short, single-line, secret-free excerpt of a response body, for error messages."""
    # Decode a little more than needed so redaction sees whole tokens at the cut.
    text = one_line(content[: limit * 4].decode("utf-8", errors="replace"))
    text = redact(text, secrets)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text
