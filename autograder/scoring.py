"""Points from test outcomes: the one scorer, for `autograder grade` and for notebook test cells.

A test function's points (grading.toml) are shared equally by its parametrized cases; a test that
did not run earns nothing. Kept free of the grader's imports: the student release ships it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping, Protocol

NODE = re.compile(r"^(?:.*/)?test_(?P<module>[a-z0-9_]+)\.py::(?P<test>[A-Za-z0-9_]+)(?:\[(?P<case>.*)\])?$")


class Scored(Protocol):
    """What is scored: an exercise's name and its points per test function (config.Exercise)."""
    name: str
    points: Mapping[str, float]


@dataclass(frozen=True)
class Points:
    """An exercise's name and points per test function where no grading.toml is read (a notebook cell)."""
    name: str
    points: dict[str, float]


def parse_nodeid(nodeid: str) -> tuple[str, str, str | None] | None:
    """(module, test function, case id) of a hidden test's node id."""
    match = NODE.match(nodeid)
    return (match["module"], match["test"], match["case"]) if match else None


@dataclass
class ExerciseScore:
    earned: float
    possible: float
    tests: dict[str, dict]  # test function -> {"points", "earned", "passed", "total"}


def score(exercise: Scored, outcomes: Mapping[str, str]) -> ExerciseScore:
    """Points from ``{nodeid: "passed" | "failed" | ...}`` for one exercise."""
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
    return ExerciseScore(earned=round(earned, 6), possible=float(sum(exercise.points.values())), tests=tests)
