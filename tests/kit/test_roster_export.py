"""The roster (ours, Moodle's worksheet, Canvas's gradebook export) and the LMS import files,
from results as `autograder grade` leaves them."""
import csv
import io

import pytest

from autograder.grade import roster
from autograder.report import lms_export


def test_a_plain_roster(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("ID,Name,E-mail\ns001,山田 太郎,taro@example.ac.jp\ns002,,\n", encoding="utf-8")
    people = roster.read(path)
    assert list(people) == ["s001", "s002"]
    assert (people["s001"].name, people["s001"].email, people["s001"].lms) == ("山田 太郎", "taro@example.ac.jp", "")


def test_a_shift_jis_roster_from_excel(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_bytes("id,name\ns001,鈴木 一郎\n".encode("cp932"))
    assert roster.read(path)["s001"].name == "鈴木 一郎"


def test_moodles_grading_worksheet_is_a_roster(tmp_path):
    path = tmp_path / "worksheet.csv"
    path.write_text('\ufeff"Identifier","Full name","Email address","Status","Grade","Maximum Grade"\n'
                    '"Participant 12345","Taro Yamada","taro@example.ac.jp","No submission","","100.00"\n',
                    encoding="utf-8")
    person = roster.read(path)["12345"]
    assert (person.name, person.email, person.lms) == ("Taro Yamada", "taro@example.ac.jp", "moodle")


def test_canvas_gradebook_export_is_a_roster(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("Student,ID,SIS User ID,SIS Login ID,Section,HW1 (123456)\n"
                    "    Points Possible,,,,,10.00\n"
                    '"Suzuki, Ichiro",12347,S001,suzuki,DL 2024,\n', encoding="utf-8")
    people = roster.read(path)
    assert list(people) == ["12347"]
    person = people["12347"]
    assert (person.name, person.lms, person.extra["SIS User ID"], person.extra["Section"]) == \
        ("Suzuki, Ichiro", "canvas", "S001", "DL 2024")


@pytest.mark.parametrize("text, words", [("name,email\na,b\n", "needs an id column"),
                                         ("id,name\ns1,a\ns1,b\n", "appears twice"),
                                         ("id,name\n", "lists nobody")])
def test_bad_rosters_are_clear_errors(tmp_path, text, words):
    path = tmp_path / "r.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(roster.RosterError, match=words):
        roster.read(path)


def _results():
    def result(student, total, status="graded", error=None, act="graded"):
        exercises = {} if error else {
            "activations": {"status": act, "points": 14.0 if act == "graded" else None, "possible": 14.0},
            "losses": {"status": "graded", "points": total - (14.0 if act == "graded" else 0), "possible": 21.0}}
        return {"student": student, "status": status, "error": error, "total": total, "exercises": exercises}
    summary = {"exercises": ["activations", "losses"], "maxima": {"activations": 14.0, "losses": 21.0},
               "possible": 35.0, "roster": {"missing": ["55555"]},
               "people": {"12345": {"name": "Taro", "email": "t@x.jp", "lms": "moodle"},
                          "2024001": {"name": "Folder Student", "lms": "folder"},
                          "bad": {"lms": "zip"},
                          "late": {"name": "Later", "lms": "folder"},
                          "55555": {"name": "Absent", "lms": "moodle"}}}
    results = {"12345": result("12345", 35.0), "2024001": result("2024001", 28.0),
               "bad": result("bad", 0.0, status="error: corrupt zip", error="corrupt zip"),
               "late": result("late", 10.0, status="partial", act="error: syntax")}
    return summary, results


def test_moodle_worksheet_rows():
    summary, results = _results()
    made = lms_export.export("moodle", summary, results, scale=100)
    rows = {r["Full name"] or r["Identifier"]: r for r in csv.DictReader(io.StringIO(made.text))}
    assert list(next(csv.reader(io.StringIO(made.text)))) == lms_export.MOODLE_COLUMNS
    assert rows["Taro"]["Identifier"] == "Participant 12345" and rows["Taro"]["Grade"] == "100"
    assert rows["Taro"]["Maximum Grade"] == "100" and rows["Taro"]["Email address"] == "t@x.jp"
    assert rows["Folder Student"]["Identifier"] == ""        # a folder named by a number is not a Moodle id
    assert rows["Folder Student"]["Grade"] == "80"
    assert rows["Absent"]["Identifier"] == "Participant 55555" and rows["Absent"]["Grade"] == ""
    assert rows[""]["Grade"] == ""                             # the corrupt zip: no grade, never 0
    assert float(rows["Later"]["Grade"]) == pytest.approx(10 / 35 * 100, abs=0.01)
    assert "activations error" in rows["Later"]["Feedback comments"]
    assert any(line.startswith("bad:") for line in made.no_grade)
    assert any(line.startswith("late:") for line in made.incomplete)
    assert "2024001" in made.unmatched


def test_canvas_rows_and_missing_zero():
    summary, results = _results()
    made = lms_export.export("canvas", summary, results, missing_zero=True, assignment="HW1 (9)")
    table = list(csv.reader(io.StringIO(made.text)))
    assert table[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "HW1 (9)"]
    assert table[1] == ["Points Possible", "", "", "", "", "35"]
    by_name = {row[0]: row for row in table[2:]}
    assert by_name["Absent"][5] == "0"                         # --missing-zero
    assert by_name["Folder Student"][1:4] == ["", "", "2024001"]   # matched by SIS login id
    assert by_name["Taro"][5] == "35"
