"""The plain-data bridge: what crosses, what never does, and that arguments are copies."""
import json
import struct

import numpy as np
import pytest
import torch

from autograder.bridge import NotStarted, Remote, SubmissionError, in_process
from autograder.bridge import codec


def roundtrip(value):
    return codec.loads(codec.dumps(value))


@pytest.mark.parametrize("value", [
    None, True, 0, -7, 2**80, 1.5, "テスト", b"\x00\x01", [1, [2, 3]], (1, "a"), {"k": 1, 2: (3,)},
])
def test_plain_values_roundtrip(value):
    assert roundtrip(value) == value
    assert type(roundtrip(value)) is type(value)


def test_nonfinite_floats_roundtrip():
    got = roundtrip([float("nan"), float("inf"), float("-inf")])
    assert np.isnan(got[0]) and got[1] == float("inf") and got[2] == float("-inf")


@pytest.mark.parametrize("array", [
    np.arange(6, dtype=np.float64).reshape(2, 3), np.array(3.5), np.zeros((0, 4), np.int32),
    np.array([True, False]), np.arange(12, dtype=np.uint8).reshape(3, 4).T,
])
def test_numeric_arrays_roundtrip(array):
    got = roundtrip(array)
    assert got.dtype == array.dtype and got.shape == array.shape
    np.testing.assert_array_equal(got, array)


def test_numpy_scalars_keep_their_type():
    got = roundtrip(np.int64(3))
    assert type(got) is np.int64 and got == 3


def test_tensors_arrive_as_arrays_on_the_judge_and_tensors_in_the_worker():
    t = torch.tensor([1.0, 2.0], requires_grad=True)
    message = codec.dumps(t, make_handle=None)
    got = codec.loads(message)
    assert type(got) is np.ndarray and got.dtype == np.float32 and got.shape == (2,)
    rebuilt = codec.loads(message, tensors="tensor")
    assert isinstance(rebuilt, torch.Tensor) and rebuilt.requires_grad


def test_object_arrays_are_never_plain():
    with pytest.raises(codec.CodecError):
        codec.dumps(np.array([object()], dtype=object))


def test_decoder_rejects_non_numeric_dtype():
    tree = {"$nd": 0, "dtype": "|O", "shape": [1]}
    with pytest.raises(codec.CodecError, match="dtype that is not allowed"):
        codec.loads(codec.pack(tree, [b"\x00" * 8]))


def test_decoder_rejects_a_buffer_that_does_not_match_its_shape():
    tree = {"$nd": 0, "dtype": "<f8", "shape": [1000]}
    with pytest.raises(codec.CodecError):
        codec.loads(codec.pack(tree, [b"\x00" * 8]))


@pytest.mark.parametrize("message", [b"", b"\x01", struct.pack("<Q", 10**12) + b"{}",
                                     struct.pack("<Q", 2) + b"{]"])
def test_decoder_rejects_garbage(message):
    with pytest.raises(codec.CodecError):
        codec.loads(message)


def test_judge_side_refuses_functions_and_handles_by_default():
    fn_tree = {"$function": "import os\nos.system('true')", "name": "f"}
    with pytest.raises(codec.CodecError):
        codec.loads(codec.pack(fn_tree, []))
    with pytest.raises(codec.CodecError):
        codec.loads(codec.pack({"$handle": 1, "type": "x"}, []))


def test_header_is_json_not_pickle():
    message = codec.dumps({"a": np.ones(2)})
    (length,) = struct.unpack_from("<Q", message)
    json.loads(message[8:8 + length])


@pytest.fixture
def student(tmp_path):
    (tmp_path / "demo.py").write_text(
        "import numpy as np\n"
        "class Always:\n"
        "    def __eq__(self, other):\n"
        "        return True\n"
        "class Counter:\n"
        "    def __init__(self, start):\n"
        "        self.value = start\n"
        "        print('made', start)\n"
        "    def add(self, k):\n"
        "        self.value += k\n"
        "        return self.value\n"
        "def double_in_place(xs):\n"
        "    xs[:] = [2 * x for x in xs]\n"
        "def scale(params):\n"
        "    params['W'] *= 2\n"
        "    params['new'] = 1\n"
        "def always():\n"
        "    return Always()\n"
        "def todo():\n"
        "    raise NotImplementedError('not started: demo.todo')\n"
        "def bad(x):\n"
        "    raise ValueError('bad shapes')\n"
        "def apply(f, x):\n"
        "    return f(x)\n"
        "def tensor_grad(t):\n"
        "    (t * t).sum().backward()\n"
        "    return t.grad\n",
        encoding="utf-8")
    sub = in_process(tmp_path)
    yield sub
    sub.close()


def test_objects_stay_behind_handles(student):
    counter = student.demo.Counter(5)
    assert isinstance(counter, Remote)
    assert student.take_output() == "made 5\n"
    assert counter.add(3) == 8
    assert counter.value == 8


def test_an_always_equal_object_cannot_pass_for_a_value(student):
    got = student.demo.always()
    assert isinstance(got, Remote)
    assert got != 42


def test_changes_to_arguments_never_reach_the_tests_objects(student):
    xs = [1, 2, 3]
    student.demo.double_in_place(xs)
    assert xs == [1, 2, 3]
    W = np.ones((2, 2))
    params = {"W": W}
    student.demo.scale(params)
    assert params == {"W": W} and np.all(W == 1)


def test_a_test_reads_changed_arguments_as_fresh_copies(student):
    xs = [1, 2, 3]
    called = student.call_and_read_args(student.demo.double_in_place, xs)
    assert called.value is None and called.args == ([2, 4, 6],) and xs == [1, 2, 3]
    W = np.ones((2, 2))
    called = student.call_and_read_args(student.demo.scale, params={"W": W})
    after = called.kwargs["params"]
    assert isinstance(after["W"], np.ndarray) and np.all(after["W"] == 2) and after["new"] == 1
    assert np.all(W == 1) and not np.shares_memory(after["W"], W)


def test_not_implemented_becomes_not_started(student):
    with pytest.raises(NotStarted):
        student.demo.todo()


def test_builtin_exceptions_keep_their_type(student):
    with pytest.raises(ValueError, match="bad shapes") as info:
        student.demo.bad(1)
    assert isinstance(info.value, SubmissionError) and "demo.py" in info.value.where


def square_plus_one(x):
    return x * x + 1


def test_functions_travel_by_source(student):
    assert student.demo.apply(square_plus_one, 3.0) == 10.0


def test_lambdas_are_refused(student):
    with pytest.raises(codec.CodecError):
        student.demo.apply(lambda x: x, 1)


def test_tensors_with_grad_cross_and_come_back_as_arrays(student):
    got = student.demo.tensor_grad(torch.tensor([1.0, -2.0], requires_grad=True))
    assert type(got) is np.ndarray and got.dtype == np.float32 and got.shape == (2,)
    np.testing.assert_allclose(got, [2.0, -4.0])


def test_missing_module_is_a_clear_error(student):
    with pytest.raises(SubmissionError, match="no nomodule.py"):
        student.nomodule
