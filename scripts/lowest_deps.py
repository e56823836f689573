"""Pin every runtime dependency of the SDK to the lowest version its range allows.

    python scripts/lowest_deps.py > constraints.txt
    python scripts/lowest_deps.py --extra speedups   # the lowest versions of an extra's packages

Reads the `[project] dependencies` of pyproject.toml; each must have a `>=` lower bound. `make
lowest-deps` installs the project with these constraints into a second virtualenv and runs the
facade tests there, so the ranges the SDK declares are ranges it really works with.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOWER_BOUND = re.compile(r"^\s*([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?\s*[^;]*?>=\s*([0-9][^,;\s]*)")


def lowest_pins(pyproject: Path, extra: str | None = None) -> list[str]:
    project = tomllib.loads(pyproject.read_text())["project"]
    dependencies = (
        project["dependencies"] if extra is None else project["optional-dependencies"][extra]
    )
    pins = []
    for requirement in dependencies:
        found = LOWER_BOUND.match(requirement)
        if found is None:
            raise SystemExit(f"{requirement!r} has no `>=` lower bound to test against")
        pins.append(f"{found[1]}=={found[2]}")
    return pins


if __name__ == "__main__":
    chosen = sys.argv[2] if sys.argv[1:2] == ["--extra"] else None
    pins = lowest_pins(ROOT / "pyproject.toml", chosen)
    sys.stdout.write("".join(f"{pin}\n" for pin in pins))
