"""The query command's page loop: write each page, checkpoint it, and stop well whatever happens.

Whatever ends the loop early (SIGINT, SIGTERM, an API or network error, a full disk), the output
file is left at its last whole page (valid, and matching its checkpoint), and the command that
continues the export is printed. A SIGKILL leaves at most a partial page after the checkpoint,
which `--resume` cuts off.
"""

from __future__ import annotations

import contextlib
import shlex
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from tight_customers import Customer, Page, TightError
from tight_customers.cli import _checkpoint
from tight_customers.cli._checkpoint import Checkpoint
from tight_customers.cli._formats import FileWriter
from tight_customers.cli._interrupt import GracefulStop, Stopped
from tight_customers.cli._output import OutputPlan
from tight_customers.cli._progress import ExportProgress
from tight_customers.cli._session import (
    EXIT_API_ERROR,
    EXIT_USAGE,
    describe_error,
    plural,
    stderr,
)

# How to continue: a cursor, or None for a bare `--resume` (the checkpoint knows the cursor).
ResumeCommand = Callable[[str | None], str]


@dataclass
class ExportState:
    """Where the export stands: what is written, and the cursor of the next page."""

    cursor: str | None
    customers: int = 0
    pages: int = 0
    finished: bool = False
    writer: FileWriter | None = None


def run_export(
    fetch: Callable[[str | None], Iterator[Page[Customer]]],
    plan: OutputPlan,
    *,
    start: str | None,
    query: str,
    max_items: int | None,
    one_page: bool,
    quiet: bool,
    resume_command: ResumeCommand,
) -> int:
    """Export every page `fetch(cursor)` yields into `plan`; returns the exit code."""
    done = plan.checkpoint
    state = ExportState(cursor=done.cursor if done else start)
    if done is not None:
        state.customers, state.pages = done.customers, done.pages
    if (done is not None and done.done) or (max_items is not None and state.customers >= max_items):
        state.finished = True
    stop = GracefulStop()
    failure: BaseException | None = None
    with stop, ExportProgress(stderr, enabled=not quiet) as progress:
        try:
            if not state.finished:
                for page in fetch(state.cursor):
                    with stop.shielded():
                        progress.advance(_write(page, plan, state, query, max_items))
                    if state.finished or one_page or stop.requested:
                        break
                else:
                    state.finished = True
            if state.finished and state.writer is None:
                state.writer = plan.open()
        except Stopped as exc:
            stop.signum = exc.signum
        except (TightError, OSError) as exc:
            failure = exc
        elapsed = progress.elapsed
    _close(plan, state)
    where = f" to {plan.path}" if plan.path else ""
    if state.writer is not None and state.writer.replaced_ids:
        _warn_replaced(state.writer.replaced_ids)
    if state.finished:
        if plan.checkpointed and plan.path is not None:
            _checkpoint.remove(plan.path)
        if not quiet and not one_page:
            stderr.print(
                f"exported {plural(state.customers, 'customer')} in "
                f"{plural(state.pages, 'page')}{where} ({elapsed:.1f} s)"
            )
        return 0
    if one_page and state.writer is not None and failure is None:
        if state.cursor and not quiet:
            stderr.print(
                f"more customers: add --all, or continue with {resume_command(state.cursor)}",
                soft_wrap=True,
            )
        return 0
    return _report_stop(plan, state, stop, failure, resume_command)


def _write(
    page: Page[Customer],
    plan: OutputPlan,
    state: ExportState,
    query: str,
    max_items: int | None,
) -> int:
    """One page into the file and its checkpoint (or, on a write error, none of it); returns
    how many customers were written."""
    batch = page.data
    if max_items is not None:
        batch = batch[: max_items - state.customers]
    if state.writer is None:
        if plan.checkpoint is None and not plan.append:
            # Before the file is replaced: from here on, even a SIGKILL leaves a checkpoint.
            _save(plan, state, query, offset=0)
        state.writer = plan.open()
    writer = state.writer
    last_good = writer.offset
    try:
        writer.write_page([c.to_dict() for c in batch])
    except OSError:
        with contextlib.suppress(OSError):
            writer.rollback(last_good)
        raise
    state.customers += len(batch)
    state.pages += 1
    reached = max_items is not None and state.customers >= max_items
    state.finished = reached or not page.has_next
    state.cursor = None if state.finished else page.after
    _save(plan, state, query, offset=writer.offset)
    return len(batch)


def _save(plan: OutputPlan, state: ExportState, query: str, *, offset: int) -> None:
    if plan.checkpointed and plan.path is not None:
        checkpoint = Checkpoint(
            format=plan.fmt,
            query=query,
            cursor=state.cursor,
            offset=offset,
            customers=state.customers,
            pages=state.pages,
            done=state.finished,
        )
        _checkpoint.save(plan.path, checkpoint)


def _close(plan: OutputPlan, state: ExportState) -> None:
    """Finish the file (the JSON array's bracket): best effort when the disk is full."""
    try:
        if state.writer is not None:
            state.writer.close()
    except OSError:
        if state.finished:
            raise
    finally:
        with contextlib.suppress(OSError):
            plan.close()


def _report_stop(
    plan: OutputPlan,
    state: ExportState,
    stop: GracefulStop,
    failure: BaseException | None,
    resume_command: ResumeCommand,
) -> int:
    """Say why the export stopped, what is in the file, and how to continue; the exit code."""
    if isinstance(failure, TightError):
        for line in describe_error(failure):
            stderr.print(f"[red]error:[/] {line}", soft_wrap=True)
        code = EXIT_API_ERROR
    elif isinstance(failure, OSError):
        target = f"--output {plan.path}" if plan.path else "stdout"
        reason = failure.strerror or str(failure)
        stderr.print(f"[red]error:[/] cannot write to {target}: {reason}", soft_wrap=True)
        code = EXIT_USAGE
    else:
        code = stop.exit_code
    resumable = plan.checkpointed and (state.writer is not None or plan.checkpoint is not None)
    if isinstance(failure, OSError) and not resumable and state.customers == 0:
        return code  # nothing was written: the error says what to fix, then run it again
    if not plan.path:
        held = f"{plural(state.customers, 'customer')} written to stdout"
    elif state.writer is not None:
        held = f"{plan.path} holds {plural(state.customers, 'customer')}"
    else:
        held = f"nothing written; {plan.path} is untouched"
    # With a checkpoint, a bare --resume; else the cursor of the next page, or no --resume.
    how = resume_command(None if resumable else (state.cursor or ""))
    what = "stopped" if failure is not None else f"interrupted by {_signal_name(stop)}"
    stderr.print(f"{what}: {held}; to continue: {how}", soft_wrap=True, markup=False)
    return code


def _signal_name(stop: GracefulStop) -> str:
    return "SIGTERM" if stop.exit_code == 143 else "SIGINT"


def command_line(argv: list[str], resume: str | None) -> str:
    """`tight-customers ARGS` with any --resume of `argv` replaced: a bare `--resume` when
    `resume` is None, `--resume=CURSOR` for a cursor, none for ""."""
    kept: list[str] = []
    skip = False
    for i, arg in enumerate(argv):
        if skip:
            skip = False
            continue
        if arg == "--resume":
            following = argv[i + 1] if i + 1 < len(argv) else None
            skip = following is not None and not following.startswith("-")
            continue
        if arg.startswith("--resume="):
            continue
        kept.append(arg)
    if resume is None:
        kept.append("--resume")
    elif resume:
        kept.append(f"--resume={resume}")
    return shlex.join(["tight-customers", *kept])


def _warn_replaced(ids: list[str]) -> None:
    shown = ", ".join(ids[:10]) + (f" and {len(ids) - 10} more" if len(ids) > 10 else "")
    stderr.print(
        f"warning: text UTF-8 cannot hold (lone surrogates) was replaced by U+FFFD in the CSV "
        f"rows of {plural(len(ids), 'customer')}: {shown}",
        soft_wrap=True,
        markup=False,
    )
