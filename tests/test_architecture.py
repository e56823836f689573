"""The rules of ARCHITECTURE.md, checked on the import graph of the source tree."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
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


ON_TOP = {"sandbox", "cli", "testing", "probe"}


def core_sources() -> list[Path]:
    """The client modules: everything but the sandbox, the CLI, the pytest plugin and the probe
    (each an extra on top of them)."""
    return [f for f in sources(FACADE) if not ON_TOP & set(f.relative_to(FACADE).parts)]


def test_core_never_imports_sandbox_or_cli() -> None:
    core = core_sources()
    assert core, "the core modules exist"
    assert importers_of("tight_customers.sandbox", core) == []
    assert importers_of("tight_customers.cli", core) == []
    assert importers_of("tight_customers.testing", core) == []
    assert importers_of("tight_customers.probe", core) == []


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


def _declared(requirements: list[str]) -> set[str]:
    return {re.split(r"[\s\[<>=!~;]", r, maxsplit=1)[0].lower() for r in requirements}


def optional_imports(path: Path) -> set[str]:
    """Top-level names of the packages a file imports inside `try: ... except ImportError`."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Try):
            continue
        caught = {
            n.id
            for h in node.handlers
            for n in ast.walk(h.type or ast.Name(""))
            if isinstance(n, ast.Name)
        }
        if not caught & {"ImportError", "ModuleNotFoundError"}:
            continue
        for stmt in node.body:
            if isinstance(stmt, ast.Import):
                found.update(alias.name.split(".")[0] for alias in stmt.names)
            elif isinstance(stmt, ast.ImportFrom) and stmt.module and not stmt.level:
                found.add(stmt.module.split(".")[0])
    return found


def test_the_core_declares_every_third_party_package_it_imports() -> None:
    """What the client modules import is a runtime dependency, not something that happens to
    arrive through another package; what they import only if it is there (a speed-up) is in an
    extra."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = _declared(project["dependencies"])
    in_extras = {
        name for extra in project["optional-dependencies"].values() for name in _declared(extra)
    }
    ours = {"tight_customers", "tight_api"}
    optional = {name for f in core_sources() for name in optional_imports(f)}
    imported = {
        m.split(".")[0]
        for f in core_sources()
        for m in imported_modules(f)
        if m.split(".")[0] not in ours and m.split(".")[0] not in sys.stdlib_module_names
    }
    assert imported, "the core imports third-party packages"
    required = imported - optional
    assert required <= declared, f"imported but not declared: {sorted(required - declared)}"
    assert optional <= in_extras, f"optional but in no extra: {sorted(optional - in_extras)}"
    assert not optional & declared, "a package the core needs is imported as if it were optional"


def test_the_pytest_plugin_is_declared_and_needs_only_the_sandbox_extra() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["entry-points"]["pytest11"] == {"tight_customers": "tight_customers.testing"}
    sandbox_extra = _declared(project["optional-dependencies"]["sandbox"])
    declared = _declared(project["dependencies"]) | sandbox_extra | {"pytest"}
    imported = {
        m.split(".")[0]
        for f in sources(FACADE / "testing")
        for m in imported_modules(f)
        if m.split(".")[0] not in {"tight_customers"}
        and m.split(".")[0] not in sys.stdlib_module_names
    }
    assert imported <= declared, sorted(imported - declared)


def test_no_module_sets_another_modules_private_attributes() -> None:
    """`x._name = ...` on an object of another module is a boundary leak: a module changes its
    own private state, or asks its owner to through a public name."""
    offenders = []
    for path in core_sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Assign):
                continue
            for target in node.targets:
                if (
                    isinstance(target, ast.Attribute)
                    and target.attr.startswith("_")
                    and not target.attr.startswith("__")
                    and not (
                        isinstance(target.value, ast.Name)
                        and target.value.id in ("self", "cls", "clone")
                    )
                ):
                    offenders.append(
                        f"{path.relative_to(ROOT)}:{node.lineno} {ast.unparse(target)}"
                    )
    assert offenders == []
