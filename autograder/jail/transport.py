"""One student's connection to a jailed worker: the bridge's transport interface.

A reply is read within MAX_REPLY_BYTES and checked in full before it is handed on
(``replies.decode``: budget, dtypes, buffers, text, output caps); the time that takes
counts against the call's wall time. Anything malformed fails the call and ends the worker;
a limit the code hit inside the worker (``replies.WORKER_LIMITS``) ends it too.
"""
from __future__ import annotations

import fcntl
import os
import signal
import threading
import time
from typing import TYPE_CHECKING, Callable

from autograder.bridge import codec, replies

from .exchange import EXIT_SECONDS, FrameError, Garbage, Overran, WorkerGone, exchange
from .zygotes import Worker, Zygote, ZygoteGone

if TYPE_CHECKING:
    from autograder.config import Limits

OUTPUT_MARKER_CHARS = 400   # the worker's note that it cut a submission's output
PIPE_BYTES = 1 << 20   # Linux's default cap for an unprivileged pipe (/proc/sys/fs/pipe-max-size)
START_SECONDS = 30.0


class CallFailed(Exception):
    """Ends a call with an error reply (the worker must go)."""

    def __init__(self, reply: bytes):
        super().__init__()
        self.reply = reply


class JailTransport:
    """``request(message, timeout)`` answered by a fresh worker of ``zygote`` for one student;
    ``close()`` ends the worker and hands the zygote to ``give_back``."""

    def __init__(self, zygote: Zygote, limits: "Limits", give_back: Callable[[Zygote], None], label: str):
        self.limits = limits
        self.label = label
        self.generation = 0
        self._zygote = zygote
        self._give_back = give_back
        self._worker: Worker | None = None
        self._closed = False
        self._budget = float(limits.submission_wall_seconds)
        self._last_wall = float(limits.test_wall_seconds)
        self._printed = 0
        self._lock = threading.Lock()

    # -- the transport interface -----------------------------------------
    def request(self, message: bytes, timeout: float | None = None) -> bytes:
        with self._lock:
            if self._closed:
                return replies.lost_reply("この提出物の接続は閉じられています / this submission's worker was closed")
            if self._budget <= 0:
                return replies.limit_reply(self._submission_wall_message())
            wall = float(timeout) if timeout else float(self.limits.test_wall_seconds)
            by_submission = self._budget < wall
            wall = min(wall, self._budget)
            try:
                self._ensure_worker()
            except Exception as exc:   # ZygoteGone, JailError, the pool closing under us
                return replies.lost_reply(f"ワーカーを起動できません / could not start a worker: "
                                          f"{exc or type(exc).__name__}")
            started = time.monotonic()
            self._last_wall = wall
            try:   # ending the worker counts against the submission's time too
                return self._call(message, started + wall, wall, by_submission)
            finally:
                self._budget -= time.monotonic() - started

    def _call(self, message: bytes, deadline: float, wall: float, by_submission: bool) -> bytes:
        """The reply to one request; any other end of the call is an error reply, and the worker goes."""
        try:
            frame = exchange(message, self._cpu_budget(wall), self._worker, self._zygote, deadline)
            return self._check_reply(frame, deadline)
        except CallFailed as failed:
            reply = failed.reply
        except Overran:
            reply = replies.limit_reply(self._wall_text(wall, by_submission))
        except WorkerGone:
            reply = self._died_reply(self._worker)
        except FrameError as exc:
            reply = replies.limit_reply(str(exc)) if exc.too_large else self._garbage_reply(str(exc))
        except Garbage as exc:
            reply = self._garbage_reply(str(exc))
        except Exception as exc:   # the judge survives whatever happened to the jail
            reply = replies.lost_reply(f"ジェイルの障害 / the jail failed: {type(exc).__name__}: {str(exc)[:300]}")
        self._kill_worker()
        return reply

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
                    zygote.await_exit(worker, EXIT_SECONDS, kill_first=False)
            except Exception:
                zygote.destroy()
            finally:
                if worker is not None:
                    worker.close_fds()
                self._give_back(zygote)

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
        except ZygoteGone:
            for fd in (request_w, reply_r):
                os.close(fd)
            zygote.destroy()
            raise
        finally:
            os.close(request_r)
            os.close(reply_w)
        os.set_blocking(request_w, False)
        os.set_blocking(reply_r, False)
        worker = Worker(worker_id, request_w, reply_r)
        deadline = time.monotonic() + START_SECONDS
        try:
            while True:
                event = zygote.recv(max(0.0, deadline - time.monotonic()))
                if event is None:
                    raise ZygoteGone()
                if event.get("event") == "started" and event.get("id") == worker_id:
                    break
        except ZygoteGone:
            worker.close_fds()
            zygote.destroy()
            raise
        if zygote.cgroup is not None:
            zygote.cgroup.mark()
        self._worker = worker

    def _kill_worker(self) -> None:
        worker, self._worker = self._worker, None
        if worker is None:
            return
        self.generation += 1
        try:
            self._zygote.await_exit(worker, EXIT_SECONDS, kill_first=True)
        except Exception:
            self._zygote.destroy()
        finally:
            worker.close_fds()

    # -- one reply --------------------------------------------------------
    def _check_reply(self, reply: bytearray, deadline: float) -> bytearray:
        """A reply that is not a well-formed message is an error; limits hit inside the code
        (MemoryError, the output cap, the file-size cap) become LimitExceeded and cost the worker.
        Checking counts against the call: past its deadline the call fails on wall time."""
        limits = self.limits
        try:
            checked = replies.decode(reply, resolve_handle=lambda ref: ref, borrow=True,
                                     stdout_chars=limits.max_output_kb * 1024 + OUTPUT_MARKER_CHARS)
        except codec.CodecError as exc:
            raise CallFailed(self._garbage_reply(str(exc))) from None
        if time.monotonic() > deadline:
            raise Overran()
        self._printed += len(checked.stdout) + len(checked.stderr)
        if self._printed > limits.max_submission_output_kb * 1024 + OUTPUT_MARKER_CHARS:
            raise CallFailed(self._garbage_reply("more output than the submission may print"))
        if checked.error is not None:
            hit = replies.limit_hit(checked.error)
            if hit in replies.WORKER_LIMITS:
                raise CallFailed(replies.limit_reply(self._limit_text(hit), stdout=checked.stdout[-4000:],
                                                     stderr=checked.stderr))
        return reply

    def _cpu_budget(self, wall: float) -> float:
        """CPU time for one call: test_cpu_seconds, scaled up when a test allows a longer wall time
        (``time_limit`` for training), so that the CPU cap never undercuts the wall-time one."""
        limits = self.limits
        return float(limits.test_cpu_seconds) * max(1.0, wall / float(limits.test_wall_seconds))

    # -- messages ---------------------------------------------------------
    def _limit_text(self, limit: str) -> str:
        """What stopped the code: "memory", "output", "file_size" or "cpu"."""
        limits = self.limits
        if limit == "memory":
            mb = limits.memory_mb
            return f"メモリ制限 {mb} MB を超えました / memory limit of {mb} MB exceeded"
        if limit == "output":
            return f"出力制限 {limits.max_output_kb} KB を超えました / output limit of {limits.max_output_kb} KB exceeded"
        if limit == "file_size":
            return (f"ファイルサイズ制限 {limits.max_file_mb} MB を超えました / "
                    f"file-size limit of {limits.max_file_mb} MB exceeded")
        if limit == "cpu":
            cpu = self._cpu_budget(self._last_wall)
            return f"CPU 時間制限 {cpu:g} 秒を超えました / CPU-time limit of {cpu:g} s exceeded"
        raise ValueError(limit)

    def _wall_text(self, wall: float, by_submission: bool) -> str:
        return self._submission_wall_message() if by_submission else \
            f"時間制限 {wall:g} 秒を超えました / wall-time limit of {wall:g} s exceeded"

    def _submission_wall_message(self) -> str:
        seconds = self.limits.submission_wall_seconds
        return (f"提出物全体の時間制限 {seconds:g} 秒を超えました / "
                f"the submission's total wall-time limit of {seconds:g} s exceeded")

    @staticmethod
    def _garbage_reply(why: str = "") -> bytes:
        detail = f": {why[:200]}" if why else ""
        return replies.lost_reply(f"ワーカーの応答が壊れています / the worker sent a malformed reply{detail}")

    def _died_reply(self, worker: Worker) -> bytes:
        status = worker.exit_status
        cgroup = self._zygote.cgroup
        if status == -signal.SIGXCPU or worker.reason == "cpu":
            return replies.limit_reply(self._limit_text("cpu"))
        if worker.reason == "memory" or (status == -signal.SIGKILL and cgroup is not None
                                         and cgroup.killed_since_mark()):
            return replies.limit_reply(self._limit_text("memory"))
        if status == -signal.SIGXFSZ:
            return replies.limit_reply(self._limit_text("file_size"))
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
        return replies.lost_reply(f"提出物を実行するプロセスが終了しました({ja}) / the worker died ({en})")
