"""Hostile: sabotage the suite for the students graded after this one by the same judge.
It zeroes every array it is given (were arguments written back, the suite's own module-level
arrays would be zeroed), zeroes the upper-case constants of every module it can see, patches
NumPy, and leaves files and a process behind. None of that may reach the judge: the honest
student graded next (hostile_saboteur_next) must get full marks. Its own answers are wrong."""
import os
import sys
import time

import numpy as np


def _sabotage(*args):
    for value in args:
        if isinstance(value, np.ndarray) and value.flags.writeable:
            value[...] = 0
    for name, module in list(sys.modules.items()):
        if name.startswith(("tests", "test_")):   # the suite's modules, were they in reach
            for attr in [a for a in list(vars(module)) if a.isupper()]:
                try:
                    setattr(module, attr, 0)
                except Exception:
                    continue
    np.sum = lambda *a, **k: 0.0
    for path in ("/tmp/poison", "/dev/shm/poison"):
        try:
            with open(path, "w") as handle:
                handle.write("0")
        except OSError:
            pass
    try:
        if os.fork() == 0:   # a process left waiting for the next student
            os.setsid()
            time.sleep(300)
            os._exit(0)
    except OSError:
        pass


def sum_squared_error(y, t):
    _sabotage(y, t)
    return 0.0


def mean_squared_error(y, t):
    _sabotage(y, t)
    return 0.0


def cross_entropy_error(y, t):
    _sabotage(y, t)
    return 0.0
