"""How the sandbox answers where Tight's documentation leaves room: the inferred semantics of
openapi.yaml by default, or a deliberate variation of them to rehearse an API change."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tight_customers.sandbox._query import DEFAULT_LIMIT, MAX_LIMIT

__all__ = ["Behaviour", "ErrorParamStripper"]


@dataclass(frozen=True)
class Behaviour:
    """The semantics the sandbox implements. The defaults are those openapi.yaml marks
    **(inferred)**; each other value emulates an API that decided differently, for rehearsing
    how your code (or `tight-customers probe`) copes with such a change.

    - `default_page_size`: customers per page when the request has no `limit` (spec: 100).
    - `max_page_size`: the largest `limit` accepted; above it, 400 `INVALID_VALUE` (spec: 1000).
    - `contain_ignores_case`: `contain` is a case-insensitive substring test (spec: True);
      False makes it case-sensitive.
    - `order_ignores_case`: False (spec) orders names by code point; True orders the
      customers of each page by case-folded name, then id. Which customers fall on which page
      (and the range operators) stay in code-point order: enough for a client that checks the
      order it reads, not a full case-insensitive collation.
    - `before_cursors`: pages carry `cursor.before` (spec: True); False never sends one, as
      an API without backward paging would.
    - `error_params`: error items name the request field in `param` (spec: True); False
      leaves `param` out of every error item.
    """

    default_page_size: int = DEFAULT_LIMIT
    max_page_size: int = MAX_LIMIT
    contain_ignores_case: bool = True
    order_ignores_case: bool = False
    before_cursors: bool = True
    error_params: bool = True

    def __post_init__(self) -> None:
        for name in ("default_page_size", "max_page_size"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"Behaviour.{name} must be an int >= 1, got {value!r}")
        if self.default_page_size > self.max_page_size:
            raise ValueError(
                f"Behaviour.default_page_size ({self.default_page_size}) must not exceed "
                f"max_page_size ({self.max_page_size})"
            )


def order_page_case_insensitively(docs: list[bytes], descending: bool) -> list[bytes]:
    """The JSON texts (UTF-8) of a page ordered by (case-folded name, id)."""

    def key(doc: bytes) -> tuple[str, str]:
        loaded: dict[str, Any] = json.loads(doc)
        return (str(loaded["name"]).casefold(), str(loaded["id"]))

    return sorted(docs, key=key, reverse=descending)


class ErrorParamStripper:
    """ASGI middleware leaving `param` out of the error items of every error envelope."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start" and message["status"] >= 400:
                start = message
                return
            if start is None:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                body = _without_params(b"".join(chunks))
                headers = [
                    (k, str(len(body)).encode() if k.lower() == b"content-length" else v)
                    for k, v in start.get("headers", [])
                ]
                await send({**start, "headers": headers})
                await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, capture)


def _without_params(body: bytes) -> bytes:
    try:
        loaded = json.loads(body)
    except ValueError:
        return body
    if not isinstance(loaded, dict) or not isinstance(loaded.get("error"), list):
        return body
    for item in loaded["error"]:
        if isinstance(item, dict):
            item.pop("param", None)
    return json.dumps(loaded).encode("ascii")
