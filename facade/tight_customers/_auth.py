"""Credentials and the token they yield, as plain state (no I/O).

`StaticToken` is a bearer token given by the caller. `ClientCredentials` obtains tokens from
`POST /v6/auth/token` (the drivers run the request the core builds) and asks for a new one
shortly before the current one expires.
"""

from __future__ import annotations

import base64
from typing import Protocol

from tight_customers._adapter import TOKEN_SCOPES, ParsedToken
from tight_customers._constants import TOKEN_RENEW_FRACTION, TOKEN_RENEW_MARGIN

__all__ = ["Auth", "ClientCredentials", "StaticToken"]


class Auth(Protocol):
    """What the core needs from credentials."""

    @property
    def kind(self) -> str: ...

    @property
    def secrets(self) -> tuple[str, ...]: ...

    def current(self, now: float) -> str | None:
        """A token good to use at `now`, or None when one must be obtained."""


def _nonempty(name: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} must be a non-empty string")
    return value


def _header_safe(name: str, value: object, *, space: bool = False) -> str:
    """`value` if it can travel in an HTTP header; a `ValueError` that never shows it otherwise."""
    value = _nonempty(name, value)
    low = 0x20 if space else 0x21
    for position, char in enumerate(value, 1):
        if not low <= ord(char) <= 0x7E:
            what = "non-ASCII" if ord(char) > 0x7E else "control or whitespace"
            hint = "" if ord(char) > 0x7E else " (a stray newline or tab from a file or a paste?)"
            raise ValueError(
                f"{name} has a {what} character at position {position} of {len(value)}; it "
                f"cannot be sent in an HTTP header{hint}"
            )
    return value


class StaticToken:
    """A bearer token supplied by the caller; it cannot be renewed."""

    __slots__ = ("_token",)
    kind = "token"

    def __init__(self, token: str) -> None:
        self._token = _header_safe("token", token)

    @property
    def secrets(self) -> tuple[str, ...]:
        return (self._token,)

    def current(self, now: float) -> str | None:
        return self._token

    def __repr__(self) -> str:
        return "StaticToken(token=[REDACTED])"


class ClientCredentials:
    """Partner credentials exchanged for tokens at `POST /v6/auth/token`."""

    __slots__ = ("_expires_at", "_token", "client_id", "client_secret", "scope", "user_id")
    kind = "client_credentials"

    def __init__(
        self,
        client_id: str,
        client_secret: str,
        user_id: str | None = None,
        scope: str | None = None,
    ) -> None:
        self.client_id = _header_safe("client_id", client_id, space=True)
        if ":" in self.client_id:
            raise ValueError("client_id cannot contain ':', where HTTP Basic authentication splits")
        self.client_secret = _header_safe("client_secret", client_secret, space=True)
        self.user_id = None if user_id is None else _nonempty("user_id", user_id)
        if scope is not None and scope not in TOKEN_SCOPES:
            raise ValueError(f"scope must be one of {', '.join(TOKEN_SCOPES)}; got {scope!r}")
        self.scope = scope
        self._token: str | None = None
        self._expires_at = 0.0

    @property
    def secrets(self) -> tuple[str, ...]:
        # The id:secret pair is what the Basic header carries (base64); redaction covers its forms.
        pair = f"{self.client_id}:{self.client_secret}"
        return tuple(s for s in (pair, self.client_secret, self._token) if s)

    def basic_authorization(self) -> str:
        """The `Authorization` header value of the token request."""
        raw = f"{self.client_id}:{self.client_secret}".encode()
        return "Basic " + base64.b64encode(raw).decode("ascii")

    def current(self, now: float) -> str | None:
        if self._token is None or now >= self._expires_at:
            return None
        return self._token

    def store(self, token: ParsedToken, now: float) -> str:
        """Keep a new token; it counts as expired `margin` seconds before its real expiry."""
        margin = min(TOKEN_RENEW_MARGIN, token.expires_in * TOKEN_RENEW_FRACTION)
        self._token = token.access_token
        self._expires_at = now + token.expires_in - margin
        return token.access_token

    def invalidate(self, token: str) -> None:
        """Forget `token` if it is still the current one (the server rejected it)."""
        if self._token == token:
            self._token = None

    def __repr__(self) -> str:
        return (
            f"ClientCredentials(client_id={self.client_id!r}, client_secret=[REDACTED], "
            f"user_id={self.user_id!r}, scope={self.scope!r})"
        )
