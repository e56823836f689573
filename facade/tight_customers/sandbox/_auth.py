"""Client credentials and the bearer tokens issued for them."""

from __future__ import annotations

import base64
import binascii
import hmac
import math
import secrets
import threading
import time
from enum import Enum

__all__ = ["TokenCheck", "TokenStore"]


class TokenCheck(Enum):
    """What a bearer token turned out to be."""

    VALID = "valid"
    EXPIRED = "expired"
    UNKNOWN = "unknown"


class TokenStore:
    """Issues tokens for one client and checks them; thread-safe."""

    def __init__(self, client_id: str, client_secret: str, ttl: float) -> None:
        self.client_id = client_id
        self._secret = client_secret
        self.ttl = ttl
        self._expiry: dict[str, float] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"TokenStore(client_id={self.client_id!r}, tokens={len(self._expiry)})"

    def issue(self, ttl: float | None = None) -> tuple[str, int]:
        """A new token and its `expires_in` (whole seconds it is certain to live)."""
        lifetime = self.ttl if ttl is None else ttl
        token = f"tkn_{secrets.token_urlsafe(24)}"
        with self._lock:
            self._expiry[token] = time.monotonic() + lifetime
        return token, max(0, math.floor(lifetime))

    def check(self, token: str) -> TokenCheck:
        """Whether `token` is valid, expired or unknown."""
        with self._lock:
            expiry = self._expiry.get(token)
        if expiry is None:
            return TokenCheck.UNKNOWN
        return TokenCheck.VALID if time.monotonic() < expiry else TokenCheck.EXPIRED

    def expire_all(self) -> None:
        """Make every issued token expired (they then get 401 EXPIRED_TOKEN)."""
        with self._lock:
            for token in self._expiry:
                self._expiry[token] = -math.inf

    def check_basic(self, header: str | None) -> bool:
        """Whether an `Authorization: Basic ...` header carries this client's credentials."""
        if not header or header[:6].lower() != "basic ":
            return False
        try:
            decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
        except (binascii.Error, ValueError):
            return False
        client_id, sep, secret = decoded.partition(":")
        return bool(sep) & hmac.compare_digest(
            f"{client_id}:{secret}".encode(), f"{self.client_id}:{self._secret}".encode()
        )
