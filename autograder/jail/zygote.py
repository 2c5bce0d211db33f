"""The fork server that runs inside the sandbox, and the worker it forks.

The zygote imports numpy, torch and the bridge once, then forks one worker per
student (or per replacement after a limit). It never runs student code itself.
The judge drives it over a SOCK_SEQPACKET socket with small JSON messages; a
worker talks to the judge over its own two pipes, framed as 8-byte length +
codec message. Only the standard library is used before the preload, so this
module is cheap to import on the judge side for the framing constants.

The zygote also supervises its worker from outside: every WATCH_SECONDS it adds up the CPU
time of the worker and of every process it started (alive, exited or orphaned) and, without a
cgroup, the shared memory they hold, and kills them all when a call's CPU budget or the
memory cap is broken, whatever the worker does with its signals. After the worker it kills
what is left, empties /tmp and /dev/shm and removes the System V IPC objects the student made;
what it cannot remove makes it report itself unclean, and the judge replaces the sandbox.
"""
from __future__ import annotations

import ctypes
import gc
import json
import math
import mmap
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
CALLS = struct.Struct("<QQd")          # the judge's page: worker id, its call count, that call's CPU budget
MAX_REQUEST_BYTES = 1 << 30
CONTROL_BYTES = 64 * 1024
WATCH_SECONDS = 0.1
# What student code and the kit's helpers import, so that no worker pays for it again: numpy.random
# is lazy in NumPy 2, and the first torch.optim optimizer imports torch._dynamo (about 2 s). Torch's
# part (seconds per zygote) only for the exercises that declare it (config ``preload``).
TORCH_PRELOAD = ("torch", "torch.nn", "torch.nn.functional", "torch.optim", "torch._dynamo", "torch.utils.data")
PRELOAD = ("numpy", "numpy.random", *TORCH_PRELOAD, "autograder.bridge.server", "autograder.bridge.helpers",
           "autograder.bridge.codec", "autograder.bridge.replies", "autograder.submission.modules",
           "encodings.utf_8_sig", "encodings.cp932")   # how a student's file is decoded (submission.modules)

PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4
PR_SET_CHILD_SUBREAPER = 36
PR_SET_NO_NEW_PRIVS = 38
IPC_RMID = 0
# /proc/sysvipc/<kind>: the id's and the creator uid's columns, and the call that removes one.
SYSV = {"shm": (1, 9, "shmctl"), "msg": (1, 9, "msgctl"), "sem": (1, 6, "semctl")}
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

_libc = ctypes.CDLL(None, use_errno=True)


def _prctl(option: int, value: int) -> None:
    if _libc.prctl(option, value, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), f"prctl({option}) failed")


def _send(sock: socket.socket, message: dict) -> None:
    sock.send(json.dumps(message).encode())


# -- the worker (forked child) ---------------------------------------------

def _read_exact(fd: int, size: int) -> bytearray | None:
    """``size`` bytes from a non-blocking ``fd``, None at EOF. The buffer is writable, so arrays
    decoded from it use its memory instead of a copy."""
    buffer = bytearray(size)
    view = memoryview(buffer)
    got = 0
    while got < size:
        try:
            count = os.readv(fd, [view[got:]])
        except BlockingIOError:
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


def _status_kb(pid: int | str, field: str) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith(field):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _set_limits(config: dict) -> None:
    mb = 1024 * 1024
    # Memory the worker writes to, on top of what the preloaded zygote already holds (VmData:
    # private writable mappings). Unlike RLIMIT_AS it leaves address space alone: CUDA, JAX
    # and sanitizers reserve tens of GB with PROT_NONE when they start.
    data = _status_kb("self", "VmData:") * 1024 + int(config["memory_mb"]) * mb
    resource.setrlimit(resource.RLIMIT_DATA, (data, data))
    file_size = int(config["max_file_mb"]) * mb
    resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_MSGQUEUE, (0, 0))   # POSIX message queues would outlive it
    nproc = int(config["max_processes"])
    resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))
    # CPU: the hard limit caps the worker's whole life; the soft one is moved before each call.
    # The zygote enforces both from outside as well (a worker may ignore SIGXCPU).
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


def _worker(config: dict, uid: int, request_fd: int, reply_fd: int, control: socket.socket) -> None:
    """Runs in the forked child; never returns."""
    try:
        os.setsid()  # its own process group, so it and its children can be killed together
        control.close()
        config["calls"].close()   # the judge's page of calls is the zygote's alone
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGCHLD):
            signal.signal(sig, signal.SIG_DFL)
        # fd 0/1/2 lead nowhere: the protocol has its own pipes and output is captured per call.
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        os.close(null)
        if config["mode"] == "none":
            _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        try:   # the memory cap's killer picks the worker first, never the zygote
            with open("/proc/self/oom_score_adj", "w") as handle:
                handle.write("1000")
        except OSError:
            pass
        if config["drop_privileges"]:
            # The zygote runs as root; the student runs as an unprivileged uid of its own.
            os.setgroups([])
            os.setresgid(uid, uid, uid)
            os.setresuid(uid, uid, uid)
        else:
            _prctl(PR_SET_DUMPABLE, 1)   # so that the zygote, of the same uid, may read its /proc/<pid>/fd
        _prctl(PR_SET_NO_NEW_PRIVS, 1)
        _set_limits(config)
        root = config["submission"]
        os.chdir(root)
        sys.path.append(root)
        from autograder.bridge.server import Dispatcher
        output = int(config["output_limit"])
        dispatcher = Dispatcher(root, output_limit=output, total_output_limit=int(config["total_output_limit"]))
        os.set_blocking(request_fd, False)
        while True:
            head = _read_exact(request_fd, REQUEST.size)
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


# -- what the worker left running --------------------------------------------

def _stat(pid: int) -> list[str] | None:
    """/proc/<pid>/stat after the command name: [state, ppid, ..., utime at 11, ..., cstime at 14]."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def _tree(config: dict) -> dict[int, list[str]]:
    """Every process the worker started (itself included) and its /proc stat fields. In a
    sandbox that is every process but pid 1 and the zygote; without one, the zygote's
    descendants (it is their subreaper, so orphans stay among them)."""
    me = os.getpid()
    stats = {}
    for name in os.listdir("/proc"):
        if name.isdigit() and int(name) not in (1, me):
            fields = _stat(int(name))
            if fields is not None:
                stats[int(name)] = fields
    if config["mode"] != "none":
        return stats
    children: dict[int, list[int]] = {}
    for pid, fields in stats.items():
        try:
            children.setdefault(int(fields[1]), []).append(pid)
        except (IndexError, ValueError):
            continue
    found, todo = {}, [me]
    while todo:
        for pid in children.get(todo.pop(), ()):
            found[pid] = stats[pid]
            todo.append(pid)
    return found


def _ticks(fields: list[str]) -> int:
    """utime + stime + cutime + cstime: its own CPU time and that of the children it reaped."""
    try:
        return sum(int(value) for value in fields[11:15])
    except (IndexError, ValueError):
        return 0


def _reaped_ticks() -> int:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return round((usage.ru_utime + usage.ru_stime) * CLOCK_TICKS)


def _reap_orphans(tree: dict[int, list[str]], worker_pid: int | None) -> None:
    """Reap the zygote's exited children but the worker (whose status it reports)."""
    me = str(os.getpid())
    for pid, fields in tree.items():
        if pid != worker_pid and fields[:2] == ["Z", me]:
            try:
                os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                pass


def _sysv_objects(kind: str) -> list[tuple[int, int, list[str]]]:
    """(id, creator uid, row) of each System V IPC object of this IPC namespace."""
    id_col, cuid_col, _ = SYSV[kind]
    rows = []
    try:
        with open(f"/proc/sysvipc/{kind}") as handle:
            next(handle, None)
            for line in handle:
                parts = line.split()
                try:
                    rows.append((int(parts[id_col]), int(parts[cuid_col]), parts))
                except (IndexError, ValueError):
                    continue
    except OSError:
        pass
    return rows


def _memfd_bytes(tree: dict[int, list[str]]) -> int:
    """What the processes' memfd files hold (each counted once, mapped or not)."""
    seen, total = set(), 0
    for pid in tree:
        try:
            names = os.listdir(f"/proc/{pid}/fd")
        except OSError:
            continue
        for name in names:
            path = f"/proc/{pid}/fd/{name}"
            try:
                if not os.readlink(path).startswith("/memfd:"):
                    continue
                info = os.stat(path)
            except OSError:
                continue
            if (info.st_dev, info.st_ino) not in seen:
                seen.add((info.st_dev, info.st_ino))
                total += info.st_blocks * 512
    return total


def _shared_bytes(config: dict, tree: dict[int, list[str]], uid: int, baseline: int) -> int:
    """Memory that RLIMIT_DATA does not count: shared mappings (RssShmem, beyond what the zygote
    itself maps), memfd files and System V segments nobody has attached. A mapping shared by
    several of the processes counts once for each: the cap errs on the student's side only
    for code that forks after making shared memory."""
    total = sum(_status_kb(pid, "RssShmem:") for pid in tree) * 1024 - baseline + _memfd_bytes(tree)
    for _, cuid, row in _sysv_objects("shm"):
        if config["mode"] != "none" or cuid == uid:
            try:
                if int(row[6]) == 0:     # nattch
                    total += int(row[14])   # rss
            except (IndexError, ValueError):
                continue
    return total


class _Watch:
    """The supervision of one worker: CPU budgets per call and over its life, shared memory."""

    def __init__(self, config: dict, child: dict):
        self.config = config
        self.child = child
        self.ticks_at_fork = _reaped_ticks()
        self.baseline_shmem = _status_kb(child["pid"], "RssShmem:") * 1024
        self.total = 0            # CPU ticks of the worker's processes since the fork
        self.call_start: int | None = None
        self.call_budget = float(config["test_cpu_seconds"])
        self.calls_seen = 0
        self.life_budget = float(config["worker_cpu_seconds"])
        self.tree: dict[int, list[str]] = {}

    def _new_call(self) -> bool:
        """Whether the judge started a call since the last check (and that call's budget)."""
        worker_id, count, seconds = CALLS.unpack_from(self.config["calls"])
        if worker_id != self.child["id"] or count == self.calls_seen:
            return False
        self.calls_seen = count
        if math.isfinite(seconds):
            self.call_budget = max(1.0, min(seconds, 1e6))
        return True

    def check(self) -> str | None:
        """"cpu" or "memory" when a limit is broken, else None."""
        self.tree = tree = _tree(self.config)
        total = sum(_ticks(fields) for fields in tree.values()) + _reaped_ticks() - self.ticks_at_fork
        if self._new_call() or self.call_start is None:
            # Charged from the previous check: at most one interval too early, never too late.
            self.call_start = self.total
        self.total = total
        if (total - self.call_start) / CLOCK_TICKS > self.call_budget or total / CLOCK_TICKS > self.life_budget:
            return "cpu"
        if self.config["memory_cap"] != "cgroup2" and \
                _shared_bytes(self.config, tree, self.child["uid"], self.baseline_shmem) > \
                int(self.config["memory_mb"]) * 1024 * 1024:
            return "memory"
        return None


# -- the zygote --------------------------------------------------------------

def _kill_tree(config: dict, child_pid: int | None) -> None:
    if child_pid is not None:
        try:
            os.killpg(child_pid, signal.SIGKILL)
        except OSError:
            pass
    for pid in _tree(config):
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def _kill_strays(config: dict, child_pid: int | None) -> bool:
    """Kill every process the worker left behind. True when none is left."""
    deadline = time.monotonic() + 3.0
    while time.monotonic() < deadline:
        _reap_orphans(_tree(config), None)
        if not _tree(config):
            return True
        _kill_tree(config, child_pid)
        time.sleep(0.01)
    _reap_orphans(_tree(config), None)
    return not _tree(config)


def _wipe(folder: str, owner: int | None = None) -> bool:
    """Empty ``folder`` (only ``owner``'s entries when given); read-only binds inside it (a kit
    or venv under /tmp) stay, as mount points."""
    ok = True
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return False
    for entry in entries:
        try:
            if os.path.ismount(entry.path):
                continue
            if owner is not None and entry.stat(follow_symlinks=False).st_uid != owner:
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


def _remove_sysv(config: dict, uid: int, before: set) -> bool:
    """Remove the System V IPC objects the worker made. True when none of them is left."""
    def targets():
        found = []
        for kind in SYSV:
            for ipc_id, cuid, _ in _sysv_objects(kind):
                if config["mode"] != "none" or (cuid == uid and (kind, ipc_id) not in before):
                    found.append((kind, ipc_id))
        return found

    def remove(found):
        for kind, ipc_id in found:
            call = getattr(_libc, SYSV[kind][2])
            if kind == "sem":
                call(ipc_id, 0, IPC_RMID)
            else:
                call(ipc_id, IPC_RMID, None)

    found = targets()
    if not found:
        return True
    if config["mode"] == "root":
        # Here the zygote is root without CAP_SYS_ADMIN: only the creator's uid may remove them.
        pid = os.fork()
        if pid == 0:
            try:
                os.setgroups([])
                os.setresgid(uid, uid, uid)
                os.setresuid(uid, uid, uid)
                remove(found)
            finally:
                os._exit(0)
        os.waitpid(pid, 0)
    else:
        remove(found)
    return not targets()


def _cleanup(config: dict, child: dict | None) -> bool:
    clean = _kill_strays(config, child["pid"] if child else None)
    for folder in config["scratch"]:
        clean = _wipe(folder) and clean
    if child is not None:
        clean = _remove_sysv(config, child["uid"], child["sysv_before"]) and clean
        if config["mode"] == "none" and config["drop_privileges"]:
            # No sandbox: the host's own shared folders, where only this worker's uid writes.
            for folder in ("/dev/shm", "/tmp"):
                clean = _wipe(folder, owner=child["uid"]) and clean
    return clean


def _preload(names) -> None:
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    for name in names:
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
    # What is loaded now lives as long as the zygote: out of the collector's sight, a worker's
    # collections never walk (and so copy) the hundreds of thousands of objects it inherits.
    gc.freeze()


def _fork(config: dict, command: dict, fds: list[int], control: socket.socket) -> dict:
    request_fd, reply_fd = fds
    uid = int(command.get("uid", config["uid"])) if config["drop_privileges"] else os.getuid()
    sysv_before = {(kind, ipc_id) for kind in SYSV for ipc_id, _, _ in _sysv_objects(kind)}
    if config["mode"] == "none" and config["drop_privileges"]:
        for folder in config["scratch"]:   # the worker's /tmp belongs to its own uid
            os.chown(folder, uid, uid)
    pid = os.fork()
    if pid == 0:
        _worker(config, uid, request_fd, reply_fd, control)
    os.close(request_fd)
    os.close(reply_fd)
    child = {"pid": pid, "pidfd": os.pidfd_open(pid), "id": command["id"], "uid": uid,
             "sysv_before": sysv_before, "reason": None}
    child["watch"] = _Watch(config, child)
    return child


def main(argv: list[str] | None = None) -> None:
    config = json.loads((argv or sys.argv)[1])
    control = socket.socket(fileno=int(config["control_fd"]))
    # The judge notes each call it starts on a shared page: no message, no wake-up per call.
    config["calls"] = mmap.mmap(int(config["calls_fd"]), CALLS.size, prot=mmap.PROT_READ)
    os.close(int(config["calls_fd"]))
    if config["mode"] == "none":
        _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    # Orphans of the worker come to the zygote: their CPU time stays countable, and they are found.
    _prctl(PR_SET_CHILD_SUBREAPER, 1)
    _prctl(PR_SET_DUMPABLE, 0)  # a worker may not ptrace the zygote or read its memory
    _preload(config.get("preload", PRELOAD))
    _send(control, {"event": "ready", "pid": os.getpid(), "threads": len(os.listdir("/proc/self/task"))})
    child: dict | None = None
    next_check = 0.0
    while True:
        waiting = [control] + ([child["pidfd"]] if child else [])
        timeout = max(0.0, next_check - time.monotonic()) if child else None
        readable, _, _ = select.select(waiting, [], [], timeout)
        if child and child["reason"] is None and time.monotonic() >= next_check:
            next_check = time.monotonic() + WATCH_SECONDS
            reason = child["watch"].check()
            if reason:
                child["reason"] = reason
                _kill_tree(config, child["pid"])
            _reap_orphans(child["watch"].tree, child["pid"])
        if child and child["pidfd"] in readable:
            _, status = os.waitpid(child["pid"], 0)
            os.close(child["pidfd"])
            clean = _cleanup(config, child)
            _send(control, {"event": "exit", "id": child["id"], "status": os.waitstatus_to_exitcode(status),
                            "clean": clean, "reason": child["reason"]})
            child = None
            continue
        if control not in readable:
            continue
        try:
            data, fds, _, _ = socket.recv_fds(control, CONTROL_BYTES, 4)
        except OSError:
            data, fds = b"", []
        if not data:
            if child:
                _cleanup(config, child)
            os._exit(0)
        command = json.loads(data)
        cmd = command.get("cmd")
        if cmd == "fork" and child is None and len(fds) == 2:
            child = _fork(config, command, fds, control)
            next_check = time.monotonic() + WATCH_SECONDS
            _send(control, {"event": "started", "id": command["id"], "pid": child["pid"]})
        elif cmd == "kill":
            for fd in fds:
                os.close(fd)
            if child and child["id"] == command.get("id"):
                _kill_tree(config, child["pid"])
        else:
            for fd in fds:
                os.close(fd)
            _send(control, {"event": "error", "message": f"bad command {cmd!r}"})


if __name__ == "__main__":
    main()
