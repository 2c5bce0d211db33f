"""Warm vs cold: seconds from ``open()`` to the first answer from a jailed worker.

    .venv/bin/python bench/bench_jail.py [--repeat 10] [--sandbox auto|bubblewrap|none]

cold: a new pool (bubblewrap + a zygote importing numpy and torch) for one student, as a
worker started from scratch per student would cost. warm: ``open()`` + the first call on a
pool whose zygote is already up (copy the files, fork, load the module, answer). The
in-process floor does the same call with no isolation.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from autograder.bridge import Submission, in_process  # noqa: E402
from autograder.config import load  # noqa: E402
from autograder.jail import WorkerPool  # noqa: E402
from autograder.paths import SOLUTIONS  # noqa: E402


def first_call(submission: Submission) -> None:
    submission.activations.softmax(np.array([1.0, 2.0, 3.0]))
    submission.forward.forward(submission.forward.init_network(), np.array([1.0, 0.5]))


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--cold", type=int, default=2, help="cold starts to time")
    parser.add_argument("--sandbox", default="auto", choices=["auto", "bubblewrap", "none"])
    args = parser.parse_args()
    limits = load().limits

    def cold_once():
        pool = WorkerPool(limits, sandbox=args.sandbox)
        try:
            submission = Submission(pool.open(SOLUTIONS), default_timeout=limits.test_wall_seconds)
            first_call(submission)
            submission.close()
        finally:
            pool.close()
        return pool.sandbox_kind

    kinds = set()
    cold = []
    for _ in range(args.cold):
        start = time.perf_counter()
        kinds.add(cold_once())
        cold.append(time.perf_counter() - start)

    warm, close = [], []
    with WorkerPool(limits, sandbox=args.sandbox) as pool:
        pool.warm_up()
        for _ in range(args.repeat):
            start = time.perf_counter()
            submission = Submission(pool.open(SOLUTIONS), default_timeout=limits.test_wall_seconds)
            first_call(submission)
            warm.append(time.perf_counter() - start)
            close.append(timed(submission.close))
        submission = Submission(pool.open(SOLUTIONS), default_timeout=limits.test_wall_seconds)
        sigmoid, x = submission.activations.sigmoid, np.linspace(-1, 1, 100)
        calls = [timed(lambda: sigmoid(x)) for _ in range(200)]
        submission.close()
    local = in_process(SOLUTIONS).activations.sigmoid
    local_calls = [timed(lambda: local(x)) for _ in range(200)]

    floor = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        submission = in_process(SOLUTIONS)
        first_call(submission)
        floor.append(time.perf_counter() - start)
        for name in ("activations", "forward"):
            sys.modules.pop(name, None)

    def show(label, values):
        print(f"{label:<44} median {statistics.median(values) * 1000:9.2f} ms   "
              f"min {min(values) * 1000:9.2f} ms   max {max(values) * 1000:9.2f} ms   (n={len(values)})")

    print(f"sandbox: {', '.join(sorted(kinds))}")
    show("cold: new pool + open + first call", cold)
    show("warm: open + first call (zygote up)", warm)
    show("warm: close (worker exits, sandbox cleaned)", close)
    show("floor: in-process load + first call", floor)
    show("call round trip, jailed worker", calls)
    show("call round trip, in-process", local_calls)
    print(f"warm is {statistics.median(cold) / statistics.median(warm):.0f}x faster than cold")


if __name__ == "__main__":
    main()
