"""The battery: one method per inferred semantic, each asking the live API the fewest questions
that decide it, with probe values taken from the tenant's own customers."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from tight_customers.probe._catalog import CATALOG
from tight_customers.probe._expect import Customer, chain_ids, fold_key, out_of_order
from tight_customers.probe._report import CheckResult, Verdict
from tight_customers.probe._sample import Sample
from tight_customers.probe._spec import Deviation
from tight_customers.probe._wire import BudgetSpent, Exchange, Wire

__all__ = ["Battery", "FirstPageRefusedError"]

SPEC_DEFAULT_LIMIT = 100
SPEC_MAX_LIMIT = 1000
# Most customers one filter check expects back (kept small: every answer is validated).
FILTER_CAP = 100
# Page size of the cursor walks.
WALK_SIZE = 5
# Likely caps tried when the API refuses limit 1000, before narrowing down by halves.
_LIKELY_CAPS = (500, 250, 200, 100, 50, 25, 10)
_MAX_NARROWING = 3

# Announces the check about to run (for progress displays).
CheckCallback = Callable[[str], None]


def _ids(customers: list[Customer]) -> list[str]:
    return [str(c.get("id")) for c in customers]


def _names(customers: list[Customer]) -> list[str]:
    return [str(c.get("name")) for c in customers]


def _short(values: Any, limit: int = 3) -> str:
    items = sorted(values) if isinstance(values, set | frozenset) else list(values)
    shown = ", ".join(str(v) for v in items[:limit])
    return shown + (f" … (+{len(items) - limit})" if len(items) > limit else "")


class _Undecided(Exception):  # noqa: N818 - control flow, not an error
    """The data cannot decide the check; the message says why."""


class Battery:
    """Runs every check once over `wire`; `results` holds them in catalog order."""

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

    # ------------------------------------------------------------------ running

    def run(self) -> list[CheckResult]:
        """Every check; a check the budget cannot pay for is undecided."""
        steps: list[tuple[str, Callable[[], CheckResult]]] = [
            ("default_page_size", self.default_page_size),
            ("max_page_size", self.max_page_size),
            ("sort_order", self.sort_order),
            ("tie_break", self.tie_break),
            ("contain_case", self.contain_case),
            ("range_boundaries", self.range_boundaries),
            ("status_in", self.status_in),
            ("null_handling", self.null_handling),
            ("expand", self.expand),
            ("cursor_round_trip", self.cursor_round_trip),
            ("cursor_other_filter", self.cursor_other_filter),
            ("cursor_modified", self.cursor_modified),
            ("error_envelope", self.error_envelope),
            ("bad_token", self.bad_token),
            ("get_by_id", self.get_by_id),
        ]
        self._read_first_page()
        for check_id, step in steps:
            if self.on_check is not None:
                self.on_check(CATALOG[check_id].semantic)
            try:
                self.results[check_id] = step()
            except _Undecided as reason:
                self.results[check_id] = self.result(check_id, Verdict.UNDECIDED, "—", str(reason))
            except BudgetSpent as spent:
                why = f"{spent}; a larger max_requests decides it"
                self.results[check_id] = self.result(check_id, Verdict.UNDECIDED, "—", why)
        return list(self.results.values())

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
        answer = self.wire.query(body)
        if answer.status == 400:
            self.bad_requests.append(answer)
        return answer

    def _expect_filter(self, flt: dict[str, Any]) -> tuple[frozenset[str], Exchange]:
        """Send `flt` narrowed to the known region; (ids the spec predicts, the answer)."""
        expected = self.sample.expect(flt, min(FILTER_CAP, self.page_limit))
        answer = self._query({"filter": expected.filter, "limit": self.page_limit})
        if answer.status != 200:
            raise _Undecided(f"the filter {expected.filter} was answered {_status(answer)}")
        return expected.ids, answer

    @staticmethod
    def _compare(expected: frozenset[str], answer: Exchange) -> str:
        """'' when the answer holds exactly `expected`, else what differs."""
        got = set(_ids(answer.data()))
        missing, extra = expected - got, got - expected
        parts = []
        if missing:
            parts.append(f"missing {len(missing)} ({_short(missing)})")
        if extra:
            parts.append(f"{len(extra)} not expected ({_short(extra)})")
        return "; ".join(parts)

    # ------------------------------------------------------------------ the first pages

    def _read_first_page(self) -> None:
        """The page without a limit (for the default page size), then the largest page the
        API grants, which becomes the sample every later check picks its values from."""
        first = self._query({})
        if first.status != 200:
            raise FirstPageRefusedError(first)
        self.first_page = self.biggest_page = first
        self.sample = Sample(first.data(), complete=first.cursor("after") is None)
        biggest = self._largest_page()
        if biggest is not None and len(biggest.data()) >= len(first.data()):
            self.biggest_page = biggest
            self.sample = Sample(biggest.data(), complete=biggest.cursor("after") is None)

    def _largest_page(self) -> Exchange | None:
        """Ask for limit 1000; when refused, find the largest accepted limit (few requests)."""
        answer = self._try_limit(SPEC_MAX_LIMIT)
        if answer.status == 200:
            self.page_limit = SPEC_MAX_LIMIT
            return answer
        refused, accepted, best = SPEC_MAX_LIMIT, 0, None
        for cap in _LIKELY_CAPS:
            answer = self._try_limit(cap)
            if answer.status == 200:
                accepted, best = cap, answer
                break
            refused = cap
        for step in range(_MAX_NARROWING):
            if not accepted or refused - accepted <= 1:
                break
            # A round cap is likely exact: try one above it first, then halve the gap.
            middle = accepted + 1 if step == 0 else (accepted + refused) // 2
            answer = self._try_limit(middle)
            if answer.status == 200:
                accepted, best = middle, answer
            else:
                refused = middle
        self.page_limit = max(accepted, 1)
        return best

    def _try_limit(self, limit: int) -> Exchange:
        answer = self._query({"limit": limit})
        self.max_trace.append((limit, answer.status))
        return answer

    # ------------------------------------------------------------------ paging

    def default_page_size(self) -> CheckResult:
        page = self.first_page
        assert page is not None
        size, more = len(page.data()), page.cursor("after") is not None
        live = f"{size} customers" + (" and a next page" if more else ", no next page")
        if size == SPEC_DEFAULT_LIMIT and more:
            return self.result("default_page_size", Verdict.AGREES, live)
        if more or size > SPEC_DEFAULT_LIMIT:
            return self.result("default_page_size", Verdict.DIFFERS, f"default {size}; {live}")
        why = f"only {size} customers: any default of {SPEC_DEFAULT_LIMIT} or more looks the same"
        return self.result("default_page_size", Verdict.UNDECIDED, live, why)

    def max_page_size(self) -> CheckResult:
        trace = ", ".join(f"{limit}→{status}" for limit, status in self.max_trace)
        accepted = [limit for limit, status in self.max_trace if status == 200]
        if SPEC_MAX_LIMIT not in accepted:
            top = max(accepted, default=None)
            refused = min(
                (lim for lim, st in self.max_trace if st != 200 and (top is None or lim > top)),
                default=SPEC_MAX_LIMIT,
            )
            if top is None:
                live = f"no limit tried was accepted ({trace})"
            elif refused == top + 1:
                live = f"maximum {top} (limits tried: {trace})"
            else:
                live = f"maximum between {top} and {refused - 1} (limits tried: {trace})"
            return self.result("max_page_size", Verdict.DIFFERS, live)
        page = self.biggest_page
        assert page is not None
        size, more = len(page.data()), page.cursor("after") is not None
        above = self._query({"limit": SPEC_MAX_LIMIT + 1})
        live = f"limit 1000 gave {size}{' and a next page' if more else ''}; 1001→{above.status}"
        if above.status == 200:
            return self.result("max_page_size", Verdict.DIFFERS, live + ": accepts more than 1000")
        if above.status != 400:
            return self.result("max_page_size", Verdict.DIFFERS, live)
        if size < SPEC_MAX_LIMIT and more:
            return self.result("max_page_size", Verdict.DIFFERS, live + f": pages cap at {size}")
        if size < SPEC_MAX_LIMIT:
            why = f"limits are checked as stated, but {size} customers never fill a page of 1000"
            return self.result("max_page_size", Verdict.UNDECIDED, live, why)
        return self.result("max_page_size", Verdict.AGREES, live)

    # ------------------------------------------------------------------ order

    def _desc_page(self) -> Exchange:
        if self._desc is None:
            body = {"sort": {"orderBy": "NAME", "direction": "DESC"}, "limit": FILTER_CAP}
            self._desc = self._query(body)
        return self._desc

    def _ordered_pages(self) -> list[tuple[str, list[Customer], bool]]:
        """(label, customers, descending) of the pages read in a known order."""
        pages = []
        for label, page in (("first page", self.first_page), ("largest page", self.biggest_page)):
            if page is not None and page.status == 200:
                pages.append((f"{label} (no sort: NAME ASC)", page.data(), False))
        desc = self._desc_page()
        if desc.status == 200:
            pages.append(("NAME DESC page", desc.data(), True))
        return pages

    def sort_order(self) -> CheckResult:
        witness = False
        for label, customers, descending in self._ordered_pages():
            wrong = out_of_order(customers, descending, key=lambda c: str(c.get("name")))
            if wrong >= 0:
                a, b = _names(customers)[wrong - 1 : wrong + 1]
                folded = out_of_order(customers, descending, key=lambda c: fold_key(c)[0]) < 0
                how = "ignoring case" if folded else "in neither code-point nor case-folded order"
                live = f"{label} orders names {how}: {a!r} before {b!r} at $.data[{wrong}]"
                return self.result("sort_order", Verdict.DIFFERS, live)
            names = sorted(set(_names(customers)))
            witness = witness or names != sorted(names, key=str.casefold)
        desc = self._desc_page()
        if desc.status != 200:
            raise _Undecided(f"the NAME DESC query was answered {_status(desc)}")
        if self.sample.complete:
            tail = {str(c.get("id")) for c in self.sample.known[-len(desc.data()) :]}
            if desc.data() and set(_ids(desc.data())) != tail:
                live = "the NAME DESC page does not start at the last names"
                return self.result("sort_order", Verdict.DIFFERS, live)
        live = "code-point order, ASC without `sort`, DESC reversed"
        if not witness:
            why = "no names read whose order depends on letter case (e.g. 'b…' and 'C…')"
            return self.result("sort_order", Verdict.UNDECIDED, live, why)
        return self.result("sort_order", Verdict.AGREES, live)

    def tie_break(self) -> CheckResult:
        groups = 0
        for label, customers, descending in self._ordered_pages():
            by_name: dict[str, list[str]] = {}
            for customer in customers:
                by_name.setdefault(str(customer.get("name")), []).append(str(customer.get("id")))
            for name, ids in by_name.items():
                if len(ids) < 2:
                    continue
                groups += 1
                if ids != sorted(ids, reverse=descending):
                    live = f"{label}: customers named {name!r} come as {_short(ids, 4)}"
                    return self.result("tie_break", Verdict.DIFFERS, live)
        if not groups:
            why = "no two customers read share a name"
            return self.result("tie_break", Verdict.UNDECIDED, "—", why)
        return self.result("tie_break", Verdict.AGREES, f"by id in {groups} groups of equal names")

    # ------------------------------------------------------------------ filters

    def contain_case(self) -> CheckResult:
        pick = _mixed_case_probe(self.sample.known)
        if pick is None:
            raise _Undecided("no name read has letters whose case can be swapped")
        name, exact, swapped = pick
        same, answer = self._expect_filter({"name": {"equal": name, "contain": exact}})
        if self._compare(same, answer):
            live = f"contain {exact!r} does not find {name!r}: {self._compare(same, answer)}"
            return self.result("contain_case", Verdict.DIFFERS, live)
        expected, answer = self._expect_filter({"name": {"equal": name, "contain": swapped}})
        got = _ids(answer.data())
        if not got and expected:
            live = f"case-sensitive: contain {swapped!r} does not find {name!r}"
            return self.result("contain_case", Verdict.DIFFERS, live)
        problem = self._compare(expected, answer)
        if problem:
            return self.result("contain_case", Verdict.DIFFERS, f"contain {swapped!r}: {problem}")
        live = f"contain {swapped!r} finds {name!r}"
        return self.result("contain_case", Verdict.AGREES, live)

    def range_boundaries(self) -> CheckResult:
        names = sorted({str(c.get("name")) for c in self.sample.known})
        if len(names) < 2:
            raise _Undecided("fewer than two distinct names read")
        low, high = names[len(names) // 2 - 1], names[len(names) // 2]
        tests = (
            ({"greaterThan": low, "lessThanEqual": high}, high),
            ({"greaterThanEqual": low, "lessThan": high}, low),
        )
        for ops, only in tests:
            expected, answer = self._expect_filter({"name": ops})
            problem = self._compare(expected, answer)
            if problem:
                live = f"{ops}: {problem} (expected only the customers named {only!r})"
                return self.result("range_boundaries", Verdict.DIFFERS, live)
        live = f"between neighbours {low!r} and {high!r}: bounds as stated"
        return self.result("range_boundaries", Verdict.AGREES, live)

    def status_in(self) -> CheckResult:
        statuses = self.sample.statuses()
        if not statuses:
            raise _Undecided("no customer read has a status")
        self.status = status = statuses[0]
        checked = []
        for op in ("in", "notIn"):
            expected, answer = self._expect_filter({"status": {op: [status]}})
            problem = self._compare(expected, answer)
            if problem:
                live = f"{op} [{status}]: {problem}"
                return self.result("status_in", Verdict.DIFFERS, live)
            checked.append(f"{op} [{status}]: {len(expected)} as expected")
        if len(statuses) < 2:
            why = f"every customer read is {status}, so `notIn` had nothing to return"
            return self.result("status_in", Verdict.UNDECIDED, "; ".join(checked), why)
        return self.result("status_in", Verdict.AGREES, "; ".join(checked))

    def null_handling(self) -> CheckResult:
        known = self.sample.known
        nulls = [c for c in known if not isinstance(c.get("email"), str)]
        emails = [c.get("email") for c in known if isinstance(c.get("email"), str)]
        if not nulls:
            raise _Undecided("no customer read has a null or absent email")
        if not emails:
            raise _Undecided("no customer read has an email to compare with")
        start = {"greaterThanEqual": str(nulls[0].get("name"))}
        tests = (("notEqual", emails[0]), ("greaterThanEqual", ""))
        for op, operand in tests:
            flt = {"name": dict(start), "email": {op: operand}}
            expected, answer = self._expect_filter(flt)
            problem = self._compare(expected, answer)
            if problem:
                live = f"email {op} {operand!r}: {problem}"
                return self.result("null_handling", Verdict.DIFFERS, live)
        live = f"null emails ({len(nulls)} read) match notEqual, not greaterThanEqual ''"
        return self.result("null_handling", Verdict.AGREES, live)

    def expand(self) -> CheckResult:
        parent = _segment_with_children(self.sample.known)
        if parent is None:
            raise _Undecided("no customer read is assigned below another segment")
        answers = {}
        for flag in (False, True):
            flt = {"classSegments": {"expand": flag, "id": {"in": [parent]}}}
            expected, answer = self._expect_filter(flt)
            problem = self._compare(expected, answer)
            if problem:
                live = f"{parent} with expand {str(flag).lower()}: {problem}"
                return self.result("expand", Verdict.DIFFERS, live)
            answers[flag] = expected
        if answers[False] == answers[True]:
            why = f"the customers read under {parent} are all assigned to it directly"
            return self.result("expand", Verdict.UNDECIDED, "as stated", why)
        live = f"{parent}: {len(answers[False])} assigned, {len(answers[True])} with expand"
        return self.result("expand", Verdict.AGREES, live)

    # ------------------------------------------------------------------ cursors

    def cursor_round_trip(self) -> CheckResult:
        total = len(self.sample.known)
        size = WALK_SIZE if total >= 3 * WALK_SIZE else max(1, total // 3)
        if total < 2:
            raise _Undecided(f"{total} customer(s) read: no second page to walk to")
        problems: list[str] = []
        first = self._query({"sort": {"orderBy": "NAME"}, "limit": size})
        if first.status != 200:
            raise _Undecided(f"the first page was answered {_status(first)}")
        self.walk_first = first
        pages = [first]
        if first.cursor("before") is not None:
            problems.append("page 1 has a `before` cursor")
        for number in (2, 3):
            after = pages[-1].cursor("after")
            if after is None:
                problems.append(f"page {number - 1} has no `after` cursor")
                break
            page = self._query({"cursor": after, "limit": size})
            if page.status != 200:
                problems.append(f"page {number} was answered {_status(page)}")
                break
            expected = set(self.sample.first(size, skip=size * (number - 1)))
            if set(_ids(page.data())) != expected:
                problems.append(f"page {number} is not the next {size} customers")
            pages.append(page)
            before = page.cursor("before")
            if before is None:
                problems.append(f"page {number} has no `before` cursor")
                continue
            back = self._query({"cursor": before, "limit": size})
            previous = pages[-2]
            if back.status != 200 or _ids(back.data()) != _ids(previous.data()):
                problems.append(f"`before` of page {number} does not give page {number - 1} back")
        if problems:
            return self.result("cursor_round_trip", Verdict.DIFFERS, "; ".join(problems))
        live = f"pages of {size}: forward to page {len(pages)} and back, same pages"
        return self.result("cursor_round_trip", Verdict.AGREES, live)

    def _walk_cursor(self) -> str:
        cursor = self.walk_first.cursor("after") if self.walk_first is not None else None
        if cursor is None:
            raise _Undecided("no `after` cursor was read to reuse")
        return cursor

    def cursor_other_filter(self) -> CheckResult:
        cursor = self._walk_cursor()
        status = self.status or "ACTIVE"
        answer = self._query({"cursor": cursor, "filter": {"status": {"in": [status]}}})
        return self._expect_refusal("cursor_other_filter", answer, "INVALID_VALUE")

    def cursor_modified(self) -> CheckResult:
        cursor = self._walk_cursor()
        middle = len(cursor) // 2
        swapped = "B" if cursor[middle] != "B" else "C"
        answer = self._query({"cursor": cursor[:middle] + swapped + cursor[middle + 1 :]})
        return self._expect_refusal("cursor_modified", answer, "INVALID_VALUE")

    def _expect_refusal(self, check_id: str, answer: Exchange, kind: str) -> CheckResult:
        types = [str(e.get("type")) for e in answer.errors()]
        live = f"{answer.status} {', '.join(types)}".strip()
        if answer.status != 400:
            return self.result(check_id, Verdict.DIFFERS, live)
        if kind not in types:
            return self.result(check_id, Verdict.DIFFERS, live + f" (no {kind})")
        return self.result(check_id, Verdict.AGREES, live)

    # ------------------------------------------------------------------ errors

    def error_envelope(self) -> CheckResult:
        answer = self._query({"limit": 0, "filter": {"name": {"like": "probe"}}})
        problems = []
        if answer.status != 400:
            problems.append(f"an invalid request was answered {_status(answer)}")
        params = {e.get("param") for e in answer.errors()}
        wanted = {"limit", "filter.name.like"}
        if answer.status == 400 and len(answer.errors()) < 2:
            problems.append("reports one problem at a time, not every one at once")
        missing = [
            f"{a.label} $.error[{i}]"
            for a in self.bad_requests
            for i, item in enumerate(a.errors())
            if not isinstance(item.get("param"), str) or not item.get("param")
        ]
        if missing:
            problems.append(f"{len(missing)} error items name no `param` ({_short(missing, 2)})")
        elif answer.status == 400 and not wanted <= params:
            got = _short({str(p) for p in params})
            problems.append(f"params {got}, expected {', '.join(sorted(wanted))}")
        items = sum(len(a.errors()) for a in self.bad_requests)
        if problems:
            return self.result("error_envelope", Verdict.DIFFERS, "; ".join(problems))
        live = f"400, {len(answer.errors())} problems at once; {items} error items with a param"
        return self.result("error_envelope", Verdict.AGREES, live)

    def bad_token(self) -> CheckResult:
        answer = self.wire.query({"limit": 1}, token=f"probe-not-a-token-{secrets.token_hex(8)}")
        types = [str(e.get("type")) for e in answer.errors()]
        live = f"{answer.status} {', '.join(types)}".strip()
        if answer.status != 401 or not {"INVALID_TOKEN", "EXPIRED_TOKEN"} & set(types):
            return self.result("bad_token", Verdict.DIFFERS, live)
        return self.result("bad_token", Verdict.AGREES, live)

    def get_by_id(self) -> CheckResult:
        if not self.sample.known:
            raise _Undecided("no customer read to get")
        customer = self.sample.known[0]
        answer = self.wire.get(str(customer.get("id")))
        if answer.status != 200:
            live = f"{customer.get('id')}: {_status(answer)}"
            return self.result("get_by_id", Verdict.DIFFERS, live)
        data = answer.body.get("data") if isinstance(answer.body, dict) else None
        if data != customer:
            live = f"{customer.get('id')}: not the document the query returned"
            return self.result("get_by_id", Verdict.DIFFERS, live)
        missing = self.wire.get(f"cus_probe_missing_{secrets.token_hex(4)}")
        live = f"same document as the query; unknown id → {_status(missing)}"
        if missing.status != 404:
            return self.result("get_by_id", Verdict.DIFFERS, live)
        return self.result("get_by_id", Verdict.AGREES, live)


class FirstPageRefusedError(Exception):
    """The API refused the first query: nothing else can be checked."""

    def __init__(self, answer: Exchange) -> None:
        super().__init__(f"the first query was answered {_status(answer)}")
        self.answer = answer


def _status(answer: Exchange) -> str:
    first = answer.errors()[0] if answer.errors() else {}
    kind = f" {first.get('type')}" if first.get("type") else ""
    return f"{answer.status}{kind}"


def _mixed_case_probe(customers: list[Customer]) -> tuple[str, str, str] | None:
    """(name, a piece of it, that piece with its case swapped) for `contain`, preferring names
    with both cases; None when no name has a letter whose case can be swapped."""
    best: tuple[int, tuple[str, str, str]] | None = None
    for customer in customers:
        name = str(customer.get("name"))
        for start in range(max(1, len(name) - 3)):
            piece = name[start : start + 4]
            swapped = piece.swapcase()
            if swapped == piece or swapped.casefold() != piece.casefold() or swapped in name:
                continue
            score = int(any(ch.isupper() for ch in name)) + int(any(ch.islower() for ch in name))
            if best is None or score > best[0]:
                best = (score, (name, piece, swapped))
            break
        if best is not None and best[0] == 2:
            break
    return None if best is None else best[1]


def _segment_with_children(customers: list[Customer]) -> str | None:
    """The segment above the most assigned segments among `customers` (None: no chain has two
    levels)."""
    counts: dict[str, int] = {}
    for customer in customers:
        for ids in chain_ids(customer):
            for parent in ids[:-1]:
                counts[parent] = counts.get(parent, 0) + 1
    if not counts:
        return None
    # A deep parent keeps the expected answers small; the count keeps them telling.
    return max(counts, key=lambda seg: (counts[seg] > 1, -counts[seg], seg))
