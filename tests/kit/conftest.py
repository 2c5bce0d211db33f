"""Fixtures shared by the kit's tests.

``hidden_runner`` and friends: one warm judge for the tests that grade whole submissions
(planted wrong answers, correct variants, hollow submissions, the student's output in the jail),
and the solutions graded through it, which proves it gives full marks.

``planted_outcomes`` and ``variant_outcomes``: each planted wrong answer (correct variant) graded
once per run (hidden suite and visible checks), answers to different exercises side by side in one
submission, for every test that asks what the suites made of it; with pytest-xdist the workers
share these gradings (``run_records``); ``message_mentions``
says whether a planted mistake's failure messages name it (its ``MESSAGE_MENTIONS``).

``browser``: pages checked as a person sees them, in Debian's headless Chromium driven over
the DevTools protocol on a pipe (``--remote-debugging-pipe``: no port, no extra library).
A page opened with ``browser.open(path)`` reports its script errors, console errors and
every request it made, evaluates JavaScript and takes screenshots.
"""
from __future__ import annotations

import ast
import base64
import fcntl
import json
import os
import re
import select
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from autograder import config as grading
from autograder.author import stubs
from autograder.author.wrong_answers import (WrongAnswer, discover, discover_correct, materialize, outcomes_of,
                                            side_by_side, write_solution_copy)
from autograder.grade.hidden_runner import HiddenRunner, suite_of
from autograder.paths import SOLUTIONS

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--mute-audio",
                  "--hide-scrollbars", "--remote-debugging-pipe"]


class BrowserError(RuntimeError):
    pass


class Page:
    def __init__(self, browser: "Browser", session: str):
        self.browser, self.session = browser, session
        self.errors: list[str] = []        # uncaught exceptions, console.error, error log entries
        self.requests: list[str] = []      # every URL the page asked for

    def _event(self, message: dict) -> None:
        method, params = message.get("method"), message.get("params", {})
        if method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            self.errors.append(f"exception: {details.get('exception', {}).get('description') or details.get('text')}")
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            self.errors.append("console.error: " + " ".join(str(a.get("value", a.get("description")))
                                                          for a in params.get("args", [])))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            self.errors.append(f"log ({entry.get('source')}): {entry.get('text')} {entry.get('url', '')}".strip())
        elif method == "Network.requestWillBeSent":
            self.requests.append(params.get("request", {}).get("url", ""))

    def send(self, method: str, params: dict | None = None, timeout: float = 30) -> dict:
        return self.browser.send(method, params, session=self.session, timeout=timeout)

    def evaluate(self, expression: str):
        """The value of a JavaScript expression in the page (JSON-serialisable)."""
        reply = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                               "awaitPromise": True})
        if "exceptionDetails" in reply:
            raise BrowserError(f"evaluate failed: {reply['exceptionDetails']}")
        return reply.get("result", {}).get("value")

    def screenshot(self, path: Path, width: int = 1200, height: int | None = None) -> Path:
        """A PNG of the page from its top, ``height`` CSS pixels tall (the whole page by default)."""
        metrics = self.send("Page.getLayoutMetrics")
        full = metrics.get("cssContentSize") or metrics["contentSize"]
        clip = {"x": 0, "y": 0, "width": width, "height": min(height or full["height"], full["height"]), "scale": 1}
        data = self.send("Page.captureScreenshot", {"format": "png", "clip": clip, "captureBeyondViewport": True})
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_bytes(base64.b64decode(data["data"]))
        return Path(path)

    def close(self) -> None:
        self.browser.send("Target.closeTarget", {"targetId": self.target})


class Browser:
    def __init__(self, executable: str, profile: Path, timeout: float = 60):
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def fds():  # the protocol's pipes are fd 3 (commands in) and fd 4 (replies out)
            read_end, write_end = to_browser_r, from_browser_w
            while read_end <= 4:
                read_end = os.dup(read_end)
            while write_end <= 4:
                write_end = os.dup(write_end)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        self.proc = subprocess.Popen([executable, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                     preexec_fn=fds, pass_fds=(3, 4))
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next = 0
        self._pages: dict[str, Page] = {}
        self._replies: dict[int, dict] = {}
        self.send("Browser.getVersion", timeout=timeout)

    def _read_one(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BrowserError("chromium did not answer in time")
            ready, _, _ = select.select([self._from_browser], [], [], left)
            if ready:
                chunk = os.read(self._from_browser, 1 << 20)
                if not chunk:
                    err = self.proc.stderr.read().decode(errors="replace")[-2000:] if self.proc.poll() is not None else ""
                    raise BrowserError(f"chromium closed the protocol pipe {err}")
                self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def _dispatch(self, message: dict) -> None:
        if "id" in message:
            self._replies[message["id"]] = message
        elif message.get("sessionId") in self._pages:
            self._pages[message["sessionId"]]._event(message)

    def send(self, method: str, params: dict | None = None, session: str | None = None, timeout: float = 30) -> dict:
        self._next += 1
        message = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while self._next not in self._replies:
            self._dispatch(self._read_one(deadline))
        reply = self._replies.pop(self._next)
        if "error" in reply:
            raise BrowserError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def wait_for(self, page: Page, method: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while True:
            message = self._read_one(deadline)
            self._dispatch(message)
            if message.get("method") == method and message.get("sessionId") == page.session:
                return

    def open(self, path: Path, width: int = 1200, height: int = 900, settle: float = 0.3) -> Page:
        """Load a local file in a fresh tab; its errors and requests are recorded from the start."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, session)
        page.target = target
        self._pages[session] = page
        for domain in ("Runtime", "Log", "Page", "Network"):
            page.send(f"{domain}.enable")
        page.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": height,
                                                         "deviceScaleFactor": 1, "mobile": False})
        page.send("Page.navigate", {"url": Path(path).resolve().as_uri()})
        self.wait_for(page, "Page.loadEventFired")
        deadline = time.monotonic() + settle  # late errors (timers, deferred scripts)
        while time.monotonic() < deadline:
            try:
                self._dispatch(self._read_one(deadline))
            except BrowserError:
                break
        return page

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=10)
        except (BrowserError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self._to_browser, self._from_browser):
            try:
                os.close(fd)
            except OSError:
                pass
        self.proc.stderr.close()


@pytest.fixture(scope="session")
def example_class_builder():
    """Builds, under a folder, the example class and a grading.toml with short time limits:
    ``build(base, extra_toml="") -> (submissions, config)``."""
    import importlib.util

    from autograder.paths import GRADING_TOML, KIT_ROOT
    spec = importlib.util.spec_from_file_location("make_examples", KIT_ROOT / "examples" / "make_examples.py")
    make_examples = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_examples)

    def build(base: Path, extra_toml: str = "") -> tuple[Path, Path]:
        submissions = base / "submissions"
        make_examples.build(submissions)
        text = GRADING_TOML.read_text(encoding="utf-8")
        for key, value in {"test_wall_seconds": 5, "test_cpu_seconds": 5, "submission_wall_seconds": 120}.items():
            text = re.sub(rf"(?m)^{key}\s*=.*$", f"{key} = {value}", text)
        config = base / "grading.toml"
        config.write_text(text + extra_toml, encoding="utf-8")
        return submissions, config
    return build


def chromium_executable() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    executable = chromium_executable()
    if executable is None:
        pytest.skip("headless Chromium is not installed (as root, `make setup` installs Debian's chromium)")
    instance = Browser(executable, tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield instance
    finally:
        instance.close()


@pytest.fixture(scope="session")
def graded_modules(device) -> list[str]:
    """The exercises this machine grades: GPU ones only with a GPU."""
    cfg = grading.load()
    return [m for m in stubs.exercise_modules(SOLUTIONS)
            if m in cfg.exercises and (device == "cuda" or not cfg.exercises[m].needs_gpu)]


@pytest.fixture(scope="session")
def hidden_runner(device):
    """One warm judge grades every submission, jailed as `autograder grade` would."""
    with HiddenRunner(device=device) as runner:
        yield runner


class RunRecords:
    """JSON records made once per test run and shared by pytest-xdist's workers: the first
    worker that asks for a key computes it under a file lock; the others wait and read it.
    The folder is this run's own (pytest's base temp), so nothing outlives the run."""

    def __init__(self, folder: Path):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def get(self, key: str, compute):
        path = self.folder / (re.sub(r"[^A-Za-z0-9_.-]", "_", key) + ".json")
        with open(path.with_suffix(".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if path.exists():
                return json.loads(path.read_text(encoding="utf-8"))
            value = compute()
            partial = path.with_suffix(".partial")
            partial.write_text(json.dumps(value), encoding="utf-8")
            partial.replace(path)
            return value


@pytest.fixture(scope="session")
def run_records(tmp_path_factory) -> RunRecords:
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base   # popen-gwN's parent: the run's
    return RunRecords(shared / "kit-run-records")


class SolutionTests:
    """``solution_tests[module]``: the node ids (hidden and visible) the solutions ran for a
    module, graded once per run through the runner. The solutions must pass every test, or a
    runner that failed everything would make every mistake look caught."""

    def __init__(self, runner: HiddenRunner, folder: Path, records: RunRecords, modules: list[str]):
        self.runner, self.folder, self.records, self.modules = runner, folder, records, modules

    def __getitem__(self, module: str) -> set[str]:
        return set(self.outcomes(module))

    def outcomes(self, module: str) -> dict[str, dict]:
        """{nodeid: outcome} of the module's hidden suite and self-check on the solutions."""
        if module not in self.modules:
            raise KeyError(module)
        outcomes = outcomes_of(module, self.records.get("solutions", self._grade))
        assert outcomes, f"the {module} suites ran no test"
        failed = {nodeid: r["message"][:300] for nodeid, r in outcomes.items() if r["outcome"] == "failed"}
        assert not failed, f"the solutions fail tests through the runner: {failed}"
        return outcomes

    def _grade(self) -> dict[str, dict]:
        write_solution_copy(self.folder)
        return self.runner.run(self.folder, self.modules, visible=True)


@pytest.fixture(scope="session")
def solution_tests(hidden_runner, tmp_path_factory, graded_modules, run_records) -> SolutionTests:
    return SolutionTests(hidden_runner, tmp_path_factory.mktemp("solutions"), run_records, graded_modules)


class GradedSideBySide:
    """Each planted wrong answer (or correct variant) graded once per run, hidden suite and visible
    checks, whichever worker asks first: ``outcomes(answer)`` -> {nodeid: outcome} of its exercise.
    Answers to different exercises share a submission and a judge session (``side_by_side``)."""

    def __init__(self, runner: HiddenRunner, folder: Path, solution_tests: SolutionTests, records: RunRecords,
                 answers: list[WrongAnswer], name: str):
        self.runner, self.folder, self.solution_tests, self.records = runner, folder, solution_tests, records
        self.name = name
        self.rounds = side_by_side([a for a in answers if a.module in solution_tests.modules])
        self.round_of = {a.id: i for i, group in enumerate(self.rounds) for a in group}

    def __call__(self, answer: WrongAnswer) -> dict[str, dict]:
        expected = self.solution_tests[answer.module]
        i = self.round_of[answer.id]
        outcomes = outcomes_of(answer.module, self.records.get(f"{self.name}-{i}", lambda: self._grade(i)))
        assert set(outcomes) == expected, (f"the suites did not run as they do on the solutions (missing "
                                           f"{sorted(expected - set(outcomes))}, extra {sorted(set(outcomes) - expected)})")
        return outcomes

    def _grade(self, i: int) -> dict[str, dict]:
        group = self.rounds[i]
        return self.runner.run(materialize(group, self.folder / f"round-{i}"), [a.module for a in group],
                               visible=True)


@pytest.fixture(scope="session")
def planted_outcomes(hidden_runner, solution_tests, tmp_path_factory, run_records):
    return GradedSideBySide(hidden_runner, tmp_path_factory.mktemp("planted"), solution_tests, run_records,
                            discover(), "planted")


@pytest.fixture(scope="session")
def variant_outcomes(hidden_runner, solution_tests, tmp_path_factory, run_records):
    return GradedSideBySide(hidden_runner, tmp_path_factory.mktemp("variants"), solution_tests, run_records,
                            discover_correct(), "variants")


# -- what a planted mistake's failure messages must name ---------------------------------------
MENTIONS = "MESSAGE_MENTIONS"
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
# The lines of a failure message in the kit's own words about the mistake (not values, not the
# student's exception text or output): its likely cause, what an exception means, its hint.
KIT_WORDS = re.compile(r"^  (考えられる原因|likely cause|意味|what it means|ヒント|hint)( / [a-z ]+)?: ")
PRINTED = "\n提出されたコードの出力 / what the submitted code printed:"


def declared_mentions(path: Path) -> tuple[str, ...]:
    """The MESSAGE_MENTIONS literal of a planted mistake: keywords, one at least in Japanese and
    one in English, that its failure message must hold. Parsed, never run."""
    tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    found = [node for node in tree.body if isinstance(node, ast.Assign)
             and any(isinstance(t, ast.Name) and t.id == MENTIONS for t in node.targets)]
    if len(found) != 1:
        raise ValueError(f"{path}: {MENTIONS} must be assigned once at module level (found {len(found)})")
    value = ast.literal_eval(found[0].value)
    if not (isinstance(value, tuple) and value and all(isinstance(v, str) and v.strip() for v in value)):
        raise ValueError(f"{path}: {MENTIONS} must be a tuple of keywords")
    if not any(JAPANESE.search(v) for v in value) or all(JAPANESE.search(v) for v in value):
        raise ValueError(f"{path}: {MENTIONS} needs a keyword in Japanese and one in English")
    names = {node.name.casefold() for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
    names.add(Path(path).parent.name.casefold())
    named = [v for v in value if v.casefold() in names]
    if named:
        raise ValueError(f"{path}: {MENTIONS} {named} names the code, not what is wrong with it")
    return value


def kit_words(message: str, function: str = "") -> str:
    """What a failure message says in the kit's words: the problem after the call's label, the
    likely cause, what an exception means and the hint."""
    lines = str(message).split(PRINTED)[0].splitlines()
    if not lines:
        return ""
    first = lines[0][len(function) + 2:] if function and lines[0].startswith(function + ": ") else lines[0]
    kept, keep = [first], False
    for line in lines[1:]:
        if re.match(r"^  \S", line):
            keep = bool(KIT_WORDS.match(line))
            if keep:
                kept.append(line.split(": ", 1)[1])
        elif keep:
            kept.append(line)
    return "\n".join(kept)


def mentions_problem(wrong: WrongAnswer, outcomes: dict[str, dict]) -> str:
    """Empty when a failing hidden test's message names the mistake (every keyword of its
    MESSAGE_MENTIONS, case aside), else what the failing tests said."""
    words = declared_mentions(wrong.path)
    said = [(nodeid, kit_words(r.get("message", ""), r.get("function", "")))
            for nodeid, r in sorted(outcomes.items()) if suite_of(nodeid) == "hidden" and r["outcome"] == "failed"]
    for _, text in said:
        if all(word.casefold() in text.casefold() for word in words):
            return ""
    shown = "\n".join(f"  {nodeid.split('::')[-1]}: {text[:400]!r}" for nodeid, text in said[:8])
    return f"{wrong.id}: no failing hidden test's message mentions {words}. They say:\n{shown or '  (nothing failed)'}"


@pytest.fixture(scope="session")
def message_mentions():
    """``message_mentions(wrong, outcomes)``: "" when the failure messages name the mistake."""
    return mentions_problem


@pytest.fixture(scope="session", name="declared_mentions")
def declared_mentions_fixture():
    """``declared_mentions(path)``: a planted mistake's MESSAGE_MENTIONS, or ValueError with why."""
    return declared_mentions
