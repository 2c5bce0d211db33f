"""What a library may ask of its environment inside the jail.

The jail has no /etc/passwd, and torch asks ``getpass.getuser()`` when it loads its compiler
(torch 2.11 on the GPU machine: ``import torch._dynamo`` raised KeyError and the zygote did
not start). The sandbox's environment answers with USER/LOGNAME.
"""
import textwrap

import pytest

from autograder.bridge import Submission
from autograder.config import Limits
from autograder.jail import WorkerPool, sandbox_available

BWRAP_OK, BWRAP_WHY = sandbox_available()
pytestmark = pytest.mark.slow   # starts a sandbox and imports torch's compiler in it

LIMITS = Limits(test_wall_seconds=60, test_cpu_seconds=60, submission_wall_seconds=300, memory_mb=4096,
                max_processes=32, max_file_mb=1, max_output_kb=16, max_submission_output_kb=64)

ASKS = '''
import getpass, os

def user():
    return getpass.getuser()

def compiler_loads():
    import torch._dynamo
    return torch._dynamo.__name__
'''


def test_getuser_and_torch_compiler_work_in_the_jail(tmp_path):
    if not BWRAP_OK:
        pytest.skip(f"bubblewrap cannot run here: {BWRAP_WHY}")
    folder = tmp_path / "asks"
    folder.mkdir()
    (folder / "asks.py").write_text(textwrap.dedent(ASKS), encoding="utf-8")
    with WorkerPool(LIMITS, sandbox="bubblewrap") as pool:
        sub = Submission(pool.open(folder), default_timeout=60)
        try:
            assert sub.asks.user() == "student"
            assert sub.asks.compiler_loads() == "torch._dynamo"
        finally:
            sub.close()
