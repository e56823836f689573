"""Write, check or compare the report of the public Python surface of `tight_customers`.

    python scripts/api_report.py --write api/tight_customers.api.txt   # `make api-report`
    python scripts/api_report.py --check api/tight_customers.api.txt   # `make check-api`

The report has one line per public object, `<path>  <kind> <signature or type>`, sorted by path:
every public module of `tight_customers` (no component starting with `_`) and the names it
exports, every public method, property and attribute of those classes (including attributes
assigned in `__init__`), the fields and attrs-generated `__init__` of attrs models, enum members,
and, the same way, every class of the project that a public signature, field, attribute or base
class reaches (the generated models of `tight_api` included). It is built by importing the code,
so it sees exactly what users get at runtime.
"""

from __future__ import annotations

import argparse
import ast
import dataclasses
import difflib
import enum
import importlib
import importlib.util
import inspect
import pkgutil
import re
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import MemberDescriptorType, ModuleType
from typing import Any, ForwardRef

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "tight_customers"
PROJECT_ROOTS = ("tight_customers", "tight_api")
HEADER = (
    "# The public Python surface of tight_customers: one line per object, sorted by path.\n"
    "# Written by `make api-report`; `make check-api` (part of `make test`) fails when the code\n"
    "# differs. Review every change to this file: it is what users import.\n"
)
# Dunder methods that users call through syntax; every other dunder is an implementation detail.
USER_DUNDERS = frozenset(
    {
        "__call__",
        "__iter__",
        "__aiter__",
        "__next__",
        "__anext__",
        "__enter__",
        "__exit__",
        "__aenter__",
        "__aexit__",
        "__len__",
        "__getitem__",
        "__contains__",
        "__bool__",
        "__and__",
        "__rand__",
        "__or__",
        "__ror__",
        "__invert__",
        "__eq__",
        "__ne__",
        "__lt__",
        "__le__",
        "__gt__",
        "__ge__",
    }
)
# What attrs and dataclasses write into a class (compared through the fields instead).
GENERATED_DUNDERS = frozenset({"__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"})
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def is_project(obj: object) -> bool:
    module = getattr(obj, "__module__", None) or ""
    return module.split(".")[0] in PROJECT_ROOTS


def public_modules() -> list[ModuleType]:
    root = importlib.import_module(PACKAGE)
    found = [root]
    for info in pkgutil.walk_packages(root.__path__, f"{PACKAGE}."):
        if any(part.startswith("_") for part in info.name.split(".")[1:]):
            continue
        found.append(importlib.import_module(info.name))
    return sorted(found, key=lambda m: m.__name__)


def exported_names(module: ModuleType) -> list[str]:
    names = getattr(module, "__all__", None)
    if names is not None:
        return sorted(set(names))
    return sorted(
        name
        for name, value in vars(module).items()
        if not name.startswith("_")
        and not inspect.ismodule(value)
        and (getattr(value, "__module__", "") or "").startswith(module.__name__)
    )


def format_annotation(annotation: Any) -> str:
    if isinstance(annotation, str):
        return annotation
    if isinstance(annotation, ForwardRef):
        return annotation.__forward_arg__
    return inspect.formatannotation(annotation)


def format_default(value: Any) -> str:
    if isinstance(value, enum.Enum):
        return f"{type(value).__name__}.{value.name}"
    if inspect.isclass(value) or inspect.isfunction(value):
        return value.__qualname__
    return describe_value(value)


class _Verbatim:
    """Shows its text as is where `inspect` would show a repr."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def format_signature(sig: inspect.Signature) -> str:
    params = [
        param.replace(
            annotation=param.empty
            if param.annotation is param.empty
            else _Verbatim(format_annotation(param.annotation)),
            default=param.empty
            if param.default is param.empty
            else _Verbatim(format_default(param.default)),
        )
        for param in sig.parameters.values()
    ]
    returns = (
        sig.empty
        if sig.return_annotation is sig.empty
        else _Verbatim(format_annotation(sig.return_annotation))
    )
    return str(sig.replace(parameters=params, return_annotation=returns))


def signature_of(obj: Any) -> str:
    try:
        return format_signature(inspect.signature(obj))
    except (TypeError, ValueError):
        return "(...)"


@dataclass
class Resolver:
    """Finds the project classes that an annotation written in a module refers to."""

    _imports: dict[str, dict[str, str]]

    def classes_in(self, annotation: str, module_name: str) -> Iterator[type]:
        module = sys.modules.get(module_name)
        if module is None:
            return
        for name in IDENTIFIER.findall(annotation):
            value = self._lookup(name, module)
            if inspect.isclass(value) and is_project(value):
                yield value

    def _lookup(self, dotted: str, module: ModuleType) -> Any:
        head, *rest = dotted.split(".")
        value = vars(module).get(head)
        if value is None:
            target = self._type_checking_imports(module).get(head)
            if target is None:
                return None
            owner, _, attr = target.rpartition(".")
            try:
                value = getattr(importlib.import_module(owner), attr, None)
            except ImportError:
                return None
        for attr in rest:
            value = getattr(value, attr, None)
        return value

    def _type_checking_imports(self, module: ModuleType) -> dict[str, str]:
        """`from x import y` anywhere in the module (TYPE_CHECKING blocks included)."""
        if module.__name__ not in self._imports:
            table: dict[str, str] = {}
            try:
                tree = ast.parse(inspect.getsource(module))
            except (OSError, TypeError):
                tree = ast.Module(body=[], type_ignores=[])
            package = module.__name__ if hasattr(module, "__path__") else module.__package__
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom):
                    base = importlib.util.resolve_name(
                        "." * node.level + (node.module or ""), package or ""
                    )
                    for alias in node.names:
                        table[alias.asname or alias.name] = f"{base}.{alias.name}"
            self._imports[module.__name__] = table
        return self._imports[module.__name__]


def home_module(cls: type) -> str:
    """The module the class was written in, whose names its annotations use.

    `__module__` may name the package that exports the class instead; the globals of a method
    written in the class body still name the module of its source.
    """
    for value in vars(cls).values():
        function = getattr(value, "__func__", None) or getattr(value, "fget", None) or value
        namespace = getattr(function, "__globals__", None)
        if isinstance(namespace, dict) and isinstance(namespace.get("__name__"), str):
            return str(namespace["__name__"])
    return cls.__module__


def model_fields(cls: type) -> dict[str, tuple[str, bool]]:
    """The public fields of an attrs class or dataclass: {name: (annotation, in __init__)}."""
    found: dict[str, tuple[str, bool]] = {}
    if hasattr(cls, "__attrs_attrs__"):
        for field in cls.__attrs_attrs__:
            annotation = format_annotation(field.type) if field.type is not None else "?"
            found[field.name] = (annotation, field.init)
    elif dataclasses.is_dataclass(cls):
        for dc_field in dataclasses.fields(cls):
            found[dc_field.name] = (format_annotation(dc_field.type), dc_field.init)
    return {name: value for name, value in found.items() if not name.startswith("_")}


def init_attributes(cls: type) -> dict[str, str]:
    """Public attributes that `__init__` assigns on `self`, with their annotation or class name."""
    init = cls.__dict__.get("__init__")
    if not inspect.isfunction(init):
        return {}
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(init)))
    except (OSError, TypeError, SyntaxError):
        return {}
    params = {
        name: format_annotation(param.annotation)
        for name, param in inspect.signature(init).parameters.items()
        if param.annotation is not param.empty
    }
    found: dict[str, str] = {}
    for node in ast.walk(tree):
        target: ast.expr | None = None
        annotation = ""
        value: ast.expr | None = None
        if isinstance(node, ast.AnnAssign):
            target, annotation, value = node.target, ast.unparse(node.annotation), node.value
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        if not (
            isinstance(target, ast.Attribute)
            and isinstance(target.value, ast.Name)
            and target.value.id == "self"
            and not target.attr.startswith("_")
        ):
            continue
        if not annotation and isinstance(value, ast.Call):
            annotation = ast.unparse(value.func)
        if not annotation and isinstance(value, ast.Name):
            annotation = params.get(value.id, "")
        found.setdefault(target.attr, annotation)
    return found


class Report:
    """Collects the lines of the report, following the classes that public objects reach."""

    def __init__(self) -> None:
        self.lines: dict[str, str] = {}
        self.paths: dict[int, str] = {}
        self.resolver = Resolver({})
        self._pending: list[type] = []

    def build(self) -> str:
        modules = public_modules()
        for module in modules:
            for name in exported_names(module):
                value = getattr(module, name)
                if inspect.isclass(value) or inspect.isroutine(value):
                    self.paths.setdefault(id(value), f"{module.__name__}.{name}")
        for module in modules:
            self.add(module.__name__, "module")
            for name in exported_names(module):
                self.add_object(f"{module.__name__}.{name}", getattr(module, name), module)
        while self._pending:
            cls = self._pending.pop()
            path = self.path_of(cls)
            if path not in self.lines:
                self.add_class(path, cls)
        body = "".join(f"{path}  {self.lines[path]}\n" for path in sorted(self.lines))
        return HEADER + "\n" + body

    def add(self, path: str, text: str) -> None:
        self.lines[path] = text

    def path_of(self, cls: type) -> str:
        known = self.paths.get(id(cls))
        if known is not None:
            return known
        parts = cls.__module__.split(".")
        for end in range(1, len(parts) + 1):
            owner = sys.modules.get(".".join(parts[:end]))
            if owner is not None and getattr(owner, cls.__name__, None) is cls:
                path = f"{owner.__name__}.{cls.__qualname__}"
                break
        else:
            path = f"{cls.__module__}.{cls.__qualname__}"
        self.paths[id(cls)] = path
        return path

    def reach(self, annotation: str, module_name: str) -> None:
        for cls in self.resolver.classes_in(annotation, module_name):
            if self.path_of(cls) not in self.lines:
                self._pending.append(cls)

    def add_object(self, path: str, value: Any, module: ModuleType) -> None:
        if inspect.ismodule(value):
            self.add(path, f"module {value.__name__}")
        elif inspect.isclass(value):
            if self.path_of(value) == path:
                self.add_class(path, value)
            else:
                self.add(path, f"alias of {self.path_of(value)}")
                if is_project(value):
                    self._pending.append(value)
        elif inspect.isroutine(value):
            kind = "async function" if inspect.iscoroutinefunction(value) else "function"
            sig = signature_of(value)
            self.add(path, f"{kind}{sig}")
            self.reach(sig, getattr(value, "__module__", module.__name__) or module.__name__)
        elif path.endswith(".__version__"):
            self.add(path, "value: str")  # changes with every release by design
        else:
            self.add(path, f"value: {describe_value(value)}")
            self.reach(repr(value), module.__name__)

    def add_class(self, path: str, cls: type) -> None:
        bases = [b for b in cls.__bases__ if b is not object]
        for base in bases:
            if is_project(base):
                self._pending.append(base)
        base_text = ", ".join(self.base_name(b) for b in bases)
        if issubclass(cls, enum.Enum):
            self.add(path, f"enum({base_text})")
            for member in cls:
                self.add(f"{path}.{member.name}", f"member = {member.value!r}")
            return
        fields = model_fields(cls)
        kind = "class"
        if hasattr(cls, "__attrs_attrs__"):
            kind = "attrs class"
        elif dataclasses.is_dataclass(cls):
            kind = "dataclass"
        elif getattr(cls, "_is_protocol", False):
            kind = "protocol"
        self.add(path, f"{kind}({base_text})")
        for name, (annotation, in_init) in fields.items():
            text = f"field: {annotation}" + ("" if in_init else " (not in __init__)")
            self.add(f"{path}.{name}", text)
            self.reach(annotation, home_module(cls))
        # Users construct the classes a public module exports; the private ones they only get.
        constructible = not any(part.startswith("_") for part in path.split("."))
        if constructible and kind != "protocol" and ("__init__" in cls.__dict__ or fields):
            sig = signature_of(cls)
            self.add(f"{path}.__init__", f"constructor{sig}")
            self.reach(sig, home_module(cls))
        for name, annotation in init_attributes(cls).items():
            if name not in cls.__dict__ and name not in fields:
                self.add(
                    f"{path}.{name}", f"attribute: {annotation}" if annotation else "attribute"
                )
                self.reach(annotation, home_module(cls))
        self.add_members(path, cls, set(fields) if kind in {"attrs class", "dataclass"} else None)

    def base_name(self, base: type) -> str:
        return self.path_of(base) if is_project(base) else f"{base.__module__}.{base.__qualname__}"

    def add_members(self, path: str, cls: type, fields: set[str] | None) -> None:
        own_annotations = inspect.get_annotations(cls)
        for name in sorted(set(cls.__dict__) | set(own_annotations)):
            if name == "__init__" or name.startswith("__attrs"):
                continue
            if name.startswith("_") and name not in USER_DUNDERS:
                continue
            if fields is not None and (name in GENERATED_DUNDERS or name in fields):
                continue
            member_path = f"{path}.{name}"
            raw = cls.__dict__.get(name, inspect.Parameter.empty)
            text = self.describe_member(raw, own_annotations.get(name), cls)
            if text is not None:
                self.add(member_path, text)

    def describe_member(self, raw: Any, annotation: Any, cls: type) -> str | None:
        module = home_module(cls)
        if isinstance(raw, property):
            getter = raw.fget
            returns = "?"
            if getter is not None:
                sig = inspect.signature(getter)
                if sig.return_annotation is not sig.empty:
                    returns = format_annotation(sig.return_annotation)
            self.reach(returns, module)
            return f"property{' (settable)' if raw.fset else ''}: {returns}"
        if isinstance(raw, classmethod | staticmethod):
            kind = "classmethod" if isinstance(raw, classmethod) else "staticmethod"
            sig = signature_of(raw.__func__)
            self.reach(sig, module)
            return f"{kind}{sig}"
        if inspect.isfunction(raw):
            kind = "async method" if inspect.iscoroutinefunction(raw) else "method"
            if inspect.isasyncgenfunction(raw):
                kind = "async generator method"
            sig = signature_of(raw)
            self.reach(sig, module)
            return f"{kind}{sig}"
        if raw is None and cls.__dict__.get("__hash__", 0) is None:
            return None
        if raw is inspect.Parameter.empty or isinstance(raw, MemberDescriptorType):
            if annotation is None:
                return "attribute"
            text = format_annotation(annotation)
            self.reach(text, module)
            return f"attribute: {text}"
        if inspect.isclass(raw):
            if is_project(raw):
                self._pending.append(raw)
            return f"class attribute: {self.base_name(raw)}"
        if callable(raw) and not isinstance(raw, (int, str, float, tuple)):
            return f"callable: {type(raw).__name__}{signature_of(raw)}"
        if annotation is not None:
            text = format_annotation(annotation)
            self.reach(text, module)
            return f"attribute: {text} = {describe_value(raw)}"
        return f"attribute = {describe_value(raw)}"


def describe_value(value: Any) -> str:
    if isinstance(value, (str, int, float, bool, bytes, type(None))):
        return repr(value)
    if isinstance(value, (set, frozenset)):
        items = ", ".join(sorted(describe_value(v) for v in value))
        return f"{type(value).__name__}({{{items}}})"
    return ADDRESS.sub("", repr(value))


def build_report() -> str:
    return Report().build()


def parse(text: str) -> dict[str, str]:
    """The report as {path: description}."""
    entries: dict[str, str] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        path, _, description = line.partition("  ")
        entries[path] = description
    return entries


@dataclass(frozen=True)
class ApiChange:
    object: str
    kind: str  # removed | changed | added
    breaking: bool
    message: str

    @property
    def semver(self) -> str:
        if self.breaking:
            return "major"
        return "minor" if self.kind == "added" else "patch"

    def to_json(self) -> dict[str, Any]:
        return {
            "object": self.object,
            "kind": self.kind,
            "breaking": self.breaking,
            "message": self.message,
        }


SIGNATURE_KINDS = (
    "async generator method",
    "async function",
    "async method",
    "classmethod",
    "staticmethod",
    "constructor",
    "function",
    "method",
)


def split_top(text: str, sep: str = ",") -> list[str]:
    """`text` split at `sep` outside brackets and quotes."""
    parts, depth, quote, start = [], 0, "", 0
    for index, char in enumerate(text):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == sep and depth == 0:
            parts.append(text[start:index].strip())
            start = index + 1
    tail = text[start:].strip()
    return [*parts, tail] if tail or parts else []


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # positional | keyword | var
    annotation: str
    has_default: bool


def parse_signature(description: str) -> tuple[str, list[Param], str] | None:
    """(kind, parameters, return annotation) of a signature line, or None for other lines."""
    kind = next((k for k in SIGNATURE_KINDS if description.startswith(f"{k}(")), None)
    if kind is None:
        return None
    rest = description[len(kind) :]
    depth = 0
    end = 0
    for end, char in enumerate(rest):  # noqa: B007 (the loop finds `end`)
        depth += (char in "([{") - (char in ")]}")
        if depth == 0:
            break
    params_text, returns = rest[1:end], rest[end + 1 :].removeprefix(" -> ")
    params: list[Param] = []
    keyword_only = False
    for raw in split_top(params_text):
        if raw == "/":
            continue
        if raw == "*":
            keyword_only = True
            continue
        head, equals, _ = raw.partition(" = ")
        name, _, annotation = head.partition(": ")
        if name.startswith("*"):
            params.append(Param(name, "var", annotation, True))
            keyword_only = True
            continue
        if name in {"self", "cls"} and not params:
            continue
        kind_of = "keyword" if keyword_only else "positional"
        params.append(Param(name, kind_of, annotation, bool(equals)))
    return kind, params, returns


def signature_break(old: str, new: str) -> str | None:
    """Why callers of the old signature break with the new one, or None if they do not."""
    before, after = parse_signature(old), parse_signature(new)
    if before is None or after is None:
        return "it changed"
    (old_kind, old_params, old_returns), (new_kind, new_params, new_returns) = before, after
    if old_kind != new_kind:
        return f"{old_kind} became {new_kind}"
    by_name = {p.name: p for p in new_params}
    old_positional = [p.name for p in old_params if p.kind == "positional"]
    new_positional = [p.name for p in new_params if p.kind == "positional"]
    for param in old_params:
        now = by_name.get(param.name)
        if now is None:
            return f"parameter `{param.name.lstrip('*')}` removed"
        if now.kind != param.kind:
            return f"parameter `{param.name}` is now {now.kind}"
        if now.annotation != param.annotation:
            return f"parameter `{param.name}` type {param.annotation} -> {now.annotation}"
        if param.has_default and not now.has_default:
            return f"parameter `{param.name}` became required"
    if new_positional[: len(old_positional)] != old_positional:
        return "positional parameters reordered"
    for param in new_params:
        if param.name not in {p.name for p in old_params} and not param.has_default:
            return f"new required parameter `{param.name}`"
    if old_returns != new_returns:
        return f"return type {old_returns or '(none)'} -> {new_returns or '(none)'}"
    return None


def signature_summary(old: str, new: str) -> str:
    """What changed between two signatures, parameter by parameter."""
    before, after = parse_signature(old), parse_signature(new)
    assert before is not None and after is not None
    old_params = {p.name: p for p in before[1]}
    new_params = {p.name: p for p in after[1]}
    notes = [
        f"new {'optional' if p.has_default else 'required'} parameter `{p.name}: {p.annotation}`"
        for name, p in new_params.items()
        if name not in old_params
    ]
    notes += [f"parameter `{name}` removed" for name in old_params if name not in new_params]
    for name in old_params.keys() & new_params.keys():
        was, now = old_params[name], new_params[name]
        if was != now:
            notes.append(
                f"parameter `{name}`: {was.kind} {was.annotation or '?'} -> "
                f"{now.kind} {now.annotation or '?'}"
                + ("" if was.has_default == now.has_default else " (default changed)")
            )
    if before[2] != after[2]:
        notes.append(f"returns {before[2] or '(none)'} -> {after[2] or '(none)'}")
    return "; ".join(sorted(notes)) or "default values changed"


def classify(path: str, old: str, new: str) -> ApiChange:
    if parse_signature(old) is not None and parse_signature(new) is not None:
        reason = signature_break(old, new)
        summary = signature_summary(old, new)
        message = summary
        if reason is not None:
            message += " (breaks callers)" if reason in summary else f" (breaks callers: {reason})"
        return ApiChange(path, "changed", reason is not None, message)
    old_kind, _, old_bases = old.partition("(")
    new_kind, _, new_bases = new.partition("(")
    if old_kind == new_kind and old_kind.endswith(("class", "enum", "dataclass", "protocol")):
        removed = set(split_top(old_bases.rstrip(")"))) - set(split_top(new_bases.rstrip(")")))
        return ApiChange(path, "changed", bool(removed), f"bases {old} -> {new}")
    return ApiChange(path, "changed", True, f"{old} -> {new}")


def compare(old_text: str, new_text: str) -> list[ApiChange]:
    """Every difference between two reports, rated breaking or not for code that uses them."""
    old, new = parse(old_text), parse(new_text)
    changes: list[ApiChange] = []
    gone_or_new: set[str] = set()
    for path in sorted(set(old) | set(new)):
        if (path in old) != (path in new):
            if path.rpartition(".")[0] in gone_or_new:
                gone_or_new.add(path)
                continue  # a member of a removed or added object: reported with it
            gone_or_new.add(path)
        if path not in new:
            changes.append(ApiChange(path, "removed", True, f"removed (was {old[path]})"))
        elif path not in old:
            changes.append(ApiChange(path, "added", False, f"added: {new[path]}"))
        elif old[path] != new[path]:
            changes.append(classify(path, old[path], new[path]))
    return changes


def check(committed: Path, current: str) -> int:
    shown = committed.relative_to(ROOT) if committed.is_relative_to(ROOT) else committed
    old = committed.read_text(encoding="utf-8") if committed.exists() else ""
    if old == current:
        print(f"{shown} matches the public surface of {PACKAGE}")
        return 0
    sys.stdout.writelines(
        difflib.unified_diff(
            old.splitlines(keepends=True),
            current.splitlines(keepends=True),
            f"committed/{shown}",
            "code",
        )
    )
    print(
        f"\nThe public surface of {PACKAGE} differs from {shown} (diff above).\n"
        "If the change is intended, run `make api-report`, review the diff and commit it.",
        file=sys.stderr,
    )
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", type=Path, help="write the report to this file")
    mode.add_argument("--check", type=Path, help="fail with a diff if this report is out of date")
    args = parser.parse_args(argv)
    report = build_report()
    if args.write is not None:
        args.write.parent.mkdir(parents=True, exist_ok=True)
        args.write.write_text(report, encoding="utf-8")
        print(f"wrote {args.write} ({len(parse(report))} public objects)")
        return 0
    return check(args.check.resolve(), report)


if __name__ == "__main__":
    raise SystemExit(main())
