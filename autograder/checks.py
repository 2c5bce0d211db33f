"""Assertions whose failures tell a student, in Japanese and English, which
function was checked, what was expected, what came back and where to look.

Every failure has one shape, in the terminal, feedback.md / feedback.html and Gradescope's
results.json alike::

    forward.forward(course network, [1.0, 0.5]): 結果が正しくありません / wrong result
      期待値 / expected: array([0.31682708 0.69627909], shape=(2,), dtype=float64)
      戻り値 / returned: array([0.21682708 0.49627909], shape=(2,), dtype=float64)
      考えられる原因 / likely cause: 出力層のバイアス b3 を足さないときの値です / ...
      ヒント / hint: ...

The check in words (the call, then what is wrong), what was expected, what came back under the
label of where it came from (``came_back``: ``"returned"``, ``"printed"`` for what
``take_output()`` gave, ``"input"`` for an argument as ``call_and_read_args`` read it after the
call), the likely cause when what came back is what a known mistake gives (``likely=``), and the
hint. No exception class name: that belongs to code of the student's that raised
(``error_report``).
"""
from __future__ import annotations

import reprlib
from dataclasses import dataclass
from typing import Any, Callable, Iterable

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


# Where what came back came from: the label of its line in a failure message.
CAME_BACK = {
    "returned": ("戻り値", "returned"),
    "printed": ("表示", "printed"),
    "input": ("呼び出し後の入力", "your input after the call"),
}
EXPECTED = ("期待値", "expected")
LIKELY = ("考えられる原因", "likely cause")
HINT = ("ヒント", "hint")
FIRST_DIFFERENCE = ("最初の違い", "first difference")


class CheckFailed(AssertionError):
    """A check of the kit failed. ``str()`` is the message a student reads; the parts are kept
    for reports (``func``: the call in the test's words)."""

    def __init__(self, message: str, *, func: str = "", problem: tuple[str, str] | None = None,
                 hint: tuple[str, str] | None = None, causes: tuple = ()):
        super().__init__(message)
        self.func = func
        self.problem = problem
        self.hint = hint
        self.causes = tuple(causes)

    def __str__(self):
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True)
class Likely:
    """A known mistake. ``when`` is what that mistake gives back (compared with what came back
    the way the check compares), a function of what came back that says whether it is that
    mistake, or a bool worked out by the test; ``cause`` names the mistake (ja, en)."""
    when: Any
    cause: tuple[str, str]


def likely(when, ja: str, en: str) -> Likely:
    """``likely(reference_without_b3, "b3 を足していません", "b3 is not added")``."""
    return Likely(when, (ja, en))


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


def _show_description(value, limit: int = 600) -> str:
    """A test's own words ("relative error < 1e-06") as they are; anything else as ``show``."""
    if isinstance(value, str):
        return value if len(value) <= limit else value[:limit] + " …"
    return show(value, limit)


def _show_printed(value, limit: int = 600) -> str:
    """Printed text line by line, each line quoted so that spaces show."""
    if not isinstance(value, str):
        return show(value, limit)
    lines = value.strip("\n").splitlines() or [""]
    shown = [repr(line) for line in lines[:20]]
    if len(lines) > 20:
        shown.append(f"… (+{len(lines) - 20})")
    return shown[0] if len(shown) == 1 else "\n" + "\n".join(shown)


def _label_line(label: tuple[str, str], shown: str) -> str:
    """"  期待値 / expected: value", later lines of a long value indented under it."""
    head = f"  {text(*label)}:"
    if shown.startswith("\n"):
        return head + shown.replace("\n", "\n      ")
    return f"{head} {shown.replace(chr(10), chr(10) + '      ')}"


def _came_back_label(came_back) -> tuple[str, str]:
    if isinstance(came_back, tuple):
        return came_back
    try:
        return CAME_BACK[came_back]
    except KeyError:
        raise ValueError(f"came_back must be one of {sorted(CAME_BACK)} or a (ja, en) label, "
                         f"not {came_back!r}") from None


def fail(func: str, *, expected=None, got=None, hint: tuple[str, str] | None = None,
         problem: tuple[str, str] | None = None, show_values: bool = True, came_back="returned",
         causes: Iterable[tuple[str, str]] = (), describe: bool = False, difference: str = ""):
    """Raise the kit's bilingual failure (``CheckFailed``, an AssertionError).

    ``describe``: strings in ``expected`` / ``got`` are the test's own words, shown as written."""
    __tracebackhide__ = True
    label = _came_back_label(came_back)
    problem = problem or ("結果が正しくありません", "wrong result")
    lines = [f"{func}: " + text(*problem)]
    if show_values:
        if came_back == "printed":
            render = _show_printed
        elif describe:
            render = _show_description
        else:
            render = show
        lines.append(_label_line(EXPECTED, render(expected)))
        lines.append(_label_line(label, render(got)))
        if difference:
            lines.append(_label_line(FIRST_DIFFERENCE, difference))
    causes = list(dict.fromkeys(causes))
    for cause in causes:
        lines.append(_label_line(LIKELY, text(*cause)))
    if hint:
        lines.append(_label_line(HINT, text(*hint)))
    raise CheckFailed("\n".join(lines), func=func, problem=problem, hint=hint, causes=causes)


# -- known mistakes ------------------------------------------------------------------------
def _matches(item: Likely, got, same: Callable[[Any, Any], bool]) -> bool:
    when = item.when
    try:
        if isinstance(when, (bool, np.bool_)):
            return bool(when)
        if got is None or when is None:   # nothing came back, or no such mistake for these inputs
            return False
        if callable(when) and not isinstance(when, type):
            return bool(when(got))
        return bool(same(got, when))
    except Exception:   # a diagnosis must never hide the failure it explains
        return False


def _causes(items, got, same) -> list[tuple[str, str]]:
    return [item.cause for item in (items or ()) if _matches(item, got, same)]


def _as_array(value):
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        return None


def _close_to(rtol: float, atol: float):
    def same(got, value) -> bool:
        actual, wanted = _as_array(got), _as_array(value)
        if actual is None or wanted is None or actual.shape != wanted.shape:
            return False
        return bool(np.allclose(actual, wanted, rtol=max(rtol, 1e-6), atol=max(atol, 1e-12)))
    return same


def _is_shape(value) -> bool:
    return isinstance(value, tuple) and all(isinstance(n, (int, np.integer)) and not isinstance(n, bool)
                                            for n in value)


def _shape_problem(expected_shape: tuple, got_shape: tuple) -> tuple[str, str]:
    return (f"形(shape)が違います。{_shape_text(expected_shape)} のはずが {_shape_text(got_shape)} でした",
            f"wrong shape: expected {_shape_text(expected_shape)}, got {_shape_text(got_shape)}")


def _shape_text(shape: tuple) -> str:
    inner = ", ".join("any" if size is None else str(size) for size in shape)
    return f"({inner},)" if len(shape) == 1 else f"({inner})"


def _first_difference(actual: np.ndarray, wanted: np.ndarray, rtol: float, atol: float, label) -> str:
    """Where two arrays of one shape first differ, for values too long to compare by eye."""
    if actual.shape != wanted.shape or actual.size <= 6:
        return ""
    with np.errstate(invalid="ignore"):
        wrong = ~np.isclose(actual, wanted, rtol=rtol, atol=atol, equal_nan=False)
    if not wrong.any():
        return ""
    index = tuple(int(i) for i in np.argwhere(wrong)[0])
    where = "[" + ", ".join(map(str, index)) + "]"
    return (f"{where}: {text(*EXPECTED)} {wanted[index]:.8g}, {text(*label)} {actual[index]:.8g} "
            f"({text(f'{int(wrong.sum())} / {wrong.size} 要素が違います', f'{int(wrong.sum())} of {wrong.size} elements differ')})")


# -- the checks ------------------------------------------------------------------------------
def assert_close(got, expected, *, func: str, rtol: float = 1e-7, atol: float = 0.0,
                 hint: tuple[str, str] | None = None, check_shape: bool = True, came_back="returned",
                 likely: Iterable[Likely] = ()):
    """``got`` equals ``expected`` within ``rtol``/``atol`` (and has its shape; with
    ``check_shape=False`` shapes that broadcast together are compared element-wise, and two
    tuples of ints are compared as shapes: ``assert_close(out.shape, (7, 10), check_shape=False)``
    says a mismatch in a sentence, as ``assert_shape(out, (7, 10))`` does directly).
    ``likely``: known mistakes (``likely(value, ja, en)``) named when ``got`` is what they give."""
    __tracebackhide__ = True
    same = _close_to(rtol, atol)
    if not check_shape and _is_shape(got) and _is_shape(expected):
        if tuple(got) != tuple(expected):
            fail(func, hint=hint, problem=_shape_problem(tuple(expected), tuple(got)), show_values=False,
                 causes=_causes(likely, got, lambda a, b: tuple(a) == tuple(b)))
        return
    actual = _as_array(got)
    wanted = np.asarray(expected, dtype=np.float64)
    if actual is None:
        fail(func, expected=expected, got=got, hint=hint, came_back=came_back, causes=_causes(likely, got, same),
             problem=("数値(または NumPy 配列)が返っていません", "did not return numbers"))
    try:
        broadcasts = np.broadcast_shapes(actual.shape, wanted.shape) is not None
    except ValueError:
        broadcasts = False
    if (check_shape and actual.shape != wanted.shape) or not broadcasts:
        fail(func, expected=expected, got=got, hint=hint, problem=_shape_problem(wanted.shape, actual.shape),
             came_back=came_back, causes=_causes(likely, got, same))
    if not np.allclose(actual, wanted, rtol=rtol, atol=atol, equal_nan=False):
        fail(func, expected=expected, got=got, hint=hint, came_back=came_back, causes=_causes(likely, got, same),
             difference=_first_difference(actual, wanted, rtol, atol, _came_back_label(came_back)))


def assert_shape(got, expected_shape, *, func: str, hint: tuple[str, str] | None = None,
                 came_back="returned", likely: Iterable[Likely] = ()):
    """``got`` (an array, or numbers nested in lists) has the shape ``expected_shape``;
    ``None`` in it accepts any size on that axis: ``assert_shape(out, (None, 10), ...)``."""
    __tracebackhide__ = True
    expected_shape = tuple(expected_shape)
    shape = getattr(got, "shape", None)
    if not (isinstance(shape, tuple) and all(isinstance(n, int) for n in shape)):
        actual = _as_array(got)
        if actual is None or got is None or isinstance(got, (str, bytes)):
            fail(func, expected=f"shape {_shape_text(expected_shape)}", got=got, hint=hint, came_back=came_back,
                 problem=("配列が返っていません", "did not return an array"),
                 causes=_causes(likely, got, lambda a, b: False))
        shape = actual.shape
    fits = len(shape) == len(expected_shape) and all(
        want is None or want == size for want, size in zip(expected_shape, shape))
    if not fits:
        fail(func, hint=hint, problem=_shape_problem(expected_shape, shape), show_values=False,
             causes=_causes(likely, tuple(shape), lambda a, b: tuple(a) == tuple(b)))


def error_report(function: str, exception: str, *, where: str = "", hint: tuple[str, str] | None = None,
                 problem: tuple[str, str] = ("提出されたコードで例外が発生しました",
                                             "the submitted code raised an exception"),
                 explanation: tuple[str, str] | None = None) -> str:
    """The kit's message when the student's code raised: what was called, the exception (its
    name and message), the student's file and line, what such an exception usually means
    (``autograder.hints.explain_exception``) and a hint."""
    if explanation is None:
        from .hints import explain_exception
        explanation = explain_exception(exception)
    name = function or text("提出されたコード", "the submitted code")
    lines = [f"{name}: {text(*problem)}", f"  {text('例外', 'exception')}: {exception}"]
    if where:
        lines.append(f"  {text('場所', 'where')}: {where}")
    if explanation:
        lines.append(_label_line(("意味", "what it means"), text(*explanation)))
    if hint:
        lines.append(_label_line(HINT, text(*hint)))
    return "\n".join(lines)


def _equal(got, expected) -> bool:
    if isinstance(expected, np.ndarray):
        return isinstance(got, np.ndarray) and got.shape == expected.shape and bool(np.all(got == expected))
    same = type(got) is type(expected) or (
        isinstance(got, (int, float, np.integer, np.floating)) and not isinstance(got, bool)
        and isinstance(expected, (int, float)) and not isinstance(expected, bool))
    return same and bool(got == expected)


def assert_equal(got, expected, *, func: str, hint: tuple[str, str] | None = None, came_back="returned",
                 likely: Iterable[Likely] = ()):
    """``got == expected`` with the same type family (no truthy look-alikes)."""
    __tracebackhide__ = True
    if not _equal(got, expected):
        fail(func, expected=expected, got=got, hint=hint, came_back=came_back,
             causes=_causes(likely, got, lambda a, b: _equal(a, b)))


def _printed_lines(s) -> list[str]:
    return [line.rstrip() for line in str(s).strip().splitlines()]


def assert_output(got: str, expected: str, *, func: str, hint: tuple[str, str] | None = None,
                  likely: Iterable[Likely] = ()):
    """What the code printed (``take_output()``), compared line by line without trailing spaces."""
    __tracebackhide__ = True
    if _printed_lines(got) != _printed_lines(expected):
        fail(func, expected=expected, got=got, hint=hint, came_back="printed",
             problem=("表示(print)された内容が違います", "printed output differs"),
             causes=_causes(likely, got, lambda a, b: _printed_lines(a) == _printed_lines(b)))


def assert_that(condition: bool, *, func: str, problem: tuple[str, str], expected=None, got=None,
                hint: tuple[str, str] | None = None, came_back="returned", likely: Iterable[Likely] = ()):
    """``condition`` holds; ``expected`` and ``got`` say it in the test's words (strings are shown
    as written) or with values. ``likely`` entries are bools or functions of ``got``."""
    __tracebackhide__ = True
    if not condition:
        fail(func, expected=expected, got=got, hint=hint, problem=problem, came_back=came_back, describe=True,
             show_values=expected is not None or got is not None,
             causes=_causes(likely, got, lambda a, b: False))


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
