"""A student's files, read safely: relative path -> reader, with every cap checked.

Zips are never extracted as a whole: names are checked, sizes are capped, and members are
read only when asked for, in capped chunks. Links are never followed.
"""
from __future__ import annotations

import contextlib
import functools
import io
import os
import re
import stat
import zipfile
from pathlib import Path, PurePosixPath

# Caps on what one submission may hold (zip and folder alike).
MAX_MEMBERS = 2000
MAX_TOTAL_BYTES = 64 * 2**20
MAX_FILE_BYTES = 16 * 2**20
MAX_RATIO = 100            # compression ratio allowed for members over RATIO_FLOOR bytes
RATIO_FLOOR = 2**20
MAX_DEPTH = 4              # folders below the student's root that are searched
SKIP_DIRS = {"__MACOSX", ".ipynb_checkpoints", "__pycache__", ".git"}
CORRUPT = "zip ファイルが壊れています / corrupt zip archive"


class InputError(Exception):
    """The submission as a whole cannot be read (the reason is shown to the student)."""


def skipped(name: str) -> bool:
    """Folders and files no student's work is in (editor and VCS leftovers, hidden files)."""
    return name.startswith(".") or name in SKIP_DIRS


def safe_member_name(name: str) -> PurePosixPath:
    """The member's relative path; InputError for absolute, drive-letter or escaping names."""
    clean = name.replace("\\", "/")
    if not clean or clean.startswith("/") or re.match(r"^[A-Za-z]:", clean) or "\x00" in clean:
        raise InputError(f"zip の中に危険なパスがあります / unsafe path in zip: {name!r}")
    parts = [p for p in clean.split("/") if p not in ("", ".")]
    if any(p == ".." for p in parts):
        raise InputError(f"zip の中に危険なパスがあります / unsafe path in zip: {name!r}")
    return PurePosixPath(*parts) if parts else PurePosixPath(".")


class Files(contextlib.ExitStack):
    """Relative path -> reader of one student's work, every cap checked as it is built; the
    zips it reads from stay open until it is closed."""

    def __init__(self):
        super().__init__()
        self.readers: dict[PurePosixPath, object] = {}
        self.count = 0
        self.total = 0

    def __iter__(self):
        return iter(self.readers)

    def read(self, path: PurePosixPath) -> bytes:
        return self.readers[path]()

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
        self.readers[rel] = reader

    def open_zip(self, source) -> zipfile.ZipFile:
        """A zip (a path or bytes) that stays open as long as these files."""
        try:
            archive = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
            raise InputError(f"{CORRUPT}: {exc}") from None
        return self.enter_context(archive)

    def add_zip(self, archive: zipfile.ZipFile, folder: str | None = None) -> None:
        """Every member of ``archive`` (or of its ``folder``, which is then cut off the names)."""
        try:
            infos = archive.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise InputError(f"{CORRUPT}: {exc}") from None
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
            check_member(info)
            if info.is_dir() or rel == PurePosixPath("."):
                continue
            self.add(rel, info.file_size, functools.partial(read_member, archive, info), in_zip=True)

    def add_folder(self, root: Path) -> None:
        """Every regular file below ``root`` (MAX_DEPTH folders deep); links are counted, never read."""
        for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
            rel_dir = Path(dirpath).relative_to(root)
            if len(rel_dir.parts) >= MAX_DEPTH:
                dirnames[:] = []
            dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
            for name in filenames:
                full = Path(dirpath, name)
                info = full.lstat()
                if not stat.S_ISREG(info.st_mode):  # symlinks could point at other students or the solutions
                    self.count += 1
                    continue
                self.add(PurePosixPath(*(rel_dir / name).parts), info.st_size, functools.partial(read_file, full),
                         in_zip=False)

    def add_file(self, name: str, size: int, reader, in_zip: bool) -> None:
        """One handed-in file; a handed-in .zip is opened and its members are the student's work."""
        if name.lower().endswith(".zip"):
            if size > MAX_FILE_BYTES:
                raise InputError(f"ファイルが大きすぎます / file too large: {name}")
            self.add_zip(self.open_zip(reader()))
        else:
            self.add(safe_member_name(name), size, reader, in_zip=in_zip)


def check_member(info: zipfile.ZipInfo) -> None:
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise InputError(f"zip にリンクがあります / links are not allowed in zip: {info.filename!r}")
    if info.flag_bits & 0x1:
        raise InputError(f"暗号化された zip は採点できません / encrypted zip member: {info.filename!r}")
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise InputError(f"zip の圧縮率が異常です(zip 爆弾) / suspicious compression ratio (zip bomb): "
                         f"{info.filename!r}")


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
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
        raise InputError(f"{CORRUPT}: {exc}") from None
    return b"".join(chunks)


def read_file(full: Path) -> bytes:
    # O_NOFOLLOW: the file may have been swapped for a link since the walk.
    fd = os.open(full, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"ファイルが大きすぎます / file too large: {full.name}")
    return data


def read(path: Path) -> Files:
    """A student's folder or .zip as one submission (close it when done: ``with read(p) as files``)."""
    path = Path(path)
    files = Files()
    try:
        if path.is_dir():
            files.add_folder(path)
        elif path.is_file() and path.suffix.lower() == ".zip":
            files.add_zip(files.open_zip(path))
        else:
            raise InputError(f"提出物はフォルダか .zip です / a submission is a folder or a .zip: {path}")
    except BaseException:
        files.close()
        raise
    return files
