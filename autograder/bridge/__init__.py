"""The bridge between tests (the judge) and a submission's code."""
from .client import InProcessTransport, Remote, Submission, in_process
from .errors import LimitExceeded, NotStarted, SubmissionError, WorkerLost

__all__ = ["InProcessTransport", "LimitExceeded", "NotStarted", "Remote", "Submission",
           "SubmissionError", "WorkerLost", "in_process"]
