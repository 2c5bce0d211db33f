"""Generate one nbgrader source notebook per exercise: ``source/<module>/<module>.ipynb``.

Assignment naming: the nbgrader assignment id is the exercise module's name and
the assignment holds one notebook of the same name (``source/activations/
activations.ipynb``), so nbgrader's gradebook, grading.toml and ``autograder
grade`` (which reads ``<module>.ipynb``) all use one name.

Everything comes from the one source of truth, never edited by hand:

- ``solutions/<module>.py``: each top-level function or class with solution
  markers becomes a markdown cell (from its docstrings) and an nbgrader
  solution cell; other top-level code becomes plain code cells.
- ``exercises/test_<module>.py`` (visible) and ``tests/hidden/test_<module>.py``
  (hidden, between ``### BEGIN HIDDEN TESTS`` / ``### END HIDDEN TESTS``): each
  test function goes to the test cell of the last function/class it uses, with
  the top-level helpers it needs, and runs through
  ``autograder.notebook_checks.NotebookChecks`` in the notebook's own kernel.
- ``grading.toml``: a test cell's points are the sum of its hidden tests' points,
  so a notebook's total is the exercise's total.

Cell ids and grade ids are derived from names, and the JSON is written by
nbformat (sorted keys), so ``autograder build --check`` is meaningful.
"""
from __future__ import annotations

import ast
import inspect
import re
import textwrap
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat import v4

from .stubs import exercise_modules, solution_regions

SOURCE_DIR = "source"
HIDDEN_BEGIN = "### BEGIN HIDDEN TESTS"
HIDDEN_END = "### END HIDDEN TESTS"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
OTHER = "_other"  # test cell for tests that name no graded function


def notebook_path(root: Path, module: str) -> Path:
    return root / SOURCE_DIR / module / f"{module}.ipynb"


# -- reading the solution module ------------------------------------------------------

@dataclass
class Unit:
    """One top-level chunk of the solution module."""
    name: str | None          # def/class name, None for other statements
    source: str
    node: ast.AST | None
    graded: bool              # holds solution markers


def _node_start(node: ast.AST) -> int:
    decorators = getattr(node, "decorator_list", [])
    return min([node.lineno, *(d.lineno for d in decorators)])


def split_units(source: str) -> tuple[str | None, list[Unit]]:
    """(module docstring, top-level chunks in order); plain statements are grouped."""
    tree = ast.parse(source)
    lines = source.splitlines()
    regions = solution_regions(source)
    body = list(tree.body)
    doc = ast.get_docstring(tree)
    if doc is not None:
        body = body[1:]
    units: list[Unit] = []
    previous_end = tree.body[0].end_lineno if doc is not None else 0
    starts = [_node_start(n) for n in body[1:]] + [len(lines) + 1]
    for node, next_start in zip(body, starts):
        start, end = _node_start(node), node.end_lineno
        # indented comments after the last statement (### END SOLUTION) belong to the block;
        # unindented ones go with the statement below
        while end < next_start - 1 and lines[end].startswith((" ", "\t")):
            end += 1
        text = "\n".join(lines[previous_end:end]).strip("\n")
        previous_end = end
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            graded = any(start - 1 <= begin < end for begin, _, _ in regions)
            units.append(Unit(node.name, text, node, graded))
        elif units and units[-1].name is None:
            units[-1].source += "\n" + text
        else:
            units.append(Unit(None, text, node, False))
    return doc, units


# -- reading a test file --------------------------------------------------------------

def _names_used(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _names_defined(node: ast.AST) -> set[str]:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {node.name}
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return {(a.asname or a.name).split(".")[0] for a in node.names}
    names = set()
    for target in getattr(node, "targets", None) or [getattr(node, "target", None)]:
        if target is not None:
            names |= {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}
    return names


@dataclass
class TestFunction:
    name: str
    source: str
    uses: set[str]
    attributes: set[str]


@dataclass
class TestFile:
    preamble: list[tuple[str, set[str], set[str]]] = field(default_factory=list)  # (source, defines, uses)
    tests: list[TestFunction] = field(default_factory=list)

    def helpers_for(self, tests: list[TestFunction]) -> list[str]:
        """Top-level statements the given tests need (imports, constants, helpers), in file order."""
        needed = set().union(*(t.uses for t in tests)) if tests else set()
        chosen: set[int] = set()
        changed = True
        while changed:
            changed = False
            for index, (_, defines, uses) in enumerate(self.preamble):
                if index not in chosen and defines & needed:
                    chosen.add(index)
                    needed |= uses
                    changed = True
        return [self.preamble[i][0] for i in sorted(chosen)]


def read_test_file(path: Path) -> TestFile:
    result = TestFile()
    if not path.is_file():
        return result
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    lines = source.splitlines()
    for node in tree.body:
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and node is tree.body[0]:
            continue  # the file's docstring
        text = "\n".join(lines[_node_start(node) - 1:node.end_lineno])
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
            uses = _names_used(node) | {a.arg for a in node.args.args}
            attributes = {n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute)
                          and not (isinstance(n.value, ast.Name) and n.value.id == "submission")}
            result.tests.append(TestFunction(node.name, text, uses, attributes))
        else:
            result.preamble.append((text, _names_defined(node), _names_used(node)))
    return result


# -- markdown from docstrings -----------------------------------------------------------

def _markdown_text(doc: str) -> str:
    """A docstring as markdown: ``code`` to `code`, "Section:" lines bold, indented lines as bullets."""
    out = []
    for raw in inspect.cleandoc(doc).splitlines():
        line = re.sub(r"``(.+?)``", r"`\1`", raw.rstrip())
        stripped = line.strip()
        if not stripped:
            out.append("")
        elif line.startswith((" ", "\t")):
            out.append(f"- {stripped}")
        elif stripped.endswith(":") and "/" in stripped and len(stripped) < 40:
            out.append(f"\n**{stripped[:-1]}**\n")
        else:
            out.append(stripped + "  ")
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()


def _signature(node: ast.AST) -> str:
    if isinstance(node, ast.ClassDef):
        init = next((n for n in node.body if isinstance(n, ast.FunctionDef) and n.name == "__init__"), None)
        args = ast.unparse(init.args).removeprefix("self").lstrip(", ") if init else ""
        return f"class {node.name}({args})"
    return f"{node.name}({ast.unparse(node.args)})"


def _unit_markdown(number: int, unit: Unit, points: float) -> str:
    node = unit.node
    parts = [f"## {number}. `{_signature(node)}`"]
    doc = ast.get_docstring(node)
    if doc:
        parts.append(_markdown_text(doc))
    if isinstance(node, ast.ClassDef):
        for method in node.body:
            if isinstance(method, ast.FunctionDef):
                method_doc = ast.get_docstring(method)
                head = f"### `{method.name}({ast.unparse(method.args).removeprefix('self').lstrip(', ')})`"
                parts.append(head + ("\n\n" + _markdown_text(method_doc) if method_doc else ""))
    parts.append(f"**配点 / points: {points:g}**" if points else
                 "**自己チェックのみ(配点なし) / self-check only (no points)**")
    return "\n\n".join(parts)


def _intro_markdown(module: str, doc: str | None, title: tuple[str, str] | None, total: float) -> str:
    head = f"# {title[0]} / {title[1]}" if title else f"# {module}"
    parts = [head, f"課題 / exercise: `{module}` — 配点 / points: {total:g}"]
    if doc:
        parts.append(_markdown_text(doc))
    parts.append(
        "**進め方 / How to work**\n\n"
        "1. `# YOUR CODE HERE` と `raise NotImplementedError(...)` の行を消して、そこに解答を書きます。  \n"
        "   Replace the `# YOUR CODE HERE` and `raise NotImplementedError(...)` lines with your code.\n"
        "2. 関数のセルを実行してから、その下のテストセルを実行して自己チェックします。  \n"
        "   Run the function's cell, then the test cell below it to check your work.\n"
        "3. 提出前に「Kernel → Restart Kernel and Run All Cells」で上から順に全部実行します。  \n"
        "   Before you submit, restart the kernel and run all cells from the top.\n"
        "4. セルを削除・複製・並べ替えしないでください(採点はセルの ID で行います)。"
        "テストセルは採点時に元に戻され、隠しテストが加わります。  \n"
        "   Do not delete, copy or reorder cells: grading finds them by id. Test cells are restored "
        "at grading time and hidden tests are added to them.")
    return "\n\n".join(parts)


# -- cells ----------------------------------------------------------------------------------

def _meta(grade_id: str, *, grade=False, solution=False, locked=False, points=None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
            "solution": solution, "task": False}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def _maker(name: str, decorator: str, helpers: list[str], tests: list[TestFunction]) -> str:
    body = "\n\n".join([*helpers, *(t.source for t in tests), "return locals()"])
    return f"{decorator}\ndef {name}():\n{textwrap.indent(body, '    ')}\n"


def _points_literal(points: dict[str, float]) -> str:
    return "{" + ", ".join(f"{name!r}: {value:g}" for name, value in points.items()) + "}"


def test_cell_source(module: str, label: str, settings: dict, visible: TestFile, visible_tests,
                     hidden: TestFile, hidden_tests, points: dict[str, float]) -> str:
    parts = [f"# 自己チェックと採点 / self-checks and grading: {label}\n"
             "from autograder.notebook_checks import NotebookChecks\n\n"
             f"_kit = NotebookChecks(globals(), {module!r}, settings={settings!r})\n"]
    if visible_tests:
        parts.append(_maker("_kit_visible", "@_kit.visible", visible.helpers_for(visible_tests), visible_tests))
    if hidden_tests:
        cell_points = {t.name: points.get(t.name, 0.0) for t in hidden_tests}
        parts.append(HIDDEN_BEGIN + "\n" + _maker(
            "_kit_hidden", f"@_kit.hidden(points={_points_literal(cell_points)})",
            hidden.helpers_for(hidden_tests), hidden_tests) + HIDDEN_END + "\n")
    parts.append("_kit.run()")
    return "\n\n".join(p.rstrip("\n") for p in parts)


def _assign(tests: list[TestFunction], order: list[str]) -> dict[str, list[TestFunction]]:
    """Each test goes to the last graded function/class (in module order) it uses."""
    assigned: dict[str, list[TestFunction]] = {}
    for test in tests:
        used = [name for name in order if name in test.attributes]
        assigned.setdefault(used[-1] if used else OTHER, []).append(test)
    return assigned


def make_notebook(module: str, solution: str, visible: TestFile, hidden: TestFile,
                  exercise: dict) -> str:
    points = {name: float(value) for name, value in exercise.get("points", {}).items()}
    settings = exercise.get("settings", {})
    title = (exercise["title_ja"], exercise["title_en"]) if "title_ja" in exercise and "title_en" in exercise \
        else None
    doc, units = split_units(solution)
    order = [u.name for u in units if u.graded]
    visible_by = _assign(visible.tests, order)
    hidden_by = _assign(hidden.tests, order)
    total = sum(points.get(t.name, 0.0) for t in hidden.tests)

    cells = [v4.new_markdown_cell(_intro_markdown(module, doc, title, total), id="intro",
                                  metadata=_meta("intro", locked=True))]

    def add_tests(key: str, label: str):
        vis, hid = visible_by.get(key, []), hidden_by.get(key, [])
        if not vis and not hid:
            return
        cell_id = f"{key.strip('_')}-tests"
        cell_points = sum(points.get(t.name, 0.0) for t in hid)
        cells.append(v4.new_code_cell(
            test_cell_source(module, label, settings, visible, vis, hidden, hid, points), id=cell_id,
            metadata=_meta(cell_id, grade=True, locked=True, points=cell_points)))

    setup_count, number = 0, 0
    for unit in units:
        if unit.name is None or not unit.graded:
            setup_count += 1
            cells.append(v4.new_code_cell(unit.source, id=f"code-{setup_count}"))
            continue
        number += 1
        unit_points = sum(points.get(t.name, 0.0) for t in hidden_by.get(unit.name, []))
        cells.append(v4.new_markdown_cell(_unit_markdown(number, unit, unit_points), id=f"{unit.name}-doc",
                                          metadata=_meta(f"{unit.name}-doc", locked=True)))
        cells.append(v4.new_code_cell(unit.source, id=f"{unit.name}-solution",
                                      metadata=_meta(f"{unit.name}-solution", solution=True)))
        add_tests(unit.name, f"{module}.{unit.name}")
    if visible_by.get(OTHER) or hidden_by.get(OTHER):
        cells.append(v4.new_markdown_cell("## まとめのテスト / Combined checks", id="other-doc",
                                          metadata=_meta("other-doc", locked=True)))
    add_tests(OTHER, module)

    notebook = v4.new_notebook(cells=cells, metadata={
        "kernelspec": KERNELSPEC, "language_info": {"name": "python"}})
    nbformat.validate(notebook)
    return nbformat.writes(notebook) + "\n"


def expected_notebooks(root: Path) -> dict[Path, str]:
    """Every generated source notebook and the text it must have."""
    with open(root / "grading.toml", "rb") as handle:
        exercises = tomllib.load(handle).get("exercises", {})
    out = {}
    for module in exercise_modules(root / "solutions"):
        out[notebook_path(root, module)] = make_notebook(
            module, (root / "solutions" / f"{module}.py").read_text(encoding="utf-8"),
            read_test_file(root / "exercises" / f"test_{module}.py"),
            read_test_file(root / "tests" / "hidden" / f"test_{module}.py"),
            exercises.get(module, {}))
    return out


# -- filled-in notebooks (the kit's own tests and example submissions) ---------------------

def fill_notebook(notebook_text: str, module_source: str) -> str:
    """``notebook_text`` (source or release) with each solution cell holding that
    function's or class's code from ``module_source``, as a student would fill it in.

    Later definitions of a name (a planted mistake appended to the solution) go into
    the same cell after the first one, so the notebook runs the same code as the module.
    """
    import json

    from .stubs import strip_markers

    notebook = json.loads(notebook_text)
    cells = {}
    for cell in notebook["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution") and meta.get("grade_id", "").endswith("-solution"):
            cells[meta["grade_id"].removesuffix("-solution")] = cell
    plain = ["".join(c["source"]) for c in notebook["cells"]
             if c["cell_type"] == "code" and c not in cells.values()]
    _, units = split_units(strip_markers(module_source))
    code: dict[str, list[str]] = {}
    pending: list[str] = []
    seen_cell = False
    for unit in units:
        if unit.name in cells:
            seen_cell = True
            code.setdefault(unit.name, []).append("\n\n".join([*pending, unit.source]))
            pending = []
        elif seen_cell and not any(unit.source in text for text in plain):
            # new helpers and imports (of a planted mistake) go with the next definition
            pending.append(unit.source)
    if pending and code:
        code[list(code)[-1]].extend(pending)
    for name, cell in cells.items():
        if name in code:
            cell["source"] = "\n\n".join(code[name])
    return json.dumps(notebook, sort_keys=True, indent=1, ensure_ascii=False) + "\n"
