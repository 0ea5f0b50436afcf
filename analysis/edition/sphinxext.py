"""A Sphinx extension for this book: edition banners, language links, stable pages, translation.

- Every page starts with the edition bar: what sets the edition apart, in words ("Amounts
  in soles at 2023 prices"; a user's own files named), and the switcher, which leads to
  the same page of each published edition (the grid: analysis/edition/grid.txt). The
  links are relative, so that they work on disk and once published (the published site
  keeps `_build`'s layout: see .github/workflows/pages.yml); a small script
  (book/_static/switcher.js) keeps the reader's place: the section they were reading
  travels with the links as its #anchor. Every text is escaped.
- The theme's chrome made accessible: one search box per page, the sidebar's title inside
  a landmark.
- The footer states the licences, in the page's language.
- Paragraphs that Sphinx translates (gettext catalogs) may glue values: the translated
  text is parsed with the notebook's glue data, which myst-nb would otherwise not find.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from myst_nb import sphinx_ as myst_nb_sphinx

from analysis.exhibits.language import tr

_RENDERER = "mem_book_nb_renderer"


class _KeepRenderer(dict):
    """A document's attributes that hand its notebook renderer to the environment when
    myst-nb removes it at the end of parsing (the translated paragraphs need it later)."""

    def __init__(self, env, attributes: dict) -> None:
        super().__init__(attributes)
        self.env = env

    def pop(self, key, *default):
        if key == "nb_renderer" and key in self:
            self.env.temp_data[_RENDERER] = self[key]
        return super().pop(key, *default)


class NotebookParser(myst_nb_sphinx.Parser):
    """myst-nb's notebook parser, which also serves the translated paragraphs of a notebook."""

    def parse(self, inputstring: str, document) -> None:
        if document.current_source.endswith("<translated>"):
            renderer = self.env.temp_data.get(_RENDERER)
            if renderer is not None:
                document["nb_renderer"] = renderer
            try:
                return super().parse(inputstring, document)
            finally:  # the glued values are in place; nothing of the renderer may be saved
                document.attributes.pop("nb_renderer", None)
        document.attributes = _KeepRenderer(self.env, document.attributes)
        try:
            super().parse(inputstring, document)
        finally:
            document.attributes = dict(document.attributes)


def edition_of_app(app):
    from analysis.contract.parameters import Edition

    values = app.config.mem_edition or {}
    return Edition.model_validate(values) if values else Edition()


def root_prefix(pagename: str) -> str:
    """From a page to the root of its HTML tree."""
    return "../" * pagename.count("/")


def _link(href: str, text: str, **attributes: str) -> str:
    extra = "".join(
        f' {name}="{html.escape(value, quote=True)}"' for name, value in attributes.items()
    )
    return f'<a href="{html.escape(href, quote=True)}"{extra}>{html.escape(text)}</a>'


def same_page(edition, other, pagename: str) -> str:
    """The relative link from a page of `edition` to the same page of `other`: up to
    `_build/` (the published site keeps its layout), then down into the other edition."""
    from analysis.contract.parameters import site_home

    up = root_prefix(pagename) + "../" * (site_home(edition).count("/") + 1)
    return f"{up}{site_home(other)}/{pagename}.html"


def switcher(edition, pagename: str, editions=None) -> str:
    """The switcher: per axis of the grid, each value it offers, linked to the same page of
    the edition that has it ("Amounts: US dollars | soles · Prices: current | constant (2023)
    · English | Español"); the current value, when this edition is in the grid, is marked
    instead of linked. Every text is escaped. `editions`: the published editions (by
    default the grid)."""
    from analysis.edition.grid import choices
    from analysis.exhibits.edition_words import axis_label, choice_words

    lang = edition.lang
    groups = []
    for row in choices(edition, editions):
        items = []
        for choice in row:
            words = choice_words(choice.axis, choice.value, lang)
            # A language is named in itself, and marked as such.
            marks = {"lang": choice.value[0]} if choice.axis == "lang" else {}
            if choice.current:
                extra = "".join(f' {k}="{html.escape(v, quote=True)}"' for k, v in marks.items())
                items.append(
                    f'<span class="mem-switch mem-switch--current" aria-current="true"{extra}>'
                    f"{html.escape(words)}</span>"
                )
            else:
                if marks:
                    marks["hreflang"] = marks["lang"]
                href = same_page(edition, choice.target, pagename)
                items.append(_link(href, words, **{"class": "mem-switch", **marks}))
        label = axis_label(row[0].axis, lang)
        name = f'<span class="mem-switcher__name">{html.escape(label)}:</span> ' if label else ""
        bar = ' <span class="mem-switcher__bar" aria-hidden="true">|</span> '
        groups.append(f'<li class="mem-switcher__axis">{name}{bar.join(items)}</li>')
    if not groups:
        return ""
    dot = '<li class="mem-switcher__dot" aria-hidden="true">·</li>'
    label = html.escape(tr("Editions of this book", lang), quote=True)
    return (
        f'<nav class="mem-switcher" aria-label="{label}">'
        f'<ul class="mem-switcher__list">{dot.join(groups)}</ul></nav>'
    )


def about_edition(edition, editions=None) -> str:
    """What sets this edition apart, in words (empty for the reference edition in any
    language); for an edition that is not published, where the switcher leads."""
    from analysis.edition.grid import in_grid
    from analysis.exhibits.edition_words import about, published_note

    words = about(edition)
    if not in_grid(edition, editions):
        words = f"{words} {published_note(edition.lang)}".strip()
    return f'<p class="mem-edition__about">{html.escape(words)}</p>' if words else ""


def banner(edition, pagename: str, editions=None) -> str:
    """The edition bar's content for one page: what the edition is, and the switcher."""
    return about_edition(edition, editions) + switcher(edition, pagename, editions)


def _published(app):
    """The editions this build publishes together (`mem_grid`: their labels, set by the
    build), or the grid."""
    from analysis.edition.grid import edition_of

    labels = app.config.mem_grid
    return None if labels is None else tuple(edition_of(label) for label in labels)


def footer(lang: str, year: str) -> str:
    return html.escape(
        tr(
            "© {year}. The report and the numbers in it are OAS/CICAD's; this book's data "
            "files and charts are CC BY 4.0 (cite the report first, then this book), its "
            "code MIT.",
            lang,
            year=year,
        )
    )


def _page_context(app, pagename, templatename, context, doctree) -> None:
    edition = edition_of_app(app)
    context["theme_search_bar_text"] = tr("Search this book...", edition.lang)
    # The edition bar (book/_templates/sections/announcement.html): what the edition is,
    # the switcher, and any further links about the edition (`mem_edition_links`: a list of
    # (href, text) pairs other extensions may add to).
    editions = _published(app)
    context["mem_edition_about"] = about_edition(edition, editions)
    context["mem_switcher"] = switcher(edition, pagename, editions)
    context.setdefault("mem_edition_links", [])
    context["mem_banner_label"] = tr("About this edition", edition.lang)
    context["mem_sidebar_label"] = tr("Table of contents", edition.lang)
    context["theme_extra_footer"] = footer(edition.lang, app.config.copyright)


def _front_door(app, exception) -> None:
    """`index.html` at the root of the HTML: a page in the edition's language that sends the
    reader to the front page (at once, and by a link for those who stop redirects)."""
    if exception is not None or app.builder.format != "html":
        return
    edition = edition_of_app(app)
    target = html.escape(f"{app.config.root_doc}.html", quote=True)
    title = html.escape(app.config.html_title or app.config.project)
    page = (
        f'<!DOCTYPE html>\n<html lang="{edition.lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="refresh" content="0; url={target}">\n<title>{title}</title>\n'
        f'</head>\n<body>\n<p><a href="{target}">{title}</a></p>\n</body>\n</html>\n'
    )
    (app.outdir / "index.html").write_text(page, encoding="utf-8")


def chrome_words(lang: str) -> dict[str, str]:
    """Tooltips and screen-reader labels that Sphinx, the theme and MyST-NB write in English
    (or, for one, in misspelt Spanish) whatever the book's language: what a page says ->
    what it should say in `lang`."""
    return {
        "Link to this heading": tr("Link to this heading", lang),
        "Link to this image": tr("Link to this image", lang),
        "Toggle hidden content": tr("Show or hide the content", lang),
        "Toggle primary sidebar": tr("Show or hide the table of contents", lang),
        "Toggle secondary sidebar": tr("Show or hide the page's contents", lang),
        "Main": tr("Table of contents", lang),
        "Page": tr("This page", lang),
        "Descarga esta pagina": tr("Download this page", lang),  # the theme's catalog
    }


def _translate_chrome(app, exception) -> None:
    """In an edition not in English, the words of the page's chrome in its language too:
    only `title` and `aria-label` values that match `chrome_words` exactly are replaced."""
    if exception is not None or app.builder.format != "html":
        return
    edition = edition_of_app(app)
    if edition.lang == "en":
        return
    words = chrome_words(edition.lang)
    pattern = re.compile(r'(title|aria-label)="(' + "|".join(re.escape(w) for w in words) + r')"')
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        changed = pattern.sub(
            lambda m: f'{m.group(1)}="{html.escape(words[m.group(2)], quote=True)}"', text
        )
        if changed != text:
            page.write_text(changed, encoding="utf-8")


def _theme_options(app, config) -> None:
    """One search box per page: the one in the sidebar (on a phone, the theme's button in
    the article's header). The theme would add another to the page's header."""
    options = dict(config.html_theme_options or {})
    options["navbar_persistent"] = []
    config.html_theme_options = options


def setup(app):
    app.add_config_value("mem_edition", None, "html")
    # The labels of the editions published together, which the switcher offers (set by
    # analysis.edition.sphinx_build; None: the grid).
    app.add_config_value("mem_grid", None, "html")
    # A fingerprint of this extension and the words it writes: when it changes, every page
    # is read and written again (Sphinx would otherwise keep pages made by the old code).
    app.add_config_value("mem_extension", "", "env")
    app.add_source_parser(NotebookParser, override=True)
    app.connect("config-inited", _theme_options)
    app.add_js_file("switcher.js")
    app.connect("html-page-context", _page_context)
    app.connect("build-finished", _front_door)
    app.connect("build-finished", _translate_chrome)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
