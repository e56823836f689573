"""The export progress bar: customers, pages, rate and elapsed time, on stderr.

Shown only when stderr is a terminal and --quiet is off; it is transient (gone when the export
ends), so stdout stays clean for pipes and logs never fill with bar redraws.
"""

from __future__ import annotations

import time
from types import TracebackType

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn


class ExportProgress:
    """Counts customers and pages; renders them if the terminal allows."""

    def __init__(self, console: Console, *, enabled: bool, label: str = "exporting") -> None:
        self.customers = 0
        self.pages = 0
        self._started = time.monotonic()
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn(f"{label} [bold]{{task.completed}}[/] customers"),
            TextColumn("{task.fields[pages]} pages"),
            TextColumn("{task.fields[rate]:.0f}/s"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            disable=not (enabled and console.is_terminal),
        )
        self._task = self._progress.add_task(label, total=None, pages=0, rate=0.0)

    def __enter__(self) -> ExportProgress:
        self._progress.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._progress.stop()

    def advance(self, customers: int) -> None:
        """One more page with `customers` customers."""
        self.customers += customers
        self.pages += 1
        elapsed = max(time.monotonic() - self._started, 1e-9)
        self._progress.update(
            self._task,
            completed=self.customers,
            pages=self.pages,
            rate=self.customers / elapsed,
        )

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self._started
