"""Keep secrets out of exception messages, excerpts and logs.

A server may echo a secret back in any encoding it likes, so each known secret is matched as a
pattern in which every character may appear raw, percent-encoded, JSON-escaped (`\\/`,
`\\u002f`) or HTML-escaped (`&#47;`, `&amp;`), and whole as base64. Credential-looking values
(`Bearer ...`, `"token": "..."`) are redacted whatever they are.
"""

from __future__ import annotations

import base64
import functools
import re
from collections.abc import Iterable, Mapping

from tight_customers._constants import BODY_EXCERPT_CHARS

__all__ = ["REDACTED", "excerpt", "is_credential_name", "one_line", "redact", "redact_headers"]

REDACTED = "[REDACTED]"

# Things that look like credentials whatever their value: bearer/basic headers and token fields.
_PATTERNS = (
    re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+"),
    re.compile(
        r"(?i)(\"?(?:access_token|refresh_token|client_secret|password|token)\"?\s*[:=]\s*\"?)"
        r"[^\"&\s,}]+"
    ),
)

_CREDENTIAL_NAMES = frozenset(
    {"access_token", "refresh_token", "client_secret", "password", "token", "authorization"}
)


def is_credential_name(name: str) -> bool:
    """True for a JSON member or header whose value is a credential whatever it looks like."""
    return name.lower() in _CREDENTIAL_NAMES


# Named HTML entities a server may use for the characters that have them.
_HTML_NAMES = {"&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos"}


def _char_forms(char: str) -> str:
    """A regex matching `char` raw or in any of the escapes servers apply to it."""
    code = ord(char)
    forms = [
        re.escape(char),
        f"(?i:%{code:02x})",
        f"(?i:\\\\u{code:04x})",
        f"&#0*{code};",
        f"(?i:&#x0*{code:x};)",
    ]
    if char in "/\"\\'":
        forms.append(re.escape("\\" + char))
    if char == " ":
        forms.append(r"\+")
    if char in _HTML_NAMES:
        forms.append(f"&{_HTML_NAMES[char]};")
    return "(?:" + "|".join(forms) + ")"


def _base64_forms(secret: str) -> list[str]:
    raw = secret.encode("utf-8")
    forms = {base64.b64encode(raw).decode("ascii"), base64.urlsafe_b64encode(raw).decode("ascii")}
    return [re.escape(f) for f in sorted(forms | {f.rstrip("=") for f in forms}, key=len)[::-1]]


@functools.lru_cache(maxsize=64)
def _secret_pattern(secrets: tuple[str, ...]) -> re.Pattern[str] | None:
    alternatives: list[str] = []
    # Longest first, so a secret that contains another is replaced whole.
    for secret in sorted(set(secrets), key=len, reverse=True):
        alternatives += _base64_forms(secret)
        alternatives.append("".join(_char_forms(c) for c in secret))
    return re.compile("|".join(alternatives)) if alternatives else None


def longest_form(secrets: Iterable[str]) -> int:
    """The most characters an encoded form of any of `secrets` can take (`%XX` per byte)."""
    return max((len(s.encode("utf-8")) * 8 for s in secrets if s), default=0)


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """`text` with every known secret (in any encoding) and credential-looking value replaced."""
    pattern = _secret_pattern(tuple(s for s in secrets if s))
    if pattern is not None:
        text = pattern.sub(REDACTED, text)
    text = _PATTERNS[0].sub(lambda m: f"{m.group(1)} {REDACTED}", text)
    return _PATTERNS[1].sub(lambda m: f"{m.group(1)}{REDACTED}", text)


def redact_headers(headers: Mapping[str, str], secrets: Iterable[str] = ()) -> dict[str, str]:
    """A copy of `headers` with credentials and secrets redacted from every value."""
    secrets = tuple(secrets)
    shown: dict[str, str] = {}
    for name, value in headers.items():
        if name.lower() in ("authorization", "proxy-authorization", "cookie", "set-cookie"):
            shown[name] = REDACTED
        else:
            shown[name] = redact(value, secrets)
    return shown


def one_line(text: str) -> str:
    """`text` with every run of whitespace (newlines included) collapsed to one space."""
    return " ".join(text.split())


def excerpt(content: bytes, secrets: Iterable[str] = (), limit: int = BODY_EXCERPT_CHARS) -> str:
    """A short, single-line, secret-free excerpt of a response body, for error messages.

    Redaction runs on the raw text before whitespace is collapsed and before the cut, and the
    last characters of a window that ends mid-body are dropped, since they may hold the start of
    a secret whose end lies beyond the window.
    """
    secrets = tuple(secrets)
    window = limit * 4 + longest_form(secrets)
    text = content[:window].decode("utf-8", errors="replace")
    cut = len(content) > window
    text = redact(text, secrets)
    if cut:
        text = text[: max(len(text) - longest_form(secrets), 0)]
    text = one_line(text)
    if cut or len(text) > limit:
        text = text[: limit - 1] + "…"
    return text
