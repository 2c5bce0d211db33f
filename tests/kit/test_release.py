"""`autograder release OUT/`: what students receive holds no solution and no hidden test,
and its self-check runs there on its own."""
import json
import os
import re
import subprocess
import sys
import tomllib
import zipfile

import pytest

from autograder.author import notebooks, stubs
from autograder.paths import EXERCISES, HIDDEN_TESTS, KIT_ROOT, SOLUTIONS
from autograder.release import ReleaseError, build_release, leaks, secrets

pytestmark = pytest.mark.slow(seconds=45)   # starts judges, sandboxes or nbgrader

MODULES = stubs.exercise_modules(SOLUTIONS)
SELF_CHECKED = [m for m in MODULES if (EXERCISES / f"test_{m}.py").is_file()]


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    folder = tmp_path_factory.mktemp("out") / "student"
    archive = build_release(folder)
    return folder, archive


def _normalize(text: str) -> str:
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def _secrets() -> dict[str, str]:
    """Written here again, not taken from autograder.release: every solution body (but
    those a stub's docstring spells out, and one-liners like `pass`), every hidden test
    function's source, and the name of every hidden test that no visible check shares."""
    found = {}
    for module in MODULES:
        source = (SOLUTIONS / f"{module}.py").read_text(encoding="utf-8")
        lines = source.splitlines()
        stub = _normalize(stubs.make_stub(source, module))
        for begin, end, _ in stubs.solution_regions(source):
            body = _normalize("\n".join(lines[begin + 1:end]))
            if len(body) >= 16 and body not in stub:
                found[f"{module}: solution lines {begin + 2}-{end}"] = body
        public = {t.name for t in notebooks.read_test_file(EXERCISES / f"test_{module}.py").tests}
        for test in notebooks.read_test_file(HIDDEN_TESTS / f"test_{module}.py").tests:
            found[f"{module}: source of hidden {test.name}"] = _normalize(test.source)
            if test.name not in public:
                found[f"{module}: name of hidden {test.name}"] = test.name
    return found


def _texts(folder, archive):
    """(name, text) of every text file in the folder and in the zip; notebooks also as
    their cells' joined source (JSON escapes quotes and newlines)."""
    entries = [(p.relative_to(folder).as_posix(), p.read_bytes()) for p in sorted(folder.rglob("*")) if p.is_file()]
    with zipfile.ZipFile(archive) as zf:
        entries += [(f"zip:{n}", zf.read(n)) for n in zf.namelist()]
    for name, data in entries:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if name.endswith(".ipynb"):
            text += "\n" + "\n".join("".join(c["source"]) for c in json.loads(text)["cells"])
        yield name, text


def _found(folder, archive, secrets) -> list[str]:
    problems = []
    for name, text in _texts(folder, archive):
        flat = _normalize(text)
        for what, secret in secrets.items():
            # the substring test first (cheap); the word-boundary regex only where it is there
            if (secret in text and re.search(rf"\b{secret}\b", text)) if secret.isidentifier() else secret in flat:
                problems.append(f"{name}: {what}")
    return problems


def test_release_has_no_solution_and_no_hidden_test(release):
    folder, archive = release
    secrets = _secrets()
    assert len(secrets) > 3 * len(MODULES)
    assert _found(folder, archive, secrets) == []
    assert leaks(folder) == []


def test_the_search_would_find_a_leak(release, tmp_path):
    """The check above is not vacuous: a copied solution or hidden suite is caught."""
    folder, archive = release
    planted = tmp_path / "planted"
    planted.mkdir()
    (planted / "notes.py").write_text((SOLUTIONS / "activations.py").read_text(encoding="utf-8"))
    (planted / "more.txt").write_text((HIDDEN_TESTS / "test_activations.py").read_text(encoding="utf-8"))
    empty_zip = tmp_path / "empty.zip"
    zipfile.ZipFile(empty_zip, "w").close()
    found = _found(planted, empty_zip, _secrets())
    assert any("activations: solution" in f for f in found)
    assert any("activations: name of hidden" in f for f in found)
    assert leaks(planted)


def test_release_layout(release):
    folder, archive = release
    files = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    for name in ("README.md", "conftest.py", "pyproject.toml", "requirements.txt", "grading.toml",
                 "data/sample_weight.npz", "autograder/__init__.py", "autograder/checks.py",
                 "autograder/pytest_plugin.py", "autograder/bridge/codec.py", "autograder/bridge/server.py",
                 "autograder/bridge/client.py", "autograder/submission/modules.py", "autograder/bridge/helpers.py",
                 "autograder/notebook_checks.py"):
        assert name in files, name
    assert any(f.startswith("data/mnist/") for f in files)
    for module in MODULES:
        assert f"exercises/{module}.py" in files and f"notebooks/{module}.ipynb" in files
        stub = (folder / "exercises" / f"{module}.py").read_text(encoding="utf-8")
        assert stub == stubs.make_stub((SOLUTIONS / f"{module}.py").read_text(encoding="utf-8"), module)
    for module in SELF_CHECKED:
        assert f"exercises/test_{module}.py" in files
    grader_only = ("solutions/", "tests/", "source/", "autograder/author/", "autograder/grade/",
                   "autograder/commands/", "autograder/jail/", "autograder/release/", "autograder/report/",
                   "autograder/cli.py")
    assert not [f for f in files if f.startswith(grader_only)]
    assert not [f for f in files if f.startswith("data/") and f.endswith(".py")]
    with zipfile.ZipFile(archive) as zf:
        assert {n.split("/", 1)[1] for n in zf.namelist()} == files
        assert {n.split("/", 1)[0] for n in zf.namelist()} == {folder.name}
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "pytest exercises/" in readme and "提出" in readme and "submit" in readme


@pytest.fixture(scope="module")
def release_secrets() -> dict[str, str]:
    return secrets(KIT_ROOT)


@pytest.mark.parametrize("module", MODULES)
def test_released_notebooks_have_no_solutions_or_hidden_tests(release, release_secrets, module):
    """Each notebook as students get it (nbgrader's release version): no solution or hidden
    test, a stub where each solution was, and every visible check still there."""
    folder, _ = release
    path = folder / "notebooks" / f"{module}.ipynb"
    cells = [(c.get("metadata", {}).get("nbgrader", {}), "".join(c["source"]))
             for c in json.loads(path.read_text(encoding="utf-8"))["cells"]]
    text = "\n".join(source for _, source in cells)
    flat = _normalize(text)
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "_kit.hidden"):
        assert marker not in text
    for what, secret in release_secrets.items():
        assert secret not in flat, f"{path.name} contains {what}"
    for meta, source in cells:
        if meta.get("solution"):
            assert "NotImplementedError" in source
    visible = [t.name for t in notebooks.read_test_file(EXERCISES / f"test_{module}.py").tests]
    for name in visible:
        assert f"def {name}(" in text, f"visible check {name} missing from the released notebook"


def test_release_grading_toml_has_settings_but_no_points(release):
    folder, _ = release
    with open(folder / "grading.toml", "rb") as handle:
        released = tomllib.load(handle)
    with open(KIT_ROOT / "grading.toml", "rb") as handle:
        kit = tomllib.load(handle)
    for module, table in kit["exercises"].items():
        assert "points" not in released["exercises"][module]
        assert released["exercises"][module].get("settings", {}) == table.get("settings", {})


def test_self_check_runs_in_the_release_and_reports_not_started(release):
    """What a student sees first: `pytest exercises/` on the untouched stubs, in the release."""
    folder, _ = release
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "KIT_LANG")}
    where = subprocess.run([sys.executable, "-c", "import autograder; print(autograder.__file__)"],
                           cwd=folder, env=env, capture_output=True, text=True, timeout=60)
    assert where.stdout.strip() == str(folder / "autograder" / "__init__.py")  # the release's own copy
    proc = subprocess.run([sys.executable, "-m", "pytest", "exercises/", "--lang", "both"],
                          cwd=folder, env=env, capture_output=True, text=True, timeout=600)
    out = proc.stdout
    assert proc.returncode == 1, out[-3000:] + proc.stderr[-2000:]
    assert "error" not in out.strip().splitlines()[-1], out[-2000:]  # failures only: nothing broke
    table = out[out.index("進捗 / progress"):]
    for module in SELF_CHECKED:
        row = re.search(rf"^{module}\s+(\S+ / [a-z ]+?)\s+0/\d+\s*$", table, re.M)
        assert row and row.group(1) == "未着手 / not started", (module, table[:2000])
    assert f"{len(SELF_CHECKED)} 課題中 0 課題完了" in table
    assert "Traceback" not in out and "raise NotImplementedError" not in out, "stub failures should be one line"
    # One line per untouched exercise (its file's progress line), then the progress table: no
    # failure listed test by test (pytest's header above, its closing line below).
    lines = out.rstrip("\n").splitlines()
    collected = next(i for i, line in enumerate(lines) if line.startswith("collected "))
    progress = next(i for i, line in enumerate(lines) if "進捗 / progress" in line)
    body = [line for line in lines[collected + 1:progress] if line.strip()]
    assert sorted(line.split()[0] for line in body) == sorted(f"exercises/test_{m}.py" for m in SELF_CHECKED), body
    assert len(lines) - progress == len(SELF_CHECKED) + 4, lines[progress:]  # rule, head, rows, total, closing
    assert collected <= 6 and len(lines) <= 2 * len(SELF_CHECKED) + 12, f"{len(lines)} lines:\n{out}"


def test_release_refuses_to_overwrite_the_kit():
    for target in (KIT_ROOT, KIT_ROOT / "exercises", KIT_ROOT / "solutions" / "x", KIT_ROOT.parent):
        with pytest.raises(ReleaseError):
            build_release(target)


def _released_blobs(folder, archive):
    """(name, bytes) of every file in the release folder and in its zip."""
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            yield path.relative_to(folder).as_posix(), path.read_bytes()
    with zipfile.ZipFile(archive) as zf:
        for name in zf.namelist():
            yield f"zip:{name}", zf.read(name)


def test_release_has_no_hidden_mnist_digit(release):
    """The hidden MNIST test set stays with the judge: no file of the release (folder or zip)
    holds one of its images, and its files are not there under any name."""
    from autograder.data.mnist import HIDDEN_IMAGES, HIDDEN_LABELS, load_mnist, load_mnist_hidden

    folder, archive = release
    hidden, _ = load_mnist_hidden()
    validation, _ = load_mnist(train=False)
    assert len(hidden) == 500 and len(validation) == 500
    blobs = list(_released_blobs(folder, archive))
    names = [name for name, _ in blobs]
    assert not [n for n in names if "hidden" in n.lower() or HIDDEN_IMAGES in n or HIDDEN_LABELS in n]
    names_of = {}  # each distinct content searched once (the zip holds the folder's files again)
    for name, blob in blobs:
        names_of.setdefault(blob, []).append(name)
    found = [(name, i) for blob, same in names_of.items() if len(blob) >= 784
             for i, image in enumerate(hidden) if image.tobytes() in blob for name in same]
    assert found == [], found[:10]
    # the search is not vacuous: the released validation digits are found where they ship
    seen = {name for name, blob in blobs if validation[0].tobytes() in blob}
    assert "data/mnist/MNIST/raw/t10k-images-idx3-ubyte" in seen


def test_release_mnist_loads_with_torchvision(release):
    """The released subset is torchvision's MNIST layout: training digits and the validation set."""
    from torchvision.datasets import MNIST

    folder, _ = release
    train = MNIST(root=str(folder / "data" / "mnist"), train=True, download=False)
    validation = MNIST(root=str(folder / "data" / "mnist"), train=False, download=False)
    assert len(train) == 4000 and len(validation) == 500
