"""The pytest plugin `tight_customers.testing`: docs/testing.md's test files run as a user's
suite would (through `pytester`, in a fresh directory, the plugin found by its entry point)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

TESTING_DOC = Path(__file__).resolve().parents[2] / "docs" / "testing.md"
BLOCK = re.compile(r"^```python\n# (\w+\.py)\n(.*?)^```", re.DOTALL | re.MULTILINE)


def doc_files() -> dict[str, str]:
    return dict(BLOCK.findall(TESTING_DOC.read_text(encoding="utf-8")))


def test_the_testing_doc_has_test_files() -> None:
    files = doc_files()
    assert "conftest.py" in files and len(files) >= 3
    assert (
        sum(
            source.count("\ndef test_") + source.count("\nasync def test_")
            for source in files.values()
        )
        >= 9
    )


def test_the_testing_doc_examples_pass_as_a_users_suite(pytester: pytest.Pytester) -> None:
    files = doc_files()
    pytester.makepyfile(**{name.removesuffix(".py"): source for name, source in files.items()})
    result = pytester.runpytest("-p", "no:cacheprovider")
    expected = sum(len(re.findall(r"^(?:async )?def test_", s, re.M)) for s in files.values())
    result.assert_outcomes(passed=expected)


def test_a_marker_with_positional_arguments_is_a_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.tight_sandbox(50)
        def test_it(tight_sandbox):
            pass
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.stdout.fnmatch_lines(["*tight_sandbox takes keyword arguments*"])
    result.assert_outcomes(errors=1)


def test_the_plugin_is_inert_without_the_sandbox_extra() -> None:
    code = (
        "import sys; sys.modules['uvicorn'] = None\n"
        "import tight_customers.testing as t\n"
        "print(t.__all__, hasattr(t, 'tight_sandbox'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[] False"


def test_the_plugin_is_registered_for_pytest() -> None:
    from importlib.metadata import entry_points

    plugins = {e.name: e.value for e in entry_points(group="pytest11")}
    assert plugins.get("tight_customers") == "tight_customers.testing"
