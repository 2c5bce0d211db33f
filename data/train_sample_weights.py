"""Train the sample weights of the course's MNIST network and save them without pickle.

教科書 3.6 の推論用ネットワーク(784-50-100-10、sigmoid・sigmoid・softmax)の
サンプル重みを、同梱の MNIST サブセット(訓練 4,000 枚)で学習し .npz に保存します。

    python data/train_sample_weights.py                # writes data/sample_weight.npz
    python data/train_sample_weights.py --out W.npz --seed 0 --epochs 60

Inputs are pixels / 255 (float64, shape (N, 784)); weights are (out, in) so a layer is
``X @ W.T + b``. Plain NumPy: Xavier-initialised from ``np.random.default_rng(seed)``,
mini-batches of 100, Adam (lr 0.005), cross-entropy loss, backprop by hand. The result is
reproducible from the seed: the script pins BLAS to one thread, so the same NumPy build gives
the same bytes (another BLAS may differ in the last bits).
Prints the accuracy on the bundled 500 validation digits.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

# one BLAS thread: the sums then run in the same order everywhere, so the file is bit-for-bit reproducible
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import numpy as np  # noqa: E402

KIT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(KIT_ROOT))

from autograder.data.mnist import SAMPLE_WEIGHTS, WEIGHT_SHAPES, load_mnist  # noqa: E402

SEED = 0
EPOCHS = 60
BATCH = 100
LR = 0.005


def sigmoid(a):
    return 1.0 / (1.0 + np.exp(-a))


def softmax(a):
    a = a - a.max(axis=1, keepdims=True)
    e = np.exp(a)
    return e / e.sum(axis=1, keepdims=True)


def forward(p, x):
    a1 = x @ p["W1"].T + p["b1"]
    z1 = sigmoid(a1)
    a2 = z1 @ p["W2"].T + p["b2"]
    z2 = sigmoid(a2)
    y = softmax(z2 @ p["W3"].T + p["b3"])
    return z1, z2, y


def init(rng):
    params = {}
    for layer in (1, 2, 3):
        out_dim, in_dim = WEIGHT_SHAPES[f"W{layer}"]
        params[f"W{layer}"] = rng.normal(0.0, np.sqrt(1.0 / in_dim), size=(out_dim, in_dim))
        params[f"b{layer}"] = np.zeros(out_dim)
    return params


def grads(p, x, t):
    z1, z2, y = forward(p, x)
    n = len(x)
    dy = y.copy()
    dy[np.arange(n), t] -= 1.0
    dy /= n
    g = {"W3": dy.T @ z2, "b3": dy.sum(axis=0)}
    dz2 = (dy @ p["W3"]) * z2 * (1 - z2)
    g["W2"], g["b2"] = dz2.T @ z1, dz2.sum(axis=0)
    dz1 = (dz2 @ p["W2"]) * z1 * (1 - z1)
    g["W1"], g["b1"] = dz1.T @ x, dz1.sum(axis=0)
    return g


def accuracy(p, x, t):
    return float(np.mean(forward(p, x)[2].argmax(axis=1) == t))


def train(seed=SEED, epochs=EPOCHS, batch=BATCH, lr=LR):
    rng = np.random.default_rng(seed)
    x, t = load_mnist(train=True)
    x = x.astype(np.float64) / 255.0
    p = init(rng)
    m = {k: np.zeros_like(v) for k, v in p.items()}
    v = {k: np.zeros_like(v) for k, v in p.items()}
    beta1, beta2, eps, step = 0.9, 0.999, 1e-8, 0
    for _ in range(epochs):
        order = rng.permutation(len(x))
        for start in range(0, len(x), batch):
            idx = order[start:start + batch]
            g = grads(p, x[idx], t[idx])
            step += 1
            for k in p:
                m[k] = beta1 * m[k] + (1 - beta1) * g[k]
                v[k] = beta2 * v[k] + (1 - beta2) * g[k] ** 2
                mhat = m[k] / (1 - beta1 ** step)
                vhat = v[k] / (1 - beta2 ** step)
                p[k] -= lr * mhat / (np.sqrt(vhat) + eps)
    return p


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=SAMPLE_WEIGHTS)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    args = parser.parse_args(argv)
    p = train(seed=args.seed, epochs=args.epochs)
    np.savez(args.out, **{k: p[k].astype(np.float64) for k in WEIGHT_SHAPES})
    x_train, t_train = load_mnist(train=True)
    x_test, t_test = load_mnist(train=False)
    print(f"train accuracy {accuracy(p, x_train / 255.0, t_train):.4f}")
    print(f"validation accuracy {accuracy(p, x_test / 255.0, t_test):.4f}")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
