"""A judge process: runs the hidden suites for one student after another.

The batch grader starts ``--jobs`` of these (``python -m autograder.grade.judge``)
and talks to each over JSON lines (requests on stdin, replies on the original
stdout; pytest's own output goes to a log file). A judge keeps its imports and
its jail pool warm between students; the pool gives every student a fresh
worker. The parent enforces the per-student wall time by killing the judge.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
from pathlib import Path

from .. import config as grading
from ..paths import HIDDEN_TESTS, KIT_ROOT
from ..pytest_plugin import resolve_device

NO_JAIL_WARNING = ("autograder.jail is not available: student code runs INSIDE the judge process "
                   "with no isolation. Do not trust these grades. / 隔離なしで採点しました。")


class _InProcessPlugin:
    """Stand-in while the jail is missing: the default in-process submission."""

    def pytest_kit_make_submission(self, config, path):
        return None


def make_pool(limits, device: str, sandbox: str):
    """(pool or None, plugin factory, sandbox kind, warning)."""
    try:
        from ..jail import JailPlugin, WorkerPool
    except ImportError:
        if sandbox == "bubblewrap":
            raise SystemExit("--sandbox bubblewrap: autograder.jail is not available")
        return None, _InProcessPlugin, "none", NO_JAIL_WARNING
    pool = WorkerPool(limits, device=device, sandbox=sandbox)
    return pool, (lambda: JailPlugin(pool)), pool.sandbox_kind, pool.warning


def _warm_pool(pool) -> None:
    if pool is None:
        return
    try:
        pool.warm_up(1)
    except Exception as exc:  # the first student tries again and reports the failure
        print(f"the jail did not start ahead of the first student: {exc}", file=sys.stderr, flush=True)


def pytest_args(staged: str, modules: list[str], results: str, device: str, config_path: str,
                files: list[str] | None = None) -> list[str]:
    """The hidden suites of ``modules``, or the test ``files`` given (the kit's own checks also
    run visible self-checks and test files of their own this way)."""
    files = files or [str(HIDDEN_TESTS / f"test_{m}.py") for m in modules]
    root, named = KIT_ROOT, []
    if any(not Path(f).resolve().is_relative_to(KIT_ROOT) for f in files):
        # Test files of a kit of their own (the kit's tests make some): their root is the folder above
        # their suites' folders, so that node ids keep "hidden/" or "exercises/"; the plugin that the
        # kit's conftest.py brings is named.
        root = Path(os.path.commonpath([Path(f).resolve().parent.parent for f in files]))
        named = ["-p", "autograder.pytest_plugin", "-W", "ignore::pytest.PytestAssertRewriteWarning"]
    return [*files, "--submission", staged, *named,
            "-p", "autograder.grade.collect", "--kit-results", results,
            "-q", "--rootdir", str(root),
            # unraisableexception forces a full gc per session (0.2 s with torch loaded) and guards nothing here
            "-o", "addopts=--import-mode=importlib -p no:cacheprovider -p no:unraisableexception",
            "--device", device, "--grading-config", config_path, "--lang", "both"]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", required=True)
    parser.add_argument("--device", default="auto")
    parser.add_argument("--sandbox", default="auto")
    parser.add_argument("--log", required=True)
    parser.add_argument("--warm", default="numpy,torch", help="modules to import before the first student")
    args = parser.parse_args(argv)

    # Replies go on a private copy of stdout; fd 1 and 2 (pytest, stray prints) go to the log.
    replies = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    log = os.open(args.log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.close(log)
    sys.stdout = os.fdopen(1, "w", encoding="utf-8", buffering=1, closefd=False)
    sys.stderr = os.fdopen(2, "w", encoding="utf-8", buffering=1, closefd=False)

    def reply(message: dict):
        replies.write(json.dumps(message, ensure_ascii=False) + "\n")
        replies.flush()

    import importlib

    import pytest
    cfg = grading.load(args.config)
    device = resolve_device(args.device)
    try:
        pool, make_plugin, kind, warning = make_pool(cfg.limits, device, args.sandbox)
    except Exception as exc:  # e.g. bubblewrap requested but unusable
        reply({"hello": False, "error": f"{type(exc).__name__}: {exc}"})
        return 2
    # The worker's zygote imports torch while this process does the same: both are paid once per judge.
    zygote = threading.Thread(target=_warm_pool, args=(pool,), daemon=True)
    zygote.start()
    for name in filter(None, args.warm.split(",")):
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    zygote.join()
    reply({"hello": True, "sandbox_kind": kind, "warning": warning, "device": device, "pid": os.getpid()})
    try:
        for line in sys.stdin:
            if not line.strip():
                continue
            job = json.loads(line)
            started = time.monotonic()
            print(f"\n===== {job['student']} =====", flush=True)
            try:
                code = pytest.main(pytest_args(job["staged"], job["modules"], job["results"], device, args.config,
                                               job.get("files")), plugins=[make_plugin()])
                reply({"id": job["id"], "exit": int(code), "seconds": time.monotonic() - started})
            except BaseException as exc:  # one student's trouble must not end the judge
                if isinstance(exc, KeyboardInterrupt):
                    raise
                reply({"id": job["id"], "error": f"{type(exc).__name__}: {str(exc)[:500]}",
                       "seconds": time.monotonic() - started})
    finally:
        if pool is not None:
            pool.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
