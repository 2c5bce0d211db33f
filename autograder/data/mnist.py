"""Loading the bundled MNIST subset and the sample weights of the course's network.

同梱の MNIST サブセット(IDX 形式、torchvision の MNIST と同じ配置)と、
784-50-100-10 ネットワークのサンプル重み(pickle を使わない .npz)を読み込みます。

The release ships 4,000 training digits and 500 validation digits (torchvision's
``train`` and ``t10k`` files). A hidden test set of 500 more digits stays in the kit
(``data/hidden/``, never released): the judge reads it with ``load_mnist_hidden`` and
sends only the images to a submission, never the labels.
"""
from __future__ import annotations

import struct
from pathlib import Path

import numpy as np

from ..paths import DATA

MNIST_ROOT = DATA / "mnist"
SAMPLE_WEIGHTS = DATA / "sample_weight.npz"
HIDDEN_ROOT = DATA / "hidden"
HIDDEN_IMAGES = "mnist-hidden-test-images-idx3-ubyte"
HIDDEN_LABELS = "mnist-hidden-test-labels-idx1-ubyte"

#: shapes of the sample weights, (out, in) as in torch.nn.Linear
WEIGHT_SHAPES = {"W1": (50, 784), "b1": (50,), "W2": (100, 50), "b2": (100,), "W3": (10, 100), "b3": (10,)}


def load_mnist(train: bool, root: str | Path = MNIST_ROOT) -> tuple[np.ndarray, np.ndarray]:
    """MNIST from torchvision's layout (``ROOT/MNIST/raw``, the uncompressed IDX files that
    torchvision's ``MNIST`` reads and ``autograder fetch-data mnist`` writes).

    Returns ``(images, labels)``: images uint8 of shape (N, 784) with values 0..255,
    labels int64 of shape (N,). With the default root this is the bundled subset:
    ``train=True`` the 4,000 training digits, ``train=False`` the 500 validation digits
    (in torchvision's test files); point ``root`` at a folder filled by
    ``autograder fetch-data mnist --root DIR`` for the full set.

    The files are read with numpy alone (``read_idx``): a numpy exercise's suite or self-check
    must not import torch and torchvision (seconds) to read 500 digits. tests/kit/test_fetch_data.py
    checks that torchvision's ``MNIST`` reads the same arrays.
    """
    raw = Path(root).expanduser() / "MNIST" / "raw"
    prefix = "train" if train else "t10k"
    try:
        images = read_idx(raw / f"{prefix}-images-idx3-ubyte")
        labels = read_idx(raw / f"{prefix}-labels-idx1-ubyte")
    except FileNotFoundError as exc:
        raise FileNotFoundError(
            f"MNIST が {raw} に見つかりません / MNIST not found under {raw} "
            f"(autograder fetch-data mnist --root {Path(root).expanduser()})") from exc
    if images.ndim != 3 or images.shape[1:] != (28, 28) or labels.shape != (len(images),):
        raise ValueError(f"{raw}: images {images.shape} and labels {labels.shape} do not match")
    return images.reshape(len(images), 28 * 28).copy(), labels.astype(np.int64)


def read_idx(path: str | Path) -> np.ndarray:
    """An uncompressed IDX file (MNIST's format) as a uint8 array: (N,) labels or (N, rows, cols) images."""
    raw = Path(path).read_bytes()
    magic = struct.unpack(">I", raw[:4])[0]
    if magic >> 8 != 0x08 or not 1 <= magic & 0xFF <= 3:
        raise ValueError(f"{path}: not an unsigned-byte IDX file (magic {magic:#010x})")
    dims = struct.unpack(f">{magic & 0xFF}I", raw[4:4 + 4 * (magic & 0xFF)])
    data = np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * len(dims))
    if data.size != int(np.prod(dims)):
        raise ValueError(f"{path}: {data.size} bytes of data for dimensions {dims}")
    return data.reshape(dims)


def load_mnist_hidden(root: str | Path = HIDDEN_ROOT) -> tuple[np.ndarray, np.ndarray]:
    """The hidden MNIST test set (500 digits, 50 per class) that only the judge reads.

    Returns ``(images, labels)`` like ``load_mnist``. It is not part of the student
    release: there this raises FileNotFoundError.
    """
    root = Path(root).expanduser()
    try:
        images, labels = read_idx(root / HIDDEN_IMAGES), read_idx(root / HIDDEN_LABELS)
    except FileNotFoundError as exc:
        raise FileNotFoundError(
            f"隠しテスト用の MNIST が {root} にありません(配布物には含まれません) / the hidden MNIST test "
            f"set is not in {root} (it is never part of the student release)") from exc
    if images.ndim != 3 or images.shape[1:] != (28, 28) or len(images) != len(labels):
        raise ValueError(f"{root}: images {images.shape} and labels {labels.shape} do not match")
    return images.reshape(len(images), 28 * 28).copy(), labels.astype(np.int64)


def load_sample_weights(path: str | Path = SAMPLE_WEIGHTS) -> dict[str, np.ndarray]:
    """The sample weights for ``forward.predict`` as float64 arrays (no pickle).

    Keys W1 (50, 784), b1 (50,), W2 (100, 50), b2 (100,), W3 (10, 100), b3 (10,);
    the network is sigmoid, sigmoid, softmax on inputs scaled to [0, 1].
    """
    with np.load(Path(path), allow_pickle=False) as archive:
        weights = {key: np.asarray(archive[key], dtype=np.float64) for key in WEIGHT_SHAPES}
    for key, shape in WEIGHT_SHAPES.items():
        if weights[key].shape != shape:
            raise ValueError(f"{path}: {key} has shape {weights[key].shape}, expected {shape}")
    return weights
