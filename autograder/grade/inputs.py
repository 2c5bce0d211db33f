"""Find the students in SUBMISSIONS/ and stage each one's exercise modules.

SUBMISSIONS may be a folder or a ``.zip`` holding one folder or zip per student (named by
the student id), nbgrader's course folder (``submitted/``), or an LMS bulk download,
zipped or unpacked, whose file names say whose each file is (``lms.py``). A file that
no rule places is reported, never dropped in silence.

Only the module files (``<module>.py``, or ``<module>.ipynb`` whose code cells become the
module) are copied into a clean staging folder; nothing else of the submission reaches the
worker. Zips are never extracted as a whole: names are checked, sizes are capped, and only
the module members are read, in capped chunks.
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import os
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..bridge.sources import SubmissionSourceError, notebook_code
from ..paths import EXERCISES
from . import lms

# Caps on what one submission may hold (zip and folder alike).
MAX_MEMBERS = 2000
MAX_TOTAL_BYTES = 64 * 2**20
MAX_FILE_BYTES = 16 * 2**20
MAX_RATIO = 100            # compression ratio allowed for members over RATIO_FLOOR bytes
RATIO_FLOOR = 2**20
MAX_DEPTH = 4              # folders below the student's root that are searched
# Caps on a whole class's download (only its listing is read here; each student's caps apply later).
MAX_CLASS_MEMBERS = 200_000
SKIP_DIRS = {"__MACOSX", ".ipynb_checkpoints", "__pycache__", ".git"}
LMS_KINDS = ("moodle", "canvas", "pattern")
STUDENT_ID = re.compile(r"^[^/\\\x00-\x1f]{1,128}$")


class InputError(Exception):
    """The submission as a whole cannot be graded (the reason is shown to the student)."""


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
    errors: dict[str, str] = field(default_factory=dict)        # module -> why it cannot be graded
    error: str | None = None                                    # the whole submission cannot be graded


# -- finding students ------------------------------------------------------------
def submissions_root(path: Path) -> Path:
    """nbgrader's course folder holds students under ``submitted/``."""
    return path / "submitted" if (path / "submitted").is_dir() else path


def discover(path: Path, pattern: re.Pattern | None = None) -> list[Student]:
    return survey(path, pattern).students


def _skipped(name: str) -> bool:
    return name.startswith(".") or name in SKIP_DIRS


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
        if parts and not _skipped(parts[0]):
            tops[parts[0]] = tops.get(parts[0], False) or len(parts) > 1 or raw.endswith("/")
    if len(tops) == 1 and next(iter(tops.values())):
        inner = [n.replace("\\", "/").split("/", 1)[1] for n in names if "/" in n.replace("\\", "/")]
        return _is_download(inner) if inner != list(names) else False
    return any(lms.builtin(name, is_dir) for name, is_dir in tops.items())


def _folder_entries(root: Path, found: "_Class | None" = None) -> list[_Entry]:
    entries = []
    for entry in sorted(root.iterdir()):
        if _skipped(entry.name):
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
            dirnames[:] = sorted(d for d in dirnames if not _skipped(d))
            for name in sorted(filenames):
                full = Path(dirpath, name)
                if _skipped(name) or full.is_symlink():
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
        if rel.parts and not any(_skipped(p) for p in rel.parts[:1]):
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


# -- reading a submission's files safely --------------------------------------------
def safe_member_name(name: str) -> PurePosixPath:
    """The member's relative path; InputError for absolute, drive-letter or escaping names."""
    clean = name.replace("\\", "/")
    if not clean or clean.startswith("/") or re.match(r"^[A-Za-z]:", clean) or "\x00" in clean:
        raise InputError(f"zip の中に危険なパスがあります / unsafe path in zip: {name!r}")
    parts = [p for p in clean.split("/") if p not in ("", ".")]
    if any(p == ".." for p in parts):
        raise InputError(f"zip の中に危険なパスがあります / unsafe path in zip: {name!r}")
    return PurePosixPath(*parts) if parts else PurePosixPath(".")


_CORRUPT = "zip ファイルが壊れています / corrupt zip archive"


class _Tree:
    """Relative path -> reader of one student's work, with every cap checked as it is built."""

    def __init__(self):
        self.files: dict[PurePosixPath, object] = {}
        self.count = 0
        self.total = 0

    def read(self, path: PurePosixPath) -> bytes:
        return self.files[path]()

    def add(self, rel: PurePosixPath, size: int, reader, in_zip: bool) -> None:
        self.count += 1
        if self.count > MAX_MEMBERS:
            raise InputError(f"zip のファイル数が多すぎます / too many files in zip ({self.count} > {MAX_MEMBERS})"
                             if in_zip else f"ファイル数が多すぎます / too many files ({MAX_MEMBERS} max)")
        self.total += size
        if in_zip and (size > MAX_FILE_BYTES or self.total > MAX_TOTAL_BYTES):
            raise InputError(f"zip の展開後サイズが大きすぎます / zip unpacks to too much data "
                             f"(cap {MAX_TOTAL_BYTES // 2**20} MiB, {MAX_FILE_BYTES // 2**20} MiB per file)")
        if not in_zip and self.total > MAX_TOTAL_BYTES:
            raise InputError(f"提出物が大きすぎます / submission too large ({MAX_TOTAL_BYTES // 2**20} MiB max)")
        self.files[rel] = reader


def _open_zip(source) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise InputError(f"{_CORRUPT}: {exc}") from None


def _check_member(info: zipfile.ZipInfo) -> None:
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise InputError(f"zip にリンクがあります / links are not allowed in zip: {info.filename!r}")
    if info.flag_bits & 0x1:
        raise InputError(f"暗号化された zip は採点できません / encrypted zip member: {info.filename!r}")
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise InputError(f"zip の圧縮率が異常です(zip 爆弾) / suspicious compression ratio (zip bomb): "
                         f"{info.filename!r}")


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    # Headers can lie: stop reading at the declared size, whatever the stream says.
    chunks, size = [], 0
    try:
        with archive.open(info) as handle:
            while chunk := handle.read(65536):
                size += len(chunk)
                if size > info.file_size or size > MAX_FILE_BYTES:
                    raise InputError(f"zip のメンバーが宣言より大きい / zip member larger than declared: "
                                     f"{info.filename!r}")
                chunks.append(chunk)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise InputError(f"{_CORRUPT}: {exc}") from None
    return b"".join(chunks)


def _add_zip(tree: _Tree, archive: zipfile.ZipFile, folder: str | None = None) -> None:
    """Every member of ``archive`` (or of its ``folder``, which is then cut off the names)."""
    try:
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise InputError(f"{_CORRUPT}: {exc}") from None
    if folder is None and len(infos) > MAX_MEMBERS:
        raise InputError(f"zip のファイル数が多すぎます / too many files in zip ({len(infos)} > {MAX_MEMBERS})")
    cut = PurePosixPath(folder).parts if folder else ()
    for info in infos:
        if folder is not None:
            try:
                rel = safe_member_name(info.filename)
            except InputError:
                continue          # another student's member (the survey reported escaping names)
            if rel.parts[:len(cut)] != cut:
                continue
            rel = PurePosixPath(*rel.parts[len(cut):]) if len(rel.parts) > len(cut) else PurePosixPath(".")
        else:
            rel = safe_member_name(info.filename)
        _check_member(info)
        if info.is_dir() or rel == PurePosixPath("."):
            continue
        tree.add(rel, info.file_size, functools.partial(_read_member, archive, info), in_zip=True)


def _read_file(full: Path) -> bytes:
    # O_NOFOLLOW: the file may have been swapped for a link since the walk.
    fd = os.open(full, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"ファイルが大きすぎます / file too large: {full.name}")
    return data


def _add_folder(tree: _Tree, root: Path) -> None:
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        rel_dir = Path(dirpath).relative_to(root)
        if len(rel_dir.parts) >= MAX_DEPTH:
            dirnames[:] = []
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        for name in filenames:
            full = Path(dirpath, name)
            info = full.lstat()
            if not stat.S_ISREG(info.st_mode):  # symlinks could point at other students or the solutions
                tree.count += 1
                continue
            tree.add(PurePosixPath(*(rel_dir / name).parts), info.st_size, functools.partial(_read_file, full),
                     in_zip=False)


def _add_one(tree: _Tree, name: str, size: int, reader, stack: contextlib.ExitStack, in_zip: bool) -> None:
    """One handed-in file; a handed-in .zip is opened and its members are the student's work."""
    if name.lower().endswith(".zip"):
        if size > MAX_FILE_BYTES:
            raise InputError(f"ファイルが大きすぎます / file too large: {name}")
        _add_zip(tree, stack.enter_context(_open_zip(io.BytesIO(reader()))))
    else:
        tree.add(safe_member_name(name), size, reader, in_zip=in_zip)


def _student_tree(student: Student, stack: contextlib.ExitStack) -> _Tree:
    if student.problems:
        raise InputError(student.problems[0])
    tree = _Tree()
    downloads: dict[Path, zipfile.ZipFile] = {}

    def download(path: Path) -> zipfile.ZipFile:
        if path not in downloads:
            downloads[path] = stack.enter_context(_open_zip(path))
        return downloads[path]

    for piece in student.pieces:
        if piece.kind == "folder":
            _add_folder(tree, piece.path)
        elif piece.kind == "zip":
            _add_zip(tree, download(piece.path))
        elif piece.kind == "member-folder":
            _add_zip(tree, download(piece.path), folder=piece.member)
        elif piece.kind == "member":
            archive = download(piece.path)
            try:
                info = archive.getinfo(piece.member)
            except KeyError:
                raise InputError(f"{_CORRUPT}: no member {piece.member!r}") from None
            _check_member(info)
            _add_one(tree, piece.name, info.file_size, functools.partial(_read_member, archive, info), stack,
                     in_zip=True)
        elif piece.kind == "file":
            info = piece.path.lstat()
            if stat.S_ISREG(info.st_mode):
                _add_one(tree, piece.name, info.st_size, functools.partial(_read_file, piece.path), stack,
                         in_zip=False)
        else:
            raise ValueError(piece.kind)
    if student.kind in LMS_KINDS:
        # A zip uploaded to the LMS is the student's work, wherever the download put it.
        for rel in [r for r in tree.files if len(r.parts) == 1 and r.suffix.lower() == ".zip"]:
            reader = tree.files.pop(rel)
            _add_zip(tree, stack.enter_context(_open_zip(io.BytesIO(reader()))))
    return tree


def _candidates(files, module: str) -> list[PurePosixPath]:
    """The files that may hold ``module``, best first: the shallowest, ``.py`` before ``.ipynb``."""
    found = [rel for rel in files if rel.name in (f"{module}.py", f"{module}.ipynb")
             and not any(part in SKIP_DIRS or part.startswith(".") for part in rel.parts[:-1])]
    return sorted(found, key=lambda rel: (len(rel.parts), rel.suffix != ".py", str(rel)))


def _pick(files, module: str) -> PurePosixPath | None:
    found = _candidates(files, module)
    return found[0] if found else None


def _normalized(text: str) -> str:
    return text.replace("\r\n", "\n").strip()


@functools.lru_cache(maxsize=None)
def _released_stub(module: str) -> str | None:
    try:
        return _normalized((EXERCISES / f"{module}.py").read_text(encoding="utf-8"))
    except OSError:
        return None


def _module_text(tree: _Tree, rel: PurePosixPath) -> str:
    text = _decode(tree.read(rel))
    return notebook_code(text) if rel.suffix == ".ipynb" else text


def _choose(tree: _Tree, found: list[PurePosixPath], module: str) -> tuple[PurePosixPath, str, str | None]:
    """(file, module text, error). A whole release holds exercises/<m>.py and notebooks/<m>.ipynb:
    the first file the student worked in (or broke) wins over a stub left as it was released."""
    stub = _released_stub(module)
    untouched = None
    for rel in found:
        try:
            text = _module_text(tree, rel)
        except SubmissionSourceError as exc:
            return rel, "", str(exc)
        if stub is None or _normalized(text) != stub:
            return rel, text, None
        untouched = untouched or (rel, text, None)
    return untouched


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp932"):  # Japanese Windows editors still save Shift_JIS
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SubmissionSourceError("文字コードが UTF-8 ではありません / the file is not UTF-8 text")


def check_syntax(source: str, filename: str) -> str | None:
    """None, or why the module cannot be compiled (nothing is executed)."""
    try:
        compile(source, filename, "exec", dont_inherit=True)
    except SyntaxError as exc:
        return f"構文エラー / syntax error: {exc.msg} ({filename}, line {exc.lineno})"
    except (ValueError, MemoryError, RecursionError, OverflowError) as exc:
        return f"コンパイルできません / cannot compile: {type(exc).__name__}: {str(exc)[:200]}"
    return None


def submission_hash(student: Student) -> str:
    """sha256 of the submission as received: a student's own zip by its bytes, anything else
    (a folder, an LMS download's files) by every file's name and content."""
    digest = hashlib.sha256()
    if student.kind == "zip" and [p.kind for p in student.pieces] == ["zip"]:
        with open(student.source, "rb") as handle:
            while chunk := handle.read(2**20):
                digest.update(chunk)
        return "sha256:" + digest.hexdigest()
    with contextlib.ExitStack() as stack:
        try:
            tree = _student_tree(student, stack)
        except (InputError, OSError) as exc:
            digest.update(str(exc).encode())
            return "sha256:" + digest.hexdigest()
        for rel in sorted(tree.files, key=str):
            digest.update(str(rel).encode() + b"\0")
            try:
                digest.update(hashlib.sha256(tree.read(rel)).digest())
            except (OSError, InputError) as exc:
                digest.update(str(exc).encode())
    return "sha256:" + digest.hexdigest()


def stage(student: Student, modules: list[str], dest: Path, known: list[str] | None = None) -> Staged:
    """Copy the student's files for ``modules`` (notebooks converted) into ``dest``.

    ``known`` (all the kit's exercises) decides whether the submission holds
    any exercise at all: with ``--only`` a student may lack just that one."""
    staged = Staged(student, None, hash=submission_hash(student))
    with contextlib.ExitStack() as stack:
        try:
            tree = _student_tree(student, stack)
            dest.mkdir(parents=True, exist_ok=True)
            for module in modules:
                found = _candidates(tree.files, module)
                if not found:
                    continue
                rel, text, error = _choose(tree, found, module)
                staged.modules[module] = str(rel)
                if error:
                    staged.errors[module] = error
                    continue
                problem = check_syntax(text, f"{module}.py")
                if problem:
                    staged.errors[module] = problem
                    continue
                (dest / f"{module}.py").write_text(text, encoding="utf-8")
            staged.folder = dest
            if not staged.modules and not any(_pick(tree.files, m) for m in (known or [])):
                staged.error = ("提出物に課題のファイルがありません / no exercise files found "
                                f"(expected e.g. {modules[0]}.py or {modules[0]}.ipynb)" if modules
                                else "nothing to grade")
        except InputError as exc:
            staged.error = str(exc)
        except OSError as exc:
            staged.error = f"提出物を読めません / cannot read the submission: {exc}"
    return staged
