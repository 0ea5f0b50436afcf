"""The one way editions are built, one or many at a time (`build`, `site`).

Every edition goes through the same steps in one pool of forked workers (one per core):
its notebooks (each executed once, whatever number of editions read it: a notebook's
inputs are the parameters it declares), then, as soon as they are all ready, its print
(Sphinx's single page, then Chromium) and its HTML (whose pages link a PDF only when one
was printed), then its publication: the new tree swapped in at once. Editions are
independent: one that fails leaves its previously published book as it was, one never
published before leaves nothing, and the others go on. An edition whose last print failed
is printed again, alone, once Chromium changed (see state.py).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from analysis.contract.parameters import Edition
from analysis.core.paths import ROOT
from analysis.edition import atomic, notebooks, printing, sources, sphinx_build, state
from analysis.edition.layout import Layout, edition_name
from analysis.edition.progress import Progress
from analysis.edition.state import Todo
from analysis.edition.steps import DataBuildError, Interrupted, reason, step
from analysis.edition.workers import Workers


@dataclass
class Result:
    built: list[Edition] = field(default_factory=list)
    current: list[Edition] = field(default_factory=list)  # up to date: nothing written
    failed: dict[str, str] = field(default_factory=dict)  # edition's name -> why
    no_pdf: dict[str, str] = field(default_factory=dict)  # published without a PDF -> why


@dataclass
class _Edition:
    """One edition as the build goes."""

    edition: Edition
    layout: Layout
    name: str
    todo: Todo
    plans: list[notebooks.Plan] = field(default_factory=list)
    waiting: set[str] = field(default_factory=set)  # digests of notebooks not yet executed
    first: bool = False  # never published before: a failure leaves no folder
    error: str | None = None
    printed: Path | None = None  # the print job's scratch, once it printed
    pdf_failure: dict | None = None  # why the print failed (with the printer's key)


def build_editions(
    editions: list[Edition] | tuple[Edition, ...],
    published: tuple[Edition, ...],
    root: Path = ROOT,
    force: bool = False,
    progress: Progress | None = None,
    build_dir: Path | None = None,
    cell_timeout: float | None = None,
    html: bool = True,
) -> Result:
    """Build `editions`, whose switchers offer `published`: see the module's docstring.
    Raises BuildError only for what stops every edition (broken data, an unusable build
    folder). With `html=False`, only the notebooks and the pages made from them."""
    progress = progress or Progress(quiet=True)
    editions = list({edition.slug: edition for edition in editions}.values())
    printer = printing.printer() if html else printing.Printer("off", None, None)
    layouts = {e.slug: Layout.for_edition(e, root, build_dir) for e in editions}

    shared = None if force else state.shared_digest(root)  # what every edition reads

    def todo(edition: Edition, again: bool = False) -> Todo:
        """What `edition` needs (`again`: under its lock, where another build may just
        have written what it reads)."""
        if force:
            return Todo.BUILD
        known = None if again else shared
        return state.todo(edition, layouts[edition.slug], published, printer, known)

    result = Result()
    plan = {edition.slug: todo(edition) for edition in editions}
    result.current = [e for e in editions if plan[e.slug] is Todo.NOTHING]
    work = [e for e in editions if e not in result.current]
    if not work:
        _nothing_to_do(editions, layouts, printer, progress, result)
        return result
    with contextlib.ExitStack() as held:
        states = [_Edition(e, layouts[e.slug], edition_name(e), plan[e.slug]) for e in work]
        for each in states:
            each.first = not os.path.lexists(each.layout.html)
        try:
            _lock(states, progress, held)
            if any(todo(each.edition) is Todo.BUILD for each in states):
                _validate(root)
            _announce(editions, work, plan, progress)
            states = _prepare(states, todo, force, progress, result)
            if states:
                run = _Run(states, published, printer, progress, result, held, cell_timeout, html)
                run.go()
        except BaseException as stop:  # an edition never published leaves no folder, no lock
            for each in states:
                if each.edition not in result.built:
                    _remove_if_first(each)
            if isinstance(stop, KeyboardInterrupt):
                raise Interrupted([edition_name(e) for e in result.built]) from None
            raise
    return result


def _validate(root: Path) -> None:
    from analysis.contract.load import DataError, validate_package

    try:
        validate_package(root / "data")
    except DataError as exc:
        raise DataBuildError(f"invalid data: {exc}") from None


def _nothing_to_do(editions, layouts, printer, progress: Progress, result: Result) -> None:
    for edition in editions:
        why = state.missing_pdf(edition, layouts[edition.slug], printer)
        if why and not printer.off:
            result.no_pdf[edition_name(edition)] = why
    progress.up_to_date([edition_name(edition) for edition in editions], result.no_pdf)


def _announce(editions, work, plan, progress: Progress) -> None:
    alone = len(editions) == 1
    again = alone and plan[work[0].slug] is Todo.PRINT
    progress.to_build([edition_name(e) for e in work], len(editions), print_again=again)


def _lock(states: list[_Edition], progress: Progress, held: contextlib.ExitStack) -> None:
    """Each edition's lock, in one order, so that two builds cannot deadlock."""
    for each in sorted(states, key=lambda each: str(each.layout.lock)):
        with step("taking the edition's lock"):
            held.enter_context(
                atomic.edition_lock(
                    each.layout.lock,
                    on_wait=lambda n=each.name: progress.say(
                        f"waiting for another build of {n} to finish"
                    ),
                )
            )


def _prepare(states: list[_Edition], todo, force, progress, result: Result) -> list[_Edition]:
    """Each edition's source folder and its plan of notebooks (under its lock); an edition
    built meanwhile by another build is up to date."""
    ready = []
    for each in states:
        each.todo = todo(each.edition, again=True)
        if each.todo is Todo.NOTHING:
            result.current.append(each.edition)
            continue
        atomic.remove_stale_scratch(each.layout.scratch)
        try:
            each.edition = sources.prepare(each.edition, each.layout)
            if each.todo is Todo.BUILD:
                each.plans = notebooks.plan(each.edition, each.layout, force)
        except Exception as exc:  # this edition fails; the others go on
            _fail(each, reason(exc), result, progress)
            continue
        ready.append(each)
    return ready


class _Run:
    """The jobs of one build: every distinct notebook to execute; then, per edition as soon
    as its notebooks are all executed, its print and its HTML."""

    def __init__(self, states, published, printer, progress, result, held, cell_timeout, html):
        self.states, self.published, self.printer = states, published, printer
        self.progress, self.result, self.held = progress, result, held
        self.cell_timeout, self.html = cell_timeout, html
        self.alone = len(states) == 1
        self.to_execute: dict[str, tuple[notebooks.Plan, Edition]] = {}  # digest -> what
        for each in states:
            for plan in each.plans:
                if plan.source is None:
                    self.to_execute.setdefault(plan.digest, (plan, each.edition))
                    each.waiting.add(plan.digest)
        self.names: dict[str, str] = {}  # digest -> the job's name (the workers key by it)
        for digest, (plan, edition) in self.to_execute.items():
            name = notebooks.job_name(plan, edition, self.alone)
            taken = name in self.names.values()
            self.names[digest] = f"{name} [{digest[:8]}]" if taken else name
        self.digests = {name: digest for digest, name in self.names.items()}
        self.executed: dict[str, Path] = {}  # digest -> the executed notebook's folder
        self.failures: dict[str, str] = {}  # digest -> why it failed
        self.steps: dict[str, tuple[str, _Edition, Path]] = {}  # job -> (kind, edition, scratch)
        self.chromium: dict[str, contextlib.ExitStack] = {}  # print job -> its private folder
        self.prints: set[str] = set()  # the names of the print jobs
        self.timing: dict[str, float] = {}
        self.count = 0
        scratch = atomic.scratch_folder(states[0].layout.scratch, "notebooks")
        self.scratch = held.enter_context(scratch)

    def go(self) -> None:
        notebooks.warm_up()
        reused = sum(len(each.plans) for each in self.states) - len(self.to_execute)
        workers = os.cpu_count() or 1
        count = len(self.to_execute)
        if count:
            self.progress.say(
                f"executing {count} notebook{'s' * (count != 1)} ({workers} at a time; "
                f"{reused} reused: up to date, cached or shared between editions)"
            )
        elif any(each.plans for each in self.states):
            self.progress.say(f"notebooks: all {reused} up to date")
        if self.html and self.printer.browser is None and not self.printer.off:
            self.progress.say(f"no PDF will be printed: {self.printer.why_not}")
            for each in self.states:
                self.result.no_pdf[each.name] = self.printer.why_not
        errors = Workers(workers).run(
            self.first_jobs(),
            self.done,
            idle=sphinx_build.import_sphinx if self.html else None,
            started=self.started,
            # One edition fails at its first failed step; a print that failed fails nothing.
            keep_going=lambda name: not self.alone or name in self.prints,
        )
        errors = [error for error in errors if error.split(": ", 1)[0] not in self.prints]
        for each in self.states:
            if each.error is None and each.edition not in self.result.built + self.result.current:
                more = f" (and {len(errors) - 1} more failed)" if len(errors) > 1 else ""
                why = errors[0] + more if errors else "its build did not finish"
                _fail(each, why, self.result, self.progress)

    def first_jobs(self) -> list:
        """The steps of editions with nothing to execute, then every notebook."""
        jobs = [job for each in self.states if not each.waiting for job in self.ready(each)]
        for digest, (plan, edition) in self.to_execute.items():
            folder = self.scratch / digest
            folder.mkdir()
            job = notebooks.notebook_job(plan, folder, edition, self.cell_timeout)
            jobs.append((self.names[digest], job))
        return jobs

    def started(self, name: str) -> None:
        self.progress.checkpoint()
        self.timing[name] = time.perf_counter()

    def done(self, name: str, error: str | None) -> list:
        """A job ended: an edition's next step, or a notebook kept and the steps of the
        editions it completes."""
        self.progress.checkpoint()
        seconds = time.perf_counter() - self.timing.get(name, time.perf_counter())
        if name in self.steps:
            kind, each, scratch = self.steps.pop(name)
            if kind == "print":
                self.chromium.pop(name).close()  # Chromium's files, and any Chromium left
                return self.printed(each, scratch, error, seconds)
            self.html_done(each, error, seconds)
            return []
        digest = self.digests[name]
        self.count += 1
        status = "failed" if error else "done"
        self.progress.say(
            f"  [{self.count}/{len(self.to_execute)}] {name:<44} {status} in {seconds:.1f} s"
        )
        if error:
            self.failures[digest] = f"{name}: {error}"
        else:  # each edition's own plan takes the executed copy in `ready`
            folder = self.scratch / digest
            self.executed[digest] = notebooks.keep_executed(folder, digest, self.states[0].layout)
        more = []
        for each in self.states:
            if digest in each.waiting:
                each.waiting.discard(digest)
                if not each.waiting:
                    more += self.ready(each)
        return more

    # --- an edition's steps ------------------------------------------------------------------

    def ready(self, each: _Edition) -> list:
        """An edition whose notebooks are all executed: its pages, then its print or HTML."""
        failed = [self.failures[p.digest] for p in each.plans if p.digest in self.failures]
        if failed:
            _fail(each, failed[0], self.result, self.progress)
            return []
        try:
            if each.todo is Todo.BUILD:
                for plan in each.plans:
                    if plan.source is None:
                        plan.source = self.executed[plan.digest]
                with step("executing the notebooks"):
                    notebooks.install_all(each.plans, each.layout)
                with step("writing the Figures page and the data package"):
                    sources.write_generated_pages(each.edition, each.layout)
            if not self.html:
                self.result.built.append(each.edition)
                return []
            if self.printer.browser is not None:
                return [self.print_job(each)]
            return [self.html_job(each)]
        except Exception as exc:  # this edition fails; the others go on
            _fail(each, reason(exc), self.result, self.progress)
            return []

    def _scratch(self, each: _Edition, kind: str) -> Path:
        """A scratch folder for one job of the edition, removed when the build ends."""
        return self.held.enter_context(atomic.scratch_folder(each.layout.scratch, kind))

    def print_job(self, each: _Edition) -> tuple:
        with step("printing the PDF"):
            sphinx_build.begin_html(each.layout)
            scratch = self._scratch(each, "print")
            chromium = contextlib.ExitStack()
            self.held.callback(chromium.close)
            tmp = chromium.enter_context(printing.private_folder())
        context = sphinx_build.sphinx_context(each.edition, self.published, pdf=True)
        name = f"PDF of {each.name}"
        self.steps[name], self.chromium[name] = ("print", each, scratch), chromium
        self.prints.add(name)
        browser = self.printer.browser
        return (name, printing.print_job(each.edition, each.layout, scratch, context, browser, tmp))

    def html_job(self, each: _Edition) -> tuple:
        with step("building the HTML"):
            sphinx_build.begin_html(each.layout)
            scratch = self._scratch(each, "sphinx")
        pdf = each.printed is not None
        context = sphinx_build.sphinx_context(each.edition, self.published, pdf=pdf)
        name = f"HTML of {each.name}"
        self.steps[name] = ("html", each, scratch)
        return (name, sphinx_build.html_job(each.layout, scratch, context))

    def printed(self, each: _Edition, scratch: Path, error: str | None, seconds: float) -> list:
        """The print ended: the HTML next, which links the PDF only if it was printed. A
        print tried again that fails again changes nothing but its record."""
        if printing.sphinx_finished(scratch):  # else its staging folder stays marked incomplete
            (each.layout.staging / ".incomplete").unlink(missing_ok=True)
        if error is None:
            each.printed = scratch
            made = printing.made_words(scratch)
            self.progress.say(f"  {each.name}: PDF printed ({made}) ({seconds:.1f} s)")
            return [self.html_job(each)]
        each.pdf_failure = {"key": self.printer.key, "why": error}
        self.result.no_pdf[each.name] = error
        if each.todo is Todo.BUILD:
            self.progress.say(
                f"  {each.name}: warning: no PDF of this edition ({error}); its HTML is "
                "published without it"
            )
            return [self.html_job(each)]
        self.progress.say(f"  {each.name}: still no PDF ({error}); its book stays as it was")
        try:
            with step("recording what the book was built from"):
                state.record(each.edition, each.layout, self.published, each.pdf_failure)
        except Exception as exc:  # this edition fails; the others go on
            _fail(each, reason(exc), self.result, self.progress)
        else:
            self.result.current.append(each.edition)
        return []

    def html_done(self, each: _Edition, error: str | None, seconds: float) -> None:
        """The HTML is built: the PDF beside it (or none at all), then the whole tree is
        published at once."""
        try:
            sphinx_build.end_html(each.layout, error)
            self.progress.say(f"  {each.name}: HTML built in {seconds:.1f} s")
            with step("building the HTML"):
                printing.install_pdfs(each.edition, each.layout, each.printed)
            self.progress.checkpoint()  # the last moment a stop leaves the published book
            with step("cannot publish the book"):
                atomic.publish_tree(each.layout.staged_html, each.layout.html)
            with step("recording what the book was built from"):
                state.record(each.edition, each.layout, self.published, each.pdf_failure)
        except Exception as exc:  # this edition fails; the others go on
            _fail(each, reason(exc), self.result, self.progress)
            return
        self.result.built.append(each.edition)
        self.progress.say(f"  published {each.name}")


def _fail(each: _Edition, why: str, result: Result, progress: Progress) -> None:
    each.error = why
    result.failed[each.name] = why
    progress.say(f"  FAILED {each.name}: {why}")
    _remove_if_first(each)


def _remove_if_first(each: _Edition) -> None:
    """An edition that never was published leaves nothing behind: no folder, no lock."""
    if each.first:
        if each.layout.own_folder is not None:
            shutil.rmtree(each.layout.own_folder, ignore_errors=True)
        atomic.remove_lock(each.layout.lock)
