"""Regenerate the low-level client from openapi.yaml, or check that the committed copy matches.

    python scripts/generate.py --output generated     # write generated/tight_api
    python scripts/generate.py --check generated      # exit 1 and show a diff if it drifted

The generator always writes into a fresh temporary folder (so its output never depends on what
was there before), and the result is then copied over or compared.
"""

from __future__ import annotations

import argparse
import difflib
import filecmp
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi.yaml"
CONFIG = ROOT / "scripts" / "generator" / "config.yaml"
TEMPLATES = ROOT / "scripts" / "generator" / "templates"
PACKAGE = "tight_api"


def run_generator(dest: Path) -> Path:
    out = dest / PACKAGE
    cmd = [
        "openapi-python-client",
        "generate",
        "--path",
        str(SPEC),
        "--config",
        str(CONFIG),
        "--meta",
        "none",
        "--output-path",
        str(out),
        "--fail-on-warning",
    ]
    if TEMPLATES.is_dir():
        cmd += ["--custom-template-path", str(TEMPLATES)]
    result = subprocess.run(cmd, cwd=dest, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"openapi-python-client failed with exit code {result.returncode}")
    # With --meta none the generator writes no PEP 561 marker; the package is fully typed, so
    # mark it, or type checkers treat every import of it as untyped.
    (out / "py.typed").write_text("# Marker file for PEP 561\n", encoding="utf-8")
    for cache in out.rglob("__pycache__"):
        shutil.rmtree(cache)
    shutil.rmtree(out / ".ruff_cache", ignore_errors=True)
    return out


def files_under(top: Path) -> set[Path]:
    return {
        p.relative_to(top)
        for p in top.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and ".ruff_cache" not in p.parts
    }


def drift(fresh: Path, committed: Path) -> list[str]:
    problems: list[str] = []
    new, old = files_under(fresh), files_under(committed) if committed.exists() else set()
    problems += [f"missing from generated/: {p}" for p in sorted(new - old)]
    problems += [f"not produced by the generator: {p}" for p in sorted(old - new)]
    for rel in sorted(new & old):
        if not filecmp.cmp(fresh / rel, committed / rel, shallow=False):
            diff = difflib.unified_diff(
                (committed / rel).read_text().splitlines(),
                (fresh / rel).read_text().splitlines(),
                f"committed/{rel}",
                f"regenerated/{rel}",
                lineterm="",
                n=1,
            )
            problems.append("\n".join(list(diff)[:40]))
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--output", type=Path, help="folder to write tight_api into")
    mode.add_argument("--check", type=Path, help="folder whose tight_api must match")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tight-generate-") as tmp:
        fresh = run_generator(Path(tmp))
        if args.output is not None:
            target = args.output / PACKAGE
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(fresh, target)
            print(f"generated {len(files_under(target))} files into {target}")
            return 0
        problems = drift(fresh, args.check / PACKAGE)
    if problems:
        print("generated/ differs from what `make generate` writes:", file=sys.stderr)
        print("\n".join(problems), file=sys.stderr)
        print("run `make generate` and commit the result (never edit generated/ by hand)")
        return 1
    print("generated/ is up to date with openapi.yaml")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
