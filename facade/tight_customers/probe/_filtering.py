"""Checks of filters: `contain` and case, ranges, `in`/`notIn`, nulls, `expand`."""

from __future__ import annotations

from tight_customers.probe._expect import Customer, chain_ids
from tight_customers.probe._probing import (
    Probing,
    Undecided,
    ids_of,
)
from tight_customers.probe._report import CheckResult, Verdict

__all__ = ["FilterChecks"]


class FilterChecks(Probing):
    """Each filter semantic, with probe values taken from the sample."""

    def contain_case(self) -> CheckResult:
        pick = _mixed_case_probe(self.sample.known)
        if pick is None:
            raise Undecided("no name read has letters whose case can be swapped")
        name, exact, swapped = pick
        same, answer = self._expect_filter({"name": {"equal": name, "contain": exact}})
        if self._compare(same, answer):
            live = f"contain {exact!r} does not find {name!r}: {self._compare(same, answer)}"
            return self.result("contain_case", Verdict.DIFFERS, live)
        expected, answer = self._expect_filter({"name": {"equal": name, "contain": swapped}})
        got = ids_of(answer.data())
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
            raise Undecided("fewer than two distinct names read")
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
            raise Undecided("no customer read has a status")
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
            raise Undecided("no customer read has a null or absent email")
        if not emails:
            raise Undecided("no customer read has an email to compare with")
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
            raise Undecided("no customer read is assigned below another segment")
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
