"""The sync and async twins are kept in step mechanically: the same public methods, the same
parameters (names, kinds, defaults, annotations up to sync/async spelling), and documented
alike. The `with_raw_response` methods take exactly what the plain methods take."""

from __future__ import annotations

import inspect
import re
from typing import Any

import pytest

from tight_customers import AsyncPage, AsyncTightClient, Page, TightClient
from tight_customers._drivers import AsyncDriver, SyncDriver
from tight_customers._resources import (
    AsyncCustomers,
    AsyncCustomersWithRawResponse,
    Customers,
    CustomersWithRawResponse,
)

TWINS = [
    (Customers, AsyncCustomers),
    (CustomersWithRawResponse, AsyncCustomersWithRawResponse),
    (Page, AsyncPage),
    (TightClient, AsyncTightClient),
    (SyncDriver, AsyncDriver),
]
# Methods whose async twin has another name.
RENAMED = {"close": "aclose", "__enter__": "__aenter__", "__exit__": "__aexit__"}
RENAMED.update({"__iter__": "__aiter__"})
# How the async spelling of an annotation reads in sync code.
_SYNC_SPELLING = [
    (r"\bAsyncGenerator\[(.+?), None\]", r"Iterator[\1]"),
    (r"\bAsyncIterator\b", "Iterator"),
    (r"\bAwaitable\[(.+)\]", r"\1"),
    (r"\bAsync(?=[A-Z])", ""),
    (r"httpx\.AsyncClient", "httpx.Client"),
    (r"anyio\.Lock", "threading.Lock"),
    (r"\bSyncDriver\b", "Driver"),
    (r"\bAsyncDriver\b", "Driver"),
    (r"\bGenerator\[(.+?), None, None\]", r"Iterator[\1]"),
]


def as_sync(annotation: Any) -> str:
    text = annotation if isinstance(annotation, str) else inspect.formatannotation(annotation)
    for pattern, replacement in _SYNC_SPELLING:
        text = re.sub(pattern, replacement, text)
    return text


def public_methods(cls: type) -> dict[str, Any]:
    names = [
        n
        for n, v in vars(cls).items()
        if callable(v) and (not n.startswith("_") or n in RENAMED or n in RENAMED.values())
    ]
    return {n: getattr(cls, n) for n in names}


def shape(func: Any) -> list[tuple[str, Any, str, str]]:
    sig = inspect.signature(func)
    return [
        (p.name, p.kind, repr(p.default), as_sync(p.annotation)) for p in sig.parameters.values()
    ]


@pytest.mark.parametrize(("sync", "async_"), TWINS, ids=lambda c: c.__name__)
def test_twins_have_the_same_methods(sync: type, async_: type) -> None:
    expected = {RENAMED.get(n, n) for n in public_methods(sync)}
    assert set(public_methods(async_)) == expected


@pytest.mark.parametrize(("sync", "async_"), TWINS, ids=lambda c: c.__name__)
def test_twin_methods_take_the_same_parameters(sync: type, async_: type) -> None:
    for name, method in public_methods(sync).items():
        twin = getattr(async_, RENAMED.get(name, name))
        assert shape(twin) == shape(method), f"{async_.__name__}.{twin.__name__}"
        sync_returns = as_sync(inspect.signature(method).return_annotation)
        async_returns = as_sync(inspect.signature(twin).return_annotation)
        assert async_returns == sync_returns, f"{async_.__name__}.{twin.__name__} returns"


@pytest.mark.parametrize(("sync", "async_"), TWINS, ids=lambda c: c.__name__)
def test_twins_are_documented_alike(sync: type, async_: type) -> None:
    assert sync.__doc__ and async_.__doc__
    assert sync.__name__ in async_.__doc__ or sync.__doc__ == async_.__doc__
    for name, method in public_methods(sync).items():
        if name.startswith("__"):
            continue
        twin = getattr(async_, RENAMED.get(name, name))
        assert method.__doc__ and twin.__doc__, f"{sync.__name__}.{name} or its twin"
        summary = inspect.cleandoc(method.__doc__).split("\n\n")[0]
        twin_summary = inspect.cleandoc(twin.__doc__).split("\n\n")[0]
        assert summary == twin_summary or f"see `{sync.__name__}" in twin_summary, (
            f"{async_.__name__}.{name}: the same summary, or one that points at its twin"
        )


@pytest.mark.parametrize(
    ("plain", "raw"),
    [(Customers, CustomersWithRawResponse), (AsyncCustomers, AsyncCustomersWithRawResponse)],
    ids=lambda c: c.__name__,
)
def test_raw_response_methods_take_what_the_plain_methods_take(plain: type, raw: type) -> None:
    for name in public_methods(raw):
        assert shape(getattr(raw, name)) == shape(getattr(plain, name)), name
        returns = inspect.signature(getattr(raw, name)).return_annotation
        assert (
            returns == f"RawResponse[{inspect.signature(getattr(plain, name)).return_annotation}]"
        )
