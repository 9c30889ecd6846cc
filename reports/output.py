"""One entry point for every printed document: build its content (reports.documents),
then write it as HTML or PDF through the template named after it (reports/<slug>.html),
or as XLSX. (Not named render: that would shadow django.shortcuts.render in the views.)"""

import io

from django.template.loader import render_to_string
from django.utils import translation
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from weasyprint import HTML

from reports import documents
from reports.fetcher import BASE_URL, StaticFilesOnly

# Longer than any real year-end document (a few hundred proposals); a document above it
# is refused with a message rather than keeping the server busy for minutes.
MAX_CHARACTERS = 400_000


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


def to_html(printed, *, screen=False):
    # Official documents are Vietnamese whatever the interface language.
    with translation.override("vi"):
        return render_to_string(f"reports/{printed.slug}.html", {"doc": printed, "screen": screen})


def to_pdf(printed):
    html = HTML(string=to_html(printed), base_url=BASE_URL, url_fetcher=StaticFilesOnly())
    return html.write_pdf()


def to_xlsx(printed):
    workbook = Workbook()
    workbook.remove(workbook.active)
    titles = set()
    for number, table in enumerate(printed.tables, start=1):
        title = _sheet_title(table.title or str(number), titles)
        sheet = workbook.create_sheet(title)
        sheet.append([printed.subtitle])
        sheet["A1"].font = Font(bold=True)
        sheet.append(table.headers)
        for cell in sheet[2]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in table.rows:
            _append(sheet, row)
        if table.total:
            _append(sheet, table.total)
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
        for column in sheet.columns:
            width = max(len(str(c.value or "")) for c in list(column)[1:]) if sheet.max_row > 1 else 10
            sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 6), 60)
    if not workbook.sheetnames:
        workbook.create_sheet("Trống").append([printed.subtitle])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_title(title, used):
    """Excel allows 31 characters and none of []:*?/\\ in a sheet name, each once."""
    clean = "".join("-" if c in "[]:*?/\\" else c for c in title)[:28]
    candidate, n = clean, 2
    while candidate in used:
        candidate, n = f"{clean[:25]} ({n})", n + 1
    used.add(candidate)
    return candidate


def _append(sheet, row):
    """A row of values; text that looks like a formula stays text (user input is never run)."""
    sheet.append([value if isinstance(value, int | float) else str(value) for value in row])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"
