"""The jail: student code runs in a sandboxed worker and cannot see, keep or break anything else.

Each test writes a small hostile submission into tmp_path and calls it through the same
``Submission`` the hidden suites use. Bubblewrap tests skip (with the reason) where bubblewrap
cannot run; CI installs it. The tests share three pools, one per set of limits and sandbox, each
student in a fresh worker: a pool's zygotes preload their modules when they start (seconds with
torch, which only the first pool's take, as a judge's do when its exercises need torch).
"""
import os
import socket
import textwrap
import warnings
from pathlib import Path

import numpy as np
import pytest

from autograder.bridge import LimitExceeded, Submission, SubmissionError, WorkerLost, in_process
from autograder.config import Limits
from autograder.jail import JailPlugin, WorkerPool, sandbox_available
from autograder.jail.zygotes import PRELOAD, TORCH_PRELOAD, preload_for
from autograder.paths import GRADING_TOML, HIDDEN_TESTS, KIT_ROOT, SOLUTIONS

pytestmark = pytest.mark.slow(seconds=30)   # starts judges, sandboxes or nbgrader

BWRAP_OK, BWRAP_WHY = sandbox_available()
needs_bwrap = pytest.mark.skipif(not BWRAP_OK, reason=f"bubblewrap cannot run here: {BWRAP_WHY}")

# Small limits keep the hostile cases quick.
LIMITS = Limits(test_wall_seconds=4, test_cpu_seconds=2, submission_wall_seconds=300, memory_mb=512,
                max_processes=32, max_file_mb=1, max_output_kb=16, max_submission_output_kb=64)


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


# A CPU-time limit far below the wall time: the CPU watch, not the wall clock, must end the call.
CPU_LIMITS = Limits(test_wall_seconds=60, test_cpu_seconds=1, max_output_kb=16)
NUMPY_ONLY = preload_for(["numpy"])   # a judge whose exercises need no torch


@pytest.fixture(scope="module")
def cpu_pool():
    if not BWRAP_OK:
        pytest.skip(f"bubblewrap cannot run here: {BWRAP_WHY}")
    with WorkerPool(CPU_LIMITS, sandbox="bubblewrap", preload=NUMPY_ONLY) as made:
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
            "__init__.py", "bridge", "jail", "submission"}
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
        unjailed = in_process(student(tmp_path / "control", "alice", PROBE))
        try:   # positive control: the same call, not jailed, reaches the listener
            assert unjailed.hostile.try_connect("127.0.0.1", port) == "connected"
        finally:
            unjailed.close()
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
def test_cpu_limit_stops_a_call_before_its_wall_time(cpu_pool, tmp_path):
    transport = cpu_pool.open(student(tmp_path, "alice", SPIN))
    sub = Submission(transport, default_timeout=CPU_LIMITS.test_wall_seconds)
    try:
        with pytest.raises(LimitExceeded, match="CPU-time limit of 1 s"):
            sub.hostile.spin()
        assert_recovers(sub, transport, 0)
    finally:
        sub.close()


def _host_worker_processes(pool=None):
    """Processes on the judge's machine running as a jail worker uid (root mode): of ``pool``'s
    zygotes when given (other kits on the machine have workers too), else any."""
    ranges = ([(getattr(z, "uid_base", z.uid), getattr(z, "uid_base", z.uid) + 1024) for z in pool.zygotes]
              if pool is not None else [(2_000_000, 2**32)])
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                uid = int(Path(f"/proc/{name}/status").read_text().split("Uid:")[1].split()[0])
            except (OSError, IndexError, ValueError):
                continue
            if any(low <= uid < high for low, high in ranges):
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
        assert _host_worker_processes(pool) == []


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


ASKS = """
import getpass

def user():
    return getpass.getuser()

def compiler_loads():
    import torch._dynamo
    return torch._dynamo.__name__
"""


@needs_bwrap
def test_getuser_and_torch_compiler_work_in_the_jail(pool, tmp_path):
    """The jail has no /etc/passwd, and torch asks ``getpass.getuser()`` when it loads its
    compiler (torch 2.11 on the GPU machine: ``import torch._dynamo`` raised KeyError and the
    zygote, which preloads it, did not start). The sandbox's environment answers with USER/LOGNAME."""
    sub = connect(pool, student(tmp_path, "asks", ASKS, module="asks"))
    try:
        assert sub.asks.user() == "student"
        assert sub.asks.compiler_loads() == "torch._dynamo"
    finally:
        sub.close()


LOADED = """
import sys

def torch_loaded():
    return "torch" in sys.modules
"""


@needs_bwrap
def test_zygotes_preload_torch_only_for_judges_that_need_it(pool, cpu_pool, tmp_path):
    assert preload_for(["numpy", "torch"]) == preload_for(["numpy", "torch._dynamo"]) == PRELOAD
    assert NUMPY_ONLY == tuple(name for name in PRELOAD if name not in TORCH_PRELOAD) and "numpy" in NUMPY_ONLY
    for made, loaded in ((pool, True), (cpu_pool, False)):
        sub = connect(made, student(tmp_path / str(loaded), "alice", LOADED))
        try:
            assert sub.hostile.torch_loaded() is loaded
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

class _Fallback:
    """The pool without a sandbox, and the runtime warnings raised while it was made."""

    def __init__(self):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            self.pool = WorkerPool(LIMITS, sandbox="none", preload=NUMPY_ONLY)
        self.warned = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]


@pytest.fixture(scope="module")
def fallback_pool():
    made = _Fallback()
    with made.pool:
        yield made


def test_fallback_without_sandbox_warns_loudly_and_still_limits(fallback_pool, tmp_path):
    assert any("NOT isolated" in message for message in fallback_pool.warned), fallback_pool.warned
    fallback = fallback_pool.pool
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
            assert _host_worker_processes(fallback) == []
        assert_recovers(sub, transport, 2)
    finally:
        sub.close()


def test_unknown_sandbox_kind_is_refused():
    with pytest.raises(ValueError):
        WorkerPool(LIMITS, sandbox="docker")


# -- nothing passes between students (issue 10, point 4) ---------------------------------

def _sandboxes():
    """Both kinds of worker, as root: bubblewrap (when it runs here) and the plain fallback."""
    kinds = [pytest.param("bubblewrap", marks=needs_bwrap), "none"]
    return kinds


@pytest.fixture(scope="module", params=_sandboxes())
def any_pool(request):
    """The module's bubblewrap pool, or its pool without a sandbox."""
    if request.param == "bubblewrap":
        return request.getfixturevalue("pool")
    if os.geteuid() != 0:
        pytest.skip("without bubblewrap and not root, workers share the judge's uid (the warning says so)")
    return request.getfixturevalue("fallback_pool").pool


IPC = """
import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
libc.shmat.restype = ctypes.c_void_p
libc.shmat.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_int]
FAILED = ctypes.c_void_p(-1).value

def uid():
    return os.getuid()

def leave_shared_memory(KEY, name):
    made = []
    for i in range(3):
        shmid = libc.shmget(KEY + i, 1 << 20, 0o1000 | 0o2000 | 0o666)   # IPC_CREAT | IPC_EXCL, readable by anyone
        addr = libc.shmat(shmid, None, 0)
        ctypes.memmove(addr, b"SECRET-OF-ALICE", 15)
        libc.shmdt(ctypes.c_void_p(addr))
        made.append(shmid)
    made.append(libc.semget(KEY, 1, 0o1000 | 0o666))
    made.append(libc.msgget(KEY, 0o1000 | 0o666))
    with open(f"/dev/shm/{name}", "w") as handle:
        handle.write("SECRET-OF-ALICE")
    queue = libc.mq_open(f"/{name}".encode(), os.O_CREAT | os.O_RDWR, 0o666, None)
    return {"ids": made, "queue": queue}

def look(KEY, name):
    seen = []
    for kind in ("shm", "sem", "msg"):
        with open(f"/proc/sysvipc/{kind}") as handle:
            seen += [(kind, line.split()[1]) for line in handle.readlines()[1:]]
    read = []
    for key in range(KEY, KEY + 3):
        shmid = libc.shmget(key, 0, 0)
        if shmid >= 0:
            addr = libc.shmat(shmid, None, 0o10000)
            if addr not in (None, FAILED):
                read.append(ctypes.string_at(addr, 15).decode(errors="replace"))
    for shmid in range(64):
        addr = libc.shmat(shmid, None, 0o10000)
        if addr not in (None, FAILED) and ctypes.string_at(addr, 15) == b"SECRET-OF-ALICE":
            read.append("SECRET-OF-ALICE")
    shm = [entry for entry in os.listdir("/dev/shm") if entry == name]
    return {"ipc": seen, "read": read, "dev_shm": shm, "queue": libc.mq_open(f"/{name}".encode(), os.O_RDWR, 0, None) >= 0,
            "semaphore": libc.semget(KEY, 0, 0) >= 0, "messages": libc.msgget(KEY, 0) >= 0}
"""


@pytest.mark.skipif(os.geteuid() != 0, reason="a uid per worker needs root (the sandbox's user namespace has one uid)")
def test_each_worker_gets_a_uid_of_its_own(any_pool, tmp_path):
    seen = []
    for name in ("alice", "bob", "carol"):
        transport = any_pool.open(student(tmp_path, name, IPC, module="ipc"))
        sub = Submission(transport, default_timeout=LIMITS.test_wall_seconds)
        try:
            seen.append(sub.ipc.uid())
            transport._kill_worker()          # a replacement worker (after a limit) is another uid again
            seen.append(sub.ipc.uid())
        finally:
            sub.close()
    assert len(set(seen)) == len(seen) and all(uid >= 2_000_000 for uid in seen), seen


def test_shared_memory_a_student_leaves_is_gone_for_the_next(any_pool, tmp_path):
    # Without a sandbox these live in the machine's own IPC namespace: a key and a name of this run.
    key, name = 0x4B170000 + (os.getpid() % 0x8000) * 4, f"alice-{os.getpid()}-{tmp_path.name}"
    alice = Submission(any_pool.open(student(tmp_path, "alice", IPC, module="ipc")), default_timeout=4)
    try:
        left = alice.ipc.leave_shared_memory(key, name)
        assert all(ipc_id >= 0 for ipc_id in left["ids"]), left   # it did make them
        assert left["queue"] < 0                                     # POSIX queues are refused outright
    finally:
        alice.close()
    bob = Submission(any_pool.open(student(tmp_path, "bob", IPC, module="ipc")), default_timeout=4)
    try:
        seen = bob.ipc.look(key, name)
    finally:
        bob.close()
    assert seen["read"] == [] and seen["dev_shm"] == [], seen
    assert not (seen["queue"] or seen["semaphore"] or seen["messages"]), seen
    if any_pool.sandbox_kind == "bubblewrap":   # its own IPC namespace holds nothing at all
        assert seen["ipc"] == [], seen


# -- limits that cannot be ignored (point 5) -------------------------------------------------

CPU = """
import os, signal, threading, time

def ignore_and_spin(seconds):
    signal.signal(signal.SIGXCPU, signal.SIG_IGN)
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass
    return "finished"

def _spin_forever():
    signal.signal(signal.SIGXCPU, signal.SIG_IGN) if threading.current_thread() is threading.main_thread() else None
    while True:
        pass

def spin_everywhere():
    signal.signal(signal.SIGXCPU, signal.SIG_IGN)
    threading.Thread(target=_spin_forever, daemon=True).start()
    child = os.fork()
    if child == 0:
        os.setsid()
        signal.signal(signal.SIGXCPU, signal.SIG_IGN)
        _spin_forever()
    _spin_forever()

def spin_in_background():
    signal.signal(signal.SIGXCPU, signal.SIG_IGN)
    threading.Thread(target=_spin_forever, daemon=True).start()
    return os.getpid()

def pid():
    return os.getpid()
"""


@needs_bwrap
def test_cpu_limit_holds_when_the_worker_ignores_sigxcpu(cpu_pool, tmp_path):
    transport = cpu_pool.open(student(tmp_path, "alice", CPU, module="cpu"))
    sub = Submission(transport, default_timeout=CPU_LIMITS.test_wall_seconds)
    try:
        with pytest.raises(LimitExceeded, match="CPU-time limit of 1 s"):
            sub.cpu.ignore_and_spin(4)
        assert transport.generation == 1
    finally:
        sub.close()


@needs_bwrap
def test_threads_and_children_die_with_the_call_that_broke_the_limit(cpu_pool, tmp_path):
    transport = cpu_pool.open(student(tmp_path, "alice", CPU, module="cpu"))
    sub = Submission(transport, default_timeout=CPU_LIMITS.test_wall_seconds)
    try:
        with pytest.raises(LimitExceeded, match="CPU-time limit"):
            sub.cpu.spin_everywhere()
        if os.geteuid() == 0:
            assert _host_worker_processes(cpu_pool) == []   # the thread and the child went with it
        # A thread left spinning after its call returned is charged to that call, and ends too.
        sub.cpu.spin_in_background()
        generation = transport.generation
        import time
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and os.geteuid() == 0 and _host_worker_processes(cpu_pool):
            time.sleep(0.2)
        with pytest.raises(LimitExceeded, match="CPU-time limit"):
            sub.cpu.pid()   # the worker was stopped while the judge was away
        assert transport.generation == generation + 1
        assert isinstance(sub.cpu.pid(), int)   # and replaced
    finally:
        sub.close()


# -- memory: what is touched, not what is reserved (point 6) -----------------------------------

MEMORY = """
import ctypes, mmap, os
libc = ctypes.CDLL(None, use_errno=True)
libc.mmap.restype = ctypes.c_void_p
libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_long]
libc.shmat.restype = ctypes.c_void_p
libc.shmat.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_int]
MB = 1 << 20

def reserve(gib=64):
    # What the CUDA runtime does when it starts: PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE.
    address = libc.mmap(None, gib << 30, 0, 0x02 | 0x20 | 0x4000, -1, 0)
    if address in (None, ctypes.c_void_p(-1).value):
        raise MemoryError(f"the reservation was refused (errno {ctypes.get_errno()})")
    return "reserved"

def reserve_then_touch(mb):
    reserve()
    block = bytearray(mb * MB)
    return len(block)

def shared_mapping(mb):
    area = mmap.mmap(-1, mb * MB, flags=mmap.MAP_SHARED)
    for offset in range(0, mb * MB, 4096):
        area[offset] = 1
    import time
    time.sleep(3)
    return mb

def sysv_segments(count, mb):
    for i in range(count):   # made and detached: they stay without any process mapping them
        shmid = libc.shmget(0, mb * MB, 0o1000 | 0o600)
        address = libc.shmat(shmid, None, 0)
        ctypes.memset(address, 1, mb * MB)
        libc.shmdt(ctypes.c_void_p(address))
    import time
    time.sleep(3)
    return count * mb

def memfd_files(count, mb):
    keep = []
    for i in range(count):   # written, never mapped: memory held through file descriptors
        fd = os.memfd_create(f"blob{i}")
        for _ in range(mb):
            os.write(fd, b"x" * MB)
        keep.append(fd)
    import time
    time.sleep(3)
    return len(keep)
"""


@needs_bwrap
def test_a_prot_none_reservation_is_free_and_touched_memory_is_capped(pool, tmp_path):
    transport = pool.open(student(tmp_path, "alice", MEMORY, module="memory"))
    sub = Submission(transport, default_timeout=LIMITS.test_wall_seconds)
    try:
        assert sub.memory.reserve() == "reserved"
        assert sub.memory.reserve_then_touch(LIMITS.memory_mb // 2) == LIMITS.memory_mb // 2 * (1 << 20)
        with pytest.raises(LimitExceeded, match=f"memory limit of {LIMITS.memory_mb} MB"):
            sub.memory.reserve_then_touch(LIMITS.memory_mb + 64)
        assert sub.memory.reserve() == "reserved"   # the replacement worker can start CUDA too
    finally:
        sub.close()


@needs_bwrap
@pytest.mark.parametrize("function, args", [
    ("shared_mapping", (LIMITS.memory_mb + 128,)),
    ("sysv_segments", (6, 128)),      # 768 MB of detached segments with memory_mb = 512
    ("memfd_files", (640, 1)),     # files of max_file_mb each, never mapped
])
def test_shared_memory_counts_against_the_cap(pool, tmp_path, function, args):
    transport = pool.open(student(tmp_path, "alice", MEMORY, module="memory"))
    sub = Submission(transport, default_timeout=LIMITS.test_wall_seconds + 4)
    try:
        with pytest.raises(LimitExceeded, match=f"memory limit of {LIMITS.memory_mb} MB"):
            getattr(sub.memory, function)(*args)
    finally:
        sub.close()


def _fake_cgroup_fs(tmp_path, own: str, controllers: str, subtree: str = ""):
    """A folder laid out like a cgroup v2 mount, with this process in ``own``."""
    mount = tmp_path / "cgroup"
    here = mount / own.strip("/")
    here.mkdir(parents=True, exist_ok=True)
    (here / "cgroup.controllers").write_text(controllers)
    (mount / "cgroup.subtree_control").write_text(subtree)
    return mount


@pytest.mark.parametrize("own, controllers, subtree, kind, parent", [
    ("/kit.slice/judge.scope", "cpu memory pids", "", "cgroup2", "kit.slice"),   # siblings beside our cgroup
    ("/", "cpu memory", "memory", "cgroup2", ""),                                  # the root we see
    ("/kit.slice/judge.scope", "cpu pids", "", "rlimit_data", None),              # memory not delegated
])
def test_memory_cap_choice(tmp_path, monkeypatch, own, controllers, subtree, kind, parent):
    from autograder.jail import memcap
    mount = _fake_cgroup_fs(tmp_path, own, controllers, subtree)
    monkeypatch.setattr(memcap, "_cgroup2_mount", lambda: (mount, "/"))
    monkeypatch.setattr(memcap, "_own_cgroup", lambda: own)
    tried = []
    monkeypatch.setattr(memcap, "_cannot_make_cgroups", lambda folder: tried.append(folder))   # cgroupfs would let us
    memcap.detect.cache_clear()
    try:
        cap = memcap.detect()
    finally:
        memcap.detect.cache_clear()
    assert cap.kind == kind, cap
    if parent is not None:
        assert cap.parent == mount / parent and tried == [mount / parent]
    else:
        assert cap.parent is None and "no memory controller" in cap.detail


def test_memory_cap_without_cgroup2_is_rlimit_data(monkeypatch):
    from autograder.jail import memcap
    monkeypatch.setattr(memcap, "_cgroup2_mount", lambda: None)
    memcap.detect.cache_clear()
    try:
        assert memcap.detect().kind == memcap.RLIMIT_DATA
    finally:
        memcap.detect.cache_clear()


def test_a_sandbox_cgroup_caps_what_the_zygote_holds_plus_memory_mb(tmp_path):
    from autograder.jail import memcap
    cap = memcap.MemoryCap(memcap.CGROUP2, str(tmp_path), tmp_path)
    group = memcap.Cgroup(cap, "kit-jail-1-0")
    (group.path / "memory.current").write_text("700000000\n")
    (group.path / "memory.events").write_text("low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n")
    group.cap(512 << 20)
    assert int((group.path / "memory.max").read_text()) == 700000000 + (512 << 20)
    assert (group.path / "memory.swap.max").read_text() == "0"
    group.mark()
    assert not group.killed_since_mark()
    (group.path / "memory.events").write_text("low 0\nhigh 0\nmax 9\noom 2\noom_kill 2\n")
    assert group.killed_since_mark()
    launcher = group.launcher(["bwrap", "--die-with-parent"])
    assert launcher[-2:] == ["bwrap", "--die-with-parent"] and str(group.procs) in launcher
    for name in ("memory.current", "memory.events", "memory.max", "memory.swap.max"):
        (group.path / name).unlink()
    group.remove()
    assert not group.path.exists()


def test_the_pool_uses_the_cap_the_machine_allows(pool):
    """The pool's cap is what detect() found here; a sandbox gets a cgroup only with cgroup2."""
    from autograder.jail import memcap
    assert pool.memory_cap == memcap.detect()
    pool.warm_up(1)
    zygote = pool.zygotes[0]
    assert (zygote.cgroup is not None) == (pool.memory_cap.kind == memcap.CGROUP2)


# -- replies the judge does not trust (points 2 and 3) -----------------------------------------

def _forged_student(tmp_path):
    folder = tmp_path / "forger"
    folder.mkdir()
    source = KIT_ROOT / "examples" / "hostile" / "hostile_frames" / "activations.py"
    (folder / "activations.py").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


@needs_bwrap
@pytest.mark.parametrize("function", ["step_function", "sigmoid", "relu", "identity_function", "softmax"])
def test_a_forged_reply_fails_the_call_and_costs_the_judge_little(pool, tmp_path, function):
    import tracemalloc
    transport = pool.open(_forged_student(tmp_path))
    sub = Submission(transport, default_timeout=LIMITS.test_wall_seconds)
    try:
        tracemalloc.start()
        try:
            with pytest.raises(WorkerLost, match="malformed reply") as caught:
                getattr(sub.activations, function)(np.array([-1.0, 0.0, 2.0]))
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert len(str(caught.value)) < 400
        assert peak < 64 << 20, f"the judge took {peak >> 20} MB for one forged reply"   # the 50 MB one: refused
        assert transport.generation == 1                                                 # from its length alone
        assert sub.activations.relu is not None   # a fresh worker answers the next call
    finally:
        sub.close()


@needs_bwrap
def test_decoding_a_reply_counts_against_the_call(pool, tmp_path, monkeypatch):
    import time
    from autograder.bridge import codec
    unpack = codec.unpack

    def slow_unpack(message, *args, **kwargs):   # as if the reply took long to decode
        time.sleep(1.5)
        return unpack(message, *args, **kwargs)

    transport = pool.open(student(tmp_path, "alice", SPIN))
    sub = Submission(transport, default_timeout=1.0)
    try:
        monkeypatch.setattr(codec, "unpack", slow_unpack)
        started = time.monotonic()
        with pytest.raises(LimitExceeded, match="wall-time limit of 1 s"):
            sub.hostile.ok(1)
        assert time.monotonic() - started < 10
    finally:
        monkeypatch.undo()
        sub.close()


@needs_bwrap
def test_output_is_capped_per_call_and_per_submission(pool, tmp_path):
    folder = student(tmp_path, "alice", """
        def shout(n):
            print("x" * n)
    """)
    sub = connect(pool, folder)
    try:
        for _ in range(10):   # 15 KB per call is within the per-call cap (16 KB) ...
            sub.hostile.shout(15_000)
        printed = sub.take_output()
        # ... but not ten times within the submission's 64 KB: the rest is dropped, and said so
        assert len(printed) <= LIMITS.max_submission_output_kb * 1024 + 400
        assert "output cut" in printed and printed.count("x" * 15_000) == 4
    finally:
        sub.close()


@needs_bwrap
def test_what_the_judge_keeps_of_stderr_is_capped_per_submission_too(pool, tmp_path):
    folder = student(tmp_path, "alice", """
        import sys
        def complain(n):
            sys.stderr.write("w" * n)
    """)
    sub = connect(pool, folder)
    try:
        for _ in range(40):   # 3,900 characters a call: within the 4,000 kept of each call's stderr
            sub.hostile.complain(3_900)
        kept = sum(len(text) for text in sub._printed)
        assert kept <= LIMITS.max_submission_output_kb * 1024 + 400, kept
        assert "output cut" in "".join(sub._printed)
    finally:
        sub.close()
