"""How customers and the segment tree look on a terminal (rich tables and trees)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.tree import Tree

from tight_customers.cli._formats import segment_paths, without_surrogates
from tight_customers.segments import SegmentTree


def customer_table(customers: list[dict[str, Any]], *, title: str | None = None) -> Table:
    table = Table(title=title, show_lines=False)
    for column in ("id", "name", "status", "email", "class segments"):
        table.add_column(column, overflow="fold")
    for c in customers:
        cells = (
            c.get("id", ""),
            c.get("name", ""),
            str(c.get("status", "")),
            c.get("email") or "",
            "\n".join(segment_paths(c)),
        )
        table.add_row(*(escape(without_surrogates(cell)) for cell in cells))
    return table


class TableWriter:
    """Rich tables on the console, one per page (tables cannot be streamed row by row)."""

    def __init__(self, console: Console) -> None:
        self._console = console
        self.offset = 0
        self.replaced_ids: list[str] = []

    def write_page(self, customers: Any) -> None:
        self._console.print(customer_table(list(customers)))

    def rollback(self, offset: int) -> None:
        return None

    def close(self) -> None:
        self._console.file.flush()


def segment_tree(tree: SegmentTree[Any], title: str, max_depth: int | None) -> Tree:
    top = Tree(f"[bold]{title}[/]")
    branches: dict[str, Tree] = {}
    for level, node in tree.walk():
        if max_depth is not None and level > max_depth:
            continue
        parent = branches.get(node.parent_id) if node.parent_id else None
        label = f" [dim]{node.label.name}[/]" if node.label and node.label.name else ""
        count = tree.count_in(node.id)
        text = f"{node.name or node.id}{label} [cyan]{count}[/] [dim]({node.id})[/]"
        branches[node.id] = (parent or top).add(text)
    return top
