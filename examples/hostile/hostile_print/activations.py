"""Hostile: print without end (to stdout and stderr). No honest work: 0 points."""
import sys


def step_function(x):
    while True:
        print("spam " * 200)
        sys.stderr.write("more spam\n")


sigmoid = relu = identity_function = softmax = step_function
