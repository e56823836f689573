"""One list of public names: the lazy table, the TYPE_CHECKING imports and `__all__` of
`tight_customers/__init__.py` agree, and public classes name `tight_customers` as their module
(so reprs, tracebacks and pickles never show a private module)."""

from __future__ import annotations

import ast
import pickle
import traceback
from pathlib import Path

import tight_customers as tc

INIT = Path(tc.__file__)


def _type_checking_imports() -> dict[str, str]:
    """name → module of every import under `if TYPE_CHECKING:` in __init__.py."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name):
            if node.test.id != "TYPE_CHECKING":
                continue
            for stmt in node.body:
                assert isinstance(stmt, ast.ImportFrom) and stmt.module
                for alias in stmt.names:
                    found[alias.asname or alias.name] = stmt.module
    return found


def test_lazy_table_type_checking_imports_and_all_agree() -> None:
    lazy = dict(tc._EXPORTS)
    assert _type_checking_imports() == lazy
    assert sorted(tc.__all__) == sorted([*lazy, "__version__"])
    assert tc.__all__ == sorted(tc.__all__), "keep __all__ sorted"
    assert sorted(dir(tc)) == sorted(tc.__all__)


def test_every_public_name_is_defined_where_the_table_says() -> None:
    import importlib

    for name, module in tc._EXPORTS.items():
        assert getattr(importlib.import_module(module), name) is getattr(tc, name), name


def test_public_classes_live_in_the_package_namespace() -> None:
    classes = [getattr(tc, n) for n in tc._EXPORTS if isinstance(getattr(tc, n), type)]
    assert len(classes) >= 19
    generated = [c for c in classes if c.__module__.startswith("tight_api.")]
    assert tc.Customer in generated  # the generated models keep their own module
    for cls in classes:
        if cls not in generated:
            assert cls.__module__ == "tight_customers", cls
    assert repr(tc.NotFoundError) == "<class 'tight_customers.NotFoundError'>"
    error = tc.NotFoundError("no customer cus_1", status_code=404)
    assert type(pickle.loads(pickle.dumps(error))) is tc.NotFoundError
    shown = traceback.format_exception_only(error)[-1]
    assert shown.startswith("tight_customers.NotFoundError: no customer cus_1")


def test_unknown_names_raise_attribute_error() -> None:
    try:
        tc.NoSuchThing  # noqa: B018
    except AttributeError as exc:
        assert "NoSuchThing" in str(exc)
    else:
        raise AssertionError("expected AttributeError")
