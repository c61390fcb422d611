"""One ingest at a time, smallest first, each job cancellable by whoever started it.

Every change to the index (upload, metadata, delete, re-index) is a ``Job`` with a size in
bytes. Jobs wait for one baton; the smallest waiting job gets it next. The holder gives it
up at its next checkpoint (the core calls it before each file and between embedding
batches) when a smaller job waits, and takes it back when that one is done – so a big upload
does not hold back somebody's two-page note. A cancelled job raises ``IngestCancelled`` at
its next checkpoint (or never starts); a job waiting to be cancelled goes first, so the
index is only ever written by the holder. Plain threads, no gradio."""

from __future__ import annotations

import itertools
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from assistant.errors import AssistantError, IngestCancelled

T = TypeVar("T")
WAITING, RUNNING, PAUSED, DONE, CANCELLED, FAILED = (
    "wartet", "läuft", "pausiert", "fertig", "abgebrochen", "fehlgeschlagen")


@dataclass(eq=False)
class Job:
    """One change to the index, as the person who started it sees it."""

    owner: str | None
    label: str
    size: int
    seq: int = 0
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    state: str = WAITING
    progress: tuple[float, str] = (0.0, "")
    cancel_requested: bool = False
    result: object = None
    summary: str = ""  # what to show when it is done (set by whoever runs it)
    error: BaseException | None = None
    paused: int = 0  # times it let a smaller job go first
    stopped: bool = False  # a checkpoint stopped it (IngestCancelled)
    finished_at: float = 0.0

    @property
    def done(self) -> bool:
        return self.state in (DONE, CANCELLED, FAILED)

    def key(self) -> tuple:
        # a job to be cancelled goes first: it only stops, and the index is free sooner
        return (not self.cancel_requested, self.size, self.seq)


class IngestQueue:
    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._jobs: dict[str, Job] = {}
        self._holder: Job | None = None
        self._seq = itertools.count()

    # --- what the page asks -------------------------------------------------------------
    def submit(self, owner: str | None, label: str, size: int) -> Job:
        with self._cond:
            job = Job(owner, label, max(int(size), 0), next(self._seq))
            self._jobs[job.id] = job
            return job

    def job(self, job_id: str | None) -> Job | None:
        with self._cond:
            return self._jobs.get(job_id or "")

    def position(self, job: Job) -> int:
        """0 while it runs; else its place among the jobs waiting for the index (1 = next)."""
        with self._cond:
            if self._holder is job:
                return 0
            ahead = [j for j in self._waiting() if j.key() < job.key()]
            return len(ahead) + 1

    def cancel(self, job_id: str | None, owner: str | None) -> Job:
        with self._cond:
            job = self._jobs.get(job_id or "")
            if job is None:
                raise AssistantError("Es läuft kein Einlesen, das sich abbrechen ließe.")
            if job.owner != owner:
                raise AssistantError("Dieses Einlesen hat jemand anderes gestartet; abbrechen "
                                     "kann es nur diese Person.")
            if not job.done:
                job.cancel_requested = True
                self._cond.notify_all()
            return job

    # --- what the worker does -----------------------------------------------------------
    def run(self, job: Job, work: Callable[[Callable[[], None]], T]) -> T | None:
        """Wait for the index, then ``work(checkpoint)``; returns its result, or None when
        the job was cancelled before it started or its work let ``IngestCancelled`` out.
        Other errors are kept on the job and raised."""
        if not self._acquire(job, first=True):
            self._finish(job, CANCELLED)
            return None
        try:
            job.result = work(lambda: self.checkpoint(job))
        except IngestCancelled:
            job.stopped = True
        except BaseException as exc:
            job.error = exc
            self._finish(job, FAILED)
            raise
        finally:
            self._release(job)
        self._finish(job, CANCELLED if job.stopped else DONE)
        return job.result

    def checkpoint(self, job: Job) -> None:
        """Called by the core before each file and between batches (holder's thread)."""
        self._stop_if_cancelled(job)
        with self._cond:
            if not any(j.key() < job.key() for j in self._waiting()):
                return
            job.paused += 1
            self._holder = None
            job.state = PAUSED
            self._cond.notify_all()
        self._acquire(job, first=False)
        self._stop_if_cancelled(job)

    @staticmethod
    def _stop_if_cancelled(job: Job) -> None:
        if job.cancel_requested:
            job.stopped = True
            raise IngestCancelled("Das Einlesen wurde abgebrochen.")

    def _waiting(self) -> list[Job]:
        return [j for j in self._jobs.values() if j.state in (WAITING, PAUSED)
                and j is not self._holder]

    def _acquire(self, job: Job, first: bool) -> bool:
        with self._cond:
            while True:
                if first and job.cancel_requested:
                    return False  # never started: nothing to undo
                best = min(self._waiting(), key=Job.key, default=None)
                if self._holder is None and best is job:
                    self._holder = job
                    job.state = RUNNING
                    return True
                self._cond.wait(timeout=1.0)

    def _release(self, job: Job) -> None:
        with self._cond:
            if self._holder is job:
                self._holder = None
            self._cond.notify_all()

    def _finish(self, job: Job, state: str) -> None:
        with self._cond:
            job.state = state
            job.finished_at = time.monotonic()
            # keep finished jobs a while for late questions about them, not forever
            done = [j for j in self._jobs.values() if j.done]
            for old in done[:-100]:
                self._jobs.pop(old.id, None)
            self._cond.notify_all()
