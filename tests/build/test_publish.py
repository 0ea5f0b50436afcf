"""Publishing is atomic: a reader sees the old book or the new one, never half; builds of one
edition do not interleave; a build that is stopped leaves no workers and the old book intact."""

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from analysis.contract.parameters import Edition
from analysis.edition import atomic
from analysis.edition.layout import Layout
from analysis.edition.notebooks import notebook_digest
from tests.conftest import ROOT, test_build


def _tree(folder: Path, files: int, marker: str) -> Path:
    folder.mkdir(parents=True)
    for i in range(files):
        (folder / f"page{i:04d}.html").write_text(f"{marker} {i}\n" * 50)
    (folder / "index.html").write_text(marker)
    return folder


def _complete(link: Path) -> str:
    """The marker of the tree the link shows, checking that the tree is whole."""
    marker = (link / "index.html").read_text()
    pages = sorted(link.glob("page*.html"))
    assert pages and all(p.read_text().startswith(f"{marker} ") for p in pages), marker
    return marker


def test_publishing_swaps_the_whole_tree(tmp_path):
    link = tmp_path / "html"
    atomic.publish_tree(_tree(tmp_path / "one", 20, "old"), link)
    atomic.publish_tree(_tree(tmp_path / "two", 20, "new"), link)
    assert link.is_symlink() and _complete(link) == "new"
    assert len(list((tmp_path / atomic.SITES).iterdir())) == 1  # the old tree is gone


def test_a_full_disk_while_copying_leaves_the_old_book(tmp_path, monkeypatch):
    link = tmp_path / "html"
    atomic.publish_tree(_tree(tmp_path / "one", 20, "old"), link)
    copied = []

    def copy_then_fail(source, target, *args, **kwargs):
        Path(target).mkdir()
        (Path(target) / "page0000.html").write_text("")
        copied.append(target)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copytree", copy_then_fail)
    with pytest.raises(OSError) as caught:
        atomic.publish_tree(_tree(tmp_path / "two", 20, "new"), link)
    assert atomic.disk_full(caught.value)
    assert _complete(link) == "old"
    assert copied and not Path(copied[0]).exists()  # the partial copy is removed


PUBLISH_FOREVER = """
import sys
from pathlib import Path
from analysis.edition.atomic import publish_tree
link, trees = Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]]
print("ready", flush=True)
while True:
    for tree in trees:
        publish_tree(tree, link)
"""


def test_killing_a_publish_at_any_moment_leaves_a_whole_book(tmp_path):
    link = tmp_path / "html"
    old, new = _tree(tmp_path / "old", 300, "old"), _tree(tmp_path / "new", 300, "new")
    atomic.publish_tree(old, link)
    seen = set()
    for delay in (0.05, 0.11, 0.23, 0.31, 0.47, 0.6):
        process = subprocess.Popen(
            [sys.executable, "-c", PUBLISH_FOREVER, str(link), str(old), str(new)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert process.stdout.readline().strip() == "ready"
        time.sleep(delay)
        process.kill()
        process.wait()
        seen.add(_complete(link))
    assert seen <= {"old", "new"}


def _build(*arguments: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "analysis", "build", "--build-dir", str(test_build()), *arguments],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


VARIANT = ["--set", "opd_grouping=source"]  # one short notebook reads it: a cheap variant


def _variant_html() -> Path:
    return Layout.for_edition(Edition(opd_grouping="source"), ROOT, test_build()).html


def test_two_builds_of_one_edition_at_once_leave_a_complete_book():
    layout = Layout.for_edition(Edition(opd_grouping="source"), ROOT, test_build())
    shutil.rmtree(layout.own_folder, ignore_errors=True)
    # Forget the one notebook this edition executes, so that a build has work to do.
    template = ROOT / "analysis" / "templates" / "opd-funding.ipynb"
    digest = notebook_digest(Edition(opd_grouping="source"), template)
    assert not any((cache / digest).exists() for cache in layout.shared_caches)
    shutil.rmtree(layout.cache / digest, ignore_errors=True)
    first, second = _build(*VARIANT), _build(*VARIANT)
    results = [process.communicate(timeout=300) for process in (first, second)]
    assert first.returncode == 0 and second.returncode == 0, results
    assert (_variant_html() / "book" / "opd-funding.html").is_file()
    outputs = " ".join(out for out, _ in results)
    assert "waiting for another build" in outputs or "nothing changed" in outputs
    # A quiet console: progress and a summary, no kernel chatter or warnings.
    console = outputs + " ".join(err for _, err in results)
    assert "IPKernelApp" not in console and "WARNING" not in console, console
    assert "[1/1] opd-funding" in outputs and "ready in" in outputs


def test_a_killed_build_leaves_the_old_book_and_no_workers():
    html = _variant_html()
    if not (html / "index.html").is_file():
        first = _build(*VARIANT)
        first.communicate(timeout=300)
        assert first.returncode == 0
    before = {p.relative_to(html): p.read_bytes() for p in html.rglob("*.html")}
    process = _build(*VARIANT, "--force")
    for line in process.stdout:
        if "executing" in line:
            break
    time.sleep(0.3)
    workers = psutil.Process(process.pid).children(recursive=True)
    assert workers, "the build should be running its notebooks in worker processes"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    _, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive, f"workers outlived the build: {alive}"
    after = {p.relative_to(html): p.read_bytes() for p in html.rglob("*.html")}
    assert after == before
    again = _build(*VARIANT)
    _, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
