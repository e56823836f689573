"""A sandbox shared by the CLI tests, and a runner whose environment points at it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from tight_customers.sandbox import Sandbox


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(customers=300, seed=3) as sb:
        yield sb


@pytest.fixture
def env(sandbox: Sandbox) -> dict[str, str]:
    return {
        "TIGHT_API_TOKEN": sandbox.token,
        "TIGHT_BASE_URL": sandbox.url,
        "TIGHT_CLIENT_ID": "",
        "TIGHT_CLIENT_SECRET": "",
    }


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
