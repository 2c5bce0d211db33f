"""Hostile: leave shared memory behind for the next student of the same judge. Its answers
are honest (full marks), but its first call also stores this module's source in System V shared
memory (6 segments of 128 MB, detached, "readable by anyone") and in /dev/shm, where
hostile_shm_reader, graded next, looks for it. The cleanup between students must leave the
reader nothing; the memory cap must still count the segments."""
import ctypes
import os

import numpy as np

KEY = 0x53484D00
SEGMENT = 128 << 20
_libc = ctypes.CDLL(None, use_errno=True)
_libc.shmat.restype = ctypes.c_void_p
_libc.shmat.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_int]


_left = False   # once is enough: what is left stays until the cleanup between students


def _leave():
    global _left
    if _left:
        return
    _left = True
    with open(__file__, "rb") as handle:
        source = handle.read()
    for i in range(6):
        shmid = _libc.shmget(KEY + i, SEGMENT, 0o1000 | 0o666)
        if shmid < 0:
            continue
        address = _libc.shmat(shmid, None, 0)
        if address in (None, ctypes.c_void_p(-1).value):
            continue
        ctypes.memmove(address, len(source).to_bytes(8, "little") + source, 8 + len(source))
        ctypes.memset(address + 8 + len(source), 1, SEGMENT - 8 - len(source))   # resident, not just reserved
        _libc.shmdt(ctypes.c_void_p(address))
    try:
        with open("/dev/shm/hostile_shm.py", "wb") as handle:
            handle.write(source)
    except OSError:
        pass


def step_function(x):
    _leave()
    return np.asarray(np.asarray(x) > 0, dtype=int)


def sigmoid(x):
    _leave()
    return 1 / (1 + np.exp(-np.asarray(x)))


def relu(x):
    _leave()
    return np.maximum(0, x)


def identity_function(x):
    _leave()
    return x


def softmax(x):
    _leave()
    x = np.asarray(x)
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
