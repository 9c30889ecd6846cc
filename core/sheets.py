"""Reading a spreadsheet that a user uploads (XLSX or CSV) into rows of text, refusing what we
cannot read safely or faithfully, with a Vietnamese reason for each refusal. Knows no domain:
an app's import says which columns it wants and what each value means.

openpyxl reads XLSX (it is already how we write them; django-import-export would bring its own
model resources and admin screens, while our imports must go through the services). Before
openpyxl opens anything, the zip's declared sizes are checked: a zip bomb (a small file that
expands to gigabytes) is refused from its directory alone, without unpacking a byte.
"""

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

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


@dataclass
class Kind:
    """One kind of import, as its app registers it (register_kind, in AppConfig.ready()): the page,
    the `import_sheet` command and the admin's link all find it here, so that a lower app lists the
    imports of the apps above it without importing them.

    `run(actor=, province=, year=, sheet=, dry_run=)` returns a preview (created, changed,
    unchanged, problems, warnings, saved) and saves nothing while a row is bad."""

    slug: str
    title: str  # the page's title
    description: str
    columns: list
    example: list
    run: object
    choices: object = dict  # () -> {column: [values]}: the template's drop-down lists, read when it is made
    needs_year: bool = True
    template_name: str = "mau.xlsx"
    done_url: str = "blocs:bloc_list"  # where the page goes once the rows are saved


KINDS = {}


def register_kind(kind):
    KINDS[kind.slug] = kind


# Judged once: a preview that found no bad row is kept until the user confirms it, and the import
# then writes what the preview judged, without reading and judging the rows again, unless anything
# recorded changed in between (then it is judged again, as the first time). Kept in Django's cache:
# with the default per-process cache, a confirmation that reaches another server process finds
# nothing kept and judges again, which is slower, never wrong. What the kept judgement skips is the
# import's own checks; the services still claim the versions of the rows they change, refuse a
# locked year and stand on the database's constraints.
JUDGED_FOR = 3600  # seconds: how long a preview waits for its confirmation


def history_stamp():
    """A mark that moves whenever anything recorded changes: the last row of every table of the
    audit trail (each write of the services adds one, deletions too). Read it before judging."""
    from django.db.models import Max
    from simple_history.models import registered_models

    stamp = []
    for table, model in sorted(registered_models.items()):
        attribute = getattr(model._meta, "simple_history_manager_attribute", None)
        history = getattr(model, attribute).model if attribute else model
        stamp.append((table, history._default_manager.aggregate(last=Max("pk"))["last"]))
    return tuple(stamp)


def judged_key(*, kind, province, year, user, digest):
    """Where a preview is kept: its import, province, year and user, and the file's SHA-256."""
    return f"core.sheets.judged:{kind}:{province}:{year}:{user}:{digest}"


def keep(key, preview, *, stamp):
    """Keep a preview whose judgement started at `stamp` (history_stamp()) until its confirmation."""
    from django.core.cache import cache

    cache.set(key, (stamp, preview), JUDGED_FOR)


def take(key):
    """The preview kept under `key`, once (it is forgotten), if nothing recorded changed since its
    judgement began; else None: the rows must be judged again."""
    from django.core.cache import cache

    kept = cache.get(key)
    cache.delete(key)
    if kept is None or kept[0] != history_stamp():
        return None
    return kept[1]


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
    if isinstance(value, datetime.datetime | datetime.date):  # a date cell, read as a date
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


EXCEL_EPOCH = datetime.date(1899, 12, 30)  # day 0 of Excel's 1900 date system, past its 1900 leap-year bug
DATE_TEXT = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def parse_date(text, *, first_year=1945, last_year=2100):
    """A date as a cell gives it: “dd/mm/yyyy” typed as text (or with . or -), an Excel date cell
    (read as dd/mm/yyyy), or an Excel serial number (a date cell that lost its format: 43108 is
    08/01/2018). Returns (date, None) or (None, a Vietnamese reason); "" gives (None, None)."""
    if not text:
        return None, None
    text = text.strip()
    match = DATE_TEXT.match(text)
    try:
        if match:
            day, month, year = (int(part) for part in match.groups())
            value = datetime.date(year, month, day)
        elif re.fullmatch(r"\d{1,6}(\.0+)?", text):
            value = EXCEL_EPOCH + datetime.timedelta(days=int(float(text)))
        else:
            return None, _("“%(value)s” is not a date: write it as dd/mm/yyyy.") % {"value": text}
    except (ValueError, OverflowError):
        return None, _("“%(value)s” is not a date that exists.") % {"value": text}
    if not first_year <= value.year <= last_year:
        return None, _("%(date)s is outside the years %(first)s–%(last)s.") % {
            "date": value.strftime("%d/%m/%Y"),
            "first": first_year,
            "last": last_year,
        }
    return value, None


def parse_number(text, *, places=2):
    """A number as offices type it: “9,5” or “9.5” (one decimal separator), at most `places`
    decimals. Returns (Decimal, None) or (None, a Vietnamese reason); "" gives (None, None)."""
    if not text:
        return None, None
    cleaned = text.strip().replace(" ", "")
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        value = Decimal(cleaned)
        exact = value.is_finite() and value == value.quantize(Decimal(1).scaleb(-places))
    except InvalidOperation:
        return None, _("“%(value)s” is not a number.") % {"value": text}
    if not value.is_finite():
        return None, _("“%(value)s” is not a number.") % {"value": text}
    if not exact:
        return None, _("“%(value)s” has more than %(places)s decimals.") % {"value": text, "places": places}
    return value, None


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


MERGED = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')


def _xlsx_rows(data):
    """One streaming pass (openpyxl's read-only mode): rows are read as the import asks for them, so
    that a sheet of many rows is refused at the limit without being loaded whole, and a large one
    is read in a fraction of the time and memory of a full load."""
    _check_zip(data)  # first: a zip bomb is refused before anything else is even loaded
    import openpyxl  # imported here: only imports need it
    from openpyxl.utils.cell import range_boundaries

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        hidden = [ws.title for ws in book.worksheets if ws.sheet_state != "visible"]
        sheet = book.worksheets[0]
        # Read-only mode does not read merged cells: they are listed at the end of the sheet's part.
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            merged = MERGED.findall(archive.read(sheet._worksheet_path))
    except Exception:  # openpyxl raises many kinds on a damaged file
        raise Refused(_("The workbook cannot be read: it may be damaged.")) from None
    if hidden:
        raise Refused(
            _("The workbook has hidden sheets (%(names)s): unhide or delete them, and keep one sheet.")
            % {"names": ", ".join(hidden)}
        )
    if (sheet.max_row or 0) > MAX_ROWS + 1:  # as the sheet declares it; the rows are counted too
        raise Refused(_("The file has more than %(max)s rows: split it.") % {"max": MAX_ROWS})
    for ref in merged:
        ref = ref.decode()
        if range_boundaries(ref)[1] == 1:
            raise Refused(_("The header row has merged cells (%(range)s): unmerge them.") % {"range": ref})
    rows = enumerate(sheet.iter_rows(min_row=1), start=1)
    try:
        first = next(rows, None)
    except Exception:
        raise Refused(_("The workbook cannot be read: it may be damaged.")) from None
    if first is None or not first[1]:
        raise Refused(_("The file is empty."))
    header = [_text(cell.value) for cell in first[1]]

    def body():
        try:
            for number, cells in rows:
                values = []
                for cell in cells:
                    if cell.data_type == "f":
                        values.append(Problem(None, "", _("a formula: type the value itself.")))
                    elif cell.is_date and cell.value is not None:
                        values.append(cell.value.strftime("%d/%m/%Y"))
                    else:
                        values.append(cell.value)
                yield number, values
        except Refused:
            raise
        except Exception:
            raise Refused(_("The workbook cannot be read: it may be damaged.")) from None
        finally:
            book.close()

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
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula, whatever it starts with
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(columns, start=1):
        letter = openpyxl.utils.get_column_letter(index)
        sheet.column_dimensions[letter].width = max(18, len(column) + 4)
        values = (choices or {}).get(column)
        listed = ",".join(values or [])
        # A list typed into the validation holds at most 255 characters and no comma or quote in a value.
        if values and len(listed) <= 255 and not any("," in v or '"' in v for v in values):
            validation = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True)
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
