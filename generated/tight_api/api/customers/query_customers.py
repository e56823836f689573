from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.customer_page import CustomerPage
from ...models.customer_query import CustomerQuery
from ...models.error_result import ErrorResult
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: CustomerQuery | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v6/customers/query",
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CustomerPage | ErrorResult | None:
    if response.status_code == 200:
        response_200 = CustomerPage.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResult.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResult.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorResult.from_dict(response.json())

        return response_403

    if response.status_code == 429:
        response_429 = ErrorResult.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorResult.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = ErrorResult.from_dict(response.json())

        return response_503

    if response.status_code == 504:
        response_504 = ErrorResult.from_dict(response.json())

        return response_504

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CustomerPage | ErrorResult]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CustomerQuery | Unset = UNSET,
) -> Response[CustomerPage | ErrorResult]:
    """Query customers for the authenticated user

     Returns one page of customers that match `filter`, in `sort` order.

    Pagination: pass `cursor.after` of a response as `cursor` to get the next page, or
    `cursor.before` to get the previous page; the cursor encodes its direction.
    **(inferred)** Cursors are opaque and tamper-evident (a modified cursor gets 400
    `INVALID_VALUE` with `param: "cursor"`) and bound to the `filter` and `sort` they were
    issued for: a request whose `filter` or `sort` differs from the cursor's gets 400
    `INVALID_VALUE` with `param: "cursor"`; a request that sends only `cursor` (and `limit`)
    continues the cursor's own query. Pages are keyset-based: walking forward with `after` or
    backward with `before` visits every record exactly once, and inserts or deletes between
    requests never duplicate or skip a record that exists unchanged throughout.

    Args:
        body (CustomerQuery | Unset): Body of `POST /v6/customers/query`. Every member is
            optional.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CustomerPage | ErrorResult]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: CustomerQuery | Unset = UNSET,
) -> CustomerPage | ErrorResult | None:
    """Query customers for the authenticated user

     Returns one page of customers that match `filter`, in `sort` order.

    Pagination: pass `cursor.after` of a response as `cursor` to get the next page, or
    `cursor.before` to get the previous page; the cursor encodes its direction.
    **(inferred)** Cursors are opaque and tamper-evident (a modified cursor gets 400
    `INVALID_VALUE` with `param: "cursor"`) and bound to the `filter` and `sort` they were
    issued for: a request whose `filter` or `sort` differs from the cursor's gets 400
    `INVALID_VALUE` with `param: "cursor"`; a request that sends only `cursor` (and `limit`)
    continues the cursor's own query. Pages are keyset-based: walking forward with `after` or
    backward with `before` visits every record exactly once, and inserts or deletes between
    requests never duplicate or skip a record that exists unchanged throughout.

    Args:
        body (CustomerQuery | Unset): Body of `POST /v6/customers/query`. Every member is
            optional.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CustomerPage | ErrorResult
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CustomerQuery | Unset = UNSET,
) -> Response[CustomerPage | ErrorResult]:
    """Query customers for the authenticated user

     Returns one page of customers that match `filter`, in `sort` order.

    Pagination: pass `cursor.after` of a response as `cursor` to get the next page, or
    `cursor.before` to get the previous page; the cursor encodes its direction.
    **(inferred)** Cursors are opaque and tamper-evident (a modified cursor gets 400
    `INVALID_VALUE` with `param: "cursor"`) and bound to the `filter` and `sort` they were
    issued for: a request whose `filter` or `sort` differs from the cursor's gets 400
    `INVALID_VALUE` with `param: "cursor"`; a request that sends only `cursor` (and `limit`)
    continues the cursor's own query. Pages are keyset-based: walking forward with `after` or
    backward with `before` visits every record exactly once, and inserts or deletes between
    requests never duplicate or skip a record that exists unchanged throughout.

    Args:
        body (CustomerQuery | Unset): Body of `POST /v6/customers/query`. Every member is
            optional.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CustomerPage | ErrorResult]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CustomerQuery | Unset = UNSET,
) -> CustomerPage | ErrorResult | None:
    """Query customers for the authenticated user

     Returns one page of customers that match `filter`, in `sort` order.

    Pagination: pass `cursor.after` of a response as `cursor` to get the next page, or
    `cursor.before` to get the previous page; the cursor encodes its direction.
    **(inferred)** Cursors are opaque and tamper-evident (a modified cursor gets 400
    `INVALID_VALUE` with `param: "cursor"`) and bound to the `filter` and `sort` they were
    issued for: a request whose `filter` or `sort` differs from the cursor's gets 400
    `INVALID_VALUE` with `param: "cursor"`; a request that sends only `cursor` (and `limit`)
    continues the cursor's own query. Pages are keyset-based: walking forward with `after` or
    backward with `before` visits every record exactly once, and inserts or deletes between
    requests never duplicate or skip a record that exists unchanged throughout.

    Args:
        body (CustomerQuery | Unset): Body of `POST /v6/customers/query`. Every member is
            optional.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CustomerPage | ErrorResult
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
