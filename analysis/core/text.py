"""Text fit for a one-line message: a user's value quoted, a path shortened, anything made
printable (line breaks folded, control and bidi characters escaped)."""

from __future__ import annotations

import re
from pathlib import Path

SHOWN_TEXT = 60  # characters of a user's text quoted in a message
SHOWN_PATH = 400  # characters of a path named in a message: a user's real paths fit whole
MAX_LINE = 1000  # characters of a whole message (a whole path, and what is wrong with it)


def printable(text: object, limit: int = MAX_LINE) -> str:
    """`text` as one line safe for a terminal: line breaks and tabs (with the spaces around
    them) as one space, control and format characters (ESC, NUL, BEL, bidi overrides) and
    bytes that were not UTF-8 escaped, cut to `limit` characters."""
    line = re.sub(r"\s*[^\S ]\s*", " ", str(text)).rstrip()
    line = "".join(c if c.isprintable() else escaped(c) for c in line)
    return line if len(line) <= limit else line[: limit - 3] + "..."


def escaped(char: str) -> str:
    """One character as an escape a reader can see (\\x1b, \\u202e)."""
    if "\udc80" <= char <= "\udcff":  # a byte of a file name that is not UTF-8
        return f"\\x{ord(char) - 0xDC00:02x}"
    if "\ud800" <= char <= "\udfff":  # a lone surrogate: no encoding takes it
        return f"\\u{ord(char):04x}"
    return char.encode("unicode_escape").decode("ascii")


def quoted(value: object, limit: int = SHOWN_TEXT, ascii_only: bool = True) -> str:
    """A user's value in quotes for a message, every character a reader could miss or
    mistake escaped, and cut to a readable length.

    Unlike `printable`, nothing is folded or stripped: spaces at the ends stay inside the
    quotes, a tab is `\\t`. With `ascii_only` (for names and values from a fixed list)
    every other character is escaped too, so that a look-alike (Cyrillic 'с' for 'c',
    a full-width digit) shows as what it is: `'\\u0441urrency'`.
    """
    text = "".join(
        c if c == " " or (c.isprintable() and (c.isascii() or not ascii_only)) else escaped(c)
        for c in str(value)
    )
    return "'" + (text if len(text) <= limit else text[: limit - 3] + "...") + "'"


def short_path(path: str | Path, limit: int = SHOWN_PATH) -> str:
    """A path for a one-line message, its unprintable characters escaped: whole, unless it
    is longer than any a user keeps a project in (then its end, which names the file)."""
    text = printable(path, limit=10_000)
    return text if len(text) <= limit else "..." + text[-(limit - 3) :]
