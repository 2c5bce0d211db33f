"""Grading on Dask (`autograder grade --cluster`): the same gradebook as one machine, every
result naming the worker that graded it, workers that die or hold another kit, GPU routing.

Clusters here are real: a local cluster that the run starts (``local:N``), or a scheduler and
workers started as separate processes with the dask CLI, bound to 127.0.0.1."""
from __future__ import annotations

import csv
import json
import os
import signal
import socket
import subprocess
import sys
import time
import types
from pathlib import Path

import dask
import distributed
import psutil
import pytest

from autograder.author.stubs import strip_markers
from autograder.author.wrong_answers import discover, materialize, write_solution_copy
from autograder.grade import batch as batch_module
from autograder.grade import cluster
from autograder.grade.batch import Batch, BatchError, Options
from autograder.paths import EXERCISES, HIDDEN_TESTS, KIT_ROOT, SOLUTIONS

VENV_BIN = Path(sys.executable).parent
CPU_MODULES = ["activations", "perceptron"]
# What differs between two gradings of the same class: when, how long, and where.
VOLATILE = {"timing", "worker", "graded_at"}
# Dask's own background polling, which these short-lived clusters do not need (no dashboard is
# looked at, no worker comes near its memory limit): idle, two workers and a scheduler spend a
# sixth of a core on it by default, a fiftieth with these.
QUIET_DASK = {"distributed.admin.tick.interval": "500ms", "distributed.admin.system-monitor.interval": "5s",
              "distributed.worker.memory.monitor-interval": "1s", "distributed.worker.profile.enabled": False}
QUIET_DASK_ENV = {"DASK_" + key.upper().replace(".", "__").replace("-", "_"): str(value)
                  for key, value in QUIET_DASK.items()}


# -- a class ----------------------------------------------------------------------------------
def make_class(folder: Path, n: int, modules: list[str]) -> Path:
    """``n`` students: copies of the solutions and of planted mistakes, one with the released
    stubs and one without the first module (at least 4 students)."""
    wrong = [w for w in discover() if w.module in modules]
    for i in range(n):
        dest = folder / f"s{i:02d}"
        if i == 1:
            dest.mkdir(parents=True)
            for module in modules:
                (dest / f"{module}.py").write_text((EXERCISES / f"{module}.py").read_text(encoding="utf-8"))
            continue
        if i % 2 == 0:
            write_solution_copy(dest)
        else:
            materialize(wrong[(i // 2) % len(wrong)], dest)
        for extra in dest.glob("*.py"):
            if extra.stem not in modules or (i == 3 and extra.stem == modules[0]):
                extra.unlink()
    return folder


def gradebook_text(out: Path) -> str:
    return (out / "gradebook.csv").read_text(encoding="utf-8")


def results(out: Path) -> dict[str, dict]:
    return {p.parent.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(out.glob("*/result.json"))}


def without_volatile(value):
    if isinstance(value, dict):
        return {k: without_volatile(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [without_volatile(v) for v in value]
    return value


def grade_here(klass: Path, out: Path, only: list[str], **kw) -> Batch:
    """One judge (a judge's start costs more than a few students)."""
    batch = Batch(Options(submissions=klass, out=out, jobs=1, only=only, **kw))
    batch.run()
    return batch


def judged(result: dict) -> dict[str, dict]:
    """The exercises a judge graded (not missing, not cached from another run)."""
    return {m: e for m, e in result["exercises"].items() if "worker" in e and e["status"] != "missing"}


# -- dask CLI processes --------------------------------------------------------------------------
class DaskProcesses:
    """A `dask scheduler` and `dask worker`s, each in a process group of its own, on 127.0.0.1."""

    def __init__(self, folder: Path, env: dict | None = None):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.file = folder / "scheduler.json"
        self.env = {**os.environ, **QUIET_DASK_ENV, **(env or {})}
        self.procs: dict[str, subprocess.Popen] = {}
        self.worker_args: dict[str, tuple[str, ...]] = {}
        self.start("scheduler", [str(VENV_BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", "0",
                                 "--dashboard-address", "127.0.0.1:0", "--scheduler-file", str(self.file)])
        deadline = time.monotonic() + 60
        while not self.file.exists():
            assert time.monotonic() < deadline, self.log("scheduler")
            assert self.procs["scheduler"].poll() is None, self.log("scheduler")
            time.sleep(0.2)
        self._client = None

    def start(self, name: str, cmd: list[str]) -> None:
        log = open(self.folder / f"{name}.log", "a")
        self.procs[name] = subprocess.Popen(cmd, cwd=self.folder, stdout=log, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL, env=self.env, start_new_session=True)
        log.close()

    def worker(self, name: str, *extra: str) -> None:
        self.worker_args[name] = extra
        self.start(name, [str(VENV_BIN / "dask"), "worker", "--scheduler-file", str(self.file), "--name", name,
                          "--host", "127.0.0.1", "--nthreads", "1", "--no-dashboard", *extra])

    def log(self, name: str, tail: int = 3000) -> str:
        return (self.folder / f"{name}.log").read_text(errors="replace")[-tail:]

    @property
    def client(self):
        if self._client is None:
            from distributed import Client
            self._client = Client(scheduler_file=str(self.file), timeout=30)
        return self._client

    def wait_for(self, names: set[str], timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while {str(w["name"]) for w in self.workers().values()} < names:
            assert time.monotonic() < deadline, {n: self.log(n) for n in names}
            time.sleep(0.3)

    def workers(self) -> dict[str, dict]:
        return self.client.scheduler_info(n_workers=-1)["workers"]

    def names(self) -> dict[str, str]:
        """{address: worker name}"""
        return {address: str(w["name"]) for address, w in self.workers().items()}

    def ensure_workers(self, timeout: float = 120) -> None:
        """Every worker started so far runs (a test may have killed one): the missing are restarted,
        once the scheduler has let go of their names."""
        gone = {n for n in self.worker_args if n not in self.procs or self.procs[n].poll() is not None}
        deadline = time.monotonic() + timeout
        while gone & set(self.names().values()):
            assert time.monotonic() < deadline, f"the scheduler still lists {gone}"
            time.sleep(0.3)
        for name in sorted(gone):
            self.procs.pop(name, None)
            self.worker(name, *self.worker_args[name])
        self.wait_for(set(self.worker_args), timeout)

    def kill(self, name: str) -> list[int]:
        """SIGKILL the whole `dask worker` (nanny and worker): a machine gone. Returns the pids
        that were under it (its judges included, which live in sessions of their own)."""
        proc = self.procs.pop(name)
        under = [p.pid for p in psutil.Process(proc.pid).children(recursive=True)]
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        return under

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        for name in [n for n in self.procs if n != "scheduler"] + ["scheduler"]:
            proc = self.procs.pop(name, None)
            if proc is None:
                continue
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=20)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                with_kill = proc.poll() is None
                if with_kill:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()


def grade_cli(klass: Path, out: Path, address: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen([str(VENV_BIN / "autograder"), "grade", str(klass), "--out", str(out),
                             "--cluster", address, *args], cwd=KIT_ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env={**os.environ, **QUIET_DASK_ENV})


def alive(pids: list[int]) -> list[int]:
    found = []
    for pid in pids:
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                found.append(pid)
        except psutil.NoSuchProcess:
            continue
    return found


# -- addresses -----------------------------------------------------------------------------------
def test_cluster_addresses(tmp_path):
    file = tmp_path / "scheduler.json"
    file.write_text("{}")
    assert cluster.parse_cluster("local:3") == ("local", 3)
    assert cluster.parse_cluster("tcp://10.1.2.3:8786") == ("address", "tcp://10.1.2.3:8786")
    assert cluster.parse_cluster("gpu-head:8786") == ("address", "tcp://gpu-head:8786")
    assert cluster.parse_cluster(str(file)) == ("file", file)
    for bad, words in [("local:0", "at least one worker"), ("nowhere", "expected tcp://"),
                       (str(tmp_path / "gone.json"), "no such scheduler file")]:
        with pytest.raises(BatchError, match=words):
            cluster.parse_cluster(bad)


# -- classes ----------------------------------------------------------------------------------------
MODULES = CPU_MODULES + ["cifar10"]


# A cifar10 that trains in a blink: its cheap checks pass (the parameters move, the outputs depend
# on the image) and, without a GPU, its accuracy waits as any model's would. Where it is graded
# is what these tests look at, not how well it learns.
SMALL_CIFAR10 = """
import torch
from torch import nn


def build_model():
    return nn.Sequential(nn.AdaptiveAvgPool2d(4), nn.Flatten(), nn.Linear(48, 10))


def train(model, loader, device):
    model.to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    for x, y in loader:
        optimizer.zero_grad()
        nn.functional.cross_entropy(model(x.to(device)), y.to(device)).backward()
        optimizer.step()
"""


GPU_STUDENTS = [f"s{i:02d}" for i in range(6)]   # the first six hand cifar10 in


def mixed_class(folder: Path, n: int) -> Path:
    """``make_class`` over the CPU exercises, and cifar10 (a GPU exercise) handed in by the first
    six students: s01 the released stub, the others a small model that trains."""
    make_class(folder, n, CPU_MODULES)
    stub = (EXERCISES / "cifar10.py").read_text(encoding="utf-8")
    for student in GPU_STUDENTS:
        (folder / student / "cifar10.py").write_text(stub if student == "s01" else SMALL_CIFAR10, encoding="utf-8")
    return folder


CLASS_SIZE = 20   # issue 13: the cluster grades a class of at least 20 students


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory):
    """The class every cluster run of this module grades, and its grading on this machine (the
    results the clusters must reproduce): (class folder, results folder)."""
    base = tmp_path_factory.mktemp("class")
    klass = mixed_class(base / "class", CLASS_SIZE)
    grade_here(klass, base / "here", MODULES)
    return klass, base / "here"


# -- a local cluster of 2 workers ------------------------------------------------------------------
@pytest.fixture
def quiet_dask():
    """QUIET_DASK for the local clusters a run starts (their scheduler, nannies and workers)."""
    with dask.config.set(QUIET_DASK):
        yield


@pytest.mark.slow(seconds=75)   # starts a Dask cluster and judges; 75: this file (see the root conftest.py)
def test_local_cluster_grades_as_one_machine_does(graded_class, quiet_dask, tmp_path):
    klass, here = graded_class
    only = MODULES
    grade_here(klass, tmp_path / "there", only, cluster="local:2")
    assert gradebook_text(tmp_path / "there") == gradebook_text(here)
    mine, theirs = results(here), results(tmp_path / "there")
    assert set(theirs) == set(mine) == {f"s{i:02d}" for i in range(CLASS_SIZE)}
    for student, result in theirs.items():
        assert without_volatile(result) == without_volatile(mine[student]), student
        assert result["worker"]["name"] in {"0", "1"} and result["worker"]["host"] == socket.gethostname()
        assert result["worker"]["address"].startswith("tcp://127.0.0.1:")
        assert mine[student]["worker"] == {"name": None, "host": socket.gethostname(), "address": None}
        assert {e["worker"] for e in judged(result).values()} == {result["worker"]["name"]}
    # No worker has the GPU resource: cifar10 is pending, as on this machine without a GPU,
    # except for the untouched stub ("not started", 0 points, on any device).
    assert theirs["s00"]["exercises"]["cifar10"]["status"].startswith("pending: needs a GPU")
    assert theirs["s01"]["exercises"]["cifar10"]["not_started"] is True
    assert json.loads((tmp_path / "there" / "summary.json").read_text())["device"] == "cpu"

    # Resume: the cluster skips what is up to date, --force regrades it (one worker is enough).
    again = Batch(Options(submissions=klass, out=tmp_path / "there", only=only, cluster="local:1"))
    assert {o.state for o in again.run()} == {"cached"}
    forced = Batch(Options(submissions=klass, out=tmp_path / "there", only=only[:1], cluster="local:1",
                           students=["s00"], force=True))
    assert [o.state for o in forced.run()] == ["graded"]
    assert results(tmp_path / "there")["s00"]["worker"]["name"] == "0"
    assert gradebook_text(tmp_path / "there") == gradebook_text(here)   # --only merged


# -- a scheduler and two workers started by hand, one of them with a GPU -------------------------------
# One scheduler for the module, started as README says (tasks wait on the scheduler), with a CPU
# worker and a "GPU" worker. The batch in which a worker is killed is graded last; a test after
# it would have the dead worker restarted.
@pytest.fixture(scope="module")
def dask_cluster(tmp_path_factory):
    processes = DaskProcesses(tmp_path_factory.mktemp("dask"),
                              env={"DASK_DISTRIBUTED__SCHEDULER__WORKER_SATURATION": "1.0"})
    try:
        processes.worker("cpu1")
        processes.worker("gpu1", "--resources", "GPU=1")
        processes.wait_for({"cpu1", "gpu1"})
        yield processes
    finally:
        processes.close()


@pytest.fixture
def dask_cli(dask_cluster):
    dask_cluster.ensure_workers()
    return dask_cluster


@pytest.mark.slow   # starts a Dask cluster and judges
def test_gpu_exercises_go_only_to_gpu_workers(dask_cli, graded_class, tmp_path, monkeypatch):
    # The students who hand cifar10 in: both workers are free when the run starts, and only the
    # one with the GPU resource may take their cifar10; their activations go anywhere.
    klass, here = graded_class
    only = ["activations", "cifar10"]
    sent, submit = [], distributed.Client.submit

    def recorded(client, function, task, **kwargs):
        sent.append(task)
        return submit(client, function, task, **kwargs)

    monkeypatch.setattr(distributed.Client, "submit", recorded)
    there = grade_here(klass, tmp_path / "there", only, cluster=str(dask_cli.file), students=GPU_STUDENTS)
    mine, theirs = results(here), results(tmp_path / "there")
    assert set(theirs) == set(GPU_STUDENTS)
    graded_by = {module: set() for module in only}
    for student, result in theirs.items():
        for module in only:
            ex, local = result["exercises"][module], mine[student]["exercises"][module]
            assert without_volatile(ex) == without_volatile(local), (student, module)
        for module, ex in judged(result).items():
            graded_by[module].add(ex["worker"])
        assert result["worker"]["name"] in {"cpu1", "gpu1"}
    assert graded_by["cifar10"] == {"gpu1"}          # never the worker without the resource
    assert graded_by["activations"] <= {"cpu1", "gpu1"} and graded_by["activations"]
    # Each kind of task's judge warms what its own exercises preload: torch only for cifar10.
    assert {(tuple(task["modules"]), task["warm"]) for task in sent} == {
        (("activations",), "numpy"), (("cifar10",), "numpy,torch")}
    # The GPU worker has no CUDA here: its judge says so, and the exercise waits for one.
    assert theirs["s00"]["exercises"]["cifar10"]["status"].startswith("pending: needs a GPU")
    assert theirs["s00"]["device"] == "cpu"
    assert there.device == "cuda"   # the run had a GPU worker: pending work is tried again on a rerun


@pytest.mark.slow   # starts a Dask cluster and judges
def test_worker_with_another_kit_refuses(dask_cli, tmp_path, monkeypatch):
    klass = make_class(tmp_path / "class", 4, ["activations"])
    monkeypatch.setattr(cluster, "__version__", "0.0.0-elsewhere")   # the kit that starts the run
    with pytest.raises(BatchError) as caught:
        grade_here(klass, tmp_path / "grades", ["activations"], cluster=str(dask_cli.file))
    message = str(caught.value)
    assert "refuses to grade" in message and "0.0.0-elsewhere where the run started" in message
    assert "make setup" in message
    assert not list((tmp_path / "grades").glob("*/result.json"))


@pytest.mark.slow   # starts a Dask cluster and judges
def test_worker_with_another_hidden_suite_refuses(dask_cli, tmp_path, monkeypatch):
    klass = make_class(tmp_path / "class", 4, ["activations", "perceptron"])
    edited = tmp_path / "hidden"
    edited.mkdir()
    for suite in HIDDEN_TESTS.glob("test_*.py"):
        (edited / suite.name).write_bytes(suite.read_bytes())
    with open(edited / "test_perceptron.py", "a", encoding="utf-8") as handle:
        handle.write("\n# edited where the run starts, not on the workers\n")
    monkeypatch.setattr(batch_module, "HIDDEN_TESTS", edited)
    with pytest.raises(BatchError, match=r"tests/hidden/test_perceptron\.py differs") as caught:
        grade_here(klass, tmp_path / "grades", ["activations", "perceptron"], cluster=str(dask_cli.file))
    assert "test_activations.py" not in str(caught.value)
    assert not list((tmp_path / "grades").glob("*/result.json"))


SLOW_SIGMOID = """

def sigmoid(x):   # long enough to be caught while it is being graded
    import time
    time.sleep(10)
    return 1 / (1 + np.exp(-x))
"""


@pytest.mark.slow
def test_a_student_whose_worker_dies_twice_is_an_error(dask_cli, tmp_path):
    # The jail keeps a submission from signalling the Dask worker (even without bubblewrap it runs
    # under another uid), so the test plays what can still end a worker under a student: the
    # machine's OOM killer, a crash. Dask reschedules the student once and gives up the second time.
    klass = tmp_path / "class"
    solved = strip_markers((SOLUTIONS / "activations.py").read_text(encoding="utf-8"))
    for student, source in [("s00", solved), ("slow", solved + SLOW_SIGMOID)]:
        (klass / student).mkdir(parents=True)
        (klass / student / "activations.py").write_text(source, encoding="utf-8")
    # Tasks wait on the scheduler (one per worker thread): the slow student is the only one on
    # the worker each time that worker dies; its nanny restarts it.
    logs_before = {name: len(dask_cli.log(name, tail=10**9)) for name in dask_cli.worker_args}
    run = grade_cli(klass, tmp_path / "grades", str(dask_cli.file), "--only", "activations")
    try:
        deadline = time.monotonic() + 300
        killed: list[str] = []    # the addresses killed, in order
        names: dict[str, str] = {}
        while len(killed) < 2:
            assert run.poll() is None and time.monotonic() < deadline, run.communicate()[0][-3000:]
            holding = [addr for addr, keys in dask_cli.client.processing().items()
                       if any(str(key).startswith("grade-slow-") for key in keys) and addr not in killed]
            if not holding:
                time.sleep(0.1)
                continue
            names.update(dask_cli.names())
            pid = dask_cli.client.run(os.getpid, workers=holding[:1])[holding[0]]
            os.kill(pid, signal.SIGKILL)   # the worker process; its nanny starts a new one
            killed.append(holding[0])
        output, _ = run.communicate(timeout=300)
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
    assert run.returncode == 0, output[-3000:]
    deaths = sum(dask_cli.log(name, tail=10**9)[logs_before[name]:].count("was killed by signal 9")
                 for name in dask_cli.worker_args)
    assert deaths == 2, {name: dask_cli.log(name) for name in dask_cli.worker_args}
    graded = results(tmp_path / "grades")
    assert set(graded) == {"slow", "s00"}
    status = graded["slow"]["exercises"]["activations"]["status"]
    assert status.startswith("error:") and "died 2 times" in status and names[killed[-1]] in status, status
    assert graded["slow"]["status"].startswith("error:")
    ex = graded["s00"]["exercises"]["activations"]   # the rest of the class is graded
    assert ex["status"] == "graded" and ex["points"] == ex["possible"]


# -- Done when: workers die mid-batch --------------------------------------------------------------
@pytest.fixture(scope="module")
def killed_run(dask_cluster, graded_class, tmp_path_factory):
    """Issue 13's Done when: the scheduler and the two workers started with the dask CLI grade the
    class of 20 students (`autograder grade --cluster`), and once the first results are on disk the
    CPU worker is killed while it grades a student (the GPU worker must live: six students hand
    cifar10 in, which only it may grade). The class graded here is the comparison."""
    dask_cluster.ensure_workers()
    klass, here = graded_class
    found = types.SimpleNamespace(out=tmp_path_factory.mktemp("killed") / "there", here=here, victim="cpu1",
                                  survivor="gpu1")
    run = grade_cli(klass, found.out, str(dask_cluster.file), *[f"--only={m}" for m in MODULES])
    try:
        deadline = time.monotonic() + 300
        while not list(found.out.glob("*/result.json")):
            assert run.poll() is None and time.monotonic() < deadline, run.communicate()[0][-3000:]
            time.sleep(0.1)
        # The victim is grading a student now; killing it loses that task's judge too.
        while True:
            names = dask_cluster.names()
            if found.victim in {names.get(a) for a, keys in dask_cluster.client.processing().items() if keys}:
                break
            assert run.poll() is None and time.monotonic() < deadline, "the batch ended before a worker was killed"
        found.written_before = len(list(found.out.glob("*/result.json")))
        under = dask_cluster.kill(found.victim)
        found.output, _ = run.communicate(timeout=300)
        found.returncode = run.returncode
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
    # The killed worker's judges and sandboxes end by themselves: their parent is gone.
    deadline = time.monotonic() + 30
    while alive(under) and time.monotonic() < deadline:
        time.sleep(0.5)
    found.left_running = [psutil.Process(p).cmdline() for p in alive(under)]
    return found


@pytest.mark.slow
def test_a_worker_killed_mid_batch_costs_nothing(killed_run):
    assert killed_run.returncode == 0, killed_run.output[-3000:]
    assert not killed_run.left_running
    assert killed_run.written_before < CLASS_SIZE
    assert gradebook_text(killed_run.out) == gradebook_text(killed_run.here)
    graded = results(killed_run.out)
    assert len(graded) == CLASS_SIZE
    by = {student: result["worker"]["name"] for student, result in graded.items()}
    assert set(by.values()) <= {killed_run.victim, killed_run.survivor} and killed_run.survivor in by.values()
    for result in graded.values():
        assert result["worker"]["host"] == socket.gethostname()
        # one task grades a student's CPU exercises; cifar10, another, on the GPU worker
        assert {e["worker"] for m, e in judged(result).items() if m in CPU_MODULES} == {result["worker"]["name"]}
        if "cifar10" in judged(result):
            assert judged(result)["cifar10"]["worker"] == killed_run.survivor


# -- Slurm through dask-jobqueue (examples/slurm_grade.py): the job scripts, nothing submitted --------
def test_slurm_example_job_scripts(tmp_path):
    done = subprocess.run([sys.executable, str(KIT_ROOT / "examples" / "slurm_grade.py"), str(tmp_path / "class"),
                           "--out", str(tmp_path / "grades"), "--partition", "short", "--gpu-partition", "gpu",
                           "--print-job-scripts"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    cpu, gpu = done.stdout.split("# GPU worker job")
    for script in (cpu, gpu):
        assert "#!/usr/bin/env bash" in script and f"cd {KIT_ROOT}" in script
        assert f"{VENV_BIN / 'python'} -m distributed.cli.dask_worker tcp://" in script
        assert "--nthreads 1" in script
    assert "#SBATCH -p short" in cpu and "--gres" not in cpu and "GPU=1" not in cpu
    assert "#SBATCH -p gpu" in gpu and "#SBATCH --gres=gpu:1" in gpu and "--resources GPU=1" in gpu
