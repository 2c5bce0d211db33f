"""The fork server that runs inside the sandbox, and the worker it forks.

The zygote imports numpy, torch and the bridge once, then forks one worker per
student (or per replacement after a limit). It never runs student code itself.
The judge drives it over a SOCK_SEQPACKET socket with small JSON messages; a
worker talks to the judge over its own two pipes, framed as 8-byte length +
codec message. Only the standard library is used before the preload, so this
module is cheap to import on the judge side for the framing constants.
"""
from __future__ import annotations

import ctypes
import json
import math
import os
import resource
import select
import signal
import socket
import struct
import sys
import time

FRAME = struct.Struct("<Q")            # a reply: its length
REQUEST = struct.Struct("<Qd")         # a request: its length and the call's CPU-time budget
MAX_REQUEST_BYTES = 1 << 30
CONTROL_BYTES = 64 * 1024
SPIN_SECONDS = 0.001
# What student code and the kit's helpers import, so that no worker pays for it again: numpy.random
# is lazy in NumPy 2, and the first torch.optim optimizer imports torch._dynamo (about 2 s).
PRELOAD = ("numpy", "numpy.random", "torch", "torch.nn", "torch.nn.functional", "torch.optim", "torch._dynamo",
           "torch.utils.data", "autograder.bridge.server", "autograder.bridge.helpers", "autograder.bridge.codec")

PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4
PR_SET_CHILD_SUBREAPER = 36
PR_SET_NO_NEW_PRIVS = 38

_libc = ctypes.CDLL(None, use_errno=True)


def _prctl(option: int, value: int) -> None:
    if _libc.prctl(option, value, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), f"prctl({option}) failed")


def _send(sock: socket.socket, message: dict) -> None:
    sock.send(json.dumps(message).encode())


# -- the worker (forked child) ---------------------------------------------

def _read_exact(fd: int, size: int, spin: float = 0.0) -> bytearray | None:
    """``size`` bytes from a non-blocking ``fd``, None at EOF. For the first ``spin`` seconds it
    waits awake: the judge's next call usually follows within microseconds, and being put to
    sleep and woken again costs more than that on a VM. The buffer is writable, so arrays
    decoded from it use its memory instead of a copy."""
    buffer = bytearray(size)
    view = memoryview(buffer)
    got = 0
    spin_until = time.monotonic() + spin
    while got < size:
        try:
            count = os.readv(fd, [view[got:]])
        except BlockingIOError:
            if time.monotonic() < spin_until:
                os.sched_yield()
            else:
                select.select([fd], [], [])
            continue
        if not count:
            return None
        got += count
    return buffer


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _cpu_used() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _set_limits(config: dict) -> None:
    mb = 1024 * 1024
    # Address space on top of what the preloaded zygote already maps (torch alone maps ~3 GB
    # of mostly untouched virtual memory), so memory_mb is what the student's code can add.
    address_space = int(config.get("zygote_vsz", 0)) + int(config["memory_mb"]) * mb
    resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
    file_size = int(config["max_file_mb"]) * mb
    resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    nproc = int(config["max_processes"])
    resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))
    # CPU: the hard limit caps the worker's whole life; the soft one is moved before each call.
    hard = int(_cpu_used() + config["worker_cpu_seconds"]) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (hard, hard))


def _per_call_cpu(seconds: float) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    want = math.ceil(_cpu_used() + max(1.0, min(seconds, 1e6)))
    if hard != resource.RLIM_INFINITY:
        want = min(want, hard)
    try:
        resource.setrlimit(resource.RLIMIT_CPU, (want, hard))
    except (ValueError, OSError):
        pass


def _worker(config: dict, request_fd: int, reply_fd: int, control: socket.socket) -> None:
    """Runs in the forked child; never returns."""
    try:
        os.setsid()  # its own process group, so it and its children can be killed together
        control.close()
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGCHLD):
            signal.signal(sig, signal.SIG_DFL)
        # fd 0/1/2 lead nowhere: the protocol has its own pipes and output is captured per call.
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        os.close(null)
        if config["mode"] == "none":
            _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if config["drop_privileges"]:
            # The zygote runs as root; the student runs as an unprivileged uid of its own.
            uid, gid = int(config["uid"]), int(config["gid"])
            os.setgroups([])
            os.setresgid(gid, gid, gid)
            os.setresuid(uid, uid, uid)
        _prctl(PR_SET_NO_NEW_PRIVS, 1)
        _set_limits(config)
        root = config["submission"]
        os.chdir(root)
        sys.path.append(root)
        from autograder.bridge.server import Dispatcher
        dispatcher = Dispatcher(root, output_limit=int(config["output_limit"]))
        os.set_blocking(request_fd, False)
        while True:
            head = _read_exact(request_fd, REQUEST.size, SPIN_SECONDS)
            if head is None:
                break
            size, cpu_seconds = REQUEST.unpack(head)
            if size > MAX_REQUEST_BYTES:
                os._exit(3)
            message = _read_exact(request_fd, size)
            if message is None:
                break
            _per_call_cpu(cpu_seconds)
            reply = dispatcher.handle(message)
            _write_all(reply_fd, FRAME.pack(len(reply)) + reply)
    except BaseException:
        os._exit(4)
    os._exit(0)


# -- the zygote --------------------------------------------------------------

def _other_pids(parent: int | None = None) -> list[int]:
    """Every process but pid 1 and this one; with ``parent``, only that process's children."""
    me = os.getpid()
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) in (1, me):
            continue
        if parent is not None:
            try:
                with open(f"/proc/{name}/stat") as handle:
                    if int(handle.read().rsplit(")", 1)[1].split()[1]) != parent:
                        continue
            except (OSError, IndexError, ValueError):
                continue
        found.append(int(name))
    return found


def _reap_children() -> None:
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _kill_strays(config: dict, child_pid: int | None) -> bool:
    """Kill every process the worker left behind. True when none is left."""
    if config["mode"] == "none":
        # No pid namespace: the zygote is the subreaper of whatever the worker left, so the
        # strays (even those that left the worker's process group) are its children.
        if child_pid is not None:
            try:
                os.killpg(child_pid, signal.SIGKILL)
            except OSError:
                pass
        find, settle = (lambda: _other_pids(parent=os.getpid())), _reap_children
    else:
        find, settle = _other_pids, lambda: None   # pid 1 (bubblewrap) reaps them
    deadline = time.monotonic() + 3.0
    while time.monotonic() < deadline:
        settle()
        pids = find()
        if not pids:
            return True
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        time.sleep(0.01)
    settle()
    return not find()


def _wipe(folder: str) -> bool:
    """Empty ``folder``; read-only binds inside it (a kit or venv under /tmp) stay, as mount points."""
    ok = True
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return False
    for entry in entries:
        try:
            if os.path.ismount(entry.path):
                continue
            if entry.is_dir(follow_symlinks=False):
                ok = _wipe(entry.path) and ok
                if not os.listdir(entry.path):  # what is left holds mount points
                    os.rmdir(entry.path)
            else:
                os.unlink(entry.path)
        except OSError:
            ok = False
    return ok


def _cleanup(config: dict, child_pid: int | None) -> bool:
    clean = _kill_strays(config, child_pid)
    for folder in config["scratch"]:
        clean = _wipe(folder) and clean
    return clean


def _preload(config: dict) -> None:
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    for name in PRELOAD:
        try:
            __import__(name)
        except ImportError:
            pass
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.set_num_threads(1)
        try:
            torch.set_num_interop_threads(1)
        except RuntimeError:
            pass


def _vsz() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def main(argv: list[str] | None = None) -> None:
    config = json.loads((argv or sys.argv)[1])
    control = socket.socket(fileno=int(config["control_fd"]))
    if config["mode"] == "none":
        _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        _prctl(PR_SET_CHILD_SUBREAPER, 1)
    _prctl(PR_SET_DUMPABLE, 0)  # a worker may not ptrace the zygote or read its memory
    _preload(config)
    config["zygote_vsz"] = _vsz()
    _send(control, {"event": "ready", "pid": os.getpid(), "vsz": config["zygote_vsz"],
                    "threads": len(os.listdir("/proc/self/task"))})
    child: dict | None = None
    while True:
        waiting = [control] + ([child["pidfd"]] if child else [])
        readable, _, _ = select.select(waiting, [], [])
        if child and child["pidfd"] in readable:
            _, status = os.waitpid(child["pid"], 0)
            os.close(child["pidfd"])
            clean = _cleanup(config, child["pid"])
            _send(control, {"event": "exit", "id": child["id"], "status": os.waitstatus_to_exitcode(status),
                            "clean": clean})
            child = None
            continue
        try:
            data, fds, _, _ = socket.recv_fds(control, CONTROL_BYTES, 4)
        except OSError:
            data, fds = b"", []
        if not data:
            if child:
                _cleanup(config, child["pid"])
            os._exit(0)
        command = json.loads(data)
        if command.get("cmd") == "fork" and child is None and len(fds) == 2:
            request_fd, reply_fd = fds
            config["submission"] = command.get("submission", config["submission"])
            pid = os.fork()
            if pid == 0:
                _worker(config, request_fd, reply_fd, control)
            os.close(request_fd)
            os.close(reply_fd)
            child = {"pid": pid, "pidfd": os.pidfd_open(pid), "id": command["id"]}
            _send(control, {"event": "started", "id": command["id"], "pid": pid})
        elif command.get("cmd") == "kill":
            for fd in fds:
                os.close(fd)
            if child and child["id"] == command.get("id"):
                try:
                    os.killpg(child["pid"], signal.SIGKILL)
                except OSError:
                    pass
                try:
                    os.kill(child["pid"], signal.SIGKILL)
                except OSError:
                    pass
        else:
            for fd in fds:
                os.close(fd)
            _send(control, {"event": "error", "message": f"bad command {command.get('cmd')!r}"})


if __name__ == "__main__":
    main()
