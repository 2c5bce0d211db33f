"""Generate the student stubs in exercises/ from the reference solutions.

In ``solutions/<module>.py`` the part a student writes sits between
``### BEGIN SOLUTION`` and ``### END SOLUTION`` (nbgrader's markers). The stub
keeps everything else and puts marker lines and a NotImplementedError there.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
STUB_BEGIN = "# ============ ここから書く / YOUR CODE STARTS HERE ============"
STUB_END = "# ============ ここまで / YOUR CODE ENDS HERE ============"
GENERATED_NOTE = ("# このファイルは solutions/ から自動生成されています。ここに解答を書いてください。\n"
                  "# Generated from solutions/ by `autograder build`; fill in the marked parts.\n")

MARKER = re.compile(r"^(?P<indent>[ \t]*)### (?P<kind>BEGIN|END) SOLUTION\s*$")


class StubError(ValueError):
    pass


def _enclosing_function(tree: ast.AST, lineno: int) -> str:
    """Qualified name of the innermost function around ``lineno`` (``Class.method`` for methods)."""
    best = None
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and \
                node.lineno <= lineno <= (node.end_lineno or node.lineno):
            if best is None or node.lineno > best[0]:
                best = (node.lineno, node.name)
    if best is None:
        raise StubError(f"line {lineno}: solution markers must be inside a function")
    classes = [node.name for node in ast.walk(tree) if isinstance(node, ast.ClassDef)
               and node.lineno <= best[0] <= (node.end_lineno or node.lineno)]
    return ".".join([*classes[-1:], best[1]])


def solution_regions(source: str) -> list[tuple[int, int, str]]:
    """(begin line, end line, indent) of each marked region, 0-based."""
    regions, start = [], None
    for index, line in enumerate(source.splitlines()):
        match = MARKER.match(line)
        if not match:
            continue
        if match["kind"] == "BEGIN":
            if start is not None:
                raise StubError(f"line {index + 1}: nested {BEGIN}")
            start = (index, match["indent"])
        else:
            if start is None:
                raise StubError(f"line {index + 1}: {END} without {BEGIN}")
            regions.append((start[0], index, start[1]))
            start = None
    if start is not None:
        raise StubError(f"line {start[0] + 1}: {BEGIN} without {END}")
    return regions


def make_stub(source: str, module: str) -> str:
    """The stub text for a solution module's text."""
    tree = ast.parse(source)
    lines = source.splitlines()
    out, cursor = [GENERATED_NOTE.rstrip("\n")], 0
    for begin, end, indent in solution_regions(source):
        function = _enclosing_function(tree, begin + 1)
        out.extend(lines[cursor:begin])
        out.append(f"{indent}{STUB_BEGIN}")
        out.append(f'{indent}raise NotImplementedError("未着手 / not started: {module}.{function}")')
        out.append(f"{indent}{STUB_END}")
        cursor = end + 1
    out.extend(lines[cursor:])
    return "\n".join(out) + "\n"


def strip_markers(source: str) -> str:
    """The solution without its marker lines (what a finished student file looks like)."""
    return "\n".join(line for line in source.splitlines() if not MARKER.match(line)) + "\n"


def exercise_modules(solutions_dir: Path) -> list[str]:
    return sorted(p.stem for p in solutions_dir.glob("*.py") if not p.name.startswith("_"))


def expected_stubs(root: Path) -> dict[Path, str]:
    """Every generated stub file and the text it must have."""
    solutions = root / "solutions"
    return {root / "exercises" / f"{m}.py": make_stub((solutions / f"{m}.py").read_text(encoding="utf-8"), m)
            for m in exercise_modules(solutions)}
