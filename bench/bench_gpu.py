"""The GPU run of issue 10, prepared for a machine with a GPU; prints figures, asserts nothing.

    .venv/bin/python bench/bench_gpu.py [--work /tmp/kit-gpu] [--students perfect,mistakes,stubs]

One script, so that a lent GPU machine runs it once (each step has its own time limit):

1. CUDA inside the jail: a bubblewrap worker with device "cuda" and the kit's memory cap
   (RLIMIT_DATA or a cgroup; never RLIMIT_AS) starts CUDA, allocates and computes on the GPU,
   and reports the device, its memory and how long starting CUDA took.
2. ``bench/bench_cifar10.py`` on a full-size synthetic set in the CIFAR-10 on-disk layout
   (50,000 / 10,000 images; the real set cannot be downloaded there): training time,
   accuracy (of synthetic images), judge time, peak GPU memory. The set keeps its fixture
   mark (the loader checks the real set's checksums otherwise), so the judge applies the
   fixture's tiers and time budgets of grading.toml.
3. ``autograder grade`` on the example class, ``--only cifar10 --device cuda``, with
   KIT_CIFAR10_DIR pointing at that set: the gradebook, the judge's seconds per student and
   the GPU memory in use at its peak (nvidia-smi, sampled).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CUDA_STUDENT = '''
import time

def start_cuda():
    started = time.perf_counter()
    import torch
    torch.cuda.init()
    x = torch.randn(4096, 4096, device="cuda")
    y = (x @ x).sum().item()
    torch.cuda.synchronize()
    return {"seconds": time.perf_counter() - started, "device": torch.cuda.get_device_name(0),
            "allocated_mb": torch.cuda.memory_allocated() / 2**20, "finite": y == y,
            "capability": list(torch.cuda.get_device_capability(0))}
'''


def step(title: str) -> None:
    print(f"\n=== {title} ===", flush=True)


def cuda_in_the_jail(device: str) -> None:
    import tempfile

    from autograder.bridge import Submission
    from autograder.config import load
    from autograder.jail import WorkerPool
    limits = load().limits
    with tempfile.TemporaryDirectory() as tmp, WorkerPool(limits, device=device, sandbox="bubblewrap") as pool:
        Path(tmp, "gpu.py").write_text(CUDA_STUDENT, encoding="utf-8")
        print(f"sandbox {pool.sandbox_kind}; memory cap {pool.memory_cap.kind} ({pool.memory_cap.detail}); "
              f"memory_mb {limits.memory_mb}")
        sub = Submission(pool.open(Path(tmp)), default_timeout=120)
        try:
            print("CUDA in the jail:", json.dumps(sub.gpu.start_cuda()))
        except Exception as exc:   # the figure to report is the failure itself
            print(f"CUDA in the jail FAILED: {type(exc).__name__}: {exc}")
        finally:
            sub.close()


class GpuMemory:
    """Peak GPU memory in use (all processes), sampled with nvidia-smi."""

    def __init__(self):
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            try:
                out = subprocess.run(["nvidia-smi", "--query-gpu=memory.used", "--format=csv,noheader,nounits"],
                                     capture_output=True, text=True, timeout=10).stdout
                self.peak = max([self.peak] + [int(v) for v in out.split() if v.isdigit()])
            except (OSError, subprocess.SubprocessError):
                return
            self._stop.wait(0.5)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(5)


def run(cmd: list[str], timeout: int, env: dict | None = None) -> int:
    print("$ " + " ".join(cmd), flush=True)
    try:
        return subprocess.run(cmd, cwd=ROOT, env=env, timeout=timeout).returncode
    except subprocess.TimeoutExpired:
        print(f"(stopped after {timeout} s)")
        return -1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", default="/tmp/kit-gpu")
    parser.add_argument("--students", default="perfect,mistakes,stubs",
                        help="example students to grade (comma-separated; 'all' for the whole class)")
    parser.add_argument("--runs", type=int, default=2, help="bench_cifar10 training runs")
    parser.add_argument("--train", type=int, default=50_000, help="training images (a dry run on a CPU: fewer)")
    parser.add_argument("--test", type=int, default=10_000)
    parser.add_argument("--device", default="cuda", choices=["cuda", "cpu"], help="cpu: a dry run of the script")
    parser.add_argument("--skip-bench", action="store_true")
    parser.add_argument("--skip-class", action="store_true")
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(["nvidia-smi", "--query-gpu=name,memory.total,driver_version", "--format=csv"], timeout=30)
    except (OSError, subprocess.SubprocessError) as exc:
        print(f"nvidia-smi: {exc}")

    step("1. CUDA inside the jail")
    cuda_in_the_jail(args.device)

    step(f"2. a synthetic CIFAR-10 ({args.train:,} / {args.test:,}) and bench_cifar10")
    from autograder.data import cifar10
    data = work / "cifar10"
    if not (data / cifar10.PYTHON_FOLDER).exists():
        started = time.perf_counter()
        cifar10.write_fixture(data, n_train=args.train, n_test=args.test, seed=0)
        print(f"written in {time.perf_counter() - started:.1f} s")
    if not args.skip_bench:
        with GpuMemory() as gpu:
            run([sys.executable, "bench/bench_cifar10.py", "--data", str(data), "--device", args.device,
                 "--runs", str(args.runs)], timeout=900)
        print(f"peak GPU memory in use during bench_cifar10 (nvidia-smi): {gpu.peak} MiB")

    if not args.skip_class:
        step(f"3. autograder grade --only cifar10 --device {args.device} on the example class")
        klass = work / "class"
        shutil.rmtree(klass, ignore_errors=True)
        run([sys.executable, "examples/make_examples.py", str(klass)], timeout=300)
        out = work / "grades"
        shutil.rmtree(out, ignore_errors=True)
        students = [] if args.students == "all" else [s for s in args.students.split(",") if s]
        cmd = [sys.executable, "-m", "autograder", "grade", str(klass), "--out", str(out), "--only", "cifar10",
               "--device", args.device, "--jobs", "1"] + [f"--student={s}" for s in students]
        env = {**os.environ, "KIT_CIFAR10_DIR": str(data)}
        started = time.perf_counter()
        with GpuMemory() as gpu:
            code = run(cmd, timeout=1500, env=env)
        print(f"exit {code}; {time.perf_counter() - started:.1f} s in all; peak GPU memory in use {gpu.peak} MiB")
        for result in sorted(out.glob("*/result.json")):
            data_ = json.loads(result.read_text(encoding="utf-8"))
            ex = data_["exercises"].get("cifar10", {})
            print(f"  {data_['student']:12} {str(ex.get('points')):>6} / {ex.get('possible')}  "
                  f"status {ex.get('status', '')[:60]!r}  judge {data_['timing']['judge_seconds']:.1f} s  "
                  f"memory cap {data_['sandbox'].get('memory_cap')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
