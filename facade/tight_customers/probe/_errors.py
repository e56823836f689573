"""Checks of failures and single reads: the error envelope, a bad token, get by id."""

from __future__ import annotations

import secrets

from tight_customers.probe._probing import (
    Probing,
    Undecided,
    settled,
    short,
    status_of,
)
from tight_customers.probe._report import CheckResult, Verdict

__all__ = ["ErrorChecks"]


class ErrorChecks(Probing):
    """What the API answers to requests that must fail, and to a get."""

    def error_envelope(self) -> CheckResult:
        answer = self._query({"limit": 0, "filter": {"name": {"like": "probe"}}})
        problems = []
        if answer.status != 400:
            problems.append(f"an invalid request was answered {status_of(answer)}")
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
            problems.append(f"{len(missing)} error items name no `param` ({short(missing, 2)})")
        elif answer.status == 400 and not wanted <= params:
            got = short({str(p) for p in params})
            problems.append(f"params {got}, expected {', '.join(sorted(wanted))}")
        items = sum(len(a.errors()) for a in self.bad_requests)
        if problems:
            return self.result("error_envelope", Verdict.DIFFERS, "; ".join(problems))
        live = f"400, {len(answer.errors())} problems at once; {items} error items with a param"
        return self.result("error_envelope", Verdict.AGREES, live)

    def bad_token(self) -> CheckResult:
        bad = f"probe-not-a-token-{secrets.token_hex(8)}"
        answer = settled(self.wire.query({"limit": 1}, token=bad))
        types = [str(e.get("type")) for e in answer.errors()]
        live = f"{answer.status} {', '.join(types)}".strip()
        if answer.status != 401 or not {"INVALID_TOKEN", "EXPIRED_TOKEN"} & set(types):
            return self.result("bad_token", Verdict.DIFFERS, live)
        return self.result("bad_token", Verdict.AGREES, live)

    def get_by_id(self) -> CheckResult:
        if not self.sample.known:
            raise Undecided("no customer read to get")
        customer = self.sample.known[0]
        answer = settled(self.wire.get(str(customer.get("id"))))
        if answer.status != 200:
            live = f"{customer.get('id')}: {status_of(answer)}"
            return self.result("get_by_id", Verdict.DIFFERS, live)
        data = answer.body.get("data") if isinstance(answer.body, dict) else None
        if data != customer:
            live = f"{customer.get('id')}: not the document the query returned"
            return self.result("get_by_id", Verdict.DIFFERS, live)
        missing = settled(self.wire.get(f"cus_probe_missing_{secrets.token_hex(4)}"))
        live = f"same document as the query; unknown id → {status_of(missing)}"
        if missing.status != 404:
            return self.result("get_by_id", Verdict.DIFFERS, live)
        return self.result("get_by_id", Verdict.AGREES, live)
