"""A Sphinx extension for this book: edition banners, language links, stable pages, translation.

- Every page of a variant edition says so at the top, with its parameters (escaped), and
  links to the same page of the reference edition; the English and Spanish editions link
  to each other. The links are relative, so that they work on disk and once published
  (the published site keeps `_build`'s layout: see .github/workflows/pages.yml).
- The footer states the licences, in the page's language.
- Paragraphs that Sphinx translates (gettext catalogs) may glue values: the translated
  text is parsed with the notebook's glue data, which myst-nb would otherwise not find.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from myst_nb import sphinx_ as myst_nb_sphinx

from analysis.exhibits.words import tr

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


def _edition(app):
    from analysis.edition.parameters import Edition

    values = app.config.mem_edition or {}
    return Edition.model_validate(values) if values else Edition()


def _root_prefix(pagename: str) -> str:
    """From a page to the root of its HTML tree."""
    return "../" * pagename.count("/")


def _link(href: str, text: str) -> str:
    return f'<a href="{html.escape(href, quote=True)}">{html.escape(text)}</a>'


def edition_paths(edition) -> dict[str, str]:
    """Where, under `_build/`, the HTML of this edition and of its counterparts stand."""
    from analysis.edition.parameters import reference_edition

    def home(other) -> str:
        return "html" if other.is_reference else f"editions/{other.slug}/html"

    other_lang = "es" if edition.lang == "en" else "en"
    return {
        "self": home(edition),
        "reference": home(reference_edition()),
        "other_language": home(edition.model_copy(update={"lang": other_lang})),
        "other_lang": other_lang,
    }


def banner(edition, pagename: str) -> str:
    """The bar at the top of every page: the edition, and the way to its counterparts."""
    lang = edition.lang
    paths = edition_paths(edition)
    # From this page up to `_build/`, then down to the same page elsewhere.
    up = _root_prefix(pagename) + "../" * (paths["self"].count("/") + 1)
    from analysis.exhibits.terms import edition_label

    label = edition_label(edition)
    parts = []
    if label:  # a variant; an edition in another language only is not one
        parts.append(
            "<strong>"
            + html.escape(tr("Variant edition", lang))
            + "</strong>: "
            + html.escape(label)
            + ". "
            + html.escape(
                tr(
                    "Its figures and numbers follow these parameters; the reference "
                    "edition uses every default.",
                    lang,
                )
            )
            + " "
            + _link(
                f"{up}{paths['reference']}/{pagename}.html",
                tr("The same page in the reference edition", lang),
            )
            + "."
        )
    from analysis.exhibits.terms import codings_note

    if codings_note(edition):
        parts.append(html.escape(codings_note(edition)))
    only_language = set(edition.changed()) <= {"lang"}
    if only_language:
        other = paths["other_lang"]
        # Written in the language it leads to, and marked as such.
        text = (
            tr("Read this page in Spanish", other)
            if other == "es"
            else tr("Read this page in English", other)
        )
        parts.append(
            f'<span lang="{other}">'
            + _link(f"{up}{paths['other_language']}/{pagename}.html", text)
            + "</span>"
        )
    return " ".join(parts)


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
    edition = _edition(app)
    context["theme_search_bar_text"] = tr("Search this book...", edition.lang)
    context["theme_announcement"] = banner(edition, pagename)
    context["mem_banner_label"] = tr("About this edition", edition.lang)
    context["theme_extra_footer"] = footer(edition.lang, app.config.copyright)


def _front_door(app, exception) -> None:
    """`index.html` at the root of the HTML: a page in the edition's language that sends the
    reader to the front page (at once, and by a link for those who stop redirects)."""
    if exception is not None or app.builder.format != "html":
        return
    edition = _edition(app)
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
    edition = _edition(app)
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


def setup(app):
    app.add_config_value("mem_edition", None, "html")
    # A fingerprint of this extension and the words it writes: when it changes, every page
    # is read and written again (Sphinx would otherwise keep pages made by the old code).
    app.add_config_value("mem_extension", "", "env")
    app.add_source_parser(NotebookParser, override=True)
    app.connect("html-page-context", _page_context)
    app.connect("build-finished", _front_door)
    app.connect("build-finished", _translate_chrome)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
