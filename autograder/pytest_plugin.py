"""pytest plugin: the ``submission`` fixture, "not started" reports and the
per-exercise progress table.

Tests reach the code under test only through ``submission``. ``--submission
PATH`` chooses what it points at (``exercises/`` by default, ``solutions/`` for
the kit's own checks, any student folder). Another backend (the jailed worker)
plugs in through the ``pytest_kit_make_submission`` hook.

What the student's code prints belongs to the test that made it print: the
submission writes it to the test's captured output (pytest's "Captured stdout
call"; the terminal with ``-s``), and ``take_output()`` starts empty for every
test. An exception from the student's code is reported with the kit's message
(the function, the exception, the student's file and line, and the hint of that
function's docstring; see ``autograder.hints``). Tests of an exercise nobody has
started are not failures to list one by one: they count as 未着手 / not started
in the progress line of their file and in the closing table.
"""
from __future__ import annotations

import os
import re
import tomllib
from collections import defaultdict
from pathlib import Path

import pytest

from . import checks, hints
from .bridge import LimitExceeded, NotStarted, SubmissionError, WorkerLost, in_process
from .submission.modules import released_stubs

TEST_FILE = re.compile(r"^test_(?P<module>[a-z0-9_]+)\.py$")
STATUS_TEXT = {
    "done": ("完了", "done"),
    "failing": ("不合格あり", "failing"),
    "not started": ("未着手", "not started"),
}


class KitHooks:
    @pytest.hookspec(firstresult=True)
    def pytest_kit_make_submission(self, config, path):
        """Return a ``Submission`` for ``path``, or None for the in-process one."""


def pytest_addhooks(pluginmanager):
    pluginmanager.add_hookspecs(KitHooks)


def pytest_addoption(parser):
    group = parser.getgroup("exercise kit")
    group.addoption("--submission", default=None,
                    help="folder or .zip with the code under test (default: exercises/ under the root)")
    group.addoption("--lang", default="auto", choices=["auto", "both", "ja", "en"],
                    help="language of failure messages (auto: Japanese under a ja locale, else both)")
    group.addoption("--device", default="auto", choices=["auto", "cpu", "cuda"],
                    help="device for GPU exercises (auto: cuda when available)")
    group.addoption("--grading-config", default=None,
                    help="grading.toml with points, limits and thresholds (default: the root's)")


def _language(option: str) -> str:
    if option != "auto":
        return option
    env = os.environ.get("KIT_LANG")
    if env in checks.LANGUAGES:
        return env
    locale = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or ""
    return "ja" if locale.startswith("ja") else "both"


def pytest_configure(config):
    checks.set_language(_language(config.getoption("--lang")))
    config.stash[_live_key] = []
    config.stash[_progress_key] = defaultdict(lambda: {"passed": 0, "failed": 0, "not_started": 0})
    # logreport is not given the config: an object registered per session keeps it.
    config.pluginmanager.register(_Progress(config.stash[_progress_key]), "kit-progress")


EXERCISE_TEST_FOLDERS = ("exercises", "hidden")


def exercise_of(nodeid_or_path: str) -> str | None:
    """The exercise a test checks: from exercises/test_<m>.py or tests/hidden/test_<m>.py."""
    path = Path(nodeid_or_path.split("::")[0])
    if path.parent.name not in EXERCISE_TEST_FOLDERS:
        return None
    match = TEST_FILE.match(path.name)
    return match.group("module") if match else None


def submission_path(config) -> Path:
    option = config.getoption("--submission")
    return Path(option).resolve() if option else Path(config.rootpath, "exercises")


@pytest.fixture(scope="session")
def submission(request):
    """The code under test: ``submission.<module>.<name>(...)``."""
    config = request.config
    path = submission_path(config)
    made = config.hook.pytest_kit_make_submission(config=config, path=path)
    # In this process the modules are found as `autograder grade` finds them (a release's
    # notebook the student worked in, not the stub beside it).
    sub = made if made is not None else in_process(path, released_stub=released_stubs(Path(config.rootpath,
                                                                                            "exercises")))
    live = config.stash[_live_key]
    live.append(sub)
    yield sub
    live.remove(sub)
    sub.close()


@pytest.fixture(scope="session")
def grading_config(request):
    """grading.toml, parsed."""
    option = request.config.getoption("--grading-config")
    path = Path(option) if option else Path(request.config.rootpath, "grading.toml")
    with open(path, "rb") as handle:
        return tomllib.load(handle)


@pytest.fixture
def settings(request, grading_config):
    """``[exercises.<module>.settings]`` of the exercise this test file checks."""
    module = exercise_of(request.node.nodeid)
    return grading_config.get("exercises", {}).get(module, {}).get("settings", {})


# The device files through which torch reaches a GPU: NVIDIA's driver, WSL2's GPU bridge, ROCm.
GPU_DEVICE_FILES = ("nvidia[0-9]*", "dxg", "kfd")


def resolve_device(choice: str, dev: Path = Path("/dev")) -> str:
    """"auto" becomes "cuda" when torch sees a GPU, else "cpu". Without any GPU device file torch
    can see none: "cpu" then, without importing torch (seconds, paid by every judge)."""
    if choice != "auto":
        return choice
    if not any(next(dev.glob(pattern), None) for pattern in GPU_DEVICE_FILES):
        return "cpu"
    try:
        import torch
    except ImportError:
        return "cpu"
    return "cuda" if torch.cuda.is_available() else "cpu"


@pytest.fixture(scope="session")
def device(request) -> str:
    """"cuda" or "cpu": where GPU exercises run (``--device``)."""
    return resolve_device(request.config.getoption("--device"))


_progress_key = pytest.StashKey[dict]()
_live_key = pytest.StashKey[list]()
PRINTED_LIMIT = 4000


def _live(config) -> list:
    return config.stash.get(_live_key, [])


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    # Whatever earlier tests (or module set-up) made the code print is theirs, not this test's.
    for sub in _live(item.config):
        sub.take_output()
        sub.take_printed()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item):
    for sub in _live(item.config):  # take_output() in the test sees the test's own calls
        sub.take_output()


def hint_roots(config) -> list[Path]:
    """Where the docstrings with the hints are: the stubs, then (in the kit) the solutions."""
    return [Path(config.rootpath, "exercises"), Path(config.rootpath, "solutions")]


def _function_hint(config, function: str) -> tuple[str, str]:
    found = hints.hint_for(function, hint_roots(config)) if function else None
    if found:
        return found
    module, qualname = hints.split_function(function)
    if module and qualname:
        return (f"exercises/{module}.py の {qualname} の説明(docstring)をもう一度読みましょう",
                f"read the docstring of {qualname} in exercises/{module}.py again")
    return ("エラーの場所の行を確かめましょう", "look at the line where the error happened")


class KitFailure:
    """A failure as the kit words it, in place of pytest's traceback: the message (the check in
    words, expected, what came back, the hint; or the student's exception, file and line) and
    where the check sits in the test file. ``reprcrash.message`` is what pytest's short summary
    and the grader's results (autograder.grade.collect) take: the message, no exception class."""

    class _Crash:
        def __init__(self, path: str, lineno: int, message: str):
            self.path, self.lineno, self.message = path, lineno, message

    def __init__(self, message: str, path: str = "", lineno: int = 0, repeat_of: str = ""):
        self.message = message
        self.reprcrash = self._Crash(path, lineno, message)
        self.check = f"{path}:{lineno}" if path else ""
        self.repeat_of = repeat_of   # the case of the same test that failed with this very message

    def toterminal(self, out) -> None:
        if self.repeat_of:
            out.line(checks.text(f"{self.repeat_of} と同じ失敗です", f"the same failure as {self.repeat_of}"))
        else:
            first, *rest = self.message.splitlines() or [""]
            out.line(first, red=True, bold=True)
            for line in rest:
                out.line(line)
        if self.check:
            out.line(f"  {checks.text('チェック', 'check')}: {self.check}")

    def __str__(self) -> str:
        return self.message


def _check_location(item, excinfo) -> tuple[str, int]:
    """The test file's line that made the failing call or check (relative to the rootdir)."""
    try:
        entries = [entry for entry in excinfo.traceback if Path(entry.path) == Path(item.path)]
    except Exception:
        entries = []
    if not entries:
        return "", 0
    try:
        shown = Path(item.path).relative_to(item.config.rootpath)
    except ValueError:
        shown = Path(item.path)
    return str(shown), entries[-1].lineno + 1


_seen_key = pytest.StashKey[dict]()


def _kit_failure(item, excinfo, message: str) -> KitFailure:
    path, lineno = _check_location(item, excinfo)
    # Parametrized cases failing with one message: the terminal shows it once.
    seen = item.config.stash.setdefault(_seen_key, {})
    key = (str(item.path), getattr(item, "originalname", item.name), message)
    repeat_of = seen.setdefault(key, item.name)
    return KitFailure(message, path, lineno, repeat_of=repeat_of if repeat_of != item.name else "")


def _error_message(config, exc: SubmissionError) -> str:
    function = getattr(exc, "function", "")
    if isinstance(exc, NotStarted):
        where = f" ({exc.where})" if exc.where else ""
        return checks.text("未着手: まだ NotImplementedError を送出しています",
                           "not started: still raises NotImplementedError") + where
    if isinstance(exc, LimitExceeded):
        problem = ("制限を超えたため止めました", "stopped by a limit")
    elif isinstance(exc, WorkerLost):
        problem = ("提出されたコードを実行するプロセスが終了しました", "the process running the code died")
    else:
        problem = ("提出されたコードで例外が発生しました", "the submitted code raised an exception")
    return checks.error_report(function, exc.exception_text, where=exc.where,
                               hint=_function_hint(config, function), problem=problem)


class Pending(pytest.skip.Exception):
    """A test that cannot be graded here (it needs a GPU, or data): recorded as pending, never as 0."""

    def __init__(self, reason: str):
        super().__init__(f"pending: {reason}")
        self.reason = reason


def pending(reason: str):
    """Skip the running test as pending; its exercise's status says ``pending: <reason>``."""
    __tracebackhide__ = True
    raise Pending(reason)


def _traceback_not_needed(excinfo) -> str:
    return excinfo.exconly()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # A failure of the kit's own kind gets the kit's message below. pytest's traceback for it
    # would be thrown away, and its default style parses the test file again for every frame:
    # a third of a self-check's time on untouched stubs.
    ours = call.excinfo is not None and call.excinfo.errisinstance((SubmissionError, checks.CheckFailed))
    if ours:
        item.repr_failure = _traceback_not_needed
    try:
        report = yield
    finally:
        if ours:
            del item.repr_failure
    if call.excinfo is not None and call.excinfo.errisinstance(Pending):
        report.user_properties.append(("pending", call.excinfo.value.reason))
        if isinstance(report.longrepr, tuple):   # shown as any skip is: "Skipped: pending: <reason>"
            report.longrepr = (*report.longrepr[:2], f"Skipped: {call.excinfo.value.msg}")
    if call.excinfo is not None and call.excinfo.errisinstance(SubmissionError):
        exc = call.excinfo.value
        not_started = isinstance(exc, NotStarted)
        report.user_properties.append(("not_started", not_started))
        report.user_properties.append(("function", getattr(exc, "function", "")))
        if not_started:
            report.user_properties.append(("not_started_function", getattr(exc, "function", "")))
            report.longrepr = _error_message(item.config, exc)
        else:
            report.longrepr = _kit_failure(item, call.excinfo, _error_message(item.config, exc))
    elif call.excinfo is not None and call.excinfo.errisinstance(checks.CheckFailed):
        exc = call.excinfo.value
        report.user_properties.append(("function", exc.func))
        report.longrepr = _kit_failure(item, call.excinfo, str(exc))
    if report.failed and call.when in ("setup", "call"):
        printed = "".join(sub.take_printed() for sub in _live(item.config))
        if printed:
            report.user_properties.append(("printed", printed[-PRINTED_LIMIT:]))
    return report


class _Progress:
    """Counts passed / failed / not started tests per exercise for the closing table."""

    def __init__(self, progress):
        self.progress = progress
        self.not_started_functions: dict[str, list[str]] = defaultdict(list)

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_logreport(self, report):
        module = exercise_of(report.nodeid)
        if module is None:
            return
        if report.when == "call" or (report.when == "setup" and not report.passed):
            counts = self.progress[module]
            if report.passed:
                counts["passed"] += 1
            elif dict(report.user_properties).get("not_started"):
                counts["not_started"] += 1
                function = dict(report.user_properties).get("not_started_function")
                if function and function not in self.not_started_functions[module]:
                    self.not_started_functions[module].append(function)
            elif report.failed:
                counts["failed"] += 1


def not_started_category() -> str:
    """The terminal's word for tests of code not started yet: counted apart from failures,
    so that they are not listed one by one."""
    return checks.text("未着手", "not started")


@pytest.hookimpl(tryfirst=True)
def pytest_report_teststatus(report, config):
    if report.failed and dict(getattr(report, "user_properties", ())).get("not_started"):
        return not_started_category(), "N", checks.text("未着手", "NOT STARTED")
    return None


def _status(counts: dict) -> str:
    if counts["failed"] == 0 and counts["not_started"] == 0:
        return "done"
    if counts["passed"] == 0 and counts["failed"] == 0:
        return "not started"
    return "failing"


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_terminal_summary(terminalreporter, exitstatus, config):
    # Around the terminal reporter's own summary, so that the table comes after its short summary.
    try:
        return (yield)
    finally:
        _progress_table(terminalreporter, config)


def _progress_table(terminalreporter, config):
    progress = config.stash[_progress_key]
    if not progress:
        return
    terminalreporter.write_sep("=", checks.text("進捗", "progress"))
    head = (checks.text("課題", "exercise"), checks.text("状態", "status"), checks.text("合格", "passed"))
    rows = []
    for module in sorted(progress):
        counts = progress[module]
        total = counts["passed"] + counts["failed"] + counts["not_started"]
        rows.append((module, checks.text(*STATUS_TEXT[_status(counts)]), f"{counts['passed']}/{total}"))
    widths = [max(_width(r[i]) for r in [head, *rows]) for i in range(3)]
    for row in [head, *rows]:
        terminalreporter.write_line("  ".join(_pad(cell, w) for cell, w in zip(row, widths)).rstrip())
    pending = config.pluginmanager.get_plugin("kit-progress").not_started_functions
    for module in sorted(progress):
        if _status(progress[module]) == "failing" and pending.get(module):
            terminalreporter.write_line(f"{module}: {checks.text('未着手', 'not started')}: {', '.join(pending[module])}")
    done = sum(1 for c in progress.values() if _status(c) == "done")
    terminalreporter.write_line(checks.text(f"{len(progress)} 課題中 {done} 課題完了",
                                            f"{done} of {len(progress)} exercises done"))


def _width(text: str) -> int:
    # East Asian characters take two terminal columns.
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
