"""A customer nested deeper than the sandbox can serialize is refused with a clear ValueError."""

from __future__ import annotations

from typing import Any

import pytest

from tight_customers.sandbox import Sandbox


def deep_chain(depth: int) -> dict[str, Any]:
    node: dict[str, Any] | None = None
    for level in reversed(range(depth)):
        node = {"id": f"cls_{level}", "name": f"L{level}", "child": node}
    assert node is not None
    return node


def test_a_100000_deep_chain_is_refused_by_name() -> None:
    sb = Sandbox(customers=1, seed=0)
    customer = {"id": "cus_deep", "name": "Deep", "classSegments": [deep_chain(100_000)]}
    with pytest.raises(ValueError, match=r"cus_deep.*nested deeper"):
        sb.insert_customer(customer)
    with pytest.raises(KeyError):
        sb.get_customer("cus_deep")


def test_a_chain_of_a_hundred_segments_is_stored() -> None:
    sb = Sandbox(customers=1, seed=0)
    customer = {"id": "cus_deepish", "name": "Deepish", "classSegments": [deep_chain(100)]}
    stored = sb.insert_customer(customer)
    assert stored["classSegments"] == customer["classSegments"]
