"""Where a submission keeps an exercise module, and how a notebook becomes one."""
from __future__ import annotations

import json
from pathlib import Path

MODULE_LAYOUTS = ("{name}.py", "exercises/{name}.py", "{name}.ipynb", "exercises/{name}.ipynb")


class SubmissionSourceError(Exception):
    """The submission has no usable source for a module."""


def find_module_file(root: Path, name: str) -> Path | None:
    for layout in MODULE_LAYOUTS:
        path = root / layout.format(name=name)
        if path.is_file():
            return path
    return None


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
        raise SubmissionSourceError(
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


def module_source(root: Path, name: str) -> tuple[Path, str]:
    path = find_module_file(root, name)
    if path is None:
        raise SubmissionSourceError(
            f"提出物に {name}.py も {name}.ipynb もありません / the submission has no {name}.py or {name}.ipynb")
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".ipynb":
        text = notebook_code(text)
    return path, text
