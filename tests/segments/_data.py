"""Small hand-made segment fixtures shared by the segment tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tight_api.models import ClassSegment, Customer
from tight_customers.segments import SegmentNode, SegmentTree

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

REGION = {"id": "cll_4521", "name": "Region", "requiredness": "NOT_REQUIRED"}
LOCATION = {"id": "cll_4522", "name": "Location", "requiredness": "NOT_REQUIRED"}
SITE = {"id": "cll_4523", "name": "Job Site", "requiredness": "REQUIRED"}

# id -> (name, label, parent id)
FOREST: dict[str, tuple[str, dict[str, str], str | None]] = {
    "R1": ("Mid-Atlantic", REGION, None),
    "L1": ("District of Columbia, DC", LOCATION, "R1"),
    "J1": ("1611 Connecticut Ave", SITE, "L1"),
    "J2": ("900 K St", SITE, "L1"),
    "L2": ("Baltimore, MD", LOCATION, "R1"),
    "R2": ("Pacific", REGION, None),
}


def seg_chain(*ids: str, end: object = None) -> dict[str, Any]:
    """A wire chain through `ids` (root first) whose last `child` is `end`."""
    child: object = end
    for sid in reversed(ids):
        name, label, _ = FOREST[sid]
        child = {"id": sid, "name": name, "label": dict(label), "child": child}
    assert isinstance(child, dict)
    return child


def customer(cid: str, *chains: dict[str, Any] | object) -> dict[str, Any]:
    return {"id": cid, "name": cid, "status": "ACTIVE", "classSegments": list(chains)}


def docs_response() -> dict[str, Any]:
    result: dict[str, Any] = json.loads(
        (FIXTURES / "docs_query_response.json").read_text(encoding="utf-8")
    )
    return result


def deep_dict_chain(n: int) -> dict[str, Any]:
    """A wire chain `n` segments deep, built bottom-up without recursion."""
    child: dict[str, Any] | None = None
    for i in reversed(range(n)):
        child = {"id": f"cls_{i}", "name": f"level {i}", "child": child}
    assert child is not None
    return child


def deep_model_chain(n: int) -> ClassSegment:
    """A generated-model chain `n` segments deep, built bottom-up (from_dict would recurse)."""
    child: ClassSegment | None = None
    for i in reversed(range(n)):
        child = ClassSegment(id=f"cls_{i}", name=f"level {i}", child=child)
    assert child is not None
    return child


def as_model(data: dict[str, Any]) -> Customer:
    return Customer.from_dict(data)


def found(tree: SegmentTree[Any], segment_id: str) -> SegmentNode[Any]:
    """`tree.find(segment_id)`, which the test expects to be there."""
    node = tree.find(segment_id)
    assert node is not None, f"{segment_id} is not in the tree"
    return node
