"""The judge's side of a zygote: start one inside its sandbox, talk to it over its control
socket, end it. A zygote serves one worker at a time; ``Worker`` is what the judge knows of it."""
from __future__ import annotations

import json
import mmap
import os
import queue
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import memcap
from . import sandbox as sandbox_mod
from .zygote import CALLS, CONTROL_BYTES, PRELOAD, TORCH_PRELOAD

if TYPE_CHECKING:
    from autograder.config import Limits

READY_SECONDS = 180.0   # a cold zygote imports torch; slow CI machines need the margin
BOOT = "import sys; sys.path.append({root!r}); from autograder.jail.zygote import main; main()"


class JailError(RuntimeError):
    """The jail itself failed (a zygote would not start, or the pool is closed)."""


class ZygoteGone(Exception):
    """The zygote ended or said something that is not one of its events."""


@dataclass(frozen=True)
class JailSettings:
    """What every zygote of a pool is started with."""
    limits: "Limits"
    device: str
    sandbox_kind: str                  # "bubblewrap" | "none"
    memory_cap: memcap.MemoryCap
    workdir: Path                      # the pool's private folder: staging, scratch, logs
    preload: tuple[str, ...] = PRELOAD   # what each zygote imports before its first worker


def preload_for(warm) -> tuple[str, ...]:
    """A zygote's preload for a judge that warms the modules ``warm`` (numpy, and grading.toml's
    ``preload`` of the exercises it grades): torch's part only when torch is among them."""
    if any(name == "torch" or name.startswith("torch.") for name in warm):
        return PRELOAD
    return tuple(name for name in PRELOAD if name not in TORCH_PRELOAD)


class Launcher:
    """Starts zygotes from one long-lived thread: bubblewrap's --die-with-parent (PDEATHSIG)
    fires when the *thread* that started it ends, so a short-lived caller thread must not."""

    def __init__(self):
        self.stopped = False
        self._jobs: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._loop, name="kit-jail-launcher", daemon=True)
        self._thread.start()

    def _loop(self):
        while True:
            job = self._jobs.get()
            if job is None:
                return
            fn, box, done = job
            try:
                box.append((True, fn()))
            except BaseException as exc:  # handed back to the caller
                box.append((False, exc))
            done.set()

    def run(self, fn):
        if self.stopped or not self._thread.is_alive():
            raise JailError("the worker pool is closed")
        box, done = [], threading.Event()
        self._jobs.put((fn, box, done))
        done.wait()
        ok, value = box[0]
        if not ok:
            raise value
        return value

    def stop(self):
        self.stopped = True
        self._jobs.put(None)


class Worker:
    """One forked worker: the judge's ends of its two pipes, and how it ended."""

    def __init__(self, worker_id: int, request_fd: int, reply_fd: int):
        self.id = worker_id
        self.request_fd = request_fd
        self.reply_fd = reply_fd
        self.exit_status: int | None = None
        self.exited = False
        self.clean = True
        self.reason: str | None = None   # the zygote's, when it killed the worker: "cpu" | "memory"

    def note(self, event: dict) -> None:
        """Take the zygote's event about this worker."""
        if event.get("event") == "exit" and event.get("id") == self.id:
            self.exited = True
            status = event.get("status")
            self.exit_status = status if isinstance(status, int) else None
            self.clean = event.get("clean") is True
            self.reason = event.get("reason") if event.get("reason") in ("cpu", "memory") else None

    def lost(self) -> None:
        """The zygote is gone: so is the worker, and nothing it left was cleaned up."""
        self.exited, self.clean = True, False

    def close_fds(self):
        for fd in (self.request_fd, self.reply_fd):
            try:
                os.close(fd)
            except OSError:
                pass


class Zygote:
    """One fork server (inside its own sandbox) and its staging folder."""

    def __init__(self, index: int, settings: JailSettings, launcher: Launcher):
        self.index = index
        self.settings = settings
        self.launcher = launcher
        self.staging = settings.workdir / f"stage-{index}"
        self.staging.mkdir(mode=0o755)
        os.chmod(self.staging, 0o755)
        self.scratch = settings.workdir / f"tmp-{index}"   # the worker's /tmp without a sandbox
        self.scratch.mkdir(mode=0o700)
        self.log = settings.workdir / f"zygote-{index}.log"
        # As root, every worker gets a uid of its own: 1024 per zygote, 64 zygotes per judge.
        self.uid_base = 2_000_000 + ((os.getpid() % 10_000) * 64 + index % 64) * 1024
        self.uid = self.uid_base
        if sandbox_mod.running_as_root() and settings.sandbox_kind != "bubblewrap":
            # Without a sandbox the worker still leaves root: it can then neither signal the judge
            # nor write the kit's files, and RLIMIT_NPROC (which root ignores) holds.
            os.chown(self.scratch, self.uid, self.uid)
            os.chmod(settings.workdir, 0o711)
        self.proc: subprocess.Popen | None = None
        self.sock: socket.socket | None = None
        self.cgroup: memcap.Cgroup | None = None
        self.calls: mmap.mmap | None = None
        self._calls_made = 0
        self.info: dict = {}
        self._ids = 0

    def note_call(self, worker_id: int, cpu_seconds: float) -> None:
        """The zygote charges the worker's CPU time from here on to this call."""
        self._calls_made += 1
        if self.calls is not None:
            CALLS.pack_into(self.calls, 0, worker_id, self._calls_made, cpu_seconds)

    def worker_uid(self, worker_id: int) -> int:
        return self.uid_base + worker_id % 1024

    def next_id(self) -> int:
        self._ids += 1
        return self._ids

    # -- life -------------------------------------------------------------
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None and self.sock is not None

    def _config(self, control_fd: int) -> dict:
        limits = self.settings.limits
        jailed = self.settings.sandbox_kind == "bubblewrap"
        root = sandbox_mod.running_as_root()
        mode = ("root" if root else "userns") if jailed else "none"
        return {
            "control_fd": control_fd, "mode": mode, "uid": self.uid, "gid": self.uid, "drop_privileges": root,
            "submission": sandbox_mod.SUBMISSION_MOUNT if jailed else str(self.staging),
            "scratch": ["/tmp", "/dev/shm"] if jailed else [str(self.scratch)],
            "memory_mb": limits.memory_mb, "memory_cap": self.settings.memory_cap.kind,
            "max_file_mb": limits.max_file_mb,
            "max_processes": limits.max_processes, "test_cpu_seconds": limits.test_cpu_seconds,
            "worker_cpu_seconds": limits.submission_wall_seconds + limits.test_cpu_seconds,
            "output_limit": limits.max_output_kb * 1024,
            "total_output_limit": limits.max_submission_output_kb * 1024,
            "preload": list(self.settings.preload),
        }

    def start(self) -> None:
        self.destroy()
        if self.launcher.stopped:
            raise JailError("the worker pool is closed")
        settings = self.settings
        parent, child = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        calls_fd = os.memfd_create("kit-calls", os.MFD_CLOEXEC)
        os.ftruncate(calls_fd, CALLS.size)
        self.calls = mmap.mmap(calls_fd, CALLS.size)
        config = self._config(child.fileno())
        config["calls_fd"] = calls_fd
        python = [sys.executable, "-I", "-c", BOOT.format(root=sandbox_mod.kit_import_root()), json.dumps(config)]
        if settings.sandbox_kind == "bubblewrap":
            tmp_mb = max(64, 4 * settings.limits.max_file_mb)
            command = sandbox_mod.bwrap_command(self.staging, device=settings.device, tmp_mb=tmp_mb) + python
            env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
        else:
            command = python
            env = {**sandbox_mod.sandbox_env(), "HOME": str(self.scratch), "TMPDIR": str(self.scratch),
                   "MPLCONFIGDIR": str(self.scratch)}
        if settings.memory_cap.kind == memcap.CGROUP2:
            self.cgroup = memcap.Cgroup(settings.memory_cap, f"kit-jail-{os.getpid()}-{self.index}")
            command = self.cgroup.launcher(command)
        log = open(self.log, "ab")
        try:
            self.proc = self.launcher.run(lambda: subprocess.Popen(
                command, pass_fds=[child.fileno(), calls_fd], stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                env=env, start_new_session=True, cwd=str(self.scratch)))
        finally:
            child.close()
            os.close(calls_fd)
            log.close()
        self.sock = parent
        try:
            event = self.recv(READY_SECONDS)
        except ZygoteGone:
            event = None
        if not event or event.get("event") != "ready":
            self.destroy()
            raise JailError(f"the jail's zygote did not start: {self.log_tail()}")
        if self.cgroup is not None:
            try:
                self.cgroup.cap(settings.limits.memory_mb * 1024 * 1024)
            except (OSError, ValueError) as exc:
                self.destroy()
                raise JailError(f"the jail's memory cap could not be set: {exc}") from None
        self.info = event

    def log_tail(self, size: int = 2000) -> str:
        try:
            return self.log.read_bytes()[-size:].decode("utf-8", "replace")
        except OSError:
            return ""

    def destroy(self, graceful: float = 0.0) -> None:
        """Kill the whole sandbox: its pid namespace ends with it, strays included. With
        ``graceful``, the zygote is first given that long to clean up after its worker itself
        (without a sandbox, that is what ends the worker's strays)."""
        if self.proc is not None and graceful and self.sock is not None:
            self.sock.close()
            self.sock = None
            try:
                self.proc.wait(timeout=graceful)
            except subprocess.TimeoutExpired:
                pass
        if self.proc is not None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except OSError:
                pass
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
            self.proc = None
        if self.sock is not None:
            self.sock.close()
            self.sock = None
        if self.cgroup is not None:
            self.cgroup.remove()
            self.cgroup = None
        if self.calls is not None:
            self.calls.close()
            self.calls = None

    def hang_up(self) -> None:
        """Close the control socket's both directions: the zygote ends its worker and itself."""
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except (OSError, AttributeError):
            pass

    # -- messages ---------------------------------------------------------
    def send(self, message: dict, fds: list[int] = ()) -> None:
        if self.sock is None:
            raise ZygoteGone()
        try:
            socket.send_fds(self.sock, [json.dumps(message).encode()], list(fds))
        except OSError:
            raise ZygoteGone() from None

    def recv(self, timeout: float | None) -> dict | None:
        """The next event, None on timeout; ZygoteGone when the zygote ended or misbehaved."""
        if self.sock is None:
            raise ZygoteGone()
        ready, _, _ = select.select([self.sock], [], [], timeout)
        if not ready:
            return None
        try:
            data = self.sock.recv(CONTROL_BYTES)
            event = json.loads(data) if data else None
        except (OSError, ValueError):
            event = None
        if not isinstance(event, dict):
            raise ZygoteGone()
        return event

    def await_exit(self, worker: Worker, timeout: float, kill_first: bool) -> None:
        """Make sure the worker is gone and its sandbox clean; otherwise end the whole sandbox."""
        if not worker.exited:
            try:
                if kill_first:
                    self.send({"cmd": "kill", "id": worker.id})
                deadline = time.monotonic() + timeout
                while not worker.exited:
                    event = self.recv(max(0.0, deadline - time.monotonic()))
                    if event is None:
                        if not kill_first:  # it did not leave when asked: kill it
                            kill_first = True
                            self.send({"cmd": "kill", "id": worker.id})
                            deadline = time.monotonic() + timeout
                            continue
                        raise ZygoteGone()
                    worker.note(event)
            except ZygoteGone:
                worker.lost()
        if not worker.clean:
            self.destroy()   # restarted on next use: a fresh sandbox, IPC namespace included
