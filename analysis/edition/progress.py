"""What a build prints: one line per step and per notebook, and a summary at the end.

Plain lines, so that the same output reads well in a terminal, a log file or CI.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, stream: TextIO | None = None, quiet: bool = False) -> None:
        self.stream = stream or sys.stdout
        self.quiet = quiet
        self.started = time.perf_counter()
        self._done = 0
        self._total = 0
        self._notebook_started: dict[str, float] = {}

    def say(self, message: str) -> None:
        if not self.quiet:
            print(message, file=self.stream, flush=True)

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def notebooks(self, names: list[str], reused: int, workers: int) -> None:
        """Announce the notebooks to execute; each is timed from now."""
        self._done, self._total = 0, len(names)
        now = time.perf_counter()
        self._notebook_started = dict.fromkeys(names, now)
        if names:
            self.say(
                f"executing {len(names)} notebook{'s' * (len(names) != 1)} "
                f"({workers} at a time; {reused} up to date)"
            )
        else:
            self.say(f"notebooks: all {reused} up to date")

    def started_notebook(self, name: str) -> None:
        self._notebook_started[name] = time.perf_counter()

    def notebook_done(self, name: str, error: str | None) -> None:
        self._done += 1
        seconds = time.perf_counter() - self._notebook_started.get(name, self.started)
        status = "failed" if error else "done"
        self.say(f"  [{self._done}/{self._total}] {name:<28} {status} in {seconds:.1f} s")

    def step(self, what: str, seconds: float) -> None:
        self.say(f"{what} in {seconds:.1f} s")
