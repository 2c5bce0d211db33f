"""The judge's side of the jail: warm zygotes, one fresh worker per student.

A pool keeps zygotes (fork servers that have imported numpy and torch inside
bubblewrap). ``open(folder)`` copies the student's files into the zygote's
staging folder, which the sandbox shows read-only at /submission, and the
zygote forks a worker for that student. Everything the worker sends is read
with caps and checked; the judge never unpickles and survives any reply.
"""
from __future__ import annotations

import fcntl
import json
import mmap
import os
import queue
import select
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from autograder.bridge import codec

from . import memcap
from . import sandbox as sandbox_mod
from .zygote import CALLS, CONTROL_BYTES, FRAME, REQUEST, SPIN_SECONDS

if TYPE_CHECKING:
    from autograder.config import Limits

MAX_REPLY_BYTES = codec.REPLY_BUDGET.decoded_bytes + codec.REPLY_BUDGET.header_bytes
OUTPUT_MARKER_CHARS = 400   # the worker's note that it cut a submission's output
MAX_STAGE_BYTES = 1024 * 1024 * 1024
MAX_STAGE_FILES = 20_000
PIPE_BYTES = 1 << 20   # Linux's default cap for an unprivileged pipe (/proc/sys/fs/pipe-max-size)
READY_SECONDS = 180.0   # a cold zygote imports torch; slow CI machines need the margin
START_SECONDS = 30.0
EXIT_SECONDS = 5.0
BOOT = "import sys; sys.path.append({root!r}); from autograder.jail.zygote import main; main()"

WARNING = (
    "!!! 警告: bubblewrap が使えないため、提出物のコードはサンドボックスなしで実行されます。"
    "ファイルは隔離されません(隠しテスト・解答・他の学生の提出物・成績簿を読み書きでき、ネットワークにも接続できます)。"
    "時間・メモリ・プロセス数・ファイルサイズ・出力の資源制限だけが適用されます。 !!!\n"
    "!!! WARNING: bubblewrap is not available ({reason}): submissions run WITHOUT a sandbox. "
    "Files are NOT isolated: student code can read and write hidden tests, solutions, other students' "
    "work and the gradebook, and reach the network. Only resource limits (time, memory, processes, "
    "file size, output) apply. Install bubblewrap (apt-get install bubblewrap) for real isolation. !!!")


class JailError(RuntimeError):
    """The jail itself failed (a zygote would not start)."""


class SubmissionTooLarge(ValueError):
    """The submission folder holds more than the jail copies."""


class _ZygoteGone(Exception):
    pass


class FrameError(Exception):
    """A reply frame that is too large or followed by stray bytes; ``too_large`` says which."""

    def __init__(self, message: str, too_large: bool = False):
        super().__init__(message)
        self.too_large = too_large


class FrameReader:
    """One length-prefixed reply, fed chunk by chunk: its size is checked from the first 8 bytes
    and its memory taken once, so a reply never costs more than its declared length."""

    def __init__(self, limit: int = MAX_REPLY_BYTES):
        self.limit = limit
        self.head = bytearray()
        self.body: bytearray | None = None
        self.got = 0

    def feed(self, chunk) -> bytearray | None:
        """The whole reply once it is complete, else None; FrameError when it cannot be one."""
        chunk = memoryview(chunk)
        if self.body is None:
            need = FRAME.size - len(self.head)
            self.head += chunk[:need]
            chunk = chunk[need:]
            if len(self.head) < FRAME.size:
                return None
            (size,) = FRAME.unpack(self.head)
            if size > self.limit:
                raise FrameError(f"返り値が大きすぎます(上限 {self.limit >> 20} MB) / "
                                 f"the reply is too large (limit {self.limit >> 20} MB)", too_large=True)
            self.body = bytearray(size)
        if len(chunk) > len(self.body) - self.got:
            raise FrameError("bytes after the reply")
        self.body[self.got:self.got + len(chunk)] = chunk
        self.got += len(chunk)
        return self.body if self.got == len(self.body) else None


def _error_reply(type_name: str, message: str, *, limit: bool = False, lost: bool = False,
                 stdout: str = "", stderr: str = "") -> bytes:
    return codec.pack({"error": {"type": type_name, "builtin": "Exception", "message": message, "where": "",
                                 "limit": limit, "lost": lost},
                       "stdout": stdout, "stderr": stderr}, [])


def _limit_reply(message: str, **output) -> bytes:
    return _error_reply("LimitExceeded", message, limit=True, **output)


def _lost_reply(message: str) -> bytes:
    return _error_reply("WorkerLost", message, lost=True)


def _copy_submission(source: Path, target: Path) -> None:
    """Regular files and folders only: a link could point anywhere on the judge's disk."""
    total = count = 0
    for folder, dirs, files in os.walk(source, followlinks=False):
        here = Path(folder)
        rel = here.relative_to(source)
        dirs[:] = [d for d in dirs if not (here / d).is_symlink()]
        for name in dirs:
            (target / rel / name).mkdir(mode=0o755)
            os.chmod(target / rel / name, 0o755)
        for name in files:
            path = here / name
            info = os.lstat(path)
            if not stat.S_ISREG(info.st_mode):
                continue
            count += 1
            total += info.st_size
            if count > MAX_STAGE_FILES or total > MAX_STAGE_BYTES:
                raise SubmissionTooLarge(
                    f"提出物が大きすぎます(上限 {MAX_STAGE_FILES} ファイル, {MAX_STAGE_BYTES >> 20} MB) / "
                    f"the submission is too large (limit {MAX_STAGE_FILES} files, {MAX_STAGE_BYTES >> 20} MB)")
            shutil.copyfile(path, target / rel / name, follow_symlinks=False)
            os.chmod(target / rel / name, 0o644)


def _empty(folder: Path) -> None:
    for entry in os.scandir(folder):
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
        else:
            try:
                os.unlink(entry.path)
            except FileNotFoundError:
                pass


class _Launcher:
    """Starts zygotes from one long-lived thread: bubblewrap's --die-with-parent (PDEATHSIG)
    fires when the *thread* that started it ends, so a short-lived caller thread must not."""

    def __init__(self):
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
        if not self._thread.is_alive():
            raise JailError("the worker pool is closed")
        box, done = [], threading.Event()
        self._jobs.put((fn, box, done))
        done.wait()
        ok, value = box[0]
        if not ok:
            raise value
        return value

    def stop(self):
        self._jobs.put(None)


class _Zygote:
    """One fork server (inside its own sandbox) and its staging folder."""

    def __init__(self, pool: "WorkerPool", index: int):
        self.pool = pool
        self.index = index
        self.staging = pool.workdir / f"stage-{index}"
        self.staging.mkdir(mode=0o755)
        os.chmod(self.staging, 0o755)
        self.scratch = pool.workdir / f"tmp-{index}"   # the worker's /tmp without a sandbox
        self.scratch.mkdir(mode=0o700)
        # As root, every worker gets a uid of its own: 1024 per zygote, 64 zygotes per judge.
        self.uid_base = 2_000_000 + ((os.getpid() % 10_000) * 64 + index % 64) * 1024
        self.uid = self.uid_base
        if sandbox_mod.running_as_root() and pool.sandbox_kind != "bubblewrap":
            # Without a sandbox the worker still leaves root: it can then neither signal the judge
            # nor write the kit's files, and RLIMIT_NPROC (which root ignores) holds.
            os.chown(self.scratch, self.uid, self.uid)
            os.chmod(pool.workdir, 0o711)
        self.proc: subprocess.Popen | None = None
        self.sock: socket.socket | None = None
        self.cgroup: memcap.Cgroup | None = None
        self.calls: mmap.mmap | None = None
        self._calls_made = 0
        self.info: dict = {}
        self._ids = 0

    def note_call(self, worker_id: int, cpu_seconds: float) -> None:
        self._calls_made += 1
        if self.calls is not None:
            CALLS.pack_into(self.calls, 0, worker_id, self._calls_made, cpu_seconds)

    def worker_uid(self, worker_id: int) -> int:
        return self.uid_base + worker_id % 1024

    # -- life -------------------------------------------------------------
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None and self.sock is not None

    def _config(self, control_fd: int) -> dict:
        limits = self.pool.limits
        jailed = self.pool.sandbox_kind == "bubblewrap"
        root = sandbox_mod.running_as_root()
        mode = ("root" if root else "userns") if jailed else "none"
        return {
            "control_fd": control_fd, "mode": mode, "uid": self.uid, "gid": self.uid, "drop_privileges": root,
            "submission": sandbox_mod.SUBMISSION_MOUNT if jailed else str(self.staging),
            "scratch": ["/tmp", "/dev/shm"] if jailed else [str(self.scratch)],
            "memory_mb": limits.memory_mb, "memory_cap": self.pool.memory_cap.kind,
            "max_file_mb": limits.max_file_mb,
            "max_processes": limits.max_processes, "test_cpu_seconds": limits.test_cpu_seconds,
            "worker_cpu_seconds": limits.submission_wall_seconds + limits.test_cpu_seconds,
            "output_limit": limits.max_output_kb * 1024,
            "total_output_limit": limits.max_submission_output_kb * 1024,
        }

    def start(self) -> None:
        self.destroy()
        if self.pool._closed:
            raise JailError("the worker pool is closed")
        parent, child = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        calls_fd = os.memfd_create("kit-calls", os.MFD_CLOEXEC)
        os.ftruncate(calls_fd, CALLS.size)
        self.calls = mmap.mmap(calls_fd, CALLS.size)
        config = self._config(child.fileno())
        config["calls_fd"] = calls_fd
        python = [sys.executable, "-I", "-c", BOOT.format(root=sandbox_mod.kit_import_root()), json.dumps(config)]
        if self.pool.sandbox_kind == "bubblewrap":
            tmp_mb = max(64, 4 * self.pool.limits.max_file_mb)
            command = sandbox_mod.bwrap_command(self.staging, device=self.pool.device, tmp_mb=tmp_mb) + python
            env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
        else:
            command = python
            env = {**sandbox_mod.sandbox_env(), "HOME": str(self.scratch), "TMPDIR": str(self.scratch),
                   "MPLCONFIGDIR": str(self.scratch)}
        if self.pool.memory_cap.kind == memcap.CGROUP2:
            self.cgroup = memcap.Cgroup(self.pool.memory_cap, f"kit-jail-{os.getpid()}-{self.index}")
            command = self.cgroup.launcher(command)
        log = open(self.pool.workdir / f"zygote-{self.index}.log", "ab")
        try:
            self.proc = self.pool._launcher.run(lambda: subprocess.Popen(
                command, pass_fds=[child.fileno(), calls_fd], stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                env=env, start_new_session=True, cwd=str(self.scratch)))
        finally:
            child.close()
            os.close(calls_fd)
            log.close()
        self.sock = parent
        try:
            event = self.recv(READY_SECONDS)
        except _ZygoteGone:
            event = None
        if not event or event.get("event") != "ready":
            self.destroy()
            raise JailError(f"the jail's zygote did not start: {self.log_tail()}")
        if self.cgroup is not None:
            try:
                self.cgroup.cap(self.pool.limits.memory_mb * 1024 * 1024)
            except (OSError, ValueError) as exc:
                self.destroy()
                raise JailError(f"the jail's memory cap could not be set: {exc}") from None
        self.info = event

    def log_tail(self, size: int = 2000) -> str:
        try:
            return (self.pool.workdir / f"zygote-{self.index}.log").read_bytes()[-size:].decode("utf-8", "replace")
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

    # -- messages ---------------------------------------------------------
    def send(self, message: dict, fds: list[int] = ()) -> None:
        if self.sock is None:
            raise _ZygoteGone()
        try:
            socket.send_fds(self.sock, [json.dumps(message).encode()], list(fds))
        except OSError:
            raise _ZygoteGone() from None

    def recv(self, timeout: float | None) -> dict | None:
        """The next event, None on timeout; _ZygoteGone when the zygote ended or misbehaved."""
        if self.sock is None:
            raise _ZygoteGone()
        ready, _, _ = select.select([self.sock], [], [], timeout)
        if not ready:
            return None
        try:
            data = self.sock.recv(CONTROL_BYTES)
            event = json.loads(data) if data else None
        except (OSError, ValueError):
            event = None
        if not isinstance(event, dict):
            raise _ZygoteGone()
        return event

    def next_id(self) -> int:
        self._ids += 1
        return self._ids


class _Worker:
    def __init__(self, worker_id: int, request_fd: int, reply_fd: int):
        self.id = worker_id
        self.request_fd = request_fd
        self.reply_fd = reply_fd
        self.exit_status: int | None = None
        self.exited = False
        self.clean = True
        self.reason: str | None = None   # the zygote's, when it killed the worker: "cpu" | "memory"

    def close_fds(self):
        for fd in (self.request_fd, self.reply_fd):
            try:
                os.close(fd)
            except OSError:
                pass


class _Outcome(Exception):
    """Ends an exchange with an error reply; ``kill``: the worker must go."""

    def __init__(self, reply: bytes, kill: bool = True):
        super().__init__()
        self.reply = reply
        self.kill = kill


class JailTransport:
    """One student's connection to a jailed worker (the bridge's transport interface).

    A reply is read within MAX_REPLY_BYTES and checked in full before it is handed on
    (``codec.decode_reply``: budget, dtypes, buffers, text, output caps); the time that takes
    counts against the call's wall time. Anything malformed fails the call and ends the worker.
    """

    def __init__(self, pool: "WorkerPool", zygote: _Zygote, label: str):
        self.pool = pool
        self.label = label
        self.generation = 0
        self._zygote = zygote
        self._worker: _Worker | None = None
        self._closed = False
        self._budget = float(pool.limits.submission_wall_seconds)
        self._last_wall = float(pool.limits.test_wall_seconds)
        self._printed = 0
        self._lock = threading.Lock()

    # -- the transport interface -----------------------------------------
    def request(self, message: bytes, timeout: float | None = None) -> bytes:
        with self._lock:
            if self._closed:
                return _lost_reply("この提出物の接続は閉じられています / this submission's worker was closed")
            limits = self.pool.limits
            if self._budget <= 0:
                return _limit_reply(self._submission_wall_message())
            wall = float(timeout) if timeout else float(limits.test_wall_seconds)
            by_submission = self._budget < wall
            wall = min(wall, self._budget)
            try:
                self._ensure_worker()
            except Exception as exc:   # _ZygoteGone, JailError, the pool closing under us
                return _lost_reply(f"ワーカーを起動できません / could not start a worker: {exc or type(exc).__name__}")
            started = time.monotonic()
            try:
                return self._exchange(message, started + wall, wall, by_submission)
            except _Outcome as outcome:
                if outcome.kill:
                    self._kill_worker()
                return outcome.reply
            except Exception as exc:   # the judge survives whatever happened to the jail
                self._kill_worker()
                return _lost_reply(f"ジェイルの障害 / the jail failed: {type(exc).__name__}: {str(exc)[:300]}")
            finally:
                self._budget -= time.monotonic() - started

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            worker, self._worker = self._worker, None
            zygote = self._zygote
            try:
                if worker is not None:
                    os.close(worker.request_fd)   # EOF: the worker leaves on its own
                    worker.request_fd = -1
                    self._await_exit(zygote, worker, EXIT_SECONDS, kill_first=False)
            except Exception:
                zygote.destroy()
            finally:
                if worker is not None:
                    worker.close_fds()
                self.pool._release(zygote)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- workers ----------------------------------------------------------
    def _ensure_worker(self) -> None:
        if self._worker is not None:
            return
        zygote = self._zygote
        if not zygote.alive():
            zygote.start()
        request_r, request_w = os.pipe()
        reply_r, reply_w = os.pipe()
        for fd in (request_w, reply_w):
            try:   # arrays of megabytes: fewer hand-overs between the two processes
                fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
            except OSError:
                pass
        worker_id = zygote.next_id()
        try:
            zygote.send({"cmd": "fork", "id": worker_id, "uid": zygote.worker_uid(worker_id)},
                        [request_r, reply_w])
        except _ZygoteGone:
            for fd in (request_w, reply_r):
                os.close(fd)
            zygote.destroy()
            raise
        finally:
            os.close(request_r)
            os.close(reply_w)
        os.set_blocking(request_w, False)
        os.set_blocking(reply_r, False)
        worker = _Worker(worker_id, request_w, reply_r)
        deadline = time.monotonic() + START_SECONDS
        try:
            while True:
                event = zygote.recv(max(0.0, deadline - time.monotonic()))
                if event is None:
                    raise _ZygoteGone()
                if event.get("event") == "started" and event.get("id") == worker_id:
                    break
        except _ZygoteGone:
            worker.close_fds()
            zygote.destroy()
            raise
        if zygote.cgroup is not None:
            zygote.cgroup.mark()
        self._worker = worker

    def _await_exit(self, zygote: _Zygote, worker: _Worker, timeout: float, kill_first: bool) -> None:
        """Make sure the worker is gone and its sandbox clean; otherwise end the whole sandbox."""
        if not worker.exited:
            try:
                if kill_first:
                    zygote.send({"cmd": "kill", "id": worker.id})
                deadline = time.monotonic() + timeout
                while not worker.exited:
                    event = zygote.recv(max(0.0, deadline - time.monotonic()))
                    if event is None:
                        if not kill_first:  # it did not leave when asked: kill it
                            kill_first = True
                            zygote.send({"cmd": "kill", "id": worker.id})
                            deadline = time.monotonic() + timeout
                            continue
                        raise _ZygoteGone()
                    self._note_event(worker, event)
            except _ZygoteGone:
                worker.exited, worker.clean = True, False
        if not worker.clean:
            zygote.destroy()   # restarted on next use: a fresh sandbox, IPC namespace included

    @staticmethod
    def _note_event(worker: _Worker, event: dict) -> None:
        if event.get("event") == "exit" and event.get("id") == worker.id:
            worker.exited = True
            status = event.get("status")
            worker.exit_status = status if isinstance(status, int) else None
            worker.clean = event.get("clean") is True
            worker.reason = event.get("reason") if event.get("reason") in ("cpu", "memory") else None

    def _kill_worker(self) -> None:
        worker, self._worker = self._worker, None
        if worker is None:
            return
        self.generation += 1
        try:
            self._await_exit(self._zygote, worker, EXIT_SECONDS, kill_first=True)
        except Exception:
            self._zygote.destroy()
        finally:
            worker.close_fds()

    # -- one call ---------------------------------------------------------
    def _exchange(self, message: bytes, deadline: float, wall: float, by_submission: bool) -> bytes:
        worker, zygote = self._worker, self._zygote
        self._last_wall = wall
        if zygote.sock is None:
            raise _Outcome(self._died_reply(worker))
        cpu = self._cpu_budget(wall)
        zygote.note_call(worker.id, cpu)   # the zygote charges the worker's CPU time from here on to this call
        outgoing = [memoryview(REQUEST.pack(len(message), cpu)), memoryview(message)]
        reader = FrameReader()
        poller = select.poll()
        poller.register(worker.request_fd, select.POLLOUT)
        poller.register(worker.reply_fd, select.POLLIN)
        poller.register(zygote.sock, select.POLLIN)
        writing = True
        spin_until = 0.0
        while True:
            if not writing and spin_until:
                # Most calls answer within microseconds: wait for them awake, since putting this
                # process to sleep and waking it costs more than the call itself on a VM.
                if time.monotonic() < spin_until:
                    try:
                        chunk = os.read(worker.reply_fd, 1 << 20)
                    except BlockingIOError:
                        os.sched_yield()
                        continue
                    done = self._take(chunk, reader, zygote, worker)
                    if done is not None:
                        return self._check_reply(done, deadline, wall, by_submission)
                    continue
                spin_until = 0.0
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise _Outcome(_limit_reply(self._submission_wall_message() if by_submission
                                            else self._wall_message(wall)))
            for fd, _flags in poller.poll(max(1, int(remaining * 1000) + 1)):
                if fd == zygote.sock.fileno():
                    try:
                        event = zygote.recv(0)
                    except _ZygoteGone:
                        zygote.destroy()
                        worker.exited, worker.clean = True, False
                        raise _Outcome(self._died_reply(worker)) from None
                    if event is not None:
                        self._note_event(worker, event)
                        if worker.exited:
                            raise _Outcome(self._died_reply(worker))
                elif fd == worker.request_fd and writing:
                    try:
                        while outgoing:
                            written = os.write(worker.request_fd, outgoing[0])
                            outgoing[0] = outgoing[0][written:]
                            if not outgoing[0]:
                                outgoing.pop(0)
                    except BlockingIOError:
                        pass
                    except OSError:   # the worker is gone; its exit event tells why
                        outgoing = []
                    if not outgoing:
                        writing = False
                        poller.unregister(worker.request_fd)
                        spin_until = time.monotonic() + SPIN_SECONDS
                        break
                elif fd == worker.reply_fd:
                    try:
                        chunk = os.read(worker.reply_fd, 1 << 20)
                    except BlockingIOError:
                        continue
                    if writing and chunk:
                        raise _Outcome(self._garbage_reply("a reply before the whole request"))
                    done = self._take(chunk, reader, zygote, worker)
                    if done is not None:
                        return self._check_reply(done, deadline, wall, by_submission)

    def _take(self, chunk: bytes, reader: FrameReader, zygote: _Zygote, worker: _Worker) -> bytearray | None:
        """Add a chunk of the reply; the whole reply once it is complete."""
        if not chunk:
            self._await_exit(zygote, worker, EXIT_SECONDS / 2, kill_first=False)
            raise _Outcome(self._died_reply(worker))
        try:
            return reader.feed(chunk)
        except FrameError as exc:
            raise _Outcome(_limit_reply(str(exc)) if exc.too_large else self._garbage_reply(str(exc))) from None

    def _check_reply(self, reply: bytearray, deadline: float, wall: float, by_submission: bool) -> bytearray:
        """A reply that is not a well-formed message is an error; limits hit inside the code
        (MemoryError, the output cap, the file-size cap) become LimitExceeded and cost the worker.
        Checking counts against the call: past its deadline the call fails on wall time."""
        limits = self.pool.limits
        try:
            checked = codec.decode_reply(reply, resolve_handle=lambda ref: ref, borrow=True,
                                         stdout_chars=limits.max_output_kb * 1024 + OUTPUT_MARKER_CHARS)
        except codec.CodecError as exc:
            raise _Outcome(self._garbage_reply(str(exc))) from None
        if time.monotonic() > deadline:
            raise _Outcome(_limit_reply(self._submission_wall_message() if by_submission
                                        else self._wall_message(wall)))
        self._printed += len(checked.stdout) + len(checked.stderr)
        if self._printed > limits.max_submission_output_kb * 1024 + OUTPUT_MARKER_CHARS:
            raise _Outcome(self._garbage_reply("more output than the submission may print"))
        error = checked.error
        if error is None:
            return reply
        type_name, builtin, text = error["type"], error["builtin"], error["message"]
        output = {"stdout": checked.stdout[-4000:], "stderr": checked.stderr}
        if builtin == "MemoryError" or type_name == "MemoryError":
            raise _Outcome(_limit_reply(self._memory_message(), **output))
        if type_name == "OutputLimitExceeded":
            raise _Outcome(_limit_reply(f"出力制限 {limits.max_output_kb} KB を超えました / "
                                        f"output limit of {limits.max_output_kb} KB exceeded", **output))
        if text.startswith("[Errno 27]"):  # EFBIG: RLIMIT_FSIZE
            raise _Outcome(_limit_reply(f"ファイルサイズ制限 {limits.max_file_mb} MB を超えました / "
                                        f"file-size limit of {limits.max_file_mb} MB exceeded", **output))
        return reply

    def _cpu_budget(self, wall: float) -> float:
        """CPU time for one call: test_cpu_seconds, scaled up when a test allows a longer wall time
        (``time_limit`` for training), so that the CPU cap never undercuts the wall-time one."""
        limits = self.pool.limits
        return float(limits.test_cpu_seconds) * max(1.0, wall / float(limits.test_wall_seconds))

    # -- messages ---------------------------------------------------------
    @staticmethod
    def _wall_message(seconds: float) -> str:
        return f"時間制限 {seconds:g} 秒を超えました / wall-time limit of {seconds:g} s exceeded"

    def _memory_message(self) -> str:
        mb = self.pool.limits.memory_mb
        return f"メモリ制限 {mb} MB を超えました / memory limit of {mb} MB exceeded"

    def _submission_wall_message(self) -> str:
        seconds = self.pool.limits.submission_wall_seconds
        return (f"提出物全体の時間制限 {seconds:g} 秒を超えました / "
                f"the submission's total wall-time limit of {seconds:g} s exceeded")

    @staticmethod
    def _garbage_reply(why: str = "") -> bytes:
        detail = f": {why[:200]}" if why else ""
        return _lost_reply(f"ワーカーの応答が壊れています / the worker sent a malformed reply{detail}")

    def _died_reply(self, worker: _Worker) -> bytes:
        status = worker.exit_status
        limits = self.pool.limits
        cgroup = self._zygote.cgroup
        if status == -signal.SIGXCPU or worker.reason == "cpu":
            cpu = self._cpu_budget(self._last_wall)
            return _limit_reply(f"CPU 時間制限 {cpu:g} 秒を超えました / CPU-time limit of {cpu:g} s exceeded")
        if worker.reason == "memory" or (status == -signal.SIGKILL and cgroup is not None
                                         and cgroup.killed_since_mark()):
            return _limit_reply(self._memory_message())
        if status == -signal.SIGXFSZ:
            return _limit_reply(f"ファイルサイズ制限 {limits.max_file_mb} MB を超えました / "
                                f"file-size limit of {limits.max_file_mb} MB exceeded")
        if status is None:
            ja, en = "終了状態は不明", "exit status unknown"
        elif status < 0:
            try:
                name = signal.Signals(-status).name
            except ValueError:
                name = str(-status)
            ja, en = f"シグナル {name}", f"killed by signal {name}"
        else:
            ja, en = f"終了コード {status}", f"exit code {status}"
        return _lost_reply(f"提出物を実行するプロセスが終了しました({ja}) / the worker died ({en})")


class WorkerPool:
    """Warm, preloaded jailed workers; ``open(folder)`` gives a fresh one for one student.

    One zygote (and sandbox) serves one open transport at a time; concurrent ``open``
    calls start more zygotes, which are kept warm for later students.
    """

    def __init__(self, limits: "Limits", *, device: str = "cpu", sandbox: str = "auto",
                 memory_cap: memcap.MemoryCap | None = None):
        if sandbox not in ("auto", "bubblewrap", "none"):
            raise ValueError(f"sandbox must be 'auto', 'bubblewrap' or 'none', not {sandbox!r}")
        self.limits = limits
        self.device = device
        self.memory_cap = memory_cap or memcap.detect()
        if sandbox == "none":
            available, reason = False, "sandbox='none' が指定されました / sandbox='none' was asked for"
        else:
            available, reason = sandbox_mod.sandbox_available()
        if sandbox == "bubblewrap" and not available:
            raise JailError(reason)
        self.sandbox_kind = "bubblewrap" if available else "none"
        self.warning: str | None = None if available else WARNING.format(reason=reason)
        if self.warning:
            warnings.warn(self.warning, RuntimeWarning, stacklevel=2)
        self.workdir = Path(tempfile.mkdtemp(prefix="kit-jail-"))
        os.chmod(self.workdir, 0o700)
        self._launcher = _Launcher()
        self._lock = threading.Lock()
        self._idle: list[_Zygote] = []
        self._zygotes: list[_Zygote] = []
        self._closed = False

    def _new_zygote(self) -> _Zygote:
        with self._lock:
            zygote = _Zygote(self, len(self._zygotes))
            self._zygotes.append(zygote)
        return zygote

    def warm_up(self, count: int = 1) -> None:
        """Start ``count`` zygotes now rather than at the first ``open``."""
        while len(self._idle) < count:
            zygote = self._new_zygote()
            zygote.start()
            with self._lock:
                self._idle.append(zygote)

    def open(self, submission_dir) -> JailTransport:
        if self._closed:
            raise JailError("the worker pool is closed")
        source = Path(submission_dir).resolve()
        if not source.is_dir():
            raise NotADirectoryError(f"not a submission folder: {source}")
        with self._lock:
            zygote = self._idle.pop() if self._idle else None
        if zygote is None:
            zygote = self._new_zygote()
        try:
            _empty(zygote.staging)
            _copy_submission(source, zygote.staging)
            if not zygote.alive():
                zygote.start()
        except BaseException:
            self._release(zygote)
            raise
        return JailTransport(self, zygote, str(source))

    def _release(self, zygote: _Zygote) -> None:
        try:
            _empty(zygote.staging)
        except OSError:   # the pool was closed and its folder removed
            zygote.destroy()
            return
        with self._lock:
            if self._closed:
                zygote.destroy()
            elif zygote not in self._idle:
                self._idle.append(zygote)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            zygotes, self._zygotes, self._idle = self._zygotes, [], []
        self._destroy(zygotes)

    def shutdown_now(self) -> None:
        """``close`` for a signal handler: takes no lock the interrupted code may hold."""
        self._closed = True
        self._destroy(list(self._zygotes))

    def _destroy(self, zygotes: list[_Zygote]) -> None:
        for zygote in zygotes:   # each zygote ends its worker and what that left running, then goes
            try:
                zygote.sock.shutdown(socket.SHUT_RDWR)
            except (OSError, AttributeError):
                pass
        for zygote in zygotes:
            zygote.destroy(graceful=EXIT_SECONDS / 5)
        self._launcher.stop()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
