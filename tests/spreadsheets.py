"""Uploads of filled import templates, built in memory for the import tests: XLSX with cells of
any type (text, numbers, dates, Excel serials, formulas) and CSV in any encoding."""

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from core import sheets
from core.sheets import EXCEL_EPOCH


def serial(day):
    """The Excel serial number of a date (43108 is 08/01/2018)."""
    return (day - EXCEL_EPOCH).days


def xlsx(header, rows, name="bang.xlsx"):
    book = openpyxl.Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def csv_file(header, rows, encoding="utf-8-sig", name="bang.csv"):
    lines = [",".join(f'"{v}"' for v in row) for row in [header, *rows]]
    return SimpleUploadedFile(name, ("\r\n".join(lines) + "\r\n").encode(encoding))


def run(kind, province, upload, *, actor, year=None, dry_run=False):
    """Read the upload as the page does and run the import of `kind` (core.sheets.KINDS)."""
    kind = sheets.KINDS[kind]
    sheet = sheets.read(upload, columns=kind.columns)
    return kind.run(actor=actor, province=province, year=year, sheet=sheet, dry_run=dry_run)


def where(preview):
    """(row, column) of each problem, as the preview lists them."""
    return [(p.row, p.column) for p in preview.problems]
