"""The neutral structure of a printed document: a header, a title, numbered parts of
paragraphs and tables, signers and recipients. reports.output writes the same structure
as HTML, PDF, XLSX and DOCX; the templates lay it out and run no query."""

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
    def widths(self):
        """Each column's share of the table's width in percent. A column of short values
        gets what its longest value or heading word needs; the text columns share the rest
        by the length of their longest value (capped, so that one long text cannot squeeze
        the others). The PDF lays the table out with these widths (fixed layout) without
        measuring every cell; the DOCX uses them too."""
        rows = self.rows + ([self.total] if self.total else [])
        budget = 95 if self.wide else 78  # characters across the page at the table's size
        needs, texts = [], {}
        for i, heading in enumerate(self.headers):
            values = [str(row[i]) for row in rows]
            word = max((len(w) for text in [str(heading), *values] for w in text.split()), default=1)
            longest = max(map(len, values), default=0)
            needs.append(min(max(word, 3), 14) + 4)  # a word up to 14 letters on one line
            if i in self.narrow:
                needs[i] = max(needs[i], min(longest, 12) + 4)
            else:
                texts[i] = max(min(longest, 40), needs[i])
        fixed = sum(need for i, need in enumerate(needs) if i not in texts)
        left = max(budget - fixed, sum(needs[i] for i in texts))
        weights = [
            max(needs[i], left * texts[i] / sum(texts.values())) if i in texts else needs[i]
            for i in range(len(self.headers))
        ]
        total = sum(weights)
        return [round(100 * weight / total, 2) for weight in weights]

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
    parent: str  # the issuing body's superior, e.g. ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN
    issuer: str
    number: str  # after “Số:”, e.g. 01/BB-KVHXH, or “      /BC-KVHXH” with the number to fill in
    place: str
    date: Date | None
    year: int  # printed when the date is not known yet
    attached: bool = False  # a list that goes with a tờ trình: no number, place or date of its own


@dataclass
class Signer:
    capacity: list  # bold capitals above the signature: ["TM. KHỐI THI ĐUA …", "TRƯỞNG KHỐI"]
    name: str = ""  # the signer's full name; a blank to fill in when not recorded
    detail: str = ""  # a plain line under the title, e.g. the head's own office


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
    notes: list = field(default_factory=list)  # footnotes, e.g. what the * of demo data means
    closing: list = field(default_factory=list)  # the last paragraphs, kept on the signature's page
    attached_to: str = ""  # “(Kèm theo Tờ trình số … ngày …)”, under the title of a list

    def __post_init__(self):
        headed = [s for s in self.sections if s.heading]
        for number, section in enumerate(headed, start=1):
            section.heading = f"{ROMAN[number - 1]}. {section.heading}" if number <= len(ROMAN) else section.heading

    @property
    def tables(self):
        return [s.table for s in self.sections if s.table]

    def size(self):
        """Characters of text: what makes a document long to lay out."""
        text = [self.subtitle, *self.notes, *self.closing]
        for section in self.sections:
            text += [section.heading, *section.paragraphs]
            if section.table:
                rows = section.table.rows + [section.table.total or []]
                text += [str(cell) for row in rows for cell in row]
        return sum(len(t) for t in text)
