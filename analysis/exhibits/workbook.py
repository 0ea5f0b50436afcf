"""A figure's workbook (.xlsx): its data, and an "About" sheet that says what they are.

What a ministry analyst opens in a spreadsheet program: the numbers drawn (the figure's
CSV, with numbers as numbers), then, on a sheet named in the edition's language ("About",
"Acerca de"), the figure's title and number, caption, the edition in words, currency,
prices and price index, source, coding caveat, the unit of each column, the parameters
that build the edition again, the date of the data (the report's publication) and the
book's version, the citation and licence. The file is the same on every build: fixed
dates inside, fixed times in the zip.

The build writes each figure's workbook once every figure has its number; the figure's
data package (`figure_package.py`), which needs the same, is written with it.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from pathlib import Path

import pandas as pd

from analysis.exhibits.citation import date_of_data, figure_citation_apa
from analysis.exhibits.figure_package import what_it_is
from analysis.exhibits.language import tr

ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def about_rows(record: dict, number: int, address: str, lang: str) -> list[tuple[str, str]]:
    """The About sheet: (what, text) a row."""
    rows = [(tr("Title", lang), record["title"]), (tr("Figure", lang), str(number))]
    about = what_it_is(record, number)
    licence = about.pop()  # last, after the citation
    rows += about[1:]  # the figure's number and title are above
    for column in record["columns"]:
        unit = record.get("units", {}).get(column, "")
        rows.append((tr("Column: {name}", lang, name=column), unit or "\u2014"))
    if record["edition"]:  # the line that builds the edition again
        rows.append((tr("Parameters", lang), record["edition"]))
    rows += [
        (
            tr("How to cite", lang),
            figure_citation_apa(record, lang, number, address).replace("*", ""),
        ),
        licence,
    ]
    if address:
        rows.append((tr("Address", lang), address))
    return rows


def workbook_bytes(data: pd.DataFrame, about: list[tuple[str, str]], lang: str) -> bytes:
    """The .xlsx file: the data sheet, then the About sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = tr("Data", lang)[:31]
    sheet.append(list(data.columns))
    for row in data.itertuples(index=False):
        sheet.append([None if pd.isna(v) else v for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(data.columns, 1):
        width = max([len(str(column))] + [len(str(v)) for v in data.iloc[:, index - 1]])
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = min(60, width + 2)
    notes = book.create_sheet(tr("About", lang)[:31])
    for what, text in about:
        notes.append([what, text])
    notes.column_dimensions["A"].width = 32
    notes.column_dimensions["B"].width = 100
    for cell in notes["A"]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top")
    for cell in notes["B"]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    moment = datetime.datetime.combine(date_of_data(), datetime.time())
    book.properties.creator = None
    book.properties.created = book.properties.modified = moment
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed(buffer.getvalue(), moment)


def _fixed(xlsx: bytes, moment: datetime.datetime) -> bytes:
    """The same bytes on every build: openpyxl stamps the time of saving into the document's
    properties and the zip's entries."""
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(xlsx)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            content = source.read(entry.filename)
            if entry.filename == "docProps/core.xml":
                text = content.decode("utf-8")
                text = re.sub(
                    r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)", rf"\g<1>{stamp}\g<2>", text
                )
                content = text.encode("utf-8")
            target.writestr(zipfile.ZipInfo(entry.filename, date_time=ZIP_TIME), content)
    return out.getvalue()


def write_workbook(folder: Path, record: dict, number: int, address: str) -> bytes:
    """The workbook of one published figure, from its CSV and record."""
    lang = record["lang"]
    data = pd.read_csv(folder / f"{record['id']}.csv", keep_default_na=False, na_values=[""])
    return workbook_bytes(data, about_rows(record, number, address, lang), lang)
