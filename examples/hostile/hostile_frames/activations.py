"""Hostile: forge the worker's replies. Importing the bridge's codec and replacing its ``pack``
(three lines) lets student code send the judge any bytes as the answer to a call: one buffer
referenced 150 times, a dtype string of megabytes, 50 MB of "output", a lone surrogate,
JSON nested 100,000 deep. Each function computes the right answer and then replaces it with
such a frame, so every call must fail with a malformed-reply error, the judge must stay
small and alive, and it must score 0. The frame builders are plain functions the kit's
tests and benchmarks reuse."""
import json
import struct

import numpy as np

MB = 1 << 20


def frame(tree, buffers=(), header=None) -> bytes:
    """A message as the codec lays it out; ``header`` replaces the JSON header's bytes."""
    if header is None:
        header = json.dumps({"tree": tree, "sizes": [len(b) for b in buffers]}).encode()
    return struct.pack("<Q", len(header)) + header + b"".join(buffers)


def one_buffer_many_times(copies=150, size=8 * MB) -> bytes:
    node = {"$nd": 0, "dtype": "<f8", "shape": [size // 8]}
    return frame({"value": [node] * copies, "stdout": "", "stderr": ""}, [bytes(size)])


def long_dtype(size=3_800_000) -> bytes:
    node = {"$nd": 0, "dtype": "<" + "f8," * (size // 3), "shape": [1]}
    return frame({"value": node, "stdout": "", "stderr": ""}, [bytes(8)])


def huge_output(size=50 * MB) -> bytes:
    return frame({"value": None, "stdout": "x" * size, "stderr": ""})


def lone_surrogate() -> bytes:
    header = b'{"tree": {"value": "\\ud800", "stdout": "\\udfff", "stderr": ""}, "sizes": []}'
    return frame(None, header=header)


def deep_nesting(depth=100_000) -> bytes:
    header = b'{"tree": {"value": ' + b"[" * depth + b"]" * depth + b', "stdout": ""}, "sizes": []}'
    return frame(None, header=header)


def wrong_types() -> bytes:
    return frame({"value": {"$nd": "0", "dtype": "<f8", "shape": [1e308, "x"]}, "stdout": 5})


FORGED = {"step_function": one_buffer_many_times, "sigmoid": long_dtype, "relu": huge_output,
          "identity_function": lone_surrogate, "softmax": deep_nesting}


def _reply_with(forged: bytes) -> None:
    """The worker's next reply is ``forged`` instead of what it computed."""
    import autograder.bridge.codec as codec
    original = codec.pack

    def pack(tree, buffers, budget=None):
        codec.pack = original
        return forged

    codec.pack = pack


def step_function(x):
    _reply_with(FORGED["step_function"]())
    return np.asarray(np.asarray(x) > 0, dtype=int)


def sigmoid(x):
    _reply_with(FORGED["sigmoid"]())
    return 1 / (1 + np.exp(-np.asarray(x)))


def relu(x):
    _reply_with(FORGED["relu"]())
    return np.maximum(0, x)


def identity_function(x):
    _reply_with(FORGED["identity_function"]())
    return x


def softmax(x):
    _reply_with(FORGED["softmax"]())
    x = np.asarray(x)
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
