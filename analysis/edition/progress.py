"""What a build prints: one line per step and per notebook, and a summary at the end.

Plain lines, so that the same output reads well in a terminal, a log file or CI. Each
report is also a checkpoint where a build that was asked to stop does stop.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

from analysis.core.text import printable

# Set when the build is asked to stop (Ctrl-C, SIGTERM, SIGHUP). The signal handler raises
# KeyboardInterrupt at once, but Python ignores an exception raised where it cannot be
# reported (in a callback of os.fork, say): the next checkpoint raises it again.
STOP = threading.Event()


def request_stop(signum=None, frame=None) -> None:
    """Signal handler: stop now, and at the next checkpoint if "now" was ignored."""
    STOP.set()
    raise KeyboardInterrupt


class Progress:
    def __init__(self, stream: TextIO | None = None, quiet: bool = False) -> None:
        self.stream = stream or sys.stdout
        self.quiet = quiet
        self.started = time.perf_counter()
        self._done = 0
        self._total = 0
        self._notebook_started: dict[str, float] = {}

    def checkpoint(self) -> None:
        """Stop here if the build was asked to stop (see STOP)."""
        if STOP.is_set():
            raise KeyboardInterrupt

    def say(self, message: str) -> None:
        self.checkpoint()
        if not self.quiet:
            try:
                print(printable(message, 1000), file=self.stream, flush=True)
            except OSError:  # the terminal is gone (SIGHUP) or the pipe closed: go on
                pass

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def notebooks(self, names: list[str], reused: int, workers: int) -> None:
        """Announce the notebooks to execute; each is timed from now."""
        self.checkpoint()
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
        self.checkpoint()
        self._notebook_started[name] = time.perf_counter()

    def notebook_done(self, name: str, error: str | None) -> None:
        self.checkpoint()
        self._done += 1
        seconds = time.perf_counter() - self._notebook_started.get(name, self.started)
        status = "failed" if error else "done"
        self.say(f"  [{self._done}/{self._total}] {name:<28} {status} in {seconds:.1f} s")

    def step(self, what: str, seconds: float) -> None:
        self.checkpoint()
        self.say(f"{what} in {seconds:.1f} s")

    def up_to_date(self, names: list[str], no_pdf: dict[str, str]) -> None:
        """Nothing to build: one line, and one more naming the PDFs still missing."""
        said = "nothing changed since the last build"
        one = len(names) == 1
        self.say(f"{names[0]}: {said}" if one else f"all {len(names)} editions up to date: {said}")
        if no_pdf:
            self.say(no_pdf_line(no_pdf, len(names)))

    def to_build(self, names: list[str], total: int, print_again: bool = False) -> None:
        """What this build does: one edition, or how many of the list."""
        if total == 1:
            doing = "printing its PDF again (Chromium changed since it failed)"
            self.say(f"{names[0]}: {doing}" if print_again else f"building {names[0]}")
            return
        current = total - len(names)
        up = f" ({current} up to date)" if current else ""
        self.say(f"{len(names)} of {total} editions to build{up}")


def no_pdf_line(missing: dict[str, str], count: int) -> str:
    """One line: which editions have no PDF, why, and when the print is tried again."""
    reasons = list(dict.fromkeys(missing.values()))
    which = next(iter(missing)) if len(missing) == 1 else f"{len(missing)} of {count} editions"
    why = reasons[0] if len(reasons) == 1 else "; ".join(f"{n}: {w}" for n, w in missing.items())
    return (
        f"still no PDF of {which} ({why}); the print is tried again when Chromium or the "
        "edition changes (apt-get install -y chromium, or MEM_CHROMIUM)"
    )
