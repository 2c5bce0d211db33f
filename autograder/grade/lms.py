"""Who handed in a file, read from the name an LMS gave it in a bulk download.

- Moodle ("Download all submissions"): ``Full Name_ID_assignsubmission_file_/<file>`` with
  "download submissions in folders", ``Full Name_ID_assignsubmission_file_<file>`` without.
  ID is Moodle's participant id for the assignment, the number its grading worksheet calls
  "Participant ID". Moodle writes underscores in names as spaces; with blind marking the
  name is "Participant".
- Canvas ("Download Submissions"): ``login[_LATE]_USERID_ATTACHMENTID_<file>``, where login
  is the sortable name in lower case and USERID the Canvas user id of the gradebook's "ID"
  column. A file uploaded again under the same name becomes ``<stem>-1.<ext>``, ``-2`` …
- Anything else: a regular expression with named groups, as nbgrader's ``zip_collect`` takes:
  ``student_id`` (required), ``file_id`` (the file's name in the student's work; the base
  name when absent), and optionally ``name``, ``first_name``, ``last_name``, ``email``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

MOODLE_FOLDER = re.compile(r"^(?P<name>[^_/]*)_(?P<id>\d+)_assignsubmission_(?P<plugin>[a-z]+)_$")
MOODLE_FILE = re.compile(r"^(?P<name>[^_/]*)_(?P<id>\d+)_assignsubmission_(?P<plugin>[a-z]+)_(?P<file>[^/]+)$")
CANVAS_FILE = re.compile(r"^(?P<name>[^_/]*?)(?P<late>_LATE)?_(?P<id>\d+)_(?P<attachment>\d+)_(?P<file>[^/]+)$")
# Canvas renames a repeated upload "losses.py" to "losses-1.py"; only the kit's own suffixes are undone.
CANVAS_REPEAT = re.compile(r"^(?P<stem>.+?)-(?P<n>\d+)(?P<ext>\.(?:py|ipynb|zip))$", re.IGNORECASE)

PATTERN_GROUPS = {"student_id", "file_id", "name", "first_name", "last_name", "email", "timestamp"}


@dataclass(frozen=True)
class Match:
    """One top-level entry placed: whose it is and what it is called in their work."""
    lms: str               # "moodle" | "canvas" | "pattern"
    id: str
    name: str = ""
    file: str = ""         # the file's name without the LMS's prefix ("" for a whole folder)
    folder: bool = False   # the entry is the student's folder
    late: bool = False
    repeat: int = 0        # Canvas's -N suffix: the larger, the later the upload
    email: str = ""


def moodle(name: str, is_dir: bool) -> Match | None:
    if is_dir:
        m = MOODLE_FOLDER.match(name)
        return Match("moodle", m["id"], m["name"].strip(), folder=True) if m else None
    m = MOODLE_FILE.match(name)
    return Match("moodle", m["id"], m["name"].strip(), file=m["file"]) if m else None


def canvas(name: str, is_dir: bool) -> Match | None:
    if is_dir:
        return None
    m = CANVAS_FILE.match(name)
    if not m:
        return None
    file, repeat = m["file"], 0
    again = CANVAS_REPEAT.match(file)
    if again:
        file, repeat = again["stem"] + again["ext"], int(again["n"])
    return Match("canvas", m["id"], m["name"], file=file, late=bool(m["late"]), repeat=repeat)


def builtin(name: str, is_dir: bool) -> Match | None:
    """Moodle's or Canvas's name for a top-level entry of a download, else None."""
    return moodle(name, is_dir) or canvas(name, is_dir)


class PatternError(ValueError):
    pass


def compile_pattern(pattern: str, where: str) -> re.Pattern:
    """The instructor's pattern, checked: it compiles and names ``student_id``."""
    try:
        regex = re.compile(pattern)
    except re.error as exc:
        raise PatternError(f"{where}: not a valid regular expression: {exc}") from None
    groups = set(regex.groupindex)
    if "student_id" not in groups:
        raise PatternError(f"{where}: the pattern needs a named group (?P<student_id>...)")
    unknown = groups - PATTERN_GROUPS
    if unknown:
        raise PatternError(f"{where}: unknown group name(s) {sorted(unknown)}; known: {sorted(PATTERN_GROUPS)}")
    return regex


def by_pattern(regex: re.Pattern, path: str) -> Match | None:
    """``path`` (relative to the download, with ``/``) placed by the instructor's pattern."""
    m = regex.match(path)
    if not m or not m["student_id"]:
        return None
    groups = {k: (v or "") for k, v in m.groupdict().items()}
    name = groups.get("name") or " ".join(p for p in (groups.get("first_name"), groups.get("last_name")) if p)
    file = groups.get("file_id") or path.rsplit("/", 1)[-1]
    return Match("pattern", groups["student_id"], name.strip(), file=file, email=groups.get("email", ""))
