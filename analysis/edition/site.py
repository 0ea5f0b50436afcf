"""Building many editions at once: the grid of published editions (`python -m analysis site`).

The editions are built together, in one pool of forked workers (one per core): every
notebook that some edition needs is executed once, whatever number of editions read it
(a notebook's inputs are the parameters it declares, so the evaluation chapters of the
dollar and the sol editions are one execution), and each edition's HTML is built as soon
as its notebooks are ready, while other notebooks still run. Each edition is published on
its own, atomically, as `build` does: an edition that fails leaves its previously published
book as it was, and the others are still built; the command then exits non-zero, naming it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from analysis.edition import publish
from analysis.edition.build import (
    ROOT,
    BuildError,
    DataBuildError,
    Layout,
    _import_sphinx,
    _job,
    _Plan,
    _plan,
    _warm_up,
    begin_html,
    drop_pdfs,
    end_html,
    end_pdf,
    html_job,
    install_all,
    is_published,
    keep_executed,
    pdf_job,
    pdf_wanted,
    prepare,
    publish_html,
    record_published,
    write_generated_pages,
)
from analysis.edition.parameters import Edition
from analysis.edition.progress import Progress
from analysis.exhibits.citation import edition_address


@dataclass
class _Edition:
    """One edition of the site as the build goes."""

    edition: Edition
    layout: Layout
    name: str
    plans: list[_Plan] = field(default_factory=list)
    waiting: set[str] = field(default_factory=set)  # digests of notebooks not yet executed
    first: bool = False  # never published before: a failure leaves no folder
    error: str | None = None
    scratch: Path | None = None


@dataclass
class SiteResult:
    built: list[Edition]
    current: list[Edition]  # up to date already: nothing written
    failed: dict[str, str]  # edition's name -> why


def edition_name(edition: Edition) -> str:
    return "the reference edition" if edition.is_reference else f"edition {edition.label}"


def build_site(
    editions: list[Edition] | tuple[Edition, ...],
    root: Path = ROOT,
    force: bool = False,
    progress: Progress | None = None,
    build_dir: Path | None = None,
    cell_timeout: float | None = None,
) -> SiteResult:
    """Build every edition in `editions`: see the module's docstring. Raises BuildError only
    for what stops every edition (broken data, an unusable `_build`). `build_dir` and
    `cell_timeout` are as for `build`."""
    from analysis.contract.load import DataError, validate_package

    progress = progress or Progress(quiet=True)
    editions = list({edition.slug: edition for edition in editions}.values())

    def layout(edition: Edition) -> Layout:
        return Layout.for_edition(edition, root, build_dir)

    current = [] if force else [e for e in editions if is_published(e, layout(e))]
    todo = [e for e in editions if e not in current]
    result = SiteResult([], current, {})
    if not todo:
        progress.say(f"site: all {len(editions)} editions up to date; nothing to do")
        return result
    try:
        validate_package(root / "data")
    except DataError as exc:
        raise DataBuildError(f"invalid data: {exc}") from None
    progress.say(
        f"site: {len(todo)} of {len(editions)} editions to build"
        + (f" ({len(current)} up to date)" if current else "")
    )
    try:
        with contextlib.ExitStack() as locks:
            states = _lock_and_prepare(todo, layout, force, progress, locks, result)
            try:
                if states:
                    _run(states, progress, result, cell_timeout)
            except BaseException:  # stopped: an edition never published leaves no folder
                for state in states:
                    if state.edition not in result.built:
                        _remove_if_first(state)
                raise
    except OSError as exc:  # an unwritable or full _build, for one
        raise BuildError(f"cannot build the site: {publish.describe(exc)}") from None
    return result


def _lock_and_prepare(
    todo: list[Edition],
    layout_of,
    force: bool,
    progress: Progress,
    locks: contextlib.ExitStack,
    result: SiteResult,
) -> list[_Edition]:
    """Each edition's lock (in one order, so that two site builds cannot deadlock), its
    source folder and its plan of notebooks."""
    states = []
    layouts = sorted(((layout_of(e), e) for e in todo), key=lambda p: str(p[0].lock))
    for layout, edition in layouts:
        name = edition_name(edition)
        locks.enter_context(
            publish.edition_lock(
                layout.lock, on_wait=lambda n=name: progress.say(f"waiting for a build of {n}")
            )
        )
        if not force and is_published(edition, layout):  # built meanwhile by another build
            result.current.append(edition)
            continue
        publish.remove_stale_scratch(layout.scratch)
        state = _Edition(edition, layout, name)
        state.first = not os.path.lexists(layout.html)
        try:
            state.edition = prepare(edition, layout)
            state.plans = _plan(state.edition, layout, force)
        except Exception as exc:  # this edition fails; the others go on
            _fail(state, _reason(exc), result, progress)
            continue
        except BaseException:  # stopped while preparing: a first build leaves no folder
            _remove_if_first(state)
            raise
        states.append(state)
    order = {edition.slug: index for index, edition in enumerate(todo)}
    return sorted(states, key=lambda state: order[state.edition.slug])


def _reason(exc: BaseException) -> str:
    """Why an edition failed, in one line."""
    if isinstance(exc, OSError):
        return publish.describe(exc)
    return str(exc) if isinstance(exc, BuildError) else f"{type(exc).__name__}: {exc}"


def _run(
    states: list[_Edition], progress: Progress, result: SiteResult, cell_timeout: float | None
) -> None:
    """Execute the notebooks every edition needs (each once), then, edition by edition as
    their notebooks are ready, build the HTML and publish it."""
    from analysis.edition.engine import Workers

    _warm_up()
    with contextlib.ExitStack() as scratches:
        run = _SiteRun(states, progress, result, scratches, cell_timeout)
        Workers(os.cpu_count() or 1).run(
            run.first_jobs(), run.done, idle=_import_sphinx, started=run.started, keep_going=True
        )
    for state in states:
        if state.error is None and state.edition not in result.built:
            _fail(state, "its build did not finish", result, progress)


class _SiteRun:
    """The jobs of one site build: every distinct notebook to execute, then one HTML job per
    edition, given to the workers as soon as that edition's notebooks are all executed."""

    def __init__(
        self,
        states: list[_Edition],
        progress: Progress,
        result: SiteResult,
        scratches: contextlib.ExitStack,
        cell_timeout: float | None,
    ) -> None:
        self.states, self.progress, self.result = states, progress, result
        self.scratches, self.cell_timeout = scratches, cell_timeout
        self.notebooks: dict[str, tuple[_Plan, Edition]] = {}  # digest -> what to execute
        for state in states:
            for plan in state.plans:
                if plan.source is None:
                    self.notebooks.setdefault(plan.digest, (plan, state.edition))
                    state.waiting.add(plan.digest)
        self.names: dict[str, str] = {}  # digest -> the job's name (the workers key by it)
        for digest, (plan, edition) in self.notebooks.items():
            name = _job_name(plan, edition)
            self.names[digest] = (
                name if name not in self.names.values() else f"{name} [{digest[:8]}]"
            )
        self.digests = {name: digest for digest, name in self.names.items()}
        self.executed: dict[str, Path] = {}  # digest -> the executed notebook's folder
        self.failures: dict[str, str] = {}  # digest -> why it failed
        self.html_jobs: dict[str, _Edition] = {}
        self.pdf_jobs: dict[str, tuple[_Edition, Path]] = {}
        self.pdf = pdf_wanted(progress)  # (said once for the site, not once an edition)
        self.timing: dict[str, float] = {}
        self.count = 0
        self.scratch = scratches.enter_context(
            publish.scratch_folder(states[0].layout.scratch, "notebooks")
        )
        reused = sum(len(state.plans) for state in states) - len(self.notebooks)
        if self.notebooks:
            progress.say(
                f"executing {len(self.notebooks)} notebooks ({os.cpu_count() or 1} at a time; "
                f"{reused} reused: up to date, cached or shared between editions)"
            )
        else:
            progress.say(f"notebooks: all {reused} up to date")

    def first_jobs(self) -> list:
        """The HTML of editions with nothing to execute, then every notebook."""
        jobs = [job for state in self.states if not state.waiting for job in self.ready(state)]
        for digest, (plan, edition) in self.notebooks.items():
            folder = self.scratch / digest
            folder.mkdir()
            jobs.append((self.names[digest], _job(plan, folder, edition, self.cell_timeout)))
        return jobs

    def started(self, name: str) -> None:
        self.progress.checkpoint()
        self.timing[name] = time.perf_counter()

    def ready(self, state: _Edition) -> list:
        """An edition whose notebooks are all executed: its pages, then its HTML job."""
        failed = [self.failures[p.digest] for p in state.plans if p.digest in self.failures]
        if failed:
            _fail(state, failed[0], self.result, self.progress)
            return []
        try:
            for plan in state.plans:
                if plan.source is None:
                    plan.source = self.executed[plan.digest]
            install_all(state.plans, state.layout)
            write_generated_pages(state.edition, state.layout)
            begin_html(state.layout)
            state.scratch = self.scratches.enter_context(
                publish.scratch_folder(state.layout.scratch, "sphinx")
            )
        except Exception as exc:  # this edition fails; the others go on
            _fail(state, _reason(exc), self.result, self.progress)
            return []
        name = f"HTML of {state.name}"
        self.html_jobs[name] = state
        return [(name, html_job(state.layout, state.scratch, edition_address(state.edition)))]

    def html_done(self, state: _Edition, error: str | None) -> list:
        """An edition's HTML is built: its PDF next, or its publication."""
        try:
            end_html(state.layout, error)
            if not self.pdf:
                drop_pdfs(state.edition, state.layout)
                _published(state, self.progress, self.result)
                return []
            scratch = self.scratches.enter_context(
                publish.scratch_folder(state.layout.scratch, "print")
            )
        except Exception as exc:  # this edition fails; the others go on
            _fail(state, _reason(exc), self.result, self.progress)
            return []
        name = f"PDF of {state.name}"
        self.pdf_jobs[name] = (state, scratch)
        address = edition_address(state.edition)
        return [(name, pdf_job(state.edition, state.layout, scratch, address))]

    def done(self, name: str, error: str | None) -> list:
        """A job ended: publish an edition, or keep a notebook and start the HTML of the
        editions it completes."""
        self.progress.checkpoint()
        seconds = time.perf_counter() - self.timing.get(name, time.perf_counter())
        if name in self.html_jobs:
            self.progress.say(f"  HTML of {self.html_jobs[name].name} in {seconds:.1f} s")
            return self.html_done(self.html_jobs[name], error)
        if name in self.pdf_jobs:
            state, scratch = self.pdf_jobs[name]
            line = end_pdf(state.edition, state.layout, scratch, error)
            self.progress.say(f"  {state.name}: {line} ({seconds:.1f} s)")
            _published(state, self.progress, self.result)
            return []
        digest = self.digests[name]
        self.count += 1
        status = "failed" if error else "done"
        self.progress.say(
            f"  [{self.count}/{len(self.notebooks)}] {name:<44} {status} in {seconds:.1f} s"
        )
        if error:
            self.failures[digest] = f"{name}: {error}"
        else:  # each edition's own plan takes the executed copy in `ready`
            self.executed[digest] = keep_executed(
                self.scratch / digest, digest, self.states[0].layout
            )
        more = []
        for state in self.states:
            if digest in state.waiting:
                state.waiting.discard(digest)
                if not state.waiting:
                    more += self.ready(state)
        return more


def _job_name(plan: _Plan, edition: Edition) -> str:
    """A notebook as the progress lines name it: its template and the parameters it sees."""
    from analysis.edition.build import declared_parameters

    seen = edition.restricted(declared_parameters(plan.template))
    return f"{plan.template.stem} ({seen.label or 'reference'})"


def _published(state: _Edition, progress: Progress, result: SiteResult) -> None:
    try:
        progress.checkpoint()  # the last moment a stop leaves the published book as it was
        publish_html(state.layout)
        record_published(state.edition, state.layout)
    except Exception as exc:  # this edition fails; the others go on
        _fail(state, _reason(exc), result, progress)
        return
    result.built.append(state.edition)
    progress.say(f"  published {state.name}")


def _fail(state: _Edition, reason: str, result: SiteResult, progress: Progress) -> None:
    state.error = reason
    result.failed[state.name] = reason
    progress.say(f"  FAILED {state.name}: {reason}")
    _remove_if_first(state)


def _remove_if_first(state: _Edition) -> None:
    """An edition that never was published leaves nothing behind: no folder, no lock."""
    if state.first:
        if state.layout.own_folder is not None:
            shutil.rmtree(state.layout.own_folder, ignore_errors=True)
        publish.remove_lock(state.layout.lock)
