"""What every command shares: the global settings, the client they open, and how errors end a
command (one line per error on stderr; exit code 1 for API and network errors, 2 for usage)."""

from __future__ import annotations

import os
import traceback
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any, NoReturn

import typer
from rich.console import Console

from tight_customers import APIError, TightClient, TightError
from tight_customers._constants import (
    DEFAULT_BASE_URL,
    ENV_BASE_URL,
    ENV_CLIENT_ID,
    ENV_CLIENT_SECRET,
    ENV_TOKEN,
)

EXIT_API_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

stderr = Console(stderr=True, highlight=False)


@dataclass
class Settings:
    """The global options: where to connect and how to report."""

    base_url: str | None = None
    token: str | None = None
    client_id: str | None = None
    client_secret: str | None = None
    user_id: str | None = None
    sandbox: bool = False
    sandbox_customers: int = 2000
    sandbox_seed: int = 0
    debug: bool = False
    quiet: bool = False
    max_retries: int = 2
    allow_insecure_http: bool = False

    def client_options(self) -> dict[str, Any]:
        """The TightClient options these settings choose."""
        return {"max_retries": self.max_retries, "allow_insecure_http": self.allow_insecure_http}


MISSING_CREDENTIALS = (
    f"no credentials: set {ENV_TOKEN}, or {ENV_CLIENT_ID} and {ENV_CLIENT_SECRET} "
    f"(optionally TIGHT_USER_ID), and {ENV_BASE_URL} (default {DEFAULT_BASE_URL}); "
    "or pass --token / --client-id and --client-secret; or use --sandbox to try a local sandbox"
)


def fail(message: str, code: int) -> NoReturn:
    stderr.print(f"[red]error:[/] {message}", soft_wrap=True)
    raise typer.Exit(code)


def describe_error(exc: TightError) -> list[str]:
    """One readable line per API error (type, param, message), or the exception's own line."""
    if isinstance(exc, APIError) and exc.errors:
        tried = f" (gave up after {exc.attempts} attempts)" if exc.attempts > 1 else ""
        lines = []
        for item in exc.errors:
            param = f" (param {item.param})" if item.param else ""
            lines.append(f"HTTP {exc.status_code} {item.type}{param}: {item.message}{tried}")
        return lines
    return [str(exc)]


@contextmanager
def reporting_errors(settings: Settings) -> Iterator[None]:
    """Turn SDK and usage errors into one-line messages and exit codes 1 and 2."""
    try:
        yield
    except TightError as exc:
        if settings.debug:
            traceback.print_exc()
        for line in describe_error(exc):
            stderr.print(f"[red]error:[/] {line}", soft_wrap=True, markup=True)
        raise typer.Exit(EXIT_API_ERROR) from None
    except (ValueError, TypeError) as exc:
        if settings.debug:
            traceback.print_exc()
        fail(str(exc), EXIT_USAGE)


@contextmanager
def connect(settings: Settings) -> Iterator[TightClient]:
    """A client for the configured target; with --sandbox, a sandbox started for this command."""
    with ExitStack() as stack:
        if settings.sandbox:
            from tight_customers.sandbox import Sandbox  # the sandbox is an optional extra

            if not settings.quiet:
                stderr.print(
                    f"starting a local sandbox with {settings.sandbox_customers} customers "
                    f"(seed {settings.sandbox_seed})"
                )
            sb = stack.enter_context(
                Sandbox(customers=settings.sandbox_customers, seed=settings.sandbox_seed)
            )
            client = TightClient(token=sb.token, base_url=sb.url, **settings.client_options())
        elif settings.token or settings.client_id or settings.client_secret:
            client = TightClient(
                token=settings.token,
                client_id=settings.client_id,
                client_secret=settings.client_secret,
                user_id=settings.user_id,
                base_url=settings.base_url or os.environ.get(ENV_BASE_URL) or DEFAULT_BASE_URL,
                **settings.client_options(),
            )
        elif os.environ.get(ENV_TOKEN) or os.environ.get(ENV_CLIENT_ID):
            client = TightClient.from_env(**settings.client_options())
        else:
            fail(MISSING_CREDENTIALS, EXIT_USAGE)
        yield stack.enter_context(client)
