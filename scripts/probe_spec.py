"""Copy openapi.yaml into the package as JSON, so that `tight-customers probe` has the contract
wherever the SDK is installed (and needs no YAML parser to read it).

    python scripts/probe_spec.py           # write facade/tight_customers/probe/openapi.json
    python scripts/probe_spec.py --check   # fail if that file is not openapi.yaml's content
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "openapi.yaml"
TARGET = ROOT / "facade" / "tight_customers" / "probe" / "openapi.json"


def bundled_text() -> str:
    """The JSON text the package ships for the current openapi.yaml."""
    spec = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))
    return json.dumps(spec, indent=1, ensure_ascii=False) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args()
    text = bundled_text()
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET.relative_to(ROOT)} is not openapi.yaml: run `make probe-spec`")
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
