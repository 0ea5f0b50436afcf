"""The pages only the PDF has, as HTML for Chromium to print: the title page (what the
edition is, in words, the line that builds it again, its version, archived address and
citation) and the one-page brief (headline findings, headline figure, caveat, citation)."""

from __future__ import annotations

import html
from pathlib import Path

HEADLINE_FIGURE = "fig-headline-statuses"  # the brief's figure


def title_page(edition, lang: str) -> str:
    """The PDF's title page: title, edition, what the edition is in words, the parameters
    that build it again, version, address, citation."""
    from analysis.exhibits.citation import (
        book_citation_apa,
        cited_address,
        permanence_words,
        version_words,
    )
    from analysis.exhibits.edition_words import (
        amounts_sentence,
        coding_note,
        edition_label,
        other_choices,
        users_files,
    )
    from analysis.exhibits.figures_page import escape_citation
    from analysis.exhibits.language import book_title, tr

    label = edition_label(edition)
    said = [amounts_sentence(edition), *(phrase + "." for phrase in other_choices(edition))]
    said += [
        tr("Your own file: {files}.", lang, files=tr("{what} ({file})", lang, what=w, file=f))
        for w, f in users_files(edition)
    ]
    said.append(coding_note(edition))
    items = "".join(f"<li>{html.escape(line)}</li>" for line in said)
    rebuild = tr("To build it again: {parameters}", lang, parameters=label) if label else ""
    address = cited_address(edition)
    cite = book_citation_apa(lang, label, address)
    promise = permanence_words(lang, address)
    return (
        '<section class="mem-title">'
        f"<h1>{html.escape(book_title(lang))}</h1>"
        f"<p>{html.escape(edition_heading(edition, lang))} · {html.escape(version_words(lang))}</p>"
        f'<ul class="mem-about">{items}</ul>'
        + (f'<p class="mem-rebuild"><code>{html.escape(rebuild)}</code></p>' if rebuild else "")
        + (f"<p>{html.escape(address)}</p>" if address else "")
        + f'<p class="mem-cite"><small>{italics_html(escape_citation(cite))}</small></p>'
        + (f"<p><small>{html.escape(promise)}</small></p>" if promise else "")
        + "</section>"
    )


def italics_html(text: str) -> str:
    """An escaped citation's *title* in italics, as HTML."""
    parts = html.unescape(text.replace("\\", "")).split("*")
    return "".join(
        f"<em>{html.escape(part)}</em>" if i % 2 else html.escape(part)
        for i, part in enumerate(parts)
    )


def edition_heading(edition, lang: str) -> str:
    """'Reference edition', 'Edition currency=PEN', 'Edición en español'... as citations
    name it."""
    from analysis.exhibits.edition_words import edition_label, edition_words
    from analysis.exhibits.language import capitalised

    return capitalised(edition_words(edition_label(edition), lang))


def brief_page(edition, notebooks: Path, lang: str) -> str:
    """The one-page brief, as HTML: headline findings, headline figure, caveat, citation."""
    from analysis.chapters import front
    from analysis.exhibits import FIGURES_DIR
    from analysis.exhibits.citation import book_citation_apa, cited_address, version_words
    from analysis.exhibits.edition_words import coding_note, edition_label
    from analysis.exhibits.figures_page import escape_citation, records
    from analysis.exhibits.language import book_title, tr

    findings = front.findings(edition)
    folder = notebooks / FIGURES_DIR
    numbered = {r.get("figure", r["id"]): (n, r) for n, r in enumerate(records(folder), 1)}
    number, record = numbered[HEADLINE_FIGURE]
    address = cited_address(edition)
    cite = book_citation_apa(lang, edition_label(edition), address)
    items = "".join(f"<li>{html.escape(text)}</li>" for text in findings.values())
    image = (folder / f"{record['id']}.svg").as_uri()  # vector: its words stay text
    figure_words = tr("Figure {number}", lang, number=number)
    headline, how = tr("Headline findings", lang), tr("How to cite", lang)
    version = version_words(lang)
    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<title>{html.escape(book_title(lang))}</title><style>
@page {{ size: A4; }}
body {{ font-family: 'DejaVu Sans', sans-serif; font-size: 9.5pt; line-height: 1.35; }}
h1 {{ font-size: 15pt; margin: 0 0 1mm; }} h2 {{ font-size: 11pt; margin: 3mm 0 1mm; }}
.edition {{ color: #444; margin: 0 0 2mm; }} ul {{ margin: 0; padding-left: 5mm; }}
li {{ margin: 1mm 0; }} img {{ width: 100%; max-height: 95mm; object-fit: contain; }}
figure {{ margin: 2mm 0; }} figcaption {{ font-size: 8.5pt; color: #333; }}
.caveat {{ border-left: 3px solid #801650; padding-left: 3mm; }}
.cite {{ font-size: 8pt; }}
</style></head><body>
<h1>{html.escape(book_title(lang))}</h1>
<p class="edition">{html.escape(edition_heading(edition, lang))} · {html.escape(version)}</p>
<h2>{html.escape(headline)}</h2><ul>{items}</ul>
<figure><img src="{image}" alt="{html.escape(record["alt"], quote=True)}">
<figcaption>{html.escape(figure_words)}: {html.escape(record["title"])}.
{html.escape(record["caption"])}</figcaption></figure>
<p class="caveat">{html.escape(coding_note(edition))}</p>
<h2>{html.escape(how)}</h2>
<p class="cite">{italics_html(escape_citation(cite))}</p>
</body></html>
"""
