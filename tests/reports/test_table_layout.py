"""Table headings print whole: no heading word is broken across two lines (“Trưởn / g khối”),
in any document of either demo province, the eleven columns of the province report included.
Column widths come from the printed font's own letter widths (reports.documents.structure)."""

import pytest

from reports import output
from reports.documents.structure import Table, text_width
from tests.reports.pdf import pdf_text
from tests.reports.test_signable import demo_documents


def broken_words(text, words):
    """The words of `words` printed in two pieces, the end of one line and the start of the next."""
    lines = [line.split() for line in text.splitlines() if line.split()]
    return {line[-1] + after[0] for line, after in zip(lines, lines[1:], strict=False) if line[-1] + after[0] in words}


@pytest.mark.slow  # every document kind as PDF
def test_no_table_heading_breaks_mid_word(demo):
    broken = {}
    for name, slug, params in demo_documents():
        printed = output.build(slug, **params)
        words = {word for table in printed.tables for heading in table.headers for word in str(heading).split()}
        text, _reader = pdf_text(output.to_pdf(printed))
        if found := broken_words(text, {w for w in words if len(w) > 1}):
            broken[name] = found
    assert not broken, broken


def test_the_province_reports_eleven_columns_fit_their_heading_words_in_bold():
    headers = [
        "STT", "Khối thi đua", "Số thành viên", "Trưởng khối năm 2020", "Phó Trưởng khối năm 2020",
        "Trưởng khối năm 2021", "Hội nghị tổng kết", "Số đề nghị", "Được khen thưởng",
        "Không được khen thưởng", "Chờ quyết định",
    ]  # fmt: skip
    row = [
        1,
        "Khối Văn hóa - Xã hội",
        8,
        "Sở Thông tin và Truyền thông *",
        "Ban Dân tộc tỉnh *",
        "",
        "13/01/2021",
        2,
        2,
        0,
        0,
    ]
    table = Table(headers=headers, rows=[row])
    width_pt = 165 / 25.4 * 72
    for heading, share in zip(headers, table.widths, strict=True):
        room = width_pt * share / 100 - 8.6  # the cell's padding and borders
        widest = max(text_width(word, bold=True) * 10.5 for word in heading.split())
        assert widest <= room, (heading, widest, room)
    date_share = table.widths[headers.index("Hội nghị tổng kết")]
    assert text_width("13/01/2021") * 10.5 <= width_pt * date_share / 100 - 8.6


def test_a_word_is_measured_in_the_printed_font():
    assert text_width("Trưởng", bold=True) > text_width("Trưởng") > text_width("ii") > 0
    assert text_width("STT", bold=True) > text_width("sst", bold=True)
