"""Fixed files of the student release: README, conftest.py, pyproject.toml."""
from __future__ import annotations

CONFTEST = '''\
# 自己チェック用の pytest プラグインを読み込みます / loads the self-check pytest plugin.
# The folder itself goes on sys.path so that `pytest exercises/` works without installing.
import sys
from pathlib import Path

_here = str(Path(__file__).resolve().parent)
if _here not in sys.path:
    sys.path.insert(0, _here)

pytest_plugins = ["autograder.pytest_plugin"]
'''


def pyproject(dependencies: list[str]) -> str:
    deps = "".join(f'    "{d}",\n' for d in dependencies)
    return f'''\
[build-system]
requires = ["setuptools>=68"]
build-backend = "setuptools.build_meta"

[project]
name = "dl-exercise-kit-student"
version = "0.1.0"
description = "ゼロから作るDeep Learning 演習 (student release)"
requires-python = ">=3.11"
dependencies = [
{deps}]

[tool.setuptools.packages.find]
include = ["autograder*"]

[tool.pytest.ini_options]
addopts = "--import-mode=importlib -p no:cacheprovider"
testpaths = ["exercises"]
'''


README = '''\
# ディープラーニング演習 / Deep-learning exercises

『ゼロから作るDeep Learning』に沿った演習です。関数の中身を書き、自分で確かめ、提出します。
Exercises that follow the course (『ゼロから作るDeep Learning』): fill in functions, check them
yourself, submit.

## 中身 / What is here

| フォルダ / folder | 内容 / contents |
|---|---|
| `exercises/` | 課題のスタブ `<課題>.py` と自己チェック `test_<課題>.py` / the stubs and the self-checks |
| `notebooks/` | 同じ課題の JupyterLab 用ノートブック / the same exercises as notebooks |
| `data/` | MNIST の一部(訓練 4,000 枚・検証 500 枚)とサンプル重み / an MNIST subset (4,000 training and 500 validation digits) and sample weights |
| `autograder/` | 自己チェックの仕組み(編集しないでください)/ the self-check machinery (do not edit) |

## 準備 / Set-up (once)

Python 3.11 以上が必要です。 / You need Python 3.11 or newer.

```bash
cd この フォルダ / this folder
python3 -m venv .venv
source .venv/bin/activate          # Windows: .venv\\Scripts\\activate
pip install -e .                   # numpy, torch, pytest, jupyterlab と自己チェック / and the self-checks
```

## 進め方 / The loop

### エディタで / In an editor

1. `exercises/<課題>.py` を開き、`ここから書く / YOUR CODE STARTS HERE` と
   `ここまで / YOUR CODE ENDS HERE` の間の `raise NotImplementedError(...)` を自分のコードに置き換えます。
   Open `exercises/<exercise>.py` and replace the `raise NotImplementedError(...)` between the
   `YOUR CODE STARTS HERE` / `YOUR CODE ENDS HERE` lines with your code.
2. 確かめます / Check:

   ```bash
   pytest exercises/                         # 全部 / everything
   pytest exercises/test_activations.py      # 1 課題だけ / one exercise
   ```

   最後に課題ごとの表(未着手 / 不合格あり / 完了)が出ます。失敗したテストは、期待値・戻り値・ヒントを表示します。
   At the end a table shows each exercise as not started / failing / done; a failing check shows
   what was expected, what your code returned, and a hint.
3. 全部「完了 / done」になるまで 1〜2 を繰り返します。 / Repeat until every exercise is done.

### JupyterLab で / In JupyterLab

```bash
jupyter lab notebooks/
```

各ノートブックの `# YOUR CODE HERE` と `raise NotImplementedError(...)` を消して解答を書き、関数のセルの下の
テストセルを実行します。提出前に「Kernel → Restart Kernel and Run All Cells」で上から全部実行してください。
セルを削除・複製・並べ替えしないでください(採点はセルの ID で行います)。
Replace `# YOUR CODE HERE` and `raise NotImplementedError(...)` in each notebook and run the test cell
under each function. Before submitting, restart the kernel and run all cells. Do not delete, copy or
reorder cells: grading finds them by their ids.

ノートブックでもエディタでも、同じテストで同じように採点されます。どちらか一方で解いてください。
Notebooks and `.py` files are graded by the same tests in the same way; work in one of them.

## 採点について / About grading

ここにある自己チェックは、採点に使うテストの一部です。提出後は、より多くの隠しテストで採点されます。
自己チェックに合格しても満点とは限りません。テストに合わせるのではなく、関数の仕様(docstring)どおりに書いてください。
The self-checks here are a part of the grading tests; submissions are graded with more, hidden tests.
Passing the self-checks does not guarantee full marks: write what each docstring asks for.

## 提出 / How to submit

授業の指示に従ってください。通常は次のどちらかです。 / Follow your course's instructions; usually one of:

- エディタで解いた場合 / `.py` files: `exercises/` フォルダを zip にして提出 / zip the `exercises/` folder
  (e.g. `zip -r <学籍番号 student id>.zip exercises`).
- ノートブックで解いた場合 / notebooks: 解いた `notebooks/<課題>.ipynb` を提出(JupyterLab の Assignments
  タブを使う授業ではそこから Submit)/ submit your `notebooks/<exercise>.ipynb` files (or use the
  Assignments tab's Submit where the course uses nbgrader's exchange).

`.py` とノートブックの両方を同じ課題で提出しないでください。 / Do not hand in both a `.py` and a notebook for one exercise.
'''
