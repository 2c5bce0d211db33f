"""pytest plugin that records each test's outcome and failure message as JSON.

A failure's message is the kit's (autograder.checks, or the student's exception as the
pytest plugin words it), followed by what the student's code printed in that test;
``function`` is the call the failure is about, in the test's words.

Used with ``-p autograder.grade.collect --kit-results FILE``.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

_key = pytest.StashKey[dict]()


def pytest_addoption(parser):
    parser.addoption("--kit-results", default=None, help="write per-test outcomes to this JSON file")


def pytest_configure(config):
    config.stash[_key] = {}
    # logreport is not given the config: an object registered per session keeps it.
    config.pluginmanager.register(_Recorder(config.stash[_key]), "kit-results-recorder")


PRINTED_SHOWN = 1000


def _message(report) -> str:
    message = _failure(report)
    printed = dict(report.user_properties).get("printed")
    if printed and report.failed:  # what the student's code printed in this test (pytest_plugin)
        shown = printed if len(printed) <= PRINTED_SHOWN else "…" + printed[-PRINTED_SHOWN:]
        message = f"{message}\n提出されたコードの出力 / what the submitted code printed:\n{shown.rstrip()}"
    return message


def _failure(report) -> str:
    longrepr = report.longrepr
    if longrepr is None:
        return ""
    if isinstance(longrepr, tuple) and len(longrepr) == 3:  # a skip: (file, line, "Skipped: reason")
        reason = str(longrepr[2])
        return reason[len("Skipped: "):] if reason.startswith("Skipped: ") else reason
    crash = getattr(longrepr, "reprcrash", None)
    if crash is not None and crash.message:
        # The kit's own failures carry no class name; a test's bare assert speaks in its own words too.
        message = crash.message
        return message[len("AssertionError: "):] if message.startswith("AssertionError: ") else message
    return str(longrepr)[-2000:]


class _Recorder:
    def __init__(self, results: dict):
        self.results = results

    @pytest.hookimpl(trylast=True)
    def pytest_runtest_logreport(self, report):
        entry = self.results.setdefault(report.nodeid, {"outcome": "passed", "message": "", "not_started": False})
        if report.when == "call" or not report.passed:
            if report.failed or report.skipped:
                entry["outcome"] = "failed" if report.failed else "skipped"
                entry["message"] = _message(report)
                entry["not_started"] = bool(dict(report.user_properties).get("not_started"))
                entry["function"] = str(dict(report.user_properties).get("function") or "")
                if dict(report.user_properties).get("pending"):   # autograder.pytest_plugin.pending
                    entry["pending"] = dict(report.user_properties)["pending"]
            elif report.when == "call":
                entry["outcome"] = "passed"


def pytest_sessionfinish(session, exitstatus):
    config = session.config
    target = config.getoption("--kit-results")
    if target:
        tmp = Path(f"{target}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(config.stash[_key], ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, target)
