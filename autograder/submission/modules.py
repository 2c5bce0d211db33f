"""Which file of a submission holds exercise module M, and how it becomes Python source.

A submission may hold ``<m>.py`` or ``<m>.ipynb`` anywhere MAX_DEPTH folders deep (a whole
release holds ``exercises/<m>.py`` and ``notebooks/<m>.ipynb``). The shallowest file wins,
``.py`` before ``.ipynb``, except that a file the student worked in (or broke) wins over a
stub left as it was released. Text is UTF-8 (a BOM allowed) or Shift_JIS, which Japanese
Windows editors still write; a notebook's module is its code cells, test cells left out.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Callable

from .files import Files, skipped

ENCODINGS = ("utf-8-sig", "cp932")


class SourceError(Exception):
    """A module's file cannot be read as Python source (the reason is shown to the student)."""


@dataclass(frozen=True)
class ModuleSource:
    """The file that holds a module and its source, or why it cannot be used."""
    module: str
    path: PurePosixPath      # relative to the submission
    text: str = ""
    error: str | None = None


def candidates(files, module: str) -> list[PurePosixPath]:
    """The files that may hold ``module``, best first: the shallowest, ``.py`` before ``.ipynb``."""
    found = [rel for rel in files if rel.name in (f"{module}.py", f"{module}.ipynb")
             and not any(skipped(part) for part in rel.parts[:-1])]
    return sorted(found, key=lambda rel: (len(rel.parts), rel.suffix != ".py", str(rel)))


def decode(data: bytes) -> str:
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SourceError("文字コードが UTF-8 ではありません / the file is not UTF-8 text")


def _is_test_cell(cell: dict) -> bool:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return bool(meta.get("grade")) and not meta.get("solution")


def _strip_magics(source: str) -> str:
    # IPython magics and shell escapes are not Python; they do nothing for grading.
    lines = []
    for line in source.splitlines():
        stripped = line.lstrip()
        lines.append("pass" if stripped.startswith(("%", "!")) and line == stripped else line)
    return "\n".join(lines)


def notebook_code(text: str) -> str:
    """The code cells of a notebook, in order, without autograded test cells."""
    try:
        notebook = json.loads(text)
        cells = notebook["cells"]
    except (ValueError, KeyError, TypeError) as exc:
        raise SourceError(
            f"ノートブックが壊れています(JSON として読めません) / the notebook is not valid JSON: {exc}") from None
    chunks = []
    for cell in cells:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code" or _is_test_cell(cell):
            continue
        source = cell.get("source", "")
        if isinstance(source, list):
            source = "".join(source)
        chunks.append(_strip_magics(str(source)))
    return "\n\n".join(chunks) + "\n"


def check_syntax(source: str, filename: str) -> str | None:
    """None, or why the module cannot be compiled (nothing is executed)."""
    try:
        compile(source, filename, "exec", dont_inherit=True)
    except SyntaxError as exc:
        return f"構文エラー / syntax error: {exc.msg} ({filename}, line {exc.lineno})"
    except (ValueError, MemoryError, RecursionError, OverflowError) as exc:
        return f"コンパイルできません / cannot compile: {type(exc).__name__}: {str(exc)[:200]}"
    return None


def _normalized(text: str) -> str:
    return text.replace("\r\n", "\n").strip()


def released_stubs(folder: Path) -> Callable[[str], str | None]:
    """The stubs as released (``exercises/<m>.py``), to tell untouched files from worked ones."""
    @functools.lru_cache(maxsize=None)
    def stub(module: str) -> str | None:
        try:
            return _normalized((Path(folder) / f"{module}.py").read_text(encoding="utf-8"))
        except OSError:
            return None
    return stub


def _source(files: Files, rel: PurePosixPath, module: str) -> ModuleSource:
    try:
        text = decode(files.read(rel))
        text = notebook_code(text) if rel.suffix == ".ipynb" else text
    except SourceError as exc:
        return ModuleSource(module, rel, error=str(exc))
    return ModuleSource(module, rel, text, check_syntax(text, f"{module}.py"))


def find(files: Files, module: str, released_stub: Callable[[str], str | None] | None = None
         ) -> ModuleSource | None:
    """The file that holds ``module`` (None when the submission has none). A whole release holds
    exercises/<m>.py and notebooks/<m>.ipynb: the first file the student worked in (or broke)
    wins over a stub left as it was released."""
    stub = released_stub(module) if released_stub else None
    untouched = None
    for rel in candidates(files, module):
        found = _source(files, rel, module)
        if found.error or stub is None or _normalized(found.text) != stub:
            return found
        untouched = untouched or found
    return untouched
