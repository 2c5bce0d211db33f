"""Seconds per student: `autograder grade` (jailed) vs the floor vs `nbgrader autograde`.

    .venv/bin/python bench/bench_grade.py [--students N] [--modules m1,m2] [--skip-nbgrader]

The class: N students, copies of the solutions and of the planted wrong answers.
- grade: `autograder grade CLASS --jobs 1 --force`: wall time / N (judge and jail start-up
  included), and the time each student after the first takes (staging, the jailed suites,
  scoring and reports), which is what a bigger class costs per student.
- floor: the same hidden suites, pytest in this one warm process with the default
  in-process submission (no isolation), per student; imports and the first collection
  are left out, as they are from the later students of the grade run.
- jailed in one process: the floor's loop with the jail plugged in (the bridge and jail alone).
- nbgrader: the same code as notebooks in a throwaway nbgrader course; each notebook's
  graded test cell runs the same hidden suite in the kernel. `nbgrader autograde` wall / N.
Prints figures only (targets: grade <= 1.5x floor, >= 5x faster than nbgrader).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from autograder import config as grading  # noqa: E402
from autograder.author.wrong_answers import discover, materialize, write_solution_copy  # noqa: E402
from autograder.paths import HIDDEN_TESTS  # noqa: E402

VENV_BIN = Path(sys.executable).parent
SLOW = {"mnist_mlp", "cifar10"}  # training suites: minutes each, left out unless asked for


def make_class(folder: Path, n: int, modules: list[str]) -> list[Path]:
    wrong = [w for w in discover() if w.module in modules]
    students = []
    for i in range(n):
        dest = folder / f"s{i:03d}"
        if i % 2 == 0 or not wrong:
            write_solution_copy(dest)
        else:
            materialize(wrong[(i // 2) % len(wrong)], dest)
        for extra in dest.glob("*.py"):
            if extra.stem not in modules:
                extra.unlink()
        students.append(dest)
    return students


def bench_grade(klass: Path, n: int, modules: list[str], jobs: int) -> tuple[float, dict]:
    out = klass.parent / "grades"
    cmd = [str(VENV_BIN / "autograder"), "grade", str(klass), "--out", str(out), "--jobs", str(jobs), "--force",
           *[a for m in modules for a in ("--only", m)]]
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode:
        print(proc.stdout[-2000:], proc.stderr[-2000:])
    timings = [json.loads((out / s.name / "result.json").read_text())["timing"] for s in sorted(klass.iterdir())]
    timings.sort(key=lambda t: t["started"])
    # With --jobs 1 students go one after another; the first one also waits for the judge to start.
    later = [t["seconds"] for t in timings[1:]] or [timings[0]["seconds"]]
    steady = sum(later) / len(later)
    summary = json.loads((out / "summary.json").read_text())
    return wall / n, {"steady": steady, "first": timings[0]["seconds"], "sandbox": summary["sandbox"]["kind"]}


def bench_floor(students: list[Path], modules: list[str], jailed: bool = False) -> float:
    """The judge's own pytest run per student, in one warm process; no jail unless ``jailed``."""
    code = (
        "import io, sys, time, contextlib, tempfile, pytest\n"
        "from autograder import config as grading\n"
        "from autograder.grade.judge import pytest_args\n"
        "modules, subs, config = sys.argv[1].split(','), sys.argv[2].split(','), sys.argv[3]\n"
        "plugins = []\n"
        "if sys.argv[4] == 'jail':\n"
        "    from autograder.jail import JailPlugin, WorkerPool\n"
        "    pool = WorkerPool(grading.load(config).limits)\n"
        "    plugins = [JailPlugin(pool)]\n"
        "out = tempfile.mktemp(suffix='.json')\n"
        "def run(s):\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        "        code = pytest.main(pytest_args(s, modules, out, 'cpu', config), plugins=plugins)\n"
        "    if code not in (0, 1):\n"
        "        raise SystemExit(f'pytest exit {code} for {s}')\n"
        "run(subs[0])  # warm-up: imports and the suite's first collection\n"
        "t = time.perf_counter()\n"
        "for s in subs: run(s)\n"
        "print('FLOOR', (time.perf_counter() - t) / len(subs))\n")
    proc = subprocess.run([sys.executable, "-c", code, ",".join(modules), ",".join(map(str, students)),
                           str(ROOT / "grading.toml"), "jail" if jailed else "none"],
                          cwd=ROOT, capture_output=True, text=True)
    for line in proc.stdout.splitlines():
        if line.startswith("FLOOR"):
            return float(line.split()[1])
    raise RuntimeError(proc.stdout[-2000:] + proc.stderr[-2000:])


def _nb(cells):
    return {"cells": cells, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                        "language": "python"},
                                         "language_info": {"name": "python"}},
            "nbformat": 4, "nbformat_minor": 5}


def _cell(source, **nbgrader):
    meta = {"nbgrader": {"schema_version": 3, "locked": False, "solution": False, "grade": False, **nbgrader}}
    return {"cell_type": "code", "metadata": meta, "execution_count": None, "outputs": [], "source": source}


def bench_nbgrader(students: list[Path], modules: list[str], cfg) -> float:
    course = Path(tempfile.mkdtemp(prefix="nbgrader-course-"))
    try:
        (course / "nbgrader_config.py").write_text(
            "c = get_config()\n"
            f"c.CourseDirectory.root = {str(course)!r}\n"
            "c.CourseDirectory.course_id = 'bench'\n"
            f"c.CourseDirectory.db_url = 'sqlite:///{course}/gradebook.db'\n"
            "c.Exchange.root = " + repr(str(course / "exchange")) + "\n"
            "c.ExecutePreprocessor.timeout = 600\n")
        source = course / "source" / "ps1"
        source.mkdir(parents=True)
        for m in modules:
            # The student's code, written to a module file so the same hidden suite can run on it.
            student_cell = _cell(f"# {m}\n", solution=True, grade_id=f"{m}_code")
            test_cell = _cell(
                "import pathlib, tempfile, inspect, pytest\n"
                f"_d = pathlib.Path(tempfile.mkdtemp())\n"
                f"(_d / '{m}.py').write_text(__SOURCE__)\n"
                f"assert pytest.main([{str(HIDDEN_TESTS / f'test_{m}.py')!r}, '--submission', str(_d), '-q',"
                f" '-p', 'no:cacheprovider', '--rootdir', {str(ROOT)!r}]) == 0\n",
                grade=True, locked=True, points=cfg.exercises[m].total, grade_id=f"{m}_tests")
            nb = _nb([student_cell, test_cell])
            (source / f"{m}.ipynb").write_text(json.dumps(nb))
        env = dict(os.environ, PATH=f"{VENV_BIN}:{os.environ['PATH']}")
        nbg = [str(VENV_BIN / "nbgrader")]
        subprocess.run([*nbg, "generate_assignment", "ps1", "--force"], cwd=course, env=env, check=True,
                       capture_output=True)
        for student in students:
            dest = course / "submitted" / student.name / "ps1"
            dest.mkdir(parents=True)
            for m in modules:
                nb = json.loads((course / "release" / "ps1" / f"{m}.ipynb").read_text())
                code = (student / f"{m}.py").read_text()
                nb["cells"][0]["source"] = code + f"\n__SOURCE__ = {code!r}\n"
                (dest / f"{m}.ipynb").write_text(json.dumps(nb))
            (dest / "timestamp.txt").write_text("2024-04-01 09:00:00.000000 UTC")
        start = time.perf_counter()
        proc = subprocess.run([*nbg, "autograde", "ps1", "--create", "--force"], cwd=course, env=env,
                              capture_output=True, text=True)
        wall = time.perf_counter() - start
        if proc.returncode:
            print("nbgrader autograde failed:", proc.stderr[-3000:])
        return wall / len(students)
    finally:
        shutil.rmtree(course, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=10)
    parser.add_argument("--modules", default="", help="comma-separated (default: every suite but training ones)")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--skip-nbgrader", action="store_true")
    args = parser.parse_args()
    cfg = grading.load()
    modules = args.modules.split(",") if args.modules else [
        m for m in cfg.exercises if m not in SLOW and (HIDDEN_TESTS / f"test_{m}.py").is_file()
        and (ROOT / "solutions" / f"{m}.py").is_file()]
    work = Path(tempfile.mkdtemp(prefix="bench-grade-"))
    try:
        students = make_class(work / "class", args.students, modules)
        print(f"class: {len(students)} students, modules: {', '.join(modules)}")
        floor = bench_floor(students, modules)
        print(f"floor (in-process pytest, warm, no isolation): {floor:.3f} s/student")
        jailed = bench_floor(students, modules, jailed=True)
        print(f"same pytest runs through the jail (warm pool, fresh worker each): {jailed:.3f} s/student"
              f" = {jailed / floor:.2f}x the floor")
        graded, extra = bench_grade(work / "class", len(students), modules, args.jobs)
        print(f"autograder grade --jobs {args.jobs} (sandbox {extra['sandbox']}): {graded:.3f} s/student wall, "
              f"start-up included (first student {extra['first']:.1f} s)")
        if args.jobs == 1:   # students in parallel overlap: their own seconds no longer add up
            print(f"  each later student (stage, jailed suites, reports): {extra['steady']:.3f} s"
                  f" = {extra['steady'] / floor:.2f}x the floor")
        print(f"  wall per student / floor: {graded / floor:.2f}x")
        if not args.skip_nbgrader:
            nbg = bench_nbgrader(students, modules, cfg)
            print(f"nbgrader autograde: {nbg:.3f} s/student")
            print(f"  autograder is {nbg / graded:.1f}x faster than nbgrader per student")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
