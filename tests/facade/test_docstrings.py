"""Docstring examples of the public names are present and correct.

Examples run against a real sandbox: their globals hold `sb` (the sandbox), `client` (a
`TightClient` bound to it), `customer_id` and `first_id` (the first customer's id), and the
public names. Only async examples are marked `+SKIP` (doctest has no top-level await); the
async twins are exercised by the usage guide and the tests.
"""

from __future__ import annotations

import doctest
import importlib
from collections.abc import Iterator
from typing import Any

import pytest

import tight_customers as tc

MODULES = [
    "tight_customers",
    "tight_customers._filters",
    "tight_customers._sort",
    "tight_customers._exceptions",
    "tight_customers._pagination",
    "tight_customers._resources",
    "tight_customers._response",
    "tight_customers._client",
    "tight_customers._env",
    "tight_customers._logging",
    "tight_customers._retry",
    "tight_customers._pacing",
]


@pytest.fixture(scope="module")
def doc_globals(monkeypatch_module: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    from tight_customers.sandbox import Sandbox

    with Sandbox(customers=700, seed=0) as sb:
        for name in ("TIGHT_CLIENT_ID", "TIGHT_CLIENT_SECRET", "TIGHT_USER_ID"):
            monkeypatch_module.delenv(name, raising=False)
        monkeypatch_module.setenv("TIGHT_API_TOKEN", sb.token)
        monkeypatch_module.setenv("TIGHT_BASE_URL", sb.url)
        with tc.TightClient(token=sb.token, base_url=sb.url) as client:
            first_id = sb.customers()[0]["id"]
            yield {
                **{name: getattr(tc, name) for name in tc.__all__},
                "sb": sb,
                "client": client,
                "customer_id": first_id,
                "first_id": first_id,
            }


@pytest.fixture(scope="module")
def monkeypatch_module() -> Iterator[pytest.MonkeyPatch]:
    with pytest.MonkeyPatch.context() as mp:
        yield mp


def run_examples(obj: Any, name: str, globs: dict[str, Any]) -> doctest.TestResults:
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in finder.find(obj, name, globs=dict(globs)):
        runner.run(test)
    return runner.summarize(verbose=False)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str, doc_globals: dict[str, Any]) -> None:
    module = importlib.import_module(name)
    result = run_examples(module, name, {**vars(module), **doc_globals})
    assert result.failed == 0


@pytest.mark.parametrize("name", sorted(set(tc.__all__) - {"__version__", "Customer"}))
def test_public_names_document_an_example(name: str, doc_globals: dict[str, Any]) -> None:
    obj = getattr(tc, name)
    doc = obj.__doc__ or ""
    assert "Example" in doc and ">>>" in doc, f"{name} needs a docstring with a short example"
    # Public classes name `tight_customers` as their module, which hides them from a module's
    # doctest run, so their examples (methods included) run here.
    home = importlib.import_module(tc._EXPORTS[name])
    result = run_examples(obj, f"tight_customers.{name}", {**vars(home), **doc_globals})
    assert result.failed == 0
