"""The export progress bar renders only on a terminal, and counts customers and pages."""

from __future__ import annotations

import io

from rich.console import Console

from tight_customers.cli._progress import ExportProgress


def test_progress_renders_counts_on_a_terminal() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=100)
    with ExportProgress(console, enabled=True) as progress:
        progress.advance(100)
        progress.advance(42)
        progress._progress.refresh()
    assert (progress.customers, progress.pages) == (142, 2)
    text = out.getvalue()
    assert "142" in text and "customers" in text and "2 pages" in text


def test_progress_is_silent_when_not_a_terminal() -> None:
    out = io.StringIO()
    with ExportProgress(Console(file=out, force_terminal=False), enabled=True) as progress:
        progress.advance(10)
    assert progress.customers == 10
    assert out.getvalue() == ""


def test_progress_is_silent_when_quiet() -> None:
    out = io.StringIO()
    with ExportProgress(Console(file=out, force_terminal=True), enabled=False) as progress:
        progress.advance(10)
    assert out.getvalue() == ""
