"""run_probe's options: the request budget, pacing, progress, arguments and failures."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import pytest

from tests.probe.conftest import probe, sent_requests
from tight_customers import APIConnectionError
from tight_customers.probe import ProbeError, Verdict, run_probe
from tight_customers.sandbox import Sandbox


@pytest.fixture(scope="module")
def sb(listed_statuses_only: list[dict[str, Any]]) -> Any:
    with Sandbox(data=listed_statuses_only) as sandbox:
        yield sandbox


def test_the_budget_is_never_exceeded_and_what_it_cannot_pay_for_is_undecided(sb: Sandbox) -> None:
    before = len(sb.request_log)
    seen: list[int] = []
    report = probe(sb, max_requests=12, on_request=lambda sent, budget: seen.append(sent))
    assert report.requests == len(sb.request_log) - before <= 12
    assert seen == list(range(1, report.requests + 1))
    spent = [c for c in report.checks if "budget (12)" in c.why]
    assert spent, report.verdicts()
    assert all(c.verdict is Verdict.UNDECIDED for c in spent)
    assert report.exit_code == 0


def test_checks_are_announced_in_order(sb: Sandbox) -> None:
    announced: list[str] = []
    report = run_probe(sb.url, token=sb.token, on_check=announced.append)
    semantic = {c.semantic: c.id for c in report.checks}
    assert [semantic[name] for name in announced][:3] == [
        "default_page_size",
        "max_page_size",
        "sort_order",
    ]
    assert len(announced) == 15


def test_pacing_keeps_the_probe_under_the_rate_limit(
    listed_statuses_only: list[dict[str, Any]],
) -> None:
    with Sandbox(data=listed_statuses_only[:200], rate_limit=8, rate_window=0.5) as small:
        # Paced a little under the server's limit: the server counts arrivals, the pacer
        # departures, and a loaded machine delays some arrivals.
        report = probe(small, rate_limit=(6, 0.5))
        statuses = [r.status for r in small.request_log]
    assert 429 not in statuses
    assert report.check("schemas").verdict is Verdict.AGREES


def test_a_429_is_waited_out_once_and_both_answers_count(sb: Sandbox) -> None:
    before = len(sb.request_log)
    sb.enqueue_faults(429)
    report = run_probe(sb.url, token=sb.token, max_requests=80)
    received = sent_requests(sb)[before:]
    assert report.requests == len(received)
    assert report.check("default_page_size").verdict is Verdict.AGREES
    assert report.check("schemas").verdict is Verdict.AGREES  # the 429 is a documented answer


@pytest.mark.parametrize(
    ("value", "error"),
    [(0, ValueError), (81, ValueError), (True, TypeError), ("80", TypeError)],
)
def test_max_requests_must_be_1_to_80(sb: Sandbox, value: object, error: type[Exception]) -> None:
    with pytest.raises(error, match="max_requests"):
        run_probe(sb.url, token=sb.token, max_requests=value)  # type: ignore[arg-type]


def test_credentials_are_required() -> None:
    with pytest.raises(ValueError, match="token"):
        run_probe("http://127.0.0.1:9")


def test_plain_http_to_a_remote_host_is_refused() -> None:
    with pytest.raises(ValueError, match="http://"):
        run_probe("http://probe.example", token="t")


def test_a_refused_token_is_a_probe_error_without_the_token(sb: Sandbox) -> None:
    with pytest.raises(ProbeError, match="401 INVALID_TOKEN") as raised:
        run_probe(sb.url, token="tkn_secret_abcdef123456")
    assert "tkn_secret_abcdef123456" not in str(raised.value)


def test_an_unreachable_api_is_a_connection_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(APIConnectionError):
        run_probe(f"http://127.0.0.1:{port}", token="t", max_requests=3)


def test_the_json_report_has_the_spec_and_base_url_never_the_credentials(
    sb: Sandbox, tmp_path: Path
) -> None:
    report = probe(sb)
    out = tmp_path / "report.json"
    report.write_json(out)
    text = out.read_text(encoding="utf-8")
    loaded = json.loads(text)
    assert loaded["spec"]["version"] == "6"
    assert loaded["base_url"] == sb.url
    assert loaded["requests"] == report.requests
    assert len(loaded["checks"]) == len(report.checks)
    assert sb.client_secret not in text
    assert sb.client_id not in text
    assert sb.token not in text
    assert "tkn_" not in text  # nor the token the probe fetched


def test_user_info_in_the_base_url_is_refused_like_the_clients_do(sb: Sandbox) -> None:
    url = sb.url.replace("http://", "http://someone:hunter2pw@")
    before = len(sb.request_log)
    with pytest.raises(ValueError, match="must not carry user info") as info:
        run_probe(url, token=sb.token, max_requests=2)
    assert "hunter2pw" not in str(info.value)
    assert len(sb.request_log) == before


@pytest.mark.parametrize("budget", [1, 2, 3])
def test_even_a_tiny_budget_gives_a_full_report(sb: Sandbox, budget: int) -> None:
    before = len(sb.request_log)
    report = run_probe(sb.url, token=sb.token, max_requests=budget)
    assert report.requests == len(sb.request_log) - before <= budget
    assert len(report.checks) == 19
    assert report.exit_code == 0


@pytest.mark.parametrize("fault", [503, "drop"])
def test_a_failed_request_leaves_its_check_undecided_not_differing(
    sb: Sandbox, fault: int | str
) -> None:
    # The first two requests read the sample; the third asks for limit 1001.
    sb.enqueue_faults("delay:0", "delay:0", fault)
    report = run_probe(sb.url, token=sb.token)
    found = report.check("max_page_size")
    assert found.verdict is Verdict.UNDECIDED
    assert "run the probe again" in found.why
    assert report.exit_code == 0
    assert {c.verdict for c in report.checks if c.id != "max_page_size"} <= {
        Verdict.AGREES,
        Verdict.UNDECIDED,
    }
