"""Build many editions at once: the grid of published editions (`python -m analysis site`).

The editions go through the pipeline together, sharing every notebook whose parameters
coincide (the evaluation chapters of the dollar and the sol editions are one execution);
each is published on its own, atomically: one that fails leaves its previously published
book as it was, and the others are still built.
"""

from __future__ import annotations

from pathlib import Path

from analysis.contract.parameters import Edition
from analysis.core.paths import ROOT
from analysis.edition import atomic
from analysis.edition.pipeline import Result, build_editions
from analysis.edition.progress import Progress
from analysis.edition.steps import BuildError, StepError


def build_site(
    editions: list[Edition] | tuple[Edition, ...],
    published: tuple[Edition, ...] | None = None,
    root: Path = ROOT,
    force: bool = False,
    progress: Progress | None = None,
    build_dir: Path | None = None,
    cell_timeout: float | None = None,
) -> Result:
    """Build every edition in `editions`, whose switchers offer `published` (by default the
    grid). Raises BuildError only for what stops every edition (broken data, an unusable
    build folder); `build_dir` and `cell_timeout` are as for `build`."""
    from analysis.edition.grid import grid

    try:
        return build_editions(
            editions,
            grid() if published is None else published,
            root=root,
            force=force,
            progress=progress,
            build_dir=build_dir,
            cell_timeout=cell_timeout,
        )
    except StepError as exc:
        raise BuildError(f"cannot build the site: {exc}") from None
    except OSError as exc:  # an unwritable or full _build, for one
        raise BuildError(f"cannot build the site: {atomic.describe(exc)}") from None
