"""The judge process itself: fresh hidden suites for every student, its own memory cap, no
quiet downgrade when the jail is missing, and a clean stop on Ctrl-C (issue 10, points 1, 3,
7 and 8). Most tests run real judge processes or `autograder grade` itself."""
import csv
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from autograder.grade.judge_client import Judge
from autograder.jail import sandbox_available
from autograder.paths import GRADING_TOML, KIT_ROOT, SOLUTIONS

pytestmark = pytest.mark.slow   # starts judges, sandboxes or nbgrader

SANDBOX = "bubblewrap" if sandbox_available()[0] else "none"
# On the CPU: with --device auto every judge would import torch only to look for a GPU.
GRADE = [sys.executable, "-m", "autograder", "grade", "--device", "cpu"]


def quick_config(tmp_path: Path, **limits) -> Path:
    text = GRADING_TOML.read_text(encoding="utf-8")
    for key, value in {"test_wall_seconds": 5, "test_cpu_seconds": 5, "submission_wall_seconds": 120,
                       "memory_mb": 2048, **limits}.items():
        if re.search(rf"(?m)^{key}\s*=", text):
            text = re.sub(rf"(?m)^{key}\s*=.*$", f"{key} = {value}", text)
        else:
            text = text.replace("[limits]\n", f"[limits]\n{key} = {value}\n", 1)
    path = tmp_path / "grading.toml"
    path.write_text(text, encoding="utf-8")
    return path


def judge_run(judge: Judge, tmp_path: Path, name: str, folder: Path, files: list[Path]) -> dict:
    results = tmp_path / f"results-{name}.json"
    judge.run(name, folder, [], results, 300, files=files)
    return json.loads(results.read_text(encoding="utf-8"))


# -- fresh suites per student (point 1) ------------------------------------------------------

STATEFUL_SUITE = '''
SEEN = []
FIRST = {}


def test_module_state_is_this_students(submission):
    SEEN.append(submission.who.name())
    FIRST.setdefault("name", submission.who.name())
    assert SEEN == [submission.who.name()], SEEN
    assert FIRST["name"] == submission.who.name()
'''


@pytest.fixture(scope="module")
def capped_judge(tmp_path_factory):
    """One judge process under its own memory cap of 1 GiB, with its hello, for the tests below.
    Their suites have names of their own: pytest (importlib mode) would reuse a module of the same
    dotted name from another folder (the kit's own hidden suites always come from one folder)."""
    base = tmp_path_factory.mktemp("judge")
    judge = Judge(quick_config(base, judge_memory_mb=1024), "cpu", SANDBOX, base / "judge.log", warm="numpy")
    try:
        yield judge, judge.start()
    finally:
        judge.close()


def test_no_module_state_survives_from_one_student_to_the_next(capped_judge, tmp_path):
    judge, _ = capped_judge
    suites = tmp_path / "suites"
    suites.mkdir()
    (suites / "test_state.py").write_text(STATEFUL_SUITE, encoding="utf-8")
    for name in ("alice", "bob", "carol"):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "who.py").write_text(f"def name():\n    return {name!r}\n", encoding="utf-8")
        outcome = judge_run(judge, tmp_path, name, folder, [suites / "test_state.py"])
        assert [r["outcome"] for r in outcome.values()] == ["passed"], (name, outcome)


# -- the judge's own memory cap (point 3) ------------------------------------------------------

GREEDY_SUITE = '''
def test_judge_side_allocation_past_the_cap(submission):
    blocks = [bytearray(256 << 20) for _ in range(16)]   # 4 GB on the judge's side
    assert len(blocks) == 16


def test_the_session_goes_on(submission):
    assert submission.who.name() == "alice"
'''


def _data_limit(pid: int) -> int:
    for line in Path(f"/proc/{pid}/limits").read_text().splitlines():
        if line.startswith("Max data size"):
            soft = line.split()[3]
            return -1 if soft == "unlimited" else int(soft)
    raise AssertionError("no data limit line")


def test_the_judge_runs_under_its_own_memory_cap(capped_judge, tmp_path):
    judge, hello = capped_judge
    suites = tmp_path / "suites"
    suites.mkdir()
    (suites / "test_greedy.py").write_text(GREEDY_SUITE, encoding="utf-8")
    folder = tmp_path / "alice"
    folder.mkdir()
    (folder / "who.py").write_text("def name():\n    return 'alice'\n", encoding="utf-8")
    cap = _data_limit(judge.proc.pid)
    assert cap == hello["judge_memory_cap"] and 1024 << 20 < cap < (1024 << 20) + (4 << 30)
    outcome = judge_run(judge, tmp_path, "alice", folder, [suites / "test_greedy.py"])
    results = {node.split("::")[1]: r for node, r in outcome.items()}
    assert results["test_judge_side_allocation_past_the_cap"]["outcome"] == "failed"
    assert "MemoryError" in results["test_judge_side_allocation_past_the_cap"]["message"]
    assert results["test_the_session_goes_on"]["outcome"] == "passed"
    assert judge.proc.poll() is None   # the judge is still there for the next student


# -- no quiet downgrade (point 7) --------------------------------------------------------------

BREAKERS = {
    "import": "import sys\nsys.modules['autograder.jail'] = None\n",
    "bubblewrap": ("import autograder.jail.sandbox as sandbox\n"
                   "sandbox._probe = lambda: (False, 'bubblewrap cannot run here (made so by the test)')\n"),
    "start": ("import autograder.jail.zygotes as zygotes\n"
              "def start(self):\n    raise zygotes.JailError('the zygote would not start (made so by the test)')\n"
              "zygotes.Zygote.start = start\n"),
}


@pytest.fixture(scope="module")
def tiny_class(tmp_path_factory):
    root = tmp_path_factory.mktemp("class")
    for name in ("alice", "bob"):
        (root / name).mkdir()
        (root / name / "perceptron.py").write_text((SOLUTIONS / "perceptron.py").read_text(encoding="utf-8"),
                                                   encoding="utf-8")
    return root


def broken_env(tmp_path: Path, what: str) -> dict:
    site = tmp_path / f"site-{what}"
    site.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text(BREAKERS[what], encoding="utf-8")
    return {**os.environ, "PYTHONPATH": f"{site}{os.pathsep}{KIT_ROOT}"}


@pytest.mark.parametrize("what, words", [
    ("import", "autograder.jail cannot be imported"),
    ("bubblewrap", "bubblewrap cannot run here"),
    ("start", "the zygote would not start"),
])
def test_a_jail_that_cannot_be_used_stops_the_grading(tmp_path, tiny_class, what, words):
    if what != "import" and SANDBOX != "bubblewrap":
        pytest.skip("needs a machine where bubblewrap runs, to break it")
    out = tmp_path / "grades"
    done = subprocess.run([*GRADE, str(tiny_class), "--out", str(out), "--only", "perceptron", "--jobs", "1"],
                          cwd=KIT_ROOT, env=broken_env(tmp_path, what), capture_output=True, text=True, timeout=600)
    text = done.stdout + done.stderr
    assert done.returncode != 0, text
    assert words in text and "--sandbox none" in text, text
    assert not list(out.glob("*/result.json")), "nothing may be graded without the jail"


@pytest.mark.parametrize("what, kind", [("import", "none"), ("bubblewrap", "none")])
def test_sandbox_none_is_the_explicit_way_to_grade_without_the_jail(tmp_path, tiny_class, what, kind):
    out = tmp_path / "grades"
    done = subprocess.run([*GRADE, str(tiny_class), "--out", str(out), "--only", "perceptron", "--jobs", "1",
                           "--sandbox", "none"], cwd=KIT_ROOT, env=broken_env(tmp_path, what),
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads((out / "alice" / "result.json").read_text(encoding="utf-8"))
    assert result["sandbox"]["kind"] == kind and result["sandbox"]["warning"]
    assert result["exercises"]["perceptron"]["status"] == "graded"


# -- Ctrl-C (point 8) ---------------------------------------------------------------------------

def _descendants(root: int) -> dict[int, str]:
    """{pid: start time} of every process below ``root`` (sandboxed ones included)."""
    parents, starts = {}, {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                fields = Path(f"/proc/{name}/stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            parents[int(name)] = int(fields[1])
            starts[int(name)] = fields[19]
    found, todo = {}, [root]
    while todo:
        parent = todo.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in found:
                found[pid] = starts[pid]
                todo.append(pid)
    return found


def _alive(pid: int, start: str) -> bool:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return False
    return fields[19] == start and fields[0] != "Z"


# Slower than any judge takes to start: each call to step_function or sigmoid sleeps until its wall
# time (a minute) runs out, so the students graded beside and after the quick one are still being
# graded when the quick one's result appears, and Ctrl-C always lands mid-batch.
SLOW = """

def step_function(x):
    time.sleep(3600)


def sigmoid(x):
    time.sleep(3600)
"""


def _in_the_foreground(command, **kwargs) -> subprocess.Popen:
    """Start ``command`` as a shell starts a foreground command, where Ctrl-C reaches it: with
    SIGINT not ignored. A test run started in the background (by a script or CI: `make test &`)
    ignores SIGINT, its children inherit that, and the grader would never see the interrupt."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)   # SIG_DFL again after exec
    try:
        return subprocess.Popen(command, **kwargs)
    finally:
        signal.signal(signal.SIGINT, previous)


def test_ctrl_c_is_a_clean_stop(tmp_path):
    klass = tmp_path / "class"
    solution = (SOLUTIONS / "activations.py").read_text(encoding="utf-8")
    for name, text in [("a_quick", solution), ("b_slow", "import time\n" + solution + SLOW),
                       ("c_slow", "import time\n" + solution + SLOW)]:
        (klass / name).mkdir(parents=True)
        (klass / name / "activations.py").write_text(text, encoding="utf-8")
    out = tmp_path / "grades"
    config = quick_config(tmp_path, test_wall_seconds=60, submission_wall_seconds=3600)
    command = [*GRADE, str(klass), "--out", str(out), "--only", "activations", "--config", str(config)]
    grade = _in_the_foreground([*command, "--jobs", "2"], cwd=KIT_ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, start_new_session=True)
    seen: dict[int, str] = {}
    try:
        deadline = time.monotonic() + 400
        while time.monotonic() < deadline and not list(out.glob("*/result.json")):
            seen.update(_descendants(grade.pid))
            time.sleep(0.1)
        assert list(out.glob("*/result.json")), "no student was graded in time"
        seen.update(_descendants(grade.pid))
        assert any("judge" in Path(f"/proc/{pid}/cmdline").read_text(errors="replace")
                   for pid in seen if _alive(pid, seen[pid])), "the judges were not seen running"
        os.killpg(grade.pid, signal.SIGINT)
        interrupted = time.monotonic()
        output, _ = grade.communicate(timeout=30)
        while True:   # looked at once at least, however long the grader took to end
            left = [pid for pid, start in seen.items() if _alive(pid, start)]
            if not left or time.monotonic() > interrupted + 5:
                break
            time.sleep(0.1)
        assert left == [], f"still running 5 s after Ctrl-C: {left}"
    finally:
        if grade.poll() is None:
            os.killpg(grade.pid, signal.SIGKILL)
            grade.wait()
    assert "Traceback" not in output, output
    lines = [line for line in output.splitlines() if line.startswith("interrupted:")]
    graded = sorted(p.parent.name for p in out.glob("*/result.json"))
    assert graded == ["a_quick"]   # the slow students were being graded when Ctrl-C came
    assert lines == [f"interrupted: {len(graded)} graded, run again to resume"], output[-2000:]
    assert grade.returncode == 130
    with open(out / "gradebook.csv", encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["student"] != "(max)"]
    assert sorted(row["student"] for row in rows) == graded   # the gradebook matches the results
    for name in graded:
        result = json.loads((out / name / "result.json").read_text(encoding="utf-8"))
        assert result["status"] in ("graded", "partial") and not result["status"].startswith("error")
    # ... and a second run picks up where it stopped: the graded student is kept, the others are
    # graded (made quick first: what resuming decides is who is graded, not how long it takes)
    started = json.loads((out / "a_quick" / "result.json").read_text(encoding="utf-8"))["timing"]["started"]
    for name in ("b_slow", "c_slow"):
        (klass / name / "activations.py").write_text(solution, encoding="utf-8")
    again = subprocess.run([*command, "--jobs", "1"], cwd=KIT_ROOT, capture_output=True, text=True, timeout=900)
    assert again.returncode == 0, again.stdout[-2000:]
    assert sorted(p.parent.name for p in out.glob("*/result.json")) == ["a_quick", "b_slow", "c_slow"]
    assert json.loads((out / "a_quick" / "result.json").read_text(encoding="utf-8"))["timing"]["started"] == started
