"""Run Prism (@stoplight/prism-cli, pinned in scripts/node) as a subprocess, and read its verdicts.

    with prism("proxy", "openapi.yaml", upstream, "--errors") as server:   # or "mock", "-d", ...
        server.url        # http://127.0.0.1:<free port>
        server.log()      # everything Prism printed so far

Prism binds 127.0.0.1 on a free port, readiness is a bounded wait for its "listening" line, and
the whole process group is terminated (then killed) on exit, whatever happened in between.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "openapi.yaml"
PRISM = ROOT / ".tools" / "node" / "node_modules" / ".bin" / "prism"
START_TIMEOUT = 60.0
STOP_TIMEOUT = 10.0

# Which operation a request is, for readable findings.
OPERATIONS = (
    ("POST", re.compile(r"^/v6/auth/token$"), "createToken"),
    ("POST", re.compile(r"^/v6/customers/query$"), "queryCustomers"),
    ("GET", re.compile(r"^/v6/customers/[^/]+$"), "getCustomer"),
)


def operation_name(method: str, path: str) -> str:
    for op_method, pattern, name in OPERATIONS:
        if method.upper() == op_method and pattern.match(path):
            return f"{name} ({method.upper()} {path})"
    return f"<undocumented> ({method.upper()} {path})"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class PrismServer:
    url: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def violation_lines(self) -> list[str]:
        """Prism's own "Violation:" log lines (request and response validation)."""
        return [line.strip() for line in self.log().splitlines() if "Violation:" in line]


def _require_prism() -> None:
    if not PRISM.exists():
        raise RuntimeError(
            f"Prism is not installed at {PRISM.relative_to(ROOT)}: run `make install-node` "
            "(make contract and make test do it for you)"
        )


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=STOP_TIMEOUT)
            return
        except subprocess.TimeoutExpired:
            continue


@contextmanager
def prism(*args: str) -> Iterator[PrismServer]:
    """Start `prism <args> -h 127.0.0.1 -p <free port>`; stop its process group on exit."""
    _require_prism()
    with tempfile.TemporaryDirectory(prefix="tight-prism-") as tmp:
        log_path = Path(tmp) / "prism.log"
        port = free_port()
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [str(PRISM), *args, "--host", "127.0.0.1", "--port", str(port)],
                cwd=ROOT,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                env={**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "0"},
            )
        server = PrismServer(f"http://127.0.0.1:{port}", process, log_path)
        try:
            _wait_ready(server)
            yield server
        finally:
            _stop(process)


def _wait_ready(server: PrismServer) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"Prism exited with {server.process.returncode} before listening:\n"
                + server.log()[-3000:]
            )
        if "Prism is listening" in server.log():
            return
        time.sleep(0.1)
    raise RuntimeError(
        f"Prism did not start listening within {START_TIMEOUT:.0f} s:\n" + server.log()[-3000:]
    )


# ------------------------------------------------------------------ recording the traffic


@dataclass
class Exchange:
    """One request the facade sent and the response it got, with Prism's verdict on both."""

    case: str
    method: str
    path: str
    request_body: str
    status: int
    response_body: bytes
    violations: list[dict[str, Any]] = field(default_factory=list)

    @property
    def operation(self) -> str:
        return operation_name(self.method, self.path)

    def rules(self) -> list[str]:
        """Every rule Prism says this exchange breaks (header `sl-violations`, or an error body)."""
        found = [
            f"{'.'.join(map(str, v.get('location', [])))}: {v.get('message')} "
            f"[{v.get('code')}, {v.get('severity')}]"
            for v in self.violations
        ]
        problem = _prism_problem(self.response_body)
        if problem is not None:
            found.append(problem)
        return found

    def describe(self) -> str:
        body = self.request_body if len(self.request_body) <= 300 else self.request_body[:300] + "…"
        lines = [
            f"- operation: {self.operation}",
            f"  case: {self.case}",
            f"  request body: {body or '<none>'}",
            f"  status: {self.status}",
        ]
        lines += [f"  rule broken: {rule}" for rule in self.rules()]
        return "\n".join(lines)


def _prism_problem(body: bytes) -> str | None:
    """Prism's own error body (it answers with application/problem+json when it rejects)."""
    try:
        parsed = json.loads(body)
    except ValueError:
        return None
    if isinstance(parsed, dict) and str(parsed.get("type", "")).startswith(
        "https://stoplight.io/prism/errors#"
    ):
        detail = parsed.get("detail") or parsed.get("title")
        validation = parsed.get("validation") or []
        rules = "; ".join(
            f"{'.'.join(map(str, v.get('location', [])))}: {v.get('message')}" for v in validation
        )
        return f"Prism {parsed['type'].rsplit('#', 1)[-1]}: {detail}" + (
            f" ({rules})" if rules else ""
        )
    return None


class Recorder:
    """httpx event hooks that log every exchange under the name of the current case."""

    def __init__(self) -> None:
        self.case = "<setup>"
        self.exchanges: list[Exchange] = []

    def hooks(self) -> dict[str, list[Any]]:
        return {"response": [self._on_response]}

    def async_hooks(self) -> dict[str, list[Any]]:
        """The same for an `httpx.AsyncClient` (which needs the body read with `aread`)."""
        return {"response": [self._on_async_response]}

    async def _on_async_response(self, response: httpx.Response) -> None:
        await response.aread()
        self._on_response(response)

    def _on_response(self, response: httpx.Response) -> None:
        response.read()
        request = response.request
        violations = _violations(response.headers.get("sl-violations"))
        self.exchanges.append(
            Exchange(
                case=self.case,
                method=request.method,
                path=request.url.path,
                request_body=_redacted(request),
                status=response.status_code,
                response_body=response.content,
                violations=violations,
            )
        )

    def failing(self) -> list[Exchange]:
        return [e for e in self.exchanges if e.rules()]


def _violations(raw: str | None) -> list[Any]:
    """Prism's `sl-violations` header; a header that is not JSON is itself reported (seen when a
    mock-generated cursor with unusual characters is echoed into the message)."""
    if not raw:
        return []
    try:
        parsed = json.loads(raw)
    except ValueError:
        return [{"severity": "Error", "message": f"unreadable sl-violations header: {raw[:120]!r}"}]
    return parsed if isinstance(parsed, list) else [parsed]


def _redacted(request: httpx.Request) -> str:
    body = request.content.decode("utf-8", errors="replace")
    if request.url.path.endswith("/auth/token"):
        return "<form body of the token request>"
    return body
