"""The book's words in each language: English in the code, the others in gettext catalogs.

Three catalogs per language, under `locales/<lang>/LC_MESSAGES/` (sphinx-intl's layout):
- `book.po`: the narrative of the chapters and pages, applied by Sphinx when it builds;
- `analysis.po`: text computed in the notebooks (figure titles, captions, table headers,
  phrases whose words depend on the numbers), looked up here with `tr`;
- `data.po`: texts that come from `data/` (row labels, category values, the contract's
  titles), with `label`; the names of the data files' columns, with `column_name`
  (entries of the context "column", so that a column `year` and a word "year" may differ);
  and this book's translations of the report's words that the findings quote (fields the
  contract marks `"quoted": true`), with `quote_translation` (context "quote"): the
  quotation stays in English, marked as such, with its translation beside it.

`python -m analysis translations` extracts every string into the catalogs. A string
missing from a catalog is an error, never a silent fallback to English.
"""

from __future__ import annotations

import functools
import re

from analysis.core.paths import LOCALES

SOURCE_LANGUAGE = "en"
CONTEXT = "\x04"  # gettext's separator of a message's context and its text
COLUMN = "column"  # the context of the data files' column names in data.po
QUOTE = "quote"  # the context of this book's translations of the report's words in data.po


class TranslationError(KeyError):
    """A string that a catalog does not translate."""

    def __str__(self) -> str:
        return str(self.args[0])


@functools.cache
def catalog(lang: str, domain: str) -> dict[str, str]:
    """msgid -> msgstr of one catalog, translated entries only (no fuzzy, no empty). An
    entry with a context is found under 'context\x04msgid', as gettext keys it."""
    from babel.messages.pofile import read_po

    path = LOCALES / lang / "LC_MESSAGES" / f"{domain}.po"
    if not path.is_file():
        raise TranslationError(f"no catalog {path.relative_to(LOCALES.parent)}")
    with open(path, "rb") as handle:
        messages = read_po(handle)
    return {
        (f"{message.context}{CONTEXT}{message.id}" if message.context else message.id): (
            message.string
        )
        for message in messages
        if message.id and message.string and not message.fuzzy
    }


def _lookup(message: str, lang: str, domain: str, context: str | None = None) -> str:
    if lang == SOURCE_LANGUAGE:
        return message
    key = f"{context}{CONTEXT}{message}" if context else message
    translated = catalog(lang, domain).get(key)
    if translated is None:
        which = f" (context {context!r})" if context else ""
        raise TranslationError(
            f"no {lang!r} translation of {message!r}{which} in "
            f"locales/{lang}/LC_MESSAGES/{domain}.po (run: python -m analysis translations)"
        )
    return translated


def tr(message: str, lang: str, /, **values: object) -> str:
    """`message` (English, with {named} fields) in `lang`, its fields filled in."""
    text = _lookup(message, lang, "analysis")
    return text.format(**values) if values else text


def N_(message: str) -> str:  # noqa: N802 (gettext's name for it)
    """`message` (English) marked for the catalogs but left untranslated here, to be
    translated where it is used: a table's title in its specification, a sentence in a
    table of sentences. `python -m analysis translations` extracts it like `tr`'s."""
    return message


def names(items: list[str], lang: str) -> str:
    """'A', 'A and B', 'A, B and C' in `lang`."""
    if len(items) <= 1:
        return "".join(items)
    return tr("{items} and {last}", lang, items=", ".join(items[:-1]), last=items[-1])


def quoted_names(items: list[str], lang: str) -> str:
    """Like `names`, but when a name holds a comma or the word for 'and' itself, each is
    quoted, so that the list cannot be misread: '“A and B” and “C”'. A name on its own
    cannot be misread and is not quoted."""
    word = tr("and", lang)
    joiner = re.compile(rf"\b{re.escape(word)}\b")  # 'and/or' counts too
    if len(items) > 1 and any("," in item or joiner.search(item) for item in items):
        items = [tr("“{name}”", lang, name=item) for item in items]
    return names(items, lang)


def in_sentence(name: str) -> str:
    """A label as it reads inside a sentence: 'Demand studies' -> 'demand studies'; an
    acronym ('MEM groups') keeps its capitals."""
    if len(name) > 1 and name[1].islower():
        return name[0].lower() + name[1:]
    return name


def capitalised(text: str) -> str:
    """A phrase as a heading or a row label: 'neighboring countries' -> 'Neighboring countries'."""
    return text[:1].upper() + text[1:]


def translate(text: str, lang: str) -> str:
    """A text of the book's own that is not in the code (a table-of-contents caption)."""
    return _lookup(text, lang, "analysis")


def label(text: str, lang: str) -> str:
    """A text from `data/` or its contract (a row label, a title) in `lang`."""
    if not text:
        return text
    return _lookup(text, lang, "data")


def quote_translation(text: str, lang: str) -> str:
    """This book's translation of words quoted from the report (data.po, context "quote").
    The quotation itself stays in English, as the report prints it."""
    return _lookup(text, lang, "data", QUOTE)


def column_name(name: str, lang: str) -> str:
    """A data file's column name in `lang`: 'year' -> 'año'... as data.po gives it."""
    return _lookup(name, lang, "data", COLUMN)


def book_title(lang: str) -> str:
    """The book's title (as in _config.yml) in `lang`."""
    return tr("MEM Peru 2023: the evaluation report as data", lang)
