"""Plain-data wire format between the judge and the code under test.

A message is a JSON header followed by raw array buffers. Nothing is ever
unpickled: the decoder rebuilds only numbers, strings, lists, tuples, dicts,
numeric NumPy arrays, tensors (worker side), handles and, towards the worker,
functions given by their source.
"""
from __future__ import annotations

import json
import math
import struct
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

MAX_DEPTH = 64
MAX_HEADER_BYTES = 64 * 1024 * 1024
NUMERIC_KINDS = frozenset("biufc")


class CodecError(ValueError):
    """A message that is not plain data, or is malformed."""


@dataclass(frozen=True)
class HandleRef:
    """A reference to an object that stays on the other side."""
    id: int
    type_name: str


@dataclass(frozen=True)
class FunctionSource:
    """A function that travels by value: its source and the name it defines."""
    name: str
    source: str


def _is_tensor(obj) -> bool:
    cls = type(obj)
    return cls.__name__ in ("Tensor", "Parameter") and cls.__module__.startswith("torch")


class Encoder:
    """Turns a value into a header tree plus buffers.

    ``make_handle(obj)`` is called for anything that is not plain data; when it
    is None such a value is an error. ``encode_function(fn)`` likewise for
    callables that should travel by value.
    """

    def __init__(self, make_handle: Callable[[Any], HandleRef] | None = None,
                 encode_function: Callable[[Any], FunctionSource] | None = None):
        self.make_handle = make_handle
        self.encode_function = encode_function
        self.buffers: list[bytes] = []

    def _buffer(self, data: bytes) -> int:
        self.buffers.append(data)
        return len(self.buffers) - 1

    def _array(self, arr: np.ndarray, tag: str = "$nd", **extra) -> dict:
        # A byte view, not a copy, when the array is already in C order (pack copies it once).
        flat = arr.reshape(-1) if arr.flags.c_contiguous else np.ascontiguousarray(arr).reshape(-1)
        return {tag: self._buffer(memoryview(flat.view(np.uint8))), "dtype": arr.dtype.str,
                "shape": list(arr.shape), **extra}

    def encode(self, obj, depth: int = 0):
        if depth > MAX_DEPTH:
            raise CodecError("value nested too deeply")
        cls = type(obj)
        if obj is None or cls is bool or cls is str or cls is int:
            return obj
        if cls is float:
            return obj if math.isfinite(obj) else {"$float": repr(obj)}
        if cls is list:
            return [self.encode(v, depth + 1) for v in obj]
        if cls is tuple:
            return {"$tuple": [self.encode(v, depth + 1) for v in obj]}
        if cls is dict:
            return {"$dict": [[self.encode(k, depth + 1), self.encode(v, depth + 1)]
                              for k, v in obj.items()]}
        if cls is bytes:
            return {"$bytes": self._buffer(obj)}
        if cls is np.ndarray and obj.dtype.kind in NUMERIC_KINDS:
            return self._array(obj)
        if isinstance(obj, np.generic) and cls.__module__ == "numpy" and obj.dtype.kind in NUMERIC_KINDS:
            return self._array(np.asarray(obj), tag="$npscalar")
        if _is_tensor(obj):
            arr = obj.detach().cpu().numpy()
            if arr.dtype.kind in NUMERIC_KINDS:
                return self._array(arr, tag="$tensor", requires_grad=bool(obj.requires_grad))
        if self.encode_function is not None and callable(obj) and getattr(obj, "__code__", None) is not None:
            fn = self.encode_function(obj)
            return {"$function": fn.source, "name": fn.name}
        if cls is HandleRef:
            return {"$handle": obj.id, "type": obj.type_name}
        if self.make_handle is None:
            raise CodecError(f"not plain data: {cls.__name__}")
        ref = self.make_handle(obj)
        return {"$handle": ref.id, "type": ref.type_name}


class Decoder:
    """Rebuilds values from a header tree and its buffers.

    ``tensors``: "tensor" rebuilds torch tensors (worker side), "array" gives
    NumPy arrays (judge side). ``resolve_handle(ref)`` maps handle references to
    objects; ``build_function(src)`` builds callables (worker side only). ``borrow``: arrays
    use the message's memory instead of a copy when the message is a writable buffer that
    nothing else will read.
    """

    def __init__(self, buffers: list[memoryview], *, tensors: str = "array",
                 resolve_handle: Callable[[HandleRef], Any] | None = None,
                 build_function: Callable[[FunctionSource], Any] | None = None, borrow: bool = False):
        self.buffers = buffers
        self.borrow = borrow
        self.tensors = tensors
        self.resolve_handle = resolve_handle
        self.build_function = build_function

    def _array(self, node) -> np.ndarray:
        dtype = np.dtype(str(node["dtype"]))
        if dtype.kind not in NUMERIC_KINDS:
            raise CodecError(f"array of non-numeric dtype {dtype}")
        shape = tuple(int(s) for s in node["shape"])
        if any(s < 0 for s in shape):
            raise CodecError("negative array dimension")
        data = self.buffers[int(node.get("$nd", node.get("$npscalar", node.get("$tensor"))))]
        count = math.prod(shape)
        if count * dtype.itemsize != len(data):
            raise CodecError("array buffer does not match its shape")
        arr = np.frombuffer(data, dtype=dtype, count=count).reshape(shape)
        return arr if self.borrow and arr.flags.writeable else arr.copy()

    def decode(self, node, depth: int = 0):
        if depth > MAX_DEPTH:
            raise CodecError("value nested too deeply")
        if node is None or isinstance(node, (bool, int, float, str)):
            return node
        if isinstance(node, list):
            return [self.decode(v, depth + 1) for v in node]
        if not isinstance(node, dict) or len(node) == 0:
            raise CodecError("malformed message")
        if "$float" in node:
            text = node["$float"]
            if text not in ("nan", "inf", "-inf"):
                raise CodecError("malformed float")
            return float(text)
        if "$tuple" in node:
            return tuple(self.decode(v, depth + 1) for v in node["$tuple"])
        if "$dict" in node:
            out = {}
            for key, value in node["$dict"]:
                key = self.decode(key, depth + 1)
                try:
                    hash(key)
                except TypeError:
                    raise CodecError("unhashable dict key") from None
                out[key] = self.decode(value, depth + 1)
            return out
        if "$bytes" in node:
            return bytes(self.buffers[int(node["$bytes"])])
        if "$nd" in node:
            return self._array(node)
        if "$npscalar" in node:
            arr = self._array(node)
            if arr.shape != ():
                raise CodecError("numpy scalar with a shape")
            return arr[()]
        if "$tensor" in node:
            arr = self._array(node)
            if self.tensors != "tensor":
                return arr
            import torch
            tensor = torch.from_numpy(arr)
            if node.get("requires_grad"):
                tensor.requires_grad_(True)
            return tensor
        if "$handle" in node:
            if self.resolve_handle is None:
                raise CodecError("unexpected handle")
            return self.resolve_handle(HandleRef(int(node["$handle"]), str(node.get("type", "object"))))
        if "$function" in node:
            if self.build_function is None:
                raise CodecError("functions are not accepted here")
            return self.build_function(FunctionSource(str(node["name"]), str(node["$function"])))
        raise CodecError("malformed message")


def pack(tree, buffers: list[bytes]) -> bytes:
    """Header length, JSON header, buffer lengths, buffers."""
    header = json.dumps({"tree": tree, "sizes": [len(b) for b in buffers]},
                        ensure_ascii=False, allow_nan=False).encode("utf-8")
    return b"".join([struct.pack("<Q", len(header)), header, *buffers])


def unpack(message: bytes) -> tuple[Any, list[memoryview]]:
    if len(message) < 8:
        raise CodecError("truncated message")
    (header_len,) = struct.unpack_from("<Q", message)
    if header_len > min(MAX_HEADER_BYTES, len(message) - 8):
        raise CodecError("truncated message")
    try:
        header = json.loads(bytes(message[8:8 + header_len]).decode("utf-8"))
        sizes = [int(s) for s in header["sizes"]]
        tree = header["tree"]
    except (ValueError, KeyError, TypeError) as exc:
        raise CodecError(f"malformed header: {exc}") from None
    view = memoryview(message)
    offset = 8 + header_len
    buffers = []
    for size in sizes:
        if size < 0 or offset + size > len(message):
            raise CodecError("truncated message")
        buffers.append(view[offset:offset + size])
        offset += size
    return tree, buffers


def dumps(obj, **encoder_options) -> bytes:
    encoder = Encoder(**encoder_options)
    tree = encoder.encode(obj)
    return pack(tree, encoder.buffers)


def loads(message: bytes, **decoder_options):
    tree, buffers = unpack(message)
    return Decoder(buffers, **decoder_options).decode(tree)
