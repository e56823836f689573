"""Class segments: follow a customer's chains and merge many customers into one tree.

Each customer carries `classSegments`: a list of *chains*, each a root segment whose `child`
leads down to the segment the customer is assigned to. Everything here works on the generated
models (`tight_api.models.Customer`, `ClassSegment`) and on plain wire dicts alike, never
recurses (chains of any depth are fine), and never raises for bad segment data: it warns with
`SegmentDataWarning` and records what it met.

>>> from tight_customers import segments
>>> seg = {"id": "cls_1", "name": "Mid-Atlantic", "child": {"id": "cls_2", "name": "DC"}}
>>> segments.path(seg), segments.depth(seg), segments.leaf(seg)["id"]
(['Mid-Atlantic', 'DC'], 2, 'cls_2')
>>> tree = segments.SegmentTree.from_customers([{"id": "cus_1", "classSegments": [seg]}])
>>> [c["id"] for c in tree.customers_in("cls_1")]
['cus_1']
"""

from tight_customers.segments._access import CustomerLike, SegmentLike
from tight_customers.segments._chain import (
    DEFAULT_SEP,
    assigned,
    chain,
    chains,
    depth,
    joined_path,
    leaf,
    path,
)
from tight_customers.segments._models import (
    SegmentConflict,
    SegmentDataWarning,
    SegmentLabel,
    SegmentNode,
    SegmentProblem,
)
from tight_customers.segments._tree import SegmentTree

__all__ = [
    "DEFAULT_SEP",
    "CustomerLike",
    "SegmentConflict",
    "SegmentDataWarning",
    "SegmentLabel",
    "SegmentLike",
    "SegmentNode",
    "SegmentProblem",
    "SegmentTree",
    "assigned",
    "chain",
    "chains",
    "depth",
    "joined_path",
    "leaf",
    "path",
]
