"""What a test sees when the submission's code did not return: the exceptions of the bridge."""
from __future__ import annotations

import builtins


class SubmissionError(Exception):
    """The submission's code raised; ``where`` names its file and line, ``function`` what the
    test called (``"layers.Affine.forward"``; empty when unknown)."""

    def __init__(self, message: str, *, type_name: str = "Exception", where: str = "", function: str = ""):
        super().__init__(message)
        self.type_name = type_name
        self.where = where
        self.function = function

    @property
    def exception_text(self) -> str:
        """``"ZeroDivisionError: division by zero"``: the student's exception as Python shows it."""
        return f"{self.type_name}: {self.args[0]}" if self.args and self.args[0] else self.type_name

    def __str__(self):
        return f"{self.exception_text} [{self.where}]" if self.where else self.exception_text


class NotStarted(SubmissionError, NotImplementedError):
    """The exercise still raises the stub's NotImplementedError."""


class LimitExceeded(SubmissionError):
    """A time, memory, process or output limit stopped the code."""


class WorkerLost(SubmissionError):
    """The process running the submission died (crash, os._exit, killed)."""


_raised_types: dict[str, type] = {}


def raised_type(builtin_name: str) -> type:
    """SubmissionError mixed with the builtin exception the code raised, so that
    ``pytest.raises(ValueError)`` works across the bridge."""
    base = getattr(builtins, builtin_name, Exception)
    if not (isinstance(base, type) and issubclass(base, Exception)) or base in (Exception, BaseException):
        return SubmissionError
    if builtin_name not in _raised_types:
        try:
            _raised_types[builtin_name] = type(f"Submission{builtin_name}", (SubmissionError, base), {})
        except TypeError:  # layout conflicts (e.g. OSError subclasses)
            _raised_types[builtin_name] = SubmissionError
    return _raised_types[builtin_name]
