"""Write the example class into examples/submissions/ (one folder or zip per student).

Everything is derived: finished and partial students from solutions/, the
untouched stubs from exercises/, the common mistakes from tests/wrong_answers/,
the hostile students from examples/hostile/, and the zips (including the
dangerous ones) are built here so that the repository stays small.

    .venv/bin/python examples/make_examples.py [OUT]
"""
from __future__ import annotations

import io
import json
import shutil
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from autograder.author.stubs import exercise_modules, strip_markers  # noqa: E402
from autograder.author.wrong_answers import discover, write_solution_copy, wrong_module_text  # noqa: E402

HERE = Path(__file__).resolve().parent
DATE = (2024, 4, 1, 9, 0, 0)  # fixed timestamps: the same zip bytes on every run

INFINITE_LOOP = '''
def sigmoid(x):
    """Forgot to advance the loop variable: never returns."""
    i = 0
    while i < 10:
        x = x
    return x
'''

MEMORY_BOMB = '''
def relu(x):
    """Keeps every intermediate result: grows until memory runs out."""
    keep = []
    while True:
        keep.append(bytearray(256 * 2**20))
'''

SYNTAX_ERROR = '''
def sigmoid(x)
    return 1 / (1 + np.exp(-x))
'''


def solution(module: str) -> str:
    return strip_markers((ROOT / "solutions" / f"{module}.py").read_text(encoding="utf-8"))


def notebook(code: str, title: str) -> str:
    cells = [{"cell_type": "markdown", "metadata": {}, "source": f"# {title}"},
             {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": code}]
    return json.dumps({"cells": cells, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                                    "language": "python"}},
                       "nbformat": 4, "nbformat_minor": 5}, ensure_ascii=False, indent=1) + "\n"


def write_zip(path: Path, members: dict[str, bytes]) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, DATE), data, compress_type=zipfile.ZIP_DEFLATED)
    path.write_bytes(buffer.getvalue())


def write_zip_bomb(path: Path, mib: int = 64) -> None:
    """A correct module next to a member that inflates ~1000:1 (streamed, not held in memory)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(zipfile.ZipInfo("activations.py", DATE), solution("activations"))
        info = zipfile.ZipInfo("data/padding.bin", DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        chunk = bytes(2**20)
        with archive.open(info, "w", force_zip64=False) as member:
            for _ in range(mib):
                member.write(chunk)


def build(out: Path) -> list[str]:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    modules = exercise_modules(ROOT / "solutions")

    write_solution_copy(out / "perfect")

    half = modules[: (len(modules) + 1) // 2]
    (out / "partial" / "exercises").mkdir(parents=True)
    for module in modules:
        source = solution(module) if module in half else (ROOT / "exercises" / f"{module}.py").read_text("utf-8")
        (out / "partial" / "exercises" / f"{module}.py").write_text(source, encoding="utf-8")

    (out / "stubs").mkdir()
    for module in modules:
        shutil.copy(ROOT / "exercises" / f"{module}.py", out / "stubs" / f"{module}.py")

    write_solution_copy(out / "mistakes")
    first = {}
    for wrong in discover():
        first.setdefault(wrong.module, wrong)
    for module, wrong in first.items():
        (out / "mistakes" / f"{module}.py").write_text(wrong_module_text(wrong), encoding="utf-8")

    # Notebooks inside a zip, one folder deep (as a student's "Download as zip" does).
    write_zip(out / "notebooks.zip", {f"notebooks/{m}.ipynb": notebook(solution(m), m).encode() for m in modules})

    (out / "syntax_error").mkdir()
    (out / "syntax_error" / "activations.py").write_text(solution("activations") + SYNTAX_ERROR, encoding="utf-8")
    (out / "syntax_error" / "perceptron.py").write_text(solution("perceptron"), encoding="utf-8")

    (out / "infinite_loop").mkdir()
    (out / "infinite_loop" / "activations.py").write_text(solution("activations") + INFINITE_LOOP, encoding="utf-8")

    (out / "memory_bomb").mkdir()
    (out / "memory_bomb" / "activations.py").write_text(solution("activations") + MEMORY_BOMB, encoding="utf-8")

    (out / "bad_notebook").mkdir()
    good = notebook(solution("activations"), "activations")
    (out / "bad_notebook" / "activations.ipynb").write_text(good[: len(good) // 2], encoding="utf-8")

    write_zip(out / "zip_slip.zip", {"activations.py": solution("activations").encode(),
                                     "../../escaped_by_zip.py": b"print('escaped')\n"})
    write_zip_bomb(out / "zip_bomb.zip")
    (out / "corrupt_zip.zip").write_bytes(b"PK\x03\x04 this is not really a zip archive")

    for folder in sorted((HERE / "hostile").iterdir()):
        if folder.is_dir():
            shutil.copytree(folder, out / folder.name, ignore=shutil.ignore_patterns("__pycache__"))
    # The honest student graded right after hostile_saboteur (by name order): full marks expected.
    (out / "hostile_saboteur_next").mkdir()
    (out / "hostile_saboteur_next" / "losses.py").write_text(solution("losses"), encoding="utf-8")
    return sorted(p.name for p in out.iterdir())


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "submissions"
    names = build(target)
    print(f"wrote {len(names)} students to {target}: {', '.join(names)}")
