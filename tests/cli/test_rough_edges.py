"""What a new user runs into: usage errors, flags, resume checks, odd text, the sandbox."""

from __future__ import annotations

import csv
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tight_customers import segments
from tight_customers._version import __version__
from tight_customers.cli import _checkpoint
from tight_customers.cli._app import run
from tight_customers.cli._session import SANDBOX_CUSTOMERS, SANDBOX_SEED
from tight_customers.sandbox import Sandbox, generate_customers


@pytest.fixture
def cli(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Any:
    """Run the command line in-process (as the console script does, without its signal
    handlers); returns (exit code, stdout, stderr)."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("COLUMNS", "200")

    def invoke(*args: str) -> tuple[int, str, str]:
        code = run(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return invoke


def one_line_error(code: int, err: str) -> str:
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    assert "Traceback" not in err
    return lines[0]


# ---------------------------------------------------------------- usage errors


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["query", "--no-such-flag"], ["--no-such-flag"]),
        (["query", "--format", "xml"], ["--format", "table", "json", "jsonl", "csv"]),
        (["query", "--limit", "0"], ["--limit"]),
        (["query", "--sort", "email:asc"], ["--sort", "name:asc", "name:desc"]),
        (["query", "--expand"], ["--expand", "--segment"]),
        (["--sandbox-customers", "many", "query"], ["--sandbox-customers"]),
        (["query", "--resume"], ["--resume", "--output"]),
    ],
)
def test_usage_errors_are_one_line_naming_the_flag(
    cli: Any, args: list[str], words: list[str]
) -> None:
    code, _, err = cli(*args)
    line = one_line_error(code, err)
    for word in words:
        assert word in line


def test_output_paths_that_cannot_work(cli: Any, tmp_path: Path) -> None:
    for path, reason in [
        (tmp_path, "is a directory"),
        (tmp_path / "missing" / "x.csv", "does not exist"),
    ]:
        code, _, err = cli("query", "--format", "csv", "--output", str(path))
        assert reason in one_line_error(code, err)
        assert "--output" in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_unwritable_output(cli: Any, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    code, _, err = cli("query", "--output", str(locked / "x.jsonl"))
    assert "not writable" in one_line_error(code, err)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_device(cli: Any) -> None:
    code, _, err = cli("query", "--format", "jsonl", "--output", "/dev/full")
    assert "No space left on device" in one_line_error(code, err)


def test_insecure_http_speaks_of_the_flag(cli: Any) -> None:
    os.environ["TIGHT_BASE_URL"] = "http://tight.invalid"
    code, _, err = cli("query")
    line = one_line_error(code, err)
    assert "--allow-insecure-http" in line and "allow_insecure_http" not in line


def test_the_sandbox_port_in_use(cli: Any) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, _, err = cli("sandbox", "--port", str(port), "--customers", "5")
    line = one_line_error(code, err)
    assert f"--port {port}" in line and "in use" in line


@pytest.mark.parametrize("kind", ["directory", "not-sqlite", "missing-dir"])
def test_a_bad_sandbox_db(cli: Any, tmp_path: Path, kind: str) -> None:
    db = {
        "directory": tmp_path,
        "not-sqlite": tmp_path / "notes.txt",
        "missing-dir": tmp_path / "nope" / "x.db",
    }[kind]
    if kind == "not-sqlite":
        db.write_text("these are not the tables you are looking for\n" * 100)
    code, _, err = cli("sandbox", "--port", "0", "--customers", "5", "--db", str(db))
    assert "--db" in one_line_error(code, err)


def test_debug_shows_the_traceback_of_a_usage_error(cli: Any, tmp_path: Path) -> None:
    code, _, err = cli("--debug", "query", "--sort", "email")
    assert code == 2 and "Traceback" in err


# ---------------------------------------------------------------- flags


def test_version(cli: Any) -> None:
    code, out, _ = cli("--version")
    assert (code, out) == (0, f"tight-customers {__version__}\n")


def test_help_shows_no_placeholder_for_flags_and_names_env_vars(cli: Any) -> None:
    _, top, _ = cli("--help")
    _, query, _ = cli("query", "--help")
    for text in (top, query):
        assert "<bool>" not in text
    for name in ("TIGHT_BASE_URL", "TIGHT_API_TOKEN", "TIGHT_CLIENT_ID", "TIGHT_CLIENT_SECRET"):
        assert name in top
    assert "TIGHT_USER_ID" in top


def test_global_options_after_the_command(cli: Any, sandbox: Sandbox) -> None:
    code, out, err = cli("query", "--format", "jsonl", "--limit", "2", "-q", "--max-retries", "0")
    assert code == 0, err
    assert err == ""  # -q reached the global options: no "more customers" hint
    assert len(out.splitlines()) == 2


def test_max_items_without_all(cli: Any, sandbox: Sandbox) -> None:
    code, out, err = cli("-q", "query", "--format", "jsonl", "--limit", "7", "--max-items", "17")
    assert code == 0, err
    assert [json.loads(x)["id"] for x in out.splitlines()] == [
        c["id"] for c in sandbox.customers()[:17]
    ]


def test_known_statuses_in_any_case(cli: Any, sandbox: Sandbox) -> None:
    active = [c["id"] for c in sandbox.customers() if c["status"] == "ACTIVE"]
    code, out, err = cli("-q", "query", "--all", "--status", "active", "--format", "jsonl")
    assert code == 0, err
    assert [json.loads(x)["id"] for x in out.splitlines()] == active


def test_an_unknown_status_prints_a_hint(cli: Any, sandbox: Sandbox) -> None:
    code, _, err = cli("query", "--status", "archived", "--format", "jsonl")
    assert code == 0
    assert "'archived' is not a known status" in err and "ACTIVE" in err


def test_counts_are_plural_only_when_more_than_one(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "one.jsonl"
    first = generate_customers(300, seed=3)
    name = sorted(c["name"] for c in first)[0]
    code, _, err = cli("query", "--all", "--name-eq", name, "--format", "jsonl", "-o", str(out))
    assert code == 0, err
    count = len(out.read_text().splitlines())
    noun = "customer" if count == 1 else "customers"
    assert f"exported {count} {noun} in 1 page to" in err


def test_csv_segment_paths_join_like_the_python_helper(cli: Any, sandbox: Sandbox) -> None:
    code, out, _ = cli("-q", "query", "--all", "--format", "csv")
    assert code == 0
    rows = {r["id"]: r for r in csv.DictReader(out.splitlines())}
    for customer in sandbox.customers():
        chains = customer.get("classSegments") or []
        joined = "; ".join(segments.joined_path(chain) for chain in chains)
        assert rows[customer["id"]]["classSegments"] == joined


# ---------------------------------------------------------------- what --resume accepts


def export(cli: Any, path: Path, fmt: str, *more: str) -> tuple[int, str, str]:
    result: tuple[int, str, str] = cli(
        "-q", "query", "--all", "--limit", "50", "--format", fmt, "-o", str(path), *more
    )
    return result


def test_an_existing_file_survives_a_run_that_fails_before_its_first_page(
    cli: Any, sandbox: Sandbox, tmp_path: Path
) -> None:
    out = tmp_path / "yesterday.csv"
    out.write_bytes(b"yesterday's export\n")
    sandbox.enqueue_faults(503)
    code, _, err = cli("--max-retries", "0", "query", "--all", "--format", "csv", "-o", str(out))
    assert code == 1, err
    assert out.read_bytes() == b"yesterday's export\n"
    assert not _checkpoint.path_for(out).exists()


def test_resume_refuses_another_format_or_query(cli: Any, sandbox: Sandbox, tmp_path: Path) -> None:
    out = tmp_path / "part.csv"
    code, _, err = export(cli, out, "csv")
    assert code == 0, err
    before = out.read_bytes()
    checkpoint = _checkpoint.Checkpoint("csv", "q", "CURSOR", len(before), 300, 6)
    _checkpoint.save(out, checkpoint)  # as if the run had stopped there
    code, _, err = export(cli, out, "jsonl", "--resume")
    assert "--format csv" in one_line_error(code, err)
    code, _, err = export(cli, out, "csv", "--name-contains", "a", "--resume")
    assert "other filter flags" in one_line_error(code, err)
    assert out.read_bytes() == before


def test_resume_cursor_refuses_a_foreign_file(cli: Any, sandbox: Sandbox, tmp_path: Path) -> None:
    foreign = tmp_path / "f.csv"
    foreign.write_text("a,b,c\n1,2,3\n")
    code, _, err = export(cli, foreign, "csv", "--resume", "eyJhIjoxfQ.x")
    assert "header" in one_line_error(code, err)
    code, _, err = export(cli, foreign, "jsonl", "--resume", "eyJhIjoxfQ.x")
    assert "--format jsonl" in one_line_error(code, err)
    assert foreign.read_text() == "a,b,c\n1,2,3\n"


def test_resume_without_a_checkpoint_says_so(cli: Any, tmp_path: Path) -> None:
    code, _, err = export(cli, tmp_path / "none.json", "json", "--resume")
    assert "nothing to resume" in one_line_error(code, err)


# ---------------------------------------------------------------- text UTF-8 cannot hold


class _OnePage(BaseHTTPRequestHandler):
    """Answers every query with one page whose customers hold lone surrogates (valid JSON, which
    the sandbox refuses to store)."""

    body = b""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, format: str, *args: Any) -> None:
        return None


@pytest.fixture
def surrogate_server() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    customers = generate_customers(4, seed=9)
    customers[1]["name"] = "Bad \ud800 name"
    customers[3]["customData"] = {"note": "x\udfff"}
    page = {"result": "SUCCESS", "data": customers, "error": [], "cursor": {}}
    handler = type("Handler", (_OnePage,), {"body": json.dumps(page).encode("ascii")})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", customers
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_lone_surrogates_round_trip_in_json(
    cli: Any, surrogate_server: tuple[str, list[dict[str, Any]]], tmp_path: Path, fmt: str
) -> None:
    url, customers = surrogate_server
    out = tmp_path / f"odd.{fmt}"
    code, _, err = cli("--base-url", url, "-q", "query", "--all", "--format", fmt, "-o", str(out))
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    rows = json.loads(text) if fmt == "json" else [json.loads(x) for x in text.splitlines()]
    assert rows[1]["name"] == "Bad \ud800 name"
    assert rows[3]["customData"] == {"note": "x\udfff"}
    assert [r["id"] for r in rows] == [c["id"] for c in customers]


def test_lone_surrogates_become_replacement_characters_in_csv(
    cli: Any, surrogate_server: tuple[str, list[dict[str, Any]]], tmp_path: Path
) -> None:
    url, customers = surrogate_server
    out = tmp_path / "odd.csv"
    code, _, err = cli("--base-url", url, "query", "--all", "--format", "csv", "-o", str(out))
    assert code == 0, err
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    assert rows[1]["name"] == "Bad \ufffd name"
    assert json.loads(rows[3]["customData"]) == {"note": "x\ufffd"}
    warnings = [line for line in err.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1
    assert customers[1]["id"] in warnings[0] and customers[3]["id"] in warnings[0]


# ---------------------------------------------------------------- the sandbox


def test_sandbox_defaults_are_one_size() -> None:
    import inspect

    from tight_customers.sandbox import serve

    for default in (
        inspect.signature(Sandbox).parameters["customers"].default,
        inspect.signature(serve).parameters["customers"].default,
    ):
        assert default == SANDBOX_CUSTOMERS
    assert inspect.signature(Sandbox).parameters["seed"].default == SANDBOX_SEED


def test_sandbox_cursors_work_across_sandbox_runs(cli: Any) -> None:
    code, first, err = cli("--sandbox", "--sandbox-customers", "30", "query", "--limit", "10",
                           "--format", "jsonl")  # fmt: skip
    assert code == 0, err
    cursor = re.search(r"--resume=(\S+)", err)
    assert cursor, err
    code, second, err = cli("query", "--sandbox", "--sandbox-customers", "30", "--limit", "10",
                            "--format", "jsonl", "--resume", cursor.group(1))  # fmt: skip
    assert code == 0, err
    ids = [json.loads(x)["id"] for x in (first + second).splitlines()]
    with Sandbox(customers=30, seed=SANDBOX_SEED) as sb:
        assert ids == [c["id"] for c in sb.customers()[:20]]


# ---------------------------------------------------------------- signals at odd moments


def _spawn(*args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tight_customers.cli", *args],
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_ctrl_c_during_start_up_is_a_clean_130(env: dict[str, str]) -> None:
    proc = _spawn("query", "--format", "jsonl", env=env)
    # While the command's modules are still being imported on most machines (the first tenth of
    # a second, before main() runs, is Python's own start-up and `import tight_customers`).
    time.sleep(0.6)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode in (0, 130), err  # 0: it was quicker than the signal
    assert "Traceback" not in err


def test_a_second_ctrl_c_stops_a_slow_request_with_130(
    env: dict[str, str], sandbox: Sandbox, tmp_path: Path
) -> None:
    out = tmp_path / "slow.jsonl"
    sandbox.faults.latency = 0.5
    try:
        proc = _spawn("query", "--all", "--limit", "10", "--format", "jsonl", "-o", str(out),
                      env=env)  # fmt: skip
        deadline = time.monotonic() + 60
        while not (out.exists() and out.stat().st_size) and time.monotonic() < deadline:
            time.sleep(0.01)
        proc.send_signal(signal.SIGINT)
        time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        sandbox.faults.latency = 0.0
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    assert "to continue: tight-customers" in err and err.rstrip().endswith("--resume")
