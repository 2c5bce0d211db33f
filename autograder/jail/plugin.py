"""pytest plugin object: the ``submission`` fixture backed by a jailed worker."""
from __future__ import annotations

from pathlib import Path

from autograder.bridge.client import Submission


class JailPlugin:
    """``pytest.main([...], plugins=[JailPlugin(pool)])`` runs the suites against jailed code."""

    def __init__(self, pool):
        self.pool = pool

    def pytest_kit_make_submission(self, config, path):
        transport = self.pool.open(Path(path))
        return Submission(transport, label=str(path), default_timeout=self.pool.limits.test_wall_seconds)
