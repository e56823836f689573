"""What every command shares: the global settings, the client they open, and how errors end a
command (one line per error on stderr; exit code 1 for API and network errors, 2 for usage)."""

from __future__ import annotations

import re
import sqlite3
import traceback
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from tight_customers import APIError, TightClient, TightError
from tight_customers._constants import (
    DEFAULT_BASE_URL,
    DEFAULT_MAX_RETRIES,
    ENV_BASE_URL,
    ENV_CLIENT_ID,
    ENV_CLIENT_SECRET,
    ENV_TOKEN,
    ENV_USER_ID,
)
from tight_customers._env import read_env

EXIT_API_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

# The sandbox `--sandbox` starts: always the same data and cursor key, so a cursor one run prints
# is one the next run accepts.
SANDBOX_CUSTOMERS = 1000
SANDBOX_SEED = 0

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
    sandbox_customers: int = SANDBOX_CUSTOMERS
    sandbox_seed: int = SANDBOX_SEED
    debug: bool = False
    quiet: bool = False
    max_retries: int = DEFAULT_MAX_RETRIES
    allow_insecure_http: bool = False

    def client_options(self) -> dict[str, Any]:
        """The TightClient options these settings choose."""
        return {"max_retries": self.max_retries, "allow_insecure_http": self.allow_insecure_http}


MISSING_CREDENTIALS = (
    f"no credentials: set {ENV_TOKEN}, or {ENV_CLIENT_ID} and {ENV_CLIENT_SECRET} "
    f"(optionally {ENV_USER_ID}), and {ENV_BASE_URL} (default {DEFAULT_BASE_URL}); "
    "or pass --token / --client-id and --client-secret; or use --sandbox to try a local sandbox"
)


def plural(count: int, noun: str) -> str:
    """`1 customer`, `2 customers`, `1,000 customers`."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


# Python parameter names in SDK messages → the flags that set them.
_FLAGS = {
    "allow_insecure_http=True": "--allow-insecure-http",
    "base_url": "--base-url",
    "client_id": "--client-id",
    "client_secret": "--client-secret",
    "max_retries": "--max-retries",
    "user_id": "--user-id",
    "token": "--token",
}
_PARAM = re.compile(r"\b(" + "|".join(re.escape(p) for p in _FLAGS) + r")(?![\w])=?")


def in_flag_terms(message: str) -> str:
    """An SDK message with its Python parameter names (`base_url=`) spoken as CLI flags."""
    return _PARAM.sub(lambda m: _FLAGS[m.group(1)], message)


def fail(message: str, code: int) -> NoReturn:
    stderr.print(f"[red]error:[/] {escape(message)}", soft_wrap=True)
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
            stderr.print(f"[red]error:[/] {escape(line)}", soft_wrap=True)
        raise typer.Exit(EXIT_API_ERROR) from None
    except (ValueError, TypeError, OSError, sqlite3.Error) as exc:
        if settings.debug:
            traceback.print_exc()
        fail(in_flag_terms(str(exc)), EXIT_USAGE)


@contextmanager
def connect(settings: Settings) -> Iterator[TightClient]:
    """A client for the configured target; with --sandbox, a sandbox started for this command."""
    with ExitStack() as stack:
        if settings.sandbox:
            client = TightClient(**_sandbox_target(settings, stack), **settings.client_options())
        else:
            client = TightClient(**_target(settings), **settings.client_options())
        yield stack.enter_context(client)


def _sandbox_target(settings: Settings, stack: ExitStack) -> dict[str, Any]:
    from tight_customers.sandbox import DEVELOPMENT_CURSOR_KEY, Sandbox  # an optional extra

    if not settings.quiet:
        stderr.print(
            f"starting a local sandbox with {plural(settings.sandbox_customers, 'customer')} "
            f"(seed {settings.sandbox_seed})"
        )
    sb = stack.enter_context(
        Sandbox(
            customers=settings.sandbox_customers,
            seed=settings.sandbox_seed,
            cursor_key=DEVELOPMENT_CURSOR_KEY,
        )
    )
    return {"token": sb.token, "base_url": sb.url}


def _target(settings: Settings) -> dict[str, Any]:
    """The flags given; the client reads whatever they leave out from the environment."""
    given = {
        "token": settings.token,
        "client_id": settings.client_id,
        "client_secret": settings.client_secret,
        "user_id": settings.user_id,
        "base_url": settings.base_url,
    }
    credentials = (settings.token, settings.client_id, settings.client_secret)
    if all(v is None for v in credentials) and not read_env().has_credentials:
        fail(MISSING_CREDENTIALS, EXIT_USAGE)
    return {k: v for k, v in given.items() if v is not None}
