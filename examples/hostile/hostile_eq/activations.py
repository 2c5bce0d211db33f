"""Hostile: return objects that claim to equal anything.
Honest work: none, so it must score 0."""


class Anything(float):
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = float.__hash__

    def __array__(self, *args, **kwargs):
        raise TypeError("no")


class AlwaysEqual:
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    def __lt__(self, other):
        return False

    __le__ = __ge__ = __eq__
    __gt__ = __lt__
    __hash__ = object.__hash__

    def __float__(self):
        return float("nan")


def step_function(x):
    return AlwaysEqual()


def sigmoid(x):
    return Anything(123.0)


relu = identity_function = softmax = step_function
