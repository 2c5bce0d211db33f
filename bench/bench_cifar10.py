"""Benchmark the CIFAR-10 reference and the judge's check; prints figures, asserts nothing.

    .venv/bin/python bench/bench_cifar10.py --data data/cifar10          # real CIFAR-10, on a GPU
    .venv/bin/python bench/bench_cifar10.py --data /tmp/fx --runs 3      # a fixture (any device)
    .venv/bin/python bench/bench_cifar10.py                              # writes a temporary fixture

Prints, per run: training time of ``solutions/cifar10.py`` (wall, with CUDA synchronised),
test accuracy and peak GPU memory; then the wall time for the judge to score one submission
(``pytest tests/hidden/test_cifar10.py --submission solutions`` in a fresh process, data loading,
cheap checks and the accuracy check included) with its per-test outcomes.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import torch  # noqa: E402

from autograder import config as grading  # noqa: E402
from autograder.bridge import helpers  # noqa: E402
from autograder.data import cifar10 as data  # noqa: E402


def load_reference(path: Path):
    spec = importlib.util.spec_from_file_location("cifar10", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def one_run(module, train, test, device: str, batch_size: int) -> dict:
    helpers.seed_everything(0)
    if device == "cuda":
        torch.cuda.reset_peak_memory_stats()
        torch.cuda.synchronize()
    model = module.build_model()
    loader = helpers.image_loader(torch.from_numpy(train[0].copy()), torch.from_numpy(train[1].copy()),
                                  batch_size=batch_size, seed=0, hooks=module)
    start = time.perf_counter()
    module.train(model, loader, device)
    if device == "cuda":
        torch.cuda.synchronize()
    train_s = time.perf_counter() - start
    start = time.perf_counter()
    predictions = helpers.predict_image_classes(model, torch.from_numpy(test[0].copy()), batch_size=500,
                                                device=device, hooks=module)
    if device == "cuda":
        torch.cuda.synchronize()
    predict_s = time.perf_counter() - start
    peak = torch.cuda.max_memory_allocated() / 2**30 if device == "cuda" else None
    return {"train_s": train_s, "predict_s": predict_s, "accuracy": float(np.mean(predictions == test[1])),
            "peak_gib": peak, "parameters": helpers.parameter_count(model)}


def judge_time(data_dir: Path, device: str, submission: Path) -> tuple[float, dict]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp, "results.json")
        env = {**os.environ, "KIT_CIFAR10_DIR": str(data_dir)}
        cmd = [sys.executable, "-m", "pytest", "-q", "-p", "autograder.grade.collect", "--kit-results", str(out),
               "--submission", str(submission), "--device", device, "--rootdir", str(ROOT),
               "-o", "addopts=--import-mode=importlib -p no:cacheprovider",
               str(ROOT / "tests" / "hidden" / "test_cifar10.py")]
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800)
        elapsed = time.perf_counter() - start
        results = json.loads(out.read_text()) if out.exists() else {}
    return elapsed, {k.split("::")[-1]: (v["outcome"], v["message"][:160]) for k, v in results.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=None, help="CIFAR-10 root (default: grading.toml data_dir, "
                        "else a temporary fixture)")
    parser.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda"])
    parser.add_argument("--runs", type=int, default=2, help="training runs (the first includes warm-up)")
    parser.add_argument("--submission", default=str(ROOT / "solutions"))
    parser.add_argument("--skip-judge", action="store_true", help="only time the reference")
    args = parser.parse_args()

    device = args.device if args.device != "auto" else ("cuda" if torch.cuda.is_available() else "cpu")
    settings = grading.load().exercises["cifar10"].settings
    tmp = None
    if args.data:
        root = Path(args.data)
    else:
        root = ROOT / settings.get("data_dir", "data/cifar10")
        try:
            data.detect_format(root)
        except FileNotFoundError:
            tmp = tempfile.TemporaryDirectory()
            root = data.write_fixture(Path(tmp.name), n_train=2000, n_test=500, seed=0)
            print(f"no CIFAR-10 at the default path: wrote a synthetic fixture (2000/500) in {root}")
    fmt = data.detect_format(root)
    kind = "synthetic fixture" if data.is_fixture(root) else "real CIFAR-10"
    gpu = torch.cuda.get_device_name(0) if device == "cuda" else "none"
    print(f"data: {root} ({fmt}, {kind}); device: {device}; GPU: {gpu}; torch {torch.__version__}; "
          f"python {platform.python_version()}; CPU threads {torch.get_num_threads()}")

    start = time.perf_counter()
    train, test = data.load_cifar10(root, True), data.load_cifar10(root, False)
    print(f"loading: {time.perf_counter() - start:.2f} s for {len(train[0])} training / {len(test[0])} test images")
    module = load_reference(Path(args.submission) / "cifar10.py")
    batch_size = int(settings.get("batch_size", 256))
    accuracies, times = [], []
    for run in range(args.runs):
        r = one_run(module, train, test, device, batch_size)
        accuracies.append(r["accuracy"])
        times.append(r["train_s"])
        peak = f"{r['peak_gib']:.2f} GiB" if r["peak_gib"] is not None else "n/a (CPU)"
        print(f"run {run + 1}: train {r['train_s']:.2f} s, predict {r['predict_s']:.2f} s, "
              f"test accuracy {r['accuracy']:.4f}, peak GPU memory {peak}, parameters {r['parameters']:,}")
    if args.runs > 1:
        later = times[1:]
        print(f"summary: accuracy mean {np.mean(accuracies):.4f} (min {min(accuracies):.4f}); "
              f"train time after the first run mean {np.mean(later):.2f} s (first {times[0]:.2f} s)")
    if not args.skip_judge:
        elapsed, outcomes = judge_time(root, device, Path(args.submission))
        print(f"judge: {elapsed:.1f} s to score one submission (fresh pytest, --device {device})")
        for name, (outcome, message) in outcomes.items():
            print(f"  {name}: {outcome}" + (f" ({message})" if outcome != "passed" and message else ""))
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
