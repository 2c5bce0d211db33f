"""Run hidden suites on a submission in a separate pytest process (no jail).

The kit's own checks use this to grade planted wrong answers."""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from ..paths import HIDDEN_TESTS, KIT_ROOT


def run_hidden(submission_dir: Path, modules: list[str], *, timeout: float = 600) -> dict[str, dict]:
    """{nodeid: {"outcome", "message", "not_started"}} for the modules' hidden tests."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp, "results.json")
        files = [str(HIDDEN_TESTS / f"test_{m}.py") for m in modules]
        cmd = [sys.executable, "-m", "pytest", "-q", "-p", "autograder.grade.collect", "--kit-results", str(out),
               "--submission", str(submission_dir), "-o", "addopts=--import-mode=importlib -p no:cacheprovider",
               "--rootdir", str(KIT_ROOT), *files]
        proc = subprocess.run(cmd, cwd=KIT_ROOT, capture_output=True, text=True, timeout=timeout)
        if not out.exists():
            raise RuntimeError(f"pytest did not report results (exit {proc.returncode}):\n{proc.stdout[-3000:]}"
                               f"\n{proc.stderr[-3000:]}")
        return json.loads(out.read_text(encoding="utf-8"))
