from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    missing_member,
    model_repr,
    wrong_type,
)

_new_object = object.__new__
_from_isoformat = datetime.datetime.fromisoformat


_KNOWN_MEMBERS: frozenset[str] = frozenset(
    (
        "access_token",
        "token_type",
        "expires_in",
        "refresh_token",
        "scope",
    )
)


@_attrs_define(repr=False)
class TokenResponse:
    """A new access token. Note that this body is not wrapped in the v6 envelope.

    Example:
        >>> model = TokenResponse.from_dict(data)  # doctest: +SKIP
        >>> model.to_dict() == data  # doctest: +SKIP
        True

    Attributes:
        access_token (str): The bearer token to send as `Authorization: Bearer <access_token>`. Example: tkn_abc123.
        token_type (str): Always `Bearer`. Example: Bearer.
        expires_in (int): Lifetime of the token in seconds (3600 by default). Example: 3600.
        refresh_token (str | None): A refresh token (grant `authorization_code` only).
        scope (str | None): The scope granted. Example: read.
    """

    access_token: str
    token_type: str
    expires_in: int
    refresh_token: str | None = None
    scope: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(factory=dict, kw_only=True)
    # The members received as null or as an end-of-chain marker, and date-times as received.
    _wire: dict[str, Any] | None = _attrs_field(init=False, default=None, eq=False)

    def __repr__(self) -> str:
        return model_repr(self)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of this model: what was received, with any changes made since."""
        _out: dict[str, Any] = dict(self.additional_properties)
        _wire = self._wire
        _out["access_token"] = self.access_token
        _out["token_type"] = self.token_type
        _out["expires_in"] = self.expires_in
        _v4 = self.refresh_token
        if _v4 is not None:
            _out["refresh_token"] = _v4
        elif _wire is not None and "refresh_token" in _wire:
            _out["refresh_token"] = _wire["refresh_token"]
        _v5 = self.scope
        if _v5 is not None:
            _out["scope"] = _v5
        elif _wire is not None and "scope" in _wire:
            _out["scope"] = _wire["scope"]
        return _out

    def to_json(self, *, indent: int | None = None) -> str:
        """`to_dict()` as JSON text (UTF-8 characters kept as they are)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Parse a decoded JSON object; raises `WireTypeError` naming a member of the wrong type."""
        _wire: dict[str, Any] | None = None
        _seen = 3
        p_access_token: str
        p_token_type: str
        p_expires_in: int
        p_refresh_token: str | None
        p_scope: str | None
        if "access_token" not in src_dict:
            raise missing_member("access_token")
        _v = src_dict["access_token"]
        if not isinstance(_v, str):
            raise wrong_type("access_token", "string", _v)
        p_access_token = _v

        if "token_type" not in src_dict:
            raise missing_member("token_type")
        _v = src_dict["token_type"]
        if not isinstance(_v, str):
            raise wrong_type("token_type", "string", _v)
        p_token_type = _v

        if "expires_in" not in src_dict:
            raise missing_member("expires_in")
        _v = src_dict["expires_in"]
        if type(_v) is not int:
            raise wrong_type("expires_in", "integer", _v)
        p_expires_in = _v

        if "refresh_token" not in src_dict:
            p_refresh_token = None
        else:
            _seen += 1
            _v = src_dict["refresh_token"]
            if _v is None:
                p_refresh_token = None
                _wire = _wire or {}
                _wire["refresh_token"] = None
            else:
                if not isinstance(_v, str):
                    raise wrong_type("refresh_token", "string", _v)
                p_refresh_token = _v

        if "scope" not in src_dict:
            p_scope = None
        else:
            _seen += 1
            _v = src_dict["scope"]
            if _v is None:
                p_scope = None
                _wire = _wire or {}
                _wire["scope"] = None
            else:
                if not isinstance(_v, str):
                    raise wrong_type("scope", "string", _v)
                p_scope = _v

        # Set the fields directly: the attrs __init__ would only cost time here.
        _model = _new_object(cls)
        _model.access_token = p_access_token
        _model.token_type = p_token_type
        _model.expires_in = p_expires_in
        _model.refresh_token = p_refresh_token
        _model.scope = p_scope
        _model.additional_properties = (
            {}
            if len(src_dict) == _seen
            else {_k: _x for _k, _x in src_dict.items() if _k not in _KNOWN_MEMBERS}
        )
        _model._wire = _wire
        return _model

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
