"""Who is in the class: the students found in SUBMISSIONS, the roster, and what belongs to no one.

What the gradebook, summary.json, the class report and the LMS export say about people
(names, emails, LMS ids, late, on the roster or not) comes from here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import inputs, roster


@dataclass
class ClassList:
    people: dict[str, dict]                 # id -> name, email, lms, late, on_roster (None without a roster), extra
    missing: list[str] = field(default_factory=list)          # on the roster, nothing handed in
    not_on_roster: list[str] = field(default_factory=list)    # handed in, not on the roster
    unplaced: list[inputs.Unplaced] = field(default_factory=list)
    layouts: list[str] = field(default_factory=list)
    roster_file: str | None = None

    def summary(self) -> dict:
        return {
            "layouts": self.layouts,
            "unplaced": [{"path": u.path, "reason": u.reason} for u in self.unplaced],
            "roster": None if self.roster_file is None else {
                "file": self.roster_file, "missing": self.missing, "not_on_roster": self.not_on_roster},
            "people": self.people,
        }


def build(found: inputs.Survey, roster_path: Path | None = None) -> ClassList:
    """RosterError when the roster cannot be read."""
    listed = roster.read(roster_path) if roster_path else None
    people = {}
    for student in found.students:
        person = listed.get(student.id) if listed else None
        people[student.id] = {
            "name": (person.name if person and person.name else student.name),
            "email": (person.email if person and person.email else student.email),
            "lms": student.kind, "late": student.late,
            "on_roster": None if listed is None else person is not None,
            "extra": person.extra if person else {},
        }
    missing, not_on_roster = [], []
    if listed is not None:
        for pid, person in listed.items():
            if pid not in people:
                missing.append(pid)
                people[pid] = {"name": person.name, "email": person.email, "lms": person.lms, "late": False,
                               "on_roster": True, "extra": person.extra}
        not_on_roster = [s.id for s in found.students if s.id not in listed]
    return ClassList(people, missing, not_on_roster, list(found.unplaced), list(found.layouts),
                     str(roster_path) if roster_path else None)
