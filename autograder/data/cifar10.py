"""CIFAR-10: reading the real files, and writing small fixtures in the same layout.

実物の CIFAR-10 ファイル(torchvision がダウンロードする python-pickle 版と、バイナリ版)を
読み込み、テスト用に同じディスク上の配置で小さな合成データ(フィクスチャ)を書き出します。

Two on-disk layouts are read, both under one folder ``root`` (the same ``root`` that
``torchvision.datasets.CIFAR10(root, download=False)`` takes, and that
``autograder fetch-data cifar10 [--binary] --root DIR`` fills)::

    root/cifar-10-batches-py/data_batch_1 .. data_batch_5, test_batch, batches.meta
    root/cifar-10-batches-bin/data_batch_1.bin .. data_batch_5.bin, test_batch.bin, batches.meta.txt

Trust: the python-pickle batches are read with ``pickle`` by torchvision's own
``CIFAR10`` class, so they run in the judge, which trusts them: they are the
instructor's files, never a student's, and for the real data set torchvision
checks each file's MD5 against the official one before unpickling it. A fixture
(marked by a ``KIT_FIXTURE`` file in ``root``, written by :func:`write_fixture`)
has other checksums, so it is read by the same class with the MD5 check turned
off. The binary version is parsed with NumPy alone (no pickle, no checksums).

信頼について: pickle 版は採点側(judge)で torchvision が読み込みます。教員のファイルであり、
実データは公式の MD5 で検証されてから読み込まれます。学生のコードはこれらのファイルに触れません。

Command line::

    python -m autograder.data.cifar10 --write-fixture DIR [--n-train 500] [--n-test 200] [--format python]
    python -m autograder.data.cifar10 --info DIR
"""
from __future__ import annotations

import argparse
import json
import pickle
import struct
import sys
from functools import lru_cache
from pathlib import Path

import numpy as np

CLASSES = ("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck")
PYTHON_FOLDER = "cifar-10-batches-py"
BINARY_FOLDER = "cifar-10-batches-bin"
TRAIN_FILES = tuple(f"data_batch_{i}" for i in range(1, 6))
TEST_FILE = "test_batch"
FIXTURE_MARKER = "KIT_FIXTURE"
IMAGE_BYTES = 3 * 32 * 32
RECORD_BYTES = 1 + IMAGE_BYTES  # binary version: one label byte, then R, G, B planes of 32x32


def _not_found(root: Path) -> FileNotFoundError:
    return FileNotFoundError(
        f"CIFAR-10 が {root} に見つかりません / CIFAR-10 not found in {root}: expected "
        f"{root / PYTHON_FOLDER} or {root / BINARY_FOLDER} "
        f"(autograder fetch-data cifar10 --root {root}, or python -m autograder.data.cifar10 "
        f"--write-fixture {root} for a synthetic fixture)")


def detect_format(root: str | Path) -> str:
    """"python" or "binary": which layout ``root`` holds (python first when both)."""
    root = Path(root)
    if (root / PYTHON_FOLDER / TEST_FILE).is_file():
        return "python"
    if (root / BINARY_FOLDER / f"{TEST_FILE}.bin").is_file():
        return "binary"
    raise _not_found(root)


def is_fixture(root: str | Path) -> bool:
    """True when ``root`` is a synthetic fixture written by :func:`write_fixture`."""
    return (Path(root) / FIXTURE_MARKER).is_file()


# -- reading --------------------------------------------------------------------------
def _torchvision_class(verify: bool):
    from torchvision.datasets import CIFAR10

    if verify:
        return CIFAR10

    class UncheckedCIFAR10(CIFAR10):
        """torchvision's reader with the MD5 check off: only for marked fixtures."""
        train_list = [[name, None] for name, _ in CIFAR10.train_list]
        test_list = [[name, None] for name, _ in CIFAR10.test_list]
        meta = {**CIFAR10.meta, "md5": None}

    return UncheckedCIFAR10


def read_python(root: str | Path, train: bool = True, verify: bool | None = None):
    """The python-pickle batches through ``torchvision.datasets.CIFAR10`` (download=False).

    ``verify`` (default: on unless ``root`` is a marked fixture) checks the official MD5s.
    Returns ``(images uint8 (N, 32, 32, 3), labels int64 (N,))``.
    """
    root = Path(root)
    if verify is None:
        verify = not is_fixture(root)
    if not (root / PYTHON_FOLDER).is_dir():
        raise _not_found(root)
    dataset = _torchvision_class(verify)(root=str(root), train=bool(train), download=False)
    return np.ascontiguousarray(dataset.data, dtype=np.uint8), np.asarray(dataset.targets, dtype=np.int64)


def read_binary(root: str | Path, train: bool = True):
    """The binary version, parsed with NumPy: 3073-byte records (label, then R, G, B planes).

    Returns ``(images uint8 (N, 32, 32, 3), labels int64 (N,))``.
    """
    folder = Path(root) / BINARY_FOLDER
    names = [f"{n}.bin" for n in (TRAIN_FILES if train else (TEST_FILE,))]
    if not all((folder / n).is_file() for n in names):
        raise _not_found(Path(root))
    parts = []
    for name in names:
        raw = np.fromfile(folder / name, dtype=np.uint8)
        if raw.size % RECORD_BYTES:
            raise ValueError(f"{folder / name}: {raw.size} bytes is not a whole number of {RECORD_BYTES}-byte records")
        parts.append(raw.reshape(-1, RECORD_BYTES))
    records = np.concatenate(parts)
    labels = records[:, 0].astype(np.int64)
    if labels.size and labels.max() > 9:
        raise ValueError(f"{folder}: label {labels.max()} out of range 0..9")
    images = records[:, 1:].reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)
    return np.ascontiguousarray(images), labels


def load_cifar10(root: str | Path, train: bool = True, layout: str = "NCHW", format: str | None = None):
    """CIFAR-10 from ``root`` in either layout.

    Returns ``(images, labels)``: images uint8 0..255, shape (N, 3, 32, 32) for
    ``layout="NCHW"`` (the channel order of ``ToTensor()``) or (N, 32, 32, 3) for
    ``"NHWC"`` (torchvision's ``dataset.data``); labels int64 0..9 of shape (N,).
    """
    if layout not in ("NCHW", "NHWC"):
        raise ValueError(f"layout must be 'NCHW' or 'NHWC', not {layout!r}")
    format = format or detect_format(root)
    reader = {"python": read_python, "binary": read_binary}.get(format)
    if reader is None:
        raise ValueError(f"format must be 'python' or 'binary', not {format!r}")
    images, labels = reader(root, train)
    if layout == "NCHW":
        images = np.ascontiguousarray(images.transpose(0, 3, 1, 2))
    return images, labels


def label_names(root: str | Path) -> list[str]:
    """The class names from batches.meta (python) or batches.meta.txt (binary)."""
    root = Path(root)
    if detect_format(root) == "binary":
        text = (root / BINARY_FOLDER / "batches.meta.txt").read_text(encoding="ascii")
        return [line.strip() for line in text.splitlines() if line.strip()]
    with open(root / PYTHON_FOLDER / "batches.meta", "rb") as handle:
        return list(pickle.load(handle, encoding="latin1")["label_names"])  # the instructor's file


@lru_cache(maxsize=4)
def _cached(root: str, train: bool, stamp: tuple):
    images, labels = load_cifar10(root, train)
    images.setflags(write=False)
    labels.setflags(write=False)
    return images, labels


def load_cached(root: str | Path, train: bool = True):
    """:func:`load_cifar10` (NCHW), kept in memory between students of one judge process.

    The arrays are read-only; the cache is keyed by the files' modification times.
    """
    root = Path(root).resolve()
    folder = root / (PYTHON_FOLDER if detect_format(root) == "python" else BINARY_FOLDER)
    stamp = tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in folder.iterdir()))
    return _cached(str(root), bool(train), stamp)


# -- synthetic fixtures ---------------------------------------------------------------
_PALETTE = np.array([[230, 60, 50], [240, 150, 40], [220, 220, 60], [90, 200, 70], [60, 190, 200],
                     [60, 90, 220], [150, 70, 210], [220, 90, 180], [140, 140, 140], [120, 80, 40]],
                    dtype=np.float64)


def synthetic_images(n: int, seed: int = 0):
    """``n`` learnable 32x32 colour images and their labels (balanced, shuffled).

    Each class has a base colour and one of five patterns that survive a horizontal
    flip and a shift of a few pixels (none, horizontal stripes, vertical stripes, a
    checkerboard, a centre blob), under per-image brightness changes, colour
    jitter and pixel noise. Returns ``(images uint8 (n, 32, 32, 3), labels int64 (n,))``.
    """
    rng = np.random.default_rng(seed)
    labels = rng.permutation(np.arange(n) % 10).astype(np.int64)
    yy, xx = np.mgrid[0:32, 0:32].astype(np.float64)
    images = np.empty((n, 32, 32, 3), dtype=np.uint8)
    for i, label in enumerate(labels):
        dy, dx = rng.integers(0, 8, size=2)
        kind = label % 5
        if kind == 0:
            pattern = np.zeros((32, 32))
        elif kind == 1:
            pattern = np.sign(np.sin((yy + dy) * np.pi / 4))
        elif kind == 2:
            pattern = np.sign(np.sin((xx + dx) * np.pi / 4))
        elif kind == 3:
            pattern = np.sign(np.sin((yy + dy) * np.pi / 4) * np.sin((xx + dx) * np.pi / 4))
        else:
            cy, cx = 16 + rng.normal(0, 3, size=2)
            pattern = np.where((yy - cy) ** 2 + (xx - cx) ** 2 < 64, 1.0, -1.0)
        colour = _PALETTE[label] * rng.uniform(0.75, 1.1) + rng.normal(0, 15, size=3)
        image = colour[None, None, :] + 45 * pattern[:, :, None] + rng.normal(0, 30, size=(32, 32, 3))
        images[i] = np.clip(np.rint(image), 0, 255).astype(np.uint8)
    return images, labels


class _Py2Str(bytes):
    """Pickled as a Python 2 ``str`` (as in the original batches): it loads as ``str``
    with ``encoding="latin1"`` (torchvision) and as ``bytes`` with ``encoding="bytes"``
    (the recipe on the CIFAR-10 page, ``dict[b'data']``)."""


class _Py2Pickler(pickle._Pickler):  # the pure-Python pickler lets us add a type to dispatch
    dispatch = dict(pickle._Pickler.dispatch)

    def _save_py2str(self, obj):
        data = bytes(obj)
        if len(data) < 256:
            self.write(pickle.SHORT_BINSTRING + bytes([len(data)]) + data)
        else:
            self.write(pickle.BINSTRING + struct.pack("<i", len(data)) + data)
        self.memoize(obj)

    def _save_ndarray(self, arr):
        # numpy's own reduce, with the raw bytes as a Python 2 str like the originals
        func, args, state = arr.__reduce__()
        args = tuple(_Py2Str(a) if isinstance(a, bytes) else a for a in args)
        state = tuple(_Py2Str(s) if isinstance(s, bytes) else s for s in state)
        self.save_reduce(func, args, state, obj=arr)

    dispatch[_Py2Str] = _save_py2str
    dispatch[np.ndarray] = _save_ndarray


def _py2(value):
    """Python 2 strings for every str in ``value`` (keys, names, labels of a batch)."""
    if isinstance(value, str):
        return _Py2Str(value.encode("latin1"))
    if isinstance(value, dict):
        return {_py2(k): _py2(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_py2(v) for v in value]
    return value


def _write_pickle(path: Path, obj) -> None:
    with open(path, "wb") as handle:
        _Py2Pickler(handle, protocol=2).dump(_py2(obj))


def _batch_dict(label: str, images: np.ndarray, labels: np.ndarray, offset: int) -> dict:
    # The original layout: data uint8 (N, 3072) as R, G, B planes; labels a list of ints.
    return {"batch_label": label,
            "labels": [int(v) for v in labels],
            "data": np.ascontiguousarray(images.transpose(0, 3, 1, 2).reshape(len(images), IMAGE_BYTES)),
            "filenames": [f"synthetic_{CLASSES[v]}_{offset + i:05d}.png" for i, v in enumerate(labels)]}


def _write_binary(path: Path, images: np.ndarray, labels: np.ndarray) -> None:
    records = np.empty((len(images), RECORD_BYTES), dtype=np.uint8)
    records[:, 0] = labels
    records[:, 1:] = images.transpose(0, 3, 1, 2).reshape(len(images), IMAGE_BYTES)
    records.tofile(path)


def write_fixture(root: str | Path, n_train: int = 500, n_test: int = 200, seed: int = 0,
                  format: str = "python") -> Path:
    """Write a synthetic CIFAR-10 in the exact on-disk layout under ``root``.

    ``format``: "python" (cifar-10-batches-py, pickle protocol 2 like the originals),
    "binary" (cifar-10-batches-bin) or "both". The training images are split over
    the five data batches. ``root/KIT_FIXTURE`` marks the folder as a fixture, so
    the judge grades it on the CPU with the fixture thresholds of grading.toml.
    The same ``seed`` gives the same images in both formats.
    """
    if format not in ("python", "binary", "both"):
        raise ValueError(f"format must be 'python', 'binary' or 'both', not {format!r}")
    if n_train < 5 or n_test < 1:
        raise ValueError("n_train must be >= 5 (five batches) and n_test >= 1")
    root = Path(root)
    train_images, train_labels = synthetic_images(n_train, seed)
    test_images, test_labels = synthetic_images(n_test, seed + 1)
    splits = np.array_split(np.arange(n_train), len(TRAIN_FILES))
    if format in ("python", "both"):
        folder = root / PYTHON_FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        for number, (name, idx) in enumerate(zip(TRAIN_FILES, splits), start=1):
            _write_pickle(folder / name, _batch_dict(f"training batch {number} of 5", train_images[idx],
                                                     train_labels[idx], int(idx[0]) if len(idx) else 0))
        _write_pickle(folder / TEST_FILE, _batch_dict("testing batch 1 of 1", test_images, test_labels, 0))
        _write_pickle(folder / "batches.meta", {"num_cases_per_batch": len(splits[0]),
                                                "label_names": list(CLASSES), "num_vis": IMAGE_BYTES})
    if format in ("binary", "both"):
        folder = root / BINARY_FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        for name, idx in zip(TRAIN_FILES, splits):
            _write_binary(folder / f"{name}.bin", train_images[idx], train_labels[idx])
        _write_binary(folder / f"{TEST_FILE}.bin", test_images, test_labels)
        (folder / "batches.meta.txt").write_text("".join(f"{c}\n" for c in CLASSES) + "\n", encoding="ascii")
    marker = {"fixture": "synthetic CIFAR-10 written by autograder.data.cifar10.write_fixture",
              "n_train": n_train, "n_test": n_test, "seed": seed, "format": format}
    (root / FIXTURE_MARKER).write_text(json.dumps(marker, indent=1) + "\n", encoding="utf-8")
    return root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m autograder.data.cifar10", description=__doc__.split("\n")[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write-fixture", metavar="DIR", help="write a synthetic CIFAR-10 fixture into DIR")
    action.add_argument("--info", metavar="DIR", help="print what DIR holds")
    parser.add_argument("--n-train", type=int, default=500)
    parser.add_argument("--n-test", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--format", default="python", choices=["python", "binary", "both"])
    args = parser.parse_args(argv)
    if args.write_fixture:
        root = write_fixture(args.write_fixture, args.n_train, args.n_test, args.seed, args.format)
        print(f"wrote a fixture of {args.n_train} training / {args.n_test} test images ({args.format}) in {root}")
        return 0
    root = Path(args.info)
    try:
        fmt = detect_format(root)
        for train in (True, False):
            images, labels = load_cifar10(root, train, format=fmt)
            print(f"{'train' if train else 'test '}: images {images.dtype} {images.shape}, "
                  f"labels {labels.dtype} {labels.shape}, per class {np.bincount(labels, minlength=10).tolist()}")
    except (FileNotFoundError, RuntimeError, ValueError) as exc:
        print(exc, file=sys.stderr)
        return 1
    kind = "synthetic fixture" if is_fixture(root) else "real data" + (" (MD5-checked)" if fmt == "python" else "")
    print(f"format: {fmt}; {kind}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
