"""Where a build keeps each edition's files: sources, executed notebooks, staging, the
published HTML, its state and its lock; and how the build names an edition."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from analysis.contract.parameters import Edition, site_home
from analysis.core.paths import ROOT

BRIEF_NAME = "brief.pdf"  # beside an edition's PDF


def pdf_name(edition: Edition) -> str:
    """The file name of an edition's PDF, in the root of its HTML folder."""
    return "mem-peru-2023.pdf" if edition.is_reference else f"mem-peru-2023-{edition.slug}.pdf"


def edition_name(edition: Edition) -> str:
    """An edition as the build's messages name it."""
    return "the reference edition" if edition.is_reference else f"edition {edition.label}"


@dataclass(frozen=True)
class Layout:
    """Where one edition's files go.

    `build` is the build folder, `_build/` by default. Another one (tests use their own)
    gets editions, locks and cache of its own, and also reuses, read-only, the notebooks
    already executed in `_build/`'s cache: they are named by their inputs' fingerprint.
    """

    root: Path
    source: Path  # the Jupyter Book source folder (holds _config.yml, _toc.yml, book/)
    notebooks: Path  # where the executed notebooks land
    html: Path  # the published HTML: a link to a complete tree
    staging: Path  # Jupyter Book's output folder, kept for incremental rebuilds
    state: Path  # what the published book was built from
    build: Path  # the build folder: _build/, or another

    @classmethod
    def for_edition(cls, edition: Edition, root: Path = ROOT, build: Path | None = None) -> Layout:
        build = Path(build) if build is not None else root / "_build"
        html = build / site_home(edition)
        if edition.is_reference:
            return cls(
                root, root, root / "book", html, build / ".staging",
                build / ".state" / "reference.json", build,
            )  # fmt: skip
        home = html.parent
        return cls(
            root, home / "source", home / "source" / "book", html, home / ".staging",
            home / ".state.json", build,
        )  # fmt: skip

    @property
    def lock(self) -> Path:
        """One per edition, outside a variant's folder (its first build may remove that)."""
        name = "reference" if self.own_folder is None else self.own_folder.name
        return self.build / ".state" / f"{name}.lock"

    @property
    def own_folder(self) -> Path | None:
        """A variant's folder under _build/editions; None for the reference edition."""
        return None if self.source == self.root else self.source.parent

    @property
    def inputs(self) -> Path:
        """Copies of users' files, one folder per content, in the edition's own folder (the
        reference edition reads none): they go with it if its first build fails."""
        return (self.own_folder or self.build) / "inputs"

    @property
    def scratch(self) -> Path:
        return self.build / ".scratch"

    @property
    def cache(self) -> Path:
        return self.build / ".cache"

    @property
    def shared_caches(self) -> tuple[Path, ...]:
        """Caches read but never written: `_build/`'s, for a build folder of another place."""
        default = self.root / "_build" / ".cache"
        return () if self.cache == default else (default,)

    @property
    def staged_html(self) -> Path:
        """The HTML tree Sphinx writes, and that is published by copying it whole."""
        return self.staging / "_build" / "html"

    @property
    def print_page(self) -> Path:
        """Where Sphinx's single-page build (the page the PDF is printed from) goes."""
        return self.staging / "_build" / "print"
