"""Where a failure's hint comes from when the student's code raised: the
"ヒント / Hint" section of the docstring of the function the test called.

Every stub's docstring in ``exercises/<module>.py`` (generated from
``solutions/``) says how to approach that function, so no test has to repeat
it. A method without a hint of its own takes its class's; a class (its
constructor) takes ``__init__``'s, then the class's. The files are only parsed,
never imported.

    hint_for("layers.Affine.forward", [root / "exercises", root / "solutions"])
    -> ("...(日本語)...", "...(English)...") or None
"""
from __future__ import annotations

import ast
import inspect
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable

HEADER = re.compile(r"ヒント\s*/\s*Hint\s*:", re.IGNORECASE)
# The next section of a docstring: "入力 / Input:", "戻り値 / Returns:".
SECTION = re.compile(r"^\S[^:]*\s/\s[A-Za-z][A-Za-z ]*:\s*$")
JAPANESE = re.compile(r"[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
LANGUAGE_SPLIT = re.compile(r"\s*/\s+")


def _split_languages(line: str) -> tuple[str, str]:
    """(Japanese part, English part) of one line: "日本語 / English" splits at the slash."""
    if not JAPANESE.search(line):
        return "", line
    for match in LANGUAGE_SPLIT.finditer(line):
        left, right = line[:match.start()], line[match.end():]
        if JAPANESE.search(left) and not JAPANESE.search(right) and re.search(r"[A-Za-z]", right):
            return left.strip(), right.strip()
    return line, ""


def _join_japanese(parts: list[str]) -> str:
    """Japanese lines run on without a space, unless the break falls between two Latin words."""
    text = ""
    for part in parts:
        if text and not JAPANESE.match(text[-1]) and not JAPANESE.match(part[0]):
            text += " "
        text += part
    return text


def hint_section(doc: str | None) -> tuple[str, str] | None:
    """The (ja, en) text of a docstring's "ヒント / Hint:" section; one language serves for both
    when the other is missing."""
    if not doc:
        return None
    lines = inspect.cleandoc(doc).splitlines()
    for index, line in enumerate(lines):
        match = HEADER.search(line)
        if match:
            break
    else:
        return None
    indent = len(line) - len(line.lstrip())
    body = [line[match.end():].strip()]
    for following in lines[index + 1:]:
        stripped = following.strip()
        depth = len(following) - len(following.lstrip())
        if not stripped or depth < indent or (depth == indent and SECTION.match(stripped)):
            break
        body.append(stripped)
    japanese, english = [], []
    for part in filter(None, body):
        ja, en = _split_languages(part)
        if ja:
            japanese.append(ja)
        if en:
            english.append(en)
    ja, en = _join_japanese(japanese), " ".join(english)
    if not ja and not en:
        return None
    return ja or en, en or ja


def _definitions(body: list) -> dict[str, ast.AST]:
    return {node.name: node for node in body
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}


def docstring_hint(source: str, qualname: str) -> tuple[str, str] | None:
    """The hint for ``qualname`` (``"sign"``, ``"Affine.forward"``, ``"Affine"``) in a module's source."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return None
    return _tree_hint(tree, qualname)


def _tree_hint(tree: ast.Module, qualname: str) -> tuple[str, str] | None:
    scope, owners, node = _definitions(tree.body), [], None
    for part in qualname.split("."):
        node = scope.get(part)
        if node is None:
            break
        if isinstance(node, ast.ClassDef):
            owners.append(node)
            scope = _definitions(node.body)
        else:
            scope = {}
    candidates = []
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        candidates.append(node)
    elif isinstance(node, ast.ClassDef):  # the constructor was called
        init = _definitions(node.body).get("__init__")
        if init is not None:
            candidates.append(init)
    candidates.extend(reversed(owners))
    for candidate in candidates:
        found = hint_section(ast.get_docstring(candidate))
        if found:
            return found
    return None


@lru_cache(maxsize=64)
def _parsed(path: str, mtime_ns: int) -> ast.Module | None:
    try:
        return ast.parse(Path(path).read_text(encoding="utf-8", errors="replace"))
    except (OSError, SyntaxError, ValueError):
        return None


def split_function(function: str) -> tuple[str, str]:
    """("layers", "Affine.forward") for "layers.Affine.forward"; what a function returned
    ("cifar10.build_model().forward") counts as that function."""
    path = function.split("(", 1)[0].strip(".")
    module, _, qualname = path.partition(".")
    return module, qualname


def hint_for(function: str, roots: Iterable[Path]) -> tuple[str, str] | None:
    """The docstring hint of ``function`` (``"module.name"``), from the first of ``roots``
    (folders holding ``<module>.py``) whose file gives one."""
    module, qualname = split_function(function)
    if not module.isidentifier() or not qualname:
        return None
    for root in roots:
        path = Path(root) / f"{module}.py"
        try:
            mtime = path.stat().st_mtime_ns
        except OSError:
            continue
        tree = _parsed(str(path), mtime)
        found = _tree_hint(tree, qualname) if tree is not None else None
        if found:
            return found
    return None


# -- what an exception from the student's code usually means --------------------------------------
# Weight matrices are (out, in) throughout the kit (DESIGN.md), as in torch.nn.Linear.
LAYOUT = ("このキットの重み W は (出力, 入力) の形です(torch.nn.Linear と同じ、教科書の (入力, 出力) の転置)。"
          "1 サンプル x (入力,) には W @ x(np.dot(W, x))、バッチ X (N, 入力) には X @ W.T を使います",
          "The kit's weights W are (out, in), as in torch.nn.Linear (the transpose of the book's (in, out)): "
          "W @ x (np.dot(W, x)) for one sample x of shape (in,), X @ W.T for a batch X of shape (N, in)")


def _shapes(a: str, b: str):
    def shape(text: str) -> str:
        sizes = [s.strip() for s in text.strip("() ").split(",") if s.strip()]
        return "(" + ", ".join(sizes) + ("," if len(sizes) == 1 else "") + ")"
    return shape(a), shape(b)


def _dot(match) -> tuple[str, str]:
    a, b = _shapes(match.group(1), match.group(2))
    return (f"行列の積の形が合いません: {a} と {b}。左の最後の軸と右の最初の軸の長さが同じでなければなりません。" + LAYOUT[0],
            f"the shapes {a} and {b} do not fit a matrix product: the last axis on the left must match the first "
            f"axis on the right. " + LAYOUT[1])


def _matmul(match) -> tuple[str, str]:
    return ("@(np.matmul)の形が合いません: 左の最後の軸と右の最初の軸の長さが同じでなければなりません。" + LAYOUT[0],
            "the shapes do not fit @ (np.matmul): the last axis on the left must match the first axis on the "
            "right. " + LAYOUT[1])


def _torch_linear(match) -> tuple[str, str]:
    rows, cols, k, m = match.groups()
    if m == cols != k:   # x @ W with W stored (out, in): its transpose would fit
        return (f"行列の積の形が合いません: ({rows}, {cols}) @ ({k}, {m})。右は (out, in) の形の重みに見えます: "
                "転置して x @ W.T と掛けます(nn.Linear と同じ)",
                f"the matrix product ({rows}, {cols}) @ ({k}, {m}) does not fit; the right one looks like a weight "
                "stored as (out, in): multiply by its transpose, x @ W.T (as nn.Linear does)")
    return (f"nn.Linear などの行列の積の形が合いません: 入力は ({rows}, {cols})、層は入力の大きさ {k} を待っています。"
            "画像を (N, 784) に平らにしたか(x.view(len(x), -1))、層の大きさを確かめましょう",
            f"the input ({rows}, {cols}) does not fit a layer (nn.Linear) that takes {k} inputs: flatten images "
            "to (N, 784) (x.view(len(x), -1)) or check the layer sizes")


def _not_broadcastable(shapes: list[str]) -> tuple[str, str]:
    return (f"要素ごとの演算で形が合いません: {' と '.join(shapes)}。形が同じか、片方の軸が 1 の場合だけ組み合わせられます"
            "(ブロードキャスト)。print(x.shape) で形を確かめましょう",
            f"these shapes do not combine element by element: {' and '.join(shapes)}; they must be equal, or "
            "one of them 1 on an axis (broadcasting). Print x.shape to see them")


def _broadcast(match) -> tuple[str, str]:
    return _not_broadcastable([_shapes(found, "()")[0] for found in re.findall(r"\([\d, ]*\)", match.group(1))])


def _torch_broadcast(match) -> tuple[str, str]:
    return ("テンソルの形が合いません: 要素ごとの演算は、形が同じか片方の軸が 1 の場合だけです(ブロードキャスト)。"
            "形 (N,) のベクトルは最後の軸(列)に合わせられます",
            "the tensors' shapes do not combine element by element: they must be equal, or one of them 1 on an "
            "axis (broadcasting); a vector of shape (N,) lines up with the last axis (the columns)")


def _label_shapes(ja: str, en: str):
    """A hint about labels (N,) beside an (N, K) array, with the shapes of the error filled in."""
    def hint(match) -> tuple[str, str]:
        n, _, k = match.groups()
        return ja.format(n=n, k=k), en.format(n=n, k=k)
    return hint


_label_index = _label_shapes(
    "添字の配列の形が合いません: ({n},) と ({n}, {k})。y[np.arange(N), t] の t は形 (N,) のラベルです。"
    "one-hot の t (N, K) は t.argmax(axis=1) でラベルに直します",
    "the index arrays ({n},) and ({n}, {k}) do not fit together: in y[np.arange(N), t], t holds N labels "
    "of shape (N,); turn a one-hot t (N, K) into labels with t.argmax(axis=1)")
_labels_broadcast = _label_shapes(
    "形 ({n},) と ({n}, {k}) は要素ごとに計算できません。ラベル (N,) を one-hot や確率 (N, K) と掛けて"
    "いませんか。ラベルなら y[np.arange(N), t] で正解の確率を取り出します",
    "shapes ({n},) and ({n}, {k}) do not combine element by element: are labels (N,) multiplied with "
    "one-hot targets or probabilities (N, K)? For labels, y[np.arange(N), t] picks the right probabilities")


def _broadcast_shapes(match) -> tuple[str, str]:
    n, m, k = match.groups()
    return _not_broadcastable([f"({n},)", f"({m}, {k})"])


def _axis(match) -> tuple[str, str]:
    axis, ndim = match.groups()
    return (f"この配列は {ndim} 次元で、軸 {axis} がありません。axis=-1(最後の軸)なら 1 サンプル (K,) にも"
            "バッチ (N, K) にも使えます",
            f"the array has {ndim} dimension(s), so there is no axis {axis}; axis=-1 (the last axis) works for "
            "one sample (K,) and for a batch (N, K)")


PATTERNS: list[tuple[re.Pattern, object]] = [
    (re.compile(r"shapes \(([\d, ]*)\) and \(([\d, ]*)\) not aligned"), _dot),
    (re.compile(r"matmul: Input operand \d has a mismatch in its core dimension"), _matmul),
    (re.compile(r"mat1 and mat2 shapes cannot be multiplied \((\d+)x(\d+) and (\d+)x(\d+)\)"), _torch_linear),
    (re.compile(r"indexing arrays could not be broadcast together with shapes \((\d+),\) \((\d+),(\d+)\)"), _label_index),
    (re.compile(r"operands could not be broadcast together with shapes \((\d+),\) \((\d+),(\d+)\)"),
     lambda m: _labels_broadcast(m) if m.group(1) == m.group(2) else _broadcast_shapes(m)),
    (re.compile(r"operands could not be broadcast together with shapes ((?:\([\d, ]*\)\s*)+)"), _broadcast),
    (re.compile(r"The size of tensor a \(\d+\) must match the size of tensor b"), _torch_broadcast),
    (re.compile(r"axis (-?\d+) is out of bounds for array of dimension (\d+)"), _axis),
    (re.compile(r"truth value of an array with more than one element is ambiguous"),
     ("if 文、and / or、組み込みの max / min は配列全体を 1 つの真偽値として扱おうとします。配列の要素ごとには"
      "比較 x > 0、np.maximum、np.where を使います",
      "an if, and / or, or the built-in max / min needs one True or False for the whole array; work element "
      "by element with comparisons (x > 0), np.maximum or np.where")),
    (re.compile(r"only (?:0-dimensional|length-1|size-1|integer scalar) arrays can be converted to Python scalars"),
     ("配列をスカラーとして使っています。math.exp などの math の関数や float() はスカラーだけ。配列には np.exp など"
      "NumPy の関数を使います",
      "an array is used where a single number is needed: math functions (math.exp) and float() take scalars "
      "only; use NumPy's functions (np.exp) on arrays")),
    (re.compile(r"(?:only one element tensors|Tensor with \d+ elements) can(?:not|'t)? be converted"),
     ("要素が 1 つでないテンソルに .item() や float() を使っています。値 1 つ(スカラー)にしてから .item()",
      ".item() or float() on a tensor with more than one element: reduce it to one value first")),
    (re.compile(r"Can't call numpy\(\) on Tensor that requires grad"),
     ("requires_grad=True のテンソルを NumPy に変換しています。計算はテンソルのまま(+, -, *, **, torch の関数)で"
      "書くと計算グラフが残り、backward() で勾配が求まります",
      "a tensor that requires grad was turned into NumPy: compute with tensors (+, -, *, **, torch functions) "
      "so that the graph is kept and backward() finds the gradients")),
    (re.compile(r"does not require grad and does not have a grad_fn"),
     ("backward() する値が計算グラフにつながっていません。葉テンソルを requires_grad=True で作り、NumPy を通さずに"
      "計算します",
      "what you call backward() on is not connected to a graph: make the leaf tensors with requires_grad=True "
      "and compute without NumPy")),
    (re.compile(r"(?:mat1 and mat2 must have the same dtype|expected scalar type \w+ but found \w+|"
                r"found dtype \w+ but expected \w+)"),
     ("テンソルの dtype が混ざっています(float32 と float64 など)。モデルの重みは float32 なので、入力も "
      "torch.float32 にします",
      "the tensors' dtypes differ (float32 and float64, say); model weights are float32, so make the inputs "
      "torch.float32 too")),
    (re.compile(r"'NoneType' object has no attribute '(\w+)'"),
     lambda m: (f"None の .{m.group(1)} を呼んでいます。list.append や list.sort のようにその場で変えるメソッドは"
                "何も返しません(None)。return を忘れた関数も None を返します",
                f".{m.group(1)} is called on None: methods that change a list in place (append, sort) return "
                "None, and so does a function without return")),
    (re.compile(r"'NoneType' object is not (?:subscriptable|iterable)|"
                r"unsupported operand type\(s\) for .*'NoneType'"),
     ("None を値として使っています。return を忘れた関数(print しただけの関数も)は None を返します",
      "None is used as a value: a function without return (one that only prints, too) returns None")),
    (re.compile(r"index (-?\d+) is out of bounds for axis (\d+) with size (\d+)"),
     lambda m: (f"添字 {m.group(1)} は範囲外です: 大きさ {m.group(3)} の軸 {m.group(2)} の添字は 0 から "
                f"{int(m.group(3)) - 1} まで(負の添字は後ろから: -1 が最後)",
                f"index {m.group(1)} is out of range: axis {m.group(2)} of size {m.group(3)} takes 0 to "
                f"{int(m.group(3)) - 1} (negative indices count from the end: -1 is the last)")),
    (re.compile(r"list index out of range"),
     ("リストの添字が範囲外です: 長さ n のリストの添字は 0 から n - 1 まで",
      "a list index is out of range: a list of length n takes 0 to n - 1")),
    (re.compile(r"'(?:float|int)' object does not support item assignment"),
     ("スカラー(数 1 つ)に x[...] = ... で代入しています。スカラーにも配列にも使える関数にするなら、入力を"
      "書き換えず np.maximum などで新しい値を作ります",
      "x[...] = ... on a single number: to work for scalars and arrays alike, do not write into the input; "
      "make a new value (np.maximum and the like)")),
    (re.compile(r"can't multiply sequence by non-int|unsupported operand type\(s\) for [*/+-]+: 'list'"),
     ("Python のリストには要素ごとの算術がありません(list * 2 は繰り返し)。np.array(...) にしてから計算します",
      "Python lists have no element-wise arithmetic (list * 2 repeats the list); make a NumPy array first")),
    (re.compile(r"cannot reshape array of size (\d+) into shape"),
     lambda m: (f"要素数 {m.group(1)} の配列はその形にできません。reshape の前後で要素数は同じです",
                f"an array of {m.group(1)} elements cannot take that shape: reshape keeps the number of elements")),
    (re.compile(r"Dimension out of range \(expected to be in range of \[(-?\d+), (-?\d+)\], but got (-?\d+)\)"),
     lambda m: (f"テンソルに dim={m.group(3)} の軸はありません(使えるのは {m.group(1)} から {m.group(2)})。"
                "(N, クラス数) の出力なら dim=1",
                f"the tensor has no dim={m.group(3)} (it takes {m.group(1)} to {m.group(2)}); for outputs of "
                "shape (N, classes) use dim=1")),
    (re.compile(r"Trying to backward through the graph a second time"),
     ("同じ計算グラフで 2 回 backward() しています。バッチ(呼び出し)ごとに計算し直します",
      "backward() ran twice through one graph: compute again for every batch (every call)")),
    (re.compile(r"name '(np|torch|nn|F|math)' is not defined"),
     lambda m: (f"{m.group(1)} が import されていません(ファイルの先頭の import を消していませんか)",
                f"{m.group(1)} is not imported (is the import at the top of the file still there?)")),
    (re.compile(r"(?:float )?division by zero"),
     ("0 で割っています。割る数が 0 になる場合(空のリスト、N = 0 など)を確かめましょう",
      "a division by zero: check when the divisor can be 0 (an empty list, N = 0)")),
]


def explain_exception(exception: str) -> tuple[str, str] | None:
    """What an exception from the student's code (``"ValueError: shapes (2,) and (3,2) not aligned"``)
    usually means, in words about the student's code; None when the kit knows no better than
    the exception's own message."""
    for pattern, explain in PATTERNS:
        match = pattern.search(str(exception))
        if match:
            return explain(match) if callable(explain) else explain
    return None
