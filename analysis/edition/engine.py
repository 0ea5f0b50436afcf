"""Running a notebook's cells in this process: the shell behind the papermill engine.

A Jupyter kernel per notebook costs a process start and the imports of pandas and
matplotlib every time. The build instead imports them once, then forks a worker per
notebook (see workers.py); in the worker, papermill runs the notebook through the engine
`mem-inprocess` (papermill_engine.py), which executes each cell here, in a fresh IPython
shell, and records its outputs exactly as a kernel sends them (stream, display_data,
execute_result, error). nbval, in the tests, re-executes the same notebooks in real kernels
and compares: the two must agree.
"""

from __future__ import annotations

import signal
import sys
import threading

from IPython.core.displayhook import DisplayHook
from IPython.core.displaypub import DisplayPublisher
from IPython.core.interactiveshell import InteractiveShell
from nbformat.v4 import new_output
from traitlets.config import Config

from analysis.edition.workers import end_worker

# Seconds a cell may run: generous (the slowest cell takes seconds), but a cell that never
# ends must not hang the build. papermill's `execution_timeout` (--execution-timeout) sets it.
CELL_TIMEOUT = 600.0


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
            end_worker(f"{self.cell} {said}, and would not stop")
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
    return cell_words(cell.execution_count, cell.get("id"), cell.source)


def cell_words(number, cell_id: str | None, source: str) -> str:
    """A cell as a reader finds it in its template: its number, id and first line."""
    from analysis.core.text import printable

    first = next((line.strip() for line in source.splitlines() if line.strip()), "")
    named = f"id {cell_id!r}, " if cell_id else ""
    return f"cell {number} ({named}first line: {printable(first, 60)})"
