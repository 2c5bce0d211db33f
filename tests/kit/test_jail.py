"""The jail: student code runs in a sandboxed worker and cannot see, keep or break anything else.

Each test writes a small hostile submission into tmp_path and calls it through the same
``Submission`` the hidden suites use. Bubblewrap tests skip (with the reason) where bubblewrap
cannot run; CI installs it.
"""
import os
import socket
import textwrap
from pathlib import Path

import numpy as np
import pytest

from autograder.bridge import LimitExceeded, Submission, SubmissionError, WorkerLost
from autograder.config import Limits
from autograder.jail import JailPlugin, WorkerPool, sandbox_available
from autograder.paths import GRADING_TOML, HIDDEN_TESTS, KIT_ROOT, SOLUTIONS

BWRAP_OK, BWRAP_WHY = sandbox_available()
needs_bwrap = pytest.mark.skipif(not BWRAP_OK, reason=f"bubblewrap cannot run here: {BWRAP_WHY}")

# Small limits keep the hostile cases quick.
LIMITS = Limits(test_wall_seconds=4, test_cpu_seconds=2, submission_wall_seconds=300, memory_mb=512,
                max_processes=32, max_file_mb=1, max_output_kb=16)


def student(tmp_path: Path, name: str, source: str, module: str = "hostile") -> Path:
    folder = tmp_path / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def pool():
    if not BWRAP_OK:
        pytest.skip(f"bubblewrap cannot run here: {BWRAP_WHY}")
    with WorkerPool(LIMITS, sandbox="bubblewrap") as made:
        yield made


def connect(pool, folder) -> Submission:
    return Submission(pool.open(folder), label=str(folder), default_timeout=LIMITS.test_wall_seconds)


PROBE = """
import os

def readable(paths):
    out = {}
    for path in paths:
        try:
            with open(path, "rb") as handle:
                handle.read(1)
            out[path] = True
        except OSError:
            out[path] = False
    return out

def listing(path):
    try:
        return sorted(os.listdir(path))
    except OSError as exc:
        return [type(exc).__name__]

def try_write(path):
    try:
        with open(path, "w") as handle:
            handle.write("x")
        return True
    except OSError:
        return False

def read_text(path):
    try:
        with open(path) as handle:
            return handle.read()
    except OSError:
        return None

def try_connect(host, port):
    import socket
    try:
        with socket.create_connection((host, port), timeout=2):
            return "connected"
    except OSError as exc:
        return type(exc).__name__
"""


# -- what the worker can see -------------------------------------------------

@needs_bwrap
def test_pool_reports_bubblewrap_without_warning(pool):
    assert pool.sandbox_kind == "bubblewrap"
    assert pool.warning is None


@needs_bwrap
def test_calls_work_and_output_is_captured(pool, tmp_path):
    folder = student(tmp_path, "alice", """
        import numpy as np
        def sigmoid(x):
            print("computing")
            return 1 / (1 + np.exp(-x))
    """)
    sub = connect(pool, folder)
    try:
        np.testing.assert_allclose(sub.hostile.sigmoid(np.array([0.0])), [0.5])
        assert sub.take_output() == "computing\n"
    finally:
        sub.close()


@needs_bwrap
def test_cannot_read_files_outside_its_folder(pool, tmp_path):
    (tmp_path / "bob").mkdir()
    (tmp_path / "bob" / "activations.py").write_text("SECRET = 'bob'\n")
    folder = student(tmp_path, "alice", PROBE)
    (folder / "mine.txt").write_text("mine")
    targets = [str(HIDDEN_TESTS / "test_activations.py"), str(SOLUTIONS / "activations.py"),
               str(GRADING_TOML), str(tmp_path / "bob" / "activations.py"), "/etc/passwd",
               str(Path.home() / ".bashrc"), str(KIT_ROOT / "pyproject.toml")]
    assert all(Path(t).exists() for t in targets[:4])  # they exist for the judge
    sub = connect(pool, folder)
    try:
        seen = sub.hostile.readable(targets + ["/submission/mine.txt"])
        assert seen.pop("/submission/mine.txt") is True
        assert not any(seen.values()), {k: v for k, v in seen.items() if v}
        # Of the kit only the worker's modules are there: no tests, solutions or grading.toml.
        assert set(sub.hostile.listing(str(KIT_ROOT))) <= {".venv", "autograder"}
        assert set(sub.hostile.listing(str(KIT_ROOT / "autograder"))) - {"__pycache__"} == {
            "__init__.py", "bridge", "jail"}
        assert sub.hostile.listing("/submission") == ["hostile.py", "mine.txt"]
    finally:
        sub.close()


def _kit_mount_points_under_tmp() -> list[str]:
    """A kit or venv that lives under /tmp is bound read-only there; only its path skeleton shows."""
    import sys
    tops = set()
    for path in (KIT_ROOT, Path(sys.prefix), Path(sys.base_prefix)):
        path = path.resolve()
        if Path("/tmp") in path.parents:
            tops.add(path.relative_to("/tmp").parts[0])
    return sorted(tops)


@needs_bwrap
def test_cannot_write_outside_and_tmp_vanishes_for_the_next_student(pool, tmp_path):
    victim = tmp_path / "bob" / "activations.py"
    victim.parent.mkdir()
    victim.write_text("ORIGINAL\n")
    alice = student(tmp_path, "alice", PROBE)
    sub = connect(pool, alice)
    try:
        assert sub.hostile.try_write("/submission/hostile.py") is False   # its own folder is read-only
        assert sub.hostile.try_write("/submission/new.txt") is False
        assert sub.hostile.try_write(str(victim)) is False
        assert sub.hostile.try_write(str(KIT_ROOT / "autograder" / "jail" / "evil.py")) is False
        assert sub.hostile.try_write("/tmp/left-behind.txt") is True      # a private scratch folder
        assert sub.hostile.try_write("/dev/shm/left-behind.txt") is True
    finally:
        sub.close()
    assert victim.read_text() == "ORIGINAL\n"
    assert (alice / "hostile.py").read_text() == textwrap.dedent(PROBE)
    assert not (KIT_ROOT / "autograder" / "jail" / "evil.py").exists()
    sub = connect(pool, student(tmp_path, "carol", PROBE))
    try:
        assert sub.hostile.read_text("/tmp/left-behind.txt") is None
        assert sub.hostile.read_text("/dev/shm/left-behind.txt") is None
        assert sub.hostile.listing("/tmp") == _kit_mount_points_under_tmp()
    finally:
        sub.close()


@needs_bwrap
def test_no_network(pool, tmp_path):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]
    sub = connect(pool, student(tmp_path, "alice", PROBE))
    try:
        assert sub.hostile.try_connect("127.0.0.1", port) != "connected"
        assert sub.hostile.try_connect("1.1.1.1", 80) != "connected"
        assert sub.hostile.try_connect("8.8.8.8", 53) != "connected"
    finally:
        sub.close()
        listener.close()


# -- limits --------------------------------------------------------------------

SPIN = """
import os
def ok(x):
    return x + 1
def spin():
    while True:
        pass
def sleep_forever():
    import time
    time.sleep(10_000)
def eat_memory():
    blocks = []
    while True:
        blocks.append(bytearray(64 * 1024 * 1024))
def big_array():
    import numpy as np
    return np.ones((100_000, 100_000))
def fork_bomb():
    while True:
        try:
            os.fork()
        except OSError:
            pass
def shout():
    while True:
        print("spam " * 100)
def big_file():
    with open("/tmp/big.bin", "wb") as handle:
        handle.write(b"0" * (3 * 1024 * 1024))
def exit_quietly():
    os._exit(0)
def kill_parent():
    os.kill(os.getppid(), 9)
    import time
    time.sleep(5)
def segfault():
    import ctypes
    ctypes.string_at(0)
def garbage():
    import struct
    for fd in map(int, os.listdir("/proc/self/fd")):
        try:
            if os.readlink(f"/proc/self/fd/{fd}").startswith("pipe:"):
                os.write(fd, struct.pack("<Q", 16) + b"\\xff" * 16)
        except OSError:
            pass
def huge_header():
    import struct
    for fd in map(int, os.listdir("/proc/self/fd")):
        try:
            if os.readlink(f"/proc/self/fd/{fd}").startswith("pipe:"):
                os.write(fd, struct.pack("<Q", 1 << 60))
        except OSError:
            pass
    import time
    time.sleep(10)
"""


def assert_recovers(sub, transport, generation_before):
    assert transport.generation > generation_before
    assert sub.hostile.ok(41) == 42


@needs_bwrap
@pytest.mark.parametrize("function, words", [
    ("spin", ("CPU-time limit of 2 s", "wall-time limit of 4 s")),
    ("sleep_forever", ("wall-time limit of 4 s",)),
    ("eat_memory", ("memory limit of 512 MB",)),
    ("big_array", ("memory limit of 512 MB",)),
    ("shout", ("output limit of 16 KB",)),
    ("big_file", ("file-size limit of 1 MB",)),
    ("huge_header", ("too large",)),
])
def test_limit_is_reported_by_name_and_the_worker_replaced(pool, tmp_path, function, words):
    folder = student(tmp_path, "alice", SPIN)
    transport = pool.open(folder)
    sub = Submission(transport, default_timeout=LIMITS.test_wall_seconds)
    try:
        assert sub.hostile.ok(1) == 2
        with pytest.raises(LimitExceeded) as caught:
            getattr(sub.hostile, function)()
        assert any(word in str(caught.value) for word in words), str(caught.value)
        assert "を超えました" in str(caught.value) or "大きすぎます" in str(caught.value)   # Japanese too
        assert_recovers(sub, transport, 0)
    finally:
        sub.close()


@needs_bwrap
def test_cpu_limit_stops_a_call_before_its_wall_time(tmp_path):
    limits = Limits(test_wall_seconds=60, test_cpu_seconds=1, max_output_kb=16)
    with WorkerPool(limits, sandbox="bubblewrap") as cpu_pool:
        transport = cpu_pool.open(student(tmp_path, "alice", SPIN))
        sub = Submission(transport, default_timeout=limits.test_wall_seconds)
        try:
            with pytest.raises(LimitExceeded, match="CPU-time limit of 1 s"):
                sub.hostile.spin()
            assert_recovers(sub, transport, 0)
        finally:
            sub.close()


def _host_worker_processes():
    """Processes on the judge's machine running as a jail worker uid (root mode)."""
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                uid = int(Path(f"/proc/{name}/status").read_text().split("Uid:")[1].split()[0])
            except (OSError, IndexError, ValueError):
                continue
            if uid >= 2_000_000:
                found.append(int(name))
    return found


@needs_bwrap
def test_fork_bomb_is_contained(pool, tmp_path):
    transport = pool.open(student(tmp_path, "alice", SPIN))
    sub = Submission(transport, default_timeout=LIMITS.test_wall_seconds)
    try:
        with pytest.raises(SubmissionError) as caught:   # limit, or the worker lost in the chaos
            sub.hostile.fork_bomb()
        assert isinstance(caught.value, (LimitExceeded, WorkerLost))
        assert_recovers(sub, transport, 0)
    finally:
        sub.close()
    if os.geteuid() == 0:
        assert _host_worker_processes() == []


@needs_bwrap
@pytest.mark.parametrize("function", ["exit_quietly", "segfault", "garbage"])
def test_a_dying_or_lying_worker_is_lost_and_replaced(pool, tmp_path, function):
    transport = pool.open(student(tmp_path, "alice", SPIN))
    sub = Submission(transport, default_timeout=LIMITS.test_wall_seconds)
    try:
        with pytest.raises(WorkerLost) as caught:
            getattr(sub.hostile, function)()
        if function == "exit_quietly":
            assert "exit code 0" in str(caught.value)
        if function == "segfault":
            assert "SIGSEGV" in str(caught.value)
        assert_recovers(sub, transport, 0)
    finally:
        sub.close()


@needs_bwrap
def test_killing_its_parent_costs_only_that_call(pool, tmp_path):
    transport = pool.open(student(tmp_path, "alice", SPIN))
    sub = Submission(transport, default_timeout=LIMITS.test_wall_seconds)
    try:
        # As root the zygote runs under another uid and the kill is refused; otherwise the
        # zygote dies with its sandbox and is restarted.
        with pytest.raises((WorkerLost, PermissionError)):
            sub.hostile.kill_parent()
        assert sub.hostile.ok(1) == 2
    finally:
        sub.close()
    other = connect(pool, student(tmp_path, "bob", SPIN))
    try:
        assert other.hostile.ok(2) == 3
    finally:
        other.close()


# -- fresh state per student ---------------------------------------------------

@needs_bwrap
def test_nothing_of_one_student_reaches_the_next(pool, tmp_path):
    alice = student(tmp_path, "alice", """
        import os, sys, time
        LEAK = []
        def plant():
            LEAK.append("alice was here")
            sys.modules["builtins"].ALICE = True
            import numpy
            numpy.allclose = lambda *a, **k: True
            with open("/tmp/alice.txt", "w") as handle:
                handle.write("secret")
            if os.fork() == 0:   # a process left running
                os.setsid()
                time.sleep(600)
                os._exit(0)
            return os.getpid()
    """, module="shared")
    bob = student(tmp_path, "bob", """
        import os, sys
        def look():
            import builtins, numpy
            procs = [p for p in os.listdir("/proc") if p.isdigit() and int(p) not in (1, os.getpid(), os.getppid())]
            return {"module": "shared" in sys.modules and hasattr(sys.modules["shared"], "LEAK"),
                    "builtin": hasattr(builtins, "ALICE"),
                    "allclose": numpy.allclose([1.0], [2.0]),
                    "file": os.path.exists("/tmp/alice.txt"),
                    "processes": procs,
                    "files": sorted(os.listdir("/submission"))}
    """, module="shared_b")
    sub = connect(pool, alice)
    try:
        sub.shared.plant()
    finally:
        sub.close()
    sub = connect(pool, bob)
    try:
        seen = sub.shared_b.look()
    finally:
        sub.close()
    assert seen == {"module": False, "builtin": False, "allclose": False, "file": False, "processes": [],
                    "files": ["shared_b.py"]}


@needs_bwrap
def test_links_in_a_submission_are_not_followed(pool, tmp_path):
    folder = student(tmp_path, "alice", PROBE)
    (folder / "answers.py").symlink_to(SOLUTIONS / "activations.py")
    sub = connect(pool, folder)
    try:
        assert sub.hostile.listing("/submission") == ["hostile.py"]
    finally:
        sub.close()


@needs_bwrap
def test_hidden_suite_runs_through_the_plugin(pool):
    made = JailPlugin(pool).pytest_kit_make_submission(None, SOLUTIONS)
    try:
        got = made.activations.softmax(np.array([1010.0, 1000.0, 990.0]))
        np.testing.assert_allclose(got.sum(), 1.0)
        assert made._transport.__class__.__name__ == "JailTransport"
    finally:
        made.close()


@needs_bwrap
def test_solutions_pass_a_hidden_suite_in_the_jail(pool):
    pytest_main = pytest.main
    code = pytest_main([str(HIDDEN_TESTS / "test_activations.py"), "-q", "-p", "no:cacheprovider",
                        "--submission", str(SOLUTIONS)], plugins=[JailPlugin(pool)])
    assert code == 0


# -- without bubblewrap ---------------------------------------------------------

def test_fallback_without_sandbox_warns_loudly_and_still_limits(tmp_path):
    with pytest.warns(RuntimeWarning, match="NOT isolated"):
        fallback = WorkerPool(LIMITS, sandbox="none")
    try:
        assert fallback.sandbox_kind == "none"
        assert "NOT isolated" in fallback.warning and "隔離されません" in fallback.warning
        transport = fallback.open(student(tmp_path, "alice", SPIN))
        sub = Submission(transport, default_timeout=LIMITS.test_wall_seconds)
        try:
            assert sub.hostile.ok(1) == 2
            with pytest.raises(LimitExceeded):
                sub.hostile.eat_memory()
            with pytest.raises(WorkerLost):
                sub.hostile.exit_quietly()
            # Its parent is the zygote, never the judge. As root the worker runs under a uid of
            # its own, so the kill is refused and RLIMIT_NPROC contains a fork bomb.
            with pytest.raises(PermissionError if os.geteuid() == 0 else WorkerLost):
                sub.hostile.kill_parent()
            if os.geteuid() == 0:
                with pytest.raises((LimitExceeded, WorkerLost)):
                    sub.hostile.fork_bomb()
                assert _host_worker_processes() == []
            assert_recovers(sub, transport, 2)
        finally:
            sub.close()
    finally:
        fallback.close()


def test_unknown_sandbox_kind_is_refused():
    with pytest.raises(ValueError):
        WorkerPool(LIMITS, sandbox="docker")
