"""Publishing without ever showing half a book: locks, scratch folders and an atomic swap.

The published HTML of an edition is a symbolic link (`_build/html`, or the variant's
`html`) to a complete tree. A build copies its new tree beside the old one, then
replaces the link with one rename: a reader sees the old book or the new one. One lock
per edition keeps two builds of the same edition from interleaving.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

from analysis.core.text import printable, short_path

SITES = ".sites"  # beside the link: the complete trees it may point to


class LockBusy(RuntimeError):
    """Another build of the same edition holds its lock."""


@contextlib.contextmanager
def edition_lock(path: Path, wait: bool = True, on_wait=None) -> Iterator[None]:
    """Hold the lock file `path` for the duration (released when the process ends, too).

    Its holder may remove the file (`remove_lock`: an edition that never was published
    leaves nothing behind), so a lock is held only once the file locked is still the one
    at `path`; otherwise it is taken again on the new file.
    """
    waited = False
    while True:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            handle = open(path, "a+")  # closed below, or when the lock ends
        except FileNotFoundError:  # its folder was removed meanwhile (remove_lock)
            continue
        try:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if not wait:
                    raise LockBusy(str(path)) from None
                if on_wait and not waited:
                    on_wait()
                waited = True
                fcntl.flock(handle, fcntl.LOCK_EX)
            if _same_file(handle, path):
                break
        except BaseException:
            handle.close()
            raise
        handle.close()  # removed by the build that held it: lock the file there now
    try:
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def _same_file(handle, path: Path) -> bool:
    try:
        now = os.stat(path)
    except FileNotFoundError:
        return False
    held = os.fstat(handle.fileno())
    return (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino)


def remove_lock(path: Path) -> None:
    """Remove the lock file `path`, held by this process (see edition_lock), and its folder
    if nothing else is in it."""
    with contextlib.suppress(OSError):
        path.unlink()
    with contextlib.suppress(OSError):
        path.parent.rmdir()


@contextlib.contextmanager
def scratch_folder(parent: Path, prefix: str) -> Iterator[Path]:
    """A folder of this build's own, removed afterwards whatever happens."""
    parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f"{prefix}-{os.getpid()}-", dir=parent))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def remove_stale_scratch(parent: Path) -> None:
    """Scratch folders left by builds that were killed (their process no longer runs)."""
    if not parent.is_dir():
        return
    for folder in parent.iterdir():
        parts = folder.name.split("-")
        pid = next((int(part) for part in parts if part.isdigit()), None)
        if pid is not None and not alive(pid):
            shutil.rmtree(folder, ignore_errors=True)


def alive(pid: int) -> bool:
    """Whether process `pid` still runs."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write `data` to `path` unless it already holds exactly that; True when written.

    Unchanged files keep their time stamps, so Sphinx re-reads only what changed.
    """
    if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError as exc:  # a write names no file: say which (a full disk, ulimit -f)
        if exc.filename is None:
            raise OSError(exc.errno, exc.strerror, str(path)) from None
        raise
    finally:
        temporary.unlink(missing_ok=True)
    return True


def copy_if_changed(source: Path, target: Path) -> bool:
    return write_if_changed(target, source.read_bytes())


def publish_tree(built: Path, link: Path) -> Path:
    """Copy the tree `built` next to `link` and point `link` at the copy, atomically.

    A failure while copying (a full disk, say) stops the copy at once, removes what was
    copied and leaves the link, and the book it points to, as they were.
    """
    sites = link.parent / SITES
    sites.mkdir(parents=True, exist_ok=True)
    target = sites / f"{link.name}-{uuid.uuid4().hex[:12]}"
    try:
        shutil.copytree(built, target, copy_function=_copy_or_stop)
    except _CopyStopped as stopped:
        shutil.rmtree(target, ignore_errors=True)
        raise stopped.error from None
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    previous = os.readlink(link) if link.is_symlink() else None
    if link.exists() and not link.is_symlink():  # a real folder from an older layout
        link.rename(sites / f"{link.name}-old-{uuid.uuid4().hex[:12]}")
    pointer = link.with_name(f".{link.name}.{uuid.uuid4().hex[:8]}.link")
    os.symlink(os.path.relpath(target, link.parent), pointer)
    os.replace(pointer, link)  # the one step a reader could notice: old book, then new
    for old in sites.glob(f"{link.name}-*"):
        if old != target and (previous is None or old.name != Path(previous).name):
            shutil.rmtree(old, ignore_errors=True)
    if previous is not None:
        shutil.rmtree(link.parent / previous, ignore_errors=True)
    return target


class _CopyStopped(Exception):
    """Not an OSError, so that copytree stops instead of trying every other file."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error)
        self.error = error


def _copy_or_stop(source: str, target: str) -> str:
    try:
        return shutil.copy2(source, target)
    except OSError as exc:
        raise _CopyStopped(exc) from None


def disk_full(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)


def describe(exc: OSError) -> str:
    """A file system error in one short line: its cause and where, never a list of files.

    (shutil.copytree gathers an error per file into one shutil.Error: the first is told.)
    """
    if isinstance(exc, shutil.Error) and exc.args and isinstance(exc.args[0], list):
        errors = exc.args[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        first = errors[0][2] if errors and len(errors[0]) == 3 else exc
        return printable(first, 200) + more
    reason = (exc.strerror or type(exc).__name__).lower()
    where = exc.filename if exc.filename is not None else ""
    return f"{reason} ({short_path(where)})" if where else reason
