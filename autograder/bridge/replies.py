"""A reply to one request, built by the worker's server or by the judge's jail and read by
the client: ``{"value": ...}`` (and, when asked, ``args_after`` / ``kwargs_after``) or
``{"error": ...}``, with what the code printed (``stdout``, ``stderr``).

An error says what the code raised (``type``, its builtin base ``builtin``, ``message``, and
``where`` in the student's file) and, in flags, whether it is the stub's NotImplementedError
(``not_started``), a limit that stopped the code (``limit``), or a worker that is gone
(``lost``). Which raised errors are limits is decided here, once (``limit_hit``).
"""
from __future__ import annotations

import builtins
from dataclasses import dataclass
from typing import Any, Callable

from . import codec
from .errors import LimitExceeded, NotStarted, SubmissionError, WorkerLost, raised_type

ERROR_TEXT = {"type": 200, "builtin": 200, "message": 4000, "where": 1000}
ERROR_FLAGS = ("limit", "lost", "not_started")
REPLY_KEYS = frozenset({"value", "args_after", "kwargs_after", "error", "stdout", "stderr"})
STDERR_CHARS = 4000
BUILTIN_EXCEPTIONS = {name: obj for name, obj in vars(builtins).items()
                      if isinstance(obj, type) and issubclass(obj, BaseException)}
# Limits the code hits inside the worker: the worker holds what it took, so it must go.
WORKER_LIMITS = ("memory", "output", "file_size")


# -- building -----------------------------------------------------------------------------
def error(type_name: str, message: str, *, builtin: str = "Exception", where: str = "", limit: bool = False,
          lost: bool = False, not_started: bool = False) -> dict:
    return {"type": type_name, "builtin": builtin, "message": message, "where": where,
            "limit": limit, "lost": lost, "not_started": not_started}


def raised(exc: BaseException, where: str) -> dict:
    """The error for an exception the code raised (``where``: its place in the student's file)."""
    return error(codec.clean_text(type(exc).__name__[:200]), codec.clean_text(_safe_str(exc)),
                 builtin=_builtin_base(exc), where=codec.clean_text(where[:1000]),
                 not_started=isinstance(exc, NotImplementedError))


def packed(error_tree: dict, stdout: str = "", stderr: str = "") -> bytes:
    return codec.pack({"error": error_tree, "stdout": stdout, "stderr": stderr}, [])


def limit_reply(message: str, *, stdout: str = "", stderr: str = "") -> bytes:
    return packed(error("LimitExceeded", message, limit=True), stdout, stderr)


def lost_reply(message: str) -> bytes:
    return packed(error("WorkerLost", message, lost=True))


def _builtin_base(exc: BaseException) -> str:
    for cls in type(exc).__mro__:
        if BUILTIN_EXCEPTIONS.get(cls.__name__) is cls:
            return cls.__name__
    return "Exception"


def _safe_str(exc: BaseException, limit: int = 2000) -> str:
    try:
        return str(exc)[:limit]
    except BaseException:  # a hostile __str__ must not break the reply
        return "<unprintable exception>"


# -- reading ------------------------------------------------------------------------------
@dataclass
class Reply:
    """A worker's answer to one request, checked: ``error`` (a dict of short texts and flags) or
    ``value`` (and, when asked, ``args_after`` and ``kwargs_after``), plus what it printed."""
    value: Any = None
    args_after: list | None = None
    kwargs_after: dict | None = None
    error: dict | None = None
    stdout: str = ""
    stderr: str = ""


def _text_field(tree: dict, key: str, limit: int) -> str:
    text = tree.get(key, "")
    if type(text) is not str:
        raise codec.CodecError(f"malformed reply: {key} is not text")
    if len(text) > limit:
        raise codec.CodecError(f"malformed reply: {key} longer than {limit:,} characters")
    codec.check_text(text)
    return text


def decode(message, *, resolve_handle: Callable[[codec.HandleRef], Any] | None = None, borrow: bool = False,
           budget: codec.Budget = codec.REPLY_BUDGET, stdout_chars: int | None = None) -> Reply:
    """Check and decode a reply (the judge's side). CodecError when anything is malformed."""
    tree, buffers = codec.unpack(message, budget)
    if type(tree) is not dict or not tree.keys() <= REPLY_KEYS:
        raise codec.CodecError("malformed reply")
    reply = Reply(stdout=_text_field(tree, "stdout", stdout_chars if stdout_chars is not None else budget.header_bytes),
                  stderr=_text_field(tree, "stderr", STDERR_CHARS))
    if "error" in tree:
        found = tree["error"]
        if type(found) is not dict or not found.keys() <= ERROR_TEXT.keys() | set(ERROR_FLAGS) \
                or not tree.keys() <= {"error", "stdout", "stderr"}:
            raise codec.CodecError("malformed reply: error")
        checked = {key: _text_field(found, key, limit) for key, limit in ERROR_TEXT.items()}
        for flag in ERROR_FLAGS:
            if type(found.get(flag, False)) is not bool:
                raise codec.CodecError("malformed reply: error")
            checked[flag] = found.get(flag, False)
        reply.error = checked
        return reply
    if "value" not in tree:
        raise codec.CodecError("malformed reply: no value")
    decoder = codec.Decoder(buffers, tensors="array", resolve_handle=resolve_handle, borrow=borrow, budget=budget)
    reply.value = decoder.decode(tree["value"])
    if "args_after" in tree or "kwargs_after" in tree:
        reply.args_after = decoder.decode(tree.get("args_after"))
        reply.kwargs_after = decoder.decode(tree.get("kwargs_after"))
        if type(reply.args_after) is not list or type(reply.kwargs_after) is not dict:
            raise codec.CodecError("malformed reply: the arguments after the call")
    return reply


def limit_hit(checked: dict) -> str | None:
    """The limit that stopped the code, told from what it raised: "memory", "output" (the
    output cap), "file_size" (EFBIG from RLIMIT_FSIZE), "time" (the in-process alarm); else None."""
    type_name, builtin = checked["type"], checked["builtin"]
    if type_name == "MemoryError" or builtin == "MemoryError":
        return "memory"
    if type_name == "OutputLimitExceeded":
        return "output"
    if checked["message"].startswith("[Errno 27]"):
        return "file_size"
    if type_name == "TimeoutError" and builtin in ("TimeoutError", "BaseException", "Exception"):
        return "time"
    return None


def as_exception(checked: dict) -> SubmissionError:
    """The exception a test sees for a checked error."""
    message, type_name, where = checked["message"], checked["type"], checked["where"]
    if checked["limit"]:
        return LimitExceeded(message, type_name=type_name, where=where)
    if checked["lost"]:
        return WorkerLost(message, type_name=type_name, where=where)
    if checked["not_started"]:
        return NotStarted(message, type_name=type_name, where=where)
    if limit_hit(checked):
        return LimitExceeded(message, type_name=type_name, where=where)
    return raised_type(checked["builtin"])(message, type_name=type_name, where=where)
