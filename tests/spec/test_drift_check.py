"""The drift check (`make check-generated`) notices every kind of difference."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent.parent


def load_generate_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_script", ROOT / "scripts/generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def make_tree(top: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (top / rel).parent.mkdir(parents=True, exist_ok=True)
        (top / rel).write_text(text)
    return top


def test_identical_trees_have_no_drift(tmp_path: Path) -> None:
    generate = load_generate_script()
    files = {"__init__.py": "x = 1\n", "models/a.py": "a = 2\n"}
    fresh = make_tree(tmp_path / "fresh", files)
    committed = make_tree(tmp_path / "committed", files)
    assert generate.drift(fresh, committed) == []


def test_hand_edit_added_and_missing_files_are_reported(tmp_path: Path) -> None:
    generate = load_generate_script()
    fresh = make_tree(tmp_path / "fresh", {"__init__.py": "x = 1\n", "new.py": "n = 1\n"})
    committed = make_tree(tmp_path / "committed", {"__init__.py": "x = 2\n", "old.py": "o = 1\n"})
    problems = generate.drift(fresh, committed)
    assert "missing from generated/: new.py" in problems
    assert "not produced by the generator: old.py" in problems
    assert any("-x = 2" in p and "+x = 1" in p for p in problems)


def test_committed_generated_package_is_complete() -> None:
    package = ROOT / "generated" / "tight_api"
    for rel in (
        "__init__.py",
        "client.py",
        "models/customer.py",
        "api/customers/query_customers.py",
    ):
        assert (package / rel).is_file(), rel
