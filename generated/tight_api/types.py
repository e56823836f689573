"""Contains some shared types for properties"""

import datetime
import enum
from collections.abc import Mapping, MutableMapping
from http import HTTPStatus
from typing import IO, Any, BinaryIO, Generic, Literal, TypeVar

import attrs
from attrs import define


class Unset:
    def __bool__(self) -> Literal[False]:
        return False


UNSET: Unset = Unset()

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


# ---------------------------------------------------------------- model support
# The generated models call these; they are not part of any model's fields.

_JSON_TYPE_NAMES = {
    str: "string",
    bool: "boolean",
    int: "number",
    float: "number",
    list: "array",
    dict: "object",
}


def json_type_name(value: object) -> str:
    """The JSON name of a decoded value's type ("string", "array", "null", ...)."""
    if value is None:
        return "null"
    return _JSON_TYPE_NAMES.get(type(value), type(value).__name__)


class WireTypeError(ValueError):
    """A member of a decoded JSON object is missing or has a type that the spec does not allow.

    `member` is the path from the outermost object parsed, e.g. `address.city` or
    `classSegments[0].child.name`; `problem` says what is wrong with it.
    """

    def __init__(self, member: str, problem: str) -> None:
        super().__init__(member, problem)
        self._parts = [member] if member else []
        self.problem = problem

    def inside(self, member: str) -> "WireTypeError":
        """The same error, seen from the object that holds `member`."""
        self._parts.append(member)
        return self

    @property
    def member(self) -> str:
        text = ""
        for part in reversed(self._parts):
            text += part if part.startswith("[") or not text else "." + part
        return text

    def __str__(self) -> str:
        return f"{self.member}: {self.problem}" if self._parts else self.problem


def wrong_type(member: str, expected: str, value: object) -> WireTypeError:
    return WireTypeError(member, f"expected {expected}, got {json_type_name(value)}")


def missing_member(member: str) -> WireTypeError:
    return WireTypeError(member, "required member is missing")


def parse_date(member: str, value: object) -> datetime.date:
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    raise wrong_type(member, "a date string", value)


def format_datetime(value: datetime.datetime, kept: object) -> str:
    """`kept` is the text a model received (None if none); it is written back while it still
    says the same as `value`, so a round trip keeps e.g. `Z` instead of `+00:00`.

    Only the text is kept, not the parsed value beside it: a tuple per model would be one more
    object for the garbage collector to traverse, in every page of models.
    """
    if type(kept) is str:
        parsed = datetime.datetime.fromisoformat(kept)
        if parsed == value and parsed.utcoffset() == value.utcoffset():
            return kept
    return value.isoformat()


_MAX_ITEMS_SHOWN = 3


def _short_value(value: object) -> str:
    if isinstance(value, enum.Enum):
        return repr(value.value)
    if isinstance(value, datetime.datetime):
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    if isinstance(value, list):
        shown = [_short_value(v) for v in value[:_MAX_ITEMS_SHOWN]]
        if len(value) > _MAX_ITEMS_SHOWN:
            shown.append(f"…+{len(value) - _MAX_ITEMS_SHOWN}")
        return "[" + ", ".join(shown) + "]"
    if attrs.has(type(value)):
        return _model_repr(value, nested=True)
    return repr(value)


def _model_repr(model: Any, *, nested: bool) -> str:
    name = type(model).__name__
    parts: list[str] = []
    for field in attrs.fields(type(model)):
        if field.name.startswith("_") or field.name == "additional_properties":
            continue
        value = getattr(model, field.name)
        if value is not None:
            parts.append(f"{field.name}={_short_value(value)}")
    extra = getattr(model, "additional_properties", None)
    if nested:
        if parts and parts[0].startswith("id="):
            return f"{name}({parts[0]}{', …' if len(parts) > 1 or extra else ''})"
        return f"{name}(…)" if parts or extra else f"{name}()"
    if extra:
        parts.append(f"additional_properties={extra!r}")
    return f"{name}({', '.join(parts)})"


def model_repr(model: Any) -> str:
    """Only the fields that hold a value, enums as their value, nested models abbreviated."""
    return _model_repr(model, nested=False)


__all__ = [
    "UNSET",
    "File",
    "FileTypes",
    "RequestFiles",
    "Response",
    "Unset",
    "WireTypeError",
    "format_datetime",
    "json_type_name",
    "missing_member",
    "model_repr",
    "parse_date",
    "wrong_type",
]
