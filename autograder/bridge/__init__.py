"""The bridge between tests (the judge) and a submission's code."""
from .client import (InProcessTransport, LimitExceeded, NotStarted, Remote, Submission,
                     SubmissionError, WorkerLost, in_process)

__all__ = ["InProcessTransport", "LimitExceeded", "NotStarted", "Remote", "Submission",
           "SubmissionError", "WorkerLost", "in_process"]
