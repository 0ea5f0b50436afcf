"""How long do the checks take? `make test` right after `make book`, and `make check`.

On a scratch copy of the project (no _build or .git; this project's .venv, linked), in
this order, `--repeat` times:

1. `make book` from nothing: the baseline of this run (same machine, same load);
2. `make test` right after it: what a developer waits for before pushing;
3. `make check`: the inner loop (unit, data, command line; nothing built, no browser).

Each is timed in wall-clock seconds and in CPU seconds (user + system of the command's
processes, as they are waited for), and given as a ratio to the baseline measured in the
same round. Then, from pytest's JUnit XML of the last round (`PYTEST_ARGS=--junitxml=...`),
the slowest tests of `make test` and `make check` and the time of each test folder
(tests/unit, data, cli, build, built, browser; `book` is nbval), summed over the tests
(worker time: with 2 workers, about twice the wall-clock time), each as seconds and as a
ratio to the same baseline. The goals of issue 27 on a 2-core machine (`make test` at most
3 minutes after `make book`, `make check` at most 20 s) are wall-clock times on an otherwise
idle machine: the load averages are printed before and after, and a CPU time well below
twice the wall-clock time on 2 cores says that other work shared the machine meanwhile.
Medians over the rounds.

Not a test: nothing here passes or fails.

    .venv/bin/python benchmarks/suite.py [--repeat N] [--keep]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOT_COPIED = shutil.ignore_patterns(
    ".venv",
    "_build",
    ".git",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    "*.egg-info",
    "tools",
)
REPORT_TEXT = ROOT.parent / "shared" / "source" / "mem-peru-2023.txt"
GOALS = {"make test": 180.0, "make check": 20.0}  # seconds, wall-clock, 2 idle cores
SLOWEST = 15  # tests listed, per command


@dataclass
class Timing:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def add(self, wall: float, cpu: float) -> None:
        self.wall.append(wall)
        self.cpu.append(cpu)


def scratch_copy(parent: Path) -> Path:
    """The project without its build, its history or its environment (linked instead)."""
    copy = parent / "project"
    shutil.copytree(ROOT, copy, ignore=NOT_COPIED)
    (copy / ".venv").symlink_to(ROOT / ".venv")
    tools = ROOT / ".ci" / "tools"
    if tools.is_dir():  # actionlint, for tests/unit/test_workflow.py
        (copy / ".ci" / "tools").symlink_to(tools)
    return copy


def run(target: str, where: Path, junit: Path | None = None) -> tuple[float, float]:
    """`make TARGET` in `where`: (wall-clock seconds, CPU seconds). Fails loudly. With
    `junit`, pytest writes each test's time there."""
    # `-o`: the linked environment counts as installed, whatever the copy's file times say.
    command = ["make", "-o", ".venv/.installed", target]
    if junit is not None:
        command.append(f"PYTEST_ARGS=--junitxml={junit}")
    # The copy's `analysis`, not the one the environment's editable install points to.
    environment = {**os.environ, "PYTHONPATH": str(where)}
    if "MEM_REPORT_TEXT" not in environment and REPORT_TEXT.is_file():
        environment["MEM_REPORT_TEXT"] = str(REPORT_TEXT)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, cwd=where, env=environment, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        output = result.stdout[-3000:] + result.stderr[-3000:]
        sys.exit(f"`make {target}` failed in {where}:\n{output}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def test_times(junit: Path) -> list[tuple[str, float]]:
    """(test id, seconds) of every test case in pytest's JUnit XML."""
    import xml.etree.ElementTree as ElementTree

    cases = []
    for case in ElementTree.parse(junit).getroot().iter("testcase"):
        module = case.get("classname", "").replace(".", "/")
        cases.append((f"{module}::{case.get('name')}", float(case.get("time") or 0.0)))
    return cases


def folder_of(test: str) -> str:
    """tests/unit, tests/browser, ... or book (nbval) for a test id from `test_times`."""
    parts = test.split("::")[0].split("/")
    if parts[0] == "tests" and len(parts) > 2:
        return "/".join(parts[:2])
    return parts[0]


def report_tests(name: str, junit: Path, baseline: float) -> None:
    """The slowest tests of one command and the time by folder, as ratios to the baseline."""
    cases = test_times(junit)
    total = sum(seconds for _, seconds in cases)
    print(f"\n{name}: {len(cases)} tests, {total:.1f} s summed over the tests "
          f"({total / baseline:.2f} x `make book`)")  # fmt: skip
    print(f"  by folder{'s':>52}{'/ book':>9}{'tests':>7}")
    folders: dict[str, list[float]] = {}
    for test, seconds in cases:
        folders.setdefault(folder_of(test), []).append(seconds)
    for folder, times in sorted(folders.items(), key=lambda item: -sum(item[1])):
        print(f"  {folder:<58}{sum(times):7.1f}{sum(times) / baseline:9.3f}{len(times):7d}")
    print(f"  slowest {SLOWEST}")
    for test, seconds in sorted(cases, key=lambda case: -case[1])[:SLOWEST]:
        shown = test if len(test) <= 58 else test[:55] + "..."
        print(f"  {shown:<58}{seconds:7.1f}{seconds / baseline:9.3f}")


def load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="rounds (medians are reported)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch copies")
    arguments = parser.parse_args(argv)
    timings = {name: Timing() for name in ("make book", "make test", "make check")}
    reports = Path(tempfile.mkdtemp(prefix="mem-bench-junit-"))
    junits = {name: reports / f"{name.split()[1]}.xml" for name in ("make test", "make check")}
    print(f"{os.cpu_count()} cores; load averages before: {load()}", flush=True)
    for round_number in range(1, arguments.repeat + 1):
        folder = Path(tempfile.mkdtemp(prefix="mem-bench-suite-"))
        try:
            copy = scratch_copy(folder)
            for name in timings:
                wall, cpu = run(name.split()[1], copy, junits.get(name))
                timings[name].add(wall, cpu)
                print(
                    f"round {round_number}: {name:<10} {wall:7.1f} s wall {cpu:7.1f} s CPU",
                    flush=True,
                )
        finally:
            if not arguments.keep:
                shutil.rmtree(folder, ignore_errors=True)
    print(f"load averages after: {load()}")
    baseline = statistics.median(timings["make book"].wall)
    print()
    print(f"{'':<11}{'wall s':>9}{'CPU s':>9}{'/ book':>9}{'goal s':>9}")
    for name, timing in timings.items():
        wall, cpu = statistics.median(timing.wall), statistics.median(timing.cpu)
        goal = GOALS.get(name)
        verdict = f"{goal:9.0f}" + (" met" if wall <= goal else " not met") if goal else ""
        print(f"{name:<11}{wall:9.1f}{cpu:9.1f}{wall / baseline:9.2f}{verdict}")
    for name, junit in junits.items():
        report_tests(name, junit, baseline)
    shutil.rmtree(reports, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
