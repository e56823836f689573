"""Secrets stay out of logs, exception texts and reprs through every fault.

The whole suite is also checked by the autouse fixture in tests/conftest.py; these tests make
sure that net knows the sandbox's secrets, and look at everything one faulty session produces."""

from __future__ import annotations

import logging
import pickle

import pytest

import tight_customers as tc
from tests.conftest import KNOWN_SECRETS, leaked_secrets
from tests.resilience.conftest import Sleeps, client
from tight_customers.sandbox import Sandbox


def test_the_suite_wide_net_knows_the_sandbox_secrets(sandbox: Sandbox) -> None:
    assert sandbox.client_secret in KNOWN_SECRETS
    assert leaked_secrets(f"x {sandbox.token} y") == [sandbox.token]
    assert leaked_secrets(f"x {sandbox.issue_token()} y")


def test_no_secret_anywhere_through_every_fault(
    sandbox: Sandbox, no_sleep: Sleeps, caplog: pytest.LogCaptureFixture
) -> None:
    faults: list[int | str] = [
        500, 502, 503, 504, 429, "429-no-retry-after", "drop", "truncate", "html502", 400, 403,
        404, 418,
    ]  # fmt: skip
    sandbox.enqueue_faults(*faults)
    secret = sandbox.client_secret
    errors: list[tc.TightError] = []
    with (
        caplog.at_level(logging.DEBUG),
        client(
            sandbox, "hygiene", client_id=sandbox.client_id, client_secret=secret, max_retries=0
        ) as c,
    ):
        for _ in faults:
            with pytest.raises(tc.TightError) as info:
                c.customers.query(limit=3)
            errors.append(info.value)
        token = c._auth.current(c._driver.core.clock())
        assert token is not None
        page = c.customers.query(limit=3)
        sandbox.token_ttl = 0
        sandbox.expire_all_tokens()
        with pytest.raises(tc.AuthenticationError) as expired:
            c.customers.query(limit=3)
        errors.append(expired.value)
        objects = [c, c._options, c._driver.core, c._auth, c._driver, page, c.customers]
        reprs = " ".join(repr(o) for o in objects) + repr(c._options)
    assert len(errors) == len(faults) + 1
    texts = [f"{e} {e!r} {e.args!r} {vars(e)!r} {pickle.loads(pickle.dumps(e))}" for e in errors]
    texts += [r.getMessage() + repr(vars(r)) for r in caplog.records]
    texts.append(reprs)
    for text in texts:
        assert secret not in text and token not in text and not leaked_secrets(text)
