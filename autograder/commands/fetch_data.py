"""autograder fetch-data: download the full MNIST / CIFAR-10, verify checksums, extract.

The files land in the layout torchvision expects, so ``MNIST(root=DIR)`` and
``CIFAR10(root=DIR)`` load them with ``download=False``:

    DIR/MNIST/raw/train-images-idx3-ubyte(.gz) ...    autograder fetch-data mnist --root DIR
    DIR/cifar-10-batches-py/data_batch_1 ...          autograder fetch-data cifar10 --root DIR
    DIR/cifar-10-batches-bin/data_batch_1.bin ...     autograder fetch-data cifar10 --binary --root DIR

Without a network it fails within seconds with a clear message (every connection
has a timeout, name lookup included). Archives copied by hand (for example from a
USB stick in a classroom without internet) are verified and extracted with
``--from FOLDER``.
"""
from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import socket
import sys
import tarfile
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

HELP = ("MNIST / CIFAR-10 の全データをダウンロードしチェックサムを検証 / "
        "download the full MNIST / CIFAR-10 and verify their checksums")

TIMEOUT_SECONDS = 15.0
CHUNK = 1 << 20


@dataclass(frozen=True)
class Resource:
    """One official archive: where it comes from, its MD5, where it goes under --root."""

    filename: str
    md5: str
    urls: tuple[str, ...]
    subdir: str          # folder under --root that receives the archive
    extract: str         # "gunzip" (one file) or "tar" (into subdir)
    produces: str        # what exists after extraction (relative to --root)


MNIST_MIRRORS = ("https://ossci-datasets.s3.amazonaws.com/mnist/", "http://yann.lecun.com/exdb/mnist/")
# torchvision.datasets.MNIST.resources
MNIST_FILES = (
    ("train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873"),
    ("train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432"),
    ("t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3"),
    ("t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c"),
)
CIFAR_URL = "https://www.cs.toronto.edu/~kriz/"

DATASETS: dict[str, tuple[Resource, ...]] = {
    "mnist": tuple(
        Resource(name, md5, tuple(m + name for m in MNIST_MIRRORS), "MNIST/raw", "gunzip",
                 "MNIST/raw/" + name[:-3])
        for name, md5 in MNIST_FILES),
    # torchvision.datasets.CIFAR10.tgz_md5, and the binary version from the CIFAR page
    "cifar10": (Resource("cifar-10-python.tar.gz", "c58f30108f718f92721af3b95e74349a",
                         (CIFAR_URL + "cifar-10-python.tar.gz",), ".", "tar", "cifar-10-batches-py"),),
    "cifar10-binary": (Resource("cifar-10-binary.tar.gz", "c32a1d4ab5d03f1284b67883e8d87530",
                                (CIFAR_URL + "cifar-10-binary.tar.gz",), ".", "tar", "cifar-10-batches-bin"),),
}


class FetchError(Exception):
    """A download, checksum or extraction failed; the message is bilingual."""


# -- verification ------------------------------------------------------------
def md5_of(path: Path) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verify_file(path: Path, md5: str, *, remove_bad: bool = True) -> str:
    """Check ``path`` against its MD5.

    Returns ``"ok"``, ``"missing"`` or ``"corrupt"``; a corrupt file is deleted
    (unless ``remove_bad`` is false) so that it is never extracted or used.
    """
    path = Path(path)
    if not path.is_file():
        return "missing"
    if md5_of(path) == md5.lower():
        return "ok"
    if remove_bad:
        path.unlink()
    return "corrupt"


def verify_resources(root: Path, resources, *, remove_bad: bool = True) -> dict[str, str]:
    """{filename: "ok" | "missing" | "corrupt"} for the archives under ``root``."""
    root = Path(root)
    return {r.filename: verify_file(root / r.subdir / r.filename, r.md5, remove_bad=remove_bad)
            for r in resources}


# -- download ----------------------------------------------------------------
def _resolve(host: str, port: int, timeout: float) -> None:
    """Name lookup ignores socket timeouts; run it in a thread so it cannot hang."""
    result: list = []

    def lookup():
        try:
            result.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except OSError as exc:
            result.append(exc)

    thread = threading.Thread(target=lookup, daemon=True)
    thread.start()
    thread.join(timeout)
    if not result:
        raise OSError(f"name lookup for {host} timed out after {timeout:g} s")
    if isinstance(result[0], Exception):
        raise result[0]


def download(url: str, dest: Path, *, timeout: float = TIMEOUT_SECONDS, progress=None) -> None:
    """Fetch ``url`` to ``dest`` (through ``dest.part``, renamed when complete)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme in ("http", "https") and parts.hostname:
        _resolve(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80), timeout)
    partial = dest.with_name(dest.name + ".part")
    request = urllib.request.Request(url, headers={"User-Agent": "dl-exercise-kit fetch-data"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response, open(partial, "wb") as out:
            total = int(response.headers.get("Content-Length") or 0)
            done = 0
            while chunk := response.read(CHUNK):
                out.write(chunk)
                done += len(chunk)
                if progress:
                    progress(done, total)
        os.replace(partial, dest)
    finally:
        if partial.exists():
            partial.unlink()


def _network_message(resource: Resource, errors: list[str]) -> str:
    return ("ダウンロードできませんでした(ネットワークに接続できない可能性があります): "
            f"{resource.filename}\n"
            f"  Could not download {resource.filename} (is there a network?)\n"
            + "".join(f"  - {e}\n" for e in errors)
            + "  ネットワークのある環境でもう一度実行するか、公式ファイルを手で置いて --from FOLDER を使ってください。\n"
              "  Run it again where a network exists, or copy the official files by hand and use --from FOLDER.\n"
              "  (同梱の小さな MNIST サブセットはネットワークなしで使えます / "
              "the bundled MNIST subset works without a network)")


def fetch_resource(resource: Resource, root: Path, *, source: Path | None = None,
                   timeout: float = TIMEOUT_SECONDS, log=print) -> Path:
    """Make sure the verified archive is at ``root/subdir/filename``; returns its path."""
    folder = Path(root) / resource.subdir
    folder.mkdir(parents=True, exist_ok=True)
    dest = folder / resource.filename
    status = verify_file(dest, resource.md5)
    if status == "ok":
        log(f"ok (already here)  {dest}")
        return dest
    if status == "corrupt":
        log(f"removed a corrupt copy of {dest}")
    if source is not None:
        local = Path(source) / resource.filename
        if not local.is_file():
            raise FetchError(f"{local} がありません / {local} is missing")
        shutil.copyfile(local, dest)
    else:
        errors = []
        for url in resource.urls:
            log(f"downloading {url}")
            try:
                download(url, dest, timeout=timeout)
                break
            except (OSError, urllib.error.URLError, ValueError) as exc:
                errors.append(f"{url}: {getattr(exc, 'reason', None) or exc}")
        else:
            raise FetchError(_network_message(resource, errors))
    status = verify_file(dest, resource.md5)
    if status != "ok":
        raise FetchError(f"チェックサムが一致しません(ファイルを削除しました): {dest}\n"
                         f"  checksum mismatch, the file was removed: {dest} (expected MD5 {resource.md5})")
    log(f"verified MD5 {resource.md5}  {dest}")
    return dest


def extract(resource: Resource, archive: Path, root: Path) -> Path:
    """Unpack ``archive`` the way torchvision's download would."""
    root = Path(root)
    target = root / resource.produces
    if resource.extract == "gunzip":
        with gzip.open(archive, "rb") as src, open(target.with_name(target.name + ".part"), "wb") as out:
            shutil.copyfileobj(src, out, CHUNK)
        os.replace(target.with_name(target.name + ".part"), target)
    elif resource.extract == "tar":
        with tarfile.open(archive, "r:gz") as tar:
            if hasattr(tarfile, "data_filter"):   # Python >= 3.11.4: refuse links and paths outside
                tar.extractall(archive.parent, filter="data")
            else:
                for member in tar.getmembers():
                    if member.name.startswith(("/", "..")) or ".." in Path(member.name).parts \
                            or not (member.isfile() or member.isdir()):
                        raise FetchError(f"unsafe member in {archive}: {member.name}")
                tar.extractall(archive.parent)
    else:
        raise ValueError(resource.extract)
    return target


def fetch(name: str, root: Path, *, source: Path | None = None, timeout: float = TIMEOUT_SECONDS,
          resources=None, log=print) -> list[Path]:
    """Fetch, verify and extract one data set; returns what was extracted."""
    resources = DATASETS[name] if resources is None else resources
    root = Path(root).expanduser()
    out = []
    for resource in resources:
        archive = fetch_resource(resource, root, source=source, timeout=timeout, log=log)
        out.append(extract(resource, archive, root))
        log(f"extracted          {out[-1]}")
    return out


# -- command line --------------------------------------------------------------
def add_arguments(parser):
    parser.add_argument("dataset", choices=["mnist", "cifar10"], help="which data set")
    parser.add_argument("--root", type=Path, required=True,
                        help="folder to fill (the root= of torchvision's MNIST / CIFAR10)")
    parser.add_argument("--binary", action="store_true",
                        help="cifar10: also fetch the binary version (cifar-10-binary.tar.gz)")
    parser.add_argument("--from", dest="source", type=Path, default=None,
                        help="take the official archives from this folder instead of the network")
    parser.add_argument("--timeout", type=float, default=TIMEOUT_SECONDS,
                        help=f"seconds to wait for the network (default {TIMEOUT_SECONDS:g})")


def run(args) -> int:
    names = [args.dataset] + (["cifar10-binary"] if args.dataset == "cifar10" and args.binary else [])
    try:
        for name in names:
            fetch(name, args.root, source=args.source, timeout=args.timeout)
    except FetchError as exc:
        print(f"fetch-data: {exc}", file=sys.stderr)
        return 2
    print(f"完了 / done: {args.root}")
    return 0
