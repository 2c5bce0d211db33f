"""Hostile: ignore the CPU limit. Every function ignores SIGXCPU (the signal the CPU limit
sends first), starts a thread and a child process that keep spinning after it returns, burns
a second more CPU time than the call is allowed, and only then answers correctly. A limit
enforced from outside stops each call and what it started: it must score 0. (Where a call
may use more CPU time than could fit in its wall time, as with grading.toml's 60 s against
20 s, it gives up at once and returns None.)"""
import os
import resource
import signal
import threading
import time

import numpy as np


def _spin(seconds):
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


def _forever():
    while True:
        pass


def _past_the_limit():
    signal.signal(signal.SIGXCPU, signal.SIG_IGN)
    soft, _ = resource.getrlimit(resource.RLIMIT_CPU)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    allowed = soft - (usage.ru_utime + usage.ru_stime) if soft != resource.RLIM_INFINITY else 60.0
    if allowed > 10:
        return False
    threading.Thread(target=_forever, daemon=True).start()
    if os.fork() == 0:
        signal.signal(signal.SIGXCPU, signal.SIG_IGN)
        _forever()
    _spin(allowed + 1.0)
    return True


def step_function(x):
    return np.asarray(np.asarray(x) > 0, dtype=int) if _past_the_limit() else None


def sigmoid(x):
    return 1 / (1 + np.exp(-np.asarray(x))) if _past_the_limit() else None


def relu(x):
    return np.maximum(0, x) if _past_the_limit() else None


def identity_function(x):
    return x if _past_the_limit() else None


def softmax(x):
    if not _past_the_limit():
        return None
    x = np.asarray(x)
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
