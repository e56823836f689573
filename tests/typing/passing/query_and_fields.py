"""A user's script: query, iterate, read nested fields, without a single Unset check."""

from __future__ import annotations

import datetime

from tight_customers import (
    Address,
    ClassSegment,
    Customer,
    CustomerStatus,
    F,
    Page,
    Sort,
    TightClient,
)


def email_domains(client: TightClient) -> set[str]:
    page: Page[Customer] = client.customers.query(
        filter=F.status.in_([CustomerStatus.ACTIVE, "ON_HOLD"]) & F.name.contains("co"),
        sort=Sort("NAME", "DESC"),
        limit=50,
    )
    domains: set[str] = set()
    for customer in page.data:
        if customer.email is not None:
            domains.add(customer.email.split("@")[1])
    return domains


def cities(client: TightClient) -> list[str]:
    found: list[str] = []
    for customer in client.customers.iterate(filter=F.status == "ACTIVE", page_size=200):
        address: Address | None = customer.address
        if address is not None and address.city is not None:
            found.append(address.city.title())
    return found


def created_years(client: TightClient) -> dict[str, int]:
    years: dict[str, int] = {}
    for page in client.customers.pages(sort=Sort("NAME")):
        for customer in page:
            created: datetime.datetime | None = customer.created_date_time
            if created is not None:
                years[customer.id] = created.year
    return years


def first_segment_names(customer: Customer) -> list[str]:
    names: list[str] = []
    for root in customer.class_segments or []:
        segment: ClassSegment | None = root
        while segment is not None:
            names.append(segment.name or segment.id)
            segment = segment.child
    return names


def status_text(customer: Customer) -> str:
    status: CustomerStatus | str = customer.status
    return status.lower()


def round_trip(customer: Customer) -> str:
    wire: dict[str, object] = customer.to_dict()
    assert wire["id"] == customer.id
    return customer.to_json(indent=2)


def neighbours(page: Page[Customer]) -> tuple[str | None, str | None, bool]:
    after: str | None = page.after
    nxt = page.next()
    return after, page.before, nxt is not None and nxt.has_previous
