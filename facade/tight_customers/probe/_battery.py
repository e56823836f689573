"""The battery: one method per inferred semantic, each asking the live API the fewest questions
that decide it, with probe values taken from the tenant's own customers."""

from __future__ import annotations

from collections.abc import Callable

from tight_customers._exceptions import APIConnectionError
from tight_customers.probe._catalog import CATALOG
from tight_customers.probe._errors import ErrorChecks
from tight_customers.probe._filtering import FilterChecks
from tight_customers.probe._paging import PagingChecks
from tight_customers.probe._probing import FirstPageRefusedError, Undecided
from tight_customers.probe._report import CheckResult, Verdict
from tight_customers.probe._wire import BudgetSpent

__all__ = ["Battery", "FirstPageRefusedError"]


class Battery(PagingChecks, FilterChecks, ErrorChecks):
    """Runs every check once over `wire`; `results` holds them in run order."""

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
            except Undecided as reason:
                self.results[check_id] = self.result(check_id, Verdict.UNDECIDED, "—", str(reason))
            except BudgetSpent as spent:
                why = f"{spent}; a larger max_requests decides it"
                self.results[check_id] = self.result(check_id, Verdict.UNDECIDED, "—", why)
            except APIConnectionError as failed:
                why = f"a request failed ({failed}); run the probe again"
                self.results[check_id] = self.result(check_id, Verdict.UNDECIDED, "—", why)
        return list(self.results.values())
