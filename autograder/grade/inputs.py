"""Find the students in SUBMISSIONS/ and stage each one's exercise modules.

A student is a folder or a ``.zip`` named by the student id. Only the module
files (``<module>.py``, or ``<module>.ipynb`` whose code cells become the
module) are copied into a clean staging folder; nothing else of the submission
reaches the worker. Zips are never extracted as a whole: names are checked,
sizes are capped, and only the module members are read, in capped chunks.
"""
from __future__ import annotations

import functools
import hashlib
import os
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..bridge.sources import SubmissionSourceError, notebook_code
from ..paths import EXERCISES

# Caps on what one submission may hold (zip and folder alike).
MAX_MEMBERS = 2000
MAX_TOTAL_BYTES = 64 * 2**20
MAX_FILE_BYTES = 16 * 2**20
MAX_RATIO = 100            # compression ratio allowed for members over RATIO_FLOOR bytes
RATIO_FLOOR = 2**20
MAX_DEPTH = 4              # folders below the student's root that are searched
SKIP_DIRS = {"__MACOSX", ".ipynb_checkpoints", "__pycache__", ".git"}
STUDENT_ID = re.compile(r"^[^/\\\x00-\x1f]{1,128}$")


class InputError(Exception):
    """The submission as a whole cannot be graded (the reason is shown to the student)."""


@dataclass
class Student:
    id: str
    source: Path          # the folder or the zip
    kind: str             # "folder" | "zip"


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


def discover(path: Path) -> list[Student]:
    root = submissions_root(Path(path))
    if not root.is_dir():
        raise InputError(f"{path}: not a folder")
    found: dict[str, Student] = {}
    for entry in sorted(root.iterdir()):
        if entry.name.startswith(".") or entry.is_symlink():
            continue
        if entry.is_dir():
            student = Student(entry.name, entry, "folder")
        elif entry.suffix.lower() == ".zip" and entry.is_file():
            student = Student(entry.name[:-4], entry, "zip")
        else:
            continue
        if not STUDENT_ID.match(student.id) or student.id in (".", ".."):
            continue
        if student.id in found:  # a folder and a zip for one student: the folder wins, said in the error
            continue
        found[student.id] = student
    return list(found.values())


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


class _Tree:
    """Relative path -> reader of one submission, with every cap checked up front."""

    def __init__(self, files: dict[PurePosixPath, object], read):
        self.files = files
        self._read = read

    def read(self, path: PurePosixPath) -> bytes:
        return self._read(self.files[path])


def _zip_tree(path: Path) -> tuple[_Tree, zipfile.ZipFile]:
    try:
        archive = zipfile.ZipFile(path)
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise InputError(f"zip ファイルが壊れています / corrupt zip archive: {exc}") from None
    if len(infos) > MAX_MEMBERS:
        raise InputError(f"zip のファイル数が多すぎます / too many files in zip ({len(infos)} > {MAX_MEMBERS})")
    total, files = 0, {}
    for info in infos:
        rel = safe_member_name(info.filename)
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise InputError(f"zip にリンクがあります / links are not allowed in zip: {info.filename!r}")
        if info.flag_bits & 0x1:
            raise InputError(f"暗号化された zip は採点できません / encrypted zip member: {info.filename!r}")
        if info.is_dir():
            continue
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise InputError(f"zip の圧縮率が異常です(zip 爆弾) / suspicious compression ratio (zip bomb): "
                             f"{info.filename!r}")
        total += info.file_size
        if info.file_size > MAX_FILE_BYTES or total > MAX_TOTAL_BYTES:
            raise InputError(f"zip の展開後サイズが大きすぎます / zip unpacks to too much data "
                             f"(cap {MAX_TOTAL_BYTES // 2**20} MiB, {MAX_FILE_BYTES // 2**20} MiB per file)")
        files[rel] = info

    def read(info: zipfile.ZipInfo) -> bytes:
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
            raise InputError(f"zip ファイルが壊れています / corrupt zip archive: {exc}") from None
        return b"".join(chunks)

    return _Tree(files, read), archive


def _folder_tree(root: Path) -> _Tree:
    files, count, total = {}, 0, 0
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        rel_dir = Path(dirpath).relative_to(root)
        if len(rel_dir.parts) >= MAX_DEPTH:
            dirnames[:] = []
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        for name in filenames:
            count += 1
            if count > MAX_MEMBERS:
                raise InputError(f"ファイル数が多すぎます / too many files ({MAX_MEMBERS} max)")
            full = Path(dirpath, name)
            info = full.lstat()
            if not stat.S_ISREG(info.st_mode):  # symlinks could point at other students or the solutions
                continue
            total += info.st_size
            if total > MAX_TOTAL_BYTES:
                raise InputError(f"提出物が大きすぎます / submission too large ({MAX_TOTAL_BYTES // 2**20} MiB max)")
            files[PurePosixPath(*(rel_dir / name).parts)] = full

    def read(full: Path) -> bytes:
        # O_NOFOLLOW: the file may have been swapped for a link since the walk.
        fd = os.open(full, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise InputError(f"ファイルが大きすぎます / file too large: {full.name}")
        return data

    return _Tree(files, read)


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
    """sha256 of the submission as received (zip bytes, or every regular file of the folder)."""
    digest = hashlib.sha256()
    if student.kind == "zip":
        with open(student.source, "rb") as handle:
            while chunk := handle.read(2**20):
                digest.update(chunk)
        return "sha256:" + digest.hexdigest()
    try:
        tree = _folder_tree(student.source)
    except InputError as exc:
        digest.update(str(exc).encode())
        return "sha256:" + digest.hexdigest()
    for rel in sorted(tree.files, key=str):
        full = tree.files[rel]
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
    archive = None
    try:
        if student.kind == "zip":
            tree, archive = _zip_tree(student.source)
        else:
            tree = _folder_tree(student.source)
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
                            f"(expected e.g. {modules[0]}.py or {modules[0]}.ipynb)" if modules else "nothing to grade")
    except InputError as exc:
        staged.error = str(exc)
    except OSError as exc:
        staged.error = f"提出物を読めません / cannot read the submission: {exc}"
    finally:
        if archive is not None:
            archive.close()
    return staged
