"""Validate JSON bodies against openapi.yaml (OpenAPI 3.1 schemas are JSON Schema 2020-12).

Shared by the spec tests, the sandbox tests and the contract tests:

    validate_schema("Customer", body)                              # one component schema
    validate_request_body("/v6/customers/query", "post", body)     # a request body
    validate_response("/v6/customers/query", "post", 200, body)    # a response body
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SPEC_PATH = Path(__file__).resolve().parent.parent / "openapi.yaml"
SPEC_URI = "urn:tight:openapi"


@cache
def spec() -> dict[str, Any]:
    with SPEC_PATH.open(encoding="utf-8") as fh:
        loaded: dict[str, Any] = yaml.safe_load(fh)
    return loaded


@cache
def _registry() -> Registry[Any]:
    resource: Resource[Any] = Resource.from_contents(spec(), default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource(SPEC_URI, resource)
    return registry


@cache
def _validator(pointer: str) -> Draft202012Validator:
    return Draft202012Validator(
        {"$ref": f"{SPEC_URI}#{pointer}"},
        registry=_registry(),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def _errors(pointer: str, body: Any) -> list[str]:
    found = sorted(_validator(pointer).iter_errors(body), key=lambda e: list(e.path))
    return [f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in found]


def _fail(what: str, errors: list[str]) -> None:
    if errors:
        raise AssertionError(f"{what} breaks openapi.yaml:\n  " + "\n  ".join(errors[:20]))


def validate_schema(name: str, body: Any) -> None:
    _fail(f"schema {name}", _errors(f"/components/schemas/{name}", body))


def resolve_ref(ref: str) -> Any:
    """The part of openapi.yaml a local `$ref` ("#/components/...") points at."""
    target: Any = spec()
    for part in ref.lstrip("#/").split("/"):
        target = target[part]
    return target


def _resolve(node: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    ref = node.get("$ref")
    if ref is None:
        return node, None
    return resolve_ref(ref), ref.lstrip("#")


def _json_schema_pointer(content_owner: dict[str, Any], base: str, media: str) -> str:
    owner, owner_pointer = _resolve(content_owner)
    pointer = owner_pointer or base
    if media not in owner.get("content", {}):
        raise AssertionError(f"{pointer} has no {media} content")
    return f"{pointer}/content/{_escape_path(media)}/schema"


def _escape_path(path: str) -> str:
    """`path` as one JSON Pointer token (RFC 6901)."""
    return path.replace("~", "~0").replace("/", "~1")


def validate_request_body(
    path: str, method: str, body: Any, media: str = "application/json"
) -> None:
    operation = spec()["paths"][path][method]
    base = f"/paths/{_escape_path(path)}/{method}/requestBody"
    pointer = _json_schema_pointer(operation["requestBody"], base, media)
    _fail(f"request body of {method.upper()} {path}", _errors(pointer, body))


def documented_statuses(path: str, method: str) -> set[int]:
    return {int(code) for code in spec()["paths"][path][method]["responses"]}


def validate_response(path: str, method: str, status: int, body: Any) -> None:
    """Fail unless `status` is documented for the operation and `body` matches its schema."""
    responses = spec()["paths"][path][method]["responses"]
    if str(status) not in responses:
        raise AssertionError(
            f"{method.upper()} {path} answered {status}, which openapi.yaml does not document "
            f"(documented: {sorted(responses)})"
        )
    base = f"/paths/{_escape_path(path)}/{method}/responses/{status}"
    pointer = _json_schema_pointer(responses[str(status)], base, "application/json")
    _fail(f"{status} response of {method.upper()} {path}", _errors(pointer, body))
