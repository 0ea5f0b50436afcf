"""What every chapter notebook does first: read its parameters into an edition."""

from __future__ import annotations

import base64
import binascii
import sys
from pathlib import Path
from typing import Any

from analysis.contract.parameters import Edition, ParameterError, edition_from_namespace


def start(namespace: dict[str, Any]) -> Edition:
    """The edition named by the notebook's parameter variables (its `globals()`).

    Parameters the notebook does not declare keep their defaults: its outputs do not
    depend on them, so the same executed notebook serves every edition that differs only
    there. Run from papermill's command line, the values are checked as written there
    (`papermill_texts`).
    """
    from analysis.exhibits.figure import start_chapter

    start_chapter()
    texts = {
        name: text
        for name, text in papermill_texts().items()
        if namespace.get(name) is not None  # papermill's None ('-p base_year None'): unset
    }
    return edition_from_namespace({**namespace, **texts})


def papermill_texts() -> dict[str, object]:
    """The parameters as papermill's command line was given them, when this notebook runs
    in its process (`--engine mem-inprocess`); {} otherwise.

    Papermill types a `-p` value itself (`int('２０２０')` is 2020, `int('2_023')` 2023) and
    reads YAML 1.1 (`2_023`, `0x7e7` are integers to it): the values it injects have lost
    what the grammar of numbers refuses. Its options are read again here, in its order (`-b`,
    `-f`, `-y`, `-p`, `-r`, later ones winning), with YAML read as the book's `--params`.
    """
    papermill_cli = sys.modules.get("papermill.cli")
    if papermill_cli is None:
        return {}
    import click

    context = click.get_current_context(silent=True)
    if context is None or context.command is not papermill_cli.papermill:
        return {}
    from analysis.edition.arguments import params_from_yaml, read_params_file

    given = context.params
    texts: dict[str, object] = {}
    for encoded in given.get("parameters_base64") or ():
        try:
            text = base64.b64decode(encoded).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            raise ParameterError("papermill -b: not base64 of UTF-8 YAML text") from None
        texts.update(params_from_yaml(text, "papermill -b"))
    for path in given.get("parameters_file") or ():
        texts.update(read_params_file(Path(path), option="papermill -f"))
    for text in given.get("parameters_yaml") or ():
        texts.update(params_from_yaml(text, "papermill -y"))
    for name, value in given.get("parameters") or ():
        texts[name] = value
    for name, value in given.get("parameters_raw") or ():
        texts[name] = value
    return texts
