"""One call over a worker's pipes: write the request, read the reply's frame, watch the zygote.

The reply is framed as an 8-byte length and the message; its size is checked from the
length alone and its memory taken once, so a reply never costs the judge more than it
declared. How a call ends other than with a frame is an exception: ``Overran`` (its
deadline passed), ``WorkerGone`` (the worker or its zygote ended), ``FrameError`` (too large,
or bytes after it), ``Garbage`` (a reply before the whole request was sent).
"""
from __future__ import annotations

import os
import select
import time

from autograder.bridge import codec

from .zygote import FRAME, REQUEST
from .zygotes import Worker, Zygote, ZygoteGone

MAX_REPLY_BYTES = codec.REPLY_BUDGET.decoded_bytes + codec.REPLY_BUDGET.header_bytes
EXIT_SECONDS = 5.0


class Overran(Exception):
    """The call's deadline passed."""


class WorkerGone(Exception):
    """The worker (or its zygote) ended during the call; the worker says how."""


class Garbage(Exception):
    """The worker wrote what no honest worker writes."""


class FrameError(Exception):
    """A reply frame that is too large or followed by stray bytes; ``too_large`` says which."""

    def __init__(self, message: str, too_large: bool = False):
        super().__init__(message)
        self.too_large = too_large


class FrameReader:
    """One length-prefixed reply, fed chunk by chunk: its size is checked from the first 8 bytes
    and its memory taken once, so a reply never costs more than its declared length."""

    def __init__(self, limit: int = MAX_REPLY_BYTES):
        self.limit = limit
        self.head = bytearray()
        self.body: bytearray | None = None
        self.got = 0

    def feed(self, chunk) -> bytearray | None:
        """The whole reply once it is complete, else None; FrameError when it cannot be one."""
        chunk = memoryview(chunk)
        if self.body is None:
            need = FRAME.size - len(self.head)
            self.head += chunk[:need]
            chunk = chunk[need:]
            if len(self.head) < FRAME.size:
                return None
            (size,) = FRAME.unpack(self.head)
            if size > self.limit:
                raise FrameError(f"返り値が大きすぎます(上限 {self.limit >> 20} MB) / "
                                 f"the reply is too large (limit {self.limit >> 20} MB)", too_large=True)
            self.body = bytearray(size)
        if len(chunk) > len(self.body) - self.got:
            raise FrameError("bytes after the reply")
        self.body[self.got:self.got + len(chunk)] = chunk
        self.got += len(chunk)
        return self.body if self.got == len(self.body) else None


def exchange(message: bytes, cpu_seconds: float, worker: Worker, zygote: Zygote, deadline: float) -> bytearray:
    """Send one request (with its CPU-time budget) and return the reply's frame."""
    if zygote.sock is None:
        raise WorkerGone()
    zygote.note_call(worker.id, cpu_seconds)
    outgoing = [memoryview(REQUEST.pack(len(message), cpu_seconds)), memoryview(message)]
    reader = FrameReader()
    poller = select.poll()
    poller.register(worker.request_fd, select.POLLOUT)
    poller.register(worker.reply_fd, select.POLLIN)
    poller.register(zygote.sock, select.POLLIN)
    writing = True
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise Overran()
        for fd, _flags in poller.poll(max(1, int(remaining * 1000) + 1)):
            if fd == zygote.sock.fileno():
                try:
                    event = zygote.recv(0)
                except ZygoteGone:
                    zygote.destroy()
                    worker.lost()
                    raise WorkerGone() from None
                if event is not None:
                    worker.note(event)
                    if worker.exited:
                        raise WorkerGone()
            elif fd == worker.request_fd and writing:
                try:
                    while outgoing:
                        written = os.write(worker.request_fd, outgoing[0])
                        outgoing[0] = outgoing[0][written:]
                        if not outgoing[0]:
                            outgoing.pop(0)
                except BlockingIOError:
                    pass
                except OSError:   # the worker is gone; its exit event tells why
                    outgoing = []
                if not outgoing:
                    writing = False
                    poller.unregister(worker.request_fd)
                    break
            elif fd == worker.reply_fd:
                try:
                    chunk = os.read(worker.reply_fd, 1 << 20)
                except BlockingIOError:
                    continue
                if writing and chunk:
                    raise Garbage("a reply before the whole request")
                done = _take(chunk, reader, zygote, worker)
                if done is not None:
                    return done


def _take(chunk: bytes, reader: FrameReader, zygote: Zygote, worker: Worker) -> bytearray | None:
    """Add a chunk of the reply; the whole reply once it is complete."""
    if not chunk:   # the worker closed its end: wait for the zygote to say how it ended
        zygote.await_exit(worker, EXIT_SECONDS / 2, kill_first=False)
        raise WorkerGone()
    return reader.feed(chunk)
