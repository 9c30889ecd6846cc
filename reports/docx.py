"""The printed documents as Word (DOCX) files, from the same neutral structure as the PDF
(reports.documents.structure.Printed), laid out as Nghị định 30/2020 shows: A4, margins
20/15/20/30 mm, Times New Roman at the sizes of static/css/print.css, the header as a
borderless two-column table, real Word tables with a repeated heading row, page numbers at
the top from page 2, the signature block kept with the last paragraph.

Offices finish their documents in Word: python-docx writes the file (maintained, MIT, no
template file to keep in step with the PDF's layout). Word and LibreOffice substitute a
metric-compatible font (Liberation Serif) where Times New Roman is missing."""

import io
import re
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Mm, Pt, Twips

from reports.documents.structure import Line
from reports.templatetags.printing import date_line

FONT = "Times New Roman"
BODY, HEADER, TABLE, WIDE_TABLE, SMALL = Pt(14), Pt(13), Pt(12), Pt(10.5), Pt(11)
TEXT_WIDTH = Mm(210 - 30 - 15)
INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# The elements that follow a border in its parent, in the order of the WordprocessingML
# schema: Word refuses a file whose elements are out of order.
TBLPR_AFTER_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")
PPR_AFTER_BORDER = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


def write(printed):
    document = Document()
    _page(document)
    _styles(document)
    _header(document, printed)
    _title(document, printed)
    for section in printed.sections:
        if section.heading:
            _paragraph(document, section.heading, bold=True, indent=False, space_before=12, keep_with_next=True)
        for text in section.paragraphs:
            if text:
                _paragraph(document, text)
        if section.table:
            _table(document, section.table)
    _closing_and_signature(document, printed)
    for note in printed.notes:
        _paragraph(document, note, size=Pt(10), italic=True, indent=False, space_before=12)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page(document):
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.orientation = WD_ORIENT.PORTRAIT
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    # The page number at the top centre, from page 2 on (the first page's header is empty).
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(paragraph, "PAGE", size=HEADER)


def _styles(document):
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, BODY
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.line_spacing = 1.15


def _field(paragraph, instruction, size):
    """A Word field (PAGE), computed by Word and LibreOffice when the page is laid out."""
    run = paragraph.add_run()
    run.font.size = size
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "2"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def _run(paragraph, text, *, bold=False, italic=False, size=None, caps=False):
    text = _xml_text(str(text))
    run = paragraph.add_run(text.upper() if caps else text)
    if bold:
        run.bold = True
    if italic:
        run.italic = True
    if size:
        run.font.size = size
    return run


def _paragraph(
    container,
    text,
    *,
    bold=False,
    italic=False,
    size=None,
    indent=True,
    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    space_before=0,
    space_after=6,
    caps=False,
    keep_with_next=False,
):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    form = paragraph.paragraph_format
    form.first_line_indent = Cm(1) if indent else None
    form.space_before, form.space_after = Pt(space_before), Pt(space_after)
    form.keep_with_next = keep_with_next
    _run(paragraph, text, bold=bold, italic=italic, size=size, caps=caps)
    return paragraph


def _borderless(table):
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.insert_element_before(borders, *TBLPR_AFTER_BORDERS)


def _fixed(table, widths):
    """Fixed layout with these column widths (EMU): Word then breaks a long word inside its
    cell instead of widening the column off the page."""
    table.autofit = False  # w:tblLayout type="fixed"
    widths = _twips(widths)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _rule(paragraph, width_share):
    """A short line under a paragraph (the issuer, the motto, the trích yếu): a bottom border
    on a paragraph indented to the rule's width."""
    form = paragraph.paragraph_format
    margin = int(TEXT_WIDTH * (1 - width_share) / 2)
    form.left_indent = form.right_indent = margin
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    paragraph._p.get_or_add_pPr().insert_element_before(border, *PPR_AFTER_BORDER)


def _cell_line(cell, text, *, first=False, bold=False, italic=False, size=HEADER, caps=False):
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    _run(paragraph, text, bold=bold, italic=italic, size=size, caps=caps)
    return paragraph


def _short_rule(cell, share):
    """The short rule under the issuer's name or the motto: an empty, bordered line."""
    paragraph = cell.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(4)
    run = paragraph.add_run()
    run.font.size = Pt(2)
    form = paragraph.paragraph_format
    width = cell.width or TEXT_WIDTH // 2
    form.left_indent = form.right_indent = int(width * (1 - share) / 2)
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    paragraph._p.get_or_add_pPr().insert_element_before(border, *PPR_AFTER_BORDER)


def _header(document, printed):
    header = printed.header
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borderless(table)
    _fixed(table, [int(TEXT_WIDTH * 0.42), TEXT_WIDTH - int(TEXT_WIDTH * 0.42)])
    left, right = table.rows[0].cells
    first = True
    if header.parent:
        _cell_line(left, header.parent, first=True, caps=True)
        first = False
    _cell_line(left, header.issuer, first=first, bold=True, caps=True)
    _short_rule(left, 0.35)
    if not header.attached:
        _cell_line(left, f"Số: {header.number}")
    _cell_line(right, "Cộng hòa xã hội chủ nghĩa Việt Nam", first=True, bold=True, caps=True, size=Pt(12))
    _cell_line(right, "Độc lập - Tự do - Hạnh phúc", bold=True)
    _short_rule(right, 0.6)
    if not header.attached:
        _cell_line(right, date_line(header), italic=True, size=BODY)


def _title(document, printed):
    center = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(document, printed.kind, bold=True, caps=True, align=center, indent=False, space_before=12, space_after=0)
    subtitle = _paragraph(document, printed.subtitle, bold=True, align=center, indent=False, space_after=0)
    if printed.attached_to:
        subtitle = _paragraph(document, printed.attached_to, italic=True, align=center, indent=False, space_after=0)
    rule = document.add_paragraph()
    rule.paragraph_format.space_after = Pt(12)
    rule.add_run().font.size = Pt(2)
    _rule(rule, 0.3)
    return subtitle


def _table(document, table):
    """A real Word table: a heading row repeated on every page, then the rows. The rows are
    written as one piece of XML: python-docx's cell objects cost milliseconds each, which a
    list of a thousand rows would feel."""
    size = WIDE_TABLE if table.wide else TABLE
    narrow = table.narrow
    grid = document.add_table(rows=1, cols=len(table.headers))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    shares = table.widths
    widths = _twips([int(TEXT_WIDTH * share / sum(shares)) for share in shares])
    heading = grid.rows[0]
    _repeat_heading(heading)
    for cell, text in zip(heading.cells, table.headers, strict=True):
        _cell_text(cell, text, size=size, bold=True, center=True)
    _fixed(grid, widths)
    _cell_margins(grid, Pt(4))
    rows = [*table.rows, *([table.total] if table.total else [])]
    xml = []
    for number, row in enumerate(rows):
        bold = table.total is not None and number == len(rows) - 1
        cells = "".join(
            _cell_xml(value, width, size=size, bold=bold, center=i in narrow)
            for i, (value, width) in enumerate(zip(row, widths, strict=True))
        )
        xml.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>")
    if xml:
        for tr in parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(xml)}</w:tbl>").findall(qn("w:tr")):
            grid._tbl.append(tr)
    document.add_paragraph().paragraph_format.space_after = Pt(4)


def _cell_margins(table, side):
    """Cell padding as the PDF's (2 pt 4 pt), not Word's wider default."""
    margins = OxmlElement("w:tblCellMar")
    for edge, width in (("top", Pt(1)), ("left", side), ("bottom", Pt(1)), ("right", side)):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(int(width / Twips(1))))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")


def _cell_xml(value, width, *, size, bold, center):
    text = _xml_text("".join(value) if isinstance(value, Line) else str(value))
    align = '<w:jc w:val="center"/>' if center else ""
    half_points = int(size.pt * 2)
    run = f'<w:rPr>{"<w:b/>" if bold else ""}<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{int(width / Twips(1))}" w:type="dxa"/></w:tcPr>'
        f'<w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>{align}</w:pPr>'
        f'<w:r>{run}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p></w:tc>'
    )


def _twips(widths):
    return [Twips(int(width / Twips(1))) for width in widths]  # Word stores twentieths of a point


def _xml_text(text):
    """Text as XML 1.0 allows it: control characters (a pasted form feed, a NUL) dropped."""
    return INVALID_XML.sub("", text)


def _repeat_heading(row):
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    properties.append(element)


def _cell_text(cell, value, *, size, bold=False, center=False):
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.line_spacing = 1.0
    text = "".join(value) if isinstance(value, Line) else str(value)
    _run(paragraph, text, bold=bold, size=size)


def _closing_and_signature(document, printed):
    """The last paragraphs, then the signature block: each line kept with the next, so that
    Word never leaves the signature alone on a page."""
    for text in printed.closing:
        _paragraph(document, text, keep_with_next=True)
    signers = printed.signers
    columns = 2 if len(signers) == 1 else len(signers)
    table = document.add_table(rows=1, cols=columns)
    _borderless(table)
    share = [0.45, 0.55] if len(signers) == 1 else [1 / columns] * columns
    _fixed(table, [int(TEXT_WIDTH * s) for s in share])
    cells = table.rows[0].cells
    if len(signers) == 1:
        _recipients(cells[0], printed.recipients, first=True)
        cells = cells[1:]
    for cell, signer in zip(cells, signers, strict=True):
        first = True
        for line in signer.capacity:
            _keep(_cell_line(cell, line, first=first, bold=True, caps=True, size=BODY))
            first = False
        if signer.detail:
            _keep(_cell_line(cell, signer.detail, first=first, size=HEADER))
            first = False
        space = _cell_line(cell, "", first=first, size=BODY)
        space.paragraph_format.space_after = Pt(66)  # room for the signature and the seal
        _keep(space)
        _cell_line(cell, signer.name, bold=True, size=BODY)
    for row in table.rows:
        row._tr.get_or_add_trPr().append(_element("w:cantSplit"))
    if len(signers) != 1 and printed.recipients:
        below = document.add_table(rows=1, cols=1)
        _borderless(below)
        _fixed(below, [TEXT_WIDTH])
        _recipients(below.rows[0].cells[0], printed.recipients, first=True)


def _recipients(cell, recipients, first):
    if not recipients:
        return
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(0)
    _run(paragraph, "Nơi nhận:", bold=True, italic=True, size=TABLE)
    for recipient in recipients:
        line = cell.add_paragraph()
        line.paragraph_format.space_after = Pt(0)
        _run(line, f"- {recipient}", size=SMALL)


def _keep(paragraph):
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def _element(name):
    return OxmlElement(name)
