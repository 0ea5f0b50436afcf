"""How a build fails: its errors, each one line, and the steps whose file system errors
name the step (a full disk, `ulimit -f`, a read-only folder)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from analysis.edition import atomic


class BuildError(RuntimeError):
    """A step of the build failed; the message says which and why."""


class DataBuildError(BuildError):
    """The data break their contract."""


class StepError(BuildError):
    """A file system error in a step of the build; the message names the step."""


class Interrupted(KeyboardInterrupt):
    """The build was stopped; `published` names the editions it had published by then."""

    def __init__(self, published: list[str]) -> None:
        super().__init__()
        self.published = published


@contextlib.contextmanager
def step(what: str) -> Iterator[None]:
    """A step of the build: a file system error in it stops the build with one line that
    says which step, and where."""
    try:
        yield
    except OSError as exc:
        raise StepError(f"{what}: {atomic.describe(exc)}") from None


def reason(exc: BaseException) -> str:
    """Why a step failed, in one line: the build's own words, a file system error's cause
    and place, or the exception's first line after its kind."""
    if isinstance(exc, OSError):
        return atomic.describe(exc)
    if isinstance(exc, BuildError):
        return str(exc)
    return one_line(exc)


def one_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text.splitlines()[0] if text else ''}".rstrip(": ")
