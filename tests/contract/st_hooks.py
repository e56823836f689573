"""Schemathesis hooks for the contract run (loaded with SCHEMATHESIS_HOOKS=tests.contract.st_hooks).

One check, `positive_data_acceptance_beyond_schema`, replaces the built-in
`positive_data_acceptance` (which the run excludes). It is the same rule, a schema-valid request
must not be rejected, with the two rejections that openapi.yaml documents and JSON Schema cannot
express:

- `queryCustomers` with a `cursor` the server never issued: cursors are opaque and
  tamper-evident, so a generated one gets 400 `INVALID_VALUE` with `param: "cursor"` (documented
  in the operation's description). Allowed only when `cursor` is the sole complaint.
- `createToken` with a grant other than `client_credentials`: the generated `code` or
  `refresh_token` is never a real one (and the sandbox grants client credentials only), so 400
  naming the grant's fields is the right answer. Allowed only when every complaint is about them.

Every other 4xx outside the built-in check's allowed statuses is a failure, reported like the
built-in one.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl

import schemathesis

# The built-in check's defaults: 2xx, 3xx, 401, 403, 404, 409, 429, 5xx.
_ACCEPTED_4XX = frozenset({401, 403, 404, 409, 429})
_GRANT_PARAMS = frozenset({"grant_type", "code", "redirect_uri", "code_verifier", "refresh_token"})


def _error_params(body: Any) -> set[Any] | None:
    if not isinstance(body, dict) or not isinstance(body.get("error"), list):
        return None
    items = body["error"]
    if not items or not all(isinstance(item, dict) for item in items):
        return None
    return {item.get("param") for item in items}


def _form(body: Any) -> dict[str, str]:
    if isinstance(body, dict):
        return {str(k): str(v) for k, v in body.items()}
    if isinstance(body, bytes | str):
        raw = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
        return dict(parse_qsl(raw, keep_blank_values=True))
    return {}


def documented_rejection(operation_id: str | None, request_body: Any, response_body: Any) -> bool:
    """Whether a 400 for a schema-valid request is one openapi.yaml documents (see above)."""
    params = _error_params(response_body)
    if params is None:
        return False
    if operation_id == "queryCustomers":
        return isinstance(request_body, dict) and "cursor" in request_body and params == {"cursor"}
    if operation_id == "createToken":
        grant = _form(request_body).get("grant_type", "client_credentials")
        return grant != "client_credentials" and params <= _GRANT_PARAMS
    return False


@schemathesis.check
def positive_data_acceptance_beyond_schema(ctx: Any, response: Any, case: Any) -> bool | None:
    """Schema-valid requests are accepted, except the rejections documented above."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return None
    if case.method.upper() != case.operation.method.upper():
        return None  # an undeclared-method probe; `unsupported_method` judges those
    status = response.status_code
    if status < 400 or status >= 500 or status in _ACCEPTED_4XX:
        return None
    operation_id = case.operation.definition.raw.get("operationId")
    try:
        response_body = json.loads(response.content)
    except ValueError:
        response_body = None
    if status == 400 and documented_rejection(operation_id, case.body, response_body):
        return None
    raise AssertionError(
        f"Schema-valid request rejected with {status} ({operation_id}). Expected 2xx, 3xx, "
        f"401, 403, 404, 409, 429 or 5xx; a 400 is accepted only for a server-issued cursor "
        f"(queryCustomers) or a grant other than client_credentials (createToken).\n"
        f"Response: {response.content[:300]!r}"
    )
