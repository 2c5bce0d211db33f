"""Planted wrong answers and correct variants: code students really write, kept as data.

``tests/wrong_answers/<module>/<slug>.py`` holds definitions that replace the
correct ones with a mistake; ``tests/correct_variants/<module>/<slug>.py`` holds
definitions that are right in another style (the course's own code, say). The
first line of each file's docstring says what it is. Either kind becomes a
submission as the reference solution with that file appended.

A correct variant must pass every hidden test and every visible check, except
those it declares, exactly, in a literal the kit reads without running the file::

    ALLOWED_TO_FAIL = {
        "hidden": ["test_forward_batch_shapes", "test_accuracy_batches[7]"],
        "visible": ["test_forward_batch"],
    }

An entry is a test function's name (all its parametrized cases) or one case
(``name[case id]``); both keys are optional.
"""
from __future__ import annotations

import ast
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from .. import config as grading
from ..grade.hidden_runner import only, suite_of
from ..paths import SOLUTIONS, WRONG_ANSWERS
from .stubs import exercise_modules, strip_markers

CORRECT_VARIANTS = WRONG_ANSWERS.parent / "correct_variants"
ALLOWED_NAME = "ALLOWED_TO_FAIL"
SUITES = ("hidden", "visible")
TEST_ENTRY = re.compile(r"^test_\w+(\[.+\])?$")


class VariantError(ValueError):
    """A variant file that the kit cannot read as one."""


@dataclass(frozen=True)
class WrongAnswer:
    module: str
    slug: str
    path: Path
    kind: ClassVar[str] = "planted mistake"

    @property
    def description(self) -> str:
        doc = ast.get_docstring(ast.parse(self.path.read_text(encoding="utf-8"))) or self.slug
        return doc.strip().splitlines()[0]

    @property
    def id(self) -> str:
        return f"{self.module}/{self.slug}"


@dataclass(frozen=True)
class CorrectVariant(WrongAnswer):
    kind: ClassVar[str] = "correct variant"

    @property
    def allowed_to_fail(self) -> dict[str, frozenset[str]]:
        """{"hidden": names, "visible": names} from the file's ALLOWED_TO_FAIL (empty when absent)."""
        return declared_failures(self.path)


def declared_failures(path: Path) -> dict[str, frozenset[str]]:
    """The ALLOWED_TO_FAIL literal of a variant file, checked; it is parsed, never run."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except SyntaxError as exc:
        raise VariantError(f"{path}: not Python: {exc}") from None
    found = {suite: frozenset() for suite in SUITES}
    assignments = [node for node in tree.body if isinstance(node, ast.Assign)
                   and any(isinstance(t, ast.Name) and t.id == ALLOWED_NAME for t in node.targets)]
    if not assignments:
        return found
    if len(assignments) > 1:
        raise VariantError(f"{path}: {ALLOWED_NAME} is assigned more than once")
    try:
        value = ast.literal_eval(assignments[0].value)
    except ValueError:
        raise VariantError(f"{path}: {ALLOWED_NAME} must be a literal dict") from None
    if not isinstance(value, dict) or not set(value) <= set(SUITES):
        raise VariantError(f"{path}: {ALLOWED_NAME} must be a dict with the keys 'hidden' and/or 'visible'")
    for suite, names in value.items():
        if isinstance(names, str) or not isinstance(names, (list, tuple, set, frozenset)):
            raise VariantError(f"{path}: {ALLOWED_NAME}[{suite!r}] must be a list of test names")
        bad = [n for n in names if not isinstance(n, str) or not TEST_ENTRY.match(n)]
        if bad:
            raise VariantError(f"{path}: {ALLOWED_NAME}[{suite!r}] holds entries that are not test names: {bad}")
        found[suite] = frozenset(names)
    return found


def discover(folder: Path = WRONG_ANSWERS, kind: type[WrongAnswer] = WrongAnswer) -> list[WrongAnswer]:
    return [kind(p.parent.name, p.stem, p) for p in sorted(folder.glob("*/*.py"))
            if not p.name.startswith("_")]


def discover_correct(folder: Path = CORRECT_VARIANTS) -> list[CorrectVariant]:
    return discover(folder, CorrectVariant)


def write_solution_copy(dest: Path, solutions: Path = SOLUTIONS) -> None:
    """A finished student's folder: every solution module without markers."""
    dest.mkdir(parents=True, exist_ok=True)
    for module in exercise_modules(solutions):
        text = strip_markers((solutions / f"{module}.py").read_text(encoding="utf-8"))
        (dest / f"{module}.py").write_text(text, encoding="utf-8")


def wrong_module_text(wrong: WrongAnswer, solutions: Path = SOLUTIONS) -> str:
    base = strip_markers((solutions / f"{wrong.module}.py").read_text(encoding="utf-8"))
    return f"{base}\n\n# ---- {wrong.kind}: {wrong.id} ----\n{wrong.path.read_text(encoding='utf-8')}"


def materialize(wrong: WrongAnswer | list[WrongAnswer], dest: Path, solutions: Path = SOLUTIONS) -> Path:
    """Write a submission folder that holds the solutions with this one change, or with each
    change of a list (at most one per exercise: see ``side_by_side``)."""
    changes = wrong if isinstance(wrong, list) else [wrong]
    modules = [w.module for w in changes]
    if len(set(modules)) != len(modules):
        raise ValueError(f"two changes to one exercise cannot share a submission: {sorted(modules)}")
    if dest.exists():
        shutil.rmtree(dest)
    write_solution_copy(dest, solutions)
    for change in changes:
        (dest / f"{change.module}.py").write_text(wrong_module_text(change, solutions), encoding="utf-8")
    return dest


def side_by_side(answers: list[WrongAnswer]) -> list[list[WrongAnswer]]:
    """The answers in groups with at most one per exercise (the first of each exercise, then the
    second, ...), so that one submission holds a whole group. A hidden suite or self-check
    touches its own exercise alone (tests/kit/test_exercise_contract.py), so a group's grading
    gives each answer the outcomes it gets alone, in one judge session instead of one each."""
    by_module: dict[str, list[WrongAnswer]] = {}
    for answer in answers:
        by_module.setdefault(answer.module, []).append(answer)
    rounds = max((len(group) for group in by_module.values()), default=0)
    return [[group[i] for group in by_module.values() if i < len(group)] for i in range(rounds)]


def outcomes_of(module: str, outcomes: dict[str, dict]) -> dict[str, dict]:
    """The outcomes of one exercise's suites (its hidden suite and its self-check)."""
    return {nodeid: result for nodeid, result in outcomes.items()
            if Path(nodeid.split("::", 1)[0]).name == f"test_{module}.py"}


def points_lost(wrong: WrongAnswer, outcomes: dict[str, dict], cfg: grading.GradingConfig) -> float:
    """Points the hidden suite takes off (visible checks in ``outcomes`` never count)."""
    exercise = cfg.exercises[wrong.module]
    flat = {nodeid: r["outcome"] for nodeid, r in only(outcomes, "hidden").items()}
    return exercise.total - grading.score(exercise, flat).earned


# -- a planted wrong answer, graded ------------------------------------------------------

@dataclass
class Verdict:
    """What the hidden suite and the visible checks made of one planted wrong answer."""
    wrong: WrongAnswer
    lost: float
    possible: float
    visible_failed: list[str] = field(default_factory=list)
    pending: bool = False   # a GPU exercise on a machine without one: its hidden tests were skipped

    @property
    def hidden_caught(self) -> bool:
        return self.lost > 0

    @property
    def visible_caught(self) -> bool:
        return bool(self.visible_failed)


def verdict(wrong: WrongAnswer, outcomes: dict[str, dict], cfg: grading.GradingConfig) -> Verdict:
    hidden = only(outcomes, "hidden")
    pending = bool(hidden) and all(r["outcome"] == "skipped" for r in hidden.values())
    visible_failed = sorted(n for n, r in only(outcomes, "visible").items() if r["outcome"] == "failed")
    return Verdict(wrong, points_lost(wrong, outcomes, cfg), cfg.exercises[wrong.module].total,
                   visible_failed, pending)


def shares(verdicts: list[Verdict]) -> tuple[float, float, int]:
    """(share caught by the hidden suites, share caught by a visible check, number counted);
    pending ones are left out."""
    counted = [v for v in verdicts if not v.pending]
    if not counted:
        return 1.0, 1.0, 0
    return (sum(v.hidden_caught for v in counted) / len(counted),
            sum(v.visible_caught for v in counted) / len(counted), len(counted))


# -- a correct variant, checked ----------------------------------------------------------

def _test_name(nodeid: str) -> str:
    return nodeid.split("::", 1)[-1]


def _declared(nodeid: str, names: frozenset[str]) -> bool:
    name = _test_name(nodeid)
    return name in names or name.split("[", 1)[0] in names


def variant_problems(variant: CorrectVariant, outcomes: dict[str, dict], expected: set[str]) -> list[str]:
    """Why a correct variant is not graded as correct: a test it failed that it does not declare,
    a declared test that passes or does not exist, or suites that did not run as on the solutions
    (``expected``: the node ids the solutions ran). Empty when it is graded right."""
    problems = []
    missing, extra = sorted(expected - set(outcomes)), sorted(set(outcomes) - expected)
    if missing or extra:
        problems.append(f"the suites did not run as on the solutions (missing {missing}, extra {extra})")
    declared = variant.allowed_to_fail
    for suite in SUITES:
        ran = {n: r for n, r in outcomes.items() if suite_of(n) == suite}
        allowed = {n for n in ran if _declared(n, declared[suite])}
        for name in sorted(declared[suite]):
            if not any(_declared(n, frozenset([name])) for n in ran):
                problems.append(f"{ALLOWED_NAME}[{suite!r}] names {name}, which is no {suite} test of "
                                f"{variant.module}")
        for nodeid, result in sorted(ran.items()):
            failed = result["outcome"] != "passed"
            if failed and nodeid not in allowed:
                message = (result.get("message") or result["outcome"]).strip().splitlines()
                problems.append(f"{suite} {nodeid} {result['outcome']}: {message[0] if message else ''}")
            elif not failed and nodeid in allowed:
                problems.append(f"{suite} {nodeid} passes although {ALLOWED_NAME} allows it to fail: "
                                f"drop it from the declaration")
    return problems
