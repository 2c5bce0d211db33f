"""Assertions whose failures tell a student, in Japanese and English, which
function was checked, what was expected, what came back and where to look."""
from __future__ import annotations

import reprlib

import numpy as np

LANGUAGES = ("both", "ja", "en")
_language = "both"


def set_language(language: str) -> None:
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
    _language = language


def text(ja: str, en: str) -> str:
    """One message in the chosen language(s)."""
    if _language == "ja":
        return ja
    if _language == "en":
        return en
    return f"{ja} / {en}" if ja != en else ja


def _short_repr(limit: int) -> reprlib.Repr:
    # A student's value may be a list of a million items: it is cut while it is formatted.
    short = reprlib.Repr()
    short.maxlevel = 6
    short.maxlist = short.maxtuple = short.maxdict = short.maxset = short.maxfrozenset = short.maxdeque = 100
    short.maxstring = short.maxlong = short.maxother = limit
    return short


def show(value, limit: int = 600) -> str:
    if isinstance(value, np.ndarray):
        body = np.array2string(value, precision=8, threshold=40, edgeitems=3)
        shown = f"array({body}, shape={value.shape}, dtype={value.dtype})"
    else:
        shown = _short_repr(limit).repr(value)
    return shown if len(shown) <= limit else shown[:limit] + " …"


def fail(func: str, *, expected=None, got=None, hint: tuple[str, str] | None = None,
         problem: tuple[str, str] | None = None, show_values: bool = True):
    """Raise an AssertionError with the kit's bilingual message."""
    __tracebackhide__ = True
    lines = [f"{func}: " + text(*(problem or ("結果が正しくありません", "wrong result")))]
    if show_values:
        lines.append(f"  {text('期待値', 'expected')}: {show(expected)}")
        lines.append(f"  {text('戻り値', 'returned')}: {show(got)}")
    if hint:
        lines.append(f"  {text('ヒント', 'hint')}: {text(*hint)}")
    raise AssertionError("\n".join(lines))


def _as_array(value):
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        return None


def _is_shape(value) -> bool:
    return isinstance(value, tuple) and all(isinstance(n, (int, np.integer)) and not isinstance(n, bool)
                                            for n in value)


def _shape_problem(expected_shape: tuple, got_shape: tuple) -> tuple[str, str]:
    return (f"形(shape)が違います。{_shape_text(expected_shape)} のはずが {_shape_text(got_shape)} でした",
            f"wrong shape: expected {_shape_text(expected_shape)}, got {_shape_text(got_shape)}")


def _shape_text(shape: tuple) -> str:
    inner = ", ".join("any" if size is None else str(size) for size in shape)
    return f"({inner},)" if len(shape) == 1 else f"({inner})"


def assert_close(got, expected, *, func: str, rtol: float = 1e-7, atol: float = 0.0,
                 hint: tuple[str, str] | None = None, check_shape: bool = True):
    """``got`` equals ``expected`` within ``rtol``/``atol`` (and has its shape; with
    ``check_shape=False`` shapes that broadcast together are compared element-wise, and two
    tuples of ints are compared as shapes: ``assert_close(out.shape, (7, 10), check_shape=False)``
    says a mismatch in a sentence, as ``assert_shape(out, (7, 10))`` does directly)."""
    __tracebackhide__ = True
    if not check_shape and _is_shape(got) and _is_shape(expected):
        if tuple(got) != tuple(expected):
            fail(func, hint=hint, problem=_shape_problem(tuple(expected), tuple(got)), show_values=False)
        return
    actual = _as_array(got)
    wanted = np.asarray(expected, dtype=np.float64)
    if actual is None:
        fail(func, expected=expected, got=got, hint=hint,
             problem=("数値(または NumPy 配列)が返っていません", "did not return numbers"))
    try:
        broadcasts = np.broadcast_shapes(actual.shape, wanted.shape) is not None
    except ValueError:
        broadcasts = False
    if (check_shape and actual.shape != wanted.shape) or not broadcasts:
        fail(func, expected=expected, got=got, hint=hint, problem=_shape_problem(wanted.shape, actual.shape))
    if not np.allclose(actual, wanted, rtol=rtol, atol=atol, equal_nan=False):
        fail(func, expected=expected, got=got, hint=hint)


def assert_shape(got, expected_shape, *, func: str, hint: tuple[str, str] | None = None):
    """``got`` (an array, or numbers nested in lists) has the shape ``expected_shape``;
    ``None`` in it accepts any size on that axis: ``assert_shape(out, (None, 10), ...)``."""
    __tracebackhide__ = True
    expected_shape = tuple(expected_shape)
    shape = getattr(got, "shape", None)
    if not (isinstance(shape, tuple) and all(isinstance(n, int) for n in shape)):
        actual = _as_array(got)
        if actual is None or got is None or isinstance(got, (str, bytes)):
            fail(func, expected=f"shape {_shape_text(expected_shape)}", got=got, hint=hint,
                 problem=("配列が返っていません", "did not return an array"))
        shape = actual.shape
    fits = len(shape) == len(expected_shape) and all(
        want is None or want == size for want, size in zip(expected_shape, shape))
    if not fits:
        fail(func, hint=hint, problem=_shape_problem(expected_shape, shape), show_values=False)


def error_report(function: str, exception: str, *, where: str = "", hint: tuple[str, str] | None = None,
                 problem: tuple[str, str] = ("提出されたコードで例外が発生しました",
                                             "the submitted code raised an exception")) -> str:
    """The kit's message when the student's code raised: what was called, the exception,
    the student's file and line, and a hint."""
    name = function or text("提出されたコード", "the submitted code")
    lines = [f"{name}: {text(*problem)}", f"  {text('例外', 'exception')}: {exception}"]
    if where:
        lines.append(f"  {text('場所', 'where')}: {where}")
    if hint:
        lines.append(f"  {text('ヒント', 'hint')}: {text(*hint)}")
    return "\n".join(lines)


def assert_equal(got, expected, *, func: str, hint: tuple[str, str] | None = None):
    """``got == expected`` with the same type family (no truthy look-alikes)."""
    __tracebackhide__ = True
    same = type(got) is type(expected) or (
        isinstance(got, (int, float, np.integer, np.floating)) and not isinstance(got, bool)
        and isinstance(expected, (int, float)) and not isinstance(expected, bool))
    if isinstance(expected, np.ndarray):
        same = isinstance(got, np.ndarray) and got.shape == expected.shape and bool(np.all(got == expected))
    elif same:
        same = bool(got == expected)
    if not same:
        fail(func, expected=expected, got=got, hint=hint)


def assert_output(got: str, expected: str, *, func: str, hint: tuple[str, str] | None = None):
    """What the code printed, compared line by line without trailing spaces."""
    __tracebackhide__ = True
    def lines(s):
        return [line.rstrip() for line in s.strip().splitlines()]
    if lines(got) != lines(expected):
        fail(func, expected=expected, got=got, hint=hint,
             problem=("表示(print)された内容が違います", "printed output differs"))


def assert_that(condition: bool, *, func: str, problem: tuple[str, str], expected=None, got=None,
                hint: tuple[str, str] | None = None):
    __tracebackhide__ = True
    if not condition:
        fail(func, expected=expected, got=got, hint=hint, problem=problem,
             show_values=expected is not None or got is not None)


def relative_error(a, b, eps: float = 1e-12) -> float:
    """max |a-b| / max(|a|+|b|, eps), the usual gradient-check measure."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), eps))) if a.size else 0.0


def central_difference(f, x, h: float = 1e-5) -> np.ndarray:
    """Judge-side reference gradient of a scalar function ``f`` at ``x``."""
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        saved = x[index]
        x[index] = saved + h
        plus = float(f(x))
        x[index] = saved - h
        minus = float(f(x))
        x[index] = saved
        grad[index] = (plus - minus) / (2 * h)
    return grad
