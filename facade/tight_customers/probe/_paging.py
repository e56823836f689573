"""Checks of paging: page sizes, sort order and tie-break, and cursors."""

from __future__ import annotations

import dataclasses

from tight_customers._exceptions import APIConnectionError
from tight_customers.probe._expect import Customer, fold_key, out_of_order
from tight_customers.probe._probing import (
    FILTER_CAP,
    SPEC_DEFAULT_LIMIT,
    SPEC_MAX_LIMIT,
    WALK_SIZE,
    FirstPageRefusedError,
    Probing,
    Undecided,
    ids_of,
    names_of,
    short,
    status_of,
)
from tight_customers.probe._report import CheckResult, Verdict
from tight_customers.probe._sample import Sample
from tight_customers.probe._wire import BudgetSpent, Exchange

__all__ = ["PagingChecks"]

# Likely caps tried when the API refuses limit 1000, before narrowing down.
_LIKELY_CAPS = (500, 250, 200, 100, 50, 25, 10)
_MAX_NARROWING = 3


class PagingChecks(Probing):
    """The first pages (the sample every check draws from) and the checks on paging."""

    # ------------------------------------------------------------------ the first pages

    def _read_first_page(self) -> None:
        """The page without a limit (for the default page size), then the largest page the
        API grants, which becomes the sample every later check picks its values from."""
        first = self.wire.query({})
        if first.status != 200:
            raise FirstPageRefusedError(first)
        self.first_page = self.biggest_page = first
        self.sample = Sample(first.data(), complete=first.cursor("after") is None)
        try:
            biggest = self._largest_page()
        except (Undecided, APIConnectionError, BudgetSpent) as failed:
            self.sizing_failed, biggest = str(failed), None
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
        if self.sizing_failed:
            raise Undecided(self.sizing_failed)
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
                a, b = names_of(customers)[wrong - 1 : wrong + 1]
                folded = out_of_order(customers, descending, key=lambda c: fold_key(c)[0]) < 0
                how = "ignoring case" if folded else "in neither code-point nor case-folded order"
                live = f"{label} orders names {how}: {a!r} before {b!r} at $.data[{wrong}]"
                return self.result("sort_order", Verdict.DIFFERS, live)
            names = sorted(set(names_of(customers)))
            witness = witness or names != sorted(names, key=str.casefold)
        desc = self._desc_page()
        if desc.status != 200:
            raise Undecided(f"the NAME DESC query was answered {status_of(desc)}")
        if self.sample.complete:
            tail = {str(c.get("id")) for c in self.sample.known[-len(desc.data()) :]}
            if desc.data() and set(ids_of(desc.data())) != tail:
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
                    live = f"{label}: customers named {name!r} come as {short(ids, 4)}"
                    return self.result("tie_break", Verdict.DIFFERS, live)
        if not groups:
            why = "no two customers read share a name"
            return self.result("tie_break", Verdict.UNDECIDED, "—", why)
        return self.result("tie_break", Verdict.AGREES, f"by id in {groups} groups of equal names")

    # ------------------------------------------------------------------ cursors

    def cursor_round_trip(self) -> CheckResult:
        total = len(self.sample.known)
        size = WALK_SIZE if total >= 3 * WALK_SIZE else max(1, total // 3)
        if total < 2:
            raise Undecided(f"{total} customer(s) read: no second page to walk to")
        problems: list[str] = []
        first = self._query({"sort": {"orderBy": "NAME"}, "limit": size})
        if first.status != 200:
            raise Undecided(f"the first page was answered {status_of(first)}")
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
                problems.append(f"page {number} was answered {status_of(page)}")
                break
            expected = set(self.sample.first(size, skip=size * (number - 1)))
            if set(ids_of(page.data())) != expected:
                problems.append(f"page {number} is not the next {size} customers")
            pages.append(page)
            before = page.cursor("before")
            if before is None:
                problems.append(f"page {number} has no `before` cursor")
                continue
            back = self._query({"cursor": before, "limit": size})
            previous = pages[-2]
            if back.status != 200 or ids_of(back.data()) != ids_of(previous.data()):
                problems.append(f"`before` of page {number} does not give page {number - 1} back")
        if problems:
            return self.result("cursor_round_trip", Verdict.DIFFERS, "; ".join(problems))
        live = f"pages of {size}: forward to page {len(pages)} and back, same pages"
        return self.result("cursor_round_trip", Verdict.AGREES, live)

    def _walk_cursor(self) -> str:
        cursor = self.walk_first.cursor("after") if self.walk_first is not None else None
        if cursor is None:
            raise Undecided("no `after` cursor was read to reuse")
        return cursor

    def cursor_other_filter(self) -> CheckResult:
        cursor = self._walk_cursor()
        status = self.status or "ACTIVE"
        answer = self._query({"cursor": cursor, "filter": {"status": {"in": [status]}}})
        refused = self._expect_refusal("cursor_other_filter", answer, "INVALID_VALUE")
        if refused.verdict is not Verdict.AGREES:
            return dataclasses.replace(refused, live=f"another filter: {refused.live}")
        other_sort = {"orderBy": "NAME", "direction": "DESC"}
        answer = self._query({"cursor": cursor, "sort": other_sort})
        by_sort = self._expect_refusal("cursor_other_filter", answer, "INVALID_VALUE")
        live = f"another filter: {refused.live}; another sort: {by_sort.live}"
        return dataclasses.replace(by_sort, live=live)

    def cursor_modified(self) -> CheckResult:
        cursor = self._walk_cursor()
        middle = len(cursor) // 2
        swapped = "B" if cursor[middle] != "B" else "C"
        answer = self._query({"cursor": cursor[:middle] + swapped + cursor[middle + 1 :]})
        return self._expect_refusal("cursor_modified", answer, "INVALID_VALUE")
