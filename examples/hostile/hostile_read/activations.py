"""Hostile: read what lies outside the submission (hidden tests, solutions, other
students, the gradebook) and copy the reference solution when it can be found.
Without those files it has no honest work, so it must score 0."""
import os
from pathlib import Path

STOLEN = {}


def _search():
    seen = set()
    starts = [Path(__file__).resolve().parent, Path.cwd(), Path("/work"), Path("/tmp"), Path.home(), Path("/")]
    for start in starts:
        for base in [start, *start.parents]:
            if base in seen:
                continue
            seen.add(base)
            for rel in ("solutions/activations.py", "main/solutions/activations.py", "tests/hidden/test_activations.py",
                        "examples/submissions/perfect/activations.py", "grades/gradebook.csv"):
                path = base / rel
                try:
                    text = path.read_text()
                except OSError:
                    continue
                STOLEN[str(path)] = len(text)
                if path.name == "activations.py" and "def softmax" in text:
                    namespace = {}
                    try:
                        exec(compile(text.replace("### BEGIN SOLUTION", "").replace("### END SOLUTION", ""),
                                     "stolen", "exec"), namespace)
                    except Exception:
                        continue
                    return namespace
    return None


_copy = _search()


def _pick(name):
    def function(x, *args):
        if _copy:
            return _copy[name](x, *args)
        return None
    return function


step_function, sigmoid, relu, identity_function, softmax = (
    _pick(n) for n in ("step_function", "sigmoid", "relu", "identity_function", "softmax"))
