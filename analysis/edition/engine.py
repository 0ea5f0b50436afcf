"""Running notebooks fast: a papermill engine that executes in this process, and forked workers.

A Jupyter kernel per notebook costs a process start and the imports of pandas and
matplotlib every time. The build instead imports them once, then forks a worker per
notebook; in the worker, papermill runs the notebook through this engine, which executes
each cell in a fresh IPython shell and records its outputs exactly as a kernel sends them
(stream, display_data, execute_result, error). nbval, in the tests, re-executes the same
notebooks in real kernels and compares: the two must agree.

Workers die with the build: each asks the kernel (Linux prctl) to kill it when its parent
goes, however the parent ends.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection, wait

from IPython.core.displayhook import DisplayHook
from IPython.core.displaypub import DisplayPublisher
from IPython.core.interactiveshell import InteractiveShell
from nbformat.v4 import new_output
from traitlets.config import Config

ENGINE_NAME = "mem-inprocess"
WORKER_DIED = "the worker process died"
# Seconds a cell may run: generous (the slowest cell takes seconds), but a cell that never
# ends must not hang the build. papermill's `execution_timeout` (--execution-timeout) sets it.
CELL_TIMEOUT = 600.0
Job = Callable[[], "str | None"]  # returns an error line, or None when it succeeded
_PR_SET_PDEATHSIG = 1


class _Outputs:
    """Where the cell being executed collects its outputs."""

    current: list = []


class _Publisher(DisplayPublisher):
    def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kw):
        _Outputs.current.append(new_output("display_data", data=data, metadata=metadata or {}))

    def clear_output(self, wait=False):
        _Outputs.current.clear()


class _DisplayHook(DisplayHook):
    """The value of a cell's last expression, as an execute_result."""

    def start_displayhook(self):
        self._result = None

    def write_output_prompt(self):
        pass

    def write_format_data(self, format_dict, md_dict=None):
        self._result = (format_dict, md_dict or {})

    def finish_displayhook(self):
        if self._result:
            data, metadata = self._result
            _Outputs.current.append(
                new_output(
                    "execute_result",
                    data=data,
                    metadata=metadata,
                    execution_count=self.shell.execution_count,
                )
            )
        self._result = None


class _Stream:
    """sys.stdout or sys.stderr during a cell: text joins the cell's last stream output."""

    def __init__(self, name: str) -> None:
        self.name = name

    def write(self, text: str) -> int:
        outputs = _Outputs.current
        if outputs and outputs[-1].output_type == "stream" and outputs[-1].name == self.name:
            outputs[-1].text += text
        else:
            outputs.append(new_output("stream", name=self.name, text=text))
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


class _Shell(InteractiveShell):
    displayhook_class = _DisplayHook
    display_pub_class = _Publisher

    def showtraceback(self, *args, **kwargs):
        # The cell has ended with an error: no cell timeout may cut its report short.
        signal.setitimer(signal.ITIMER_REAL, 0)
        super().showtraceback(*args, **kwargs)

    def _showtraceback(self, etype, evalue, stb):
        _Outputs.current.append(
            new_output("error", ename=etype.__name__, evalue=str(evalue), traceback=stb)
        )


class CellTimeout(Exception):
    """A cell ran beyond the engine's cell timeout."""


class _Alarm:
    """SIGALRM raises CellTimeout in the running cell after `seconds`, and again every few
    seconds should the cell catch it; a cell that catches it every time ends its process,
    saying why. Only in the main thread, where signals arrive."""

    REPEAT = 5.0
    TRIES = 3

    def __init__(self, seconds: float | None, cell: str) -> None:
        usable = threading.current_thread() is threading.main_thread()
        self.seconds = seconds if seconds and seconds > 0 and usable else None
        self.cell = cell
        self.previous = None
        self.fired = 0

    def __enter__(self) -> _Alarm:
        if self.seconds:
            self.previous = signal.signal(signal.SIGALRM, self._fire)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def _fire(self, signum, frame) -> None:
        self.fired += 1
        said = f"did not finish within {self.seconds:g} s (cell timeout)"
        if self.fired > self.TRIES:
            _end_worker(f"{self.cell} {said}, and would not stop")
        signal.setitimer(signal.ITIMER_REAL, self.REPEAT)
        raise CellTimeout(f"the cell {said}")

    def __exit__(self, *exc) -> None:
        if self.seconds:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous or signal.SIG_DFL)


def run_cells(nb_man, timeout: float | None = CELL_TIMEOUT) -> None:
    """Execute the managed notebook's cells in a fresh IPython shell in this process,
    recording each cell's outputs as a kernel sends them (see papermill_engine.py); a cell
    running beyond `timeout` seconds fails with CellTimeout."""
    _Shell.clear_instance()  # a fresh shell per notebook, even when several run in a process
    InteractiveShell.clear_instance()
    shell = _Shell.instance(config=Config({"HistoryManager": {"enabled": False}}))
    streams = sys.stdout, sys.stderr
    try:
        for index, cell in enumerate(nb_man.nb.cells):
            nb_man.cell_start(cell, index)
            if cell.cell_type != "code":
                nb_man.cell_complete(cell, index)
                continue
            cell.outputs = _Outputs.current = []
            cell.execution_count = shell.execution_count
            sys.stdout, sys.stderr = _Stream("stdout"), _Stream("stderr")
            try:
                with _Alarm(timeout, _cell_name(cell)):
                    result = shell.run_cell(cell.source, store_history=True)
            finally:
                sys.stdout, sys.stderr = streams
            if not result.success:
                nb_man.cell_exception(cell, cell_index=index, exception=result.error_in_exec)
                nb_man.cell_complete(cell, index)
                break
            nb_man.cell_complete(cell, index)
    finally:
        sys.stdout, sys.stderr = streams
        _Shell.clear_instance()
        InteractiveShell.clear_instance()


def _cell_name(cell) -> str:
    """A cell as a reader finds it: its number, id and first line."""
    from analysis.contract.userfiles import printable

    first = next((line.strip() for line in cell.source.splitlines() if line.strip()), "")
    named = f"id {cell.get('id')!r}, " if cell.get("id") else ""
    return f"cell {cell.execution_count} ({named}first line: {printable(first, 60)})"


# In a worker: how to tell the parent why the worker ends before its job returns.
_report: Callable[[str], None] | None = None


def _end_worker(message: str) -> None:
    """End this process at once, with `message` for the parent (or on standard error)."""
    try:
        if _report is not None:
            _report(message)
        else:
            sys.__stderr__.write(f"error: {message}\n")
            sys.__stderr__.flush()
    finally:
        os._exit(1)


def register() -> None:
    """Make the engine known to papermill (also declared as an entry point in pyproject)."""
    from papermill.engines import papermill_engines

    if ENGINE_NAME not in papermill_engines._engines:
        from analysis.edition.papermill_engine import InProcessEngine

        papermill_engines.register(ENGINE_NAME, InProcessEngine)


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
        keep_going: bool = False,
    ) -> list[str]:
        """Run every (name, job); call done(name, error) as each ends; return the errors.

        `started(name)` is called as each job starts; `idle` once, after the first have.
        `done` may return more (name, job) pairs, which run next, before those still
        waiting. The first error ends the others at once (the build has failed, and says
        why), unless `keep_going`: then the other jobs go on (each edition of a site fails
        or succeeds on its own).
        """
        pending, errors = list(jobs), []
        try:
            while pending or self._running:
                while pending and len(self._running) < self.limit and (keep_going or not errors):
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
                    pending[:0] = done(name, error) or []
                if errors and not keep_going:
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


def run_forked(job: Job, name: str = "worker") -> str | None:
    """Run one job in a forked process; return its error line, or None."""
    errors = Workers(1).run([(name, job)], lambda *_: None)
    return errors[0].split(": ", 1)[1] if errors else None
