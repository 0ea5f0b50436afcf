"""Forked worker processes: each job of a build runs in one, and dies with the build.

The build imports pandas, matplotlib and Sphinx once, then forks a worker per job (a
notebook, an edition's HTML, its print), at most one per core. Each worker asks the kernel
(Linux prctl) to kill it when its parent goes, however the parent ends, and reports one
line: None when its job succeeded, or why it failed; a worker that dies without a word
(killed, out of memory) is named with the signal that ended it.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import tempfile
from collections.abc import Callable
from multiprocessing.connection import Connection, wait
from pathlib import Path

WORKER_DIED = "the worker process died"
Job = Callable[[], "str | None"]  # returns an error line, or None when it succeeded
_PR_SET_PDEATHSIG = 1

# In a worker: how to tell the parent why the worker ends before its job returns.
_report: Callable[[str], None] | None = None


def end_worker(message: str) -> None:
    """End this process at once, with `message` for the parent (or on standard error)."""
    try:
        if _report is not None:
            _report(message)
        else:
            sys.__stderr__.write(f"error: {message}\n")
            sys.__stderr__.flush()
    finally:
        os._exit(1)


def end_children() -> None:
    """Kill every process this one started (a browser and its driver, say), and wait."""
    import psutil

    children = psutil.Process().children(recursive=True)
    for child in children:
        with contextlib.suppress(psutil.Error):
            child.kill()
    psutil.wait_procs(children, timeout=5)


def time_limit(seconds: int, what: str) -> None:
    """In a worker: after `seconds`, end every process it started and the worker itself,
    saying that `what` did not finish in time."""

    def expired(*_) -> None:
        end_children()
        end_worker(f"{what} did not finish within {seconds} s")

    signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)


def temporary_files_in(folder: Path) -> None:
    """In a worker: temporary files (a crash log of Sphinx, say) go to `folder`, which the
    build removes with its scratch, and never to the system's temporary folder."""
    folder.mkdir(exist_ok=True)
    tempfile.tempdir = str(folder)
    os.environ["TMPDIR"] = str(folder)


def _die_with_parent(parent: int) -> None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the parent's handlers must do
        pass
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _child(parent: int, job: Job, sender: Connection) -> None:
    global _report
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    _report = sender.send
    try:
        error = job()
    except BaseException as exc:  # unexpected: reported to the parent as one line
        error = f"{type(exc).__name__}: {exc}"
    sender.send(error)
    sender.close()
    os._exit(1 if error else 0)


class Workers:
    """Run jobs in forked processes, at most `limit` at a time, reporting each as it ends."""

    def __init__(self, limit: int) -> None:
        self.limit = max(1, limit)
        self._context = multiprocessing.get_context("fork")
        self._running: dict[int, tuple[str, multiprocessing.Process, Connection]] = {}

    def run(
        self,
        jobs: list[tuple[str, Job]],
        done: Callable,
        idle: Callable | None = None,
        started: Callable | None = None,
        keep_going: bool | Callable[[str], bool] = False,
    ) -> list[str]:
        """Run every (name, job); call done(name, error) as each ends; return the errors.

        `started(name)` is called as each job starts; `idle` once, after the first have.
        `done` may return more (name, job) pairs, which run next, before those still
        waiting. The first error ends the others at once (the build has failed, and says
        why), unless `keep_going` (for every job, or for those it says yes to by name):
        then the other jobs go on (each edition of a site fails or succeeds on its own; a
        print that failed leaves its edition without a PDF).
        """
        pending, errors, stop = list(jobs), [], False
        tolerated = keep_going if callable(keep_going) else (lambda _: keep_going)
        try:
            while pending or self._running:
                while pending and len(self._running) < self.limit and not stop:
                    name, job = pending.pop(0)
                    if started:
                        started(name)
                    self._start(name, job)
                if not self._running:
                    break
                if idle:
                    idle()
                    idle = None
                ready = wait([process.sentinel for _, process, _ in self._running.values()])
                for sentinel in ready:
                    name, process, receiver = self._running.pop(sentinel)
                    error = _result(receiver, process)
                    if error:
                        errors.append(f"{name}: {error}")
                        stop = stop or not tolerated(name)
                    pending[:0] = done(name, error) or []
                if stop:
                    break
        finally:
            self.stop()
        return errors

    def _start(self, name: str, job: Job) -> None:
        receiver, sender = self._context.Pipe(duplex=False)
        process = self._context.Process(
            target=_child, args=(os.getpid(), job, sender), name=name, daemon=True
        )
        process.start()
        sender.close()
        self._running[process.sentinel] = (name, process, receiver)

    def stop(self) -> None:
        """End every worker still running."""
        for _, process, _ in self._running.values():
            process.kill()
        for _, process, _ in self._running.values():
            process.join()
        self._running.clear()


def _result(receiver: Connection, process: multiprocessing.Process) -> str | None:
    """What a finished worker reported; if it ended without a word (killed, say), why."""
    try:
        error = receiver.recv() if receiver.poll() else WORKER_DIED
    except (EOFError, OSError):  # the pipe closed with nothing in it: the worker died
        error = WORKER_DIED
    finally:
        receiver.close()
    process.join()
    if error == WORKER_DIED and process.exitcode is not None and process.exitcode < 0:
        try:
            cause = signal.Signals(-process.exitcode).name
        except ValueError:
            cause = f"signal {-process.exitcode}"
        error = f"{WORKER_DIED} (killed by {cause})"
    elif error == WORKER_DIED and process.exitcode:
        error = f"{WORKER_DIED} (exit status {process.exitcode})"
    return error
