"""The jail: student code runs in a sandboxed worker; the judge talks to it over pipes.

    pool = WorkerPool(limits)                 # bubblewrap when usable, else a loud warning
    transport = pool.open(student_folder)     # a fresh worker state for this student
    submission = Submission(transport, default_timeout=limits.test_wall_seconds)

or, for a pytest run: ``pytest.main([...], plugins=[JailPlugin(pool)])``.

    sandbox.py    the bubblewrap command line: what a worker can see
    memcap.py     how a worker's memory is capped (cgroup v2 or RLIMIT_DATA)
    zygote.py     inside the sandbox: the fork server and the worker it forks
    zygotes.py    the judge's side of a zygote: start it, talk to it, end it
    staging.py    the student's files where the sandbox shows them
    exchange.py   one call over a worker's pipes
    transport.py  one student's connection (the bridge's transport)
    pool.py       warm zygotes, one fresh worker per student
    plugin.py     the pytest plugin that hands the suites a jailed submission
"""
from .plugin import JailPlugin
from .pool import WorkerPool
from .sandbox import sandbox_available
from .transport import JailTransport
from .zygotes import JailError

__all__ = ["JailError", "JailPlugin", "JailTransport", "WorkerPool", "sandbox_available"]
