from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.grant_type import GrantType
from ..models.token_scope import TokenScope
from ..types import (
    model_repr,
    wrong_type,
)

_new_object = object.__new__
_from_isoformat = datetime.datetime.fromisoformat


_GrantType_BY_VALUE = {m.value: m for m in GrantType}
_TokenScope_BY_VALUE = {m.value: m for m in TokenScope}


@_attrs_define(repr=False)
class TokenRequest:
    """Form body of `POST /v6/auth/token`.

    Example:
        >>> model = TokenRequest.from_dict(data)  # doctest: +SKIP
        >>> model.to_dict() == data  # doctest: +SKIP
        True

    Attributes:
        grant_type (GrantType | None): The OAuth grant. `client_credentials` is the default.
        user_id (str | None): The partner's own id for the business owner. Omitted, the token is partner-level and
            reaches all companies.
        scope (TokenScope | None): `read` gives a read-only token; `write` (the default) a read-write one.
        code (str | None): The authorization code (grant `authorization_code` only).
        redirect_uri (str | None): The redirect URI used to obtain `code` (grant `authorization_code` only).
        code_verifier (str | None): The PKCE code verifier (grant `authorization_code` only).
        refresh_token (str | None): The refresh token (grant `refresh_token` only).
    """

    grant_type: GrantType | None = None
    user_id: str | None = None
    scope: TokenScope | None = None
    code: str | None = None
    redirect_uri: str | None = None
    code_verifier: str | None = None
    refresh_token: str | None = None
    # The members received as null or as an end-of-chain marker, and date-times as received.
    _wire: dict[str, Any] | None = _attrs_field(init=False, default=None, eq=False)

    def __repr__(self) -> str:
        return model_repr(self)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of this model: what was received, with any changes made since."""
        _out: dict[str, Any] = {}
        _wire = self._wire
        _v1 = self.grant_type
        if _v1 is not None:
            _out["grant_type"] = _v1.value
        elif _wire is not None and "grant_type" in _wire:
            _out["grant_type"] = _wire["grant_type"]
        _v2 = self.user_id
        if _v2 is not None:
            _out["userId"] = _v2
        elif _wire is not None and "userId" in _wire:
            _out["userId"] = _wire["userId"]
        _v3 = self.scope
        if _v3 is not None:
            _out["scope"] = _v3.value
        elif _wire is not None and "scope" in _wire:
            _out["scope"] = _wire["scope"]
        _v4 = self.code
        if _v4 is not None:
            _out["code"] = _v4
        elif _wire is not None and "code" in _wire:
            _out["code"] = _wire["code"]
        _v5 = self.redirect_uri
        if _v5 is not None:
            _out["redirect_uri"] = _v5
        elif _wire is not None and "redirect_uri" in _wire:
            _out["redirect_uri"] = _wire["redirect_uri"]
        _v6 = self.code_verifier
        if _v6 is not None:
            _out["code_verifier"] = _v6
        elif _wire is not None and "code_verifier" in _wire:
            _out["code_verifier"] = _wire["code_verifier"]
        _v7 = self.refresh_token
        if _v7 is not None:
            _out["refresh_token"] = _v7
        elif _wire is not None and "refresh_token" in _wire:
            _out["refresh_token"] = _wire["refresh_token"]
        return _out

    def to_json(self, *, indent: int | None = None) -> str:
        """`to_dict()` as JSON text (UTF-8 characters kept as they are)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Parse a decoded JSON object; raises `WireTypeError` naming a member of the wrong type."""
        _wire: dict[str, Any] | None = None
        p_grant_type: GrantType | None
        p_user_id: str | None
        p_scope: TokenScope | None
        p_code: str | None
        p_redirect_uri: str | None
        p_code_verifier: str | None
        p_refresh_token: str | None
        if "grant_type" not in src_dict:
            p_grant_type = None
        else:
            _v = src_dict["grant_type"]
            if _v is None:
                p_grant_type = None
                _wire = _wire or {}
                _wire["grant_type"] = None
            else:
                p_grant_type_e = (
                    _GrantType_BY_VALUE.get(_v) if isinstance(_v, str) else None
                )
                if p_grant_type_e is None:
                    raise wrong_type(
                        "grant_type",
                        "one of authorization_code, client_credentials, refresh_token",
                        _v,
                    )
                p_grant_type = p_grant_type_e

        if "userId" not in src_dict:
            p_user_id = None
        else:
            _v = src_dict["userId"]
            if _v is None:
                p_user_id = None
                _wire = _wire or {}
                _wire["userId"] = None
            else:
                if not isinstance(_v, str):
                    raise wrong_type("userId", "string", _v)
                p_user_id = _v

        if "scope" not in src_dict:
            p_scope = None
        else:
            _v = src_dict["scope"]
            if _v is None:
                p_scope = None
                _wire = _wire or {}
                _wire["scope"] = None
            else:
                p_scope_e = (
                    _TokenScope_BY_VALUE.get(_v) if isinstance(_v, str) else None
                )
                if p_scope_e is None:
                    raise wrong_type("scope", "one of read, write", _v)
                p_scope = p_scope_e

        if "code" not in src_dict:
            p_code = None
        else:
            _v = src_dict["code"]
            if _v is None:
                p_code = None
                _wire = _wire or {}
                _wire["code"] = None
            else:
                if not isinstance(_v, str):
                    raise wrong_type("code", "string", _v)
                p_code = _v

        if "redirect_uri" not in src_dict:
            p_redirect_uri = None
        else:
            _v = src_dict["redirect_uri"]
            if _v is None:
                p_redirect_uri = None
                _wire = _wire or {}
                _wire["redirect_uri"] = None
            else:
                if not isinstance(_v, str):
                    raise wrong_type("redirect_uri", "string", _v)
                p_redirect_uri = _v

        if "code_verifier" not in src_dict:
            p_code_verifier = None
        else:
            _v = src_dict["code_verifier"]
            if _v is None:
                p_code_verifier = None
                _wire = _wire or {}
                _wire["code_verifier"] = None
            else:
                if not isinstance(_v, str):
                    raise wrong_type("code_verifier", "string", _v)
                p_code_verifier = _v

        if "refresh_token" not in src_dict:
            p_refresh_token = None
        else:
            _v = src_dict["refresh_token"]
            if _v is None:
                p_refresh_token = None
                _wire = _wire or {}
                _wire["refresh_token"] = None
            else:
                if not isinstance(_v, str):
                    raise wrong_type("refresh_token", "string", _v)
                p_refresh_token = _v

        # Set the fields directly: the attrs __init__ would only cost time here.
        _model = _new_object(cls)
        _model.grant_type = p_grant_type
        _model.user_id = p_user_id
        _model.scope = p_scope
        _model.code = p_code
        _model.redirect_uri = p_redirect_uri
        _model.code_verifier = p_code_verifier
        _model.refresh_token = p_refresh_token
        _model._wire = _wire
        return _model
