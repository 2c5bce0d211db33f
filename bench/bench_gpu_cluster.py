"""The GPU run of issue 13 (grading on Dask), prepared for a machine with a GPU; prints figures,
asserts nothing.

    python3 bench/bench_gpu_cluster.py [--work /tmp/kit-gpu-cluster]
    .venv/bin/python bench/bench_gpu_cluster.py --device cpu --train 2000 --test 500   # a dry run

One script, so that a lent GPU machine runs it once; each step has its own time limit and the
whole is meant to stay under 4 minutes on an H100:

1. a `dask scheduler` and two `dask worker`s on 127.0.0.1, started as separate processes with the
   dask CLI (``python -m distributed.cli.dask_*``, so no console script is needed): "gpu1" with
   ``--resources GPU=1`` and "cpu1" without;
2. a full-size synthetic set in the CIFAR-10 on-disk layout (50,000 / 10,000 images; the real set
   cannot be downloaded there), which the workers find through KIT_CIFAR10_DIR;
3. ``autograder grade CLASS --cluster tcp://... --only cifar10 --device cuda`` on the example
   class's perfect, mistakes and stubs students (examples/make_examples.py);
4. the gradebook, the seconds per student (the whole student and the judge), which worker graded
   each (and on which host), and the peak GPU memory in use (nvidia-smi, sampled).

The kit need not be pip-installed: the repository root goes on the workers' PYTHONPATH. Dask's own
wheels (bench/gpu_wheels.txt) must be importable by ``python3``. Without bubblewrap the run says
``--sandbox none`` explicitly.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_gpu import GpuMemory, step  # noqa: E402


class Processes:
    """The scheduler and workers, each in a session of its own; all ended at the end."""

    def __init__(self, folder: Path, env: dict):
        self.folder, self.env = folder, env
        self.procs: dict[str, subprocess.Popen] = {}

    def start(self, name: str, args: list[str]) -> None:
        cmd = [sys.executable, "-m", *args]
        print("$ " + " ".join(cmd), flush=True)
        with open(self.folder / f"{name}.log", "w") as log:
            self.procs[name] = subprocess.Popen(cmd, cwd=self.folder, env=self.env, stdout=log,
                                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                                start_new_session=True)

    def log(self, name: str, tail: int = 2000) -> str:
        path = self.folder / f"{name}.log"
        return path.read_text(errors="replace")[-tail:] if path.exists() else ""

    def close(self) -> None:
        for name in [n for n in self.procs if n != "scheduler"] + ["scheduler"]:
            proc = self.procs.pop(name, None)
            if proc is None or proc.poll() is not None:
                continue
            try:
                os.killpg(proc.pid, 15)
                proc.wait(timeout=15)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(proc.pid, 9)
                except ProcessLookupError:
                    pass
                proc.wait()


def wait_for_workers(scheduler_file: Path, names: set[str], timeout: float, procs: Processes) -> bool:
    from distributed import Client
    deadline = time.monotonic() + timeout
    while not scheduler_file.exists():
        if time.monotonic() > deadline or procs.procs["scheduler"].poll() is not None:
            print("the scheduler did not start:\n" + procs.log("scheduler"))
            return False
        time.sleep(0.2)
    with Client(scheduler_file=str(scheduler_file), timeout=30) as client:
        while True:
            workers = client.scheduler_info(n_workers=-1)["workers"].values()
            have = {str(w["name"]): w.get("resources") or {} for w in workers}
            if names <= set(have):
                print(f"scheduler {client.scheduler.address}; workers: "
                      + ", ".join(f"{n} (resources {r})" for n, r in sorted(have.items())))
                return True
            if time.monotonic() > deadline:
                print(f"workers {sorted(names - set(have))} did not join within {timeout:.0f} s")
                for name in sorted(names - set(have)):
                    print(f"--- {name}.log ---\n{procs.log(name)}")
                return False
            time.sleep(0.3)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", default="/tmp/kit-gpu-cluster")
    parser.add_argument("--students", default="perfect,mistakes,stubs", help="example students (comma-separated)")
    parser.add_argument("--train", type=int, default=50_000, help="training images (a dry run on a CPU: fewer)")
    parser.add_argument("--test", type=int, default=10_000)
    parser.add_argument("--device", default="cuda", choices=["cuda", "cpu"], help="cpu: a dry run of the script")
    parser.add_argument("--grade-timeout", type=int, default=170, help="seconds for the grading step")
    args = parser.parse_args()
    t_all = time.perf_counter()
    work = Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    try:
        subprocess.run(["nvidia-smi", "--query-gpu=name,memory.total,driver_version", "--format=csv"], timeout=30)
    except (OSError, subprocess.SubprocessError) as exc:
        print(f"nvidia-smi: {exc}")
    try:
        import dask
        import distributed
        print(f"python {sys.version.split()[0]}; dask {dask.__version__}; distributed {distributed.__version__}")
    except ImportError as exc:
        print(f"Dask is not importable ({exc}): install bench/gpu_wheels.txt first")
        return 1

    step(f"1. a synthetic CIFAR-10 ({args.train:,} / {args.test:,})")
    from autograder.data import cifar10
    data = work / "cifar10"
    started = time.perf_counter()
    cifar10.write_fixture(data, n_train=args.train, n_test=args.test, seed=0)
    print(f"written in {time.perf_counter() - started:.1f} s")

    step("2. the example class")
    klass = work / "class"
    code = subprocess.run([sys.executable, "examples/make_examples.py", str(klass)], cwd=ROOT, timeout=120,
                          capture_output=True, text=True)
    print((code.stdout + code.stderr)[-600:])

    step("3. a dask scheduler, worker gpu1 (--resources GPU=1) and worker cpu1")
    dask_dir = work / "dask"
    dask_dir.mkdir()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT)] + [p for p in [os.environ.get("PYTHONPATH")] if p]),
           "KIT_CIFAR10_DIR": str(data)}
    scheduler_file = dask_dir / "scheduler.json"
    procs = Processes(dask_dir, env)
    sandbox = "auto" if shutil.which("bwrap") else "none"
    try:
        started = time.perf_counter()
        procs.start("scheduler", ["distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
                                  "--no-dashboard", "--scheduler-file", str(scheduler_file)])
        common = ["--scheduler-file", str(scheduler_file), "--host", "127.0.0.1", "--nthreads", "1",
                  "--no-dashboard", "--local-directory", str(dask_dir)]
        procs.start("gpu1", ["distributed.cli.dask_worker", *common, "--name", "gpu1", "--resources", "GPU=1"])
        procs.start("cpu1", ["distributed.cli.dask_worker", *common, "--name", "cpu1"])
        if not wait_for_workers(scheduler_file, {"gpu1", "cpu1"}, 90, procs):
            return 1
        address = json.loads(scheduler_file.read_text())["address"]
        print(f"up in {time.perf_counter() - started:.1f} s")

        step(f"4. autograder grade --cluster {address} --only cifar10 --device {args.device}")
        out = work / "grades"
        students = [s for s in args.students.split(",") if s]
        cmd = [sys.executable, "-m", "autograder", "grade", str(klass), "--out", str(out), "--only", "cifar10",
               "--device", args.device, "--cluster", address, "--sandbox", sandbox] + [f"--student={s}" for s in students]
        print("$ " + " ".join(cmd), flush=True)
        started = time.perf_counter()
        with GpuMemory() as gpu:
            try:
                run = subprocess.run(cmd, cwd=ROOT, env=env, timeout=args.grade_timeout, capture_output=True,
                                     text=True)
                code, output = run.returncode, run.stdout + run.stderr
            except subprocess.TimeoutExpired as exc:
                code, output = f"stopped after {args.grade_timeout} s", str(exc.stdout or "")
        seconds = time.perf_counter() - started
        print(output[-4000:])
        print(f"exit {code}; {seconds:.1f} s in all for {len(students)} students; "
              f"peak GPU memory in use (nvidia-smi): {gpu.peak} MiB")
        if code != 0:
            for name in ("gpu1", "cpu1", "scheduler"):
                print(f"--- {name}.log ---\n{procs.log(name)}")

        step("5. figures")
        book = out / "gradebook.csv"
        print(book.read_text(encoding="utf-8") if book.exists() else "(no gradebook)")
        print(f"{'student':10} {'points':>8} {'seconds':>8} {'judge s':>8}  {'worker':8} {'host':16} "
              f"{'device':6} status")
        for path in sorted(out.glob("*/result.json")):
            result = json.loads(path.read_text(encoding="utf-8"))
            ex = result["exercises"].get("cifar10", {})
            worker = result.get("worker") or {}
            print(f"{result['student']:10} {str(ex.get('points')) + '/' + str(ex.get('possible')):>8} "
                  f"{result['timing']['seconds']:8.1f} {result['timing']['judge_seconds']:8.1f}  "
                  f"{str(worker.get('name')):8} {str(worker.get('host')):16} {str(result.get('device')):6} "
                  f"{ex.get('status', '')[:70]!r}")
    finally:
        procs.close()
        print(f"\n{time.perf_counter() - t_all:.1f} s for the whole script")
    return 0


if __name__ == "__main__":
    sys.exit(main())
