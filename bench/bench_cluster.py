"""Seconds per student: `autograder grade` on this machine vs on a local Dask cluster of 2 workers.

    .venv/bin/python bench/bench_cluster.py [--students N] [--modules m1,m2] [--jobs 2] [--workers 2]

The class: N students, copies of the solutions and of the planted wrong answers (as
bench/bench_grade.py makes it). Both runs use `autograder grade CLASS --force` as an instructor
types it, wall time included (judges' start-up, and for the cluster the scheduler, the workers
and their judges):
- local: `--jobs J` judge processes of this machine;
- cluster: `--cluster local:W`, W Dask workers of one thread each, every worker with its own judge.
Also prints each run's judge seconds per student (the jailed suites alone, from result.json)
and whether the two gradebooks are identical. Prints figures only.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_grade import SLOW, make_class  # noqa: E402

from autograder.paths import HIDDEN_TESTS  # noqa: E402

VENV_BIN = Path(sys.executable).parent


def grade(klass: Path, out: Path, modules: list[str], *args: str) -> float:
    cmd = [str(VENV_BIN / "autograder"), "grade", str(klass), "--out", str(out), "--force",
           *[a for m in modules for a in ("--only", m)], *args]
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        print(done.stdout[-3000:] + done.stderr[-3000:])
        raise SystemExit(f"{' '.join(cmd)}: exit {done.returncode}")
    return seconds


def judged(out: Path) -> float:
    """The judges' seconds per student (the jailed suites alone), from the results."""
    seconds = [json.loads(p.read_text(encoding="utf-8"))["timing"]["judge_seconds"] for p in out.glob("*/result.json")]
    return sum(seconds) / max(1, len(seconds))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=20)
    parser.add_argument("--modules", default="", help="comma-separated (default: every suite but training ones)")
    parser.add_argument("--jobs", type=int, default=2, help="judge processes of the local run")
    parser.add_argument("--workers", type=int, default=2, help="workers of the local cluster")
    args = parser.parse_args()
    modules = ([m for m in args.modules.split(",") if m] if args.modules else
               sorted(p.stem[5:] for p in HIDDEN_TESTS.glob("test_*.py") if p.stem[5:] not in SLOW))
    n = args.students
    with tempfile.TemporaryDirectory(prefix="bench-cluster-") as tmp:
        klass = Path(tmp) / "class"
        make_class(klass, n, modules)
        print(f"{n} students, {len(modules)} exercises: {', '.join(modules)}", flush=True)
        local = grade(klass, Path(tmp) / "local", modules, "--jobs", str(args.jobs))
        print(f"local   (--jobs {args.jobs}):           {local:7.1f} s  {local / n:6.2f} s per student  "
              f"(judge {judged(Path(tmp) / 'local'):.2f} s per student)", flush=True)
        there = grade(klass, Path(tmp) / "cluster", modules, "--cluster", f"local:{args.workers}")
        print(f"cluster (--cluster local:{args.workers}):  {there:7.1f} s  {there / n:6.2f} s per student  "
              f"(judge {judged(Path(tmp) / 'cluster'):.2f} s per student)", flush=True)
        same = ((Path(tmp) / "local" / "gradebook.csv").read_bytes()
                == (Path(tmp) / "cluster" / "gradebook.csv").read_bytes())
        print(f"cluster / local: {there / local:.2f}x; gradebooks identical: {same}")
        shutil.rmtree(klass, ignore_errors=True)


if __name__ == "__main__":
    main()
