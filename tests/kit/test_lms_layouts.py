"""LMS bulk downloads as they come: Moodle (with and without folders, zipped and unpacked),
Canvas (``_LATE``, ``-1`` re-uploads), an instructor's file-name pattern; a class zip is
split into students, a file no rule places is reported, and each student's own caps and
zip-safety checks still apply inside a download."""
import contextlib
import csv
import io
import json
import re
import zipfile

import pytest

from autograder.author.stubs import strip_markers
from autograder.author.wrong_answers import WrongAnswer, wrong_module_text
from autograder.cli import main
from autograder.grade import inputs, lms
from autograder.grade.batch import Batch, BatchError, Options
from autograder.paths import EXERCISES, GRADING_TOML, SOLUTIONS, WRONG_ANSWERS
from autograder.submission import files as submission_files

pytestmark = pytest.mark.slow   # starts judges, sandboxes or nbgrader

ONLY = ["activations", "perceptron"]


def solution(module):
    return strip_markers((SOLUTIONS / f"{module}.py").read_text(encoding="utf-8"))


def stub(module):
    return (EXERCISES / f"{module}.py").read_text(encoding="utf-8")


def wrong(module, slug):
    return wrong_module_text(WrongAnswer(module, slug, WRONG_ANSWERS / module / f"{slug}.py"))


def release_zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


# Three students, each with work no other has: mixing anyone's files would show in the points.
TARO = {"activations.py": solution("activations"), "perceptron.py": stub("perceptron")}
HANAKO = {"perceptron.py": solution("perceptron")}
KEN = {"activations.py": wrong("activations", "relu_in_place"), "perceptron.py": wrong("perceptron", "and_fires_at_zero")}


def moodle_download(folders: bool) -> dict[str, bytes]:
    people = [("Taro Yamada", "12345", TARO), ("山田 花子", "12346", HANAKO), ("Ken Ito", "12347", KEN)]
    members = {}
    for name, pid, files in people:
        prefix = f"{name}_{pid}_assignsubmission_file_"
        if pid == "12346":  # she uploaded one zip of her exercises/ folder
            members[f"{prefix}/exercises.zip" if folders else f"{prefix}exercises.zip"] = release_zip(
                {f"exercises/{k}": v for k, v in files.items()})
            continue
        for file, text in files.items():
            members[f"{prefix}/{file}" if folders else f"{prefix}{file}"] = text.encode()
    members["Ken Ito_12347_assignsubmission_onlinetext_onlinetext.html"] = b"<p>done</p>"
    members["grading-notes.txt"] = b"not a submission"
    return members


def canvas_download() -> dict[str, bytes]:
    return {
        "yamadataro_12345_900001_activations.py": TARO["activations.py"].encode(),
        "yamadataro_12345_900002_perceptron.py": TARO["perceptron.py"].encode(),
        # uploaded twice: Canvas calls the later one perceptron-1.py
        "satohanako_LATE_12346_900003_perceptron.py": stub("perceptron").encode(),
        "satohanako_LATE_12346_900004_perceptron-1.py": HANAKO["perceptron.py"].encode(),
        "itoken_12347_900005_activations.py": KEN["activations.py"].encode(),
        "itoken_12347_900006_perceptron.py": KEN["perceptron.py"].encode(),
        "grading-notes.txt": b"not a submission",
    }


def write_zip(path, members):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def unpack(folder, members):
    for name, data in members.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return folder


# -- recognising the layouts (no grading) ----------------------------------------------------
@pytest.mark.parametrize("folders", [True, False], ids=["moodle-folders", "moodle-flat"])
@pytest.mark.parametrize("packed", [True, False], ids=["zip", "unpacked"])
def test_moodle_download_is_split_into_students_by_moodle_id(tmp_path, folders, packed):
    members = moodle_download(folders)
    path = write_zip(tmp_path / "moodle.zip", members) if packed else unpack(tmp_path / "moodle", members)
    found = inputs.survey(path)
    assert found.layouts == ["moodle"]
    assert {s.id: s.name for s in found.students} == {"12345": "Taro Yamada", "12346": "山田 花子", "12347": "Ken Ito"}
    assert [u.path.rsplit("/", 1)[-1] for u in found.unplaced] == ["grading-notes.txt"]
    staged = {s.id: inputs.stage(s, ONLY, tmp_path / "stage" / s.id) for s in found.students}
    assert staged["12345"].modules == {"activations": "activations.py", "perceptron": "perceptron.py"}
    assert staged["12346"].modules == {"perceptron": "exercises/perceptron.py"}  # her zip, opened
    assert staged["12347"].modules == {"activations": "activations.py", "perceptron": "perceptron.py"}
    assert (tmp_path / "stage" / "12347" / "activations.py").read_text() == KEN["activations.py"]
    assert (tmp_path / "stage" / "12345" / "perceptron.py").read_text() == TARO["perceptron.py"]


def test_canvas_download_late_and_reuploads(tmp_path):
    found = inputs.survey(write_zip(tmp_path / "submissions.zip", canvas_download()))
    assert found.layouts == ["canvas"]
    students = {s.id: s for s in found.students}
    assert set(students) == {"12345", "12346", "12347"}
    assert students["12346"].late and not students["12345"].late
    assert students["12345"].name == "yamadataro"
    staged = inputs.stage(students["12346"], ONLY, tmp_path / "s")
    assert staged.modules == {"perceptron": "perceptron.py"}
    assert (tmp_path / "s" / "perceptron.py").read_text() == HANAKO["perceptron.py"]  # -1 is the later upload
    assert [u.reason for u in found.unplaced] == ["not a student's folder or .zip, nor an LMS file name"]


def test_canvas_names():
    m = lms.canvas("suzukiichiro_LATE_12347_678901_losses-2.ipynb", False)
    assert (m.id, m.name, m.file, m.late, m.repeat) == ("12347", "suzukiichiro", "losses.ipynb", True, 2)
    assert lms.canvas("suzukiichiro_12347_678901_my_losses.py", False).file == "my_losses.py"
    assert lms.canvas("notes.txt", False) is None and lms.canvas("a_1_2_x", True) is None


def test_moodle_names():
    m = lms.moodle("Participant_1234567_assignsubmission_file_losses.py", False)  # blind marking
    assert (m.id, m.name, m.file) == ("1234567", "Participant", "losses.py")
    assert lms.moodle("Taro Yamada_12345_assignsubmission_file_", True).folder
    assert lms.moodle("Taro Yamada_12345_assignsubmission_file_", False) is None  # a file needs a name
    assert lms.moodle("taro_yamada", True) is None


def test_a_class_zip_of_student_folders_and_zips_is_split(tmp_path):
    members = {"alice/exercises/activations.py": solution("activations").encode(),
               "bob/perceptron.py": solution("perceptron").encode(),
               "carol.zip": release_zip({"carol/activations.py": stub("activations")}),
               "README.txt": b"class of 2024"}
    found = inputs.survey(write_zip(tmp_path / "class.zip", members))
    assert [s.id for s in found.students] == ["alice", "bob", "carol"]
    assert [u.path for u in found.unplaced] == ["class.zip!/README.txt"]
    staged = {s.id: inputs.stage(s, ONLY, tmp_path / s.id) for s in found.students}
    assert staged["alice"].modules == {"activations": "exercises/activations.py"}
    assert staged["bob"].modules == {"perceptron": "perceptron.py"}
    assert staged["carol"].modules == {"activations": "carol/activations.py"}


def test_a_moodle_zip_among_student_folders_is_split_not_one_student(tmp_path):
    root = tmp_path / "SUBMISSIONS"
    (root / "dave").mkdir(parents=True)
    (root / "dave" / "activations.py").write_text(solution("activations"))
    write_zip(root / "moodle-download.zip", moodle_download(folders=True))
    found = inputs.survey(root)
    assert [s.id for s in found.students] == ["12345", "12346", "12347", "dave"]
    assert set(found.layouts) == {"folders", "moodle"}


def test_a_download_wrapped_in_one_folder(tmp_path):
    members = {f"Assignment 1-12/{k}": v for k, v in moodle_download(folders=False).items()}
    for found in (inputs.survey(write_zip(tmp_path / "wrapped.zip", members)),
                  inputs.survey(unpack(tmp_path / "unpacked", members))):
        assert [s.id for s in found.students] == ["12345", "12346", "12347"]


def test_pattern_places_any_lms_like_nbgrader_zip_collect(tmp_path):
    members = {"hw1_s001_attempt_2024-04-01-09-00-00_activations.py": solution("activations").encode(),
               "hw1_s002_attempt_2024-04-01-09-05-00_perceptron.ipynb": b"{}",
               "hw1_s002_attempt_2024-04-01-09-05-00.txt": b"comment",
               "index.html": b"<html>"}
    pattern = lms.compile_pattern(r"hw1_(?P<student_id>s\d+)_attempt_[0-9-]+_(?P<file_id>.+)", "--pattern")
    found = inputs.survey(write_zip(tmp_path / "blackboard.zip", members), pattern)
    assert found.layouts == ["pattern"]
    assert [s.id for s in found.students] == ["s001", "s002"]
    assert sorted(u.path.rsplit("/", 1)[-1] for u in found.unplaced) == [
        "hw1_s002_attempt_2024-04-01-09-05-00.txt", "index.html"]
    staged = inputs.stage(found.students[0], ONLY, tmp_path / "s001")
    assert staged.modules == {"activations": "activations.py"}


def test_pattern_from_grading_toml_and_from_the_flag(tmp_path):
    root = unpack(tmp_path / "download", {"x-7001-activations.py": b"a = 1\n", "x-7002-perceptron.py": b"b = 1\n"})
    config = tmp_path / "grading.toml"
    config.write_text(GRADING_TOML.read_text(encoding="utf-8") + '\n[course]\nsubmission_pattern = '
                      "'x-(?P<student_id>\\d+)-(?P<file_id>.+)'\n", encoding="utf-8")
    batch = Batch(Options(submissions=root, out=tmp_path / "g", config=config))
    assert [s.id for s in batch.students] == ["7001", "7002"]
    flag = Batch(Options(submissions=root, out=tmp_path / "g", pattern=r"x-(?P<student_id>\d+)-"))
    assert [s.id for s in flag.students] == ["7001", "7002"]
    with pytest.raises(BatchError, match="student_id"):
        Batch(Options(submissions=root, out=tmp_path / "g", pattern=r"x-(?P<sid>\d+)"))


def test_zip_safety_holds_inside_a_download(tmp_path):
    members = moodle_download(folders=True)
    members["Ken Ito_12347_assignsubmission_file_/../../escaped.py"] = b"x = 1\n"
    members["Taro Yamada_12345_assignsubmission_file_/pad.bin"] = bytes(8 * 2**20)  # ratio far over 100
    path = write_zip(tmp_path / "moodle.zip", members)
    found = inputs.survey(path)
    staged = {s.id: inputs.stage(s, ONLY, tmp_path / s.id) for s in found.students}
    assert "unsafe path" in staged["12347"].submission_error
    assert "zip bomb" in staged["12345"].submission_error
    assert staged["12346"].submission_error is None and staged["12346"].modules == {"perceptron": "exercises/perceptron.py"}
    assert not list(tmp_path.rglob("escaped.py"))


def test_caps_count_per_student_in_a_download(tmp_path, monkeypatch):
    monkeypatch.setattr(submission_files, "MAX_MEMBERS", 5)
    members = moodle_download(folders=True)
    for i in range(6):
        members[f"Ken Ito_12347_assignsubmission_file_/junk/{i}.txt"] = b"x"
    found = inputs.survey(write_zip(tmp_path / "moodle.zip", members))
    staged = {s.id: inputs.stage(s, ONLY, tmp_path / s.id) for s in found.students}
    assert "too many files" in staged["12347"].submission_error
    assert staged["12345"].submission_error is None  # the download as a whole is over the cap; Taro is not


def test_each_student_hash_follows_only_their_own_files(tmp_path):
    members = moodle_download(folders=False)
    first = {s.id: inputs.submission_hash(s) for s in inputs.survey(write_zip(tmp_path / "a.zip", members)).students}
    members["Ken Ito_12347_assignsubmission_file_activations.py"] = solution("activations").encode()
    second = {s.id: inputs.submission_hash(s) for s in inputs.survey(write_zip(tmp_path / "b.zip", members)).students}
    assert first["12345"] == second["12345"] and first["12346"] == second["12346"]
    assert first["12347"] != second["12347"]


# -- grading straight from the zip ----------------------------------------------------------------
@pytest.fixture(scope="module")
def quick_config(tmp_path_factory):
    text = GRADING_TOML.read_text(encoding="utf-8")
    for key, value in {"test_wall_seconds": 5, "test_cpu_seconds": 5, "submission_wall_seconds": 120,
                       "memory_mb": 2048, "max_processes": 32}.items():
        text = re.sub(rf"(?m)^{key}\s*=.*$", f"{key} = {value}", text)
    path = tmp_path_factory.mktemp("cfg") / "grading.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _grade_cli(download, out, config, *extra):
    args = ["grade", str(download), "--out", str(out), "--config", str(config), "--jobs", "1", "--device", "cpu"]
    for module in ONLY:
        args += ["--only", module]
    return main(args + list(extra))


def _book(out):
    with open(out / "gradebook.csv", newline="", encoding="utf-8") as handle:
        return {row["student"]: row for row in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def graded(tmp_path_factory, quick_config):
    """The three downloads, each graded straight from its zip through the command line."""
    base = tmp_path_factory.mktemp("lms")
    runs = {}
    for kind, members in [("moodle-folders", moodle_download(True)), ("moodle-flat", moodle_download(False)),
                          ("canvas", canvas_download())]:
        download = write_zip(base / f"{kind}.zip", members)
        out = base / f"grades-{kind}"
        extra = []
        if kind == "canvas":  # with a roster: one student more, one student fewer
            roster = base / "roster.csv"
            roster.write_text("id,name,email\n12345,Yamada Taro,taro@example.ac.jp\n"
                              "12346,Sato Hanako,hanako@example.ac.jp\n99999,Absent Student,absent@example.ac.jp\n",
                              encoding="utf-8")
            extra = ["--roster", str(roster)]
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            code = _grade_cli(download, out, quick_config, *extra)
        runs[kind] = (code, out, printed.getvalue())
    return runs


@pytest.mark.parametrize("kind", ["moodle-folders", "moodle-flat", "canvas"])
def test_every_student_is_graded_under_their_lms_id_with_their_own_points(graded, kind, quick_config):
    from autograder import config as grading
    cfg = grading.load(quick_config)
    code, out, _ = graded[kind]
    assert code == 0
    book = _book(out)
    full_act, full_per = cfg.exercises["activations"].total, cfg.exercises["perceptron"].total
    assert book["(max)"]["activations"] == f"{full_act:g}" and book["(max)"]["perceptron"] == f"{full_per:g}"
    taro, hanako, ken = book["12345"], book["12346"], book["12347"]
    assert float(taro["activations"]) == full_act and float(taro["perceptron"]) == 0
    assert taro["perceptron_status"] == "not started"
    assert hanako["activations_status"] == "missing" and float(hanako["perceptron"]) == full_per
    assert 0 < float(ken["activations"]) < full_act and 0 < float(ken["perceptron"]) < full_per
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert [u["path"].rsplit("/", 1)[-1] for u in summary["unplaced"]] == ["grading-notes.txt"]
    result = json.loads((out / "12347" / "result.json").read_text(encoding="utf-8"))
    assert result["student"] == "12347" and result["submission"]["kind"] == kind.split("-")[0]


def test_ken_earns_the_same_whatever_the_layout(graded):
    rows = [_book(out)["12347"] for _, out, _ in graded.values()]
    assert len({(r["activations"], r["perceptron"]) for r in rows}) == 1


def test_names_late_and_roster(graded):
    moodle = _book(graded["moodle-flat"][1])
    assert moodle["12346"]["name"] == "山田 花子"
    canvas = _book(graded["canvas"][1])
    assert canvas["12345"]["name"] == "Yamada Taro"               # the roster's name wins
    assert canvas["12346"]["flags"] == "late"
    assert canvas["12347"]["flags"] == "not on roster"
    absent = canvas["99999"]
    assert absent["status"] == "missing" and absent["name"] == "Absent Student" and absent["total"] == "0"
    summary = json.loads((graded["canvas"][1] / "summary.json").read_text(encoding="utf-8"))
    assert summary["roster"]["missing"] == ["99999"] and summary["roster"]["not_on_roster"] == ["12347"]


@pytest.mark.parametrize("kind", ["moodle-folders", "canvas"])
def test_unplaced_files_are_said_loudly_in_the_run(graded, kind):
    printed = graded[kind][2]
    assert "belong to no student" in printed and "grading-notes.txt" in printed


def test_moodle_export_matches_the_download_ids(graded, tmp_path):
    out = graded["moodle-folders"][1]
    target = tmp_path / "moodle.csv"
    assert main(["export", "--format", "moodle", "--out", str(out), "--to", str(target)]) == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    book = _book(out)
    assert {r["Identifier"]: r["Grade"] for r in rows} == {f"Participant {s}": book[s]["total"]
                                                           for s in ("12345", "12346", "12347")}
    assert {r["Maximum Grade"] for r in rows} == {book["(max)"]["total"]}
    assert "activations" in rows[0]["Feedback comments"]


def test_canvas_export_has_points_possible_and_user_ids(graded, tmp_path):
    out = graded["canvas"][1]
    target = tmp_path / "canvas.csv"
    assert main(["export", "--format", "canvas", "--out", str(out), "--to", str(target), "--scale", "100",
                 "--assignment", "Exercises (4321)"]) == 0
    table = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert table[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Exercises (4321)"]
    assert table[1][0] == "Points Possible" and table[1][5] == "100"
    by_id = {row[1]: row for row in table[2:]}
    book = _book(out)
    possible = float(book["(max)"]["total"])
    for student in ("12345", "12346", "12347"):
        assert float(by_id[student][5]) == pytest.approx(float(book[student]["total"]) / possible * 100, abs=0.01)
    absent = next(row for row in table[2:] if row[0] == "Absent Student")
    assert absent[5] == ""   # on the roster, nothing handed in: no grade unless --missing-zero
