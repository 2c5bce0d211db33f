"""Plain-data wire format between the judge and the code under test.

A message is an 8-byte header length, a JSON header ``{"tree": ..., "sizes": [...]}`` and the
raw buffers it lists. Nothing is ever unpickled: the decoder rebuilds only numbers, strings,
lists, tuples, dicts, numeric NumPy arrays, tensors (worker side), handles and, towards the
worker, functions given by their source.

The judge trusts nothing a worker sends. Decoding either gives plain values or raises
``CodecError``, the one error for a malformed message, within a ``Budget`` (header size,
decoded bytes, number of values, nesting depth): dtype strings are checked against a whitelist
before NumPy parses them, each buffer is used at most once, text must be valid UTF-8, and the
error's text quotes at most a few characters of the offending value.
"""
from __future__ import annotations

import json
import math
import struct
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

MiB = 1024 * 1024
NUMERIC_KINDS = frozenset("biufc")
MAX_DIMS = 32
# Every dtype string the encoder writes for a numeric array, in either byte order; numpy never
# parses anything else (a long or odd dtype string costs seconds and gigabytes to parse).
DTYPES = {text: np.dtype(text) for text in (
    "|b1", "|i1", "|u1",
    *(f"{order}{kind}{size}" for order in "<>" for kind in "iu" for size in (2, 4, 8)),
    *(f"{order}f{size}" for order in "<>" for size in (2, 4, 8, 16)),
    *(f"{order}c{size}" for order in "<>" for size in (8, 16, 32)))}
LEN_HEADER = struct.Struct("<Q")


class CodecError(ValueError):
    """The one error for a message that is not plain data, is malformed or is over its budget.

    The judge turns it into a failed call ("the worker sent a malformed reply: <why>"); it never
    ends a pytest session. Its text never holds more than a few characters of the message.
    """


@dataclass(frozen=True)
class Budget:
    """What one message may cost to decode."""
    header_bytes: int = 8 * MiB      # the JSON header
    decoded_bytes: int = 256 * MiB   # array buffers, bytes and text, together
    items: int = 200_000             # values: every scalar, list, dict, tuple and array counts one
    depth: int = 64                  # nesting of lists, tuples and dicts


# The hidden suites' largest reply holds 29 values and 600 bytes of header (arrays travel as
# buffers): the budget leaves a wide margin and still bounds the worst reply to well under a
# second and ~50 MB of the judge's memory (bench/bench_forged.py prints the figures).
REPLY_BUDGET = Budget()
# Requests are the judge's own (the CIFAR-10 training set travels as one of them).
REQUEST_BUDGET = Budget(header_bytes=64 * MiB, decoded_bytes=1024 * MiB, items=10_000_000)


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


def brief(value, size: int = 40) -> str:
    """A short description of an untrusted value, cut before it is formatted."""
    if isinstance(value, str):
        return repr(value[:size]) + ("…" if len(value) > size else "")
    if isinstance(value, (bool, float)) or value is None:
        return repr(value)
    if isinstance(value, int):
        return "an integer" if abs(value) >= 10 ** size else repr(value)
    return type(value).__name__


def check_text(text: str) -> None:
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise CodecError("text is not valid UTF-8 (a lone surrogate)") from None


def clean_text(text: str) -> str:
    """Text that is valid UTF-8 (a lone surrogate becomes '?')."""
    if text.isascii():
        return text
    return text.encode("utf-8", "replace").decode("utf-8")


def _is_tensor(obj) -> bool:
    cls = type(obj)
    return cls.__name__ in ("Tensor", "Parameter") and cls.__module__.startswith("torch")


class _Meter:
    """Counts what a message costs against its budget."""

    def __init__(self, budget: Budget, verb: str):
        self.budget = budget
        self.verb = verb
        self.items = 0
        self.bytes = 0

    def item(self, depth: int, nbytes: int = 0) -> None:
        self.items += 1
        self.bytes += nbytes
        budget = self.budget
        if depth > budget.depth:
            raise CodecError(f"{self.verb}: values nested more than {budget.depth} deep")
        if self.items > budget.items:
            raise CodecError(f"{self.verb}: more than {budget.items:,} values")
        if self.bytes > budget.decoded_bytes:
            raise CodecError(f"{self.verb}: more than {budget.decoded_bytes // MiB} MB of data")


class Encoder:
    """Turns a value into a header tree plus buffers, within ``budget``.

    ``make_handle(obj)`` is called for anything that is not plain data; when it
    is None such a value is an error. ``encode_function(fn)`` likewise for
    callables that should travel by value.
    """

    def __init__(self, make_handle: Callable[[Any], HandleRef] | None = None,
                 encode_function: Callable[[Any], FunctionSource] | None = None, *,
                 budget: Budget = REQUEST_BUDGET):
        self.make_handle = make_handle
        self.encode_function = encode_function
        self.buffers: list[bytes] = []
        self._meter = _Meter(budget, "the value is too large to send")

    def _buffer(self, data) -> int:
        self.buffers.append(data)
        return len(self.buffers) - 1

    def _array(self, arr: np.ndarray, depth: int, tag: str = "$nd", **extra) -> dict:
        self._meter.item(depth, arr.nbytes)
        # A byte view, not a copy, when the array is already in C order (pack copies it once).
        flat = arr.reshape(-1) if arr.flags.c_contiguous else np.ascontiguousarray(arr).reshape(-1)
        return {tag: self._buffer(memoryview(flat.view(np.uint8))), "dtype": arr.dtype.str,
                "shape": list(arr.shape), **extra}

    def encode(self, obj, depth: int = 0):
        cls = type(obj)
        if obj is None or cls is bool or cls is int:
            self._meter.item(depth)
            return obj
        if cls is str:
            check_text(obj)
            self._meter.item(depth, len(obj))
            return obj
        if cls is float:
            self._meter.item(depth)
            return obj if math.isfinite(obj) else {"$float": repr(obj)}
        if cls is list:
            self._meter.item(depth)
            return [self.encode(v, depth + 1) for v in obj]
        if cls is tuple:
            self._meter.item(depth)
            return {"$tuple": [self.encode(v, depth + 1) for v in obj]}
        if cls is dict:
            self._meter.item(depth)
            return {"$dict": [[self.encode(k, depth + 1), self.encode(v, depth + 1)] for k, v in obj.items()]}
        if cls is bytes:
            self._meter.item(depth, len(obj))
            return {"$bytes": self._buffer(obj)}
        if cls is np.ndarray and obj.dtype.kind in NUMERIC_KINDS and obj.dtype.str in DTYPES:
            return self._array(obj, depth)
        if isinstance(obj, np.generic) and cls.__module__ == "numpy" and obj.dtype.kind in NUMERIC_KINDS \
                and obj.dtype.str in DTYPES:
            return self._array(np.asarray(obj), depth, tag="$npscalar")
        if _is_tensor(obj):
            arr = obj.detach().cpu().numpy()
            if arr.dtype.kind in NUMERIC_KINDS and arr.dtype.str in DTYPES:
                return self._array(arr, depth, tag="$tensor", requires_grad=bool(obj.requires_grad))
        if self.encode_function is not None and callable(obj) and getattr(obj, "__code__", None) is not None:
            fn = self.encode_function(obj)
            self._meter.item(depth, len(fn.source))
            return {"$function": fn.source, "name": fn.name}
        self._meter.item(depth)
        if cls is HandleRef:
            return {"$handle": obj.id, "type": obj.type_name}
        if self.make_handle is None:
            raise CodecError(f"not plain data: {cls.__name__}")
        ref = self.make_handle(obj)
        return {"$handle": ref.id, "type": ref.type_name}


_SCALARS = frozenset({type(None), bool, int, float})


class _CallbackFailed(Exception):
    """An exception raised by a caller's callback, carried through the decoder unchanged."""


def _keys(node: dict, allowed: frozenset) -> None:
    if not node.keys() <= allowed:
        raise CodecError("malformed message: unexpected keys")


_ARRAY_KEYS = frozenset({"dtype", "shape"})


class Decoder:
    """Rebuilds values from a header tree and its buffers, within ``budget``.

    ``tensors``: "tensor" rebuilds torch tensors (worker side), "array" gives
    NumPy arrays (judge side). ``resolve_handle(ref)`` maps handle references to
    objects; ``build_function(src)`` builds callables (worker side only). ``borrow``: arrays
    use the message's memory instead of a copy when the message is a writable buffer that
    nothing else will read. Anything malformed raises CodecError; exceptions raised by the
    callbacks pass through unchanged.
    """

    def __init__(self, buffers: list[memoryview], *, tensors: str = "array",
                 resolve_handle: Callable[[HandleRef], Any] | None = None,
                 build_function: Callable[[FunctionSource], Any] | None = None, borrow: bool = False,
                 budget: Budget = REPLY_BUDGET):
        self.buffers = buffers
        self.borrow = borrow
        self.tensors = tensors
        self.resolve_handle = resolve_handle
        self.build_function = build_function
        self.budget = budget
        self._meter = _Meter(budget, "message over budget")
        self._used: set[int] = set()

    def decode(self, node, depth: int = 0):
        try:
            return self._decode(node, depth)
        except (CodecError, _CallbackFailed) as exc:
            if isinstance(exc, _CallbackFailed):
                raise exc.__cause__ from None
            raise
        except (ValueError, TypeError, KeyError, IndexError, OverflowError, RecursionError, AttributeError,
                MemoryError) as exc:   # a guard the checks below missed: still the one error
            raise CodecError(f"malformed message ({type(exc).__name__})") from None

    @staticmethod
    def _call(fn, arg):
        try:
            return fn(arg)
        except CodecError:
            raise
        except BaseException as exc:
            raise _CallbackFailed() from exc

    def _buffer(self, index) -> memoryview:
        if type(index) is not int or not 0 <= index < len(self.buffers):
            raise CodecError("malformed message: bad buffer reference")
        if index in self._used:
            raise CodecError("malformed message: a buffer is used twice")
        self._used.add(index)
        return self.buffers[index]

    def _array(self, node: dict, tag: str, depth: int) -> np.ndarray:
        _keys(node, _ARRAY_KEYS | {tag, "requires_grad"} if tag == "$tensor" else _ARRAY_KEYS | {tag})
        text = node.get("dtype")
        dtype = DTYPES.get(text) if type(text) is str else None
        if dtype is None:
            raise CodecError(f"array of a dtype that is not allowed: {brief(text)}")
        shape = node.get("shape")
        if type(shape) is not list or len(shape) > MAX_DIMS \
                or not all(type(s) is int and 0 <= s <= self.budget.decoded_bytes for s in shape):
            raise CodecError("malformed array shape")
        if math.prod(s for s in shape if s) > 1 << 48:
            raise CodecError("malformed array shape")
        data = self._buffer(node[tag])
        self._meter.item(depth, len(data))
        count = math.prod(shape)
        if count * dtype.itemsize != len(data):
            raise CodecError("array buffer does not match its shape")
        arr = np.frombuffer(data, dtype=dtype, count=count).reshape(shape)
        return arr if self.borrow and arr.flags.writeable else arr.copy()

    def _container(self, node: dict, tag: str, depth: int) -> list:
        """The list a ``$tuple`` or ``$dict`` node holds, counted as one value."""
        _keys(node, frozenset({tag}))
        items = node[tag]
        if type(items) is not list:
            raise CodecError(f"malformed {tag[1:]}")
        self._meter.item(depth)
        return items

    def _decode(self, node, depth: int):
        cls = type(node)
        meter = self._meter
        if cls in _SCALARS:
            meter.items += 1
            if meter.items > self.budget.items:
                meter.item(depth)   # raises, saying why
            return node
        if cls is str:
            check_text(node)
            meter.item(depth, len(node))
            return node
        if cls is list:
            meter.item(depth)
            if len(node) > 16 and all(type(v) in _SCALARS for v in node):   # numbers only: counted at once
                meter.items += len(node) - 1
                meter.item(depth + 1)
                return list(node)
            decode = self._decode
            return [decode(v, depth + 1) for v in node]
        if cls is not dict or len(node) == 0:
            raise CodecError("malformed message")
        if "$float" in node:
            _keys(node, frozenset({"$float"}))
            text = node["$float"]
            if text not in ("nan", "inf", "-inf"):
                raise CodecError("malformed float")
            self._meter.item(depth)
            return float(text)
        if "$tuple" in node:
            return tuple(self._decode(v, depth + 1) for v in self._container(node, "$tuple", depth))
        if "$dict" in node:
            out = {}
            for pair in self._container(node, "$dict", depth):
                if type(pair) is not list or len(pair) != 2:
                    raise CodecError("malformed dict")
                key = self._decode(pair[0], depth + 1)
                try:
                    hash(key)
                except TypeError:
                    raise CodecError("unhashable dict key") from None
                out[key] = self._decode(pair[1], depth + 1)
            return out
        if "$bytes" in node:
            _keys(node, frozenset({"$bytes"}))
            data = self._buffer(node["$bytes"])
            self._meter.item(depth, len(data))
            return bytes(data)
        if "$nd" in node:
            return self._array(node, "$nd", depth)
        if "$npscalar" in node:
            arr = self._array(node, "$npscalar", depth)
            if arr.shape != ():
                raise CodecError("numpy scalar with a shape")
            return arr[()]
        if "$tensor" in node:
            requires_grad = node.get("requires_grad", False)
            if type(requires_grad) is not bool:
                raise CodecError("malformed tensor")
            arr = self._array(node, "$tensor", depth)
            if self.tensors != "tensor":
                return arr
            import torch
            tensor = torch.from_numpy(arr)
            if requires_grad:
                tensor.requires_grad_(True)
            return tensor
        if "$handle" in node:
            _keys(node, frozenset({"$handle", "type"}))
            if self.resolve_handle is None:
                raise CodecError("unexpected handle")
            handle_id, type_name = node["$handle"], node.get("type", "object")
            if type(handle_id) is not int or type(type_name) is not str or len(type_name) > 200:
                raise CodecError("malformed handle")
            check_text(type_name)
            self._meter.item(depth)
            return self._call(self.resolve_handle, HandleRef(handle_id, type_name))
        if "$function" in node:
            _keys(node, frozenset({"$function", "name"}))
            if self.build_function is None:
                raise CodecError("functions are not accepted here")
            source, name = node["$function"], node.get("name")
            if type(source) is not str or type(name) is not str:
                raise CodecError("malformed function")
            self._meter.item(depth, len(source))
            return self._call(self.build_function, FunctionSource(name, source))
        raise CodecError("malformed message")


def pack(tree, buffers: list, budget: Budget | None = None) -> bytes:
    """Header length, JSON header, buffers. With ``budget``, a header over its size is refused."""
    header = json.dumps({"tree": tree, "sizes": [len(b) for b in buffers]},
                        ensure_ascii=False, allow_nan=False).encode("utf-8")
    if budget is not None and len(header) > budget.header_bytes:
        raise CodecError(f"the value is too large to send: its description is over "
                         f"{budget.header_bytes // MiB} MB")
    return b"".join([LEN_HEADER.pack(len(header)), header, *buffers])


def _no_constants(name):
    raise CodecError(f"malformed header: {brief(name)} is not JSON")


_JSON = json.JSONDecoder(parse_constant=_no_constants)   # made once: json.loads(**options) makes one a call


def unpack(message, budget: Budget = REPLY_BUDGET) -> tuple[Any, list[memoryview]]:
    """The header tree and the buffers (views into ``message``); CodecError when malformed."""
    view = memoryview(message)
    if len(view) < LEN_HEADER.size:
        raise CodecError("truncated message")
    (header_len,) = LEN_HEADER.unpack_from(view)
    if header_len > budget.header_bytes:
        raise CodecError(f"message over budget: a header of more than {budget.header_bytes // MiB} MB")
    end = LEN_HEADER.size + header_len
    if end > len(view):
        raise CodecError("truncated message")
    raw = bytes(view[LEN_HEADER.size:end])
    # The parser builds every value before the budget can count it: bound them first (a comma
    # or bracket per value; text may hold some too, hence the slack).
    if raw.count(b",") + raw.count(b"[") + raw.count(b"{") > 2 * budget.items + 16:
        raise CodecError(f"message over budget: more than {budget.items:,} values")
    try:
        header = _JSON.decode(raw.decode("utf-8"))
    except CodecError:
        raise
    except (ValueError, RecursionError, MemoryError) as exc:   # UnicodeDecodeError and JSONDecodeError too
        raise CodecError(f"malformed header ({type(exc).__name__})") from None
    if type(header) is not dict or header.keys() != {"tree", "sizes"}:
        raise CodecError("malformed header")
    sizes = header["sizes"]
    if type(sizes) is not list or len(sizes) > budget.items \
            or not all(type(s) is int and 0 <= s <= len(view) for s in sizes):
        raise CodecError("malformed header: buffer sizes")
    if end + sum(sizes) != len(view):
        raise CodecError("truncated message" if end + sum(sizes) > len(view) else "trailing bytes after the message")
    buffers, offset = [], end
    for size in sizes:
        buffers.append(view[offset:offset + size])
        offset += size
    return header["tree"], buffers


def dumps(obj, **encoder_options) -> bytes:
    encoder = Encoder(**encoder_options)
    tree = encoder.encode(obj)
    return pack(tree, encoder.buffers)


def loads(message, budget: Budget = REPLY_BUDGET, **decoder_options):
    tree, buffers = unpack(message, budget)
    return Decoder(buffers, budget=budget, **decoder_options).decode(tree)
