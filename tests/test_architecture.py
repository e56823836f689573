"""The house rules of design.md, checked on the import graph of the source tree."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FACADE = ROOT / "facade" / "tight_customers"
GENERATED = ROOT / "generated" / "tight_api"


def imported_modules(path: Path) -> set[str]:
    """Absolute module names a file imports (relative imports resolved within its package)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(
        path.relative_to(path.parents[len(path.relative_to(ROOT).parts) - 2])
        .with_suffix("")
        .parts[:-1]
    )
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                found.add(".".join([*base, node.module] if node.module else base))
            elif node.module:
                found.add(node.module)
    return found


def sources(top: Path) -> list[Path]:
    return sorted(top.rglob("*.py"))


def importers_of(prefix: str, files: list[Path]) -> list[str]:
    return [
        str(f.relative_to(ROOT))
        for f in files
        if any(m == prefix or m.startswith(prefix + ".") for m in imported_modules(f))
    ]


def test_only_the_adapter_imports_the_generated_package() -> None:
    assert importers_of("tight_api", sources(FACADE)) == ["facade/tight_customers/_adapter.py"]


def test_generated_package_never_imports_the_facade() -> None:
    assert importers_of("tight_customers", sources(GENERATED)) == []


def test_sandbox_never_imports_client_code() -> None:
    sandbox = sources(FACADE / "sandbox")
    allowed = ("tight_customers.sandbox",)
    offenders = [
        f"{f.relative_to(ROOT)}: {m}"
        for f in sandbox
        for m in imported_modules(f)
        if (m.startswith("tight_customers") and not m.startswith(allowed))
        or m.startswith("tight_api")
    ]
    assert offenders == []


def test_core_never_imports_sandbox_or_cli() -> None:
    core = [f for f in sources(FACADE) if not {"sandbox", "cli"} & set(f.relative_to(FACADE).parts)]
    assert core, "the core modules exist"
    assert importers_of("tight_customers.sandbox", core) == []
    assert importers_of("tight_customers.cli", core) == []


def test_importing_the_sandbox_loads_no_client_code() -> None:
    code = (
        "import sys, tight_customers.sandbox; "
        "print(sorted(m for m in sys.modules if m.startswith("
        "('tight_api', 'tight_customers._client', 'tight_customers._core', 'httpx'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_public_name_resolves() -> None:
    import tight_customers

    for name in tight_customers.__all__:
        assert getattr(tight_customers, name) is not None, name
    assert set(tight_customers.__all__) <= set(dir(tight_customers))
