"""Text placed into MyST Markdown: escaped, so that no value becomes markup or HTML."""

from __future__ import annotations

import re

_MARKUP = re.compile(r"([\\`*_{}\[\]<>()#+!|~$&:-])")


def escape(text: str) -> str:
    """Text safe to place in MyST Markdown: no markup, no raw HTML."""
    return _MARKUP.sub(r"\\\1", str(text))
