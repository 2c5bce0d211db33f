"""Grading the example class: statuses in the gradebook, hostile students gain
nothing and leave no trace, the batch survives them, resume and --only merges.

Each batch grades a small subset (``--only activations`` mostly) under short
limits, in one judge: starting a judge (and its zygote, which imports torch)
costs far more than grading a student, so tests that read the same students
share one grading (module fixtures), and later runs start from copies of it.
The hostile students need the jail."""
import csv
import json
import re
import shutil
import socket
import threading
from pathlib import Path

import pytest

from autograder.bridge import in_process
from autograder.cli import main
from autograder.grade import inputs
from autograder.grade.batch import Batch, Options
from autograder.paths import GRADING_TOML, KIT_ROOT

pytestmark = pytest.mark.slow(seconds=60)   # starts judges, sandboxes or nbgrader

EXAMPLES = KIT_ROOT / "examples"


@pytest.fixture(scope="module")
def klass(tmp_path_factory):
    import importlib.util
    spec = importlib.util.spec_from_file_location("make_examples", EXAMPLES / "make_examples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path_factory.mktemp("class") / "submissions"
    module.build(out)
    return out


@pytest.fixture(scope="module")
def quick_config(tmp_path_factory):
    """grading.toml with limits short enough for tests (the same points and suites)."""
    text = GRADING_TOML.read_text(encoding="utf-8")
    for key, value in {"test_wall_seconds": 3, "test_cpu_seconds": 1, "submission_wall_seconds": 120,
                       "memory_mb": 2048, "max_processes": 32, "max_output_kb": 64}.items():
        text = re.sub(rf"(?m)^{key}\s*=.*$", f"{key} = {value}", text)
    path = tmp_path_factory.mktemp("cfg") / "grading.toml"
    path.write_text(text, encoding="utf-8")
    return path


def one_judge(klass, out, config, students, only=("activations",), **kw) -> Batch:
    """A batch of one judge: students are graded one after another, in name order. On the CPU:
    with --device auto each judge imports torch only to look for a GPU, which nothing here needs."""
    return Batch(Options(submissions=klass, out=out, jobs=1, only=list(only), students=list(students),
                         config=config, device="cpu", **kw))


def grade(klass, out, config, students, only=("activations",), **kw):
    batch = one_judge(klass, out, config, students, only, **kw)
    outcomes = batch.run()
    return batch, {o.student: o for o in outcomes}


def gradebook(out):
    with open(out / "gradebook.csv", newline="", encoding="utf-8") as handle:
        return {row["student"]: row for row in csv.DictReader(handle) if row["student"] != "(max)"}


def result(out, student):
    return json.loads((out / student / "result.json").read_text(encoding="utf-8"))


ORDINARY = ["perfect", "partial", "stubs", "mistakes", "notebooks", "syntax_error", "bad_notebook",
            "zip_slip", "zip_bomb", "corrupt_zip"]


@pytest.fixture(scope="module")
def ordinary(klass, quick_config, tmp_path_factory):
    out = tmp_path_factory.mktemp("grades")
    batch, outcomes = grade(klass, out, quick_config, ORDINARY, only=("activations", "perceptron"))
    return batch, outcomes, out


def test_example_class_has_every_kind_of_student(klass):
    names = {s.id for s in inputs.discover(klass)}
    assert set(ORDINARY) <= names
    assert {"infinite_loop", "memory_bomb", "hostile_allclose", "hostile_pytest", "hostile_eq", "hostile_read",
            "hostile_write", "hostile_network", "hostile_exit", "hostile_fork", "hostile_print", "hostile_frames",
            "hostile_inplace", "hostile_saboteur", "hostile_saboteur_next", "hostile_shm", "hostile_shm_reader",
            "hostile_sigxcpu"} <= names


def test_gradebook_statuses(ordinary):
    batch, outcomes, out = ordinary
    book = gradebook(out)
    assert set(book) == set(ORDINARY)
    full_act = str(int(batch.cfg.exercises["activations"].total))
    assert book["perfect"]["activations"] == full_act and book["perfect"]["status"] == "partial"  # --only: 2 of many
    assert book["notebooks"]["activations"] == full_act
    assert book["stubs"]["activations"] == "0"
    assert 0 < float(book["mistakes"]["activations"]) < float(full_act)
    assert book["syntax_error"]["activations"] == "" and book["syntax_error"]["activations_status"] == "error"
    assert float(book["syntax_error"]["perceptron"]) == batch.cfg.exercises["perceptron"].total
    assert book["bad_notebook"]["activations_status"] == "error" and book["bad_notebook"]["status"].startswith("error:")
    for student, words in [("zip_slip", "unsafe path"), ("zip_bomb", "zip bomb"), ("corrupt_zip", "corrupt zip")]:
        assert book[student]["status"].startswith("error:") and words in book[student]["status"]
        assert book[student]["activations"] == ""  # never a bare 0 for an ungradable submission
    with open(out / "gradebook.csv", encoding="utf-8") as handle:
        header, maxima = list(csv.reader(handle))[:2]
    assert header == ["student", "name", *batch.exercises, "total", "status",
                      *(f"{m}_status" for m in batch.exercises), "flags"]
    assert maxima[0] == "(max)" and float(maxima[header.index("perceptron")]) == batch.cfg.exercises["perceptron"].total
    for row in book.values():  # an LMS imports these columns: numbers or nothing, never words
        for column in [*batch.exercises, "total"]:
            assert row[column] == "" or float(row[column]) >= 0, (row["student"], column, row[column])
    assert result(out, "perfect")["sandbox"]["memory_cap"] in ("cgroup2", "rlimit_data")   # how memory was capped


def test_reports_are_written_and_consistent(ordinary):
    batch, outcomes, out = ordinary
    for student in ORDINARY:
        folder = out / student
        assert {p.name for p in folder.iterdir()} == {"result.json", "results.json", "feedback.md", "feedback.html"}
        data = result(out, student)
        assert data["student"] == student and data["submission"]["hash"].startswith("sha256:")
        gs = json.loads((folder / "results.json").read_text())
        assert gs["score"] == data["total"]
        assert all({"name", "score", "max_score", "output", "visibility"} <= set(t) for t in gs["tests"])
    md = (out / "mistakes" / "feedback.md").read_text()
    assert "ヒント / hint" in md and "✗" in md
    hidden = (KIT_ROOT / "tests" / "hidden" / "test_activations.py").read_text().splitlines()
    for student in ORDINARY:
        for name in ("feedback.md", "feedback.html", "results.json"):
            text = (out / student / name).read_text()
            leaked = [line for line in hidden if len(line.strip()) > 25 and line.strip() in text]
            assert not leaked, f"{student}/{name} quotes the hidden suite: {leaked[:2]}"
    assert "<script" not in (out / "mistakes" / "feedback.html").read_text()


def test_resume_regrades_only_what_is_missing_or_changed(ordinary, klass, tmp_path):
    batch, outcomes, out = ordinary
    # a copy of the graded class and its grades: the other tests read the originals
    klass, out = shutil.copytree(klass, tmp_path / "submissions"), shutil.copytree(out, tmp_path / "grades")
    before = {s: result(out, s)["timing"]["started"] for s in ORDINARY}
    (out / "stubs" / "result.json").unlink()  # as if the batch was killed before writing it
    (klass / "mistakes" / "activations.py").write_text((klass / "perfect" / "activations.py").read_text())
    _, again = grade(klass, out, batch.options.config, ORDINARY, only=("activations", "perceptron"))
    assert {s for s, o in again.items() if o.state == "graded"} == {"stubs", "mistakes"}
    assert all(again[s].state == "cached" for s in ORDINARY if s not in ("stubs", "mistakes"))
    assert all(result(out, s)["timing"]["started"] == before[s] for s in ORDINARY if s not in ("stubs", "mistakes"))
    assert _points(out, "mistakes", "activations") == batch.cfg.exercises["activations"].total   # its new work
    rows = [r for r in csv.DictReader(open(out / "gradebook.csv", encoding="utf-8")) if r["student"] != "(max)"]
    assert sorted(r["student"] for r in rows) == sorted(ORDINARY)  # nothing lost, nothing twice


@pytest.fixture(scope="module")
def forced(ordinary, klass, tmp_path_factory):
    """A copy of the ordinary grades, where `perfect` and `corrupt_zip` are up to date, graded
    again through the command line: --force --only activations for those two students."""
    batch, outcomes, out = ordinary
    out = shutil.copytree(out, tmp_path_factory.mktemp("forced") / "grades")
    before = {s: result(out, s)["timing"]["started"] for s in ORDINARY}
    code = main(["grade", str(klass), "--out", str(out), "--only", "activations", "--student", "perfect",
                 "--student", "corrupt_zip", "--force", "--config", str(batch.options.config), "--jobs", "1",
                 "--device", "cpu"])
    return code, before, out


def test_cli_grades_and_prints_the_gradebook(forced):
    code, before, out = forced
    assert code == 0
    assert set(gradebook(out)) == set(ORDINARY)   # rebuilt from every result, not only this run's
    assert json.loads((out / "summary.json").read_text())["students"] == len(ORDINARY)


def test_force_regrades_up_to_date_students_and_only_those_asked_for(forced):
    code, before, out = forced
    # started again (a judge takes seconds to start, so the second differs); without --force: kept
    assert result(out, "perfect")["timing"]["started"] != before["perfect"]
    assert result(out, "corrupt_zip")["timing"]["started"] != before["corrupt_zip"]
    assert all(result(out, s)["timing"]["started"] == before[s]
               for s in ORDINARY if s not in ("perfect", "corrupt_zip"))
    assert result(out, "perfect")["exercises"]["activations"]["status"] == "graded"


def test_only_merges_into_existing_results(forced):
    code, before, out = forced
    data = result(out, "perfect")
    assert data["exercises"]["activations"]["status"] == "graded"
    assert data["exercises"]["perceptron"]["status"] == "graded"   # graded before, not in this run: kept
    book = gradebook(out)
    assert book["perfect"]["activations"] != "" and book["perfect"]["perceptron"] != ""


# -- hostile students: need the jail -------------------------------------------------------
# Tests of activations that the honest part of each file may pass: none (a relu that returns
# nothing no longer "leaves its input unchanged" for a point); hostile_exit's identity_function is right.
UNCHANGED: set[str] = set()
HOSTILE_HONEST = {
    "hostile_allclose": UNCHANGED, "hostile_pytest": UNCHANGED, "hostile_eq": UNCHANGED,
    "hostile_read": UNCHANGED, "hostile_write": UNCHANGED, "hostile_network": UNCHANGED,
    "hostile_exit": UNCHANGED | {"test_identity_function"}, "hostile_fork": UNCHANGED,
    "hostile_print": UNCHANGED, "infinite_loop": None, "memory_bomb": None,
    "hostile_frames": set(),   # every reply forged: every call fails, relu's included
}


# Students who try to reach the next student of the same judge (issue 10), each right before it
# in name order, and twins: the same code as a hostile student without its attack.
NEXT_OF = {"hostile_saboteur": "hostile_saboteur_next", "hostile_shm": "hostile_shm_reader"}
TWINS = {  # twin: (student, module, the lines it leaves out)
    "twin_hostile_saboteur": ("hostile_saboteur", "losses", "_sabotage(y, t)"),
    "twin_hostile_inplace": ("hostile_inplace", "activations", "# in place"),
}
HOSTILE = ["perfect", *HOSTILE_HONEST, *NEXT_OF, *NEXT_OF.values(), "hostile_inplace", *TWINS]


def _write_twin(klass, twin) -> None:
    """A copy of a student without the lines that carry its attack."""
    student, module, attack = TWINS[twin]
    lines = (klass / student / f"{module}.py").read_text(encoding="utf-8").splitlines(keepends=True)
    (klass / twin).mkdir()
    (klass / twin / f"{module}.py").write_text("".join(line for line in lines if attack not in line),
                                               encoding="utf-8")


@pytest.fixture(scope="module")
def cpu_limit_ignored(klass, tmp_path_factory):
    """hostile_sigxcpu graded under limits of its own, by a batch that runs in a thread (beside the
    hostile batch when both are asked for: most of their time is spent waiting for limits).
    Call it for the batch's output folder."""
    # A call may use 1 s of CPU time within 20 s of wall time: the student could finish its
    # 2 s of spinning in time, if nothing but SIGXCPU stopped it.
    base = tmp_path_factory.mktemp("sigxcpu")
    text = GRADING_TOML.read_text(encoding="utf-8")
    for key, value in {"test_wall_seconds": 20, "test_cpu_seconds": 1, "submission_wall_seconds": 600,
                       "memory_mb": 2048}.items():
        text = re.sub(rf"(?m)^{key}\s*=.*$", f"{key} = {value}", text)
    (base / "grading.toml").write_text(text, encoding="utf-8")
    # Made here, run in the thread: making a batch parses the hidden suites, and CPython 3.11's
    # ast.parse is not safe in two threads at once ("AST constructor recursion depth mismatch").
    batch = one_judge(klass, base / "grades", base / "grading.toml", ["hostile_sigxcpu"])
    failed: list[BaseException] = []

    def run():
        try:
            batch.run()
        except BaseException as exc:   # raised again where the result is read
            failed.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()

    def graded() -> Path:
        thread.join()
        if failed:
            raise failed[0]
        return base / "grades"
    return graded


@pytest.fixture(scope="module")
def hostile(klass, quick_config, tmp_path_factory, cpu_limit_ignored):
    """Every hostile student and the twins in one batch of one judge, in name order."""
    out = tmp_path_factory.mktemp("hostile-grades")
    for twin in TWINS:
        _write_twin(klass, twin)
    hits = []
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 48213))
    listener.listen(16)
    listener.settimeout(0.5)
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
                hits.append(conn.recv(64))
                conn.close()
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        batch, outcomes = grade(klass, out, quick_config, HOSTILE, only=("activations", "losses"))
    finally:
        stop.set()
        thread.join(2)
        listener.close()
    return batch, outcomes, out, hits


def test_batch_completes_and_the_perfect_student_is_intact(hostile):
    batch, outcomes, out, hits = hostile
    assert set(outcomes) == set(HOSTILE)
    assert result(out, "perfect")["exercises"]["activations"]["points"] == batch.cfg.exercises["activations"].total


@pytest.mark.parametrize("student", sorted(HOSTILE_HONEST))
def test_hostile_student_gains_nothing_dishonest(hostile, student):
    batch, outcomes, out, hits = hostile
    if student in ("hostile_read", "hostile_network", "hostile_write") and batch.sandbox_kind != "bubblewrap":
        pytest.skip("without bubblewrap files and the network are not isolated (the run says so loudly)")
    ex = result(out, student)["exercises"]["activations"]
    honest = HOSTILE_HONEST[student]
    if honest is None:  # a correct module with one runaway function: that function's tests fail
        assert ex["status"] == "graded" and ex["points"] < batch.cfg.exercises["activations"].total
    else:   # an exercise that errored earns nothing, so "gained nothing" would hold for it trivially
        assert ex["status"] == "graded", ex["status"]
        passed = {name for name, test in ex["tests"].items() if test["earned"] > 0}
        assert passed <= honest, f"{student} passed {sorted(passed - honest)}"


def test_honest_work_still_counts_after_the_worker_and_its_parent_were_killed(hostile):
    # hostile_exit's other functions end the worker, kill the zygote and signal the process group
    # before test_identity_function runs; the replacement worker still grades the honest function.
    tests = result(hostile[2], "hostile_exit")["exercises"]["activations"]["tests"]
    assert tests["test_identity_function"]["earned"] > 0


def _sandboxed(hostile):
    if hostile[0].sandbox_kind != "bubblewrap":
        pytest.skip("file system and network isolation need bubblewrap")


def test_reading_outside_finds_nothing(hostile):
    _sandboxed(hostile)
    tests = result(hostile[2], "hostile_read")["exercises"]["activations"]["tests"]
    assert {name for name, test in tests.items() if test["earned"] > 0} <= UNCHANGED


def test_writing_outside_leaves_no_trace(hostile, klass):
    _sandboxed(hostile)
    out = hostile[2]
    places = [Path("/tmp"), KIT_ROOT, KIT_ROOT / "examples", klass, klass.parent, out, out.parent, Path.home()]
    marks = [p / "HOSTILE_WRITE_MARKER" for p in places if (p / "HOSTILE_WRITE_MARKER").exists()]
    marks += [p for p in klass.rglob("HOSTILE_WRITE_MARKER")] + [p for p in out.rglob("HOSTILE_WRITE_MARKER")]
    assert not marks
    assert result(out, "hostile_write")["total"] != 999
    assert not list(klass.parent.rglob("escaped_by_zip.py"))


def test_no_network(hostile, klass):
    _sandboxed(hostile)
    assert hostile[3] == []
    # positive control: the same code, not jailed, reaches a listener on the same port
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 48213))
    listener.listen(16)
    control = in_process(klass / "hostile_network")
    try:
        assert control.activations.identity_function(1.0) == 1.0
        listener.settimeout(5)
        conn, _ = listener.accept()
        with conn:
            assert conn.recv(64) == b"HOSTILE_NETWORK"
    finally:
        control.close()
        listener.close()


def test_forged_replies_fail_with_the_reason_and_the_batch_goes_on(hostile):
    tests = result(hostile[2], "hostile_frames")["exercises"]["activations"]["tests"]
    messages = [case["message"] for test in tests.values() for case in test["cases"] if case["outcome"] == "failed"]
    assert messages and all("malformed reply" in message for message in messages), messages[:3]


# -- students who try to reach the next student or the judge (issue 10) ----------------------------

def _points(out, student, module):
    return result(out, student)["exercises"][module]["points"]


@pytest.mark.parametrize("student", sorted(NEXT_OF))
def test_the_next_student_is_graded_right_after_by_the_same_judge(hostile, student):
    batch = hostile[0]
    names = [s.id for s in batch.students]
    assert batch.options.jobs == 1 and names.index(NEXT_OF[student]) == names.index(student) + 1


def test_the_honest_student_after_a_saboteur_gets_full_marks(hostile):
    batch, outcomes, out, hits = hostile
    assert _points(out, "hostile_saboteur_next", "losses") == batch.cfg.exercises["losses"].total
    # and the saboteur earns no more than the same code without the sabotage (less: it runs out of time)
    assert _points(out, "hostile_saboteur", "losses") <= _points(out, "twin_hostile_saboteur", "losses")


def test_writing_into_arguments_gains_nothing(hostile):
    out = hostile[2]
    # Test by test no more than the same code without the writes (less where a test checks that
    # the input is left unchanged: the writes are seen there, in the student's own copy).
    mine = result(out, "hostile_inplace")["exercises"]["activations"]["tests"]
    theirs = result(out, "twin_hostile_inplace")["exercises"]["activations"]["tests"]
    assert all(mine[name]["earned"] <= theirs[name]["earned"] for name in theirs), (mine, theirs)
    assert {name for name in theirs if mine[name]["earned"] < theirs[name]["earned"]} <= UNCHANGED


def test_shared_memory_left_behind_reaches_nobody(hostile):
    out = hostile[2]
    assert result(out, "hostile_shm")["exercises"]["activations"]["status"] == "graded"
    tests = result(out, "hostile_shm_reader")["exercises"]["activations"]["tests"]
    assert {name for name, test in tests.items() if test["earned"] > 0} <= UNCHANGED


def test_ignoring_the_cpu_limit_gains_nothing(cpu_limit_ignored):
    ex = result(cpu_limit_ignored(), "hostile_sigxcpu")["exercises"]["activations"]
    assert ex["status"] == "graded" and ex["points"] == 0, ex
    messages = [case["message"] for test in ex["tests"].values() for case in test["cases"]]
    assert any("CPU-time limit" in message for message in messages), messages[:3]
