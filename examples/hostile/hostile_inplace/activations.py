"""Hostile: write into the arguments. Every function zeroes its input before it returns
zeros: when a judge computed its expected value from the array it had sent, zeros would
match. Arguments cross as copies, so it must score exactly what the same code without the
writes scores (the lines marked "in place" are those writes; the kit's test removes them
to build that twin)."""
import numpy as np


def _zero(x):
    x = np.asarray(x)
    x[...] = 0  # in place
    return np.zeros(np.shape(x), dtype=float)


def step_function(x):
    return _zero(x)


def sigmoid(x):
    return _zero(x)


def relu(x):
    return _zero(x)


def identity_function(x):
    return _zero(x)


def softmax(x):
    return _zero(x)
