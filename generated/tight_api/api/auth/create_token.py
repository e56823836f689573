from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_result import ErrorResult
from ...models.token_request import TokenRequest
from ...models.token_response import TokenResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: TokenRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v6/auth/token",
    }

    if not isinstance(body, Unset):
        _kwargs["data"] = body.to_dict()
    headers["Content-Type"] = "application/x-www-form-urlencoded"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResult | TokenResponse | None:
    if response.status_code == 200:
        response_200 = TokenResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResult.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResult.from_dict(response.json())

        return response_401

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
) -> Response[ErrorResult | TokenResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: TokenRequest | Unset = UNSET,
) -> Response[ErrorResult | TokenResponse]:
    """Obtain an access token

     Exchange partner client credentials (HTTP Basic `client_id:client_secret`) for a bearer
    token. Tokens live `expires_in` seconds (3600 by default). Every other call sends
    `Authorization: Bearer <access_token>`.

    The form body is optional: every member has a default, and an empty form body (zero
    bytes) cannot be told apart from no body on the wire; either is a `client_credentials`
    request for a partner-level `write` token.

    Args:
        body (TokenRequest | Unset): Form body of `POST /v6/auth/token`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResult | TokenResponse]
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
    client: AuthenticatedClient,
    body: TokenRequest | Unset = UNSET,
) -> ErrorResult | TokenResponse | None:
    """Obtain an access token

     Exchange partner client credentials (HTTP Basic `client_id:client_secret`) for a bearer
    token. Tokens live `expires_in` seconds (3600 by default). Every other call sends
    `Authorization: Bearer <access_token>`.

    The form body is optional: every member has a default, and an empty form body (zero
    bytes) cannot be told apart from no body on the wire; either is a `client_credentials`
    request for a partner-level `write` token.

    Args:
        body (TokenRequest | Unset): Form body of `POST /v6/auth/token`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResult | TokenResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: TokenRequest | Unset = UNSET,
) -> Response[ErrorResult | TokenResponse]:
    """Obtain an access token

     Exchange partner client credentials (HTTP Basic `client_id:client_secret`) for a bearer
    token. Tokens live `expires_in` seconds (3600 by default). Every other call sends
    `Authorization: Bearer <access_token>`.

    The form body is optional: every member has a default, and an empty form body (zero
    bytes) cannot be told apart from no body on the wire; either is a `client_credentials`
    request for a partner-level `write` token.

    Args:
        body (TokenRequest | Unset): Form body of `POST /v6/auth/token`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResult | TokenResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: TokenRequest | Unset = UNSET,
) -> ErrorResult | TokenResponse | None:
    """Obtain an access token

     Exchange partner client credentials (HTTP Basic `client_id:client_secret`) for a bearer
    token. Tokens live `expires_in` seconds (3600 by default). Every other call sends
    `Authorization: Bearer <access_token>`.

    The form body is optional: every member has a default, and an empty form body (zero
    bytes) cannot be told apart from no body on the wire; either is a `client_credentials`
    request for a partner-level `write` token.

    Args:
        body (TokenRequest | Unset): Form body of `POST /v6/auth/token`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResult | TokenResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
