"""A Sphinx extension for what leaves the book: phone-sized figures and the edition's PDF.

- A figure image (`figures/<id>.png`) whose compact twin (`figures/<id>-compact.png`) stands
  beside it is written as a `<picture>`: narrow screens get the compact layout, drawn for
  them (see analysis/exhibits/figure_layouts.py); everything else gets the wide one.
- Every page links to the PDF of its edition ("Download this edition as PDF"), in a
  template of its own (`mem-pdf-link.html`) at the end of the article's header.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from docutils import nodes
from sphinx.transforms import SphinxTransform

from analysis.edition.layout import BRIEF_NAME, pdf_name
from analysis.exhibits.language import tr

COMPACT_SCREEN = "(max-width: 600px)"  # phones; a printed A4 page is wider
TWIN_CLASS = "mem-compact-twin"
_FIGURE = re.compile(r"^(?P<folder>(?:.*/)?figures)/(?P<id>[^/]+)\.png$")
PDF_TEMPLATE = "mem-pdf-link.html"


class CompactTwins(SphinxTransform):
    """Give each figure image with a compact twin a hidden sibling image of the twin, so
    that Sphinx copies the twin with the page's images, and mark the image (Sphinx may
    later wrap it in a link: the twin is found by name, not by place)."""

    default_priority = 400

    def apply(self, **kwargs) -> None:
        for image in list(self.document.findall(nodes.image)):
            found = _FIGURE.match(image.get("uri", ""))
            if not found or TWIN_CLASS in image["classes"]:
                continue
            twin = f"{found['folder']}/{found['id']}-compact.png"
            _, path = self.env.relfn2path(twin, self.env.docname)
            if Path(path).is_file():
                image["mem_compact"] = True
                image.parent.insert(
                    image.parent.index(image) + 1,
                    nodes.image(uri=twin, classes=[TWIN_CLASS], alt=""),
                )


def _twin(node) -> str | None:
    """The compact twin of a figure image, named as Sphinx named the image once it had
    collected the page's images (relative to the source folder)."""
    if not node.get("mem_compact"):
        return None
    return node["uri"].removesuffix(".png") + "-compact.png"


def _visit_image(self, node) -> None:
    if TWIN_CLASS in node["classes"]:
        raise nodes.SkipNode
    twin = _twin(node)  # before the translator rewrites the image's uri
    node["mem_picture"] = bool(twin and twin in self.builder.images)
    if node["mem_picture"]:
        source = posixpath.join(self.builder.imgpath, self.builder.images[twin])
        self.body.append(f'<picture><source media="{COMPACT_SCREEN}" srcset="{source}">')
    type(self).visit_image(self, node)


def _depart_image(self, node) -> None:
    type(self).depart_image(self, node)
    if node.get("mem_picture"):
        self.body.append("</picture>")


def _pdf_link(app, pagename, templatename, context, doctree) -> None:
    from analysis.edition.sphinxext import edition_of_app, root_prefix

    if not app.config.mem_pdf:  # this build prints no PDF: no link to one
        return
    edition = edition_of_app(app)
    context["mem_pdf_href"] = root_prefix(pagename) + pdf_name(edition)
    context["mem_pdf_words"] = tr("Download this edition as PDF", edition.lang)
    if pagename == app.config.root_doc:  # the front page offers the one-page brief too
        context["mem_brief_href"] = root_prefix(pagename) + BRIEF_NAME
        context["mem_brief_words"] = tr("The one-page brief (PDF)", edition.lang)
        context["mem_brief_short"] = tr("Brief", edition.lang)
    items = context.get("theme_article_header_end") or []
    if isinstance(items, str):
        items = [item.strip() for item in items.split(",") if item.strip()]
    if PDF_TEMPLATE not in items:
        context["theme_article_header_end"] = [PDF_TEMPLATE, *items]


def setup(app):
    # Whether the build prints the edition's PDF (set by analysis.edition.build); a change
    # writes every page again, with or without the link.
    app.add_config_value("mem_pdf", True, "html")
    app.add_transform(CompactTwins)
    app.add_node(nodes.image, override=True, html=(_visit_image, _depart_image))
    app.connect("html-page-context", _pdf_link)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
