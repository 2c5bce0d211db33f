"""How a worker's memory is capped: the memory it touches, never its address space.

Where the machine has a cgroup v2 hierarchy with the memory controller that this process may
manage, each sandbox runs in a cgroup of its own whose ``memory.max`` is what the preloaded
zygote holds plus ``memory_mb`` (everything its processes touch counts: heap, shared memory,
/tmp and /dev/shm files). Elsewhere the worker gets RLIMIT_DATA (private writable memory, per
process) and the zygote watches the shared memory RLIMIT_DATA cannot see. Either way a
PROT_NONE reservation (CUDA, JAX and sanitizers make one of tens of GB at start) costs nothing.
"""
from __future__ import annotations

import functools
import os
import time
from dataclasses import dataclass
from pathlib import Path

CGROUP2 = "cgroup2"
RLIMIT_DATA = "rlimit_data"


@dataclass(frozen=True)
class MemoryCap:
    kind: str            # CGROUP2 | RLIMIT_DATA
    detail: str          # where the cgroups go, or why there are none
    parent: Path | None = None


def _cgroup2_mount() -> tuple[Path, str] | None:
    """(mount point, the mount's root inside the hierarchy) of the cgroup v2 file system."""
    try:
        with open("/proc/self/mountinfo", encoding="utf-8") as handle:
            for line in handle:
                fields = line.split()
                separator = fields.index("-")
                if fields[separator + 1] == "cgroup2":
                    return Path(fields[4]), fields[3]
    except (OSError, ValueError, IndexError):
        pass
    return None


def _own_cgroup() -> str | None:
    try:
        with open("/proc/self/cgroup", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("0::"):
                    return line[3:].strip()
    except OSError:
        pass
    return None


def _controllers(folder: Path, name: str = "cgroup.controllers") -> set[str]:
    try:
        return set((folder / name).read_text().split())
    except OSError:
        return set()


@functools.lru_cache(maxsize=1)
def detect() -> MemoryCap:
    """The cgroup v2 memory controller when it can be used from here, else RLIMIT_DATA (and why)."""
    mount = _cgroup2_mount()
    own = _own_cgroup()
    if mount is None or own is None:
        return MemoryCap(RLIMIT_DATA, "no cgroup v2 hierarchy is mounted")
    point, mount_root = mount
    if mount_root != "/" and not own.startswith(mount_root):
        return MemoryCap(RLIMIT_DATA, f"this process's cgroup is not under {point}")
    relative = own[len(mount_root):] if mount_root != "/" else own
    here = point / relative.lstrip("/")
    if "memory" not in _controllers(here):
        return MemoryCap(RLIMIT_DATA, f"the cgroup v2 hierarchy at {point} has no memory controller here")
    if relative in ("", "/"):
        parent = here   # the root of what we see: its subtree may be given the controller
        if "memory" not in _controllers(parent, "cgroup.subtree_control"):
            try:
                (parent / "cgroup.subtree_control").write_text("+memory")
            except OSError as exc:
                return MemoryCap(RLIMIT_DATA, f"cannot enable the memory controller in {parent}: {exc.strerror}")
    else:
        parent = here.parent   # our own cgroup holds processes; its siblings are made beside it
    problem = _cannot_make_cgroups(parent)
    if problem:
        return MemoryCap(RLIMIT_DATA, f"cannot make a cgroup in {parent}: {problem}")
    return MemoryCap(CGROUP2, str(parent), parent)


def _cannot_make_cgroups(parent: Path) -> str | None:
    """Why a cgroup with a memory limit cannot be made in ``parent``, or None: one is tried."""
    probe = parent / f"kit-probe-{os.getpid()}"
    try:
        probe.mkdir()
        try:
            (probe / "memory.max").write_text(str(1 << 30))
        finally:
            probe.rmdir()   # on cgroupfs a folder goes with its control files
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


class Cgroup:
    """The cgroup of one sandbox: the zygote, its worker and whatever the worker starts."""

    def __init__(self, cap: MemoryCap, name: str):
        self.path = cap.parent / name
        self.path.mkdir(exist_ok=True)
        self._oom_at_start = 0

    @property
    def procs(self) -> Path:
        return self.path / "cgroup.procs"

    def launcher(self, command: list[str]) -> list[str]:
        """``command``, started from inside this cgroup (the shell moves itself, then execs)."""
        return ["/bin/sh", "-c", 'echo 0 > "$0" && exec "$@"', str(self.procs), *command]

    def cap(self, extra_bytes: int) -> None:
        """What the sandbox holds now (the preloaded zygote), plus ``extra_bytes``; no swap."""
        current = int((self.path / "memory.current").read_text())
        (self.path / "memory.max").write_text(str(current + extra_bytes))
        try:
            (self.path / "memory.swap.max").write_text("0")
        except OSError:
            pass   # no swap accounting on this machine: nothing to turn off

    def oom_kills(self) -> int:
        try:
            for line in (self.path / "memory.events").read_text().splitlines():
                key, _, value = line.partition(" ")
                if key == "oom_kill":
                    return int(value)
        except (OSError, ValueError):
            pass
        return 0

    def mark(self) -> None:
        """Remember the OOM kills so far: a later ``killed_since_mark`` means this worker's."""
        self._oom_at_start = self.oom_kills()

    def killed_since_mark(self) -> bool:
        return self.oom_kills() > self._oom_at_start

    def remove(self) -> None:
        for _ in range(50):   # the last processes may still be leaving
            try:
                self.path.rmdir()
                return
            except FileNotFoundError:
                return
            except OSError:
                time.sleep(0.02)
