"""Grade a class: stage each student, run the hidden suites in a judge process,
score, and write the student's reports atomically. Used by ``autograder grade``."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import platform
import queue
import shutil
import signal
import socket
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from .. import config as grading
from ..paths import GRADING_TOML, HIDDEN_TESTS
from ..report import feedback, gradebook, gradescope, status
from ..report import result as report
from . import classlist, inputs, lms, roster
from .judge_client import Judge, JudgeLost, JudgeStartError

KEY_VERSION = "grade-2"  # bump when scoring or reports change meaning (2: untouched stubs never pending)


@dataclass
class Options:
    submissions: Path
    out: Path = Path("grades")
    jobs: int = os.cpu_count() or 1
    only: list[str] = field(default_factory=list)
    students: list[str] = field(default_factory=list)
    force: bool = False
    device: str = "auto"
    config: Path = GRADING_TOML
    sandbox: str = "auto"
    roster: Path | None = None      # the class list: who should have handed something in
    pattern: str | None = None      # file-name pattern for an LMS download (else grading.toml's)
    cluster: str | None = None      # a Dask scheduler ("tcp://HOST:8786", a scheduler file) or "local:N"


@dataclass
class Outcome:
    student: str
    state: str          # "graded" | "cached"
    result: dict | None


@dataclass
class Job:
    """A student staged for the judge: what was decided without it, and the modules it must run."""
    student: inputs.Student
    staged: inputs.Staged
    started: str
    t0: float
    exercises: dict[str, dict]      # missing, or not stageable: decided here
    keep: dict[str, dict]           # --only: the stored result's other exercises
    to_run: list[str]               # modules for the judge


@dataclass
class JudgeRun:
    """What one judge made of some of a student's modules. ``raw``: the collector's outcomes;
    ``error``: why there are none (the judge died, overran or failed)."""
    modules: list[str]
    raw: dict | None = None
    error: str | None = None
    seconds: float = 0.0
    hello: dict = field(default_factory=dict)   # the judge's hello: sandbox kind, memory cap, device
    worker: dict | None = None                  # the Dask worker that ran it: name, host, address


def run_judge(judge: Judge, student: str, folder: Path, modules: list[str], results: Path,
              wall: float) -> JudgeRun:
    """Grade ``modules`` of the staged ``folder`` in ``judge``; a lost judge is the run's error."""
    try:
        reply = judge.run(student, folder, modules, results, wall)
    except JudgeLost as exc:
        return JudgeRun(modules, error=str(exc), hello=dict(judge.hello))
    seconds = float(reply.get("seconds", 0.0))
    raw = json.loads(results.read_text(encoding="utf-8")) if results.exists() else None
    if raw is None:
        why = reply.get("error") or f"pytest exit code {reply.get('exit')}"
        return JudgeRun(modules, error=f"採点でエラーが起きました / the grader failed: {why}", seconds=seconds,
                        hello=dict(judge.hello))
    return JudgeRun(modules, raw=raw, seconds=seconds, hello=dict(judge.hello))


def _sha(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def exercise_key(cfg: grading.GradingConfig, module: str) -> str:
    """Changes when the hidden suite, the exercise's grading.toml table or the limits change."""
    try:
        suite = (HIDDEN_TESTS / f"test_{module}.py").read_bytes()
    except OSError:
        suite = b"<no hidden suite>"
    table = json.dumps(cfg.raw.get("exercises", {}).get(module, {}), sort_keys=True, default=str).encode()
    limits = json.dumps(cfg.raw.get("limits", {}), sort_keys=True, default=str).encode()
    return "sha256:" + _sha(KEY_VERSION.encode(), suite, table, limits)


def expected_sandbox(choice: str) -> str:
    """The sandbox a run with ``--sandbox choice`` grades in (a judge that cannot have it stops the run)."""
    return "none" if choice == "none" else "bubblewrap"


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class BatchError(Exception):
    pass


class Interrupted(Exception):
    """Ctrl-C: the judges are gone and the gradebook matches the result.json files written."""

    def __init__(self, graded: int):
        super().__init__(f"interrupted: {graded} graded, run again to resume")
        self.graded = graded


class _Stopping(Exception):
    pass


class Batch:
    def __init__(self, options: Options, on_event=None):
        self.options = options
        self.on_event = on_event or (lambda *a, **k: None)
        try:
            self.cfg = grading.load(options.config)
            grading.check(self.cfg)  # a typo must stop the run, not change grades
            pattern = options.pattern or self.cfg.course.submission_pattern
            pattern = lms.compile_pattern(pattern, "--pattern" if options.pattern else
                                          "course.submission_pattern") if pattern else None
        except (grading.ConfigError, lms.PatternError) as exc:
            raise BatchError(str(exc)) from None
        self.exercises = list(self.cfg.exercises)
        unknown = [m for m in options.only if m not in self.cfg.exercises]
        if unknown:
            raise BatchError(f"--only: unknown exercise(s) {unknown}; known: {self.exercises}")
        self.selected = [m for m in self.exercises if m in options.only] if options.only else list(self.exercises)
        try:
            found = inputs.survey(Path(options.submissions), pattern)
            self.classlist = classlist.build(found, options.roster)
        except (inputs.InputError, roster.RosterError) as exc:
            raise BatchError(str(exc)) from None
        if not found.students:
            unplaced = "".join(f"\n  {u.path}: {u.reason}" for u in found.unplaced[:20])
            raise BatchError(f"{options.submissions}: 提出物が見つかりません / no submissions found "
                             f"(expected one folder or .zip per student, or an LMS download){unplaced}")
        everyone = found.students
        self.all_students = [s.id for s in everyone]
        if options.students:
            missing = sorted(set(options.students) - set(self.all_students))
            if missing:
                raise BatchError(f"--student: not found in {options.submissions}: {missing}")
            everyone = [s for s in everyone if s.id in options.students]
        self.students = everyone
        self.keys = {m: exercise_key(self.cfg, m) for m in self.exercises}
        self.config_hash = "sha256:" + _sha(Path(options.config).read_bytes())
        self.sandbox_kind = expected_sandbox(options.sandbox)
        self.sandbox_warning: str | None = None
        self.memory_cap: str | None = None
        self.device = options.device
        self._device_here: str | None = None
        self.out = Path(options.out)
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._judges: list[Judge] = []

    def warm_modules(self, modules: list[str] | None = None) -> str:
        """What the judge imports before its first student: numpy, and what the selected
        exercises (or ``modules``) declare (grading.toml's ``preload``: torch costs seconds per judge)."""
        return self.cfg.warm(self.selected if modules is None else modules)

    # -- resume --------------------------------------------------------------------------
    def up_to_date(self, student: inputs.Student, sub_hash: str) -> dict | None:
        """The stored result when every selected exercise was graded with today's keys."""
        if self.options.force:
            return None
        old = report.load(self.out / student.id / "result.json")
        if not old or old.get("submission", {}).get("hash") != sub_hash or old.get("config_hash") != self.config_hash:
            return None
        if old.get("error"):
            return old if old.get("sandbox", {}).get("kind") == self.sandbox_kind else None
        for module in self.selected:
            ex = old.get("exercises", {}).get(module)
            if not ex or ex.get("key") != self.keys[module] or ex.get("sandbox") != self.sandbox_kind:
                return None
            if ex.get("status") == report.NOT_GRADED:
                return None
            if status.parse(ex.get("status")).kind == status.PENDING and old.get("device") != self.device_here():
                return None  # pending work is retried where it may be gradable now (e.g. on a GPU)
        return old

    def device_here(self) -> str:
        """The device this run grades on ("auto" resolved), found once and only when needed."""
        with self._lock:
            if self._device_here is None:
                from ..pytest_plugin import resolve_device
                self._device_here = resolve_device(self.options.device)
            return self._device_here

    def assume_device(self, device: str) -> None:
        """Where this run grades GPU exercises when no judge of this machine says it (a cluster)."""
        with self._lock:
            self._device_here = self.device = device

    # -- the run ---------------------------------------------------------------------------
    def run(self) -> list[Outcome]:
        self.out.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix="autograder-grade-"))
        os.chmod(work, 0o700)
        try:
            if self.options.cluster:   # the one place where the class goes to a Dask cluster instead
                from .cluster import grade_on_cluster
                outcomes, errors, interrupted = grade_on_cluster(self, work)
            else:
                outcomes, errors, interrupted = self._grade_here(work)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        if errors and len(outcomes) < len(self.students) and not interrupted:
            raise BatchError(f"grading stopped: {errors[0]}")
        if self.device == "auto" and self._device_here:  # every student was up to date: no judge said it
            self.device = self._device_here
        maxima = {m: self.cfg.exercises[m].total for m in self.exercises}
        table = gradebook.write(self.out, self.all_students, self.exercises, maxima, self.classlist.people,
                                self.classlist.missing)
        counts = status.count(row["status"] for row in table)
        gradebook.write_summary(self.out, {
            "sandbox": {"kind": self.sandbox_kind, "warning": self.sandbox_warning, "memory_cap": self.memory_cap},
            "device": self.device, "students": len(table), "statuses": counts,
            "exercises": self.exercises, "maxima": maxima, "possible": self.cfg.total,
            "disabled": list(self.cfg.disabled), "course": self.cfg.course.name,
            "config_hash": self.config_hash, "written": _now(), "interrupted": interrupted,
            **self.classlist.summary()})
        self.table = table
        if interrupted:
            raise Interrupted(sum(1 for o in outcomes if o.state == "graded"))
        return outcomes

    def _grade_here(self, work: Path) -> tuple[list[Outcome], list[BaseException], bool]:
        """The students in ``--jobs`` judge processes of this machine: (outcomes, errors, interrupted)."""
        todo: queue.Queue = queue.Queue()
        for student in self.students:
            todo.put(student)
        outcomes: list[Outcome] = []
        errors: list[BaseException] = []
        slots = max(1, min(self.options.jobs, len(self.students)))

        def slot(index: int):
            judge = Judge(self.options.config, self.options.device, self.options.sandbox, work / f"judge-{index}.log",
                          warm=self.warm_modules())
            with self._lock:
                self._judges.append(judge)
            try:
                while not self._stopping.is_set():
                    try:
                        student = todo.get_nowait()
                    except queue.Empty:
                        return
                    self.on_event("start", student.id)
                    try:
                        outcome = self.grade_one(student, judge, work)
                    except JudgeStartError as exc:
                        errors.append(exc)
                        return
                    except _Stopping:
                        return
                    with self._lock:
                        outcomes.append(outcome)
                    self.on_event("done", student.id, outcome)
            except BaseException as exc:  # a bug here must not hang the batch
                errors.append(exc)
            finally:
                if not self._stopping.is_set():
                    judge.close()

        threads = [threading.Thread(target=slot, args=(i,), daemon=True) for i in range(slots)]
        interrupted = False
        try:
            for thread in threads:
                thread.start()
            for thread in threads:
                while thread.is_alive():
                    thread.join(0.2)
        except KeyboardInterrupt:
            interrupted = True
            self._stop(threads)
        return outcomes, errors, interrupted

    def _stop(self, threads: list[threading.Thread]) -> None:
        """Ctrl-C: no result is written from here on, every judge (and its sandboxes) ends
        within a few seconds, and the slots finish what they were writing."""
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)   # a second Ctrl-C must not cut this short
        try:
            self._stopping.set()
            with self._lock:
                judges = list(self._judges)
            for judge in judges:
                proc = judge.proc
                if proc is not None:
                    try:
                        proc.terminate()
                    except OSError:
                        pass
            for judge in judges:
                judge.stop(grace=2.0)
            for thread in threads:
                thread.join(1.0)
        finally:
            signal.signal(signal.SIGINT, previous)

    def grade_one(self, student: inputs.Student, judge: Judge, work: Path) -> Outcome:
        cached = self.cached(student)
        if cached is not None:
            return cached
        if self._stopping.is_set():
            raise _Stopping()
        if judge.proc is None:  # its hello says which sandbox every result records
            self.record_hello(judge.start())
        here = Path(tempfile.mkdtemp(prefix="s-", dir=work))
        try:
            job = self.prepare(student, here / "submission")
            runs = []
            if job.to_run:
                runs.append(run_judge(judge, student.id, job.staged.folder, job.to_run, here / "results.json",
                                      self.cfg.limits.submission_wall_seconds))
            if self._stopping.is_set():   # the judge was stopped under this student: not graded
                raise _Stopping()
            return self.finish(job, runs)
        finally:
            shutil.rmtree(here, ignore_errors=True)

    def cached(self, student: inputs.Student) -> Outcome | None:
        """The student's stored result when it is up to date (resume), else None."""
        stored = self.up_to_date(student, inputs.submission_hash(student))
        return Outcome(student.id, "cached", stored) if stored is not None else None

    def prepare(self, student: inputs.Student, folder: Path) -> Job:
        """Stage the student's modules into ``folder`` and decide what needs no judge."""
        started, t0 = _now(), time.monotonic()
        staged = inputs.stage(student, self.selected, folder, known=self.exercises)
        old = report.load(self.out / student.id / "result.json")
        keep = {}
        if old and old.get("submission", {}).get("hash") == staged.hash and not staged.submission_error:
            keep = {m: e for m, e in old.get("exercises", {}).items()
                    if m not in self.selected and m in self.cfg.exercises}  # --only merges
        exercises: dict[str, dict] = {}
        to_run = []
        if not staged.submission_error:
            for module in self.selected:
                ex = self.cfg.exercises[module]
                if module in staged.module_errors:
                    exercises[module] = report.simple_exercise(ex, f"error: {staged.module_errors[module]}",
                                                               self.keys[module])
                elif module not in staged.modules:
                    exercises[module] = report.simple_exercise(ex, report.MISSING, self.keys[module], 0.0)
                elif not (HIDDEN_TESTS / f"test_{module}.py").is_file():
                    exercises[module] = report.simple_exercise(
                        ex, "error: 採点用テストがありません / no hidden suite for this exercise (kit)",
                        self.keys[module])
                else:
                    to_run.append(module)
        return Job(student, staged, started, t0, exercises, keep, to_run)

    def finish(self, job: Job, runs: list[JudgeRun]) -> Outcome:
        """Score the judges' runs, write the student's reports and return the outcome."""
        student, staged = job.student, job.staged
        exercises = dict(job.exercises)
        for run in runs:
            for module in run.modules:
                ex = self.cfg.exercises[module]
                if run.raw is None:
                    exercises[module] = report.simple_exercise(ex, f"error: {run.error}", self.keys[module])
                else:
                    exercises[module] = report.exercise_result(ex, run.raw, self.keys[module])
                exercises[module]["worker"] = (run.worker or {}).get("name")
        for module, ex in exercises.items():
            ex["sandbox"] = self.sandbox_kind
            ex["graded_at"] = job.started
        merged = {m: (exercises.get(m) or job.keep.get(m)) for m in self.exercises
                  if m in exercises or m in job.keep}
        first = runs[0] if runs else None
        on_gpu = [r for r in runs if any(self.cfg.exercises[m].needs_gpu for m in r.modules)]
        worker = (first.worker if first and first.worker else
                  {"name": None, "host": socket.gethostname(), "address": None})
        result = {
            "schema": report.SCHEMA, "student": student.id,
            "name": self.classlist.people.get(student.id, {}).get("name", student.name),
            "submission": {"source": student.source.name, "kind": student.kind, "hash": staged.hash,
                           "files": staged.modules, "late": student.late},
            "config_hash": self.config_hash,
            "suites_hash": "sha256:" + _sha(*(self.keys[m].encode() for m in sorted(merged))),
            "sandbox": {"kind": self.sandbox_kind,
                        "warning": (first.hello.get("warning") if first else None) or self.sandbox_warning,
                        "memory_cap": (first.hello.get("memory_cap") if first else None) or self.memory_cap},
            "device": on_gpu[0].hello.get("device", self.device) if on_gpu and on_gpu[0].worker else self.device,
            "worker": worker,
            "error": staged.submission_error,
            "exercises": merged,
            "timing": {"started": job.started, "finished": _now(), "seconds": round(time.monotonic() - job.t0, 3),
                       "judge_seconds": round(sum(r.seconds for r in runs), 3)},
            "grader": {"python": platform.python_version(), "key_version": KEY_VERSION},
        }
        result["status"] = report.student_status(result, self.exercises)
        result["total"], result["possible"] = report.totals(result, self.cfg)
        self.write(result)
        return Outcome(student.id, "graded", result)

    def record_hello(self, hello: dict):
        """A judge's hello: the sandbox, memory cap and device results record; its warning, once."""
        with self._lock:
            self.sandbox_kind = hello.get("sandbox_kind", self.sandbox_kind)
            self.memory_cap = hello.get("memory_cap", self.memory_cap)
            self.device = hello.get("device", self.device)
            if hello.get("warning") and self.sandbox_warning is None:
                self.sandbox_warning = hello["warning"]
                self.on_event("warning", hello["warning"])

    def write(self, result: dict):
        """The derived files first, result.json (what resume trusts) last; each one atomically."""
        folder = self.out / result["student"]
        report.write_atomic(folder / "results.json", json.dumps(gradescope.gradescope(result), ensure_ascii=False,
                                                                indent=1) + "\n")
        report.write_atomic(folder / "feedback.md", feedback.markdown(result))
        report.write_atomic(folder / "feedback.html", feedback.html_page(result))
        report.write_atomic(folder / "result.json", json.dumps(result, ensure_ascii=False, indent=1) + "\n")
