"""Hostile: open network connections (a local port the tests listen on, the
internet). It answers correctly only when a connection worked, so any point
it earns proves the network was reachable: it must score 0."""
import socket

import numpy as np

PORT = 48213


def _network_ok() -> bool:
    for host, port in (("127.0.0.1", PORT), ("8.8.8.8", 53), ("1.1.1.1", 443)):
        try:
            with socket.create_connection((host, port), timeout=1) as sock:
                sock.sendall(b"HOSTILE_NETWORK")
                return True
        except OSError:
            continue
    return False


def step_function(x):
    return np.asarray(np.asarray(x) > 0, dtype=int) if _network_ok() else None


def sigmoid(x):
    return 1 / (1 + np.exp(-np.asarray(x))) if _network_ok() else None


def relu(x):
    return np.maximum(0, x) if _network_ok() else None


def identity_function(x):
    return x if _network_ok() else None


def softmax(x):
    if not _network_ok():
        return None
    x = np.asarray(x)
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
