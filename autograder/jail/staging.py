"""A zygote's staging folder: the student's files, copied where the sandbox shows them
read-only at /submission. The folder is read as `autograder grade` reads a submission
(``autograder.submission.files``: its caps, no links followed)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..submission import files as submission_files


def fill(folder: Path, source: Path) -> None:
    """``folder`` (emptied first) holds a copy of the student's ``source`` folder, readable by
    the worker's own uid."""
    empty(folder)
    with submission_files.read(source) as files:
        for rel in files:
            target = folder.joinpath(*rel.parts)
            for parent in reversed(target.parents[:len(rel.parts) - 1]):
                if not parent.is_dir():
                    parent.mkdir(mode=0o755)
                    os.chmod(parent, 0o755)
            target.write_bytes(files.read(rel))
            os.chmod(target, 0o644)


def empty(folder: Path) -> None:
    for entry in os.scandir(folder):
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
        else:
            try:
                os.unlink(entry.path)
            except FileNotFoundError:
                pass
