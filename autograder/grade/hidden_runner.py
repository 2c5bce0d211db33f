"""Run test suites on one submission after another, outside the calling process.

The kit's own checks grade planted wrong answers, correct variants and hollow
submissions with this: one warm judge process (the same one `autograder grade`
uses, jailed where bubblewrap is available) runs each submission in turn, so
torch is imported once, not once per submission. Besides the hidden suites it
runs the visible self-checks (``visible=True``) or any test files, jailed alike."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

from ..paths import EXERCISES, GRADING_TOML, HIDDEN_TESTS
from .judge_client import Judge, JudgeLost

SUITE_FOLDERS = {"hidden": "hidden", "exercises": "visible"}


def suite_of(nodeid: str) -> str | None:
    """"hidden" for tests/hidden/test_<m>.py, "visible" for exercises/test_<m>.py."""
    return SUITE_FOLDERS.get(Path(nodeid.split("::", 1)[0]).parent.name)


def only(outcomes: dict[str, dict], suite: str) -> dict[str, dict]:
    """The outcomes of one suite ("hidden" or "visible")."""
    return {nodeid: result for nodeid, result in outcomes.items() if suite_of(nodeid) == suite}


def suite_files(modules: list[str], *, visible: bool = False) -> list[Path]:
    files = [HIDDEN_TESTS / f"test_{m}.py" for m in modules]
    if visible:
        files += [EXERCISES / f"test_{m}.py" for m in modules if (EXERCISES / f"test_{m}.py").is_file()]
    return files


class HiddenRunner:
    """``with HiddenRunner() as runner: runner.run(folder, ["activations"])``."""

    def __init__(self, *, device: str = "cpu", config: Path = GRADING_TOML, wall_seconds: float = 600,
                 warm: str = "numpy,torch,torch._dynamo"):
        """``warm``: what the judge imports before the first submission (``GradingConfig.warm``
        when the exercises are known; by default everything an exercise may preload)."""
        self._tmp = tempfile.TemporaryDirectory(prefix="kit-hidden-")
        self.log = Path(self._tmp.name) / "judge.log"
        self.wall_seconds = wall_seconds
        # The kit's own checks (not students): without bubblewrap, the plain limited worker, said in the log.
        from ..jail import sandbox_available
        sandbox = "bubblewrap" if sandbox_available()[0] else "none"
        self._judge = Judge(config, device, sandbox, self.log, warm=warm)
        self._runs = 0

    def run(self, submission_dir: Path, modules: list[str], *, visible: bool = False) -> dict[str, dict]:
        """{nodeid: {"outcome", "message", "not_started"}} for the modules' hidden tests and,
        with ``visible``, their visible self-checks (tell them apart with ``suite_of``)."""
        return self.run_files(submission_dir, suite_files(modules, visible=visible), modules)

    def run_files(self, submission_dir: Path, files: list[Path], modules: list[str] = ()) -> dict[str, dict]:
        """The same for any test files (they use the ``submission`` fixture as the suites do)."""
        self._runs += 1
        out = Path(self._tmp.name) / f"results-{self._runs}.json"
        try:
            reply = self._judge.run(f"check-{self._runs}", Path(submission_dir), list(modules), out,
                                    self.wall_seconds, files=[Path(f) for f in files])
        except JudgeLost as exc:
            raise RuntimeError(f"{exc}\n{self._log_tail()}") from None
        if not out.exists():
            raise RuntimeError(f"pytest did not report results ({reply}):\n{self._log_tail()}")
        return json.loads(out.read_text(encoding="utf-8"))

    def _log_tail(self) -> str:
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")[-3000:]
        except OSError:
            return ""

    def close(self) -> None:
        self._judge.close()
        self._tmp.cleanup()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def run_hidden(submission_dir: Path, modules: list[str], *, device: str = "cpu") -> dict[str, dict]:
    """One submission, in a judge of its own."""
    with HiddenRunner(device=device) as runner:
        return runner.run(submission_dir, modules)
