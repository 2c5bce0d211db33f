"""The jail: student code runs in a sandboxed worker; the judge talks to it over pipes.

    pool = WorkerPool(limits)                 # bubblewrap when usable, else a loud warning
    transport = pool.open(student_folder)     # a fresh worker state for this student
    submission = Submission(transport, default_timeout=limits.test_wall_seconds)

or, for a pytest run: ``pytest.main([...], plugins=[JailPlugin(pool)])``.
"""
from .plugin import JailPlugin
from .pool import JailError, JailTransport, SubmissionTooLarge, WorkerPool
from .sandbox import sandbox_available

__all__ = ["JailError", "JailPlugin", "JailTransport", "SubmissionTooLarge", "WorkerPool", "sandbox_available"]
