"""Grade a class on a Dask cluster: ``autograder grade SUBMISSIONS --cluster ADDRESS``.

The process that started the run stages every student as the local slots do, sends the
staged files inside a Dask task, and scores and writes each result atomically as its reply
arrives. No file system is shared: the files go in the task, the judge's outcomes come back in
the reply. Each Dask worker grades with judges of its own on its own machine (kept warm by
``JudgePlugin`` for the run), with the kit installed there; the kit's version and sources, the
hidden suites' keys and grading.toml travel with every task, and a worker whose kit differs
refuses it. Exercises that need a GPU go only to workers started with ``--resources GPU=1``.

A worker that dies costs nothing: the scheduler gives its students to another worker. A
student whose task was on ``ALLOWED_FAILURES + 1`` workers that died is an ``error:``
(Dask's ``KilledWorker``), and the batch goes on.
"""
from __future__ import annotations

import contextlib
import hashlib
import re
import shutil
import socket
import tempfile
import threading
import uuid
from collections import OrderedDict
from pathlib import Path

from distributed import WorkerPlugin

from .. import __version__
from .. import config as grading
from ..paths import KIT_ROOT
from .batch import Batch, BatchError, Job, JudgeRun, Outcome, exercise_key, run_judge
from .judge_client import Judge, JudgeStartError

PLUGIN = "autograder-judges"
ALLOWED_FAILURES = 1          # a task may lose one worker; the second loss makes the student an error
WORKER_WAIT_SECONDS = 120     # a scheduler without workers: how long to wait for the first
CONNECT_SECONDS = 30
# What a worker's kit must share with the kit that started the run, besides the hidden suites
# (compared one by one through their exercise keys): folder and files hashed.
KIT_PARTS = {"autograder/": ("autograder", "**/*.py"), "exercises/": ("exercises", "*.py"),
             "solutions/": ("solutions", "*.py"), "data/hidden/": ("data/hidden", "**/*")}


class WorkerRefused(Exception):
    """A worker cannot grade for this run (another kit installed, or its judge cannot start)."""


# -- the kit a task carries ---------------------------------------------------------------
def _tree_hash(root: Path, pattern: str) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in root.glob(pattern) if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return "sha256:" + digest.hexdigest()


def kit_fingerprint() -> dict[str, str]:
    """The installed kit's version and a hash of each part that grading reads."""
    found = {"version": __version__}
    for label, (folder, pattern) in KIT_PARTS.items():
        found[label] = _tree_hash(KIT_ROOT / folder, pattern)
    return found


def kit_differences(task: dict, config: Path) -> list[str]:
    """What differs between this machine's kit and the kit that made ``task``."""
    mine, theirs = kit_fingerprint(), task["kit"]
    found = []
    if mine["version"] != theirs["version"]:
        found.append(f"kit version {mine['version']} here, {theirs['version']} where the run started")
    found += [f"{label} differs" for label in KIT_PARTS if mine[label] != theirs[label]]
    cfg = grading.load(config)
    found += [f"tests/hidden/test_{m}.py differs" for m in task["modules"]
              if exercise_key(cfg, m) != task["keys"][m]]
    return found


# -- the worker's side ----------------------------------------------------------------------
class JudgePlugin(WorkerPlugin):
    """Judges of one Dask worker, started on first use and kept warm between its students
    (one per task running at once, plus one; the least recently used beyond that is closed)."""

    name = PLUGIN

    def setup(self, worker):
        self.worker = worker
        self.folder = Path(tempfile.mkdtemp(prefix="autograder-judges-",
                                            dir=getattr(worker, "local_directory", None)))
        self._lock = threading.Lock()
        self._idle: OrderedDict[int, tuple[tuple, Judge]] = OrderedDict()
        self._busy: set[Judge] = set()
        self._count = 0
        self._keep = worker.state.nthreads + 1

    def teardown(self, worker):
        with self._lock:
            judges = [judge for _, judge in self._idle.values()] + list(self._busy)
            self._idle.clear()
            self._busy.clear()
        # Off the worker's event loop: each judge gets SIGTERM and cleans its sandboxes up.
        threading.Thread(target=lambda: [judge.stop(grace=2.0) for judge in judges], daemon=True).start()

    def config_file(self, data: bytes) -> Path:
        """The run's grading.toml on this machine (the judges read it from a file)."""
        path = self.folder / f"grading-{hashlib.sha256(data).hexdigest()[:16]}.toml"
        if not path.exists():
            tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
            tmp.write_bytes(data)
            tmp.replace(path)
        return path

    @contextlib.contextmanager
    def judge(self, settings: tuple):
        """An idle judge started with ``settings`` (config, device, sandbox, warm), or a new one."""
        retired = []
        with self._lock:
            found = next((n for n, (have, _) in self._idle.items() if have == settings), None)
            judge = self._idle.pop(found)[1] if found is not None else None
            if judge is None:
                self._count += 1
                config, device, sandbox, warm = settings
                judge = Judge(Path(config), device, sandbox, self.folder / f"judge-{self._count}.log", warm=warm)
            self._busy.add(judge)
        try:
            yield judge
        finally:
            with self._lock:
                self._busy.discard(judge)
                self._count += 1
                self._idle[self._count] = (settings, judge)
                while len(self._idle) > self._keep:
                    retired.append(self._idle.popitem(last=False)[1][1])
            for old in retired:
                old.close()


def grade_task(task: dict) -> JudgeRun:
    """Run on a Dask worker: one student's modules in this worker's judge; the reply is the run."""
    from distributed import get_worker
    worker = get_worker()
    me = {"name": str(worker.name), "host": socket.gethostname(), "address": worker.address}
    plugin = worker.plugins.get(PLUGIN)
    if plugin is None:
        raise WorkerRefused(f"worker {me['name']!r} on {me['host']}: the {PLUGIN} plugin is not registered")
    config = plugin.config_file(task["config"])
    differences = kit_differences(task, config)
    if differences:
        raise WorkerRefused(
            f"worker {me['name']!r} on {me['host']} refuses to grade: its installed kit differs from the kit that "
            f"started the run ({'; '.join(differences)}). Install the same kit on every machine (the same commit, "
            "then `make setup`) and restart its workers.")
    here = Path(tempfile.mkdtemp(prefix="s-", dir=plugin.folder))
    try:
        staged = here / "submission"
        staged.mkdir()
        for name, data in task["files"].items():
            if Path(name).name != name or not name.endswith(".py"):
                raise WorkerRefused(f"not a staged module file: {name!r}")
            (staged / name).write_bytes(data)
        with plugin.judge((str(config), task["device"], task["sandbox"], task["warm"])) as judge:
            if judge.proc is None:
                try:
                    judge.start()
                except JudgeStartError as exc:
                    raise WorkerRefused(f"worker {me['name']!r} on {me['host']}: {exc}") from None
            run = run_judge(judge, task["student"], staged, task["modules"], here / "results.json", task["wall"])
    finally:
        shutil.rmtree(here, ignore_errors=True)
    run.worker = me
    return run


def _allow_failures(count: int, dask_scheduler=None) -> int:
    """On the scheduler: how many worker deaths a task survives. Returns the value it had."""
    before = dask_scheduler.allowed_failures
    dask_scheduler.allowed_failures = count
    return before


# -- the side that started the run ---------------------------------------------------------------
def parse_cluster(spec: str) -> tuple[str, object]:
    """("local", N), ("address", "tcp://HOST:PORT") or ("file", a scheduler file)."""
    local = re.fullmatch(r"local:(\d+)", spec)
    if local:
        if int(local[1]) < 1:
            raise BatchError(f"--cluster {spec}: a local cluster needs at least one worker")
        return "local", int(local[1])
    if re.fullmatch(r"[a-z]+://\S+", spec):
        return "address", spec
    if re.fullmatch(r"[\w.-]+:\d+", spec):
        return "address", f"tcp://{spec}"
    if spec.endswith(".json") or Path(spec).is_file():
        if not Path(spec).is_file():
            raise BatchError(f"--cluster {spec}: no such scheduler file")
        return "file", Path(spec)
    raise BatchError(f"--cluster {spec!r}: expected tcp://HOST:PORT, a scheduler file (dask scheduler "
                     "--scheduler-file) or local:N")


def _gpu_here(batch: Batch, gpu_modules: list[str]) -> bool:
    """Whether a local cluster's workers grade GPU exercises on this machine's GPU."""
    return bool(gpu_modules) and batch.options.device != "cpu" and batch.device_here() == "cuda"


@contextlib.contextmanager
def connect(batch: Batch, gpu_modules: list[str]):
    """A Client for ``--cluster``: a new local cluster, or the scheduler given."""
    import dask
    from distributed import Client, LocalCluster
    kind, where = parse_cluster(batch.options.cluster)
    cluster = None
    try:
        if kind == "local":
            # Tasks wait on the scheduler, not on a worker (one per thread): a worker's death
            # touches only the students it was grading.
            with dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES,
                                  "distributed.scheduler.worker-saturation": 1.0}):
                cluster = LocalCluster(n_workers=where, threads_per_worker=1, processes=True,
                                       dashboard_address=None,
                                       resources={"GPU": 1} if _gpu_here(batch, gpu_modules) else None)
            client = Client(cluster)
        elif kind == "file":
            client = Client(scheduler_file=str(where), timeout=CONNECT_SECONDS)
        else:
            client = Client(where, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError, ValueError) as exc:
        if cluster is not None:
            cluster.close()
        raise BatchError(f"--cluster {batch.options.cluster}: cannot reach the Dask scheduler: {exc}") from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _killed_message(exc) -> str:
    last = getattr(exc, "last_worker", None)
    name = getattr(last, "name", None) or getattr(last, "address", "?")
    times = getattr(exc, "allowed_failures", ALLOWED_FAILURES) + 1
    return (f"採点中のワーカーが {times} 回停止しました / the grading worker died {times} times while grading "
            f"this submission (last: {name})")


def grade_on_cluster(batch: Batch, work: Path) -> tuple[list[Outcome], list[BaseException], bool]:
    """Batch.run's students on the Dask cluster of ``--cluster``: (outcomes, errors, interrupted)."""
    from distributed import KilledWorker, as_completed

    gpu_modules = [m for m in batch.selected if batch.cfg.exercises[m].needs_gpu]
    outcomes: list[Outcome] = []
    errors: list[BaseException] = []
    with connect(batch, gpu_modules) as client:
        try:
            client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
        except TimeoutError:
            raise BatchError(f"--cluster {batch.options.cluster}: no Dask worker joined within {WORKER_WAIT_SECONDS} s "
                             "(start one with `dask worker ADDRESS`)") from None
        try:
            before = client.run_on_scheduler(_allow_failures, ALLOWED_FAILURES)
            if before != ALLOWED_FAILURES:
                batch.on_event("note", f"scheduler: allowed-failures {before} → {ALLOWED_FAILURES} (a submission "
                                       f"on which {ALLOWED_FAILURES + 1} workers die is an error)")
        except Exception as exc:   # noqa: BLE001 - a scheduler that runs no code of ours still grades
            batch.on_event("note", f"scheduler: allowed-failures unchanged ({exc}); a submission may end more "
                                   "workers before it is an error")
        workers = client.scheduler_info(n_workers=-1)["workers"].values()
        gpu_workers = [w for w in workers if (w.get("resources") or {}).get("GPU", 0) >= 1]
        route_gpu = bool(gpu_modules) and batch.options.device != "cpu" and bool(gpu_workers)
        batch.assume_device("cuda" if route_gpu else "cpu")
        if gpu_modules and batch.options.device != "cpu" and not gpu_workers:
            batch.on_event("note", f"no worker has the GPU resource: {', '.join(gpu_modules)} stay pending "
                                   "(start a worker with --resources GPU=1)")
        client.register_plugin(JudgePlugin(), name=PLUGIN)
        common = {"config": Path(batch.options.config).read_bytes(), "kit": kit_fingerprint(), "sandbox": batch.options.sandbox,
                  "wall": batch.cfg.limits.submission_wall_seconds}
        run_id = uuid.uuid4().hex[:8]
        waiting: dict[str, tuple[Job, list, list]] = {}   # student -> (job, runs in part order, parts left)
        owner: dict[str, tuple[str, int, list[str]]] = {}  # task key -> (student, part, modules)
        futures = as_completed()

        cpu_warm = batch.warm_modules([m for m in batch.selected if m not in gpu_modules] if route_gpu else None)
        gpu_warm = batch.warm_modules(gpu_modules)

        def parts(to_run: list[str]) -> list[tuple[list[str], dict | None, str, str]]:
            """(modules, resources, device, warm) per task: GPU exercises apart, on GPU workers; each
            kind of task's judge warms what its own exercises preload (a CPU judge need not load torch)."""
            if not route_gpu:
                return [(to_run, None, "cpu", cpu_warm)]
            on_gpu = [m for m in to_run if m in gpu_modules]
            on_cpu = [m for m in to_run if m not in gpu_modules]
            return [p for p in [(on_cpu, None, "cpu", cpu_warm), (on_gpu, {"GPU": 1}, batch.options.device, gpu_warm)]
                    if p[0]]

        def done(outcome: Outcome) -> None:
            outcomes.append(outcome)
            batch.on_event("done", outcome.student, outcome)

        def arrived(future) -> bool:
            """Score the reply; False when the run must stop (a worker refused)."""
            student, part, modules = owner.pop(future.key)
            if future.status == "finished":
                run = future.result()
                batch.record_hello({k: v for k, v in run.hello.items() if k != "device"})
            elif future.status == "error" and isinstance(future.exception(), KilledWorker):
                run = JudgeRun(modules, error=_killed_message(future.exception()))
            else:
                exc = future.exception() if future.status == "error" else None
                errors.append(exc if isinstance(exc, WorkerRefused) else
                              RuntimeError(f"the task for {student} ended with {future.status}: "
                                           f"{type(exc).__name__}: {exc} (is the same kit installed on every "
                                           "worker and the scheduler?)"))
                return False
            future.release()
            job, runs, left = waiting[student]
            runs[part] = run
            left.remove(part)
            if not left:
                del waiting[student]
                done(batch.finish(job, [r for r in runs if r is not None]))
            return True

        submitted = []
        stopped = interrupted = False
        try:
            for student in batch.students:
                outcome = batch.cached(student)
                if outcome is not None:
                    done(outcome)
                    continue
                here = Path(tempfile.mkdtemp(prefix="s-", dir=work))
                try:
                    job = batch.prepare(student, here / "submission")
                    files = ({p.name: p.read_bytes() for p in sorted(job.staged.folder.iterdir()) if p.is_file()}
                             if job.to_run else {})
                finally:
                    shutil.rmtree(here, ignore_errors=True)
                split = parts(job.to_run)
                if not split:
                    done(batch.finish(job, []))
                    continue
                waiting[student.id] = (job, [None] * len(split), list(range(len(split))))
                batch.on_event("start", student.id)
                for part, (modules, resources, device, warm) in enumerate(split):
                    task = {**common, "student": student.id, "files": files, "modules": modules, "device": device,
                            "warm": warm, "keys": {m: batch.keys[m] for m in modules}}
                    future = client.submit(grade_task, task, key=f"grade-{student.id}-{part}-{run_id}",
                                           resources=resources, pure=False)
                    owner[future.key] = (student.id, part, modules)
                    submitted.append(future)
                    futures.add(future)
                for future in futures.next_batch(block=False):   # results written while staging goes on
                    if not arrived(future):
                        stopped = True
                        break
                if stopped:
                    break
            while not stopped and not futures.is_empty():
                if not arrived(next(futures)):
                    stopped = True
        except KeyboardInterrupt:
            interrupted = True
        finally:
            if stopped or interrupted:
                client.cancel(submitted)
            with contextlib.suppress(Exception):
                client.unregister_worker_plugin(PLUGIN)   # the workers' judges end with the run
    return outcomes, errors, interrupted
