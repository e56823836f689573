"""`python -m tight_customers.sandbox`: serve the sandbox in the foreground until Ctrl-C."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from tight_customers.sandbox._protocol import DEFAULT_HEADER_TIMEOUT, DEFAULT_KEEP_ALIVE_TIMEOUT
from tight_customers.sandbox._serve import serve

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """The argparse entry point."""
    parser = argparse.ArgumentParser(
        prog="python -m tight_customers.sandbox", description="Serve the local Tight sandbox."
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--customers", type=int, default=1000, help="how many to generate")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated data")
    parser.add_argument("--db", dest="db_path", default=None, help="SQLite file (kept)")
    parser.add_argument("--client-id", default=None)
    parser.add_argument("--client-secret", default=None)
    parser.add_argument("--token-ttl", type=float, default=3600.0, help="seconds")
    parser.add_argument("--rate-limit", type=int, default=1000, help="requests per window")
    parser.add_argument("--rate-window", type=float, default=300.0, help="seconds")
    parser.add_argument("--access-log", action="store_true")
    parser.add_argument(
        "--header-timeout",
        type=float,
        default=DEFAULT_HEADER_TIMEOUT,
        help="seconds to send request headers",
    )
    parser.add_argument(
        "--keep-alive-timeout",
        type=int,
        default=DEFAULT_KEEP_ALIVE_TIMEOUT,
        help="seconds an idle connection is kept",
    )
    args = parser.parse_args(argv)
    serve(**vars(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
