"""The side of the bridge that holds the submission's code and objects.

It runs in the jailed worker (or, for self-checks, in the test process) and
answers requests: load a module, get an attribute, call, set an attribute,
run a kit helper. Values go back as plain data; everything else stays here
behind a handle.
"""
from __future__ import annotations

import contextlib
import io
import math
import sys
import traceback
import types
from pathlib import Path

import numpy as np

from ..submission import files as submission_files
from ..submission import modules as sources
from . import codec, replies


class OutputLimitExceeded(BaseException):
    """The code printed more than the output cap allows."""


class LimitedWriter(io.TextIOBase):
    """A text sink that keeps at most ``limit`` characters and then stops the code."""

    def __init__(self, limit: int):
        self.limit = limit
        self.parts: list[str] = []
        self.size = 0

    def writable(self):
        return True

    def write(self, text):
        text = str(text)
        self.size += len(text)
        if self.size > self.limit:
            raise OutputLimitExceeded(f"output limit of {self.limit} characters exceeded")
        self.parts.append(text)
        return len(text)

    def getvalue(self) -> str:
        return "".join(self.parts)


class Dispatcher:
    """Answers requests for one submission: a folder or a .zip, whose modules are found as
    ``autograder grade`` finds them (``sources.find``; ``released_stub`` tells an untouched
    stub from work). The jailed worker is given the staged folder."""

    def __init__(self, submission_dir, *, output_limit: int = 1_000_000, total_output_limit: int | None = None,
                 released_stub=None):
        self.root = Path(submission_dir).resolve()
        self.released_stub = released_stub
        self._files: submission_files.Files | None = None
        self.output_limit = output_limit
        # What the whole submission may print: past it, output is dropped (and the reply says so).
        self.total_output_limit = total_output_limit if total_output_limit is not None else 16 * output_limit
        self.output_sent = 0
        self.objects: dict[int, object] = {}
        self.handle_ids: dict[int, int] = {}
        self.modules: dict[str, types.ModuleType] = {}
        self._next = 1

    # -- handles ---------------------------------------------------------
    def make_handle(self, obj) -> codec.HandleRef:
        key = id(obj)
        handle_id = self.handle_ids.get(key)
        if handle_id is None or self.objects.get(handle_id) is not obj:
            handle_id = self._next
            self._next += 1
            self.objects[handle_id] = obj
            self.handle_ids[key] = handle_id
        try:
            type_name = type(obj).__name__
        except BaseException:
            type_name = "object"
        return codec.HandleRef(handle_id, str(type_name))

    def resolve(self, ref: codec.HandleRef):
        try:
            return self.objects[ref.id]
        except KeyError:
            raise codec.CodecError(f"unknown handle {ref.id}") from None

    @staticmethod
    def build_function(fn: codec.FunctionSource):
        namespace = {"np": np, "math": math}
        if "torch" in fn.source:
            import torch
            namespace["torch"] = torch
        exec(compile(fn.source, f"<kit function {fn.name}>", "exec"), namespace)
        return namespace[fn.name]

    # -- modules ---------------------------------------------------------
    def load_module(self, name: str):
        if name in self.modules:
            return self.modules[name]
        if not name.isidentifier():
            raise sources.SourceError(f"not a module name: {name!r}")
        if self._files is None:   # read when first needed: a notebook's kernel never loads a module
            self._files = submission_files.read(self.root)
        found = sources.find(self._files, name, self.released_stub)
        if found is None:
            raise sources.SourceError(
                f"提出物に {name}.py も {name}.ipynb もありません / the submission has no {name}.py or {name}.ipynb")
        if found.error:
            raise sources.SourceError(found.error)
        path, code = self.root / found.path, found.text
        module = types.ModuleType(name)
        module.__file__ = str(path)
        sys.modules[name] = module
        try:
            exec(compile(code, str(path), "exec"), module.__dict__)
        except BaseException:
            sys.modules.pop(name, None)
            raise
        self.modules[name] = module
        return module

    def close(self) -> None:
        if self._files is not None:
            self._files.close()

    # -- requests --------------------------------------------------------
    def _run(self, request: dict):
        op = request["op"]
        args = request.get("args", [])
        kwargs = request.get("kwargs", {})
        if op == "load":
            return self.load_module(request["module"])
        if op == "getattr":
            return getattr(request["target"], request["name"])
        if op == "setattr":
            setattr(request["target"], request["name"], request["value"])
            return None
        if op == "call":
            return request["target"](*args, **kwargs)
        if op == "helper":
            from .helpers import HELPERS
            return HELPERS[request["name"]](*args, **kwargs)
        if op == "release":
            for handle_id in request["handles"]:
                obj = self.objects.pop(handle_id, None)
                self.handle_ids.pop(id(obj), None)
            return None
        raise codec.CodecError(f"unknown operation {op!r}")

    def _where(self, tb) -> str:
        where = ""
        for frame, lineno in traceback.walk_tb(tb):
            filename = frame.f_code.co_filename
            try:
                inside = Path(filename).resolve().is_relative_to(self.root)
            except (OSError, ValueError):
                inside = False
            if inside:
                where = f"{Path(filename).name}:{lineno} ({frame.f_code.co_name})"
        return where

    def handle(self, message: bytes) -> bytes:
        stdout = LimitedWriter(self.output_limit)
        stderr = LimitedWriter(self.output_limit)
        reply: dict = {}
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                tree, buffers = codec.unpack(message, codec.REQUEST_BUDGET)
                decoder = codec.Decoder(buffers, tensors="tensor", resolve_handle=self.resolve,
                                        build_function=self.build_function, budget=codec.REQUEST_BUDGET)
                request = decoder.decode(tree)
                result = self._run(request)
                encoder = codec.Encoder(make_handle=self.make_handle, budget=codec.REPLY_BUDGET)
                reply["value"] = encoder.encode(result)
                if request.get("return_args"):
                    reply["args_after"] = encoder.encode(list(request.get("args", [])))
                    reply["kwargs_after"] = encoder.encode(dict(request.get("kwargs", {})))
                buffers_out = encoder.buffers
            except KeyboardInterrupt:
                raise
            except BaseException as exc:  # everything the code raises is reported, never fatal here
                reply = {"error": replies.raised(exc, self._where(exc.__traceback__))}
                buffers_out = []
        reply["stdout"] = self._printed(stdout.getvalue())
        reply["stderr"] = self._printed(stderr.getvalue()[-replies.STDERR_CHARS:])[-replies.STDERR_CHARS:]
        try:
            return codec.pack(reply, buffers_out, codec.REPLY_BUDGET)
        except (codec.CodecError, ValueError) as exc:   # too large to describe: say so instead
            return replies.packed(replies.raised(exc, ""), reply["stdout"], reply["stderr"])

    def _printed(self, text: str) -> str:
        """This call's output (stdout or stderr), within what the whole submission may still print."""
        room = self.total_output_limit - self.output_sent
        if len(text) > room:
            text = text[:max(room, 0)]
            if room >= 0:
                text += (f"\n[出力を打ち切りました(提出物全体で {self.total_output_limit:,} 文字まで) / "
                         f"output cut: the submission printed more than {self.total_output_limit:,} characters]\n")
            self.output_sent = self.total_output_limit + 1
        else:
            self.output_sent += len(text)
        return codec.clean_text(text)
