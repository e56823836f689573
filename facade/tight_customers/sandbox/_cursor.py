"""Opaque, HMAC-signed keyset cursors bound to the query they were issued for."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

__all__ = ["Cursor", "CursorCodec", "InvalidCursorError"]


class InvalidCursorError(ValueError):
    """The cursor was not issued by this sandbox, or was modified."""


@dataclass(frozen=True)
class Cursor:
    """Where a page starts: strictly (or, if `inclusive`, also at) after/before `key`.

    `forward` is True for `cursor.after` (records after `key` in sort order) and False for
    `cursor.before`. `filter` and `descending` are the query the cursor belongs to; `limit` its
    page size, used when the follow-up request sends none.
    """

    forward: bool
    key: tuple[str, str]
    inclusive: bool
    filter: dict[str, Any]
    descending: bool
    limit: int


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class CursorCodec:
    """Encodes cursors as `payload.signature` (base64url JSON, HMAC-SHA256) and checks them."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def _sign(self, payload: bytes) -> bytes:
        return hmac.new(self._secret, payload, hashlib.sha256).digest()

    def encode(self, cursor: Cursor) -> str:
        """The opaque string of `cursor`."""
        payload = json.dumps(
            {
                "v": 1,
                "d": "a" if cursor.forward else "b",
                "k": list(cursor.key),
                "i": cursor.inclusive,
                "f": cursor.filter,
                "s": "DESC" if cursor.descending else "ASC",
                "l": cursor.limit,
            },
            separators=(",", ":"),
            sort_keys=True,
        ).encode("utf-8")
        return f"{_b64(payload)}.{_b64(self._sign(payload))}"

    def decode(self, text: str) -> Cursor:
        """The cursor `text` stands for; InvalidCursorError when it is not one this codec signed."""
        try:
            head, _, tail = text.partition(".")
            payload, signature = _unb64(head), _unb64(tail)
        except (binascii.Error, ValueError):
            raise InvalidCursorError("malformed") from None
        # b64decode skips stray characters and spare bits: only the canonical spelling counts.
        if f"{_b64(payload)}.{_b64(signature)}" != text:
            raise InvalidCursorError("not canonical")
        if not hmac.compare_digest(signature, self._sign(payload)):
            raise InvalidCursorError("bad signature")
        data = json.loads(payload)
        return Cursor(
            forward=data["d"] == "a",
            key=(data["k"][0], data["k"][1]),
            inclusive=bool(data["i"]),
            filter=data["f"],
            descending=data["s"] == "DESC",
            limit=int(data["l"]),
        )
