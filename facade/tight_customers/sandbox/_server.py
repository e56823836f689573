"""`Sandbox`: the emulator served by uvicorn in a background thread, plus test helpers."""

from __future__ import annotations

import json
import os
import secrets
import socket
import threading
import time
from types import TracebackType
from typing import Any

import uvicorn
from starlette.applications import Starlette

from tight_customers.sandbox._app import SandboxState, build_app
from tight_customers.sandbox._auth import TokenStore
from tight_customers.sandbox._behaviour import Behaviour
from tight_customers.sandbox._cursor import CursorCodec
from tight_customers.sandbox._data import generate_customers
from tight_customers.sandbox._faults import FaultPicker, Faults
from tight_customers.sandbox._middleware import RequestLog, install_log_filter
from tight_customers.sandbox._protocol import (
    DEFAULT_HEADER_TIMEOUT,
    DEFAULT_KEEP_ALIVE_TIMEOUT,
    timed_protocol,
)
from tight_customers.sandbox._ratelimit import RateLimiter
from tight_customers.sandbox._store import Store, now_rfc3339

__all__ = ["Sandbox", "bind_socket", "check_customer"]

_START_TIMEOUT = 10.0
# A well-known key (not a secret: it only signs a local emulator's cursors), so that a cursor one
# run of the development sandbox printed is accepted by the next run serving the same data.
DEVELOPMENT_CURSOR_KEY = b"tight-sandbox-development-cursor-key"
_STOP_TIMEOUT = 3.0


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening TCP socket on host:port (port 0: a free one the OS picks)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # An explicit IPPROTO_TCP lets asyncio set TCP_NODELAY on accepted connections; without it
    # Nagle's algorithm meets delayed ACKs and small responses wait ~40 ms.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    return sock


def check_customer(doc: Any) -> dict[str, Any]:
    """A copy of `doc` if it can be stored as a customer (string id, name, status); else ValueError.

    Only what the server relies on is checked; the rest of the wire format is the caller's.
    """
    if not isinstance(doc, dict):
        raise ValueError("a customer is a dict")
    for key in ("id", "name", "status"):
        if not isinstance(doc.get(key), str):
            raise ValueError(f"a customer needs a string {key!r}")
    if not doc["id"]:
        raise ValueError("a customer id must not be empty")
    if _nesting_exceeds(doc, MAX_NESTING):
        raise ValueError(
            f"customer {doc['id']!r} is nested deeper than {MAX_NESTING} levels, "
            "more than the sandbox can serialize"
        )
    return dict(doc)  # the store serializes it, and refuses what JSON cannot hold


# JSON encoding in the standard library recurses; stay well inside the interpreter's limit.
MAX_NESTING = 500


def _nesting_exceeds(doc: Any, limit: int) -> bool:
    """True when `doc` holds containers more than `limit` levels deep (checked iteratively)."""
    stack: list[tuple[Any, int]] = [(doc, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            return True
        # Exact types keep this cheap on bulk loads (3x faster than isinstance); JSON decoding
        # and the generator produce nothing else.
        for child in value.values() if type(value) is dict else value:
            if type(child) is dict or type(child) is list:
                stack.append((child, depth + 1))
    return False


class Sandbox:
    """A local Tight API (customers, query, get, token) over SQLite, for tests and development.

    `with Sandbox(customers=1000, seed=0) as sb:` serves `sb.url` on 127.0.0.1 from a
    background thread; `sb.app` is the ASGI app for in-process use without starting. The data is
    `generate_customers(customers, seed)` unless `data` is given; with `db_path`, a database
    file that already holds customers is served as it is. Cursors are signed with a random key,
    or with `cursor_key` (e.g. `DEVELOPMENT_CURSOR_KEY`), which keeps them valid across runs
    that serve the same data.

    `behaviour` chooses the semantics the docs leave open (see `Behaviour`): by default those
    openapi.yaml marks (inferred); e.g. `Behaviour(max_page_size=500)` rehearses an API that
    caps pages at 500.

    Like a real server it closes connections that are idle or slow: one that has not sent a
    request's complete headers `header_timeout` seconds after opening (or after the previous
    response), and a keep-alive connection idle for `keep_alive_timeout` whole seconds.
    """

    def __init__(
        self,
        customers: int = 1000,
        seed: int = 0,
        *,
        db_path: str | os.PathLike[str] | None = None,
        token_ttl: float = 3600.0,
        rate_limit: int = 1000,
        rate_window: float = 300.0,
        faults: Faults | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        data: list[dict[str, Any]] | None = None,
        client_id: str | None = None,
        client_secret: str | None = None,
        behaviour: Behaviour | None = None,
        cursor_key: bytes | None = None,
        header_timeout: float = DEFAULT_HEADER_TIMEOUT,
        keep_alive_timeout: int = DEFAULT_KEEP_ALIVE_TIMEOUT,
    ) -> None:
        self.host = host
        self.http_protocol = timed_protocol(header_timeout)
        if isinstance(keep_alive_timeout, bool) or not isinstance(keep_alive_timeout, int):
            raise TypeError(f"keep_alive_timeout must be whole seconds, not {keep_alive_timeout!r}")
        self.keep_alive_timeout = keep_alive_timeout
        self._port = port
        self._store = Store(db_path)
        if data is not None:
            self._store.replace_all([check_customer(d) for d in data])
        elif db_path is None or self._store.count() == 0:
            self._store.replace_all(generate_customers(customers, seed))
        else:
            self._store.ensure_indexes()
        self.client_id = client_id or f"sandbox_{secrets.token_hex(4)}"
        self.client_secret = client_secret or secrets.token_urlsafe(24)
        self._state = SandboxState(
            store=self._store,
            tokens=TokenStore(self.client_id, self.client_secret, token_ttl),
            limiter=RateLimiter(rate_limit, rate_window),
            codec=CursorCodec(cursor_key or secrets.token_bytes(32)),
            picker=FaultPicker(faults if faults is not None else Faults()),
            log=RequestLog(),
            behaviour=behaviour or Behaviour(),
        )
        self.app: Starlette = build_app(self._state)
        self.token: str = self.issue_token()
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        where = self.url if self.running else "not running"
        return f"<Sandbox {where} customers={self.customer_count()}>"

    # ------------------------------------------------------------------ lifecycle

    @property
    def running(self) -> bool:
        """Whether the HTTP server is serving."""
        return self._thread is not None and self._thread.is_alive()

    @property
    def port(self) -> int:
        """The bound port (after start()); the requested one before."""
        if self._socket is not None:
            return int(self._socket.getsockname()[1])
        return self._port

    @property
    def url(self) -> str:
        """The base URL, e.g. http://127.0.0.1:54321 (RuntimeError before start())."""
        if self._socket is None:
            raise RuntimeError("the sandbox is not started; use start() or `with Sandbox()`")
        return f"http://{self.host}:{self.port}"

    def start(self) -> Sandbox:
        """Serve on `host`:`port` (a free port when 0) from a daemon thread; returns self."""
        with self._lock:
            if self._thread is not None:
                return self
            install_log_filter()
            sock = bind_socket(self.host, self._port)
            config = uvicorn.Config(
                self.app,
                log_level="warning",
                access_log=False,
                lifespan="off",
                loop="asyncio",
                http=self.http_protocol,
                timeout_keep_alive=self.keep_alive_timeout,
                timeout_graceful_shutdown=1,
                server_header=False,
            )
            server = uvicorn.Server(config)
            thread = threading.Thread(
                target=server.run, kwargs={"sockets": [sock]}, name="tight-sandbox", daemon=True
            )
            self._server, self._socket, self._thread = server, sock, thread
            thread.start()
            deadline = time.monotonic() + _START_TIMEOUT
            while not server.started:
                if not thread.is_alive() or time.monotonic() > deadline:
                    self._stop_locked()
                    raise RuntimeError("the sandbox server did not start")
                time.sleep(0.01)
            self.token = self.issue_token()
            return self

    def stop(self) -> None:
        """Stop serving (within a few seconds); safe to call more than once."""
        with self._lock:
            self._stop_locked()

    def _stop_locked(self) -> None:
        server, thread, sock = self._server, self._thread, self._socket
        if server is not None and thread is not None:
            server.should_exit = True
            thread.join(_STOP_TIMEOUT)
            if thread.is_alive():
                server.force_exit = True
                thread.join(_STOP_TIMEOUT)
        if sock is not None:
            sock.close()
        self._server = self._thread = self._socket = None

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # ------------------------------------------------------------------ settings

    @property
    def faults(self) -> Faults:
        """The live fault configuration; change its attributes at any time."""
        return self._state.picker.faults

    @faults.setter
    def faults(self, value: Faults) -> None:
        self._state.picker.faults = value

    def enqueue_faults(self, *actions: int | str) -> None:
        """Faults for the next requests to /v6/customers/*, one each, in order.

        An action is an HTTP status (answered with the error envelope; 429 with Retry-After),
        "429-no-retry-after", "drop", "truncate", "html502" or "delay:SECONDS".
        """
        self._state.picker.enqueue(*actions)

    def clear_faults(self) -> None:
        """Forget queued faults and switch the random ones off."""
        self._state.picker.clear()
        self._state.picker.faults = Faults()

    @property
    def behaviour(self) -> Behaviour:
        """The semantics this sandbox implements (fixed when it is created)."""
        return self._state.behaviour

    @property
    def request_log(self) -> RequestLog:
        """Every request received, oldest first (Authorization headers left out)."""
        return self._state.log

    @property
    def rate_limit(self) -> int:
        """Requests allowed per token per `rate_window` seconds."""
        return self._state.limiter.limit

    @rate_limit.setter
    def rate_limit(self, value: int) -> None:
        self._state.limiter.limit = value

    @property
    def rate_window(self) -> float:
        """The rate-limit window in seconds."""
        return self._state.limiter.window

    @rate_window.setter
    def rate_window(self, value: float) -> None:
        self._state.limiter.window = value

    def reset_rate_limit(self) -> None:
        """Forget the requests counted so far."""
        self._state.limiter.reset()

    @property
    def token_ttl(self) -> float:
        """Lifetime of newly issued tokens, in seconds."""
        return self._state.tokens.ttl

    @token_ttl.setter
    def token_ttl(self, value: float) -> None:
        self._state.tokens.ttl = value

    # ------------------------------------------------------------------ tokens

    def issue_token(self, ttl: float | None = None) -> str:
        """A new valid bearer token living `ttl` seconds (default: `token_ttl`)."""
        token, _ = self._state.tokens.issue(ttl)
        return token

    def expire_all_tokens(self) -> None:
        """Expire every token issued so far (including `token`)."""
        self._state.tokens.expire_all()

    # ------------------------------------------------------------------ data

    def customers(self) -> list[dict[str, Any]]:
        """The current dataset in wire format, NAME ASC then id ASC."""
        return [json.loads(doc) for doc in self._store.all_docs()]

    def customer_count(self) -> int:
        """How many customers the sandbox holds."""
        return self._store.count()

    def get_customer(self, cid: str) -> dict[str, Any]:
        """One customer in wire format (KeyError when unknown)."""
        doc = self._store.get_doc(cid)
        if doc is None:
            raise KeyError(cid)
        loaded: dict[str, Any] = json.loads(doc)
        return loaded

    def replace_customers(self, customers: list[dict[str, Any]]) -> None:
        """Replace the whole dataset (wire dicts with string id, name and status)."""
        self._store.replace_all([check_customer(c) for c in customers])

    def insert_customer(self, customer: dict[str, Any]) -> dict[str, Any]:
        """Add a customer; `id`, `status` (ACTIVE) and `createdDateTime` are filled if absent."""
        doc = dict(customer)
        doc.setdefault("id", self._store.new_id())
        doc.setdefault("status", "ACTIVE")
        doc.setdefault("createdDateTime", now_rfc3339())
        checked = check_customer(doc)
        self._store.insert(checked)
        return self.get_customer(checked["id"])

    def update_customer(self, customer_id: str, **fields: Any) -> dict[str, Any]:
        """Change wire fields of a customer (KeyError when unknown); returns the new version."""
        if "id" in fields and fields["id"] != customer_id:
            raise ValueError("a customer's id cannot change")
        doc = self.get_customer(customer_id)
        doc.update(fields)
        checked = check_customer(doc)
        self._store.replace(checked)
        return self.get_customer(customer_id)

    def delete_customer(self, customer_id: str) -> None:
        """Remove a customer (KeyError when unknown)."""
        self._store.delete(customer_id)
