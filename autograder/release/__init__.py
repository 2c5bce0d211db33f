"""The student release: what students receive, as a folder and a zip.

::

    OUT/
      README.md             student guide (Japanese and English)
      pyproject.toml        `pip install -e .`: dependencies + the self-check package
      requirements.txt      the same dependencies for `pip install -r`
      conftest.py           makes `pytest exercises/` work from OUT/ without installing
      grading.toml          titles and settings only (no points: they name hidden tests)
      exercises/            stubs <module>.py + visible self-checks test_<module>.py
      notebooks/            <module>.ipynb, nbgrader's release version (generate_assignment)
      data/                 bundled MNIST subset (training and validation), sample weights
      autograder/           only what the self-checks import (checks, pytest plugin, bridge)
    OUT.zip                 the same, under one folder named like OUT

Stubs and notebooks are made from solutions/ here and now (not read from disk),
so a release is never stale. Solutions, hidden suites, wrong answers and the
grader never enter it, and ``leaks`` checks the written files for them.
"""
from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

from ..author import notebooks, stubs
from ..paths import KIT_ROOT
from .texts import CONFTEST, README, pyproject

# What `pytest exercises/` and the notebooks' test cells need; imports are followed from here.
PACKAGE_SEEDS = ("autograder/__init__.py", "autograder/checks.py", "autograder/pytest_plugin.py",
                 "autograder/paths.py", "autograder/bridge/__init__.py", "autograder/notebook_checks.py")
# Never released, whatever imports them.
FORBIDDEN_PACKAGES = ("autograder/author", "autograder/grade", "autograder/commands", "autograder/jail",
                      "autograder/release", "autograder/report", "autograder/cli.py", "autograder/__main__.py")
STUDENT_DEPENDENCIES = ("numpy", "torch", "torchvision", "pytest", "jupyterlab")
# data/ folders that stay with the judge: the hidden MNIST test set is graded, never shipped.
UNRELEASED_DATA = ("hidden",)


class ReleaseError(RuntimeError):
    pass


def _imports(path: Path, root: Path) -> set[str]:
    """Kit files (relative to root) that a module imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = path.relative_to(root).parent.parts
    found = set()
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = list(package[:len(package) - node.level + 1]) if node.level else []
            module = base + (node.module.split(".") if node.module else [])
            names = [".".join(module)] + [".".join(module + [a.name]) for a in node.names]
        for name in names:
            if not name.startswith("autograder"):
                continue
            parts = name.split(".")
            for candidate in (Path(*parts).with_suffix(".py"), Path(*parts, "__init__.py")):
                if (root / candidate).is_file():
                    found.add(candidate.as_posix())
            for i in range(1, len(parts)):  # parent packages' __init__
                init = Path(*parts[:i], "__init__.py")
                if (root / init).is_file():
                    found.add(init.as_posix())
    return found


def package_files(root: Path = KIT_ROOT) -> list[str]:
    """The autograder files the release needs: the seeds and everything they (and the
    visible self-checks) import, transitively."""
    todo = [s for s in PACKAGE_SEEDS if (root / s).is_file()]
    for test in sorted((root / "exercises").glob("test_*.py")):
        todo.extend(_imports(test, root))
    done: set[str] = set()
    while todo:
        item = todo.pop()
        if item in done:
            continue
        done.add(item)
        todo.extend(_imports(root / item, root) - done)
    bad = sorted(f for f in done if f.startswith(FORBIDDEN_PACKAGES))
    if bad:
        raise ReleaseError(f"the self-checks import grader-only files: {bad}")
    return sorted(done)


def _student_grading_toml(root: Path) -> str:
    """grading.toml without points (their keys are hidden test names)."""
    with open(root / "grading.toml", "rb") as handle:
        raw = tomllib.load(handle)
    lines = ["# 自己チェック用の設定(配点は含みません) / settings for the self-checks (no points)", ""]
    for module, table in raw.get("exercises", {}).items():
        lines.append(f"[exercises.{module}]")
        for key in ("title_ja", "title_en", "needs_gpu"):
            if key in table:
                lines.append(f"{key} = {_toml_value(table[key])}")
        if table.get("settings"):
            lines.append(f"[exercises.{module}.settings]")
            for key, value in table["settings"].items():
                lines.append(f"{_toml_key(key)} = {_toml_value(value)}")
        lines.append("")
    return "\n".join(lines)


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):  # nested settings tables, written inline
        return "{" + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"
    raise ReleaseError(f"grading.toml setting of unsupported type: {value!r}")


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _toml_value(key)


def _dependencies(root: Path) -> list[str]:
    with open(root / "pyproject.toml", "rb") as handle:
        deps = tomllib.load(handle)["project"]["dependencies"]
    keep = []
    for dep in deps:
        name = re.split(r"[<>=!~\[ ;]", dep, maxsplit=1)[0].strip().lower()
        if name in STUDENT_DEPENDENCIES:
            keep.append(dep)
    return keep


def release_notebooks(root: Path, modules: list[str]) -> dict[str, str]:
    """{module: released notebook text}: nbgrader generate_assignment on freshly generated
    source notebooks, in a scratch course without a gradebook (--no-db: the instructor's is
    untouched, and a new one costs nbgrader a database migration, over half its run)."""
    expected = notebooks.expected_notebooks(root)
    with tempfile.TemporaryDirectory(prefix="kit-release-") as tmp:
        course = Path(tmp)
        shutil.copy2(root / "nbgrader_config.py", course / "nbgrader_config.py")
        for module in modules:
            target = notebooks.notebook_path(course, module)
            target.parent.mkdir(parents=True)
            target.write_text(expected[notebooks.notebook_path(root, module)], encoding="utf-8")
        env = dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
        proc = subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", "*", "--force", "--no-db"],
                              cwd=course, env=env, capture_output=True, text=True, timeout=900)
        out = {}
        for module in modules:
            path = course / "release" / module / f"{module}.ipynb"
            if proc.returncode != 0 or not path.is_file():
                raise ReleaseError(f"nbgrader generate_assignment failed (exit {proc.returncode}):\n"
                                   f"{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
            out[module] = path.read_text(encoding="utf-8")
        return out


def build_release(out: Path, root: Path = KIT_ROOT, *, with_notebooks: bool = True) -> Path:
    """Write the release folder ``out`` and ``out.zip``; returns the zip's path."""
    out = Path(out).resolve()
    kit_folders = [root / d for d in ("exercises", "solutions", "tests", "autograder", "data", "source")]
    if out == root or out in root.parents or any(out == d or d in out.parents for d in kit_folders):
        raise ReleaseError(f"refusing to replace {out}: it is (or holds) part of the kit")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    modules = stubs.exercise_modules(root / "solutions")

    def write(rel: str, text: str):
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    for path, text in stubs.expected_stubs(root).items():
        write(f"exercises/{path.name}", text)
    for module in modules:
        test = root / "exercises" / f"test_{module}.py"
        if test.is_file():
            write(f"exercises/{test.name}", test.read_text(encoding="utf-8"))
    for rel in package_files(root):
        write(rel, (root / rel).read_text(encoding="utf-8"))
    if with_notebooks:
        for module, text in release_notebooks(root, modules).items():
            write(f"notebooks/{module}.ipynb", text)
    data = root / "data"
    for path in sorted(data.rglob("*")):
        if path.relative_to(data).parts[0] in UNRELEASED_DATA:
            continue
        if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts:
            target = out / "data" / path.relative_to(data)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    deps = _dependencies(root)
    write("README.md", README)
    write("conftest.py", CONFTEST)
    write("pyproject.toml", pyproject(deps))
    write("requirements.txt", "\n".join(deps) + "\n")
    write("grading.toml", _student_grading_toml(root))

    found = leaks(out, root)
    if found:
        shutil.rmtree(out)
        raise ReleaseError("the release would contain solution or hidden-test text:\n" + "\n".join(found[:20]))
    return _zip(out)


def _zip(folder: Path) -> Path:
    target = folder.with_suffix(".zip") if folder.suffix != ".zip" else folder.with_name(folder.name + ".zip")
    tmp = target.with_name(target.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, Path(folder.name, path.relative_to(folder)).as_posix())
    os.replace(tmp, target)
    return target


# -- what must never be released ----------------------------------------------------------

def _normalize(text: str) -> str:
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def secrets(root: Path = KIT_ROOT) -> dict[str, str]:
    """{description: text} that no release file may contain: every solution body, every
    hidden test function's name (unless a visible check has the same public name) and
    source. Bodies shorter than a line of real code (``pass``, ``return x``) are kept out:
    they occur everywhere; nor are bodies that the stub's own docstring spells out."""
    found = {}
    for module in stubs.exercise_modules(root / "solutions"):
        source = (root / "solutions" / f"{module}.py").read_text(encoding="utf-8")
        lines = source.splitlines()
        public_stub = _normalize(stubs.make_stub(source, module))
        for begin, end, _ in stubs.solution_regions(source):
            body = _normalize("\n".join(lines[begin + 1:end]))
            # a body the docstring itself spells out (a hint) is public already
            if len(body) >= 16 and body not in public_stub:
                found[f"solutions/{module}.py:{begin + 2}-{end}"] = body
        hidden = root / "tests" / "hidden" / f"test_{module}.py"
        visible = root / "exercises" / f"test_{module}.py"
        public = {t.name for t in notebooks.read_test_file(visible).tests}
        for test in notebooks.read_test_file(hidden).tests:
            found[f"tests/hidden/test_{module}.py::{test.name} (source)"] = _normalize(test.source)
            if test.name not in public:
                found[f"tests/hidden/test_{module}.py::{test.name} (name)"] = test.name
    return found


def leaks(folder: Path, root: Path = KIT_ROOT) -> list[str]:
    """'file: what' for every secret found in a release folder's files."""
    wanted = secrets(root)
    problems = []
    for path in sorted(Path(folder).rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(folder).as_posix()
        if rel.startswith(("solutions/", "tests/", *(f"data/{d}/" for d in UNRELEASED_DATA))):
            problems.append(f"{rel}: a kit-only folder")
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue  # binary data (MNIST, weights)
        if path.suffix == ".ipynb":  # JSON escapes: compare the cells' text
            text = _notebook_text(text)
        flat = _normalize(text)
        for what, secret in wanted.items():
            # `secret in text` first: a plain substring test is far cheaper than the regex
            if secret in flat or ("\n" not in secret and secret in text
                                  and re.search(rf"\b{re.escape(secret)}\b", text)):
                problems.append(f"{rel}: {what}")
    return problems


def _notebook_text(text: str) -> str:
    import json
    try:
        cells = json.loads(text).get("cells", [])
    except ValueError:
        return text
    parts = []
    for cell in cells:
        source = cell.get("source", "")
        parts.append("".join(source) if isinstance(source, list) else str(source))
    return "\n".join(parts) + "\n" + text
