"""grading.toml: points per hidden test, limits, thresholds. The schema is
documented at the top of grading.toml itself."""
from __future__ import annotations

import ast
import difflib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .paths import GRADING_TOML, HIDDEN_TESTS
from .scoring import ExerciseScore, parse_nodeid, score  # noqa: F401  (config.score: the scorer)


class ConfigError(ValueError):
    pass


@dataclass(frozen=True)
class Limits:
    test_wall_seconds: float = 20.0
    test_cpu_seconds: float = 60.0
    submission_wall_seconds: float = 900.0
    memory_mb: int = 3072
    max_processes: int = 64
    max_file_mb: int = 64
    max_output_kb: int = 256
    max_submission_output_kb: int = 4096
    judge_memory_mb: int = 4096


@dataclass(frozen=True)
class Exercise:
    name: str
    title_ja: str
    title_en: str
    points: dict[str, float]
    settings: dict = field(default_factory=dict)
    needs_gpu: bool = False
    preload: tuple[str, ...] = ()    # what the judge imports before its first student

    @property
    def total(self) -> float:
        return float(sum(self.points.values()))


@dataclass(frozen=True)
class Course:
    """The ``[course]`` table: what one course changes about the kit."""
    name: str = ""
    disabled: tuple[str, ...] = ()          # exercises the course does not grade: no column, no points
    submission_pattern: str = ""            # regex placing an LMS download's files (lms.py)


@dataclass(frozen=True)
class GradingConfig:
    path: Path
    limits: Limits
    exercises: dict[str, Exercise]          # the exercises this course grades, in grading.toml's order
    raw: dict
    course: Course = field(default_factory=Course)
    disabled: dict[str, Exercise] = field(default_factory=dict)

    @property
    def total(self) -> float:
        return sum(e.total for e in self.exercises.values())

    def warm(self, modules) -> str:
        """What a judge imports before its first student of ``modules``: numpy, and what those
        exercises declare (``preload``: torch costs seconds per judge)."""
        names = ["numpy"]
        for module in modules:
            preload = self.exercises[module].preload if module in self.exercises else ()
            names += [name for name in preload if name not in names]
        return ",".join(names)


def load(path: Path | str = GRADING_TOML) -> GradingConfig:
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            raw = tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"{path}: not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    known = set(Limits.__dataclass_fields__)
    limits_raw = raw.get("limits", {})
    unknown = set(limits_raw) - known
    if unknown:
        raise ConfigError(f"{path}: unknown limits {sorted(unknown)}")
    limits = Limits(**limits_raw)
    course_raw = raw.get("course", {})
    if not isinstance(course_raw, dict):
        raise ConfigError(f"{path}: course must be a table ([course])")
    disabled = course_raw.get("disabled", [])
    if not isinstance(disabled, list) or not all(isinstance(d, str) for d in disabled):
        raise ConfigError(f"{path}: course.disabled must be a list of exercise names")
    pattern = course_raw.get("submission_pattern", "")
    if not isinstance(pattern, str):
        raise ConfigError(f"{path}: course.submission_pattern must be a string")
    course = Course(name=str(course_raw.get("name", "")), disabled=tuple(disabled), submission_pattern=pattern)
    exercises, off = {}, {}
    for name, table in raw.get("exercises", {}).items():
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: exercises.{name} must be a table")
        points = table.get("points", {})
        for test, value in points.items():
            if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
                raise ConfigError(f"{path}: exercises.{name}.points.{test} must be a number >= 0")
        exercise = Exercise(
            name=name, title_ja=table.get("title_ja", name), title_en=table.get("title_en", name),
            points={k: float(v) for k, v in points.items()}, settings=dict(table.get("settings", {})),
            needs_gpu=bool(table.get("needs_gpu", False)), preload=tuple(table.get("preload", ())))
        (off if name in course.disabled else exercises)[name] = exercise
    return GradingConfig(path=path, limits=limits, exercises=exercises, raw=raw, course=course, disabled=off)


# -- checks before grading -------------------------------------------------------------
TOP_LEVEL = {"limits", "exercises", "course"}
EXERCISE_KEYS = {"title_ja", "title_en", "needs_gpu", "preload", "points", "settings"}
COURSE_KEYS = set(Course.__dataclass_fields__)


def hidden_test_functions(module: str, hidden: Path = HIDDEN_TESTS) -> set[str] | None:
    """The top-level ``test_*`` functions of the module's hidden suite (None: no suite)."""
    try:
        tree = ast.parse((hidden / f"test_{module}.py").read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return None
    return {node.name for node in tree.body
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test_")}


def _near(word: str, choices) -> str:
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def problems(cfg: GradingConfig, hidden: Path = HIDDEN_TESTS) -> list[str]:
    """Every key of grading.toml that would change grades silently, named, with what is wrong."""
    out = []
    for key in cfg.raw:
        if key not in TOP_LEVEL:
            out.append(f"[{key}]: unknown table{_near(key, TOP_LEVEL)}; known: {sorted(TOP_LEVEL)}")
    for key, value in cfg.raw.get("limits", {}).items():
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
            out.append(f"limits.{key}: must be a number > 0, not {value!r}")
        elif key == "test_cpu_seconds" and value < 1:
            # The jail counts a call's CPU time in whole seconds (RLIMIT_CPU): less would be 1 s anyway.
            out.append(f"limits.test_cpu_seconds: at least 1 (the jail counts whole seconds), not {value!r}")
    for key in cfg.raw.get("course", {}):
        if key not in COURSE_KEYS:
            out.append(f"course.{key}: unknown key{_near(key, COURSE_KEYS)}; known: {sorted(COURSE_KEYS)}")
    suites = sorted(p.stem[len("test_"):] for p in hidden.glob("test_*.py"))
    tables = cfg.raw.get("exercises", {})
    for name in cfg.course.disabled:
        if name not in tables:
            out.append(f"course.disabled: {name!r} is not an exercise of grading.toml{_near(name, tables)}")
    if cfg.course.submission_pattern:
        from .grade.lms import PatternError, compile_pattern
        try:
            compile_pattern(cfg.course.submission_pattern, "course.submission_pattern")
        except PatternError as exc:
            out.append(str(exc))
    for name, table in tables.items():
        tests = hidden_test_functions(name, hidden)
        if tests is None:
            out.append(f"exercises.{name}: unknown exercise (no tests/hidden/test_{name}.py){_near(name, suites)}")
            continue
        for key, value in table.items():
            if key not in EXERCISE_KEYS:
                out.append(f"exercises.{name}.{key}: unknown key{_near(key, EXERCISE_KEYS)}; "
                           f"known: {sorted(EXERCISE_KEYS)}")
        if not isinstance(table.get("needs_gpu", False), bool):
            out.append(f"exercises.{name}.needs_gpu: must be true or false")
        preload = table.get("preload", [])
        if not isinstance(preload, list) or not all(isinstance(m, str) for m in preload):
            out.append(f"exercises.{name}.preload: must be a list of module names")
        points = table.get("points", {})
        for test in points:
            if test not in tests:
                out.append(f"exercises.{name}.points.{test}: no such test in tests/hidden/test_{name}.py"
                           f"{_near(test, tests)}")
        for test in sorted(tests - set(points)):
            out.append(f"exercises.{name}.points: hidden test {test} has no points (add `{test} = <points>`)")
    for name in suites:
        if name not in tables:
            out.append(f"exercises.{name}: the hidden suite tests/hidden/test_{name}.py has no table in "
                       f"grading.toml (add [exercises.{name}], or list it in course.disabled)")
    return out


def check(cfg: GradingConfig, hidden: Path = HIDDEN_TESTS) -> None:
    """ConfigError naming every bad key; nothing is graded with a grading.toml that fails this."""
    found = problems(cfg, hidden)
    if found:
        raise ConfigError(f"{cfg.path}: {len(found)} problem(s) in grading.toml:\n" + "\n".join(f"  - {p}" for p in found))
