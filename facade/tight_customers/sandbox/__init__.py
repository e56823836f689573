"""A local Tight sandbox: the customers API of openapi.yaml served over SQLite.

    from tight_customers.sandbox import Sandbox

    with Sandbox(customers=1000, seed=0) as sb:
        ...  # sb.url, sb.token, sb.client_id, sb.client_secret, sb.customers()

Needs the `sandbox` extra (`pip install tight-customers[sandbox]`). It never imports the client
code, so the client and the emulator can catch each other's mistakes.
"""

from tight_customers.sandbox._behaviour import Behaviour
from tight_customers.sandbox._data import generate_customers
from tight_customers.sandbox._faults import Faults
from tight_customers.sandbox._middleware import RequestLog, RequestRecord
from tight_customers.sandbox._serve import serve
from tight_customers.sandbox._server import DEVELOPMENT_CURSOR_KEY, Sandbox

__all__ = [
    "DEVELOPMENT_CURSOR_KEY",
    "Behaviour",
    "Faults",
    "RequestLog",
    "RequestRecord",
    "Sandbox",
    "generate_customers",
    "serve",
]
