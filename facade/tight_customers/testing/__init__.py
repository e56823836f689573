"""The pytest plugin for your own tests: a running Tight sandbox and clients bound to it.

Installed with the package and registered through the `pytest11` entry point; it provides its
fixtures only when the `sandbox` extra is installed (`pip install 'tight-customers[sandbox]'`):

- `tight_sandbox`: a running `TightSandbox` (a `tight_customers.sandbox.Sandbox`), shared by
  the whole session; whatever a test changes (customers, faults, rate limit, token lifetime) is
  undone after it. `@pytest.mark.tight_sandbox(customers=50, seed=3)` (any `Sandbox` argument,
  `data=[...]` included) gives a test a sandbox of its own.
- `tight_client` / `async_tight_client`: a `TightClient` / `AsyncTightClient` bound to it with
  its client credentials (so expired tokens are renewed as in production).
- On the sandbox: `enqueue_faults(503, "drop", ...)` and `expire_tokens()`.

See docs/testing.md.
"""

from __future__ import annotations

from importlib.util import find_spec

__all__: list[str] = []

if find_spec("starlette") is not None and find_spec("uvicorn") is not None:
    from tight_customers.testing._plugin import (
        TightSandbox,
        async_tight_client,
        pytest_addoption,
        pytest_configure,
        tight_client,
        tight_sandbox,
        tight_sandbox_session,
    )

    __all__ = [
        "TightSandbox",
        "async_tight_client",
        "pytest_addoption",
        "pytest_configure",
        "tight_client",
        "tight_sandbox",
        "tight_sandbox_session",
    ]
