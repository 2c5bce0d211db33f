"""Hidden suite: numpy_workshop (broadcasting, indexing, X[3], a random mini-batch; lecture 000:437-546, 797).

Integer inputs give exact integer results (compared exactly); float inputs rtol=1e-12.
random_batch is checked by properties, never against one particular draw: the rows picked
are distinct rows of x (sampling without replacement, as the lecture's "100 of the 60,000
images"), x and t stay paired, the same seed gives the same batch and different seeds give
different ones, and over 30 seeds the picks spread over the whole data set (their mean
index within 3,000 of 30,000: 9.5 standard deviations of the mean of 3,000 uniform draws, so a
correct solution fails it with a probability below 1e-20).
"""
import numpy as np

from autograder.checks import assert_close, assert_equal, assert_that, likely, show

# 講義 / lecture 000:531-540 (X[1] is [5, 3] there)
X_COURSE = np.array([[1, 3], [5, 3], [9, 11]])
Y_COURSE = np.array([11, 22])
Z_COURSE = np.array([77, 121, 341])

SHIFT_HINT = ("b = a + shift、c = b * scale(a ではなく b に掛けます)。配列なら for 文は不要です",
              "b = a + shift, c = b * scale (multiply b, not a); an array needs no loop")
INSPECT_HINT = ("(np.dot(X, y), X[0], X[0][1], X.shape)。添字は 0 から数えます",
                "(np.dot(X, y), X[0], X[0][1], X.shape); indices count from 0")
INDEX_HINT = ("try: で X[i](または X[i][j])を返し、except IndexError: で None を返します。負の添字は有効です",
              "return X[i] (or X[i][j]) inside try:, and None in except IndexError:; negative indices are valid")
BATCH_HINT = ("rng = np.random.default_rng(seed); idx = rng.choice(len(x), batch_size, replace=False); "
              "x[idx], t[idx]",
              "rng = np.random.default_rng(seed); idx = rng.choice(len(x), batch_size, replace=False); x[idx], t[idx]")


def shift_mistakes(a, shift, scale):
    a = np.asarray(a)
    found = [likely(a * scale, "c = a * scale の値です: c は b に掛けます(c = b * scale)",
                    "this is a * scale: multiply b (c = b * scale)")]
    if isinstance(scale, int) and scale > 1:
        found.append(likely(lambda got: np.shape(got)[:1] == (scale * len(a),) and np.shape(got)[1:] == a.shape[1:],
                            f"リストの掛け算の形です(list * {scale} はリストを {scale} 回繰り返します)。NumPy 配列のまま計算します",
                            f"this is a list multiplied (list * {scale} repeats the list {scale} times); compute with "
                            "NumPy arrays"))
    return found


def _pair(got, func, what):
    __tracebackhide__ = True
    assert_that(isinstance(got, (tuple, list)) and len(got) == 2, func=func,
                problem=(f"{what} の 2 つを返してください", f"return the pair {what}"), expected=what, got=got)
    return got


def _indexed_data(n, width=2):
    """Row k of x is (k, -k, ...) and t[k] = k % 10, so a returned row tells which row it was."""
    x = np.repeat(np.arange(n, dtype=np.int64).reshape(-1, 1), width, axis=1) * ((-1) ** np.arange(width))
    return x, np.arange(n, dtype=np.int64) % 10


def _picked_rows(got, x, t, batch_size, func):
    """Checks shapes, that every row is a row of x paired with its label; returns the row numbers."""
    __tracebackhide__ = True
    xb, tb = _pair(got, func, "(x_batch, t_batch)")
    xb, tb = np.asarray(xb), np.asarray(tb)
    assert_that(xb.shape == (batch_size,) + x.shape[1:] and tb.shape == (batch_size,), func=func,
                problem=("形が違います", "wrong shapes"),
                expected=f"x_batch {(batch_size,) + x.shape[1:]}, t_batch {(batch_size,)}",
                got=f"x_batch {xb.shape}, t_batch {tb.shape}", hint=BATCH_HINT)
    rows = xb[:, 0].astype(np.int64)
    valid = bool(np.all((rows >= 0) & (rows < len(x))))
    assert_that(valid and np.array_equal(xb, x[np.clip(rows, 0, len(x) - 1)]), func=func,
                problem=("x_batch の行が x の行ではありません", "x_batch holds rows that are not rows of x"),
                got=show(xb), hint=BATCH_HINT)
    assert_that(np.array_equal(tb, t[rows]), func=func,
                problem=("t_batch[k] が x_batch[k] と同じ行のラベルではありません(x と t を別々に選んだ?)",
                         "t_batch[k] is not the label of x_batch[k]'s row (x and t picked separately?)"),
                expected=show(t[rows]), got=show(tb),
                hint=("同じ行番号の配列で x と t の両方を取り出します", "index both x and t with the same row numbers"))
    return rows


def _assert_distinct(rows, func):
    __tracebackhide__ = True
    repeated = len(rows) - len(np.unique(rows))
    assert_that(repeated == 0, func=func,
                problem=(f"同じ行が重複して選ばれています({repeated} 個)。講義は異なる 100 枚を選びます",
                         f"{repeated} rows were picked twice; the lecture picks 100 different images"),
                expected="distinct rows", got=show(np.sort(rows)),
                hint=("rng.choice(..., replace=False) で非復元抽出にします",
                      "sample without replacement: rng.choice(..., replace=False)"))


# -- shift_and_scale ------------------------------------------------------------------------

def test_shift_and_scale_course_example(submission):
    b, c = _pair(submission.numpy_workshop.shift_and_scale(np.array([1, 2, 3])),
                 "numpy_workshop.shift_and_scale", "(b, c)")
    assert_equal(np.asarray(b), np.array([4, 5, 6]), func="numpy_workshop.shift_and_scale([1, 2, 3]): b", hint=SHIFT_HINT)
    assert_equal(np.asarray(c), np.array([40, 50, 60]), func="numpy_workshop.shift_and_scale([1, 2, 3]): c",
                 hint=SHIFT_HINT, likely=shift_mistakes(np.array([1, 2, 3]), 3, 10))


def test_shift_and_scale_matrices_and_other_numbers(submission):
    d = np.array([[1, 2, 4], [3, 5, 7]])          # 講義の D, E / the lecture's D and E (000:445-447)
    e = np.array([[3, 4], [5, 6], [5, 4]])
    f = np.random.default_rng(150).normal(size=(2, 3, 4))
    for a, shift, scale in ((d, 3, 10), (e, 3, 10), (d, -7, 2), (f, 0.5, -1.5), (np.array([2.5]), 1, 0.1)):
        b, c = _pair(submission.numpy_workshop.shift_and_scale(a, shift, scale),
                     "numpy_workshop.shift_and_scale", "(b, c)")
        func = f"numpy_workshop.shift_and_scale(shape {a.shape}, shift={shift}, scale={scale})"
        assert_close(b, a + shift, rtol=1e-12, func=func + ": b", hint=SHIFT_HINT)
        assert_close(c, (a + shift) * scale, rtol=1e-12, func=func + ": c", hint=SHIFT_HINT,
                     likely=shift_mistakes(a, shift, scale))


def test_shift_and_scale_leaves_a_unchanged(submission):
    a = np.array([[1, 2, 4], [3, 5, 7]])
    called = submission.call_and_read_args(submission.numpy_workshop.shift_and_scale, a, 3, 10)
    b, c = _pair(called.value, "numpy_workshop.shift_and_scale", "(b, c)")
    assert_close(c, (a + 3) * 10, rtol=0, func="numpy_workshop.shift_and_scale(D): c", hint=SHIFT_HINT,
                 likely=shift_mistakes(a, 3, 10))
    assert_equal(np.asarray(called.args[0]), a, func="numpy_workshop.shift_and_scale(D, 3, 10): a afterwards",
                 came_back="input", hint=("a += ... は呼び出し元の配列を書き換えます。b = a + shift で新しい配列を",
                                          "a += ... overwrites the caller's array; b = a + shift makes a new one"))


# -- inspect_matrix -------------------------------------------------------------------------

def _check_inspect(got, X, y, func):
    __tracebackhide__ = True
    assert_that(isinstance(got, (tuple, list)) and len(got) == 4, func=func,
                problem=("(z, row, element, shape) の 4 つを返してください", "return (z, row, element, shape)"), got=got)
    z, row, element, shape = got
    assert_close(z, np.dot(X, y), rtol=1e-12, func=func + ": z = np.dot(X, y)", hint=INSPECT_HINT)
    assert_close(row, X[0], rtol=1e-12, func=func + ": X[0]",
                 hint=("0 行目は X[0] です(1 行目ではありません)", "row 0 is X[0] (not X[1])"))
    assert_close(element, X[0][1], rtol=1e-12, func=func + ": X[0][1]",
                 hint=("X[0][1] は 0 行目の 1 列目です", "X[0][1] is row 0, column 1"),
                 likely=[likely(X[1][0], "X[1][0](1 行目の 0 列目)の値です", "this is X[1][0] (row 1, column 0)")]
                 if len(X) > 1 else [])
    assert_equal(shape, tuple(X.shape), func=func + ": X.shape",
                 hint=("X.shape は (行数, 列数) のタプルです(X.size は要素数)",
                       "X.shape is the tuple (rows, columns) (X.size counts the elements)"),
                 likely=[likely(lambda got: not isinstance(got, tuple) and got == X.size,
                                "X.size(要素数)の値です。X.shape は (行数, 列数)",
                                "this is X.size, the number of elements; X.shape is (rows, columns)")])


def test_inspect_matrix_course_values(submission):
    got = submission.numpy_workshop.inspect_matrix(X_COURSE, Y_COURSE)
    _check_inspect(got, X_COURSE, Y_COURSE, "numpy_workshop.inspect_matrix(講義の X, y / the lecture's X, y)")
    assert_close(got[0], Z_COURSE, rtol=0, func="numpy_workshop.inspect_matrix: np.dot(X, y) = [77, 121, 341]")


def test_inspect_matrix_other_shapes(submission):
    rng = np.random.default_rng(151)
    for shape in ((4, 3), (2, 5), (1, 2)):
        X, y = rng.normal(size=shape), rng.normal(size=shape[1])
        _check_inspect(submission.numpy_workshop.inspect_matrix(X, y), X, y,
                       f"numpy_workshop.inspect_matrix(X {shape}, y {y.shape})")


# -- index_or_none --------------------------------------------------------------------------

def _check_index(submission, X, i, j, func_name):
    __tracebackhide__ = True
    try:
        expected = X[i] if j is None else X[i][j]
    except IndexError:
        expected = None
    got = submission.numpy_workshop.index_or_none(X, i) if j is None else \
        submission.numpy_workshop.index_or_none(X, i, j)
    where = f"{func_name}[{i}]" + ("" if j is None else f"[{j}]")
    func = f"numpy_workshop.index_or_none: {where}"
    if expected is None:
        assert_that(got is None, func=func, problem=("範囲外の添字には None を返します", "an index past the end gives None"),
                    expected=None, got=got, hint=INDEX_HINT)
    else:
        assert_that(got is not None, func=func, problem=("有効な添字なのに None が返りました", "a valid index gave None"),
                    expected=expected, got=got, hint=INDEX_HINT)
        assert_close(got, expected, rtol=0, func=func, hint=INDEX_HINT)


def test_index_or_none_course_indices(submission):
    for i, j in ((0, None), (0, 1), (1, None), (2, 1)):
        _check_index(submission, X_COURSE, i, j, "X")


def test_index_or_none_past_the_end(submission):
    for i, j in ((3, None), (0, 3), (0, 2), (5, 0), (-4, None)):   # X[3], X[0][3] (000:542-544)
        _check_index(submission, X_COURSE, i, j, "X")
    _check_index(submission, X_COURSE, 2, 0, "X")                  # and a valid one next to them


def test_index_or_none_vectors(submission):
    z = np.dot(X_COURSE, Y_COURSE)                                 # "X を y や z に変えたら" (000:546)
    for vector, name in ((Y_COURSE, "y"), (z, "z")):
        for i, j in ((0, None), (1, None), (0, 1), (len(vector), None)):
            _check_index(submission, vector, i, j, name)


def test_index_or_none_negative_indices(submission):
    X = np.random.default_rng(152).normal(size=(4, 3))
    for i, j in ((-1, None), (-4, None), (-1, -1), (-2, 2), (-5, None), (1, -4)):
        _check_index(submission, X, i, j, "X")


# -- random_batch ---------------------------------------------------------------------------

def test_random_batch_course_sizes(submission):
    x, t = _indexed_data(60000, width=3)                            # 6 万枚から 100 枚 / 100 of 60,000
    func = "numpy_workshop.random_batch(x (60000, 3), t, seed=0)"
    rows = _picked_rows(submission.numpy_workshop.random_batch(x, t, seed=0), x, t, 100, func)
    _assert_distinct(rows, func)


def test_random_batch_without_replacement(submission):
    for n, batch_size, seed in ((50, 50, 1), (1000, 900, 2), (1000, 900, 3), (7, 5, 4)):
        x, t = _indexed_data(n)
        func = f"numpy_workshop.random_batch(N = {n}, batch_size = {batch_size}, seed = {seed})"
        rows = _picked_rows(submission.numpy_workshop.random_batch(x, t, batch_size, seed), x, t, batch_size, func)
        _assert_distinct(rows, func)


def test_random_batch_seed(submission):
    x, t = _indexed_data(5000)
    batch = submission.numpy_workshop.random_batch
    first = _picked_rows(batch(x, t, 20, 7), x, t, 20, "numpy_workshop.random_batch(seed=7)")
    again = _picked_rows(batch(x, t, 20, 7), x, t, 20, "numpy_workshop.random_batch(seed=7) again")
    assert_that(np.array_equal(first, again), func="numpy_workshop.random_batch: seed=7 twice",
                problem=("同じ seed なら同じミニバッチになるはずです", "the same seed should give the same batch"),
                expected=show(first), got=show(again),
                hint=("np.random.default_rng(seed) を使います(np.random.choice は seed を見ません)",
                      "use np.random.default_rng(seed) (np.random.choice ignores the seed)"))
    others = [_picked_rows(batch(x, t, 20, s), x, t, 20, f"numpy_workshop.random_batch(seed={s})") for s in (8, 9)]
    assert_that(not any(np.array_equal(first, o) for o in others), func="numpy_workshop.random_batch: seeds 7, 8, 9",
                problem=("seed が違うのに同じミニバッチです", "different seeds gave the same batch"), hint=BATCH_HINT,
                likely=[likely(np.array_equal(first, np.arange(20)), "毎回先頭の行(0, 1, 2, …)です: ランダムに選んでいません",
                               "these are the first rows (0, 1, 2, …) every time, not a random pick")])


def test_random_batch_spreads_over_the_data(submission):
    x, t = _indexed_data(60000, width=1)
    picked = [_picked_rows(submission.numpy_workshop.random_batch(x, t, 100, seed), x, t, 100,
                           f"numpy_workshop.random_batch(seed={seed})") for seed in range(30)]
    rows = np.concatenate(picked)
    assert_that(abs(rows.mean() - 29999.5) < 3000 and rows.min() < 3000 and rows.max() > 57000,
                func="numpy_workshop.random_batch: 30 batches of 100 from 60,000",
                problem=("6 万枚全体からランダムに選ばれていません", "the rows are not drawn at random from all 60,000"),
                expected="row numbers spread over 0..59999 (mean about 30000)",
                got=f"mean {rows.mean():.0f}, min {rows.min()}, max {rows.max()}", hint=BATCH_HINT,
                likely=[likely(all(np.array_equal(p, np.arange(100)) for p in picked),
                               "毎回先頭の行(0, 1, 2, …)です: ランダムに選んでいません",
                               "these are the first rows (0, 1, 2, …) every time, not a random pick")])


def test_random_batch_leaves_inputs_unchanged(submission):
    x, t = _indexed_data(300)
    called = submission.call_and_read_args(submission.numpy_workshop.random_batch, x, t, 30, 5)
    _assert_distinct(_picked_rows(called.value, x, t, 30, "numpy_workshop.random_batch(N = 300, 30)"),
                     "numpy_workshop.random_batch(N = 300, 30)")
    x_after, t_after = called.args[0], called.args[1]
    hint = ("np.random.shuffle(x) は x そのものを並べ替えます。行番号を選んで取り出しましょう",
            "np.random.shuffle(x) reorders x itself; pick row numbers and index instead")
    assert_equal(np.asarray(x_after), x, func="numpy_workshop.random_batch(N = 300, 30): x afterwards", hint=hint,
                 came_back="input")
    assert_equal(np.asarray(t_after), t, func="numpy_workshop.random_batch(N = 300, 30): t afterwards", hint=hint,
                 came_back="input")
