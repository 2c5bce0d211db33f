"""A judge process: runs the hidden suites for one student after another.

The batch grader starts ``--jobs`` of these (``python -m autograder.grade.judge``)
and talks to each over JSON lines (requests on stdin, replies on the original
stdout; pytest's own output goes to a log file). A judge keeps its imports and
its jail pool warm between students; the pool gives every student a fresh
worker, and every student gets freshly imported hidden suites (no module state
survives from one student to the next). The parent enforces the per-student wall
time by killing the judge. The judge runs under its own memory cap
(``judge_memory_mb``), and SIGTERM ends it after its sandboxes are cleaned up.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import sys
import threading
import time
from pathlib import Path

from .. import config as grading
from .. import pytest_plugin
from ..paths import HIDDEN_TESTS, KIT_ROOT
from ..pytest_plugin import resolve_device
from . import collect

NO_JAIL_WARNING = ("autograder.jail is not available: student code runs INSIDE the judge process "
                   "with no isolation (--sandbox none). Do not trust these grades. / "
                   "隔離なしで採点しました(--sandbox none)。")


class JailUnavailable(RuntimeError):
    """The jail cannot be imported or started, and ``--sandbox none`` was not given."""


class _InProcessPlugin:
    """Only with an explicit --sandbox none when the jail cannot be imported: in-process submissions."""

    def pytest_kit_make_submission(self, config, path):
        return None


def make_pool(limits, device: str, sandbox: str, warm=("numpy", "torch")):
    """(pool or None, plugin factory, sandbox kind, warning). Never a quiet downgrade: without
    ``sandbox == "none"``, a jail that cannot be imported or used raises JailUnavailable. The
    pool's zygotes preload torch only when ``warm`` (what the judge warms) holds it."""
    try:
        from ..jail import JailPlugin, WorkerPool, sandbox_available
        from ..jail.zygotes import preload_for
    except ImportError as exc:
        if sandbox != "none":
            raise JailUnavailable(f"autograder.jail cannot be imported ({exc}); fix the installation, or grade "
                                  "without any isolation with --sandbox none") from None
        return None, _InProcessPlugin, "none", NO_JAIL_WARNING
    if sandbox == "auto":
        usable, reason = sandbox_available()
        if not usable:
            raise JailUnavailable(f"{reason}. Install bubblewrap (apt-get install bubblewrap), or grade without a "
                                  "sandbox (resource limits only) with --sandbox none")
        sandbox = "bubblewrap"
    pool = WorkerPool(limits, device=device, sandbox=sandbox, preload=preload_for(warm))
    return pool, (lambda: JailPlugin(pool)), pool.sandbox_kind, pool.warning


def cap_own_memory(megabytes: int) -> int:
    """RLIMIT_DATA (soft) for this process: what it holds now plus ``megabytes``. The hard limit
    stays, so that the sandboxes it starts can set their own. Returns the cap in bytes."""
    with open("/proc/self/status") as handle:
        data_kb = next(int(line.split()[1]) for line in handle if line.startswith("VmData:"))
    cap = data_kb * 1024 + megabytes * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_DATA)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (cap, hard))
    return cap


# sys.modules name -> (module, the folder of its file): with torch loaded, working out thousands of
# folders again before every student was a seventh of a short session.
_FOLDERS: dict[str, tuple[object, str | None]] = {}


def forget_suites(folders) -> None:
    """Drop every module imported from ``folders`` (the suites' folders) from sys.modules:
    pytest's importlib mode would hand the next student the same module objects, with whatever
    state the last session left in them."""
    folders = {str(Path(folder).resolve()) for folder in folders}
    kept = {}
    for name, module in list(sys.modules.items()):
        known = _FOLDERS.get(name)
        if known is None or known[0] is not module:
            path = getattr(module, "__file__", None)
            known = (module, os.path.dirname(os.path.abspath(path)) if isinstance(path, str) else None)
        if known[1] in folders:
            del sys.modules[name]
        else:
            kept[name] = known
    _FOLDERS.clear()
    _FOLDERS.update(kept)


# pytest's own plugins that no suite here uses, left out of every session (on the command line:
# from addopts they would be registered first and then dropped): registering a plugin means
# scanning all its names for fixtures, about a third of a short session. unraisableexception
# also forces a full gc per session (0.2 s with torch loaded); log capture cost a sixth of a short
# session, and student code logs in its worker, never here. Installed plugins (hypothesis's alone
# costs 1.2 s of CPU per judge) stay out too: --disable-plugin-autoload.
UNUSED_PLUGINS = ("cacheprovider", "unraisableexception", "logging", "doctest", "junitxml", "pastebin",
                  "setuponly", "setupplan", "stepwise", "legacypath", "tmpdir", "monkeypatch", "recwarn",
                  "debugging", "subtests", "threadexception")


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
    # --tb=native: a results file keeps a failure's last line (its crash message), never the
    # traceback, and pytest's default style parses the test file again for every frame of every
    # failure (two thirds of the judge's time for a student whose tests mostly fail).
    return [*files, "--submission", staged, *named,
            "-p", "autograder.grade.collect", "--kit-results", results,
            "-q", "--tb=native", "--rootdir", str(root),
            "-o", "addopts=--import-mode=importlib", "--disable-plugin-autoload",
            *(arg for name in UNUSED_PLUGINS for arg in ("-p", f"no:{name}")),
            "--device", device, "--grading-config", config_path, "--lang", "both"]


def grade_student(job: dict, device: str, config_path: str, make_plugin) -> int:
    """One student's pytest session, on freshly imported suites; pytest's exit code."""
    import pytest
    files = job.get("files") or [str(HIDDEN_TESTS / f"test_{m}.py") for m in job["modules"]]
    forget_suites({Path(f).resolve().parent for f in files})
    args = pytest_args(job["staged"], job["modules"], job["results"], device, config_path, files)
    # Registered here, the kit's plugins (``-p``, the root conftest.py's pytest_plugins) are found
    # loaded instead of searched for in every installed package's entry points (a fifth of a
    # short session).
    return int(pytest.main(args, plugins=[pytest_plugin, collect, make_plugin()]))


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

    cfg = grading.load(args.config)
    device = resolve_device(args.device)
    try:
        pool, make_plugin, kind, warning = make_pool(cfg.limits, device, args.sandbox, args.warm.split(","))
    except Exception as exc:  # the jail cannot be imported or used, or bubblewrap was asked for and is not there
        reply({"hello": False, "error": f"{type(exc).__name__}: {exc}"})
        return 2

    def on_term(signum, frame):   # the batch is stopping: end the sandboxes (and their strays) first
        if pool is not None:
            pool.shutdown_now()
        os._exit(128 + signum)

    signal.signal(signal.SIGTERM, on_term)
    parent = os.getppid()

    def watch_parent():   # whoever started us is gone (a killed batch or Dask worker): end as on SIGTERM
        while os.getppid() == parent:
            time.sleep(1.0)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch_parent, daemon=True).start()
    # The worker's zygote imports torch while this process does the same: both are paid once per judge.
    started: list[BaseException] = []

    def warm_pool():
        try:
            pool.warm_up(1)
        except BaseException as exc:   # reported in the hello: grading does not start without its jail
            started.append(exc)

    zygote = threading.Thread(target=warm_pool, daemon=True) if pool is not None else None
    if zygote is not None:
        zygote.start()
    for name in filter(None, args.warm.split(",")):
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    if zygote is not None:
        zygote.join()
    if started:
        pool.close()
        hint = "; grade without a sandbox (resource limits only) with --sandbox none" if kind == "bubblewrap" else ""
        reply({"hello": False, "error": f"the jail did not start: {type(started[0]).__name__}: "
                                        f"{str(started[0])[:2000]}{hint}"})
        return 2
    memory_cap = pool.memory_cap if pool is not None else None
    judge_cap = cap_own_memory(cfg.limits.judge_memory_mb)
    reply({"hello": True, "sandbox_kind": kind, "warning": warning, "device": device, "pid": os.getpid(),
           "memory_cap": memory_cap.kind if memory_cap else "none",
           "memory_cap_detail": memory_cap.detail if memory_cap else "", "judge_memory_cap": judge_cap})
    try:
        for line in sys.stdin:
            if not line.strip():
                continue
            job = json.loads(line)
            started_at = time.monotonic()
            print(f"\n===== {job['student']} =====", flush=True)
            try:
                code = grade_student(job, device, args.config, make_plugin)
                reply({"id": job["id"], "exit": code, "seconds": time.monotonic() - started_at})
            except BaseException as exc:  # one student's trouble must not end the judge
                if isinstance(exc, KeyboardInterrupt):
                    raise
                reply({"id": job["id"], "error": f"{type(exc).__name__}: {str(exc)[:500]}",
                       "seconds": time.monotonic() - started_at})
    finally:
        if pool is not None:
            pool.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
