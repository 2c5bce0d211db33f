"""Run the kit's tests inside a notebook's own kernel (nbgrader test cells).

A generated test cell builds ``NotebookChecks`` over the kernel's globals and
hands it the test functions, whose source is copied verbatim from
``exercises/test_<module>.py`` and ``tests/hidden/test_<module>.py``. The tests
see the same ``submission`` API as under pytest: ``submission.<module>`` is the
notebook's namespace behind the same codec (arguments copied, changes written
back, objects behind handles), so a test gives the same verdict here as on the
module made from the notebook's code.

The cell's last expression is ``_kit.run()``: with hidden tests it evaluates to
the points earned, which nbgrader reads as the cell's (partial) grade; a cell
that earns nothing raises, which nbgrader scores 0. Points per test and their
sharing among parametrized cases follow ``autograder.scoring.score``, as in ``autograder grade``.

Nothing here is a defence: the tests run in the student's kernel, which the
student controls. ``autograder grade`` is the path that does not trust it.
"""
from __future__ import annotations

import inspect
import itertools
import shutil
import tempfile
import warnings
from pathlib import Path

from . import checks as _checks
from . import hints as _hints
from . import scoring
from .bridge.client import InProcessTransport, Submission
from .bridge.errors import NotStarted, SubmissionError
from .bridge.server import Dispatcher


class KernelModule:
    """``submission.<module>`` for a notebook: a live view of the kernel's globals."""

    def __init__(self, name: str, namespace: dict):
        self._name = name
        self._namespace = namespace

    def __getattr__(self, attr):
        if attr.startswith("__") and attr.endswith("__"):
            raise AttributeError(attr)
        try:
            return self._namespace[attr]
        except KeyError:
            raise AttributeError(
                f"ノートブックに {attr} が定義されていません(セルを上から実行しましたか?) / "
                f"the notebook defines no {attr!r} (did you run the cells above?)") from None

    def __setattr__(self, attr, value):
        if attr.startswith("_"):
            object.__setattr__(self, attr, value)
        else:
            self._namespace[attr] = value


class NotebookDispatcher(Dispatcher):
    def __init__(self, namespace: dict, module: str, root=None):
        super().__init__(root or Path.cwd())
        self.modules[module] = KernelModule(module, namespace)


class NotebookTransport(InProcessTransport):
    def __init__(self, namespace: dict, module: str):
        self.dispatcher = NotebookDispatcher(namespace, module)


def notebook_submission(namespace: dict, module: str) -> Submission:
    """A ``Submission`` whose ``<module>`` is the notebook's own namespace. What the code prints
    shows in the test cell; its stderr does not (nbgrader scores a cell with stderr output 0)."""
    return Submission(NotebookTransport(namespace, module), label=f"notebook:{module}", echo_stderr=False)


def _kernel_hint(namespace: dict, function: str) -> tuple[str, str] | None:
    """The docstring hint of a function (or its class's) defined in the kernel."""
    _, qualname = _hints.split_function(function)
    owner, obj = None, None
    for index, part in enumerate(qualname.split(".") if qualname else []):
        holder = obj
        obj = namespace.get(part) if index == 0 else getattr(obj, part, None)
        if isinstance(holder, type):
            owner = holder
        if obj is None:
            break
    if isinstance(obj, type):
        owner, obj = obj, getattr(obj, "__init__", None)
    for candidate in (obj, owner):
        found = _hints.hint_section(getattr(candidate, "__doc__", None)) if candidate is not None else None
        if found:
            return found
    return None


# -- running test functions the way pytest would ---------------------------------

def _parametrize_cases(fn) -> list[tuple[str, dict, bool]]:
    """(case id, arguments, skipped) for each parametrized case (one empty case when none)."""
    cases = [("", {}, False)]
    for mark in getattr(fn, "pytestmark", []) or []:
        if mark.name != "parametrize":
            continue
        argnames, argvalues = mark.args[0], mark.args[1]
        names = [n.strip() for n in argnames.split(",")] if isinstance(argnames, str) else list(argnames)
        ids = mark.kwargs.get("ids")
        expanded = []
        for index, value in enumerate(argvalues):
            skipped, case_id = False, None
            if hasattr(value, "values") and hasattr(value, "marks"):  # pytest.param(...)
                skipped = any(m.name == "skip" or (m.name == "skipif" and m.args and m.args[0])
                              for m in value.marks)
                case_id, value = value.id, value.values
                if len(names) == 1:
                    value = value[0]
            values = (value,) if len(names) == 1 else tuple(value)
            if case_id is None and isinstance(ids, (list, tuple)) and index < len(ids):
                case_id = str(ids[index])
            if case_id is None:
                case_id = "-".join(_short_id(v, n, index) for v, n in zip(values, names))
            expanded.append((case_id, dict(zip(names, values)), skipped))
        cases = [("-".join(x for x in (old_id, new_id) if x), {**old_args, **new_args}, old_skip or new_skip)
                 for (new_id, new_args, new_skip), (old_id, old_args, old_skip)
                 in itertools.product(expanded, cases)]
    return cases


def _short_id(value, name, index) -> str:
    if isinstance(value, (int, float, str, bool)) or value is None:
        text = str(value)
        return text if len(text) <= 30 else f"{name}{index}"
    return f"{name}{index}"


def _function_skipped(fn) -> bool:
    for mark in getattr(fn, "pytestmark", []) or []:
        if mark.name == "skip" or (mark.name == "skipif" and mark.args and mark.args[0]):
            return True
    return False


class _Fixtures:
    """The kit's fixtures, and any a test file defines, resolved by argument name."""

    def __init__(self, checks: "NotebookChecks", local: dict):
        self.checks = checks
        self.local = local
        self.values: dict = {}
        self.finalizers: list = []

    def get(self, name: str):
        if name in self.values:
            return self.values[name]
        builtin = self.checks.builtin_fixture(name, self)
        if builtin is not _MISSING:
            value = builtin
        else:
            definition = self.local.get(name)
            func = getattr(definition, "_get_wrapped_function", None)
            if func is None:
                raise LookupError(f"fixture {name!r} is not available in a notebook")
            func = func()
            value = func(**{p: self.get(p) for p in inspect.signature(func).parameters})
            if inspect.isgenerator(value):
                generator, value = value, next(value)
                self.finalizers.append(lambda g=generator: next(g, None))
        self.values[name] = value
        return value

    def close(self):
        for finalize in reversed(self.finalizers):
            try:
                finalize()
            except Exception:
                pass


_MISSING = object()
OUTCOME_TEXT = {"passed": ("合格", "passed"), "failed": ("不合格", "failed"),
                "not_started": ("未着手", "not started"), "skipped": ("スキップ", "skipped")}


class ChecksFailed(AssertionError):
    """A test cell's checks did not pass (nbgrader scores the cell 0)."""


class NotebookChecks:
    """One test cell: visible checks and (in the instructor's copy) hidden tests."""

    def __init__(self, namespace: dict, module: str, *, settings: dict | None = None):
        self.namespace = namespace
        self.module = module
        self.settings = dict(settings or {})
        self._visible: list[dict] = []
        self._hidden: list[tuple[dict, dict]] = []
        self._submission = None

    # -- registration (decorators used by the generated cells) -------------------
    def visible(self, make):
        self._visible.append(make())
        return make

    def hidden(self, points: dict):
        def register(make):
            self._hidden.append((make(), dict(points)))
            return make
        return register

    # -- fixtures ----------------------------------------------------------------
    def builtin_fixture(self, name: str, fixtures: _Fixtures):
        if name == "submission":
            if self._submission is None:
                self._submission = notebook_submission(self.namespace, self.module)
            return self._submission
        if name == "settings":
            return dict(self.settings)
        if name == "grading_config":
            return {"exercises": {self.module: {"settings": dict(self.settings)}}}
        if name == "device":
            try:
                import torch
                return "cuda" if torch.cuda.is_available() else "cpu"
            except ImportError:
                return "cpu"
        if name in ("tmp_path", "tmpdir"):
            folder = tempfile.mkdtemp(prefix="kit-nb-")
            fixtures.finalizers.append(lambda: shutil.rmtree(folder, ignore_errors=True))
            return Path(folder)
        if name == "monkeypatch":
            import pytest
            patch = pytest.MonkeyPatch()
            fixtures.finalizers.append(patch.undo)
            return patch
        return _MISSING

    # -- running -----------------------------------------------------------------
    def _run_one(self, fn, local: dict) -> list[tuple[str, str, str]]:
        """(case id, outcome, message) for every case of one test function."""
        import pytest
        results = []
        for case_id, args, skipped in _parametrize_cases(fn):
            if skipped or _function_skipped(fn):
                results.append((case_id, "skipped", ""))
                continue
            fixtures = _Fixtures(self, local)
            if self._submission is not None:  # output of earlier tests is theirs
                self._submission.take_output()
            try:
                with warnings.catch_warnings():
                    # nbgrader scores any stderr output as 0: keep warnings off it.
                    warnings.simplefilter("ignore")
                    kwargs = {name: args[name] if name in args else fixtures.get(name)
                              for name in inspect.signature(fn).parameters}
                    fn(**kwargs)
                results.append((case_id, "passed", ""))
            except NotStarted as exc:
                results.append((case_id, "not_started", str(exc)))
            except pytest.skip.Exception as exc:
                results.append((case_id, "skipped", str(exc)))
            except (KeyboardInterrupt, SystemExit):
                raise
            except BaseException as exc:  # a failing test, or code that raised: the case fails
                if isinstance(exc, SubmissionError):
                    message = _checks.error_report(exc.function, exc.exception_text, where=exc.where,
                                                   hint=_kernel_hint(self.namespace, exc.function))
                elif isinstance(exc, AssertionError):
                    message = str(exc)
                else:
                    message = f"{type(exc).__name__}: {exc}"
                results.append((case_id, "failed", message))
            finally:
                fixtures.close()
        return results

    @staticmethod
    def _tests(local: dict) -> list:
        return [value for name, value in local.items()
                if name.startswith("test_") and inspect.isfunction(value)]

    def run(self):
        """Run the checks; the points earned when hidden tests are present."""
        lines, problems = [], 0
        for local in self._visible:
            for fn in self._tests(local):
                for case_id, outcome, message in self._run_one(fn, local):
                    problems += outcome != "passed"
                    lines.append(self._line("自己チェック", "self-check", fn.__name__, case_id, outcome, message))
        if not self._hidden:
            if self._submission is None and not lines:
                print(_checks.text("このセルの採点テストは提出後に実行されます",
                                   "this cell's graded tests run after submission"))
                return None
            report = "\n".join(lines)
            if problems:
                raise ChecksFailed("\n" + report)
            print(report)
            return None
        earned, possible = 0.0, 0.0
        for local, points in self._hidden:
            tests = self._tests(local)
            exercise = scoring.Points(self.module, {fn.__name__: float(points.get(fn.__name__, 0.0)) for fn in tests})
            outcomes = {}
            for fn in tests:
                results = self._run_one(fn, local)
                for index, (case_id, outcome, message) in enumerate(results):
                    case = f"[{index}]" if len(results) > 1 else ""
                    outcomes[f"test_{self.module}.py::{fn.__name__}{case}"] = outcome
                    lines.append(self._line("採点", "graded", fn.__name__, case_id, outcome, message))
            scored = scoring.score(exercise, outcomes)   # points shared by cases as `autograder grade` shares them
            earned += scored.earned
            possible += scored.possible
        earned = round(earned, 6)
        report = "\n".join(lines + [_checks.text(f"得点 {earned:g} / {possible:g}",
                                                  f"points {earned:g} / {possible:g}")])
        if earned <= 0 and possible > 0:
            raise ChecksFailed("\n" + report)
        print(report)
        return earned

    @staticmethod
    def _line(kind_ja, kind_en, name, case_id, outcome, message) -> str:
        label = f"{name}[{case_id}]" if case_id else name
        mark = "✓" if outcome == "passed" else "✗"
        line = f"{mark} {_checks.text(kind_ja, kind_en)} {label}: {_checks.text(*OUTCOME_TEXT[outcome])}"
        if message and outcome != "passed":
            line += "\n    " + message.replace("\n", "\n    ")
        return line
