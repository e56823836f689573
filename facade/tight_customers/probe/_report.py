"""What a probe run found: one `CheckResult` per semantic, gathered in a `ProbeReport`."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from tight_customers.probe._spec import Deviation

__all__ = ["CheckResult", "ProbeReport", "Verdict"]


class Verdict(StrEnum):
    """How the live API compares with what openapi.yaml says."""

    AGREES = "agrees"
    DIFFERS = "differs"  # a semantic the spec states is not what the API does
    UNDECIDED = "undecided"  # the tenant's data (or the request budget) cannot tell
    VIOLATION = "spec violation"  # an answer breaks the spec's schemas or statuses
    TOLERATED = "tolerated deviation"  # outside the spec, but the spec tells clients to cope


FAILING = frozenset({Verdict.DIFFERS, Verdict.VIOLATION})


@dataclass(frozen=True)
class CheckResult:
    """One semantic: what the spec says, what the live API did, and the verdict.

    `spec_pointer` is the JSON pointer of the spec text to change if the API is right;
    `affects` names what else follows that text (`sandbox`, `facade`, `docs`); `why` explains
    an undecided verdict; `deviations` are the places (JSON paths) in the answers concerned.
    """

    id: str
    semantic: str
    spec_says: str
    live: str
    verdict: Verdict
    spec_pointer: str
    affects: tuple[str, ...]
    why: str = ""
    deviations: tuple[Deviation, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "semantic": self.semantic,
            "spec_says": self.spec_says,
            "live": self.live,
            "verdict": self.verdict.value,
            "why": self.why or None,
            "spec_pointer": self.spec_pointer,
            "affects": list(self.affects),
            "deviations": [d.to_dict() for d in self.deviations],
        }


@dataclass(frozen=True)
class ProbeReport:
    """The result of `run_probe`: every check, and how many requests it took."""

    base_url: str
    spec_title: str
    spec_version: str
    sdk_version: str
    requests: int
    max_requests: int
    checks: tuple[CheckResult, ...] = field(default_factory=tuple)

    @property
    def exit_code(self) -> int:
        """0 when every check agrees, is undecided or tolerated; 1 when anything differs."""
        return 1 if any(c.verdict in FAILING for c in self.checks) else 0

    def check(self, check_id: str) -> CheckResult:
        """The result of one check by its id (KeyError when the run has none)."""
        for result in self.checks:
            if result.id == check_id:
                return result
        raise KeyError(check_id)

    def verdicts(self) -> dict[str, str]:
        """{check id: verdict}."""
        return {c.id: c.verdict.value for c in self.checks}

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data (no credentials: they are never part of it)."""
        counts = {v.value: sum(c.verdict is v for c in self.checks) for v in Verdict}
        return {
            "spec": {"title": self.spec_title, "version": self.spec_version},
            "sdk_version": self.sdk_version,
            "base_url": self.base_url,
            "requests": self.requests,
            "max_requests": self.max_requests,
            "exit_code": self.exit_code,
            "verdicts": counts,
            "checks": [c.to_dict() for c in self.checks],
        }

    def write_json(self, path: str | Path) -> None:
        """Write `to_dict()` to `path` as indented UTF-8 JSON."""
        text = json.dumps(self.to_dict(), indent=2, ensure_ascii=False)
        Path(path).write_text(text + "\n", encoding="utf-8")
