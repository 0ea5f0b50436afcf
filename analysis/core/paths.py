"""Where the project's files are: one place for each path that more than one module reads."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the project
PACKAGE = ROOT / "analysis"
TEMPLATES = PACKAGE / "templates"  # the notebooks, stored without outputs
DATA_DIR = ROOT / "data"
LOCALES = ROOT / "locales"
CITATION_FILE = ROOT / "CITATION.cff"
TOC_FILE = ROOT / "_toc.yml"
