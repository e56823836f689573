"""Output formats parse back to the customers the sandbox holds; errors give exit codes 1 and 2."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tight_api.models import Customer
from tight_customers.cli import app
from tight_customers.cli._formats import CSV_COLUMNS, LIST_SEPARATOR, segment_paths
from tight_customers.sandbox import Sandbox


def as_models(rows: list[dict[str, Any]]) -> list[Customer]:
    return [Customer.from_dict(r) for r in rows]


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_formats_round_trip_every_customer(
    runner: CliRunner, env: dict[str, str], sandbox: Sandbox, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"all.{fmt}"
    args = ["-q", "query", "--all", "--limit", "70", "--format", fmt, "--output", str(out)]
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    rows = json.loads(text) if fmt == "json" else [json.loads(line) for line in text.splitlines()]
    assert as_models(rows) == as_models(sandbox.customers())


def test_csv_flattens_every_customer(
    runner: CliRunner, env: dict[str, str], sandbox: Sandbox, tmp_path: Path
) -> None:
    out = tmp_path / "all.csv"
    args = ["-q", "query", "--all", "--format", "csv", "--output", str(out)]
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
        rows = list(reader)
    expected = sandbox.customers()
    assert [r["id"] for r in rows] == [c["id"] for c in expected]
    for row, customer in zip(rows, expected, strict=True):
        assert row["name"] == customer["name"]
        assert row["status"] == customer["status"]
        assert row["email"] == (customer.get("email") or "")
        assert row["ccEmails"] == LIST_SEPARATOR.join(customer.get("ccEmails") or [])
        assert row["address.city"] == ((customer.get("address") or {}).get("city") or "")
        assert row["classSegments"] == LIST_SEPARATOR.join(segment_paths(customer))
        custom = customer.get("customData")
        assert (json.loads(row["customData"]) if row["customData"] else None) == custom


def test_stdout_is_clean_jsonl(runner: CliRunner, env: dict[str, str], sandbox: Sandbox) -> None:
    result = runner.invoke(app, ["query", "--limit", "3", "--format", "jsonl"], env=env)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == [c["id"] for c in sandbox.customers()[:3]]
    assert "--resume" in result.stderr


def test_max_items_stops_exactly(runner: CliRunner, env: dict[str, str], sandbox: Sandbox) -> None:
    args = ["-q", "query", "--all", "--limit", "7", "--max-items", "17", "--format", "jsonl"]
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 0, result.output
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert ids == [c["id"] for c in sandbox.customers()[:17]]


def test_table_shows_names(runner: CliRunner, env: dict[str, str], sandbox: Sandbox) -> None:
    result = runner.invoke(app, ["query", "--limit", "2"], env={**env, "COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    first = sandbox.customers()[0]
    assert first["id"] in result.stdout


def test_get_prints_the_customer(runner: CliRunner, env: dict[str, str], sandbox: Sandbox) -> None:
    customer = sandbox.customers()[5]
    result = runner.invoke(app, ["get", customer["id"]], env=env)
    assert result.exit_code == 0, result.output
    assert Customer.from_dict(json.loads(result.stdout)) == Customer.from_dict(customer)


def test_unknown_customer_is_one_line_and_exit_1(runner: CliRunner, env: dict[str, str]) -> None:
    result = runner.invoke(app, ["get", "cus_does_not_exist"], env=env)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "404" in lines[0]
    assert "Traceback" not in result.output


def test_invalid_token_is_exit_1_without_the_token(runner: CliRunner, env: dict[str, str]) -> None:
    secret = "tkn_not_a_real_token_123"
    result = runner.invoke(app, ["query"], env={**env, "TIGHT_API_TOKEN": secret})
    assert result.exit_code == 1
    assert "INVALID_TOKEN" in result.stderr
    assert secret not in result.output
    assert "Traceback" not in result.output


def test_debug_shows_the_traceback(runner: CliRunner, env: dict[str, str]) -> None:
    result = runner.invoke(app, ["--debug", "get", "cus_does_not_exist"], env=env)
    assert result.exit_code == 1
    assert "Traceback" in result.stderr


def test_missing_credentials_say_what_to_set(runner: CliRunner) -> None:
    env = {"TIGHT_API_TOKEN": "", "TIGHT_CLIENT_ID": "", "TIGHT_CLIENT_SECRET": ""}
    result = runner.invoke(app, ["query"], env=env)
    assert result.exit_code == 2
    for name in ("TIGHT_API_TOKEN", "TIGHT_CLIENT_ID", "TIGHT_CLIENT_SECRET", "--sandbox"):
        assert name in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["query", "--limit", "0"],
        ["query", "--format", "xml"],
        ["query", "--sort", "email:asc"],
        ["query", "--expand"],
        ["query", "--no-such-flag"],
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, env: dict[str, str], args: list[str]) -> None:
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


def test_segments_tree_counts(runner: CliRunner, env: dict[str, str], sandbox: Sandbox) -> None:
    result = runner.invoke(app, ["-q", "segments", "--plain"], env=env)
    assert result.exit_code == 0, result.output
    roots = {c["classSegments"][0]["name"] for c in sandbox.customers() if c.get("classSegments")}
    for name in roots:
        assert any(line.startswith(name) for line in result.stdout.splitlines()), name


def test_embedded_sandbox(runner: CliRunner) -> None:
    env = {"TIGHT_API_TOKEN": "", "TIGHT_CLIENT_ID": ""}
    args = ["--sandbox", "--sandbox-customers", "25", "-q", "query", "--all", "--format", "jsonl"]
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 25


def test_segments_max_depth_zero_shows_roots_only(
    runner: CliRunner, env: dict[str, str], sandbox: Sandbox
) -> None:
    result = runner.invoke(app, ["-q", "segments", "--plain", "--max-depth", "0"], env=env)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    roots = {c["classSegments"][0]["id"] for c in sandbox.customers() if c.get("classSegments")}
    assert len(lines) == len(roots)
    assert not any(line.startswith(" ") for line in lines)


def test_segments_tree_view(runner: CliRunner, env: dict[str, str], sandbox: Sandbox) -> None:
    result = runner.invoke(app, ["-q", "segments"], env={**env, "COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    placed = sum(1 for c in sandbox.customers() if c.get("classSegments"))
    assert result.stdout.splitlines()[0] == f"300 customers, {placed} in a segment"


def test_remote_http_base_url_is_refused_unless_allowed(runner: CliRunner) -> None:
    env = {"TIGHT_API_TOKEN": "tkn_x", "TIGHT_BASE_URL": "http://tight.invalid"}
    refused = runner.invoke(app, ["query"], env=env)
    assert refused.exit_code == 2
    assert "http://" in refused.stderr
    allowed = runner.invoke(app, ["--allow-insecure-http", "--max-retries", "0", "query"], env=env)
    assert allowed.exit_code == 1  # it tried: the host does not resolve
    assert "tkn_x" not in allowed.output


def test_max_retries_reaches_the_client(
    runner: CliRunner, env: dict[str, str], sandbox: Sandbox
) -> None:
    sandbox.enqueue_faults(503, 503)
    failed = runner.invoke(app, ["--max-retries", "1", "query", "--format", "jsonl"], env=env)
    assert failed.exit_code == 1
    assert "503" in failed.stderr and "2 attempts" in failed.stderr
    sandbox.enqueue_faults(503, 503)
    recovered = runner.invoke(app, ["query", "--format", "jsonl"], env=env)
    assert recovered.exit_code == 0, recovered.output
