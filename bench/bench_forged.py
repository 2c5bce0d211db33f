"""What forged replies cost the judge; prints figures, asserts nothing.

    .venv/bin/python bench/bench_forged.py [--students 6] [--jobs 2] [--skip-batch]

1. Decoding: for each forged frame of examples/hostile/hostile_frames (at full size) and for
   the worst frames the budget admits, the time ``replies.decode`` takes to refuse (or
   accept) it and its peak memory (tracemalloc), on the judge's side.
2. A batch: ``autograder grade`` on a class of forging students (and one honest student),
   bubblewrap when it runs here. The largest process of the whole run is the maximum RSS over
   every process of its tree (RUSAGE_CHILDREN once the command is reaped: the kernel's figure,
   sandboxed workers included), with the peak of each kind of process sampled from /proc.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from autograder.bridge import codec, replies  # noqa: E402

MiB = 1 << 20


def forged_module():
    spec = importlib.util.spec_from_file_location(
        "hostile_frames", ROOT / "examples" / "hostile" / "hostile_frames" / "activations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _raw(header: bytes) -> bytes:
    return struct.pack("<Q", len(header)) + header


def frames() -> dict[str, bytes]:
    forged = forged_module()
    budget = codec.REPLY_BUDGET
    legit = codec.Encoder(budget=budget)
    big_value = legit.encode([[1, 2.5]] * (budget.items // 3 - 10))
    return {
        "one 8 MB buffer x150": forged.one_buffer_many_times(),
        "3.8 MB dtype string": forged.long_dtype(),
        "50 MB of stdout": forged.huge_output(),
        "lone surrogate": forged.lone_surrogate(),
        "JSON 100,000 deep": forged.deep_nesting(),
        "wrong types": forged.wrong_types(),
        "header at its cap, [] x many": _raw(b'{"tree": {"value": [' + b"[]," * ((budget.header_bytes - 64) // 3)
                                             + b'0]}, "sizes": []}'),
        f"{2 * budget.items // 1000}k values, past the count": _raw(b'{"tree": {"value": [' + b"[0]," * (budget.items - 16)
                                               + b'0]}, "sizes": []}'),
        f"legal: {budget.items // 1000}k values in pairs": codec.pack({"value": big_value, "stdout": "", "stderr": ""}, []),
        "legal: 256 MB array": codec.pack(
            {"value": {"$nd": 0, "dtype": "<f8", "shape": [(budget.decoded_bytes - MiB) // 8]}, "stdout": ""},
            [bytes(budget.decoded_bytes - MiB)]),
    }


def decode_figures(repeat: int) -> None:
    print(f"budget per reply: header {codec.REPLY_BUDGET.header_bytes // MiB} MB, "
          f"data {codec.REPLY_BUDGET.decoded_bytes // MiB} MB, {codec.REPLY_BUDGET.items:,} values, "
          f"depth {codec.REPLY_BUDGET.depth}")
    print(f"{'frame':34} {'size':>9} {'decode (median)':>16} {'max':>8} {'peak memory':>12}  outcome")
    for name, message in frames().items():
        times, outcome = [], ""
        for _ in range(repeat):   # timed without tracemalloc, which slows allocation many times over
            started = time.perf_counter()
            outcome = _decode(message)
            times.append(time.perf_counter() - started)
        tracemalloc.start()
        _decode(message)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"{name:34} {len(message) / MiB:7.1f}MB {statistics.median(times):14.3f} s "
              f"{max(times):6.3f} s {peak / MiB:9.1f} MB  {outcome}")


def _decode(message: bytes) -> str:
    try:
        replies.decode(message, resolve_handle=lambda ref: ref, borrow=True)
        return "decoded"
    except codec.CodecError as exc:
        return f"CodecError: {str(exc)[:60]}"


def build_class(folder: Path, students: int) -> None:
    source = (ROOT / "examples" / "hostile" / "hostile_frames" / "activations.py").read_text(encoding="utf-8")
    for index in range(students):
        (folder / f"forger{index}").mkdir(parents=True)
        (folder / f"forger{index}" / "activations.py").write_text(source, encoding="utf-8")
    (folder / "honest").mkdir()
    shutil.copy(ROOT / "solutions" / "activations.py", folder / "honest" / "activations.py")


def _kind(pid: int) -> str:
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""
    if "autograder.grade.judge" in cmd:
        return "judge"
    if "zygote import main" in cmd:
        return "zygote or worker"
    if "bwrap" in cmd.split(" ")[0]:
        return "bubblewrap"
    if "autograder grade" in cmd or "-m autograder" in cmd:
        return "autograder grade"
    return "other"


def _tree(root: int) -> list[int]:
    parents = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                parents[int(name)] = int(Path(f"/proc/{name}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, todo = [root], [root]
    while todo:
        parent = todo.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent]
        found += children
        todo += children
    return found


def batch_figures(students: int, jobs: int, sandbox: str) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-forged-") as tmp:
        klass = Path(tmp) / "class"
        build_class(klass, students)
        cmd = [sys.executable, "-m", "autograder", "grade", str(klass), "--out", str(Path(tmp) / "grades"),
               "--only", "activations", "--jobs", str(jobs), "--sandbox", sandbox]
        peaks: dict[str, int] = {}
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        output: list[str] = []
        reader = threading.Thread(target=lambda: output.extend(proc.stdout), daemon=True)
        reader.start()
        while proc.poll() is None:
            for pid in _tree(proc.pid):
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                    hwm = int(status.split("VmHWM:")[1].split()[0]) * 1024
                except (OSError, IndexError, ValueError):
                    continue
                kind = _kind(pid)
                peaks[kind] = max(peaks.get(kind, 0), hwm)
            time.sleep(0.05)
        status = proc.returncode   # reaped by poll(): its tree's usage is now this process's children's
        reader.join(5)
    # The kernel's own figure: the largest maximum RSS over every descendant that was waited for.
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    print(f"\nbatch: {students} forging students + 1 honest, --jobs {jobs}, sandbox {sandbox}: "
          f"{time.perf_counter() - started:.1f} s, exit {status}")
    for line in output:
        if any(word in line for word in ("forger0 ", "honest ", "memory cap", "│ sandbox")):
            print("  " + line.rstrip()[:160])
    print(f"largest process of the batch (max RSS over the whole process tree, from the kernel): "
          f"{largest / MiB:.0f} MB")
    for kind, value in sorted(peaks.items(), key=lambda kv: -kv[1]):
        print(f"  peak RSS sampled, {kind:18}: {value / MiB:7.0f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=6)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sandbox", default="auto", choices=["auto", "bubblewrap", "none"])
    parser.add_argument("--skip-batch", action="store_true")
    args = parser.parse_args()
    decode_figures(args.repeat)
    if not args.skip_batch:
        batch_figures(args.students, args.jobs, args.sandbox)
    return 0


if __name__ == "__main__":
    sys.exit(main())
