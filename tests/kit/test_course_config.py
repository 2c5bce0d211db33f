"""grading.toml is checked before anything is graded, and an empty SUBMISSIONS says so:
each mistake stops `autograder grade` with a non-zero exit and a message naming the key."""
import re

import pytest

from autograder import config as grading
from autograder.cli import main
from autograder.paths import GRADING_TOML

TEXT = GRADING_TOML.read_text(encoding="utf-8")


def test_the_kits_own_grading_toml_has_no_problems():
    assert grading.problems(grading.load()) == []


def test_a_judge_warms_what_its_exercises_preload():
    cfg = grading.load()
    assert cfg.warm(["perceptron", "activations"]) == "numpy"
    assert cfg.warm(["perceptron", "optimizers", "mnist_mlp"]) == "numpy,torch,torch._dynamo"
    assert cfg.warm([]) == "numpy"


@pytest.fixture
def one_student(tmp_path):
    folder = tmp_path / "SUBMISSIONS" / "alice"
    folder.mkdir(parents=True)
    (folder / "perceptron.py").write_text("def AND(a, b):\n    return 0\n", encoding="utf-8")
    return folder.parent


def _grade(submissions, config, out, capsys):
    code = main(["grade", str(submissions), "--config", str(config), "--out", str(out), "--jobs", "1"])
    return code, capsys.readouterr().out.replace("\n", " ")


TYPOS = [
    # a misspelt test name: its points would go from the student but stay in the maximum
    ("misspelt test", lambda t: t.replace("test_softmax_batch_rows = 2", "test_softmax_batch_row = 2"),
     ["exercises.activations.points.test_softmax_batch_row", "test_softmax_batch_rows"]),
    # a misspelt exercise table: a new column and activations at 0 / 0, "graded"
    ("misspelt exercise", lambda t: t.replace("[exercises.activations]", "[exercises.activation]")
     .replace("[exercises.activations.points]", "[exercises.activation.points]"),
     ["exercises.activation", "exercises.activations"]),
    ("test without points", lambda t: t.replace("test_relu_values = 1\n", ""),
     ["exercises.activations.points", "test_relu_values"]),
    ("unknown exercise key", lambda t: t.replace("needs_gpu = true", "need_gpu = true"),
     ["exercises.cifar10.need_gpu"]),
    ("unknown table", lambda t: t + "\n[limit]\nmemory_mb = 1\n", ["[limit]"]),
    ("unknown course key", lambda t: t + "\n[course]\ndisable = ['cifar10']\n", ["course.disable"]),
    ("disabled unknown exercise", lambda t: t + "\n[course]\ndisabled = ['cifar']\n", ["course.disabled", "cifar"]),
    ("bad pattern", lambda t: t + "\n[course]\nsubmission_pattern = '(?P<id>\\\\d+)'\n",
     ["course.submission_pattern", "student_id"]),
    ("points not a number", lambda t: t.replace("test_relu_values = 1", 'test_relu_values = "1"'),
     ["exercises.activations.points.test_relu_values"]),
    ("limit not a number", lambda t: t.replace("\nmemory_mb = 4096", '\nmemory_mb = "4G"'), ["limits.memory_mb", "'4G'"]),
    ("limit of zero", lambda t: t.replace("test_wall_seconds = 20", "test_wall_seconds = 0"),
     ["limits.test_wall_seconds", "> 0"]),
    # the jail's CPU watch counts whole seconds: 0.5 would silently be 1
    ("CPU limit under a second", lambda t: t.replace("test_cpu_seconds = 60", "test_cpu_seconds = 0.5"),
     ["limits.test_cpu_seconds", "at least 1"]),
]


@pytest.mark.parametrize("case, edit, named", TYPOS, ids=[t[0] for t in TYPOS])
def test_a_typo_stops_the_run_naming_the_key(tmp_path, one_student, capsys, case, edit, named):
    config = tmp_path / "grading.toml"
    config.write_text(edit(TEXT), encoding="utf-8")
    assert config.read_text(encoding="utf-8") != TEXT
    code, printed = _grade(one_student, config, tmp_path / "grades", capsys)
    assert code != 0
    for key in named:
        assert key in printed, (key, printed[:2000])
    assert not (tmp_path / "grades" / "alice").exists()  # nothing was graded


def test_an_empty_submissions_folder_says_so(tmp_path, capsys):
    (tmp_path / "SUBMISSIONS").mkdir()
    code, printed = _grade(tmp_path / "SUBMISSIONS", GRADING_TOML, tmp_path / "grades", capsys)
    assert code != 0 and "no submissions found" in printed
    assert not (tmp_path / "grades" / "gradebook.csv").exists()


def test_a_folder_of_stray_files_is_empty_too_and_lists_them(tmp_path, capsys):
    (tmp_path / "SUBMISSIONS").mkdir()
    (tmp_path / "SUBMISSIONS" / "notes.txt").write_text("hello")
    code, printed = _grade(tmp_path / "SUBMISSIONS", GRADING_TOML, tmp_path / "grades", capsys)
    assert code != 0 and "no submissions found" in printed and "notes.txt" in printed


def test_a_disabled_exercise_has_no_column_and_no_points(tmp_path):
    config = tmp_path / "grading.toml"
    config.write_text(TEXT + "\n[course]\ndisabled = ['cifar10']\n", encoding="utf-8")
    cfg = grading.load(config)
    assert "cifar10" not in cfg.exercises and "cifar10" in cfg.disabled
    assert cfg.total == grading.load().total - grading.load().exercises["cifar10"].total
    assert grading.problems(cfg) == []


def test_hidden_test_names_come_from_the_suites():
    names = grading.hidden_test_functions("activations")
    assert "test_relu_values" in names and all(n.startswith("test_") for n in names)
    assert grading.hidden_test_functions("no_such_exercise") is None
    assert re.search(r"did you mean 'test_relu_values'",
                     "\n".join(grading.problems(grading.GradingConfig(
                         GRADING_TOML, grading.Limits(), {},
                         {"exercises": {"activations": {"points": {"test_relu_value": 1}}}})))) is not None
