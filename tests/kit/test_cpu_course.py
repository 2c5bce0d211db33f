"""A course without a GPU: an untouched cifar10 stub is "not started" (never pending), a
rerun grades no one (pending results are kept unless the device changed), and a course
can switch the GPU exercise off in grading.toml (then it has no column)."""
import csv
import json
import re
import shutil

import pytest

from autograder.author.stubs import strip_markers
from autograder.grade.batch import Batch, Options
from autograder.paths import EXERCISES, GRADING_TOML, SOLUTIONS

pytestmark = pytest.mark.slow   # starts judges, sandboxes or nbgrader

ONLY = ["activations", "cifar10"]
TINY_CIFAR = '''
import torch


def build_model():
    return torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(3 * 32 * 32, 10))


def train(model, loader, device):
    model.to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    for x, y in loader:
        optimizer.zero_grad()
        torch.nn.functional.cross_entropy(model(x.to(device)), y.to(device)).backward()
        optimizer.step()
'''


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    base = tmp_path_factory.mktemp("cpu-course")
    klass = base / "SUBMISSIONS"
    # the documented way: the whole exercises/ folder of the release, untouched
    shutil.copytree(EXERCISES, klass / "release" / "exercises", ignore=shutil.ignore_patterns("__pycache__"))
    # activations done, cifar10 left as released
    shutil.copytree(EXERCISES, klass / "no_gpu_work" / "exercises", ignore=shutil.ignore_patterns("__pycache__"))
    (klass / "no_gpu_work" / "exercises" / "activations.py").write_text(
        strip_markers((SOLUTIONS / "activations.py").read_text(encoding="utf-8")), encoding="utf-8")
    # cifar10 attempted: gradable only with a GPU
    (klass / "gpu_work").mkdir()
    (klass / "gpu_work" / "cifar10.py").write_text(TINY_CIFAR, encoding="utf-8")
    text = GRADING_TOML.read_text(encoding="utf-8")
    for key, value in {"test_wall_seconds": 20, "submission_wall_seconds": 300, "memory_mb": 3072}.items():
        text = re.sub(rf"(?m)^{key}\s*=.*$", f"{key} = {value}", text)
    config = base / "grading.toml"
    config.write_text(text, encoding="utf-8")
    return klass, config, base


def _run(klass, config, out, device="cpu", only=ONLY):
    # one judge: a second one (and its zygote) costs more than the three students
    batch = Batch(Options(submissions=klass, out=out, jobs=1, only=list(only), config=config, device=device))
    return batch, {o.student: o for o in batch.run()}


def _book(out):
    with open(out / "gradebook.csv", newline="", encoding="utf-8") as handle:
        return {row["student"]: row for row in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def first(course):
    klass, config, base = course
    out = base / "grades"
    return _run(klass, config, out), out


def test_untouched_cifar10_stub_is_not_started_never_pending(first):
    (batch, outcomes), out = first
    book = _book(out)
    for student in ("release", "no_gpu_work"):
        assert book[student]["cifar10_status"] == "not started"
        assert book[student]["cifar10"] == "0"
        assert "pending" not in book[student]["status"]
    assert book["release"]["activations_status"] == "not started"
    assert float(book["no_gpu_work"]["activations"]) == batch.cfg.exercises["activations"].total
    data = json.loads((out / "release" / "result.json").read_text(encoding="utf-8"))
    assert data["exercises"]["cifar10"]["status"] == "graded" and data["exercises"]["cifar10"]["not_started"]


def test_attempted_gpu_work_is_pending_on_a_cpu(first):
    (batch, outcomes), out = first
    book = _book(out)
    assert book["gpu_work"]["cifar10_status"] == "pending" and book["gpu_work"]["cifar10"] == ""
    data = json.loads((out / "gpu_work" / "result.json").read_text(encoding="utf-8"))
    assert data["exercises"]["cifar10"]["status"] == "pending: needs a GPU / GPU が必要です"


def test_a_rerun_grades_no_one_and_a_device_change_regrades_the_pending(first, course):
    klass, config, base = course
    (_, _), out = first
    before = {s: json.loads((out / s / "result.json").read_text())["timing"]["started"]
              for s in ("release", "no_gpu_work", "gpu_work")}
    _, again = _run(klass, config, out)
    assert {s: o.state for s, o in again.items()} == {"release": "cached", "no_gpu_work": "cached",
                                                        "gpu_work": "cached"}
    # another device: only the pending work is tried again (CUDA is asked for; none here, so still pending)
    _, moved = _run(klass, config, out, device="cuda")
    assert {s: o.state for s, o in moved.items()} == {"release": "cached", "no_gpu_work": "cached",
                                                        "gpu_work": "graded"}
    after = json.loads((out / "gpu_work" / "result.json").read_text())
    assert after["device"] == "cuda" and after["exercises"]["cifar10"]["status"].startswith("pending")
    assert all(json.loads((out / s / "result.json").read_text())["timing"]["started"] == before[s]
               for s in ("release", "no_gpu_work"))


def test_a_course_can_switch_the_gpu_exercise_off(course):
    klass, config, base = course
    off = base / "grading-no-gpu.toml"
    off.write_text(config.read_text(encoding="utf-8") + "\n[course]\ndisabled = [\"cifar10\"]\n", encoding="utf-8")
    out = base / "grades-off"
    batch, outcomes = _run(klass, off, out, only=["activations"])
    assert "cifar10" not in batch.exercises
    with open(out / "gradebook.csv", newline="", encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert not any(column.startswith("cifar10") for column in header)
    book = _book(out)
    assert "pending" not in book["gpu_work"]["status"]
    assert float(book["(max)"]["total"]) == batch.cfg.total
    assert json.loads((out / "summary.json").read_text())["disabled"] == ["cifar10"]
    assert "cifar10" not in json.loads((out / "gpu_work" / "result.json").read_text())["exercises"]
