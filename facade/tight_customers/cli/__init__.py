"""The `tight-customers` command line (extra `cli`): `tight-customers --help`.

`main()` makes Ctrl-C and SIGTERM end the command cleanly from its first instruction (exit 130
or 143, no traceback), before the heavier modules are imported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from tight_customers.cli._app import app

__all__ = ["app", "main"]


def main(argv: list[str] | None = None) -> NoReturn:
    """Entry point of the `tight-customers` console script."""
    from tight_customers.cli._interrupt import Stopped, ignore_stop_signals, install_stop_handlers

    install_stop_handlers()
    try:
        from tight_customers.cli._app import run

        code = run(argv)
    except Stopped as exc:
        code = exc.exit_code
    finally:
        ignore_stop_signals()  # the command is over: a late signal must not change its exit
    raise SystemExit(code)


def __getattr__(name: str) -> Any:
    if name == "app":
        from tight_customers.cli._app import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
