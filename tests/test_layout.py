"""The package reads as the pipeline it runs (issue 19): no import cycle between its stages, the shared
code below them, no private name of one module used by another, and no class past about 250 lines."""

import ast
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "kg"
STAGES = (
    "draft",
    "load",
    "resolve",
    "compile",
    "link",
    "validate",
    "build",
    "store",
    "query",
    "export",
    "push",
    "render",
)
BELOW = ("core", "rdf", "util")  # what several stages share: it imports no stage


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[tuple[str, str]]]:
    """module -> {(imported module, imported name)} for every import of kg code, lazy ones included."""
    found: dict[str, set[tuple[str, str]]] = {}
    for path in PACKAGE.rglob("*.py"):
        module = _module(path)
        package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
        names = found.setdefault(module, set())
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join(
                        package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else [])
                    )
                if base.startswith("kg"):
                    names.update((base, alias.name) for alias in node.names)
            elif isinstance(node, ast.Import):
                names.update((alias.name, "") for alias in node.names if alias.name.startswith("kg"))
    return found


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "kg"


def test_the_top_of_the_package_is_the_pipeline():
    top = {p.stem if p.suffix == ".py" else p.name for p in PACKAGE.iterdir() if not p.name.startswith("__")}
    assert top == {*STAGES, *BELOW, "cli"}


def test_no_import_cycle_between_stages_and_nothing_below_imports_a_stage():
    edges: dict[str, set[str]] = {}
    for module, imported in _imports().items():
        for target, _name in imported:
            a, b = _part(module), _part(target)
            if a != b and b != "kg":  # kg itself gives only __version__
                edges.setdefault(a, set()).add(b)
    for shared in BELOW:
        assert not edges.get(shared, set()) & set(STAGES), f"kg.{shared} imports a stage: {edges[shared]}"

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(n == goal or (n not in seen and reaches(n, goal, seen | {n})) for n in edges.get(start, ()))

    cycles = sorted(stage for stage in edges if reaches(stage, stage, {stage}))
    assert cycles == [], f"stages in an import cycle: {cycles}"


def test_no_private_name_is_imported_from_another_module():
    private = sorted(
        f"{module} imports {name} from {target}"
        for module, imported in _imports().items()
        for target, name in imported
        if name.startswith("_") and not name.startswith("__")
    )
    assert private == []


def test_no_class_is_much_over_250_lines():
    long = sorted(
        f"{path.relative_to(ROOT)}:{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for path in PACKAGE.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef) and node.end_lineno - node.lineno + 1 > 260
    )
    assert long == []
