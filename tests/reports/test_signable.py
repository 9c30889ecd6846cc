"""Every document can be signed as printed (Nghị định 30/2020, Phụ lục I): the number with
its type code and the issuer's abbreviation, the rule under the trích yếu, the signature
block with its authority line, title and the signer's name, never alone on a page; the
list that goes with a tờ trình; demo data marked; what was not recorded left blank."""

import io
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from awards.models import Decision, Submission
from blocs import services as bloc_services
from blocs.models import Bloc, Leadership, Province
from blocs.services import system_actor
from emulation.models import Conference
from reports import output
from reports.documents import BUILDERS
from tests.reports.pdf import pdf_text, squash


def demo_documents():
    """(name, slug, params) of every document type for both demo provinces."""
    found = []
    for province_name, year in [("Điện Biên", 2017), ("Vĩnh Phúc", 2020)]:
        province = Province.objects.get(name=province_name)
        bloc = Bloc.objects.get(province=province, name="Khối Văn hóa - Xã hội")
        conference = Conference.objects.get(bloc=bloc, year=year)
        found += [
            (f"{province_name} bloc-summary", "bloc-summary", {"bloc": bloc, "year": year}),
            (f"{province_name} minutes", "minutes", {"conference": conference}),
            (f"{province_name} province-summary", "province-summary", {"province": province, "year": year}),
            (f"{province_name} province-prizes", "province-prizes", {"province": province}),
            (
                f"{province_name} agency-record",
                "agency-record",
                {"agency": conference.proposals.first().membership.agency},
            ),
            (f"{province_name} leadership-history", "leadership-history", {"bloc": bloc}),
            (f"{province_name} dossier-submission", "dossier-submission", {"conference": conference}),
            (f"{province_name} vote-minutes", "vote-minutes", {"conference": conference}),
            (f"{province_name} nominee-list", "nominee-list", {"conference": conference}),
            (
                f"{province_name} achievement-report",
                "achievement-report",
                {"conference": conference, "proposal": conference.proposals.filter(person_name="").first()},
            ),
        ]
        for submission in Submission.objects.filter(province=province):
            found.append((f"{province_name} list {submission.number}", "submission-list", {"submission": submission}))
        for decision in Decision.objects.filter(province=province):
            found.append((f"{province_name} list {decision.number}", "decision-list", {"decision": decision}))
    assert {slug for _, slug, _ in found} == set(BUILDERS)
    return found


def pages(slug, **params):
    printed = output.build(slug, **params)
    _text, reader = pdf_text(output.to_pdf(printed))
    return printed, [squash(page.extract_text()) for page in reader.pages]


@pytest.mark.slow  # every document kind as PDF
def test_every_document_keeps_its_signature_with_the_last_paragraph(demo):
    for name, slug, params in demo_documents():
        printed, texts = pages(slug, **params)
        title = printed.signers[-1].capacity[-1].upper()
        closing = squash(printed.closing[-1])[:40]
        signature_page = next(text for text in reversed(texts) if title in text)
        assert closing in signature_page, f"{name}: the signature block is on a page of its own"


@pytest.mark.parametrize(
    ("kind", "number_start"),
    [("bloc-summary", "/BC-KVHXH"), ("minutes", "/BB-KVHXH"), ("province-summary", "/BC-BTĐKT")],
)
def test_a_number_not_yet_given_is_a_blank_before_the_type_code_and_issuer(seed_000, kind, number_start):
    params = {
        "bloc-summary": {"bloc": seed_000.bloc, "year": 2017},
        "minutes": {"conference": seed_000},
        "province-summary": {"province": seed_000.bloc.province, "year": 2017},
    }[kind]
    _printed, texts = pages(kind, **params)
    assert f"Số: {number_start}" in texts[0]


def test_a_recorded_minutes_number_prints_as_recorded(seed_000):
    Conference.objects.filter(pk=seed_000.pk).update(document_number="01/BB-KVHXH")
    seed_000.refresh_from_db()
    _printed, texts = pages("minutes", conference=seed_000)
    assert "Số: 01/BB-KVHXH" in texts[0]


def test_the_trich_yeu_has_a_rule_under_it(seed_000):
    html = output.to_html(output.build("bloc-summary", bloc=seed_000.bloc, year=2017))
    subtitle = html.index('<div class="subtitle">')
    assert html.index('<span class="rule subtitle-rule">') > subtitle
    css = Path(finders.find("css/print.css")).read_text()
    assert ".rule { display: block;" in css and "border-top: 0.6pt solid #000" in css
    assert ".rule.subtitle-rule" in css


def test_the_bloc_report_is_signed_by_the_leaders_head_by_name(seed_001, seed_000):
    # Vĩnh Phúc 2020: the chair named in seed 001 headed the leader agency.
    _printed, texts = pages("bloc-summary", bloc=seed_001.bloc, year=2020)
    last = texts[-1]
    assert "TM. KHỐI THI ĐUA VĂN HÓA - XÃ HỘI TRƯỞNG KHỐI Giám đốc Sở Thông tin và Truyền thông" in last
    assert last.index("Nguyễn Bá Hiến", last.index("TRƯỞNG KHỐI")) > last.index("TRƯỞNG KHỐI")

    leadership = Leadership.objects.get(bloc=seed_000.bloc, year=2017)
    bloc_services.leadership_set(actor=system_actor(), bloc=seed_000.bloc, year=2017, leader=leadership.leader,
                                 deputy=leadership.deputy, head_name="Lò Văn Thử")  # fmt: skip
    _printed, texts = pages("bloc-summary", bloc=seed_000.bloc, year=2017)
    signature = next(text for text in texts if "TRƯỞNG KHỐI" in text)
    assert signature.index("Lò Văn Thử") > signature.index("TRƯỞNG KHỐI")


def test_the_list_with_a_submission_names_it_and_its_signer(demo):
    submission = Submission.objects.get(number="42/TTr-UBND")
    Submission.objects.filter(pk=submission.pk).update(signer="Nguyễn Văn Thử")
    submission.refresh_from_db()
    _printed, texts = pages("submission-list", submission=submission)
    first, last = texts[0], texts[-1]
    assert "ỦY BAN NHÂN DÂN TỈNH VĨNH PHÚC" in first  # the issuer in full
    assert "(Kèm theo Tờ trình số 42/TTr-UBND ngày 15/03/2021 của Ủy ban nhân dân tỉnh Vĩnh Phúc)" in first
    assert "Số:" not in first  # the list has no number of its own
    assert "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH" in last
    assert last.index("Nguyễn Văn Thử") > last.index("CHỦ TỊCH")
    assert "Hoàn thành xuất sắc nhiệm vụ năm 2020" in first  # the achievements column


def test_the_minutes_are_signed_by_the_secretary_and_the_chair_by_name(seed_001):
    Conference.objects.filter(pk=seed_001.pk).update(secretary_name="Trần Thị Thư")
    seed_001.refresh_from_db()
    _printed, texts = pages("minutes", conference=seed_001)
    last = texts[-1]
    assert last.index("Trần Thị Thư") > last.index("THƯ KÝ")
    assert last.index("Nguyễn Bá Hiến", last.index("CHỦ TỌA")) > last.index("CHỦ TỌA")


def test_attendance_not_recorded_is_a_blank_never_zero(seed_001):
    flat = " ".join(pages("minutes", conference=seed_001)[1])
    assert "0/8" not in flat and "……/8 cơ quan, đơn vị thành viên (chưa ghi nhận)" in flat
    flat = " ".join(pages("bloc-summary", bloc=seed_001.bloc, year=2020)[1])
    assert "0/8" not in flat and "Có mặt: ……/8" in flat


def test_the_minutes_print_guests_titles_and_the_pledge(seed_000):
    flat = " ".join(pages("minutes", conference=seed_000)[1])
    assert "Khách mời: Ban Thi đua - Khen thưởng tỉnh, Lãnh đạo Ban." in flat
    assert "Bảo hiểm xã hội tỉnh, Lãnh đạo, chuyên viên làm công tác thi đua, khen thưởng" in flat
    assert "Ký giao ước thi đua năm 2018" in flat and "Giao ước thi đua năm 2018 của Khối Văn hóa - Xã hội." in flat
    flat = " ".join(pages("bloc-summary", bloc=seed_000.bloc, year=2017)[1])
    assert "Giao ước thi đua năm 2018 của Khối Văn hóa - Xã hội." in flat and "Khách mời:" in flat


def test_the_wording_fixes(seed_000):
    flat = " ".join(pages("bloc-summary", bloc=seed_000.bloc, year=2017)[1])
    assert "Phó Trưởng khối" in flat and "Phó trưởng khối" not in flat
    assert "họp ngày" not in flat
    assert "tại Bảo hiểm xã hội tỉnh Điện Biên, Khối thi đua Văn hóa - Xã hội tổ chức Hội nghị" in flat
    assert "Bảo hiểm xã hội tỉnh, Bảo hiểm xã hội tỉnh" not in flat  # the venue once
    flat = " ".join(pages("province-summary", province=seed_000.bloc.province, year=2017)[1])
    for heading in ["Được khen thưởng", "Không được khen thưởng", "Chờ quyết định"]:
        assert heading in flat


def test_the_province_report_lists_only_the_blocs_of_that_year_with_leader_and_deputy_apart(seed_000):
    printed = output.build("province-summary", province=seed_000.bloc.province, year=2017)
    blocs = printed.tables[0]
    assert [row[1] for row in blocs.rows] == ["Khối Văn hóa - Xã hội"]  # Kinh tế - Tổng hợp began in 2022
    assert blocs.headers[3:5] == ["Trưởng khối năm 2017", "Phó Trưởng khối năm 2017"]
    assert blocs.rows[0][3:5] == ["Bảo hiểm xã hội tỉnh *", "Sở Thông tin và Truyền thông *"]


@pytest.mark.slow  # every document kind as PDF
def test_demo_data_prints_with_a_mark_and_a_footnote(demo):
    for name, slug, params in demo_documents():
        _printed, texts = pages(slug, **params)
        flat = " ".join(texts)
        assert " *" in flat and "(*) Số liệu, tên có dấu * là dữ liệu minh họa" in flat, name


def docx_lines(slug, **params):
    """The DOCX's paragraphs in order, the table cells' paragraphs included."""
    document = Document(io.BytesIO(output.to_docx(output.build(slug, **params))))
    lines = []
    for block in document.element.body.iterchildren():
        if block.tag.endswith("}p"):
            lines.append("".join(t.text or "" for t in block.iter(qn("w:t"))))
        elif block.tag.endswith("}tbl"):
            lines += ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in block.iter(qn("w:p"))]
    return document, [line for line in lines if line.strip()]


def test_every_docx_reads_back_signable(demo):
    Submission.objects.filter(number="42/TTr-UBND").update(signer="Nguyễn Văn Thử")
    for name, slug, params in demo_documents():
        printed = output.build(slug, **params)
        document, lines = docx_lines(slug, **params)
        section = document.sections[0]
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297), name
        assert (round(section.left_margin.mm), round(section.right_margin.mm)) == (30, 15), name
        assert section.different_first_page_header_footer, name  # page numbers from page 2
        assert "PAGE" in section.header._element.xml, name
        assert document.styles["Normal"].font.name == "Times New Roman"
        signer = printed.signers[-1]
        title = signer.capacity[-1].upper()
        assert title in lines, name
        assert lines.index(signer.name, lines.index(title)) > lines.index(title), name  # the name under the title
        if printed.header.attached:
            assert printed.attached_to in lines and not any(line.startswith("Số:") for line in lines), name
        else:
            number = next(line for line in lines if line.startswith("Số:"))
            # An agency's own achievement report: the agency has no abbreviation recorded here.
            issued = re.search(r"/(BC|BB|TTr)-(KVHXH|BTĐKT|SNV)$", number)
            assert issued or (slug == "achievement-report" and number.endswith("/BC")), (name, number)
        # The closing paragraph is kept with the signature block, whose row never splits.
        closing = next(p for p in document.paragraphs if p.text == printed.closing[-1])
        assert closing.paragraph_format.keep_with_next, name
        assert "w:cantSplit" in document.tables[-1]._element.xml or len(printed.signers) == 2, name


def test_the_docx_of_a_list_names_its_submission_and_signer(demo):
    submission = Submission.objects.get(number="42/TTr-UBND")
    Submission.objects.filter(pk=submission.pk).update(signer="Nguyễn Văn Thử")
    submission.refresh_from_db()
    _document, lines = docx_lines("submission-list", submission=submission)
    assert "(Kèm theo Tờ trình số 42/TTr-UBND ngày 15/03/2021 của Ủy ban nhân dân tỉnh Vĩnh Phúc)" in lines
    assert lines.index("Nguyễn Văn Thử") > lines.index("CHỦ TỊCH") > lines.index("TM. ỦY BAN NHÂN DÂN")


def test_the_print_view_has_a_print_button_and_adds_no_margin_when_printed(seed_000, client):
    client.login(username="admin.dienbien", password="demo-quantri-2026")
    page = client.get(reverse("reports:minutes", args=[seed_000.pk, "html"])).content.decode()
    assert 'id="print-button"' in page and "js/print-button.js" in page
    assert "onclick" not in page  # the CSP allows no inline script
    screen = Path(finders.find("css/print-screen.css")).read_text()
    assert screen.index("@media screen") < screen.index("body {")  # the page margins are @page's alone
    assert "window.print()" in Path(finders.find("js/print-button.js")).read_text()


def test_the_xlsx_sheets_are_headed_footnoted_and_set_up_for_a4(demo):
    submission = Submission.objects.get(number="08/TTr-BTĐKT")
    workbook = load_workbook(io.BytesIO(output.to_xlsx(output.build("submission-list", submission=submission))))
    # 32 characters: Excel allows 31, so the name is cut after a word and the sheet says it in full.
    assert workbook.sheetnames == ["Cờ thi đua của UBND tỉnh", "Bằng khen của Chủ tịch UBND…"]
    sheet = workbook["Bằng khen của Chủ tịch UBND…"]
    values = [row[0] for row in sheet.iter_rows(values_only=True) if row and row[0]]
    assert "Bằng khen của Chủ tịch UBND tỉnh" in values
    assert values[0] == "UBND TỈNH ĐIỆN BIÊN - BAN THI ĐUA - KHEN THƯỞNG TỈNH"
    assert values[1] == "(Kèm theo Tờ trình số 08/TTr-BTĐKT ngày 24/01/2018 của Ban Thi đua - Khen thưởng tỉnh)"
    assert values[-1].startswith("(*) Số liệu, tên có dấu * là dữ liệu minh họa")
    assert sheet.page_setup.paperSize == int(sheet.PAPERSIZE_A4) and sheet.page_setup.fitToWidth == 1
    assert sheet.print_title_rows  # the heading row on every printed page
    bloc = Bloc.objects.get(province__name="Điện Biên", name="Khối Văn hóa - Xã hội")
    report = load_workbook(io.BytesIO(output.to_xlsx(output.build("bloc-summary", bloc=bloc, year=2017))))
    first = [row[0] for row in report.worksheets[0].iter_rows(max_row=3, values_only=True)]
    blank = "\u00a0" * 8
    assert first == [
        "UBND TỈNH ĐIỆN BIÊN - KHỐI VĂN HÓA - XÃ HỘI",
        f"Số: {blank}/BC-KVHXH",
        "Điện Biên, ngày 08 tháng 01 năm 2018",
    ]
