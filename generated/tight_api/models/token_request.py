from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.grant_type import GrantType
from ..models.token_scope import TokenScope
from ..types import UNSET, Unset

T = TypeVar("T", bound="TokenRequest")


@_attrs_define
class TokenRequest:
    """Form body of `POST /v6/auth/token`.

    Attributes:
        grant_type (GrantType | Unset): The OAuth grant. `client_credentials` is the default.
        user_id (str | Unset): The partner's own id for the business owner. Omitted, the token is partner-level and
            reaches all companies.
        scope (TokenScope | Unset): `read` gives a read-only token; `write` (the default) a read-write one.
        code (str | Unset): The authorization code (grant `authorization_code` only).
        redirect_uri (str | Unset): The redirect URI used to obtain `code` (grant `authorization_code` only).
        code_verifier (str | Unset): The PKCE code verifier (grant `authorization_code` only).
        refresh_token (str | Unset): The refresh token (grant `refresh_token` only).
    """

    grant_type: GrantType | Unset = UNSET
    user_id: str | Unset = UNSET
    scope: TokenScope | Unset = UNSET
    code: str | Unset = UNSET
    redirect_uri: str | Unset = UNSET
    code_verifier: str | Unset = UNSET
    refresh_token: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        grant_type: str | Unset = UNSET
        if not isinstance(self.grant_type, Unset):
            grant_type = self.grant_type.value

        user_id = self.user_id

        scope: str | Unset = UNSET
        if not isinstance(self.scope, Unset):
            scope = self.scope.value

        code = self.code

        redirect_uri = self.redirect_uri

        code_verifier = self.code_verifier

        refresh_token = self.refresh_token

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if grant_type is not UNSET:
            field_dict["grant_type"] = grant_type
        if user_id is not UNSET:
            field_dict["userId"] = user_id
        if scope is not UNSET:
            field_dict["scope"] = scope
        if code is not UNSET:
            field_dict["code"] = code
        if redirect_uri is not UNSET:
            field_dict["redirect_uri"] = redirect_uri
        if code_verifier is not UNSET:
            field_dict["code_verifier"] = code_verifier
        if refresh_token is not UNSET:
            field_dict["refresh_token"] = refresh_token

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _grant_type = d.pop("grant_type", UNSET)
        grant_type: GrantType | Unset
        if isinstance(_grant_type, Unset):
            grant_type = UNSET
        else:
            grant_type = GrantType(_grant_type)

        user_id = d.pop("userId", UNSET)

        _scope = d.pop("scope", UNSET)
        scope: TokenScope | Unset
        if isinstance(_scope, Unset):
            scope = UNSET
        else:
            scope = TokenScope(_scope)

        code = d.pop("code", UNSET)

        redirect_uri = d.pop("redirect_uri", UNSET)

        code_verifier = d.pop("code_verifier", UNSET)

        refresh_token = d.pop("refresh_token", UNSET)

        token_request = cls(
            grant_type=grant_type,
            user_id=user_id,
            scope=scope,
            code=code,
            redirect_uri=redirect_uri,
            code_verifier=code_verifier,
            refresh_token=refresh_token,
        )

        return token_request
