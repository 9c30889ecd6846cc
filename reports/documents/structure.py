"""The neutral structure of a printed document: a header, a title, numbered parts of
paragraphs and tables, signers and recipients. reports.output writes the same structure
as HTML, PDF, XLSX and DOCX; the templates lay it out and run no query."""

import functools
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path

from fontTools.ttLib import TTFont

FONTS = Path(__file__).resolve().parents[2] / "static" / "fonts"
# What the tables are printed in (static/css/print.css, reports/docx.py): the text's width on
# A4 between the margins (210 - 30 - 15 mm), the table's size, a cell's padding and borders.
TEXT_WIDTH_PT = 165 / 25.4 * 72
TABLE_PT, WIDE_TABLE_PT = 12, 10.5
CELL_PADDING_PT = 2 * 4 + 0.6
SLACK = 0.6  # ems: a word measured to the point would still break at the border's edge


@functools.cache
def _advances(bold):
    font = TTFont(FONTS / f"LiberationSerif-{'Bold' if bold else 'Regular'}.ttf", lazy=True)
    metrics, em = font["hmtx"].metrics, font["head"].unitsPerEm
    return {code: metrics[name][0] / em for code, name in font.getBestCmap().items()}


def text_width(text, *, bold=False):
    """The width of `text` in ems, in the printed font (Liberation Serif, which the PDF embeds and
    whose letters are as wide as Times New Roman's, the DOCX's)."""
    advances = _advances(bold)
    return sum(advances.get(ord(char), 0.5) for char in text)


def _widest(texts, candidates=8):
    """The width of the widest of `texts`, measuring only the longest few: a list of a thousand
    rows is not measured word by word."""
    longest = sorted(set(texts), key=len, reverse=True)[:candidates]
    return max((text_width(text) for text in longest), default=0)


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
        """Each column's share of the table's width in percent. Every column gets what its longest
        word needs on one line, its heading's in bold (so that no heading breaks mid-word,
        “Trưởn / g khối”), and a column of short values (numbers, votes, dates) its longest
        value; the text columns share the rest by the width of their longest value (capped, so
        that one long text cannot squeeze the others). Widths are measured in the printed font
        (text_width), in ems of the table's size. The PDF lays the table out with these widths
        (fixed layout) without measuring every cell; the DOCX uses them too."""
        rows = self.rows + ([self.total] if self.total else [])
        size = WIDE_TABLE_PT if self.wide else TABLE_PT
        budget = TEXT_WIDTH_PT / size
        padding = CELL_PADDING_PT / size + SLACK
        needs, texts = [], {}
        for i, heading in enumerate(self.headers):
            values = [str(row[i]) for row in rows]
            word = max(
                max((text_width(w, bold=True) for w in str(heading).split()), default=0),
                _widest(w for text in values for w in text.split()),
            )
            needs.append(min(max(word, 1.5), 7) + padding)  # a word of up to about 14 letters on one line
            if i in self.narrow:
                needs[i] = max(needs[i], min(_widest(values), 6) + padding)
            else:
                texts[i] = max(min(_widest(values), 20), needs[i])
        fixed = sum(need for i, need in enumerate(needs) if i not in texts)
        left = max(budget - fixed, sum(needs[i] for i in texts))
        weights = [
            max(needs[i], left * texts[i] / sum(texts.values())) if i in texts else needs[i]
            for i in range(len(self.headers))
        ]
        total = sum(weights)
        return [round(100 * weight / total, 2) for weight in weights]

    @property
    def column_classes(self):
        """The widths in half percents adding up to 100 (largest remainders rounded up), as the
        classes of static/css/columns.css (“w9-5” is 9.5%): the HTML print view cannot give them
        inline, since the pages' Content Security Policy refuses inline styles."""
        halves = [2 * width for width in self.widths]
        units = [max(int(half), 1) for half in halves]
        by_remainder = sorted(range(len(halves)), key=lambda i: halves[i] - int(halves[i]), reverse=True)
        for i in by_remainder[: max(200 - sum(units), 0)]:
            units[i] += 1
        while sum(units) > 200:  # a column raised to 0.5% took from the others
            units[units.index(max(units))] -= 1
        return [f"w{unit // 2}" + ("-5" if unit % 2 else "") for unit in units]

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
