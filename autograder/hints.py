"""Where a failure's hint comes from when the student's code raised: the
"ヒント / Hint" section of the docstring of the function the test called.

Every stub's docstring in ``exercises/<module>.py`` (generated from
``solutions/``) says how to approach that function, so no test has to repeat
it. A method without a hint of its own takes its class's; a class (its
constructor) takes ``__init__``'s, then the class's. The files are only parsed,
never imported.

    hint_for("layers.Affine.forward", [root / "exercises", root / "solutions"])
    -> ("...(日本語)...", "...(English)...") or None
"""
from __future__ import annotations

import ast
import inspect
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable

HEADER = re.compile(r"ヒント\s*/\s*Hint\s*:", re.IGNORECASE)
# The next section of a docstring: "入力 / Input:", "戻り値 / Returns:".
SECTION = re.compile(r"^\S[^:]*\s/\s[A-Za-z][A-Za-z ]*:\s*$")
JAPANESE = re.compile(r"[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
LANGUAGE_SPLIT = re.compile(r"\s*/\s+")


def _split_languages(line: str) -> tuple[str, str]:
    """(Japanese part, English part) of one line: "日本語 / English" splits at the slash."""
    if not JAPANESE.search(line):
        return "", line
    for match in LANGUAGE_SPLIT.finditer(line):
        left, right = line[:match.start()], line[match.end():]
        if JAPANESE.search(left) and not JAPANESE.search(right) and re.search(r"[A-Za-z]", right):
            return left.strip(), right.strip()
    return line, ""


def _join_japanese(parts: list[str]) -> str:
    """Japanese lines run on without a space, unless the break falls between two Latin words."""
    text = ""
    for part in parts:
        if text and not JAPANESE.match(text[-1]) and not JAPANESE.match(part[0]):
            text += " "
        text += part
    return text


def hint_section(doc: str | None) -> tuple[str, str] | None:
    """The (ja, en) text of a docstring's "ヒント / Hint:" section; one language serves for both
    when the other is missing."""
    if not doc:
        return None
    lines = inspect.cleandoc(doc).splitlines()
    for index, line in enumerate(lines):
        match = HEADER.search(line)
        if match:
            break
    else:
        return None
    indent = len(line) - len(line.lstrip())
    body = [line[match.end():].strip()]
    for following in lines[index + 1:]:
        stripped = following.strip()
        depth = len(following) - len(following.lstrip())
        if not stripped or depth < indent or (depth == indent and SECTION.match(stripped)):
            break
        body.append(stripped)
    japanese, english = [], []
    for part in filter(None, body):
        ja, en = _split_languages(part)
        if ja:
            japanese.append(ja)
        if en:
            english.append(en)
    ja, en = _join_japanese(japanese), " ".join(english)
    if not ja and not en:
        return None
    return ja or en, en or ja


def _definitions(body: list) -> dict[str, ast.AST]:
    return {node.name: node for node in body
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}


def docstring_hint(source: str, qualname: str) -> tuple[str, str] | None:
    """The hint for ``qualname`` (``"sign"``, ``"Affine.forward"``, ``"Affine"``) in a module's source."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return None
    return _tree_hint(tree, qualname)


def _tree_hint(tree: ast.Module, qualname: str) -> tuple[str, str] | None:
    scope, owners, node = _definitions(tree.body), [], None
    for part in qualname.split("."):
        node = scope.get(part)
        if node is None:
            break
        if isinstance(node, ast.ClassDef):
            owners.append(node)
            scope = _definitions(node.body)
        else:
            scope = {}
    candidates = []
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        candidates.append(node)
    elif isinstance(node, ast.ClassDef):  # the constructor was called
        init = _definitions(node.body).get("__init__")
        if init is not None:
            candidates.append(init)
    candidates.extend(reversed(owners))
    for candidate in candidates:
        found = hint_section(ast.get_docstring(candidate))
        if found:
            return found
    return None


@lru_cache(maxsize=64)
def _parsed(path: str, mtime_ns: int) -> ast.Module | None:
    try:
        return ast.parse(Path(path).read_text(encoding="utf-8", errors="replace"))
    except (OSError, SyntaxError, ValueError):
        return None


def split_function(function: str) -> tuple[str, str]:
    """("layers", "Affine.forward") for "layers.Affine.forward"; what a function returned
    ("cifar10.build_model().forward") counts as that function."""
    path = function.split("(", 1)[0].strip(".")
    module, _, qualname = path.partition(".")
    return module, qualname


def hint_for(function: str, roots: Iterable[Path]) -> tuple[str, str] | None:
    """The docstring hint of ``function`` (``"module.name"``), from the first of ``roots``
    (folders holding ``<module>.py``) whose file gives one."""
    module, qualname = split_function(function)
    if not module.isidentifier() or not qualname:
        return None
    for root in roots:
        path = Path(root) / f"{module}.py"
        try:
            mtime = path.stat().st_mtime_ns
        except OSError:
            continue
        tree = _parsed(str(path), mtime)
        found = _tree_hint(tree, qualname) if tree is not None else None
        if found:
            return found
    return None
