"""The judge's side of the bridge: what tests hold as ``submission``.

Every call is encoded to plain data, answered by a Dispatcher (in this process
or in a jailed worker) and decoded back. Arguments are copies: nothing the code
does to them reaches the test's objects. A test that checks what a call did to
its arguments asks for them with ``call_and_read_args``.
"""
from __future__ import annotations

import inspect
import signal
import sys
import textwrap
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from . import codec, replies
from .errors import WorkerLost
from .server import Dispatcher


def function_source(fn) -> codec.FunctionSource:
    """A module-level ``def`` from a test file, sent to the submission by value."""
    if fn.__name__ == "<lambda>" or "." in fn.__qualname__ and "<locals>" not in fn.__qualname__:
        raise codec.CodecError("only named functions defined with def can be sent to a submission")
    return codec.FunctionSource(fn.__name__, textwrap.dedent(inspect.getsource(fn)))


@dataclass(frozen=True)
class Called:
    """A call's value and what its arguments held when it returned (fresh copies: the test's
    own objects are never touched by the submission)."""
    value: Any
    args: tuple
    kwargs: dict


class InProcessTransport:
    """Answers requests in this process: the student's self-check and the floor benchmark."""

    def __init__(self, submission_dir, released_stub=None):
        self.dispatcher = Dispatcher(submission_dir, released_stub=released_stub)

    def request(self, message: bytes, timeout: float | None = None) -> bytes:
        if not timeout or threading.current_thread() is not threading.main_thread():
            return self.dispatcher.handle(message)
        def on_alarm(signum, frame):
            raise TimeoutError(f"time limit of {timeout:g} s exceeded")
        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            return self.dispatcher.handle(message)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)

    def close(self):
        self.dispatcher.close()


class Remote:
    """An object that stays with the submission; used through attribute access and calls.

    ``_name`` says where it came from in the test's words (``"layers.Affine"`` for the class
    and its instances, ``"cifar10.build_model()"`` for what a function returned), so that an
    error names the function the test called."""

    __slots__ = ("_submission", "_ref", "_name")

    def __init__(self, submission: "Submission", ref: codec.HandleRef, name: str = ""):
        object.__setattr__(self, "_submission", submission)
        object.__setattr__(self, "_ref", ref)
        object.__setattr__(self, "_name", name)

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        path = f"{self._name}.{name}" if self._name else name
        return self._submission._request({"op": "getattr", "target": self._ref, "name": name},
                                         called=path, named=path)

    def __setattr__(self, name, value):
        path = f"{self._name}.{name}" if self._name else name
        self._submission._request({"op": "setattr", "target": self._ref, "name": name, "value": value},
                                  called=path)

    def __call__(self, *args, **kwargs):
        return self._submission._request({"op": "call", "target": self._ref, "args": list(args),
                                          "kwargs": kwargs}, called=self._name, named=_returned_name(self))

    def __repr__(self):
        return f"<{self._ref.type_name} object in the submission>"


def _returned_name(callee: Remote) -> str:
    """What a call's result is called: an instance keeps its class's name (its methods are then
    ``Class.method``); anything else is ``function()``."""
    name = object.__getattribute__(callee, "_name")
    if not name:
        return ""
    type_name = object.__getattribute__(callee, "_ref").type_name
    return name if type_name == "type" or type_name.endswith("Meta") else f"{name}()"


class Submission:
    """What a test holds: modules of one submission, behind a transport.

    ``submission.activations`` (or ``submission.module("activations")``) is the
    student's module; ``take_output()`` returns what the code printed since the
    last call; ``helper(name, ...)`` runs kit code next to the submission.

    What the code prints is also written, call by call, to this process's
    ``sys.stdout`` / ``sys.stderr`` (``echo``): under pytest that is the running
    test's captured output, or the terminal with ``-s``.
    """

    def __init__(self, transport, *, label: str = "submission", default_timeout: float | None = None,
                 echo: bool = True, echo_stderr: bool = True):
        self._transport = transport
        self.label = label
        self.default_timeout = default_timeout
        self.echo = echo
        self.echo_stderr = echo_stderr
        self._timeout_override: float | None = None
        self._output: list[str] = []
        self._printed: list[str] = []
        self._modules: dict[str, Remote] = {}
        self._generation = getattr(transport, "generation", 0)

    # -- the test-facing API --------------------------------------------
    def module(self, name: str) -> Remote:
        generation = getattr(self._transport, "generation", 0)
        if generation != self._generation:  # the worker was replaced: its handles are gone
            self._modules.clear()
            self._generation = generation
        if name not in self._modules:
            self._modules[name] = self._request({"op": "load", "module": name}, called=name, named=name)
        return self._modules[name]

    def __getattr__(self, name: str) -> Remote:
        if name.startswith("_"):
            raise AttributeError(name)
        return self.module(name)

    def helper(self, name: str, *args, **kwargs):
        # The submission's code a helper runs is that of the object handed to it (a model).
        handed = next((object.__getattribute__(a, "_name") for a in [*args, *kwargs.values()]
                       if isinstance(a, Remote)), "")
        return self._request({"op": "helper", "name": name, "args": list(args), "kwargs": kwargs},
                             called=handed)

    def call_and_read_args(self, function: "Remote", *args, **kwargs) -> Called:
        """Call ``function`` (a submission's function or method) and also return copies of
        what its arguments hold afterwards: for in-place updates and "input left unchanged"."""
        if not isinstance(function, Remote):
            raise TypeError("call_and_read_args takes a function of the submission")
        return self._request({"op": "call", "target": object.__getattribute__(function, "_ref"),
                              "args": list(args), "kwargs": kwargs, "return_args": True}, read_args=True,
                             called=object.__getattribute__(function, "_name"), named=_returned_name(function))

    def take_output(self) -> str:
        """What the code printed to stdout since the last ``take_output()``."""
        text = "".join(self._output)
        self._output.clear()
        return text

    def take_printed(self) -> str:
        """Everything the code printed (stdout, then stderr, call by call) since the last
        ``take_printed()``: the pytest plugin shows it with a failure."""
        text = "".join(self._printed)
        self._printed.clear()
        return text

    @contextmanager
    def time_limit(self, seconds: float):
        """Calls inside the block may take up to ``seconds`` each."""
        previous = self._timeout_override
        self._timeout_override = seconds
        try:
            yield
        finally:
            self._timeout_override = previous

    def close(self):
        self._transport.close()

    # -- plumbing --------------------------------------------------------
    def _request(self, request: dict, read_args: bool = False, *, called: str = "", named: str = ""):
        """Send one request; ``called`` names what it runs (for errors), ``named`` what it returns."""
        def make_handle(obj):
            if isinstance(obj, Remote):
                return object.__getattribute__(obj, "_ref")
            raise codec.CodecError(f"cannot send {type(obj).__name__} to the submission")
        message = codec.dumps(request, make_handle=make_handle, encode_function=function_source)
        timeout = self._timeout_override or self.default_timeout
        reply_bytes = self._transport.request(message, timeout=timeout)
        try:
            reply = replies.decode(reply_bytes, resolve_handle=lambda ref: Remote(self, ref, named), borrow=True)
        except codec.CodecError as exc:
            raise WorkerLost(f"ワーカーの応答が壊れています / the worker sent a malformed reply: {exc}",
                             type_name="WorkerLost") from None
        self._take_reply_output(reply.stdout, reply.stderr)
        if reply.error is not None:
            error = replies.as_exception(reply.error)
            error.function = called
            raise error
        if not read_args:
            return reply.value
        if reply.args_after is None:
            raise WorkerLost("ワーカーの応答が壊れています / the worker sent a malformed reply: "
                             "the arguments after the call are missing", type_name="WorkerLost")
        return Called(reply.value, tuple(reply.args_after), reply.kwargs_after)

    def _take_reply_output(self, stdout, stderr) -> None:
        stdout = stdout if isinstance(stdout, str) else ""
        stderr = stderr if isinstance(stderr, str) else ""
        self._output.append(stdout)
        self._printed.extend(text for text in (stdout, stderr) if text)
        for text, stream, wanted in ((stdout, sys.stdout, self.echo), (stderr, sys.stderr, self.echo_stderr)):
            if text and wanted and stream is not None:
                try:
                    stream.write(text)
                    stream.flush()
                except (OSError, ValueError):  # a closed or broken stream loses the echo, not the test
                    pass


def in_process(submission_dir, *, released_stub=None, **options) -> Submission:
    """The submission (a folder or a .zip) answered in this process."""
    return Submission(InProcessTransport(submission_dir, released_stub), label=str(submission_dir), **options)
