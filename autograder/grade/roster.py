"""The class list (``--roster roster.csv``): who should have handed something in.

A CSV with a header row and at least an id column; name and email are optional. The
column names of the LMSs' own exports are understood too, so a course can pass what it
already has: Moodle's grading worksheet ("Identifier" = "Participant 12345", "Full name",
"Email address") or Canvas's gradebook export ("Student", "ID", "SIS User ID",
"SIS Login ID", "Section"; its "Points Possible" row is skipped). Other columns are kept
for the LMS export (Canvas's SIS ids and section).
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

ID_COLUMNS = ("id", "student_id", "student id", "identifier", "participant", "login", "username")
NAME_COLUMNS = ("name", "full name", "fullname", "student", "student name")
EMAIL_COLUMNS = ("email", "email address", "e-mail", "mail")
MOODLE_PARTICIPANT = ("Participant ", "参加者 ")


class RosterError(ValueError):
    pass


@dataclass
class Person:
    id: str
    name: str = ""
    email: str = ""
    extra: dict = field(default_factory=dict)   # the roster's other columns, as written
    lms: str = ""                               # "moodle" / "canvas" when the id is that LMS's own


def _column(header: list[str], names: tuple[str, ...]) -> str | None:
    lowered = {h.strip().lower(): h for h in header}
    for name in names:
        if name in lowered:
            return lowered[name]
    return None


def _id(value: str) -> tuple[str, bool]:
    """(the id, whether it was Moodle's "Participant N")."""
    value = value.strip()
    for prefix in MOODLE_PARTICIPANT:
        if value.startswith(prefix) and value[len(prefix):].strip().isdigit():
            return value[len(prefix):].strip(), True
    return value, False


def read(path: Path) -> dict[str, Person]:
    """id -> person, in the roster's order."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RosterError(f"{path}: cannot read the roster: {exc}") from None
    for encoding in ("utf-8-sig", "cp932"):  # Excel in Japan saves Shift_JIS
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise RosterError(f"{path}: the roster is not UTF-8 or Shift_JIS text")
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0] if text.strip() else ",", delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = reader.fieldnames or []
    id_col = _column(header, ID_COLUMNS)
    if id_col is None:
        raise RosterError(f"{path}: the roster needs an id column (one of {', '.join(ID_COLUMNS)}); "
                          f"its columns are {header}")
    name_col, email_col = _column(header, NAME_COLUMNS), _column(header, EMAIL_COLUMNS)
    canvas = id_col.strip() == "ID" and any(h.strip() in ("SIS User ID", "SIS Login ID") for h in header)
    people: dict[str, Person] = {}
    for line, row in enumerate(reader, start=2):
        first = (row.get(header[0]) or "").strip().lower()
        if first in ("points possible", "満点"):  # Canvas's second row
            continue
        student, participant = _id(row.get(id_col) or "")
        if not student:
            continue
        if student in people:
            raise RosterError(f"{path}, line {line}: id {student!r} appears twice")
        people[student] = Person(student, (row.get(name_col) or "").strip() if name_col else "",
                                 (row.get(email_col) or "").strip() if email_col else "",
                                 {k: v for k, v in row.items() if k not in (id_col, name_col, email_col) and k},
                                 "moodle" if participant else ("canvas" if canvas else ""))
    if not people:
        raise RosterError(f"{path}: the roster lists nobody")
    return people
