"""openapi.yaml as the probe reads it: the copy shipped in this package (openapi.json), a
validator for each documented response, and what the spec declares about customers."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

__all__ = ["Deviation", "Spec", "load_spec", "pointer"]

_SPEC_URI = "urn:tight-customers:openapi"
_MAX_REMEMBERED = 20_000  # valid items remembered (a bound on memory in long-lived processes)


def pointer(*parts: str) -> str:
    """A JSON pointer (RFC 6901) from unescaped reference tokens."""
    return "".join("/" + p.replace("~", "~0").replace("/", "~1") for p in parts)


@dataclass(frozen=True)
class Deviation:
    """One place where a response departs from the spec: where in the response (a JSON path),
    where in the spec (a JSON pointer), and how."""

    json_path: str
    spec_pointer: str
    message: str
    request: str = ""  # which request's answer, e.g. "request 3 (POST /v6/customers/query → 200)"

    def to_dict(self) -> dict[str, str]:
        return {
            "request": self.request,
            "json_path": self.json_path,
            "spec": self.spec_pointer,
            "message": self.message,
        }


class Spec:
    """The contract the probe checks answers against."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        resource = Resource.from_contents(document, default_specification=DRAFT202012)
        self._registry: Registry[Any] = Registry().with_resource(_SPEC_URI, resource)
        self._validators: dict[str, Draft202012Validator] = {}
        self._valid_items: set[str] = set()  # JSON texts of list items already found valid

    @property
    def version(self) -> str:
        return str(self.document["info"]["version"])

    @property
    def title(self) -> str:
        return str(self.document["info"]["title"])

    def operation(self, method: str, path: str) -> dict[str, Any]:
        """The operation object of `method` on the templated `path`."""
        op: dict[str, Any] = self.document["paths"][path][method.lower()]
        return op

    def response_schema(self, method: str, path: str, status: int) -> tuple[str, str] | None:
        """(JSON pointer of the response, of its JSON schema) for a documented status."""
        responses = self.operation(method, path)["responses"]
        key = str(status)
        if key not in responses:
            return None
        where = pointer("paths", path, method.lower(), "responses", key)
        response = responses[key]
        if "$ref" in response:
            where = response["$ref"].removeprefix("#")
            response = self.resolve(where)
        schema_where = pointer(*where.split("/")[1:], "content", "application/json", "schema")
        schema = response["content"]["application/json"]["schema"]
        if "$ref" in schema:
            schema_where = schema["$ref"].removeprefix("#")
        return where, schema_where

    def resolve(self, where: str) -> Any:
        """The node at JSON pointer `where`."""
        node: Any = self.document
        for token in where.split("/")[1:]:
            part = token.replace("~1", "/").replace("~0", "~")
            node = node[int(part)] if isinstance(node, list) else node[part]
        return node

    def validate(self, instance: Any, schema_pointer: str) -> list[Deviation]:
        """Every way `instance` breaks the schema at `schema_pointer`, with JSON paths.

        The items of a `data` array declared as a `$ref` are validated one by one, and an item
        seen valid before is not validated again: the probe reads many customers twice.
        """
        items_at = self._data_items(schema_pointer)
        if items_at is None or not isinstance(instance, dict):
            return self._validate(instance, schema_pointer)
        data = instance.get("data")
        if not isinstance(data, list):
            return self._validate(instance, schema_pointer)
        found = self._validate({**instance, "data": []}, schema_pointer)
        for i, item in enumerate(data):
            text = json.dumps(item, sort_keys=True)
            if text in self._valid_items:
                continue
            wrong = self._validate(item, items_at)
            if not wrong:
                if len(self._valid_items) >= _MAX_REMEMBERED:
                    self._valid_items.clear()
                self._valid_items.add(text)
            prefix = f"$.data[{i}]"
            found += [dataclasses.replace(d, json_path=prefix + d.json_path[1:]) for d in wrong]
        return found

    def _data_items(self, schema_pointer: str) -> str | None:
        """The pointer of the item schema of `data` when it is an array of a `$ref`."""
        schema = self.resolve(schema_pointer)
        data = schema.get("properties", {}).get("data", {}) if isinstance(schema, dict) else {}
        ref = data.get("items", {}).get("$ref") if data.get("type") == "array" else None
        return str(ref).removeprefix("#") if isinstance(ref, str) else None

    def _validate(self, instance: Any, schema_pointer: str) -> list[Deviation]:
        validator = self._validators.get(schema_pointer)
        if validator is None:
            ref = {"$ref": f"{_SPEC_URI}#{schema_pointer}"}
            validator = Draft202012Validator(ref, registry=self._registry)
            self._validators[schema_pointer] = validator
        found = []
        for error in validator.iter_errors(instance):
            for leaf in _leaves(error):
                spec_at = self._schema_location(schema_pointer, list(leaf.absolute_schema_path))
                found.append(Deviation(leaf.json_path, spec_at, leaf.message[:300]))
        return found

    def _schema_location(self, start: str, schema_path: list[str | int]) -> str:
        """The JSON pointer in the spec of the keyword a validation error names. jsonschema's
        path goes through `$ref`s without naming them, so they are followed here."""
        where, node = start, self.resolve(start)
        for step in schema_path:
            while isinstance(node, dict) and "$ref" in node and step not in node:
                where = str(node["$ref"]).removeprefix("#")
                node = self.resolve(where)
            node = node[step]
            where += pointer(str(step))
        return where

    def properties(self, schema_name: str) -> frozenset[str]:
        """The members a component schema declares."""
        schema = self.document["components"]["schemas"][schema_name]
        return frozenset(schema.get("properties", {}))

    def enum(self, schema_name: str) -> tuple[str, ...]:
        """The listed values of an enumeration component."""
        return tuple(self.document["components"]["schemas"][schema_name]["enum"])


def _leaves(error: Any) -> Iterator[Any]:
    """The innermost errors of an `anyOf`/`oneOf` failure (the useful ones), else the error."""
    if error.context:
        # Of the alternatives, report those that got furthest into the instance.
        deepest = max(len(e.absolute_path) for e in error.context)
        if deepest > len(error.absolute_path):
            for sub in error.context:
                if len(sub.absolute_path) == deepest:
                    yield from _leaves(sub)
            return
    yield error


@cache
def load_spec() -> Spec:
    """The openapi.yaml this SDK was generated from (shipped in the package as openapi.json)."""
    text = resources.files("tight_customers.probe").joinpath("openapi.json").read_text("utf-8")
    return Spec(json.loads(text))
