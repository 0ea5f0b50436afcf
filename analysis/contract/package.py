"""The data package as one download: the contract and every file, byte-identical on each build."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import BinaryIO

from analysis.contract.load import CONTRACT, DATA_DIR, contract

PACKAGE_ZIP = "mem-peru-2023-data.zip"


def write_package_zip(target: Path | BinaryIO, data_dir: Path = DATA_DIR) -> Path | BinaryIO:
    """A zip of the contract and every CSV (to a path or a binary stream), fixed dates and modes."""
    files = [CONTRACT] + [r["path"] for r in contract(data_dir)["resources"]]
    return write_zip(target, {name: (Path(data_dir) / name).read_bytes() for name in files})


def write_zip(
    target: Path | BinaryIO, files: dict[str, bytes], folder: str = "mem-peru-2023-data"
) -> Path | BinaryIO:
    """A zip of `files` (name in the package -> bytes) under one folder, fixed dates and modes."""
    if isinstance(target, Path):
        target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            entry = zipfile.ZipInfo(f"{folder}/{name}", date_time=(1980, 1, 1, 0, 0, 0))
            entry.external_attr = 0o644 << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, data)
    return target
