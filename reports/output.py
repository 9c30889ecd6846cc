"""One entry point for every printed document: build its content (reports.documents),
then write it as HTML or PDF through the template named after it (reports/<slug>.html),
as XLSX, or as DOCX (reports.docx). (Not named render: that would shadow
django.shortcuts.render in the views.)"""

import io
import re
import threading
import unicodedata
import zipfile
from urllib.parse import quote

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.properties import PageSetupProperties
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from reports import documents
from reports.fetcher import BASE_URL, StaticFilesOnly
from reports.templatetags.printing import date_line

# Longer than any real year-end document (a few hundred proposals); a document above it
# is refused with a message rather than keeping the server busy for minutes.
MAX_CHARACTERS = 400_000
MAX_FILENAME = 120  # characters before the extension


class DocumentTooLarge(Exception):
    def __init__(self, size):
        super().__init__(f"{size} characters, more than {MAX_CHARACTERS}")
        self.size = size


def build(slug, **params):
    printed = documents.build(slug, **params)
    size = printed.size()
    if size > MAX_CHARACTERS:
        raise DocumentTooLarge(size)
    return printed


def build_dossier(*, conference):
    """The parts of a bloc's award dossier (reports.documents.dossier), each held to the same
    limit as a document printed alone."""
    parts = documents.dossier(conference=conference)
    for printed in parts:
        size = printed.size()
        if size > MAX_CHARACTERS:
            raise DocumentTooLarge(size)
    return parts


def to_zip(parts):
    """One ZIP of every part as DOCX and PDF, numbered in the order they are sent, each named
    from its document's name (file_names): nothing typed reaches a path in the archive."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, printed in enumerate(parts, start=1):
            for extension, write in (("docx", to_docx), ("pdf", to_pdf)):
                name, _ = file_names(printed, extension)
                archive.writestr(f"{number:02d}-{name}", write(printed))
    return buffer.getvalue()


def dossier_disposition(conference):
    """The download of a bloc's dossier ZIP, named from the province's code, the bloc and the year."""
    bloc = conference.bloc
    name = f"ho-so-de-nghi-khen-thuong-{bloc.province.code}-khoi-{bloc.pk}-{conference.year}"
    return named_disposition(name, "zip", fallback="ho-so")


def to_html(printed, *, screen=False, pdf=False):
    """The document as HTML: the print view (`screen`), a file, or what to_pdf lays out (`pdf`:
    without the links to the style sheets, which to_pdf gives WeasyPrint already parsed)."""
    # Official documents are Vietnamese whatever the interface language.
    with translation.override("vi"):
        return render_to_string(f"reports/{printed.slug}.html", {"doc": printed, "screen": screen, "pdf": pdf})


def to_pdf(printed):
    fonts, stylesheets = _print_styles()
    html = HTML(string=to_html(printed, pdf=True), base_url=BASE_URL, url_fetcher=StaticFilesOnly())
    return html.write_pdf(stylesheets=stylesheets, font_config=fonts)


PRINT_STYLESHEETS = ("css/print.css", "css/columns.css")  # what templates/reports/document.html links to
_parsed = threading.local()


def _print_styles():
    """(fonts, style sheets) of the printed documents, read once per thread instead of for each PDF:
    WeasyPrint would parse the two style sheets and load the four fonts of their @font-face again
    every time. One per thread, as WeasyPrint's font configuration is not shared between threads.
    Under DEBUG they are read for each PDF, so that an edited style sheet prints at once."""
    if settings.DEBUG or not hasattr(_parsed, "styles"):
        fonts, fetcher = FontConfiguration(), StaticFilesOnly()
        prefix = BASE_URL + settings.STATIC_URL.lstrip("/")
        sheets = [CSS(url=prefix + path, url_fetcher=fetcher, font_config=fonts) for path in PRINT_STYLESHEETS]
        _parsed.styles = fonts, sheets
    return _parsed.styles


def to_docx(printed):
    from reports.docx import write  # python-docx is loaded only when a DOCX is asked for

    return write(printed)


# File names --------------------------------------------------------------------------


def file_names(printed, extension):
    """(ASCII name, Unicode name) for a download: letters and digits of the document's
    name with every other run of characters as one hyphen, so that nothing typed (a
    quote, a newline, a slash) reaches the header or the disk as it was typed."""
    return _file_names(printed.filename, printed.slug, extension)


def _file_names(name, fallback, extension):
    unicode_name = _slug(name, keep=lambda c: c.isalnum()) or fallback
    ascii_name = _slug(_ascii(unicode_name), keep=lambda c: c.isascii() and c.isalnum()) or fallback
    return f"{ascii_name}.{extension}", f"{unicode_name}.{extension}"


def content_disposition(printed, extension, *, inline=False):
    """RFC 6266: an ASCII `filename` for old clients, the real name in RFC 5987 `filename*`."""
    return named_disposition(printed.filename, extension, fallback=printed.slug, inline=inline)


def named_disposition(name, extension, *, fallback="document", inline=False):
    """content_disposition for a file that is not a Printed document (the certificates, a dossier ZIP)."""
    ascii_name, unicode_name = _file_names(name, fallback, extension)
    disposition = "inline" if inline else "attachment"
    return f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(unicode_name, safe='')}"


def _slug(text, keep):
    text = unicodedata.normalize("NFC", str(text))
    slug = re.sub(r"-+", "-", "".join(c if keep(c) else "-" for c in text)).strip("-")
    return slug[:MAX_FILENAME].strip("-")


def _ascii(text):
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


# XLSX --------------------------------------------------------------------------------


def to_xlsx(printed):
    """One sheet per table, each headed like the document (issuer, number or the tờ trình it
    goes with, place and date, title), set up to print on A4, with the footnotes below."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    titles = set()
    for number, table in enumerate(printed.tables, start=1):
        sheet = workbook.create_sheet(_sheet_title(table.title or str(number), titles))
        _head(sheet, printed, table)
        header_row = sheet.max_row + 1
        _append(sheet, table.headers, bold=True, wrap=True)
        for row in table.rows:
            _append(sheet, row)
        if table.total:
            _append(sheet, table.total, bold=True)
        for note in printed.notes:
            sheet.append([])
            _append(sheet, [note])
        _widths(sheet, table)
        _page_setup(sheet, header_row, landscape=table.wide)
    if not workbook.sheetnames:
        sheet = workbook.create_sheet("Trống")
        _head(sheet, printed, None)
        _page_setup(sheet, None, landscape=False)
    for sheet in workbook:
        _neutralise(sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _head(sheet, printed, table):
    header = printed.header
    issuer = " - ".join(x for x in (header.parent, header.issuer) if x).upper()
    _append(sheet, [issuer], bold=True)
    _append(sheet, [printed.attached_to or f"Số: {header.number}"])
    if not header.attached:
        _append(sheet, [date_line(header)])
    _append(sheet, [f"{printed.kind.upper()}: {printed.subtitle}"], bold=True)
    if table is not None and table.title:
        _append(sheet, [table.title], bold=True)


def _widths(sheet, table):
    for column, share in zip(sheet.iter_cols(min_row=sheet.max_row), table.widths, strict=False):
        sheet.column_dimensions[column[0].column_letter].width = max(6, min(60, share * 1.6))


def _page_setup(sheet, header_row, *, landscape):
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.page_margins.left, sheet.page_margins.right = 30 / 25.4, 15 / 25.4
    sheet.page_margins.top = sheet.page_margins.bottom = 20 / 25.4
    if header_row:
        sheet.print_title_rows = f"{header_row}:{header_row}"


def _sheet_title(title, used):
    """Excel allows 31 characters and none of []:*?/\\ in a sheet name, each once: a longer
    title is cut after a whole word, with an ellipsis (the full title heads the sheet)."""
    clean = "".join("-" if c in "[]:*?/\\" or not c.isprintable() else c for c in str(title)).strip("'")
    if len(clean) > 31:
        cut = clean[:30].rsplit(" ", 1)[0] if " " in clean[:30] else clean[:30]
        clean = cut.rstrip(" ,;-") + "…"
    clean = clean or "Bảng"
    candidate, n = clean, 2
    while candidate.lower() in {u.lower() for u in used}:
        candidate, n = f"{clean[:26]} ({n})", n + 1
    used.add(candidate)
    return candidate


def _append(sheet, row, *, bold=False, wrap=False):
    """A row of values: numbers stay numbers, everything else is text (without the control
    characters a spreadsheet cannot hold)."""
    sheet.append(
        [value if isinstance(value, int | float) else ILLEGAL_CHARACTERS_RE.sub("", str(value)) for value in row]
    )
    for cell in sheet[sheet.max_row]:
        if bold:
            cell.font = Font(bold=True)
        if wrap or len(str(cell.value or "")) > 40:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _neutralise(sheet):
    """Every cell we write is data: text that looks like a formula (=HYPERLINK(…)) is stored
    as text, whether it came from a body row, a heading or a criterion's name."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith("=")):
                cell.data_type = "s"
