"""A status: a kind and, for an error or a pending exercise, its reason.

Kinds: graded, partial (a student), missing, not graded, error, pending. It is text only where
it is written (result.json, the gradebook, feedback, the report: ``"error: <reason>"``) and read
back from there with ``parse``; ``count`` is the one tally of a class's statuses.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable

GRADED, PARTIAL, MISSING, NOT_GRADED, ERROR, PENDING = "graded", "partial", "missing", "not graded", "error", "pending"


@dataclass(frozen=True)
class Status:
    kind: str
    reason: str = ""

    def __str__(self) -> str:
        return f"{self.kind}: {self.reason}" if self.reason else self.kind


def error(reason: str) -> Status:
    return Status(ERROR, reason)


def pending(reason: str) -> Status:
    return Status(PENDING, reason)


def parse(text) -> Status:
    """The status a written text says: ``"pending: needs a GPU"`` is (pending, "needs a GPU")."""
    kind, _, reason = str(text or "").partition(":")
    return Status(kind.strip(), reason.strip())


def count(texts: Iterable) -> dict[str, int]:
    """How many of each kind, from written statuses."""
    return dict(Counter(parse(text).kind for text in texts))
