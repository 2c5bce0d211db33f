"""The judge's side of the jail: warm zygotes, one fresh worker per student.

A pool keeps zygotes (fork servers that have imported numpy, and torch when the
exercises graded need it, inside bubblewrap). ``open(folder)`` copies the student's
files into a zygote's staging folder, which the sandbox shows read-only at
/submission, and the zygote forks a worker for that student when its first call
comes (``transport.JailTransport``).
Everything the worker sends is read with caps and checked; the judge never
unpickles and survives any reply.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import threading
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from . import memcap, staging
from . import sandbox as sandbox_mod
from .exchange import EXIT_SECONDS
from .transport import JailTransport
from .zygotes import PRELOAD, JailError, JailSettings, Launcher, Zygote

if TYPE_CHECKING:
    from autograder.config import Limits

WARNING = (
    "!!! 警告: bubblewrap が使えないため、提出物のコードはサンドボックスなしで実行されます。"
    "ファイルは隔離されません(隠しテスト・解答・他の学生の提出物・成績簿を読み書きでき、ネットワークにも接続できます)。"
    "時間・メモリ・プロセス数・ファイルサイズ・出力の資源制限だけが適用されます。 !!!\n"
    "!!! WARNING: bubblewrap is not available ({reason}): submissions run WITHOUT a sandbox. "
    "Files are NOT isolated: student code can read and write hidden tests, solutions, other students' "
    "work and the gradebook, and reach the network. Only resource limits (time, memory, processes, "
    "file size, output) apply. Install bubblewrap (apt-get install bubblewrap) for real isolation. !!!")


class WorkerPool:
    """Warm, preloaded jailed workers; ``open(folder)`` gives a fresh one for one student.

    One zygote (and sandbox) serves one open transport at a time; concurrent ``open``
    calls start more zygotes, which are kept warm for later students.
    """

    def __init__(self, limits: "Limits", *, device: str = "cpu", sandbox: str = "auto",
                 memory_cap: memcap.MemoryCap | None = None, preload: tuple[str, ...] = PRELOAD):
        if sandbox not in ("auto", "bubblewrap", "none"):
            raise ValueError(f"sandbox must be 'auto', 'bubblewrap' or 'none', not {sandbox!r}")
        if sandbox == "none":
            available, reason = False, "sandbox='none' が指定されました / sandbox='none' was asked for"
        else:
            available, reason = sandbox_mod.sandbox_available()
        if sandbox == "bubblewrap" and not available:
            raise JailError(reason)
        self.warning: str | None = None if available else WARNING.format(reason=reason)
        if self.warning:
            warnings.warn(self.warning, RuntimeWarning, stacklevel=2)
        workdir = Path(tempfile.mkdtemp(prefix="kit-jail-"))
        os.chmod(workdir, 0o700)
        self.settings = JailSettings(limits=limits, device=device, sandbox_kind="bubblewrap" if available else "none",
                                     memory_cap=memory_cap or memcap.detect(), workdir=workdir,
                                     preload=tuple(preload))
        self._launcher = Launcher()
        self._lock = threading.Lock()
        self._idle: list[Zygote] = []
        self.zygotes: list[Zygote] = []

    @property
    def limits(self) -> "Limits":
        return self.settings.limits

    @property
    def sandbox_kind(self) -> str:
        return self.settings.sandbox_kind

    @property
    def memory_cap(self) -> memcap.MemoryCap:
        return self.settings.memory_cap

    def _new_zygote(self) -> Zygote:
        with self._lock:
            zygote = Zygote(len(self.zygotes), self.settings, self._launcher)
            self.zygotes.append(zygote)
        return zygote

    def warm_up(self, count: int = 1) -> None:
        """Start ``count`` zygotes now rather than at the first ``open``."""
        while len(self._idle) < count:
            zygote = self._new_zygote()
            zygote.start()
            with self._lock:
                self._idle.append(zygote)

    def open(self, submission_dir) -> JailTransport:
        if self._launcher.stopped:
            raise JailError("the worker pool is closed")
        source = Path(submission_dir).resolve()
        if not source.is_dir():
            raise NotADirectoryError(f"not a submission folder: {source}")
        with self._lock:
            zygote = self._idle.pop() if self._idle else None
        if zygote is None:
            zygote = self._new_zygote()
        try:
            staging.fill(zygote.staging, source)
            if not zygote.alive():
                zygote.start()
        except BaseException:
            self._take_back(zygote)
            raise
        return JailTransport(zygote, self.limits, self._take_back, str(source))

    def _take_back(self, zygote: Zygote) -> None:
        """A zygote whose student is done: emptied and kept warm, or ended when the pool is."""
        try:
            staging.empty(zygote.staging)
        except OSError:   # the pool was closed and its folder removed
            zygote.destroy()
            return
        with self._lock:
            if self._launcher.stopped:
                zygote.destroy()
            elif zygote not in self._idle:
                self._idle.append(zygote)

    def close(self) -> None:
        with self._lock:
            self._launcher.stop()
            zygotes, self.zygotes, self._idle = self.zygotes, [], []
        self._destroy(zygotes)

    def shutdown_now(self) -> None:
        """``close`` for a signal handler: takes no lock the interrupted code may hold."""
        self._launcher.stop()
        self._destroy(list(self.zygotes))

    def _destroy(self, zygotes: list[Zygote]) -> None:
        for zygote in zygotes:   # each zygote ends its worker and what that left running, then goes
            zygote.hang_up()
        for zygote in zygotes:
            zygote.destroy(graceful=EXIT_SECONDS / 5)
        shutil.rmtree(self.settings.workdir, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
