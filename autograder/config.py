"""grading.toml: points per hidden test, limits, thresholds. The schema is
documented at the top of grading.toml itself."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .paths import GRADING_TOML

NODE = re.compile(r"^(?:.*/)?test_(?P<module>[a-z0-9_]+)\.py::(?P<test>[A-Za-z0-9_]+)(?:\[(?P<case>.*)\])?$")


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

    @property
    def total(self) -> float:
        return float(sum(self.points.values()))


@dataclass(frozen=True)
class GradingConfig:
    path: Path
    limits: Limits
    exercises: dict[str, Exercise]
    raw: dict

    @property
    def total(self) -> float:
        return sum(e.total for e in self.exercises.values())


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
    exercises = {}
    for name, table in raw.get("exercises", {}).items():
        points = table.get("points", {})
        for test, value in points.items():
            if not isinstance(value, (int, float)) or value < 0:
                raise ConfigError(f"{path}: exercises.{name}.points.{test} must be a number >= 0")
        exercises[name] = Exercise(
            name=name, title_ja=table.get("title_ja", name), title_en=table.get("title_en", name),
            points={k: float(v) for k, v in points.items()}, settings=dict(table.get("settings", {})),
            needs_gpu=bool(table.get("needs_gpu", False)))
    return GradingConfig(path=path, limits=limits, exercises=exercises, raw=raw)


def parse_nodeid(nodeid: str) -> tuple[str, str, str | None] | None:
    """(module, test function, case id) of a hidden test's node id."""
    match = NODE.match(nodeid)
    return (match["module"], match["test"], match["case"]) if match else None


@dataclass
class ExerciseScore:
    earned: float
    possible: float
    tests: dict[str, dict]  # test function -> {"points", "earned", "passed", "total", "messages"}


def score(exercise: Exercise, outcomes: dict[str, str]) -> ExerciseScore:
    """Points from ``{nodeid: "passed" | "failed" | ...}`` for one exercise.

    A test function's points are shared equally by its parametrized cases.
    A test in grading.toml that did not run earns nothing.
    """
    cases: dict[str, list[bool]] = {name: [] for name in exercise.points}
    for nodeid, outcome in outcomes.items():
        parsed = parse_nodeid(nodeid)
        if parsed is None or parsed[0] != exercise.name or parsed[1] not in cases:
            continue
        cases[parsed[1]].append(outcome == "passed")
    tests, earned = {}, 0.0
    for name, results in cases.items():
        points = exercise.points[name]
        got = points * sum(results) / len(results) if results else 0.0
        earned += got
        tests[name] = {"points": points, "earned": round(got, 6), "passed": sum(results), "total": len(results)}
    return ExerciseScore(earned=round(earned, 6), possible=exercise.total, tests=tests)
