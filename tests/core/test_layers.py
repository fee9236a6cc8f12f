"""The app layers of docs/architecture.md hold: no upward import, none hidden in a function."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "signaalloket"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _app(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "signaalloket" else None


def _function_local_imports() -> list[tuple[str, int, str, str]]:
    """(path, line, function, target) of every import of another app inside a function."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        relative = path.relative_to(ROOT)
        own = _app(".".join(relative.with_suffix("").parts))
        tree = ast.parse(path.read_text())
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom) and not node.level:
                    targets = [node.module or ""]
                elif isinstance(node, ast.Import):
                    targets = [alias.name for alias in node.names]
                else:
                    continue
                for target in targets:
                    if _app(target) and _app(target) != own:
                        found.append((str(relative), node.lineno, function.name, target))
    return sorted(set(found))


def test_no_import_of_another_app_hides_inside_a_function():
    """Allowed only in AppConfig.ready() and a command's handle(), each with its reason."""
    offenders = []
    for path, line, function, target in _function_local_imports():
        source = (ROOT / path).read_text().splitlines()[line - 1]
        allowed = (path.endswith("apps.py") and function == "ready") or (
            "/management/commands/" in path and function == "handle"
        )
        if not (allowed and "#" in source):
            offenders.append(f"{path}:{line} {function}() imports {target}")
    assert offenders == []
    assert len(_function_local_imports()) <= 10


def _lint_imports(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(tree / "pyproject.toml")],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def copy_of_the_code(tmp_path: Path) -> Path:
    shutil.copytree(
        PACKAGE, tmp_path / "signaalloket", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_layer_contract_holds_and_an_upward_import_breaks_it(copy_of_the_code: Path):
    clean = _lint_imports(copy_of_the_code)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Apps call down only KEPT" in clean.stdout

    # A low app reaching up, even from inside a function, breaks `make lint` and so CI.
    (copy_of_the_code / "signaalloket" / "signals" / "upward.py").write_text(
        "def reach_up():\n    from signaalloket.web import views\n\n    return views\n"
    )
    broken = _lint_imports(copy_of_the_code)
    assert broken.returncode != 0
    assert "signaalloket.signals is not allowed to import signaalloket.web" in broken.stdout
