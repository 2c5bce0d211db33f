"""autograder fetch-data: checksum verification, extraction and failing fast, on local files only."""
import argparse
import gzip
import hashlib
import io
import socket
import tarfile
import time

import numpy as np
import pytest

from autograder.commands import fetch_data
from autograder.commands.fetch_data import DATASETS, FetchError, Resource, fetch, verify_file, verify_resources
from autograder.data.mnist import MNIST_ROOT, SAMPLE_WEIGHTS, WEIGHT_SHAPES, load_mnist, load_sample_weights


def md5(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()


def test_good_file_passes(tmp_path):
    path = tmp_path / "a.gz"
    path.write_bytes(b"hello")
    assert verify_file(path, md5(b"hello")) == "ok"
    assert path.exists()


def test_corrupt_file_is_rejected_and_removed(tmp_path):
    path = tmp_path / "a.gz"
    path.write_bytes(b"hellO")
    assert verify_file(path, md5(b"hello")) == "corrupt"
    assert not path.exists()


def test_corrupt_file_kept_when_asked(tmp_path):
    path = tmp_path / "a.gz"
    path.write_bytes(b"hellO")
    assert verify_file(path, md5(b"hello"), remove_bad=False) == "corrupt"
    assert path.exists()


def test_missing_file_is_reported(tmp_path):
    assert verify_file(tmp_path / "nothing.gz", md5(b"")) == "missing"


def test_verify_resources_reports_each_file(tmp_path):
    (tmp_path / "MNIST" / "raw").mkdir(parents=True)
    good, bad = DATASETS["mnist"][0], DATASETS["mnist"][1]
    fake = [Resource(good.filename, md5(b"good"), (), "MNIST/raw", "gunzip", "x"),
            Resource(bad.filename, md5(b"good"), (), "MNIST/raw", "gunzip", "y"),
            Resource("absent.gz", md5(b"good"), (), "MNIST/raw", "gunzip", "z")]
    (tmp_path / "MNIST/raw" / good.filename).write_bytes(b"good")
    (tmp_path / "MNIST/raw" / bad.filename).write_bytes(b"bad")
    assert verify_resources(tmp_path, fake) == {good.filename: "ok", bad.filename: "corrupt", "absent.gz": "missing"}
    assert not (tmp_path / "MNIST/raw" / bad.filename).exists()


def test_known_checksums_match_torchvision():
    from torchvision.datasets import CIFAR10, MNIST

    assert [(r.filename, r.md5) for r in DATASETS["mnist"]] == list(MNIST.resources)
    assert DATASETS["cifar10"][0].filename == CIFAR10.filename
    assert DATASETS["cifar10"][0].md5 == CIFAR10.tgz_md5
    assert DATASETS["cifar10"][0].produces == CIFAR10.base_folder


def test_local_archives_are_verified_and_extracted(tmp_path):
    """--from FOLDER: the MNIST layout torchvision expects, from gzipped IDX files."""
    source = tmp_path / "usb"
    source.mkdir()
    raw = MNIST_ROOT / "MNIST" / "raw"
    resources = []
    for official in DATASETS["mnist"]:
        blob = gzip.compress((raw / official.filename[:-3]).read_bytes(), mtime=0)
        (source / official.filename).write_bytes(blob)
        resources.append(Resource(official.filename, md5(blob), (), official.subdir, official.extract,
                                  official.produces))
    root = tmp_path / "root"
    fetch("mnist", root, source=source, resources=resources, log=lambda *a: None)
    x, y = load_mnist(train=False, root=root)
    x0, y0 = load_mnist(train=False)
    assert np.array_equal(x, x0) and np.array_equal(y, y0)


def test_corrupt_local_archive_is_rejected(tmp_path):
    source = tmp_path / "usb"
    source.mkdir()
    (source / "f.gz").write_bytes(gzip.compress(b"data"))
    resource = Resource("f.gz", md5(b"something else"), (), "sub", "gunzip", "sub/f")
    with pytest.raises(FetchError, match="checksum"):
        fetch("x", tmp_path / "root", source=source, resources=[resource], log=lambda *a: None)
    assert not (tmp_path / "root" / "sub" / "f.gz").exists()
    assert not (tmp_path / "root" / "sub" / "f").exists()


def test_tar_archive_extracts_into_root(tmp_path):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        data = b"batch"
        info = tarfile.TarInfo("cifar-10-batches-py/data_batch_1")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    blob = buffer.getvalue()
    source = tmp_path / "usb"
    source.mkdir()
    (source / "c.tar.gz").write_bytes(blob)
    resource = Resource("c.tar.gz", md5(blob), (), ".", "tar", "cifar-10-batches-py")
    fetch("x", tmp_path / "root", source=source, resources=[resource], log=lambda *a: None)
    assert (tmp_path / "root" / "cifar-10-batches-py" / "data_batch_1").read_bytes() == b"batch"


def test_unreachable_server_fails_fast_with_a_clear_message(tmp_path):
    """A refused connection (a closed local port) ends in a bilingual FetchError, not a hang."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    resource = Resource("f.gz", md5(b""), (f"http://127.0.0.1:{port}/f.gz",), ".", "gunzip", "f")
    start = time.monotonic()
    with pytest.raises(FetchError) as excinfo:
        fetch("x", tmp_path, resources=[resource], timeout=2, log=lambda *a: None)
    assert time.monotonic() - start < 30
    message = str(excinfo.value)
    assert "ダウンロードできませんでした" in message and "Could not download" in message
    assert not (tmp_path / "f.gz").exists() and not (tmp_path / "f.gz.part").exists()


def test_command_reports_missing_local_files(tmp_path, capsys):
    args = argparse.Namespace(dataset="mnist", root=tmp_path / "root", binary=False, source=tmp_path, timeout=1)
    assert fetch_data.run(args) == 2
    assert "missing" in capsys.readouterr().err


@pytest.mark.parametrize("train", [True, False])
def test_mnist_reads_what_torchvision_reads(train):
    """load_mnist reads the IDX files with numpy alone; torchvision's MNIST is the oracle."""
    from torchvision.datasets import MNIST
    images, labels = load_mnist(train=train)
    reference = MNIST(root=str(MNIST_ROOT), train=train, download=False)
    assert np.array_equal(images, reference.data.numpy().reshape(len(reference), 784))
    assert np.array_equal(labels, reference.targets.numpy()) and labels.dtype == np.int64


def test_missing_mnist_names_the_folder_and_the_command(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"MNIST/raw.*fetch-data mnist --root"):
        load_mnist(train=True, root=tmp_path)


def test_bundled_subset_and_weights_load():
    x_train, y_train = load_mnist(train=True)
    x_test, y_test = load_mnist(train=False)
    assert x_train.shape == (4000, 784) and x_test.shape == (500, 784)  # test files: the validation set
    assert x_train.dtype == np.uint8 and y_train.dtype == np.int64
    assert np.bincount(y_train).tolist() == [400] * 10 and np.bincount(y_test).tolist() == [50] * 10
    weights = load_sample_weights()
    assert {k: v.shape for k, v in weights.items()} == WEIGHT_SHAPES
    assert all(v.dtype == np.float64 for v in weights.values())
    with np.load(SAMPLE_WEIGHTS, allow_pickle=False) as archive:
        assert sorted(archive.files) == sorted(WEIGHT_SHAPES)
