"""Submissions are read safely: zip names, links, sizes, ratios, corrupt archives,
symlinked files in folders, and the layouts students really hand in."""
import json
import os
import stat
import zipfile

import pytest

from autograder.grade import inputs
from autograder.submission import files as submission_files


def make_zip(path, members, *, symlink=None):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink[0])
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, symlink[1])
    return inputs.Student(path.stem, path, "zip")


GOOD = b"def sigmoid(x):\n    return x\n"


@pytest.mark.parametrize("name", ["../evil.py", "a/../../evil.py", "/etc/evil.py", "C:/evil.py", "..\\evil.py",
                                  "ok/..\\..\\evil.py"])
def test_escaping_names_are_refused(name):
    with pytest.raises(inputs.InputError, match="unsafe path"):
        inputs.safe_member_name(name)


@pytest.mark.parametrize("name", ["activations.py", "./exercises/activations.py", "a/b/c.ipynb"])
def test_ordinary_names_pass(name):
    assert ".." not in inputs.safe_member_name(name).parts


def test_zip_slip_is_an_error_and_writes_nothing(tmp_path):
    student = make_zip(tmp_path / "s1.zip", {"activations.py": GOOD, "../../escaped.py": b"x = 1\n"})
    staged = inputs.stage(student, ["activations"], tmp_path / "out" / "stage")
    assert staged.submission_error and "unsafe path" in staged.submission_error
    assert not list(tmp_path.rglob("escaped.py"))


def test_links_in_zip_are_refused(tmp_path):
    student = make_zip(tmp_path / "s2.zip", {"x.txt": b"1"}, symlink=("activations.py", "/etc/passwd"))
    staged = inputs.stage(student, ["activations"], tmp_path / "stage")
    assert staged.submission_error and "link" in staged.submission_error


def test_zip_bomb_by_ratio_is_refused(tmp_path):
    student = make_zip(tmp_path / "s3.zip", {"activations.py": GOOD, "pad.bin": bytes(8 * 2**20)})
    staged = inputs.stage(student, ["activations"], tmp_path / "stage")
    assert staged.submission_error and "zip bomb" in staged.submission_error


def test_total_size_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(submission_files, "MAX_TOTAL_BYTES", 1000)
    student = make_zip(tmp_path / "s4.zip", {"activations.py": GOOD, "b.txt": os.urandom(2000)})
    assert "too much data" in inputs.stage(student, ["activations"], tmp_path / "stage").submission_error


def test_member_count_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(submission_files, "MAX_MEMBERS", 5)
    student = make_zip(tmp_path / "s5.zip", {f"f{i}.txt": b"x" for i in range(6)})
    assert "too many files" in inputs.stage(student, ["activations"], tmp_path / "stage").submission_error


def test_member_larger_than_its_header_says_is_refused(tmp_path):
    path = tmp_path / "s6.zip"
    make_zip(path, {"activations.py": GOOD})
    # Forge the central directory's uncompressed size down to 5 bytes.
    data = bytearray(path.read_bytes())
    central = data.rfind(b"PK\x01\x02")
    data[central + 24:central + 28] = (5).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    staged = inputs.stage(inputs.Student("s6", path, "zip"), ["activations"], tmp_path / "stage")
    assert staged.submission_error and ("larger than declared" in staged.submission_error or "corrupt" in staged.submission_error)


@pytest.mark.parametrize("payload", [b"", b"PK\x03\x04garbage", b"not a zip at all"])
def test_corrupt_zip_is_a_clear_error(tmp_path, payload):
    path = tmp_path / "bad.zip"
    path.write_bytes(payload)
    staged = inputs.stage(inputs.Student("bad", path, "zip"), ["activations"], tmp_path / "stage")
    assert staged.submission_error and "corrupt zip" in staged.submission_error


def test_truncated_zip_is_a_clear_error(tmp_path):
    path = tmp_path / "t.zip"
    make_zip(path, {"activations.py": GOOD * 200})
    path.write_bytes(path.read_bytes()[:-30])
    staged = inputs.stage(inputs.Student("t", path, "zip"), ["activations"], tmp_path / "stage")
    assert staged.submission_error and "corrupt zip" in staged.submission_error


def test_only_module_files_are_staged(tmp_path):
    student = make_zip(tmp_path / "alice.zip", {"alice/exercises/activations.py": GOOD, "alice/notes.txt": b"hi",
                                                "alice/exercises/test_activations.py": b"cheat"})
    staged = inputs.stage(student, ["activations", "perceptron"], tmp_path / "stage")
    assert staged.submission_error is None
    assert sorted(p.name for p in (tmp_path / "stage").iterdir()) == ["activations.py"]
    assert staged.modules == {"activations": "alice/exercises/activations.py"}


def test_symlinked_module_in_a_folder_is_not_followed(tmp_path):
    secret = tmp_path / "solutions.py"
    secret.write_text("def sigmoid(x):\n    return 'SECRET'\n")
    folder = tmp_path / "class" / "mallory"
    folder.mkdir(parents=True)
    (folder / "activations.py").symlink_to(secret)
    staged = inputs.stage(inputs.Student("mallory", folder, "folder"), ["activations"], tmp_path / "stage",
                          known=["activations"])
    assert "activations" not in staged.modules and staged.submission_error
    assert not (tmp_path / "stage" / "activations.py").exists()


def test_notebook_becomes_a_module_and_broken_json_is_an_exercise_error(tmp_path):
    folder = tmp_path / "bob"
    folder.mkdir()
    nb = {"cells": [{"cell_type": "markdown", "source": "# hi"},
                    {"cell_type": "code", "source": ["%matplotlib inline\n", "def relu(x):\n", "    return x\n"]}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (folder / "activations.ipynb").write_text(json.dumps(nb))
    (folder / "perceptron.ipynb").write_text('{"cells": [')
    staged = inputs.stage(inputs.Student("bob", folder, "folder"), ["activations", "perceptron"], tmp_path / "s")
    assert staged.submission_error is None
    assert "def relu" in (tmp_path / "s" / "activations.py").read_text()
    assert "not valid JSON" in staged.module_errors["perceptron"]


def test_syntax_error_only_affects_its_exercise(tmp_path):
    folder = tmp_path / "carol"
    folder.mkdir()
    (folder / "activations.py").write_text("def relu(x)\n    return x\n")
    (folder / "perceptron.py").write_text("def AND(a, b):\n    return 0\n")
    staged = inputs.stage(inputs.Student("carol", folder, "folder"), ["activations", "perceptron"], tmp_path / "s")
    assert "syntax error" in staged.module_errors["activations"] and "line 1" in staged.module_errors["activations"]
    assert (tmp_path / "s" / "perceptron.py").exists()


def test_shift_jis_source_is_read(tmp_path):
    folder = tmp_path / "dan"
    folder.mkdir()
    (folder / "activations.py").write_bytes("# 活性化関数\ndef relu(x):\n    return x\n".encode("cp932"))
    staged = inputs.stage(inputs.Student("dan", folder, "folder"), ["activations"], tmp_path / "s")
    assert staged.submission_error is None and "活性化関数" in (tmp_path / "s" / "activations.py").read_text("utf-8")


def test_no_exercise_files_is_an_error(tmp_path):
    folder = tmp_path / "erin"
    folder.mkdir()
    (folder / "README.txt").write_text("I forgot")
    staged = inputs.stage(inputs.Student("erin", folder, "folder"), ["activations"], tmp_path / "s",
                          known=["activations", "perceptron"])
    assert staged.submission_error and "no exercise files" in staged.submission_error


def test_nbgrader_layout_and_discovery(tmp_path):
    course = tmp_path / "course"
    (course / "submitted" / "s001" / "ps1").mkdir(parents=True)
    (course / "submitted" / "s001" / "ps1" / "activations.py").write_text("x = 1\n")
    (course / "submitted" / ".hidden").mkdir()
    found = inputs.discover(course)
    assert [s.id for s in found] == ["s001"]
    staged = inputs.stage(found[0], ["activations"], tmp_path / "s")
    assert staged.modules == {"activations": "ps1/activations.py"}


def test_submission_hash_follows_content(tmp_path):
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "activations.py").write_text("a = 1\n")
    student = inputs.Student("f", folder, "folder")
    first = inputs.submission_hash(student)
    assert inputs.submission_hash(student) == first
    (folder / "activations.py").write_text("a = 2\n")
    assert inputs.submission_hash(student) != first


def _notebook(code):
    return json.dumps({"cells": [{"cell_type": "code", "source": code, "metadata": {}}],
                       "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def test_a_whole_release_is_graded_from_the_file_the_student_worked_in(tmp_path):
    from autograder.paths import EXERCISES
    stub = (EXERCISES / "activations.py").read_bytes()
    notebook_work = make_zip(tmp_path / "dan.zip", {"release/exercises/activations.py": stub,
                                                    "release/notebooks/activations.ipynb": _notebook(GOOD.decode())})
    staged = inputs.stage(notebook_work, ["activations"], tmp_path / "a")
    assert staged.modules == {"activations": "release/notebooks/activations.ipynb"}
    assert (tmp_path / "a" / "activations.py").read_text().strip() == GOOD.decode().strip()

    module_work = make_zip(tmp_path / "eve.zip", {"release/exercises/activations.py": GOOD,
                                                  "release/notebooks/activations.ipynb": _notebook("raise NotImplementedError\n")})
    staged = inputs.stage(module_work, ["activations"], tmp_path / "b")
    assert staged.modules == {"activations": "release/exercises/activations.py"}

    untouched = make_zip(tmp_path / "fay.zip", {"release/exercises/activations.py": stub.replace(b"\n", b"\r\n")})
    staged = inputs.stage(untouched, ["activations"], tmp_path / "c")
    assert staged.modules == {"activations": "release/exercises/activations.py"} and not staged.module_errors

    broken_notebook = make_zip(tmp_path / "gil.zip", {"release/exercises/activations.py": stub,
                                                      "release/notebooks/activations.ipynb": b'{"cells": ['})
    staged = inputs.stage(broken_notebook, ["activations"], tmp_path / "d")
    assert "not valid JSON" in staged.module_errors["activations"]
