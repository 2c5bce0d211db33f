"""Find the students in SUBMISSIONS/ and stage each one's exercise modules.

SUBMISSIONS may be a folder or a ``.zip`` holding one folder or zip per student (named by
the student id), nbgrader's course folder (``submitted/``), or an LMS bulk download,
zipped or unpacked, whose file names say whose each file is (``lms.py``). A file that
no rule places is reported, never dropped in silence.

A student's files are read with ``autograder.submission.files`` (caps, zips, links) and each
module is found there with ``autograder.submission.modules.find``, as ``pytest --submission``
finds it; only the module files (``<module>.py``, notebooks converted) are written into a
clean staging folder, and nothing else of the submission reaches the worker.
"""
from __future__ import annotations

import functools
import hashlib
import os
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..paths import EXERCISES
from ..submission import modules as sources
from ..submission.files import (CORRUPT, Files, InputError, check_member, read_file, read_member,
                                safe_member_name, skipped)
from . import lms

# Caps on a whole class's download (only its listing is read here; each student's caps apply later).
MAX_CLASS_MEMBERS = 200_000
LMS_KINDS = ("moodle", "canvas", "pattern")
STUDENT_ID = re.compile(r"^[^/\\\x00-\x1f]{1,128}$")
RELEASED_STUB = sources.released_stubs(EXERCISES)


@dataclass
class Piece:
    """One thing a student handed in, where it lies."""
    kind: str              # "folder" | "zip" | "file" | "member" | "member-folder"
    path: Path             # the folder or file on disk, or the download zip that holds it
    member: str = ""       # "member": the zip member's name; "member-folder": its folder inside the zip
    name: str = ""         # "file" / "member": its name in the student's work (a .zip is opened)
    repeat: int = 0        # Canvas's "-N" re-upload number (the larger one wins)


@dataclass
class Student:
    id: str
    source: Path           # the folder or zip (for an LMS download: the download)
    kind: str              # "folder" | "zip" | "moodle" | "canvas" | "pattern"
    name: str = ""         # the person's name, where the LMS gives one
    pieces: list[Piece] = field(default_factory=list)
    late: bool = False     # Canvas marked the submission late
    email: str = ""
    problems: list[str] = field(default_factory=list)   # why the whole submission cannot be read

    def __post_init__(self):
        if not self.pieces:
            self.pieces = [Piece("folder" if self.kind == "folder" else "zip", self.source)]


@dataclass
class Unplaced:
    """A file or folder of SUBMISSIONS that belongs to no student."""
    path: str
    reason: str


@dataclass
class Survey:
    students: list[Student]
    unplaced: list[Unplaced]
    layouts: list[str]     # what was recognised: "folders", "zips", "nbgrader", "moodle", "canvas", "pattern"


@dataclass
class Staged:
    student: Student
    folder: Path | None                                         # holds <module>.py files only
    hash: str = ""                                              # sha256 of the submission as received
    modules: dict[str, str] = field(default_factory=dict)       # module -> the file it came from
    module_errors: dict[str, str] = field(default_factory=dict)  # module -> why it cannot be graded
    submission_error: str | None = None                         # why the whole submission cannot be graded


# -- finding students ------------------------------------------------------------
def submissions_root(path: Path) -> Path:
    """nbgrader's course folder holds students under ``submitted/``."""
    return path / "submitted" if (path / "submitted").is_dir() else path


def discover(path: Path, pattern: re.Pattern | None = None) -> list[Student]:
    return survey(path, pattern).students


@dataclass
class _Entry:
    """A top-level entry of a download (a folder on disk or a zip's first path component)."""
    name: str
    is_dir: bool
    piece: Piece           # the entry as one piece (a folder, or a file under its own name)
    label: str             # how the run names it


class _Class:
    """Students being gathered; one id, one student (an LMS's several files are merged)."""

    def __init__(self):
        self.students: dict[str, Student] = {}
        self.unplaced: list[Unplaced] = []
        self.layouts: list[str] = []

    def layout(self, name: str):
        if name not in self.layouts:
            self.layouts.append(name)

    def add(self, student: Student, label: str) -> Student | None:
        if not STUDENT_ID.match(student.id) or student.id in (".", ".."):
            self.unplaced.append(Unplaced(label, f"not usable as a student id: {student.id!r}"))
            return None
        have = self.students.get(student.id)
        if have is None:
            self.students[student.id] = student
            return student
        if have.kind != student.kind or student.kind in ("folder", "zip"):
            # a folder and a zip for one student: the first (the folder) is graded, the other is reported
            self.unplaced.append(Unplaced(label, f"student {student.id!r} is already {have.source.name!r}"))
            return None
        have.name = have.name or student.name
        have.late = have.late or student.late
        have.email = have.email or student.email
        have.problems += student.problems
        for piece in student.pieces:
            same = [p for p in have.pieces if p.name and p.name == piece.name]
            if same and same[0].repeat >= piece.repeat:
                continue
            have.pieces = [p for p in have.pieces if not (p.name and p.name == piece.name)] + [piece]
        return have


def _match_entry(entry: _Entry, source: Path, found: _Class) -> bool:
    """Place an entry by its LMS name; False when it has none."""
    m = lms.builtin(entry.name, entry.is_dir)
    if m is None:
        return False
    piece = entry.piece
    if not m.folder:
        piece = Piece(piece.kind, piece.path, piece.member, m.file, m.repeat)
    found.layout(m.lms)
    found.add(Student(m.id, source, m.lms, name=m.name, pieces=[piece], late=m.late), entry.label)
    return True


def _zip_names(path: Path) -> list[str] | None:
    try:
        with zipfile.ZipFile(path) as archive:
            if len(archive.infolist()) > MAX_CLASS_MEMBERS:
                return None
            return archive.namelist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return None


def _is_download(names) -> bool:
    """Top-level names of which any is a Moodle or Canvas name (after one wrapping folder)."""
    tops: dict[str, bool] = {}
    for raw in names:
        parts = [p for p in raw.replace("\\", "/").split("/") if p not in ("", ".")]
        if parts and not skipped(parts[0]):
            tops[parts[0]] = tops.get(parts[0], False) or len(parts) > 1 or raw.endswith("/")
    if len(tops) == 1 and next(iter(tops.values())):
        inner = [n.replace("\\", "/").split("/", 1)[1] for n in names if "/" in n.replace("\\", "/")]
        return _is_download(inner) if inner != list(names) else False
    return any(lms.builtin(name, is_dir) for name, is_dir in tops.items())


def _folder_entries(root: Path, found: "_Class | None" = None) -> list[_Entry]:
    entries = []
    for entry in sorted(root.iterdir()):
        if skipped(entry.name):
            continue
        if entry.is_symlink():  # could point at another student or the solutions
            if found is not None:
                found.unplaced.append(Unplaced(str(entry), "a symbolic link: not followed"))
            continue
        if entry.is_dir():
            entries.append(_Entry(entry.name, True, Piece("folder", entry), str(entry)))
        elif entry.is_file():
            entries.append(_Entry(entry.name, False, Piece("file", entry, name=entry.name), str(entry)))
    return entries


def _unwrap_folder(root: Path) -> Path:
    """An unpacked download often sits in one folder of its own: look inside when it holds LMS names."""
    entries = _folder_entries(root)
    if len(entries) == 1 and entries[0].is_dir:
        inner = entries[0].piece.path
        if any(lms.builtin(e.name, e.is_dir) for e in _folder_entries(inner)):
            return inner
    return root


def _survey_folder(root: Path, pattern, found: _Class) -> None:
    root = _unwrap_folder(root)
    if pattern is not None:
        found.layout("pattern")
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not skipped(d))
            for name in sorted(filenames):
                full = Path(dirpath, name)
                if skipped(name) or full.is_symlink():
                    continue
                rel = full.relative_to(root).as_posix()
                _place_by_pattern(pattern, rel, Piece("file", full), root, found, str(full))
        return
    for entry in _folder_entries(root, found):
        if _match_entry(entry, root, found):
            continue
        path = entry.piece.path
        if entry.is_dir:
            found.layout("folders")
            found.add(Student(entry.name, path, "folder"), entry.label)
        elif path.suffix.lower() == ".zip":
            names = _zip_names(path)
            if names is not None and _is_download(names):
                _survey_zip(path, pattern, found)     # a class download inside the class: split it
            else:
                found.layout("zips")
                found.add(Student(entry.name[:-4], path, "zip"), entry.label)
        else:
            found.unplaced.append(Unplaced(entry.label, "not a student's folder or .zip, nor an LMS file name"))


def _place_by_pattern(pattern, rel: str, piece: Piece, source: Path, found: _Class, label: str) -> None:
    m = lms.by_pattern(pattern, rel)
    if m is None:
        found.unplaced.append(Unplaced(label, "the file-name pattern does not match"))
        return
    try:
        name = str(safe_member_name(m.file))
    except InputError as exc:
        found.unplaced.append(Unplaced(label, str(exc)))
        return
    piece = Piece(piece.kind, piece.path, piece.member, name)
    found.add(Student(m.id, source, "pattern", name=m.name, pieces=[piece], email=m.email), label)


def _survey_zip(path: Path, pattern, found: _Class) -> None:
    """A whole class in one zip: students from its top-level names; nothing is extracted."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise InputError(f"{path}: zip ファイルが壊れています / corrupt zip archive: {exc}") from None
    if len(infos) > MAX_CLASS_MEMBERS:
        raise InputError(f"{path}: too many files in the download ({len(infos)} > {MAX_CLASS_MEMBERS})")
    members = []      # (parts, info) of the safe names
    unsafe = []       # raw names that escape: they still say whose they are
    for info in infos:
        try:
            rel = safe_member_name(info.filename)
        except InputError as exc:
            unsafe.append((info.filename, str(exc)))
            continue
        if rel.parts and not any(skipped(p) for p in rel.parts[:1]):
            members.append((rel.parts, info))
    prefix: tuple[str, ...] = ()
    tops = {parts[0] for parts, _ in members}
    if len(tops) == 1 and all(len(parts) > 1 or info.is_dir() for parts, info in members):
        inner = {(parts[1], len(parts) > 2 or info.is_dir()) for parts, info in members if len(parts) > 1}
        if any(lms.builtin(name, is_dir) for name, is_dir in inner):
            prefix = (next(iter(tops)),)     # one wrapping folder around an LMS download
    label = lambda name: f"{path.name}!/{name}"  # noqa: E731
    if pattern is not None:
        found.layout("pattern")
        for parts, info in members:
            if info.is_dir() or parts[:len(prefix)] != prefix:
                continue
            rel = "/".join(parts[len(prefix):])
            _place_by_pattern(pattern, rel, Piece("member", path, info.filename), path, found, label(rel))
    else:
        entries: dict[str, _Entry] = {}
        for parts, info in members:
            if parts[:len(prefix)] != prefix or len(parts) == len(prefix):
                continue
            top = parts[len(prefix)]
            inside = len(parts) > len(prefix) + 1 or info.is_dir()
            if inside:
                folder = "/".join(parts[:len(prefix) + 1])
                entries.setdefault(top, _Entry(top, True, Piece("member-folder", path, folder), label(top)))
            elif top not in entries:
                entries[top] = _Entry(top, False, Piece("member", path, info.filename, top), label(top))
        for top in sorted(entries):
            entry = entries[top]
            if _match_entry(entry, path, found):
                continue
            if entry.is_dir:
                found.layout("folders")
                found.add(Student(top, path, "folder", pieces=[entry.piece]), entry.label)
            elif top.lower().endswith(".zip"):
                found.layout("zips")
                found.add(Student(top[:-4], path, "zip", pieces=[entry.piece]), entry.label)
            else:
                found.unplaced.append(Unplaced(entry.label, "not a student's folder or .zip, nor an LMS file name"))
    for raw, why in unsafe:
        first = raw.replace("\\", "/").lstrip("/").split("/")[0]
        m = lms.builtin(first, "/" in raw.replace("\\", "/").lstrip("/"))
        owner = found.students.get(m.id if m else first)
        if owner is not None:
            owner.problems.append(why)    # that student's error, as for a zip of their own
        else:
            found.unplaced.append(Unplaced(label(raw), why))


def survey(path: Path, pattern: re.Pattern | None = None) -> Survey:
    """Every student in SUBMISSIONS (a folder or a zip), and what belongs to none."""
    path = Path(path)
    found = _Class()
    if path.is_file() and path.suffix.lower() == ".zip":
        _survey_zip(path, pattern, found)
    elif path.is_dir():
        root = submissions_root(path)
        if root != path:
            found.layout("nbgrader")
        _survey_folder(root, pattern, found)
    else:
        raise InputError(f"{path}: not a folder or a .zip")
    if "nbgrader" in found.layouts and "folders" in found.layouts:
        found.layouts.remove("folders")
    students = sorted(found.students.values(), key=lambda s: s.id)
    return Survey(students, found.unplaced, found.layouts)


# -- one student's files ------------------------------------------------------------
def student_files(student: Student) -> Files:
    """Everything the student handed in, every piece of it (close it when done)."""
    if student.problems:
        raise InputError(student.problems[0])
    files = Files()
    try:
        downloads: dict[Path, zipfile.ZipFile] = {}

        def download(path: Path) -> zipfile.ZipFile:
            if path not in downloads:
                downloads[path] = files.open_zip(path)
            return downloads[path]

        for piece in student.pieces:
            if piece.kind == "folder":
                files.add_folder(piece.path)
            elif piece.kind == "zip":
                files.add_zip(download(piece.path))
            elif piece.kind == "member-folder":
                files.add_zip(download(piece.path), folder=piece.member)
            elif piece.kind == "member":
                archive = download(piece.path)
                try:
                    info = archive.getinfo(piece.member)
                except KeyError:
                    raise InputError(f"{CORRUPT}: no member {piece.member!r}") from None
                check_member(info)
                files.add_file(piece.name, info.file_size, functools.partial(read_member, archive, info),
                               in_zip=True)
            elif piece.kind == "file":
                info = piece.path.lstat()
                if stat.S_ISREG(info.st_mode):
                    files.add_file(piece.name, info.st_size, functools.partial(read_file, piece.path),
                                   in_zip=False)
            else:
                raise ValueError(piece.kind)
        if student.kind in LMS_KINDS:
            # A zip uploaded to the LMS is the student's work, wherever the download put it.
            for rel in [r for r in files if len(r.parts) == 1 and r.suffix.lower() == ".zip"]:
                reader = files.readers.pop(rel)
                files.add_zip(files.open_zip(reader()))
    except BaseException:
        files.close()
        raise
    return files


def submission_hash(student: Student) -> str:
    """sha256 of the submission as received: a student's own zip by its bytes, anything else
    (a folder, an LMS download's files) by every file's name and content."""
    digest = hashlib.sha256()
    if student.kind == "zip" and [p.kind for p in student.pieces] == ["zip"]:
        with open(student.source, "rb") as handle:
            while chunk := handle.read(2**20):
                digest.update(chunk)
        return "sha256:" + digest.hexdigest()
    try:
        files = student_files(student)
    except (InputError, OSError) as exc:
        digest.update(str(exc).encode())
        return "sha256:" + digest.hexdigest()
    with files:
        for rel in sorted(files, key=str):
            digest.update(str(rel).encode() + b"\0")
            try:
                digest.update(hashlib.sha256(files.read(rel)).digest())
            except (OSError, InputError) as exc:
                digest.update(str(exc).encode())
    return "sha256:" + digest.hexdigest()


def stage(student: Student, modules: list[str], dest: Path, known: list[str] | None = None) -> Staged:
    """Write the student's ``modules`` (as ``sources.find`` chooses them) into ``dest`` as
    ``<module>.py``.

    ``known`` (all the kit's exercises) decides whether the submission holds
    any exercise at all: with ``--only`` a student may lack just that one."""
    staged = Staged(student, None, hash=submission_hash(student))
    try:
        with student_files(student) as files:
            dest.mkdir(parents=True, exist_ok=True)
            for module in modules:
                found = sources.find(files, module, RELEASED_STUB)
                if found is None:
                    continue
                staged.modules[module] = str(found.path)
                if found.error:
                    staged.module_errors[module] = found.error
                    continue
                (dest / f"{module}.py").write_text(found.text, encoding="utf-8")
            staged.folder = dest
            if not staged.modules and not any(sources.candidates(files, m) for m in (known or [])):
                staged.submission_error = ("提出物に課題のファイルがありません / no exercise files found "
                                           f"(expected e.g. {modules[0]}.py or {modules[0]}.ipynb)" if modules
                                           else "nothing to grade")
    except InputError as exc:
        staged.submission_error = str(exc)
    except OSError as exc:
        staged.submission_error = f"提出物を読めません / cannot read the submission: {exc}"
    return staged
