"""Planted wrong answers: mistakes students really make, kept as data.

``tests/wrong_answers/<module>/<slug>.py`` holds the definitions that replace
the correct ones: the first line of its docstring says what the mistake is. A
wrong-answer submission is the reference solution with that file appended.
"""
from __future__ import annotations

import ast
import shutil
from dataclasses import dataclass
from pathlib import Path

from .. import config as grading
from ..paths import SOLUTIONS, WRONG_ANSWERS
from .stubs import exercise_modules, strip_markers


@dataclass(frozen=True)
class WrongAnswer:
    module: str
    slug: str
    path: Path

    @property
    def description(self) -> str:
        doc = ast.get_docstring(ast.parse(self.path.read_text(encoding="utf-8"))) or self.slug
        return doc.strip().splitlines()[0]

    @property
    def id(self) -> str:
        return f"{self.module}/{self.slug}"


def discover(folder: Path = WRONG_ANSWERS) -> list[WrongAnswer]:
    return [WrongAnswer(p.parent.name, p.stem, p) for p in sorted(folder.glob("*/*.py"))
            if not p.name.startswith("_")]


def write_solution_copy(dest: Path, solutions: Path = SOLUTIONS) -> None:
    """A finished student's folder: every solution module without markers."""
    dest.mkdir(parents=True, exist_ok=True)
    for module in exercise_modules(solutions):
        text = strip_markers((solutions / f"{module}.py").read_text(encoding="utf-8"))
        (dest / f"{module}.py").write_text(text, encoding="utf-8")


def wrong_module_text(wrong: WrongAnswer, solutions: Path = SOLUTIONS) -> str:
    base = strip_markers((solutions / f"{wrong.module}.py").read_text(encoding="utf-8"))
    return f"{base}\n\n# ---- planted mistake: {wrong.id} ----\n{wrong.path.read_text(encoding='utf-8')}"


def materialize(wrong: WrongAnswer, dest: Path, solutions: Path = SOLUTIONS) -> Path:
    """Write a submission folder that holds the solutions with this one mistake."""
    if dest.exists():
        shutil.rmtree(dest)
    write_solution_copy(dest, solutions)
    (dest / f"{wrong.module}.py").write_text(wrong_module_text(wrong, solutions), encoding="utf-8")
    return dest


def points_lost(wrong: WrongAnswer, outcomes: dict[str, dict], cfg: grading.GradingConfig) -> float:
    exercise = cfg.exercises[wrong.module]
    flat = {nodeid: r["outcome"] for nodeid, r in outcomes.items()}
    return exercise.total - grading.score(exercise, flat).earned
