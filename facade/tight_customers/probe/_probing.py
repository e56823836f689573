"""What every check shares: the state of a probe run and the ways to ask and compare."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tight_customers.probe._catalog import CATALOG
from tight_customers.probe._expect import Customer
from tight_customers.probe._report import CheckResult, Verdict
from tight_customers.probe._sample import Sample
from tight_customers.probe._spec import Deviation
from tight_customers.probe._wire import Exchange, Wire

__all__ = [
    "FILTER_CAP",
    "SPEC_DEFAULT_LIMIT",
    "SPEC_MAX_LIMIT",
    "WALK_SIZE",
    "CheckCallback",
    "FirstPageRefusedError",
    "Probing",
    "Undecided",
    "ids_of",
    "names_of",
    "settled",
    "short",
    "status_of",
]

SPEC_DEFAULT_LIMIT = 100
SPEC_MAX_LIMIT = 1000
# Most customers one filter check expects back (kept small: every answer is validated).
FILTER_CAP = 100
# Page size of the cursor walks.
WALK_SIZE = 5

# Announces the check about to run (for progress displays).
CheckCallback = Callable[[str], None]


def ids_of(customers: list[Customer]) -> list[str]:
    return [str(c.get("id")) for c in customers]


def names_of(customers: list[Customer]) -> list[str]:
    return [str(c.get("name")) for c in customers]


def short(values: Any, limit: int = 3) -> str:
    items = sorted(values) if isinstance(values, set | frozenset) else list(values)
    shown = ", ".join(str(v) for v in items[:limit])
    return shown + (f" … (+{len(items) - limit})" if len(items) > limit else "")


class Undecided(Exception):  # noqa: N818 - control flow, not an error
    """The data cannot decide the check; the message says why."""


class FirstPageRefusedError(Exception):
    """The API refused the first query: nothing else can be checked."""

    def __init__(self, answer: Exchange) -> None:
        super().__init__(f"the first query was answered {status_of(answer)}")
        self.answer = answer


def status_of(answer: Exchange) -> str:
    first = answer.errors()[0] if answer.errors() else {}
    kind = f" {first.get('type')}" if first.get("type") else ""
    return f"{answer.status}{kind}"


def settled(answer: Exchange) -> Exchange:
    """`answer`, unless it is a server error or a 429 (after the retry): those say nothing
    about the semantic being checked, which is then undecided."""
    if answer.status >= 500 or answer.status == 429:
        raise Undecided(f"{answer.label} failed with {status_of(answer)}; run the probe again")
    return answer


class Probing:
    """The state of one run: the sample, the page limit the API grants, what later checks reuse."""

    def __init__(self, wire: Wire, on_check: CheckCallback | None = None) -> None:
        self.wire = wire
        self.on_check = on_check
        self.results: dict[str, CheckResult] = {}
        self.sample = Sample([], complete=True)
        self.page_limit = SPEC_DEFAULT_LIMIT  # the largest limit the API accepted
        self.first_page: Exchange | None = None
        self.biggest_page: Exchange | None = None
        self.status: str | None = None
        self.walk_first: Exchange | None = None
        self.bad_requests: list[Exchange] = []  # 400s whose error items should name a param
        self.max_trace: list[tuple[int, int]] = []  # (limit asked, status) while sizing pages
        self._desc: Exchange | None = None
        self.sizing_failed = ""  # why the largest page could not be found, if it could not

    def result(
        self,
        check_id: str,
        verdict: Verdict,
        live: str,
        why: str = "",
        deviations: tuple[Deviation, ...] = (),
    ) -> CheckResult:
        entry = CATALOG[check_id]
        return CheckResult(
            check_id,
            entry.semantic,
            entry.spec_says,
            live,
            verdict,
            entry.spec_pointer,
            entry.affects,
            why,
            deviations,
        )

    def _query(self, body: dict[str, Any]) -> Exchange:
        answer = settled(self.wire.query(body))
        if answer.status == 400:
            self.bad_requests.append(answer)
        return answer

    def _expect_filter(self, flt: dict[str, Any]) -> tuple[frozenset[str], Exchange]:
        """Send `flt` narrowed to the known region; (ids the spec predicts, the answer)."""
        expected = self.sample.expect(flt, min(FILTER_CAP, self.page_limit))
        answer = self._query({"filter": expected.filter, "limit": self.page_limit})
        if answer.status != 200:
            raise Undecided(f"the filter {expected.filter} was answered {status_of(answer)}")
        return expected.ids, answer

    @staticmethod
    def _compare(expected: frozenset[str], answer: Exchange) -> str:
        """'' when the answer holds exactly `expected`, else what differs."""
        got = set(ids_of(answer.data()))
        missing, extra = expected - got, got - expected
        parts = []
        if missing:
            parts.append(f"missing {len(missing)} ({short(missing)})")
        if extra:
            parts.append(f"{len(extra)} not expected ({short(extra)})")
        return "; ".join(parts)

    def _expect_refusal(self, check_id: str, answer: Exchange, kind: str) -> CheckResult:
        types = [str(e.get("type")) for e in answer.errors()]
        live = f"{answer.status} {', '.join(types)}".strip()
        if answer.status != 400:
            return self.result(check_id, Verdict.DIFFERS, live)
        if kind not in types:
            return self.result(check_id, Verdict.DIFFERS, live + f" (no {kind})")
        return self.result(check_id, Verdict.AGREES, live)
