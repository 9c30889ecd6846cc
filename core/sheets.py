"""Reading a spreadsheet that a user uploads (XLSX or CSV) into rows of text, refusing what we
cannot read safely or faithfully, with a Vietnamese reason for each refusal. Knows no domain:
an app's import says which columns it wants and what each value means.

openpyxl reads XLSX (it is already how we write them; django-import-export would bring its own
model resources and admin screens, while our imports must go through the services). Before
openpyxl opens anything, the zip's declared sizes are checked: a zip bomb (a small file that
expands to gigabytes) is refused from its directory alone, without unpacking a byte.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

MAX_ROWS = 20_000
MAX_CELL = 2_000  # characters in one cell
MAX_UNPACKED = 64 * 1024 * 1024  # bytes, the declared size of all the parts of an XLSX together
MAX_RATIO = 200  # declared size / compressed size of one part


@dataclass
class Problem:
    row: int | None  # as the spreadsheet numbers it (the header is row 1); None: the whole file
    column: str  # the column's header, "" for the whole row or file
    message: str

    def __str__(self):
        where = []
        if self.row:
            where.append(_("row %(row)s") % {"row": self.row})
        if self.column:
            where.append(_("column “%(column)s”") % {"column": self.column})
        where = ", ".join(where)
        return f"{where[:1].upper()}{where[1:]}: {self.message}" if where else self.message


@dataclass
class Sheet:
    header: list = field(default_factory=list)
    rows: list = field(default_factory=list)  # (row number, {header: text})
    problems: list = field(default_factory=list)


class Refused(Exception):
    """The file as a whole cannot be read."""


def read(upload, *, columns):
    """The rows of an uploaded .xlsx or .csv whose header names `columns` (in any order; extra
    columns are refused). A problem with the file as a whole raises Refused."""
    data = upload.read()
    if not data:
        raise Refused(_("The file is empty."))
    name = (getattr(upload, "name", "") or "").lower()
    if data.startswith(b"PK\x03\x04"):
        header, raw_rows = _xlsx_rows(data)
    elif name.endswith(".xlsx"):
        raise Refused(_("The file is named .xlsx but is not an Excel workbook (XLSX)."))
    elif name.endswith(".csv"):
        header, raw_rows = _csv_rows(data)
    else:
        raise Refused(_("Only Excel workbooks (.xlsx) and CSV files (.csv) can be imported."))
    header = [(h or "").strip() for h in header]
    missing = [c for c in columns if c not in header]
    unknown = [h for h in header if h and h not in columns]
    if missing or unknown:
        parts = []
        if missing:
            parts.append(_("missing columns: %(names)s") % {"names": ", ".join(missing)})
        if unknown:
            parts.append(_("unknown columns: %(names)s") % {"names": ", ".join(unknown)})
        raise Refused(_("The header row does not match the template (%(parts)s).") % {"parts": "; ".join(parts)})
    sheet = Sheet(header=header)
    for number, values in raw_rows:
        if number - 1 > MAX_ROWS:
            raise Refused(_("The file has more than %(max)s rows: split it.") % {"max": MAX_ROWS})
        row = {}
        for column, value in zip(header, values, strict=False):
            if not column:
                continue
            if isinstance(value, Problem):
                value.row, value.column = number, column
                sheet.problems.append(value)
                row[column] = None  # a cell already refused: the import does not judge it again
                continue
            text = _text(value)
            if len(text) > MAX_CELL:
                sheet.problems.append(
                    Problem(number, column, _("the cell holds more than %(max)s characters.") % {"max": MAX_CELL})
                )
                row[column] = None
                continue
            row[column] = text
        if any(value is None or value for value in row.values()):
            sheet.rows.append((number, row))
    return sheet


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _check_zip(data):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise Refused(_("The file is named .xlsx but is not an Excel workbook (XLSX).")) from None
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if total > MAX_UNPACKED or info.file_size > MAX_RATIO * max(info.compress_size, 1024):
            raise Refused(_("The workbook would unpack to far more than its size (a zip bomb?): it is refused unread."))
    if "xl/workbook.xml" not in archive.namelist():
        raise Refused(_("The file is named .xlsx but is not an Excel workbook (XLSX)."))


def _xlsx_rows(data):
    import openpyxl  # imported here: only imports need it

    _check_zip(data)
    try:  # first a streaming pass that stops at the row limit, before the whole sheet is loaded
        streamed = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        for count, _row in enumerate(streamed.worksheets[0].iter_rows(values_only=True), start=1):
            if count > MAX_ROWS + 1:
                raise Refused(_("The file has more than %(max)s rows: split it.") % {"max": MAX_ROWS})
        streamed.close()
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=False)
    except Refused:
        raise
    except Exception:  # openpyxl raises many kinds on a damaged file
        raise Refused(_("The workbook cannot be read: it may be damaged.")) from None
    hidden = [ws.title for ws in book.worksheets if ws.sheet_state != "visible"]
    if hidden:
        raise Refused(
            _("The workbook has hidden sheets (%(names)s): unhide or delete them, and keep one sheet.")
            % {"names": ", ".join(hidden)}
        )
    sheet = book.worksheets[0]
    if sheet.max_row > MAX_ROWS + 1:
        raise Refused(_("The file has more than %(max)s rows: split it.") % {"max": MAX_ROWS})
    for merged in sheet.merged_cells.ranges:
        if merged.min_row == 1:
            raise Refused(_("The header row has merged cells (%(range)s): unmerge them.") % {"range": merged.coord})
    rows = sheet.iter_rows()
    first = next(rows, None)
    if first is None:
        raise Refused(_("The file is empty."))
    header = [_text(cell.value) for cell in first]

    def body():
        for cells in rows:
            values = []
            for cell in cells:
                if cell.data_type == "f":
                    values.append(Problem(None, "", _("a formula: type the value itself.")))
                elif cell.is_date and cell.value is not None:
                    values.append(cell.value.strftime("%d/%m/%Y"))
                else:
                    values.append(cell.value)
            yield cells[0].row, values

    return header, body()


def _csv_rows(data):
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(_("The CSV file is not in UTF-8 (perhaps Windows-1258): save it again as “CSV UTF-8”.")) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if not header:
        raise Refused(_("The file is empty."))
    return header, ((number, values) for number, values in enumerate(reader, start=2))


def template(*, title, columns, example, choices=None):
    """An XLSX template: the header in bold, one example row, and a drop-down list (data
    validation) on each column with fixed values ({column: [values]})."""
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(columns)
    sheet.append(example)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(columns, start=1):
        letter = openpyxl.utils.get_column_letter(index)
        sheet.column_dimensions[letter].width = max(18, len(column) + 4)
        values = (choices or {}).get(column)
        if values:
            validation = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True)
            validation.error = _("Choose a value from the list.")
            sheet.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def append_row(sheet, values, *, bold=False):
    """Writes a row of text and numbers to an openpyxl sheet as data: text that starts like a
    formula (=HYPERLINK(…)) is stored as text, never run."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    sheet.append(
        [value if isinstance(value, int | float) else ILLEGAL_CHARACTERS_RE.sub("", str(value)) for value in values]
    )
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"
        if bold:
            cell.font = Font(bold=True)


def workbook_bytes(book, *, widths_from_row=2):
    """The workbook as XLSX bytes, each column as wide as its longest value (within bounds)."""
    for sheet in book.worksheets:
        for column in sheet.columns:
            cells = list(column)[widths_from_row - 1 :]
            width = max((len(str(c.value or "")) for c in cells), default=8)
            sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 50)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
