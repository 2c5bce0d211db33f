"""Hostile: leave the grader abruptly (os._exit(0), exit the interpreter, kill the
parent process). Only identity_function is honest work (1 point)."""
import os
import signal
import sys

import numpy as np


def step_function(x):
    os._exit(0)


def sigmoid(x):
    os.kill(os.getppid(), signal.SIGKILL)
    return None


def relu(x):
    sys.exit(0)


def identity_function(x):
    return x


def softmax(x):
    os.kill(0, signal.SIGTERM)  # the whole process group
    raise SystemExit(0)
