"""Build one edition (`python -m analysis build`): a build of one, through the pipeline.

Nothing is published until every step has succeeded: notebooks run in a scratch folder of
the build's own and the HTML is built into a staging folder, then swapped in at once (see
atomic.py); an edition whose first build fails leaves nothing (no folder, lock or copy),
and a file system error names the step it stopped. An edition whose inputs did not change
is not built again, and nothing is written for it.
"""

from __future__ import annotations

from pathlib import Path

from analysis.contract.parameters import Edition
from analysis.core.paths import ROOT
from analysis.edition import atomic
from analysis.edition.layout import Layout, edition_name
from analysis.edition.pipeline import build_editions
from analysis.edition.progress import Progress
from analysis.edition.steps import BuildError, StepError


def build(
    edition: Edition,
    root: Path = ROOT,
    force: bool = False,
    progress: Progress | None = None,
    html: bool = True,
    build_dir: Path | None = None,
    cell_timeout: float | None = None,
    published: tuple[Edition, ...] | None = None,
) -> Path:
    """Build one edition and return the path of its front page.

    With `html=False` only the notebooks and generated pages are made (for checks that
    read the executed notebooks); the published HTML is left as it was. `build_dir` is the
    build folder (`_build/` by default: see Layout); a cell may run `cell_timeout` seconds
    (None: the engine's default); `published`: the editions the switcher offers (the grid).
    """
    from analysis.edition.grid import grid

    layout = Layout.for_edition(edition, root, build_dir)
    name = edition_name(edition)
    try:
        result = build_editions(
            [edition],
            grid() if published is None else published,
            root=root,
            force=force,
            progress=progress,
            build_dir=build_dir,
            cell_timeout=cell_timeout,
            html=html,
        )
    except StepError as exc:
        raise BuildError(f"cannot build {name}: {exc}") from None
    except OSError as exc:  # outside any step: still one line
        raise BuildError(f"cannot build {name}: {atomic.describe(exc)}") from None
    if result.failed:
        raise BuildError(f"cannot build {name}: {result.failed[name]}")
    return layout.html / "index.html" if html else layout.notebooks / "intro.ipynb"
