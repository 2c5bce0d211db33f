"""Hollow submissions: code that does nothing, made from solutions/.

A grade must pay only for behaviour a correct solution has and a do-nothing one
lacks. Two hollow submissions probe that: every student-written part replaced by
``return None`` ("none"), or by ``return <its first argument>`` ("echo"; methods
skip ``self``, and a function without arguments returns None).

    python -m autograder.author.hollow OUT    # writes OUT/none/ and OUT/echo/
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

from ..paths import SOLUTIONS
from .stubs import exercise_modules, solution_regions

KINDS = ("none", "echo")


def _enclosing_function(tree: ast.AST, lineno: int) -> ast.FunctionDef:
    best = None
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and \
                node.lineno <= lineno <= (node.end_lineno or node.lineno):
            if best is None or node.lineno > best.lineno:
                best = node
    if best is None:
        raise ValueError(f"line {lineno}: solution markers must be inside a function")
    return best


def _first_argument(function: ast.FunctionDef, in_class: bool) -> str | None:
    names = [a.arg for a in function.args.posonlyargs + function.args.args]
    if in_class and names and names[0] in ("self", "cls"):
        names = names[1:]
    return names[0] if names else None


def make_hollow(source: str, kind: str) -> str:
    """The solution's text with every marked part replaced by a body that does nothing."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    tree = ast.parse(source)
    classes = [node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]
    lines = source.splitlines()
    out, cursor = [], 0
    for begin, end, indent in solution_regions(source):
        function = _enclosing_function(tree, begin + 1)
        in_class = any(function in node.body for node in classes)
        returned = _first_argument(function, in_class) if kind == "echo" else None
        if function.name == "__init__":
            returned = None
        out.extend(lines[cursor:begin])
        out.append(f"{indent}return {returned or 'None'}")
        cursor = end + 1
    out.extend(lines[cursor:])
    return "\n".join(out) + "\n"


def write_hollow(dest: Path, kind: str, solutions: Path = SOLUTIONS) -> Path:
    """A submission folder holding every exercise module, hollowed out."""
    dest.mkdir(parents=True, exist_ok=True)
    for module in exercise_modules(solutions):
        text = make_hollow((solutions / f"{module}.py").read_text(encoding="utf-8"), kind)
        (dest / f"{module}.py").write_text(text, encoding="utf-8")
    return dest


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "hollow")
    for kind in KINDS:
        print(write_hollow(out / kind, kind))
