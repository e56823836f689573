"""How the command line is parsed, beyond what typer does by itself.

- Global options (`--sandbox`, `-q`, `--debug`, credentials, ...) may follow the command:
  `tight-customers query -q --sandbox` is read as `tight-customers -q --sandbox query`.
- A bare `--resume` (nothing after it, or another option) means "from the checkpoint".
- Boolean flags show no value placeholder in the help.
- SIGINT/SIGTERM inside a command end it with exit code 130/143, not a traceback.
"""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from tight_customers.cli._interrupt import Stopped

_BARE_RESUME = "--resume="


def _without_flag_placeholders(params: list[Any]) -> list[Any]:
    for param in params:
        if getattr(param, "is_flag", False) and param.metavar is None:
            param.metavar = ""
    return params


def _takes_value(param: Any) -> bool:
    return not (getattr(param, "is_flag", False) or getattr(param, "count", False))


def _options(params: list[Any]) -> dict[str, Any]:
    return {name: p for p in params for name in (*p.opts, *p.secondary_opts) if name[0] == "-"}


class Subcommand(TyperCommand):
    """A command whose help shows no placeholder after boolean flags."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _without_flag_placeholders(super().get_params(ctx))


class CommandLine(TyperGroup):
    """The top-level group: global options anywhere, bare --resume, clean stops."""

    ARGV_KEY = "tight_customers.argv"

    def get_params(self, ctx: Any) -> list[Any]:
        return _without_flag_placeholders(super().get_params(ctx))

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        ctx.meta.setdefault(self.ARGV_KEY, list(args))
        return super().parse_args(ctx, self._reorder(ctx, list(args)))

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except Stopped as exc:
            raise typer.Exit(exc.exit_code) from None

    def _reorder(self, ctx: Any, args: list[str]) -> list[str]:
        """Move global options found after the command name in front of it."""
        own = _options(self.get_params(ctx))
        i = 0
        while i < len(args):
            name, eq, _ = args[i].partition("=")
            if args[i] == "--":
                return args
            if name in own:
                i += 1 if eq or not _takes_value(own[name]) else 2
                continue
            break
        if i >= len(args):
            return args
        command = self.get_command(ctx, args[i])
        if command is None:
            return args
        theirs = _options(command.get_params(ctx))
        moved: list[str] = []
        kept: list[str] = []
        j = i + 1
        while j < len(args):
            arg = args[j]
            name, eq, _ = arg.partition("=")
            if arg == "--":
                kept += args[j:]
                break
            if arg == "--resume" and (j + 1 == len(args) or args[j + 1].startswith("-")):
                kept.append(_BARE_RESUME)
                j += 1
                continue
            param = theirs.get(name) or own.get(name)
            take = 1 if param is None or eq or not _takes_value(param) else 2
            (kept if name in theirs or param is None else moved).extend(args[j : j + take])
            j += take
        return args[:i] + moved + [args[i]] + kept
