"""A user's script: the segment helpers, error handling and raw-dict filters and sorts."""

from __future__ import annotations

from tight_customers import (
    APIError,
    AsyncTightClient,
    ClassLabel,
    Customer,
    NotFoundError,
    RateLimitError,
    RawFilter,
    RawSort,
    ResponseParseError,
    TightClient,
    TightError,
    segments,
)


def segment_paths(customer: Customer) -> list[str]:
    paths: list[str] = []
    for chain in customer.class_segments or []:
        paths.append(" > ".join(segments.path(chain)))
        leaf = segments.leaf(chain)
        if leaf is not None and leaf.label is not None:
            label: ClassLabel = leaf.label
            paths.append(label.name or label.id)
    return paths


def tree_report(customers: list[Customer]) -> str:
    tree = segments.SegmentTree.from_customers(customers)
    lines = [f"{node.name}: {tree.count_in(node.id)}" for node in tree.roots]
    return "\n".join(lines) + tree.render(max_depth=1)


def lookup(client: TightClient, customer_id: str) -> str:
    try:
        return client.customers.get(customer_id).name
    except NotFoundError as exc:
        return f"missing ({exc.status_code}: {exc.errors[0].message})"
    except RateLimitError as exc:
        return f"slow down for {exc.retry_after}"
    except ResponseParseError as exc:
        return f"unreadable: {exc}"
    except APIError as exc:
        return f"{exc.status_code} {[e.param for e in exc.errors]}"
    except TightError as exc:
        return str(exc)


def raw_query(client: TightClient) -> int:
    flt: RawFilter = {
        "name": {"greaterThanEqual": "A", "lessThan": "N"},
        "status": {"in": ["ACTIVE"]},
        "classSegments": {"expand": True, "id": {"in": ["cls_593051"]}},
    }
    order: RawSort = {"orderBy": "NAME", "direction": "DESC"}
    page = client.customers.query(filter=flt, sort=order, limit=10)
    inline = client.customers.query(
        filter={"email": {"contain": "@acme"}}, sort={"orderBy": "NAME"}
    )
    return len(page.data) + len(inline.data)


async def async_names(client: AsyncTightClient) -> list[str]:
    names: list[str] = []
    async for customer in client.customers.iterate(filter={"status": {"notIn": ["INACTIVE"]}}):
        names.append(customer.name)
    page = await client.customers.query(limit=1)
    return names + [c.name for c in page.data]
