"""The bubblewrap command line: what the worker can see, and nothing else."""
from __future__ import annotations

import functools
import glob
import os
import shutil
import subprocess
import sys
from pathlib import Path

import autograder

SUBMISSION_MOUNT = "/submission"
BWRAP_CANDIDATES = ("/usr/bin/bwrap", "/usr/local/bin/bwrap")
# The parts of the kit package a worker needs (the zygote imports only these).
KIT_PARTS = ("__init__.py", "bridge", "jail", "submission")


def bwrap_path() -> str | None:
    for candidate in BWRAP_CANDIDATES:
        if os.access(candidate, os.X_OK):
            return candidate
    return shutil.which("bwrap")


def running_as_root() -> bool:
    return os.geteuid() == 0


def _namespace_args() -> list[str]:
    args = ["--die-with-parent", "--new-session", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
            "--unshare-net", "--unshare-cgroup-try", "--hostname", "jail", "--clearenv"]
    if running_as_root():
        # No user namespace: the zygote keeps only what it needs to drop each worker to its own
        # uid (so RLIMIT_NPROC counts, and the worker cannot signal the zygote), to watch it
        # (/proc/<pid>/fd of another uid needs CAP_SYS_PTRACE) and to clean up.
        args += ["--cap-drop", "ALL"]
        for cap in ("CAP_SETUID", "CAP_SETGID", "CAP_KILL", "CAP_FOWNER", "CAP_DAC_OVERRIDE", "CAP_SYS_PTRACE"):
            args += ["--cap-add", cap]
    else:
        args += ["--unshare-user", "--uid", "65534", "--gid", "65534", "--disable-userns"]
    return args


def _system_args() -> list[str]:
    args = ["--ro-bind", "/usr", "/usr"]
    for name in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        path = Path("/", name)
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            args += ["--ro-bind", str(path), str(path)]
    for path in ("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime"):
        args += ["--ro-bind-try", path, path]
    return args


def _covered(path: Path, roots: list[Path]) -> bool:
    return any(path == root or root in path.parents for root in roots)


def _python_args() -> list[str]:
    """The interpreter, its environment and the kit's worker modules, all read-only."""
    roots = [Path("/usr")]
    args = []
    executable = Path(sys.executable)
    for path in (Path(sys.base_prefix), Path(sys.prefix), executable.resolve().parent.parent):
        for candidate in {path, path.resolve()}:
            if not _covered(candidate, roots) and candidate.exists():
                roots.append(candidate)
                args += ["--ro-bind", str(candidate), str(candidate)]
    package = Path(autograder.__file__).resolve().parent
    for secret in ("solutions", "tests", "grading.toml"):
        if _covered(package.parent / secret, roots[1:]) and (package.parent / secret).exists():
            raise RuntimeError(f"the Python environment contains the kit's {secret}; it cannot be shown to "
                               "submissions: use a virtual environment outside the repository's files")
    for part in KIT_PARTS:
        path = package / part
        if not _covered(path, roots) and path.exists():
            args += ["--ro-bind", str(path), str(path)]
    # Folders bubblewrap would create on the way are 0700: the dropped worker uid could not pass.
    destinations = [Path(a) for a in args[2::3]]
    parents = sorted({p for d in destinations for p in d.parents if p != Path("/")}, key=lambda p: len(p.parts))
    made = []
    for parent in parents:
        made += ["--perms", "0755", "--dir", str(parent)]
    return made + args


def _device_args(device: str) -> list[str]:
    if device != "cuda":
        return []
    args = []
    for path in sorted(glob.glob("/dev/nvidia*")):
        args += ["--dev-bind", path, path]
    return args


def kit_import_root() -> str:
    """The folder to put on sys.path so that ``import autograder`` finds this kit."""
    return str(Path(autograder.__file__).resolve().parent.parent)


def bwrap_command(staging: Path, *, device: str = "cpu", tmp_mb: int = 256) -> list[str]:
    size = str(tmp_mb * 1024 * 1024)
    # The tmpfs mounts come before the environment's binds: a kit or venv under /tmp must stay visible.
    args = [bwrap_path() or "bwrap", *_namespace_args(), *_system_args(),
            "--proc", "/proc", "--dev", "/dev", *_device_args(device),
            "--perms", "1777", "--size", size, "--tmpfs", "/tmp",
            "--perms", "1777", "--size", size, "--tmpfs", "/dev/shm",
            *_python_args(),
            "--ro-bind", str(staging), SUBMISSION_MOUNT,
            "--chdir", "/tmp"]
    for key, value in sandbox_env().items():
        args += ["--setenv", key, value]
    return args


def sandbox_env() -> dict[str, str]:
    # The jail has no /etc/passwd: USER/LOGNAME answer getpass.getuser() (torch asks it on import).
    return {"PATH": "/usr/bin:/bin", "HOME": "/tmp", "TMPDIR": "/tmp", "LANG": "C.UTF-8",
            "USER": "student", "LOGNAME": "student",
            "PYTHONDONTWRITEBYTECODE": "1", "PYTHONNOUSERSITE": "1", "OMP_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MPLCONFIGDIR": "/tmp"}


@functools.lru_cache(maxsize=1)
def _probe() -> tuple[bool, str]:
    path = bwrap_path()
    if path is None:
        return False, "bubblewrap (bwrap) が見つかりません / bubblewrap (bwrap) is not installed"
    try:
        version = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=10).stdout.strip()
        probe = subprocess.run(
            [path, *_namespace_args(), *_system_args(), "--proc", "/proc", "--dev", "/dev",
             "--perms", "1777", "--size", str(1 << 20), "--tmpfs", "/tmp", *_python_args(),
             sys.executable, "-I", "-c", "import sys; sys.exit(0)"],
            capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError, RuntimeError) as exc:
        return False, f"bubblewrap を実行できません / bubblewrap cannot run: {exc}"
    if probe.returncode != 0:
        reason = (probe.stderr or probe.stdout).strip().splitlines()[-1:] or [f"exit code {probe.returncode}"]
        return False, f"bubblewrap が使えません / bubblewrap is not usable here: {reason[0]}"
    return True, version or "bubblewrap"


def sandbox_available() -> tuple[bool, str]:
    """(True, "bubblewrap 0.8.0") or (False, the reason) — bubblewrap is tried for real."""
    return _probe()
