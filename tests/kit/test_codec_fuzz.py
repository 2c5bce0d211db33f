"""The judge's side of the bridge trusts nothing: fuzzed and forged replies.

Whatever bytes a worker writes, reading them (``FrameReader`` for the pipe's framing, then
``replies.decode``) ends in a checked reply or in the one documented error
(``FrameError`` for the framing, ``CodecError`` for the message), never in anything else,
and within bounded memory (tracemalloc's peak: a multiple of the frame plus a fixed part that
the budget sets). ``deadline`` guards against hangs, not speed; bench/bench_forged.py prints
the time figures.
"""
import datetime
import importlib.util
import json
import struct
import tracemalloc

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autograder.bridge import codec, replies
from autograder.jail.exchange import FrameError, FrameReader
from autograder.paths import KIT_ROOT

FUZZ = settings(max_examples=300, deadline=datetime.timedelta(seconds=10), database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
MiB = 1 << 20


def _forged_module():
    path = KIT_ROOT / "examples" / "hostile" / "hostile_frames" / "activations.py"
    spec = importlib.util.spec_from_file_location("hostile_frames", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FORGED = _forged_module()


def read(message):
    """What the judge does with a reply: the checked reply, or CodecError."""
    return replies.decode(message, resolve_handle=lambda ref: ref, borrow=True,
                              stdout_chars=256 * 1024 + 400)


def read_bounded(message, extra=16 * MiB):
    """``read``, asserting that its memory stays within a few times the frame's size."""
    tracemalloc.start()
    try:
        try:
            result = read(message)
        except codec.CodecError as exc:
            result = exc
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak <= 4 * len(message) + extra, f"decoding took {peak / MiB:.1f} MB for a {len(message)}-byte frame"
    return result


# -- strategies ---------------------------------------------------------------------------

TAGS = ["$nd", "$npscalar", "$tensor", "$tuple", "$dict", "$bytes", "$float", "$handle", "$function",
        "dtype", "shape", "requires_grad", "type", "name", "value", "stdout", "error"]
scalars = st.one_of(st.none(), st.booleans(), st.integers(min_value=-2**70, max_value=2**70),
                    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=20),
                    st.sampled_from(["<f8", "|u1", "|O", "<U5", "(", "[('a','<f8')]", "<f8,<f8", "nan", "inf",
                                     "\ud800", "\udfff", "a\ud83d", "S" * 300]))
trees = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=6),
        st.dictionaries(st.sampled_from(TAGS) | st.text(max_size=5), inner, max_size=4),
        st.builds(lambda i, d, s: {"$nd": i, "dtype": d, "shape": s},
                  st.integers(-2, 6) | inner, st.sampled_from(sorted(codec.DTYPES)) | inner,
                  st.lists(st.integers(-3, 2**62), max_size=5) | inner)),
    max_leaves=40)


def _json(tree) -> bytes:
    return json.dumps(tree).encode()   # ensure_ascii: lone surrogates travel as \\udXXX escapes


@st.composite
def frames(draw):
    """Headers the fuzzer builds (reply-shaped or not) with buffers that may or may not match."""
    tree = draw(trees)
    if draw(st.booleans()):
        tree = {"value": tree, "stdout": draw(st.text(max_size=10) | scalars), "stderr": ""}
        if draw(st.booleans()):
            tree = {"error": draw(st.dictionaries(st.sampled_from(["type", "builtin", "message", "where", "limit",
                                                                   "lost", "not_started", "x"]), scalars)),
                    "stdout": ""}
    buffers = draw(st.lists(st.binary(max_size=64), max_size=4))
    sizes = [len(b) for b in buffers]
    if draw(st.booleans()):
        sizes = draw(st.lists(st.integers(-5, 2**64), max_size=4)) or sizes
    header = _json({"tree": tree, "sizes": sizes}) if draw(st.booleans()) else _json(draw(trees))
    return struct.pack("<Q", len(header)) + header + b"".join(buffers)


def _valid_reply(value) -> bytes:
    encoder = codec.Encoder(budget=codec.REPLY_BUDGET)
    return codec.pack({"value": encoder.encode(value), "stdout": "printed", "stderr": ""}, encoder.buffers)


values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-2**40, 2**40), st.floats(allow_nan=False), st.text(max_size=8),
              st.builds(lambda n, k: (np.arange(n) % 3).astype(k), st.integers(0, 12),
                        st.sampled_from([np.float64, np.int32, np.uint8, np.complex64, np.bool_]))),
    lambda inner: st.lists(inner, max_size=5) | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=4), inner, max_size=4),
    max_leaves=20)


# -- the fuzzing --------------------------------------------------------------------------

@FUZZ
@given(st.binary(max_size=4096))
def test_random_bytes_end_in_the_one_error(message):
    result = read_bounded(message)
    assert isinstance(result, (codec.CodecError, replies.Reply))


@FUZZ
@given(frames())
def test_forged_headers_end_in_a_checked_reply_or_the_one_error(message):
    result = read_bounded(message)
    if isinstance(result, replies.Reply):   # then everything in it is plain data and valid text
        json.dumps([result.stdout, result.stderr, result.error], ensure_ascii=False).encode("utf-8")
        assert result.error is not None or "value" in json.loads(message[8:8 + struct.unpack_from("<Q", message)[0]]
                                                                 )["tree"]
    else:
        assert isinstance(result, codec.CodecError)


@FUZZ
@given(values, st.data())
def test_valid_replies_decode_and_any_damage_is_the_one_error(value, data):
    message = _valid_reply(value)
    got = read_bounded(message)
    assert isinstance(got, replies.Reply) and got.stdout == "printed"
    damaged = bytearray(message)
    for _ in range(data.draw(st.integers(1, 4))):
        action = data.draw(st.sampled_from(["flip", "cut", "insert"]))
        at = data.draw(st.integers(0, max(0, len(damaged) - 1)))
        if action == "flip" and damaged:
            damaged[at] ^= data.draw(st.integers(1, 255))
        elif action == "cut":
            del damaged[at:at + data.draw(st.integers(1, 16))]
        else:
            damaged[at:at] = data.draw(st.binary(min_size=1, max_size=8))
    assert isinstance(read_bounded(bytes(damaged)), (replies.Reply, codec.CodecError))


@FUZZ
@given(st.binary(max_size=2048), st.lists(st.integers(1, 64), min_size=1, max_size=40),
       st.integers(0, 4096))
def test_frame_reader_takes_a_frame_or_raises_the_framing_error(stream, cuts, declared):
    """The pipe's framing: a declared length over the cap, or bytes past the frame, are errors;
    a frame is handed on once, whole, and the reader never holds more than it declared."""
    if stream[:1] == b"\x00":   # half of the cases: a plausible length in front
        stream = struct.pack("<Q", declared) + stream
    reader = FrameReader(limit=1024)
    done, offset = None, 0
    try:
        for size in cuts * 64:
            if offset >= len(stream):
                break
            chunk = stream[offset:offset + size]
            offset += size
            done = reader.feed(chunk)
            if done is not None:
                break
    except FrameError as exc:
        (length,) = struct.unpack_from("<Q", stream) if len(stream) >= 8 else (0,)
        assert exc.too_large == (length > 1024)
        return
    if done is not None:
        (length,) = struct.unpack_from("<Q", stream)
        assert bytes(done) == stream[8:8 + length] and len(done) <= 1024
        if offset < len(stream):   # anything after the frame in the same read
            with pytest.raises(FrameError):
                reader.feed(stream[offset:offset + 1])


# -- the attacks found at the trust boundary, at full size -----------------------------------

@pytest.mark.parametrize("name, words", [
    ("one_buffer_many_times", ("used twice",)),
    ("long_dtype", ("not allowed", "more than")),   # its million commas already break the count
    ("huge_output", ("header of more than",)),
    ("lone_surrogate", ("UTF-8",)),
    ("deep_nesting", ("malformed header",)),
    ("wrong_types", ("malformed",)),
])
def test_each_forged_frame_is_the_one_error_in_bounded_memory(name, words):
    message = getattr(FORGED, name)()
    result = read_bounded(message)
    assert isinstance(result, codec.CodecError) and any(word in str(result) for word in words), result
    assert len(str(result)) < 200   # the bad value is never formatted in full


@pytest.mark.parametrize("dtype", ["<" + "f8" * 1_000_000, "[('a', '<f8')]", "|O", "<U5", "(", "<M8[s]", "f8"])
def test_dtype_strings_are_whitelisted_before_numpy_reads_them(dtype):
    header = json.dumps({"tree": {"value": {"$nd": 0, "dtype": dtype, "shape": [1]}, "stdout": ""},
                         "sizes": [8]}).encode()
    result = read_bounded(struct.pack("<Q", len(header)) + header + bytes(8))
    assert isinstance(result, codec.CodecError) and "not allowed" in str(result) and len(str(result)) < 200


@pytest.mark.parametrize("header", [
    b'{"tree": {"value": [' + b"0.5," * 4_000_000 + b'0]}, "sizes": []}',     # scalars past the budget
    b'{"tree": {"value": [' + b"[]," * 5_000_000 + b'0]}, "sizes": []}',      # containers past it
    b'{"tree": {"value": ' + b"[" * 60 + b'{"$dict": [[' * 5 + b"1, 2" + b"]]}" * 5 + b"]" * 60 + b'}, "sizes": []}',
    b'{"tree": {"value": {"$nd": 0, "dtype": "<f8", "shape": [0, 4611686018427387904, 4611686018427387904]}}, '
    b'"sizes": [0]}',
    b'{"tree": {"value": {"$nd": 0, "dtype": "<f8", "shape": [1e308]}}, "sizes": [8]}',
    b'{"tree": {"value": 1' + b"0" * 5000 + b'}, "sizes": []}',
    b'{"tree": {"value": NaN}, "sizes": []}',
    b'{"tree": {"value": {"$dict": [[[1], 2]]}}, "sizes": []}',
    b'{"tree": {"value": {"$tuple": 5}}, "sizes": []}',
    b'{"tree": {"value": {"$bytes": 0}, "stdout": ""}, "sizes": [3, 4]}',
])
def test_budget_breakers_and_malformed_nodes_are_the_one_error(header):
    message = struct.pack("<Q", len(header)) + header + (b"\x00" * 3 if b'"sizes": [3, 4]' in header else b"")
    result = read_bounded(message)
    assert isinstance(result, codec.CodecError), result


def test_a_legitimate_large_reply_fits_the_budget():
    value = {"predictions": np.arange(60_000, dtype=np.int64), "losses": [0.5] * 100_000,
             "history": [[1, 2.0, 3.0, 4.0]] * 1000, "text": "テスト" * 1000}
    got = read_bounded(_valid_reply(value))
    assert isinstance(got, replies.Reply)
    np.testing.assert_array_equal(got.value["predictions"], value["predictions"])
    assert got.value["losses"] == value["losses"] and got.value["text"] == value["text"]


def test_the_worker_refuses_to_send_what_the_judge_would_refuse(tmp_path):
    """An honest but oversized or unsendable value becomes an error reply from the worker: the
    call fails with a clear message, and the judge never sees a frame it would refuse."""
    from autograder.bridge import SubmissionError, in_process
    (tmp_path / "big.py").write_text("def many():\n    return [0.5] * 1_000_001\n"
                                     "def surrogate():\n    print('\\ud800 printed')\n    return '\\ud800'\n",
                                     encoding="utf-8")
    sub = in_process(tmp_path)
    try:
        with pytest.raises(SubmissionError, match="too large to send"):
            sub.big.many()
        with pytest.raises(SubmissionError, match="UTF-8"):
            sub.big.surrogate()
        assert sub.take_output() == "? printed\n"   # printed text is made valid, not refused
    finally:
        sub.close()
