"""A deterministic generator of realistic customers in the wire format of openapi.yaml."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

__all__ = ["LABELS", "Segment", "generate_customers", "segment_forest"]

# (label id, name, requiredness) per depth of the forest.
LABELS: tuple[tuple[str, str, str], ...] = (
    ("cll_1001", "Region", "REQUIRED"),
    ("cll_1002", "Location", "REQUIRED"),
    ("cll_1003", "Job Site", "NOT_REQUIRED"),
    ("cll_1004", "Crew", "NOT_REQUIRED"),
)

_REGIONS = ("Mid-Atlantic", "Pacific Northwest", "Südwest", "Île-de-France", "Kantō", "Nordland")
_PLACES = (
    "Baltimore", "Richmond", "Seattle", "Portland", "Stuttgart", "Freiburg", "Paris",
    "Versailles", "東京", "Yokohama", "Tromsø", "Bodø", "Zürich", "São Paulo", "Kraków",
)  # fmt: skip
_SITES = ("Warehouse", "Harbour", "Tower", "Depot", "Plant", "Bâtiment", "Lager")
_CREWS = ("Alpha", "Bravo", "Charlie", "Δέλτα", "Echo")

_STEMS = (
    "Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Nakatomi", "Hooli", "Vandelay",
    "Müller", "Ærø", "Société Générale", "Łódź Logistics", "Straße & Weg", "Øresund", "Ñandú",
    "İzmir", "Ελληνική", "Москва", "東京商事", "Café Zoë", "Crème Brûlée", "Björk", "Škoda",
    "Ångström", "Dvořák", "Çelik", "Þór", "Naïve", "Élan", "zeta", "omega", "delta", "αλφα",
    "Soylent", "Tyrell", "Cyberdyne", "Wonka", "Oceanic", "Monarch", "Gringotts", "Aperture",
)  # fmt: skip
_SUFFIXES = ("", " Corp", " LLC", " GmbH", " & Sons", " Ltd", " S.A.", " AG", " Inc.", " KK")
_PEOPLE = (
    "Jane Smith", "José Álvarez", "Zoë Ådahl", "Ólafur Þórsson", "Chloé Dubois", "Łukasz Wójcik",
    "Søren Kierkegaard", "Mīlēna Ozola", "Ахмед Ибрагимов", "佐藤花子", "Noah Müller",
)  # fmt: skip
_DOMAINS = ("example.com", "example.org", "mail.example.net", "EXAMPLE.COM", "bücher.example")
_COUNTRIES = ("USA", "CAN", "GBR", "DEU", "FRA", "JPN", "BRA", "NOR", "POL", "ISR")
_UNKNOWN_STATUSES = ("ARCHIVED", "PENDING_REVIEW", "MERGED")
_NOT_SLUG = re.compile("[^a-z0-9]")
_EPOCH = datetime(2019, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Segment:
    """One node of the class-segment forest."""

    id: str
    name: str
    depth: int
    parent: str | None


def segment_forest(seed: int = 0) -> list[Segment]:
    """The fixed forest of class segments for `seed`: Region → Location → Job Site → Crew."""
    rng = random.Random(f"segments-{seed}")
    out: list[Segment] = []
    counter = iter(range(593000, 10**7))

    def grow(parent: Segment | None, depth: int) -> None:
        if depth == len(LABELS):
            return
        if depth == 0:
            names: list[str] = list(_REGIONS)
        else:
            pool = {1: _PLACES, 2: _SITES, 3: _CREWS}[depth]
            low = 0 if depth == 3 else 2
            names = rng.sample(pool, _int(rng, low, min(4, len(pool))))
        for name in names:
            seg = Segment(f"cls_{next(counter)}", name, depth, parent.id if parent else None)
            out.append(seg)
            grow(seg, depth + 1)

    grow(None, 0)
    return out


# A root-first path: (segment id, segment name, label id, label name, requiredness) per level.
_Path = tuple[tuple[str, str, str, str, str], ...]


def _chain(path: _Path) -> dict[str, Any]:
    """Nest a root-first path of segments into the wire chain (child null at the end)."""
    node: dict[str, Any] | None = None
    for sid, sname, lid, lname, req in reversed(path):
        label = {"id": lid, "name": lname, "requiredness": req}
        node = {"id": sid, "name": sname, "label": label, "child": node}
    assert node is not None
    return node


def _pick(rng: random.Random, seq: tuple[Any, ...] | list[Any]) -> Any:
    # random() is one C call; Random.choice/randint go through several Python frames each.
    return seq[int(rng.random() * len(seq))]


def _int(rng: random.Random, low: int, high: int) -> int:
    return low + int(rng.random() * (high - low + 1))


def _slug(name: str) -> str:
    return _NOT_SLUG.sub("", name.lower()) or "info"


def generate_customers(n: int, seed: int = 0) -> list[dict[str, Any]]:
    """`n` realistic customers in wire format (openapi.yaml `Customer`), the same for one `seed`.

    Names repeat, differ only in case, carry accents and non-Latin letters; optional fields are
    sometimes null, empty or absent; statuses are mostly ACTIVE, some INACTIVE and a few values a
    client may not know; each customer has 0 to 2 class-segment chains, 1 to 4 segments deep.
    """
    rng = random.Random(seed)
    forest = segment_forest(seed)
    by_id = {seg.id: seg for seg in forest}
    paths: list[_Path] = []
    for seg in forest:
        path = [seg]
        while path[0].parent is not None:
            path.insert(0, by_id[path[0].parent])
        paths.append(tuple((s.id, s.name, *LABELS[s.depth]) for s in path))
    ids = rng.sample(range(10_000_000, 100_000_000), n)
    names: list[str] = []
    customers: list[dict[str, Any]] = []
    for i in range(n):
        roll = rng.random()
        if names and roll < 0.05:
            name = _pick(rng, names)  # an exact duplicate
        elif names and roll < 0.09:
            other = _pick(rng, names)
            name = other.upper() if rng.random() < 0.5 else other.lower()
        elif roll < 0.2:
            name = _pick(rng, _PEOPLE)
            if rng.random() < 0.5:
                name = f"{name} {_int(rng, 1, 999)}"
        else:
            name = f"{_pick(rng, _STEMS)}{_pick(rng, _SUFFIXES)}"
            if rng.random() < 0.7:
                name = f"{name} {_int(rng, 1, 9999)}"
        names.append(name)
        customers.append(_customer(rng, f"cus_{ids[i]}", name, paths))
    return customers


def _customer(rng: random.Random, cid: str, name: str, paths: list[_Path]) -> dict[str, Any]:
    roll = rng.random()
    if roll < 0.85:
        status = "ACTIVE"
    elif roll < 0.97:
        status = "INACTIVE"
    else:
        status = _pick(rng, _UNKNOWN_STATUSES)
    slug = _slug(name)
    roll = rng.random()
    email: str | None
    if roll < 0.08:
        email = None
    elif roll < 0.1:
        email = ""
    else:
        local = _pick(rng, ("billing", "accounts", "info", "ap", slug[:12], "Rechnung", "zoë"))
        email = f"{local}@{slug[:16]}.{_pick(rng, _DOMAINS)}"
    doc: dict[str, Any] = {
        "id": cid,
        "name": name,
        "status": status,
        "additionalContactName": _pick(rng, _PEOPLE) if rng.random() < 0.4 else None,
        "businessName": f"{name} Holdings" if rng.random() < 0.5 else _pick(rng, (None, "")),
        "email": email,
        "ccEmails": [f"cc{k}@{slug[:10]}.example.com" for k in range(_pick(rng, (0, 0, 1, 2, 3)))],
        "bccEmails": [f"audit{k}@example.org" for k in range(_pick(rng, (0, 0, 0, 1, 2)))],
    }
    if rng.random() < 0.9:
        doc["invoiceSettings"] = {
            "invoicePrefix": _pick(rng, ("INV-", "RE-", "F", None, "")),
            "showAdditionalContactName": rng.random() < 0.3,
            "showBusinessName": rng.random() < 0.7,
            "showName": rng.random() < 0.9,
            "showEmail": rng.random() < 0.5,
            "showAddress": rng.random() < 0.6,
            "showPhoneWork": rng.random() < 0.2,
        }
    if rng.random() < 0.85:
        doc["address"] = {
            "countryCode": _pick(rng, (*_COUNTRIES, None)),
            "state": _pick(rng, ("MD", "VA", "WA", "BW", "Île-de-France", None)),
            "city": _pick(rng, (*_PLACES, None)),
            "zip": f"{_int(rng, 1000, 99999):05d}" if rng.random() < 0.9 else None,
            "phoneWork": f"+1-555-{_int(rng, 0, 9999):04d}" if rng.random() < 0.6 else None,
            "address1": f"{_int(rng, 1, 999)} Main St" if rng.random() < 0.9 else None,
            "address2": _pick(rng, (None, None, "Suite 100", "Étage 3", "")),
        }
    chains = _pick(rng, (0, 0, 1, 1, 1, 1, 2))
    if chains:
        doc["classSegments"] = [_chain(_pick(rng, paths)) for _ in range(chains)]
    elif rng.random() < 0.5:
        doc["classSegments"] = []
    created = _EPOCH + timedelta(seconds=_int(rng, 0, 5 * 365 * 86400))
    doc["createdDateTime"] = created.strftime("%Y-%m-%dT%H:%M:%SZ")
    roll = rng.random()
    if roll < 0.6:
        doc["customData"] = _custom_data(rng)
    elif roll < 0.8:
        doc["customData"] = {}
    return doc


def _custom_data(rng: random.Random) -> dict[str, Any]:
    r = rng.random
    out: dict[str, Any] = {}
    if r() < 0.6:
        out["internal_key"] = f"key_{_int(rng, 1, 10**6)}"
    if r() < 0.5:
        out["tier"] = _int(rng, 1, 5)
    if r() < 0.4:
        out["vip"] = r() < 0.1
    if r() < 0.4:
        out["score"] = round(r() * 100, 2)
    if r() < 0.3:
        out["tags"] = [t for t in ("wholesale", "retail", "export", "früh") if r() < 0.4]
    if r() < 0.2:
        out["meta"] = {"source": _pick(rng, ("import", "api", "manual")), "rev": _int(rng, 1, 9)}
    if r() < 0.1:
        out["note"] = None
    if r() < 0.05:
        out["big"] = 2**53 + _int(rng, 0, 1000)
    return out
