"""Checking the base URL a client is given, before any request uses it."""

from __future__ import annotations

import ipaddress
import re

import httpx

from tight_customers._constants import DEFAULT_BASE_URL

__all__ = ["check_base_url", "is_loopback"]

_USERINFO = re.compile(r"(//)[^/?#@]*@")


def _shown(value: str) -> str:
    """`value` for an error message: any user info (which may hold a password) masked."""
    return repr(_USERINFO.sub(r"\1***@", value))


def is_loopback(host: str) -> bool:
    """True only for `localhost` and loopback IP literals (127.0.0.0/8, ::1).

    Names under `.localhost` do not count: resolvers are free to send them to DNS.
    """
    host = host.lower()
    if host == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address):
        return address == ipaddress.IPv6Address("::1")
    return address in ipaddress.IPv4Network("127.0.0.0/8")


def check_base_url(value: object, allow_insecure_http: bool = False) -> str:
    """The API root without a trailing slash; `ValueError` for anything a path cannot follow."""
    if value is None:
        return DEFAULT_BASE_URL
    if not isinstance(value, str):
        raise TypeError(f"base_url must be a string, got {type(value).__name__}")
    try:
        url = httpx.URL(value)
    except httpx.InvalidURL as exc:
        detail = str(exc) if not _USERINFO.search(value) else "unparsable"
        raise ValueError(f"base_url is not a valid URL: {_shown(value)} ({detail})") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise ValueError(f"base_url must be an http(s) URL with a host, got {_shown(value)}")
    if url.userinfo or "@" in value.split("//", 1)[-1].split("/", 1)[0]:
        raise ValueError(
            f"base_url must not carry user info (user:password@), got {_shown(value)}; pass "
            "token= or client_id=/client_secret= instead"
        )
    if "?" in value or url.query:
        raise ValueError(
            f"base_url must not have a query string, got {_shown(value)}: every request path "
            "is appended to it"
        )
    if "#" in value or url.fragment:
        raise ValueError(f"base_url must not have a fragment (#...), got {_shown(value)}")
    if url.scheme == "http" and not allow_insecure_http and not is_loopback(url.host):
        raise ValueError(
            f"base_url {_shown(value)} is plain http:// to a host that is not loopback "
            "(localhost, 127.0.0.0/8, ::1): tokens and secrets would cross the network "
            "unencrypted. Use https://, or pass allow_insecure_http=True if you really mean it"
        )
    return value.rstrip("/")
