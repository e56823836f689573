"""What the probe knows of the tenant: the customers of its first, largest page, and from them
the exact answer the spec predicts for a query.

The first page of a query without a filter is a prefix of the whole dataset in sort order. So
every customer whose name sorts before the last name of that page is known; a query whose
matches all lie in that region (the probe narrows it with `name.lessThan` when needed) has a
predictable answer, which is what lets each check compare instead of guess.
"""

from __future__ import annotations

import copy
from collections import Counter
from dataclasses import dataclass
from typing import Any

from tight_customers.probe._expect import Customer, code_point_key, matches

__all__ = ["Expectation", "Sample"]


@dataclass(frozen=True)
class Expectation:
    """A filter to send (the check's filter, narrowed to the known region) and the ids of the
    customers the spec says it returns."""

    filter: dict[str, Any]
    ids: frozenset[str]


class Sample:
    """The customers of one unfiltered first page, and whether it held the whole tenant."""

    def __init__(self, customers: list[Customer], complete: bool) -> None:
        ordered = sorted(customers, key=code_point_key)
        self.complete = complete
        # Exclusive upper bound on names of the known region (None: everything is known).
        self.end: str | None = None
        if not complete and ordered:
            self.end = str(ordered[-1].get("name"))
            ordered = [c for c in ordered if str(c.get("name")) < self.end]
        self.known: list[Customer] = ordered

    def __len__(self) -> int:
        return len(self.known)

    def expect(self, flt: dict[str, Any], cap: int) -> Expectation:
        """The customers `flt` selects in the known region, at most `cap` of them: the filter
        gains a `name.lessThan` bound when the region or the cap requires one."""
        found = [c for c in self.known if matches(c, flt)]
        upper = self.end
        if len(found) > cap:
            upper = str(found[cap].get("name"))
            found = [c for c in found if str(c.get("name")) < upper]
        narrowed = copy.deepcopy(flt)
        if upper is not None:
            name_ops = narrowed.setdefault("name", {})
            current = name_ops.get("lessThan")
            name_ops["lessThan"] = upper if current is None else min(current, upper)
        return Expectation(narrowed, frozenset(str(c.get("id")) for c in found))

    def names_with(self, name: str) -> frozenset[str]:
        """The ids of the known customers named exactly `name`."""
        return frozenset(str(c.get("id")) for c in self.known if c.get("name") == name)

    def first(self, count: int, skip: int = 0) -> list[str]:
        """The ids of known customers `skip` to `skip + count` in sort order."""
        return [str(c.get("id")) for c in self.known[skip : skip + count]]

    def statuses(self) -> list[str]:
        """The status values of the known customers, most common first."""
        counted = Counter(c.get("status") for c in self.known)
        return [s for s, _ in counted.most_common() if isinstance(s, str)]
