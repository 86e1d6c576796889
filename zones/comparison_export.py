"""A comparison as a download: an XLSX workbook (the same rows, figures as numbers, sources on a second sheet)
or a PDF (the same table on A4 landscape, in the vendored DejaVu Sans so that Vietnamese renders, with the
vendored Noto Sans CJK for the Korean, Japanese and Chinese characters DejaVu lacks)."""

import io
from decimal import Decimal
from pathlib import Path

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language, gettext
from fpdf import FPDF
from fpdf.fonts import FontFace
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .comparison import Comparison

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_TYPE = "application/pdf"
FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVuSansCondensed"
CJK_FONT = "NotoSansCJK"
CJK_FILE = FONT_DIR / "NotoSansCJK-Regular.ttc"
# The collection's face for each language: the same characters, each in the glyph forms its readers expect
# (Simplified Chinese forms in the other languages' documents).
CJK_FACES = {"ja": 0, "ko": 1, "zh-hans": 2, "zh-hant": 3}
CJK_DEFAULT_FACE = 2


def filename(comparison: Comparison, extension: str) -> str:
    """"comparison-<date>-<zone codes>.<extension>", ASCII only."""
    codes = "-".join(slugify(key.replace(":", "-")) for key in comparison.keys)[:80]
    return f"comparison-{timezone.localdate():%Y-%m-%d}-{codes}.{extension}".replace("--", "-")


def _title(comparison: Comparison) -> str:
    return gettext("Comparison of zones and plots")


def _sources(cell) -> str:
    return "; ".join(str(source) for source in cell.sources)


def _as_text(sheet) -> None:
    """Keep every cell of the last row that openpyxl would read as a formula ("=…" in a name) as text."""
    for cell in sheet[sheet.max_row]:
        if cell.data_type == "f":
            cell.data_type = "s"


def xlsx(comparison: Comparison) -> bytes:
    """The comparison as a workbook: sheet one the table (a figure is a number whenever the page shows one;
    the row label carries its unit), sheet two each figure's sources. No text becomes a formula."""
    book = Workbook()
    sheet = book.active
    sheet.title = gettext("Comparison")[:31]
    bold = Font(bold=True)
    sheet.append([_title(comparison)])
    sheet["A1"].font = Font(bold=True, size=14)
    if comparison.profile_words:
        sheet.append([gettext("Your project:") + " " + " · ".join(comparison.profile_words)])
    sheet.append([])
    sheet.append([gettext("Figure")] + [column.heading for column in comparison.columns])
    _as_text(sheet)
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    sheet.freeze_panes = sheet.cell(row=sheet.max_row + 1, column=2)
    sources = book.create_sheet(gettext("Sources")[:31])
    sources.append([gettext("Section"), gettext("Figure"), gettext("Zone or plot"), gettext("Source")])
    for cell in sources[1]:
        cell.font = bold
    for section in comparison.sections:
        sheet.append([section.heading])
        sheet.cell(row=sheet.max_row, column=1).font = bold
        if section.note:
            sheet.append([section.note])
        for row in section.rows:
            values = []
            for column, cell in zip(comparison.columns, row.cells, strict=False):
                values.append(float(cell.value) if isinstance(cell.value, Decimal)
                              else cell.value if cell.value is not None else cell.text)
                if cell.sources:
                    sources.append([section.heading, row.label, column.heading, _sources(cell)])
                    _as_text(sources)
            sheet.append([row.label, *values])
            _as_text(sheet)
    sheet.column_dimensions["A"].width = 48
    for index in range(len(comparison.columns)):
        sheet.column_dimensions[get_column_letter(index + 2)].width = 28
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


class _Document(FPDF):
    def footer(self):
        self.set_y(-12)
        self.set_font(FONT, size=7)
        self.cell(0, 8, f"{self.page_no()}", align="R")


def _strings(comparison: Comparison):
    """Every text the PDF of ``comparison`` draws."""
    yield from (_title(comparison), gettext("Your project:"), gettext("Printed on %(date)s."), gettext("Figure"),
                gettext("Sources"))
    yield from comparison.profile_words
    for column in comparison.columns:
        yield column.heading
    for section in comparison.sections:
        yield section.heading
        yield section.note
        for row in section.rows:
            yield row.label
            for cell in row.cells:
                yield cell.text
                yield from (str(source) for source in cell.sources)


def _add_fonts(document: FPDF, comparison: Comparison) -> None:
    """DejaVu Sans, regular and bold; and, when a text has a character DejaVu lacks, the Noto Sans CJK face
    of the active language as the fallback (regular only: its bold would double the font's size), subset
    into the PDF. Loading the CJK collection costs about half a second, so documents without it skip it."""
    document.add_font(FONT, "", str(FONT_DIR / f"{FONT}.ttf"))
    document.add_font(FONT, "B", str(FONT_DIR / f"{FONT}-Bold.ttf"))
    covered = document.fonts[FONT.lower()].cmap
    if any(ord(char) not in covered for text in _strings(comparison) for char in text if not char.isspace()):
        document.add_font(CJK_FONT, "", str(CJK_FILE),
                          collection_font_number=CJK_FACES.get(get_language(), CJK_DEFAULT_FACE))
        document.set_fallback_fonts([CJK_FONT], exact_match=False)


def pdf(comparison: Comparison) -> bytes:
    """The comparison as a PDF: the same table, A4 landscape, the best figure of a row in bold, each figure's
    sources as numbered notes after the table."""
    document = _Document(orientation="landscape", format="A4")
    _add_fonts(document, comparison)
    document.set_title(_title(comparison))
    document.set_margins(10, 10, 10)
    document.set_auto_page_break(True, margin=14)
    document.add_page()
    document.set_font(FONT, "B", 14)
    document.multi_cell(0, 8, _title(comparison), new_x="LMARGIN", new_y="NEXT")
    document.set_font(FONT, size=9)
    if comparison.profile_words:
        document.multi_cell(0, 5, gettext("Your project:") + " " + " · ".join(comparison.profile_words),
                            new_x="LMARGIN", new_y="NEXT")
    document.multi_cell(0, 5, gettext("Printed on %(date)s.") % {"date": f"{timezone.localdate():%d/%m/%Y}"},
                        new_x="LMARGIN", new_y="NEXT")
    document.ln(2)
    count = len(comparison.columns)
    label_width = 70
    widths = (label_width, *([(document.epw - label_width) / max(count, 1)] * count))
    best = FontFace(emphasis="BOLD")
    notes: dict[str, int] = {}  # each source once, numbered in the order the table cites it
    with document.table(col_widths=widths, text_align="LEFT", line_height=4.5, padding=1,
                        headings_style=FontFace(emphasis="BOLD", fill_color=(230, 230, 230))) as table:
        heading = table.row()
        heading.cell(gettext("Figure"))
        for column in comparison.columns:
            heading.cell(column.heading)
        for section in comparison.sections:
            row = table.row()
            row.cell(section.heading, colspan=count + 1, style=FontFace(emphasis="BOLD", fill_color=(245, 245, 245)))
            if section.note:
                table.row().cell(section.note, colspan=count + 1)
            for line in section.rows:
                row = table.row()
                row.cell(line.label)
                for cell in line.cells:
                    marks = [notes.setdefault(str(source), len(notes) + 1) for source in cell.sources]
                    text = cell.text + (f" [{', '.join(map(str, marks))}]" if marks else "")
                    row.cell(text, style=best if cell.best else None)
    if notes:
        document.ln(4)
        document.set_font(FONT, "B", 10)
        document.multi_cell(0, 6, gettext("Sources"), new_x="LMARGIN", new_y="NEXT")
        document.set_font(FONT, size=8)
        for text, number in notes.items():
            document.multi_cell(0, 4.5, f"[{number}] {text}", new_x="LMARGIN", new_y="NEXT")
    return bytes(document.output())
