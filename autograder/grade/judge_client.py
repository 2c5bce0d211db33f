"""The batch grader's side of a judge process: start it, send a student, wait
with the per-student wall-time cap, and replace it when it dies or overruns."""
from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from ..paths import KIT_ROOT


class JudgeLost(Exception):
    """The judge died or ran past the student's wall time; the reason is for the report."""


class JudgeStartError(Exception):
    pass


class Judge:
    def __init__(self, config: Path, device: str, sandbox: str, log: Path, start_timeout: float = 300,
                 warm: str = "numpy,torch"):
        self.config, self.device, self.sandbox, self.log, self.warm = config, device, sandbox, log, warm
        self.start_timeout = start_timeout
        self.proc: subprocess.Popen | None = None
        self.hello: dict = {}
        self._lines: queue.Queue = queue.Queue()
        self._next_id = 0

    # -- life cycle --------------------------------------------------------------
    def start(self) -> dict:
        cmd = [sys.executable, "-m", "autograder.grade.judge", "--config", str(self.config),
               "--device", self.device, "--sandbox", self.sandbox, "--log", str(self.log),
               "--warm", self.warm]
        # A session of its own, so that killing the judge takes its workers along.
        self.proc = subprocess.Popen(cmd, cwd=KIT_ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True, encoding="utf-8",
                                     start_new_session=True)
        self._lines = queue.Queue()
        threading.Thread(target=self._read, args=(self.proc, self._lines), daemon=True).start()
        try:
            hello = self._wait(self.start_timeout)
        except TimeoutError:
            hello = {"error": f"no answer within {self.start_timeout:g} s (see {self.log})"}
        if hello is None or not hello.get("hello"):
            reason = (hello or {}).get("error") or f"see {self.log}"
            self.kill()
            raise JudgeStartError(f"the judge process did not start: {reason}")
        self.hello = hello
        return hello

    @staticmethod
    def _read(proc, lines):
        for line in proc.stdout:
            try:
                lines.put(json.loads(line))
            except ValueError:
                continue
        lines.put(None)

    def _wait(self, timeout: float):
        try:
            return self._lines.get(timeout=max(timeout, 0.01))
        except queue.Empty:
            raise TimeoutError from None

    def kill(self):
        proc, self.proc = self.proc, None
        if proc is None:
            return
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            proc.kill()
        except ProcessLookupError:
            pass
        proc.wait()
        for stream in (proc.stdin, proc.stdout):
            try:
                stream.close()
            except OSError:
                pass

    def stop(self, grace: float = 2.0):
        """End the judge now: SIGTERM lets it clean its sandboxes up (strays of a worker without
        bubblewrap included); SIGKILL to its process group after ``grace`` seconds."""
        proc = self.proc
        if proc is None:
            return
        try:
            proc.terminate()
            proc.wait(timeout=grace)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self.kill()

    def close(self):
        proc = self.proc
        if proc is None:
            return
        try:
            proc.stdin.close()
            proc.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self.kill()

    # -- one student ---------------------------------------------------------------
    def run(self, student: str, staged: Path, modules: list[str], results: Path, wall: float,
            files: list[Path] | None = None) -> dict:
        """The judge's reply for one student; JudgeLost when it died or overran (it is restarted).
        ``files``: test files to run instead of the modules' hidden suites."""
        if self.proc is None:
            self.start()
        self._next_id += 1
        job = {"id": self._next_id, "student": student, "staged": str(staged), "modules": modules,
               "results": str(results)}
        if files:
            job["files"] = [str(f) for f in files]
        deadline = time.monotonic() + wall
        try:
            self.proc.stdin.write(json.dumps(job, ensure_ascii=False) + "\n")
            self.proc.stdin.flush()
            while True:
                reply = self._wait(deadline - time.monotonic())
                if reply is None:
                    raise JudgeLost("採点プロセスが終了しました / the grading process died")
                if reply.get("id") == job["id"]:
                    return reply
        except TimeoutError:
            self.kill()
            raise JudgeLost(f"提出物全体の制限時間 {wall:g} 秒を超えました / "
                            f"the submission's wall-time limit of {wall:g} s was exceeded") from None
        except (BrokenPipeError, OSError):
            self.kill()
            raise JudgeLost("採点プロセスが終了しました / the grading process died") from None
        except JudgeLost:
            self.kill()
            raise
