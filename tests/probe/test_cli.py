"""`tight-customers probe`: the table, --json, --max-requests and the exit codes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tight_customers.cli import app
from tight_customers.sandbox import Behaviour, Sandbox


@pytest.fixture(scope="module")
def agreeing(listed_statuses_only: list[dict[str, Any]]) -> Iterator[Sandbox]:
    with Sandbox(data=listed_statuses_only) as sb:
        yield sb


def env_for(sb: Sandbox) -> dict[str, str]:
    return {
        "TIGHT_API_TOKEN": sb.token,
        "TIGHT_BASE_URL": sb.url,
        "TIGHT_CLIENT_ID": "",
        "TIGHT_CLIENT_SECRET": "",
        "COLUMNS": "200",
    }


def test_an_agreeing_api_exits_0_with_the_table_and_a_json_report(
    agreeing: Sandbox, tmp_path: Path
) -> None:
    out = tmp_path / "probe.json"
    result = CliRunner().invoke(app, ["probe", "--json", str(out)], env=env_for(agreeing))
    assert result.exit_code == 0, result.output
    assert "live API does" in result.stdout
    assert "maximum page size" in result.stdout
    assert "differs" not in result.stdout
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["spec"] == {"title": "Tight API", "version": "6"}
    assert report["base_url"] == agreeing.url
    assert report["exit_code"] == 0
    assert 0 < report["requests"] <= report["max_requests"] == 80
    assert {c["verdict"] for c in report["checks"]} <= {"agrees", "undecided"}
    assert agreeing.token not in out.read_text(encoding="utf-8")
    assert agreeing.token not in result.output


def test_a_difference_exits_1_and_names_the_spec_text_to_change(
    listed_statuses_only: list[dict[str, Any]], tmp_path: Path
) -> None:
    out = tmp_path / "probe.json"
    with Sandbox(data=listed_statuses_only, behaviour=Behaviour(max_page_size=500)) as sb:
        result = CliRunner().invoke(app, ["probe", "--json", str(out)], env=env_for(sb))
    assert result.exit_code == 1, result.output
    assert "differs" in result.stdout
    assert "/components/schemas/CustomerQuery/properties/limit" in result.stdout
    assert "affects sandbox, facade, docs" in result.stdout
    (check,) = [c for c in json.loads(out.read_text())["checks"] if c["verdict"] == "differs"]
    assert check["id"] == "max_page_size"
    assert check["spec_pointer"] == "/components/schemas/CustomerQuery/properties/limit"


def test_max_requests_bounds_the_run(agreeing: Sandbox, tmp_path: Path) -> None:
    out = tmp_path / "probe.json"
    before = len(agreeing.request_log)
    args = ["probe", "--max-requests", "8", "--json", str(out)]
    result = CliRunner().invoke(app, args, env=env_for(agreeing))
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text())
    assert report["requests"] == len(agreeing.request_log) - before <= 8
    undecided = [c for c in report["checks"] if c["verdict"] == "undecided"]
    assert any("budget (8)" in (c["why"] or "") for c in undecided)


@pytest.mark.parametrize("value", ["0", "81", "many"])
def test_a_bad_max_requests_is_a_usage_error(agreeing: Sandbox, value: str) -> None:
    result = CliRunner().invoke(app, ["probe", "--max-requests", value], env=env_for(agreeing))
    assert result.exit_code == 2
    assert "--max-requests" in result.output


def test_missing_credentials_are_a_usage_error() -> None:
    env = {"TIGHT_API_TOKEN": "", "TIGHT_CLIENT_ID": "", "TIGHT_CLIENT_SECRET": ""}
    result = CliRunner().invoke(app, ["probe"], env=env)
    assert result.exit_code == 2
    assert "no credentials" in result.output


def test_a_refused_token_exits_1_with_the_reason(agreeing: Sandbox) -> None:
    env = {**env_for(agreeing), "TIGHT_API_TOKEN": "tkn_not_a_valid_one"}
    result = CliRunner().invoke(app, ["probe"], env=env)
    assert result.exit_code == 1
    assert "401 INVALID_TOKEN" in result.output


def test_the_sandbox_option_probes_a_fresh_sandbox_with_client_credentials() -> None:
    args = ["--sandbox", "--sandbox-customers", "300", "probe", "--max-requests", "40"]
    result = CliRunner().invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "token endpoint" in result.stdout
    row = next(line for line in result.stdout.splitlines() if "token endpoint" in line)
    assert "agrees" in row
