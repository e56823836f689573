"""Every filter flag of `tight-customers query` becomes the right wire filter."""

from __future__ import annotations

import time
from typing import Any

import pytest
from typer.testing import CliRunner

from tight_customers.cli import app
from tight_customers.sandbox import Sandbox

CASES: list[tuple[list[str], dict[str, Any]]] = [
    (["--name-eq", "Acme"], {"name": {"equal": "Acme"}}),
    (["--name-ne", "Acme"], {"name": {"notEqual": "Acme"}}),
    (["--name-gt", "B"], {"name": {"greaterThan": "B"}}),
    (["--name-gte", "B"], {"name": {"greaterThanEqual": "B"}}),
    (["--name-lt", "M"], {"name": {"lessThan": "M"}}),
    (["--name-lte", "M"], {"name": {"lessThanEqual": "M"}}),
    (["--name-contains", "acme"], {"name": {"contain": "acme"}}),
    (["--email-eq", "a@b.c"], {"email": {"equal": "a@b.c"}}),
    (["--email-ne", "a@b.c"], {"email": {"notEqual": "a@b.c"}}),
    (["--email-gt", "a"], {"email": {"greaterThan": "a"}}),
    (["--email-gte", "a"], {"email": {"greaterThanEqual": "a"}}),
    (["--email-lt", "z"], {"email": {"lessThan": "z"}}),
    (["--email-lte", "z"], {"email": {"lessThanEqual": "z"}}),
    (["--email-contains", "example"], {"email": {"contain": "example"}}),
    (["--status", "ACTIVE", "--status", "INACTIVE"], {"status": {"in": ["ACTIVE", "INACTIVE"]}}),
    (["--not-status", "INACTIVE"], {"status": {"notIn": ["INACTIVE"]}}),
    (["--status-eq", "ACTIVE"], {"status": {"equal": "ACTIVE"}}),
    (["--status-ne", "ACTIVE"], {"status": {"notEqual": "ACTIVE"}}),
    (["--status-gt", "A"], {"status": {"greaterThan": "A"}}),
    (["--status-gte", "A"], {"status": {"greaterThanEqual": "A"}}),
    (["--status-lt", "Z"], {"status": {"lessThan": "Z"}}),
    (["--status-lte", "Z"], {"status": {"lessThanEqual": "Z"}}),
    (
        ["--segment", "cls_1", "--segment", "cls_2"],
        {"classSegments": {"expand": False, "id": {"in": ["cls_1", "cls_2"]}}},
    ),
    (
        ["--segment", "cls_1", "--expand"],
        {"classSegments": {"expand": True, "id": {"in": ["cls_1"]}}},
    ),
    (
        ["--name-gte", "A", "--name-lt", "N", "--status", "ACTIVE"],
        {"name": {"greaterThanEqual": "A", "lessThan": "N"}, "status": {"in": ["ACTIVE"]}},
    ),
]


def query_bodies(sandbox: Sandbox) -> list[dict[str, Any]]:
    return [r.json_body for r in list(sandbox.request_log) if r.path == "/v6/customers/query"]


def invoke_and_capture(
    runner: CliRunner, env: dict[str, str], sandbox: Sandbox, args: list[str]
) -> dict[str, Any]:
    """Run the CLI; return the body of the one query it sent."""
    before = len(query_bodies(sandbox))
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 0, result.output
    # The sandbox logs a request once its response is sent, a moment after the client has it.
    deadline = time.monotonic() + 5
    while len(query_bodies(sandbox)) == before and time.monotonic() < deadline:
        time.sleep(0.01)
    bodies = query_bodies(sandbox)[before:]
    assert len(bodies) == 1
    return bodies[0]


@pytest.mark.parametrize(("flags", "wire"), CASES, ids=[" ".join(f) for f, _ in CASES])
def test_flag_maps_to_wire_filter(
    runner: CliRunner, env: dict[str, str], sandbox: Sandbox, flags: list[str], wire: dict[str, Any]
) -> None:
    args = ["query", *flags, "--format", "jsonl", "--limit", "5"]
    body = invoke_and_capture(runner, env, sandbox, args)
    assert body["filter"] == wire
    assert body["limit"] == 5


@pytest.mark.parametrize(
    ("flag", "wire"),
    [
        ("name:asc", {"orderBy": "NAME", "direction": "ASC"}),
        ("NAME:desc", {"orderBy": "NAME", "direction": "DESC"}),
    ],
)
def test_sort_flag(
    runner: CliRunner, env: dict[str, str], sandbox: Sandbox, flag: str, wire: dict[str, str]
) -> None:
    body = invoke_and_capture(runner, env, sandbox, ["query", "--sort", flag, "--format", "jsonl"])
    assert body["sort"] == wire


def test_no_filter_flags_send_no_filter(
    runner: CliRunner, env: dict[str, str], sandbox: Sandbox
) -> None:
    body = invoke_and_capture(runner, env, sandbox, ["query", "--format", "jsonl"])
    assert "filter" not in body
