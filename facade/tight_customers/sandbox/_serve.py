"""`serve()`: the sandbox in the foreground, for `python -m tight_customers.sandbox` and the CLI."""

from __future__ import annotations

import os
import time

import uvicorn

from tight_customers.sandbox._middleware import install_log_filter
from tight_customers.sandbox._protocol import DEFAULT_HEADER_TIMEOUT, DEFAULT_KEEP_ALIVE_TIMEOUT
from tight_customers.sandbox._server import DEVELOPMENT_CURSOR_KEY, Sandbox, bind_socket

__all__ = ["DEFAULT_CLIENT_ID", "DEFAULT_CLIENT_SECRET", "serve"]

# Well-known development credentials (like LocalStack's "test"/"test"): not secrets, they only
# open a local emulator. Override with --client-id/--client-secret or TIGHT_CLIENT_ID/SECRET.
DEFAULT_CLIENT_ID = "sandbox-client"
DEFAULT_CLIENT_SECRET = "sandbox-secret"


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    customers: int = 1000,
    seed: int = 0,
    *,
    db_path: str | os.PathLike[str] | None = None,
    client_id: str | None = None,
    client_secret: str | None = None,
    token_ttl: float = 3600.0,
    rate_limit: int = 1000,
    rate_window: float = 300.0,
    access_log: bool = False,
    header_timeout: float = DEFAULT_HEADER_TIMEOUT,
    keep_alive_timeout: int = DEFAULT_KEEP_ALIVE_TIMEOUT,
) -> None:
    """Generate (or open) the data and serve it on host:port until interrupted."""
    started = time.perf_counter()
    client_id = client_id or os.environ.get("TIGHT_CLIENT_ID") or DEFAULT_CLIENT_ID
    secret_given = bool(client_secret or os.environ.get("TIGHT_CLIENT_SECRET"))
    client_secret = client_secret or os.environ.get("TIGHT_CLIENT_SECRET") or DEFAULT_CLIENT_SECRET
    sandbox = Sandbox(
        customers,
        seed,
        db_path=db_path,
        token_ttl=token_ttl,
        rate_limit=rate_limit,
        rate_window=rate_window,
        host=host,
        port=port,
        client_id=client_id,
        client_secret=client_secret,
        cursor_key=DEVELOPMENT_CURSOR_KEY,
        header_timeout=header_timeout,
        keep_alive_timeout=keep_alive_timeout,
    )
    loaded = time.perf_counter() - started
    install_log_filter()
    sock = bind_socket(host, port)
    bound = sock.getsockname()[1]
    secret = "<the secret you set>" if secret_given else client_secret
    url = f"http://{host}:{bound}"
    print(
        f"# Tight sandbox: {sandbox.customer_count()} customers (seed {seed}), ready in "
        f"{loaded:.1f} s. Paste into another shell:\n"
        f"export TIGHT_BASE_URL={url} TIGHT_API_TOKEN={sandbox.issue_token()}\n"
        f"# The token lives {token_ttl:g} s. For tokens fetched and renewed by the client:\n"
        f"# export TIGHT_BASE_URL={url} TIGHT_CLIENT_ID={client_id} "
        f"TIGHT_CLIENT_SECRET={secret}; unset TIGHT_API_TOKEN\n"
        "# Ctrl-C stops it.",
        flush=True,
    )
    config = uvicorn.Config(
        sandbox.app,
        log_level="info" if access_log else "warning",
        access_log=access_log,
        lifespan="off",
        http=sandbox.http_protocol,
        timeout_keep_alive=keep_alive_timeout,
        server_header=False,
    )
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
