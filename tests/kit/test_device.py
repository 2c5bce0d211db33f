"""`--device auto`: "cuda" only where torch sees a GPU, and no torch import to learn that a
machine without GPU device files has none."""
import sys
import types

import pytest

from autograder.pytest_plugin import resolve_device


@pytest.fixture
def torch_sees_a_gpu(monkeypatch):
    """A torch whose CUDA is available: what it answers, when it is asked, is "cuda"."""
    monkeypatch.setitem(sys.modules, "torch", types.SimpleNamespace(cuda=types.SimpleNamespace(is_available=lambda: True)))


def test_no_gpu_device_file_is_cpu_without_asking_torch(tmp_path, torch_sees_a_gpu):
    (tmp_path / "null").touch()
    (tmp_path / "nvidiactl").touch()   # the control file alone is no GPU
    assert resolve_device("auto", dev=tmp_path) == "cpu"


@pytest.mark.parametrize("name", ["nvidia0", "dxg", "kfd"])
def test_a_gpu_device_file_asks_torch(tmp_path, torch_sees_a_gpu, name):
    (tmp_path / name).touch()
    assert resolve_device("auto", dev=tmp_path) == "cuda"


def test_a_gpu_device_file_without_cuda_in_torch_is_cpu(tmp_path, monkeypatch):
    (tmp_path / "nvidia0").touch()
    monkeypatch.setitem(sys.modules, "torch", types.SimpleNamespace(cuda=types.SimpleNamespace(is_available=lambda: False)))
    assert resolve_device("auto", dev=tmp_path) == "cpu"


def test_an_explicit_device_is_kept(tmp_path, torch_sees_a_gpu):
    assert resolve_device("cpu", dev=tmp_path) == "cpu"
    assert resolve_device("cuda", dev=tmp_path) == "cuda"
