"""The sandbox is the other side of the wire: its code never imports the client code."""

from __future__ import annotations

import ast
from pathlib import Path

import tight_customers.sandbox

SANDBOX_DIR = Path(tight_customers.sandbox.__file__).parent


def test_sandbox_modules_import_no_client_code() -> None:
    for path in sorted(SANDBOX_DIR.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert not name.startswith("tight_api"), (path.name, name)
                if name.startswith("tight_customers"):
                    assert name.startswith("tight_customers.sandbox"), (path.name, name)
