"""The neutral structure of a printed document: a header, a title, numbered parts of
paragraphs and tables, signers and recipients. reports.output writes the same structure
as HTML, PDF and XLSX; the templates lay it out and run no query."""

from dataclasses import dataclass, field
from datetime import date as Date

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]


class Kept(str):
    """Text printed on one line, never broken: a document number such as 215/QĐ-UBND."""


class Line(tuple):
    """A cell of several pieces of text, some of them Kept."""

    def __str__(self):
        return "".join(self)


@dataclass
class Table:
    headers: list
    rows: list  # lists of cells (text or numbers)
    title: str = ""  # heading above it, and the sheet name in the XLSX export
    total: list | None = None  # a last, bold row

    @property
    def narrow(self):
        """Columns of short values (numbers, votes, dates), printed centred on one line."""
        rows = self.rows + ([self.total] if self.total else [])
        return {i for i in range(len(self.headers)) if rows and all(len(str(row[i])) <= 10 for row in rows)}

    @property
    def wide(self):
        return len(self.headers) > 6


@dataclass
class Section:
    heading: str = ""
    paragraphs: list = field(default_factory=list)
    table: Table | None = None


@dataclass
class Header:
    parent: str  # the issuing body's superior, e.g. UBND TỈNH ĐIỆN BIÊN
    issuer: str
    number: str  # after “Số:”; a blank to fill in by hand when empty
    place: str
    date: Date | None
    year: int  # printed when the date is not known yet


@dataclass
class Signer:
    capacity: list  # lines above the signature, e.g. ["TM. KHỐI THI ĐUA", "TRƯỞNG KHỐI"]
    name: str = ""


@dataclass
class Printed:
    slug: str
    filename: str
    header: Header
    kind: str  # BÁO CÁO, BIÊN BẢN, DANH SÁCH
    subtitle: str
    sections: list
    signers: list = field(default_factory=list)
    recipients: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    def __post_init__(self):
        headed = [s for s in self.sections if s.heading]
        for number, section in enumerate(headed, start=1):
            section.heading = f"{ROMAN[number - 1]}. {section.heading}" if number <= len(ROMAN) else section.heading

    @property
    def tables(self):
        return [s.table for s in self.sections if s.table]

    def size(self):
        """Characters of text: what makes a document long to lay out."""
        text = [self.subtitle, *self.notes]
        for section in self.sections:
            text += [section.heading, *section.paragraphs]
            if section.table:
                rows = section.table.rows + [section.table.total or []]
                text += [str(cell) for row in rows for cell in row]
        return sum(len(t) for t in text)
