"""The filter flags, declared once and added to every command that selects customers.

`with_filter_flags` extends a command function's signature with the flags below (typer reads
the signature), and hands the command one `FilterFlags` instead of two dozen arguments.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer

from tight_customers.cli._filters import COMPARISONS, FilterFlags

PANEL = "Filters (all combine with AND)"
_Command = TypeVar("_Command", bound=Callable[..., Any])

_WORDS = {
    "eq": "equals VALUE",
    "ne": "differs from VALUE",
    "gt": "sorts after VALUE",
    "gte": "sorts after or equals VALUE",
    "lt": "sorts before VALUE",
    "lte": "sorts before or equals VALUE",
    "contains": "contains VALUE (ignoring case)",
}


def _repeated(flag: str, metavar: str, help_text: str) -> Any:
    """The annotation of a flag that may be given several times."""
    option = typer.Option(
        flag, metavar=metavar, help=f"{help_text} (repeat the flag)", rich_help_panel=PANEL
    )
    return Annotated[list[str] | None, option]


def _flag_specs() -> list[tuple[str, Any, Any]]:
    """(parameter name, annotation, default) of every filter flag."""
    specs: list[tuple[str, Any, Any]] = []
    for fld in ("name", "email", "status"):
        ops = [*COMPARISONS, "contains"] if fld != "status" else list(COMPARISONS)
        for op in ops:
            flag = f"--{fld}-{op}"
            help_text = f"{fld} {_WORDS[op]}"
            option = typer.Option(flag, metavar="VALUE", help=help_text, rich_help_panel=PANEL)
            specs.append((f"{fld}_{op}", Annotated[str | None, option], None))
    specs += [
        ("status_in", _repeated("--status", "STATUS", "status is one of these"), None),
        ("status_not_in", _repeated("--not-status", "STATUS", "status is none of these"), None),
        ("segments", _repeated("--segment", "ID", "assigned to one of these class segments"), None),
        (
            "expand",
            Annotated[
                bool,
                typer.Option(
                    "--expand",
                    help="--segment also matches customers assigned below the segments",
                    rich_help_panel=PANEL,
                ),
            ],
            False,
        ),
    ]
    return specs


_SPECS = _flag_specs()
_NAMES = [name for name, _, _ in _SPECS]


def collect(values: dict[str, Any]) -> FilterFlags:
    """The FilterFlags of the flag values typer parsed."""

    def ops(fld: str) -> dict[str, str]:
        prefix = f"{fld}_"
        return {
            k.removeprefix(prefix): v
            for k, v in values.items()
            if k.startswith(prefix) and v is not None and k not in ("status_in", "status_not_in")
        }

    return FilterFlags(
        name=ops("name"),
        email=ops("email"),
        status=ops("status"),
        status_in=tuple(values.get("status_in") or ()),
        status_not_in=tuple(values.get("status_not_in") or ()),
        segments=tuple(values.get("segments") or ()),
        expand=bool(values.get("expand")),
    )


def with_filter_flags(command: _Command) -> _Command:
    """Add the filter flags to `command`, which receives them as `flags: FilterFlags`."""
    signature = inspect.signature(command)
    hints = inspect.get_annotations(command, eval_str=True)
    own = [
        p.replace(annotation=hints.get(p.name, p.annotation))
        for p in signature.parameters.values()
        if p.name != "flags"
    ]
    extra = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=ann)
        for name, ann, default in _SPECS
    ]

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        flag_values = {name: kwargs.pop(name, None) for name in _NAMES}
        return command(*args, flags=collect(flag_values), **kwargs)

    wrapper.__annotations__ = {
        **{p.name: p.annotation for p in own},
        **{name: ann for name, ann, _ in _SPECS},
        "return": signature.return_annotation,
    }
    wrapper.__signature__ = signature.replace(parameters=own + extra)  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]
