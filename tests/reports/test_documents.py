"""Every document printed from the demo data: real PDFs read back with pypdf."""

import datetime

import pytest

from awards.models import Proposal
from blocs import services as bloc_services
from blocs.models import Agency
from blocs.services import system_actor
from reports import output
from reports.documents import BUILDERS
from tests.reports.pdf import A4, pdf_text, squash

HEADER = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]


def printed(slug, **params):
    return pdf_text(output.to_pdf(output.build(slug, **params)))


def assert_official_layout(reader):
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width, 1), round(height, 1)) == (round(A4[0], 1), round(A4[1], 1))
    fonts = {
        font["/BaseFont"].split("+")[-1]: font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        for page in reader.pages
        for font in (page["/Resources"]["/Font"].get_object().values())
        for font in [font.get_object()]
    }
    assert fonts and all(name.startswith("Liberation-Serif") for name in fonts), fonts
    assert all("/FontFile2" in descriptor for descriptor in fonts.values()), "fonts must be embedded"


def test_bloc_summary_of_seed_000(dien_bien_bloc):
    text, reader = printed("bloc-summary", bloc=dien_bien_bloc, year=2017)
    flat = squash(text)
    assert_official_layout(reader)
    for expected in [
        *HEADER,
        "UBND TỈNH ĐIỆN BIÊN",
        "KHỐI VĂN HÓA - XÃ HỘI",
        "Điện Biên, ngày 08 tháng 01 năm 2018",
        "BÁO CÁO",
        "Tổng kết công tác thi đua, khen thưởng năm 2017 của Khối thi đua Văn hóa - Xã hội",
        "có 8 cơ quan, đơn vị thành viên",
        "Có mặt 8/8",
        "Cờ thi đua của UBND tỉnh",
        "215/QĐ-UBND",
        "216/QĐ-UBND",
        "8/8",
        "Ký giao ước thi đua năm 2018",
        "Trưởng khối: Sở Thông tin và Truyền thông",
        "TM. KHỐI THI ĐUA",
        "Nơi nhận:",
    ]:
        assert expected in flat, expected
    for agency in ["Sở Lao động - Thương binh và Xã hội", "Sở Giáo dục và Đào tạo", "Sở Khoa học và Công nghệ"]:
        assert agency in flat
    # Page numbers from page 2 only (the margin box's text comes first or last).
    assert len(reader.pages) >= 2
    lines = [page.extract_text().strip().splitlines() for page in reader.pages]
    assert "2" in (lines[1][0].strip(), lines[1][-1].strip())
    assert "1" not in (lines[0][0].strip(), lines[0][-1].strip())


def test_minutes_of_seed_001(seed_001):
    text, reader = printed("minutes", conference=seed_001)
    flat = squash(text)
    assert_official_layout(reader)
    for expected in [
        *HEADER,
        "BIÊN BẢN",
        "Vĩnh Phúc, ngày 13 tháng 01 năm 2021",
        "Thời gian bắt đầu: ngày 13/01/2021",
        "Chủ trì: Nguyễn Bá Hiến, Giám đốc Sở Thông tin và Truyền thông",
        "Cờ thi đua của Chính phủ",
        "Sở Giáo dục và Đào tạo",
        "Sở Lao động - Thương binh và Xã hội",
        "Trưởng khối: Ban Dân tộc tỉnh",
        "THƯ KÝ",
        "CHỦ TỌA",
        "Nguyễn Bá Hiến",
    ]:
        assert expected in flat, expected
    # The minutes record the vote, not the decision that came months later.
    assert "1136/QĐ-TTg" not in flat


def test_submission_list_cites_the_rule_each_group_was_judged_by(seed_000):
    submission = seed_000.proposals.get(award_type__name="Cờ thi đua của UBND tỉnh").submission
    flat = squash(printed("submission-list", submission=submission)[0])
    # Voted on 08/01/2018: the rules of Luật 2003 (2013) and Nghị định 91/2017.
    assert "Quy định áp dụng (hiệu lực …–31/12/2023): Luật Thi đua, khen thưởng 2003" in flat
    assert "Nghị định 91/2017/NĐ-CP" in flat


def test_decision_list_prints_the_prize_money_of_the_decisions_day(seed_000):
    """Seed 000: the provincial flag for Bảo hiểm xã hội tỉnh, decided 12/03/2018 (215/QĐ-UBND, an
    illustrative decision): 8 × the base salary of that day, 1.300.000 đ."""
    decision = seed_000.proposals.get(award_type__name="Cờ thi đua của UBND tỉnh").decision
    text, reader = printed("decision-list", decision=decision)
    flat = squash(text)
    assert_official_layout(reader)
    for expected in [
        "DANH SÁCH",
        "(Kèm theo Quyết định số 215/QĐ-UBND ngày 12/03/2018 của Ủy ban nhân dân tỉnh Điện Biên)",
        "tổng tiền thưởng 10.400.000 đồng",
        "Bảo hiểm xã hội tỉnh",
        "8 × 1.300.000 đ = 10.400.000 đ",
        "Nghị định 47/2017/NĐ-CP",
        "Tổng tiền thưởng của quyết định: 10.400.000 đồng.",
    ]:
        assert expected in flat, expected
    certificates = seed_000.proposals.filter(award_type__name="Bằng khen của Chủ tịch UBND tỉnh").first().decision
    text, reader = printed("decision-list", decision=certificates)
    flat = squash(text)
    assert "tổng tiền thưởng 10.400.000 đồng" in flat  # four collectives, 2 × 1.300.000 đ each
    # Each row prints its sum; the sources, the same for the four, once under the heading: the
    # list of four fits a page or two, not one row a page.
    assert flat.count("2 × 1.300.000 đ = 2.600.000 đ") == 4
    assert flat.count("Nghị định 47/2017/NĐ-CP") == 1
    assert len(reader.pages) <= 2


def test_submission_list_groups_by_award_type_with_votes(seed_001):
    submission = seed_001.proposals.get(award_type__name="Cờ thi đua của UBND tỉnh").submission
    text, reader = printed("submission-list", submission=submission)
    flat = squash(text)
    assert_official_layout(reader)
    members = seed_001.bloc.memberships.filter(year=2020).count()
    for expected in [
        "DANH SÁCH",
        "(Kèm theo Tờ trình số 15/TTr-SNV ngày 28/01/2021 của Sở Nội vụ)",
        "SỞ NỘI VỤ",
        "UBND TỈNH VĨNH PHÚC",
        "I. Cờ thi đua của UBND tỉnh (1)",
        "Sở Lao động - Thương binh và Xã hội",
        f"{members}/{members}",
        "100,0%",
    ]:
        assert expected in flat, expected
    assert "Cờ thi đua của Chính phủ" not in flat  # sent in another tờ trình


def test_province_summary_totals(seed_001):
    province = seed_001.bloc.province
    text, reader = printed("province-summary", province=province, year=2020)
    flat = squash(text)
    assert_official_layout(reader)
    proposals = Proposal.objects.filter(conference__bloc__province=province, conference__year=2020)
    approved = proposals.filter(status=Proposal.Status.APPROVED).count()
    assert approved == 2
    for expected in [
        "Tổng hợp kết quả thi đua, khen thưởng của các khối thi đua năm 2020",
        "Khối Kinh tế - Tổng hợp",
        "Khối Văn hóa - Xã hội",
        "Tổng cộng",
        "1136/QĐ-TTg",
        "318/QĐ-UBND",
        "Cờ thi đua của Chính phủ",
    ]:
        assert expected in flat, expected


def test_agency_record_and_leadership_history(bhxh, dien_bien_bloc):
    text, reader = printed("agency-record", agency=bhxh)
    flat = squash(text)
    assert_official_layout(reader)
    assert "Quá trình thi đua, khen thưởng của Bảo hiểm xã hội tỉnh" in flat
    assert "Trưởng khối" in flat and "215/QĐ-UBND" in flat

    text, reader = printed("leadership-history", bloc=dien_bien_bloc)
    flat = squash(text)
    assert "Trưởng khối, Phó Trưởng khối qua các năm" in flat
    assert "2018 Sở Thông tin và Truyền thông *" in flat


def test_documents_name_agencies_as_they_were_named_that_year(dien_bien_bloc, seed_000):
    agency = Agency.objects.get(province=dien_bien_bloc.province, name="Bảo hiểm xã hội tỉnh")
    agency.name = "Bảo hiểm xã hội khu vực"
    bloc_services.agency_save(actor=system_actor(), agency=agency, renamed_on=datetime.date(2026, 1, 1))

    flat = squash(printed("bloc-summary", bloc=dien_bien_bloc, year=2017)[0])
    assert "Bảo hiểm xã hội tỉnh" in flat
    assert "Bảo hiểm xã hội khu vực" not in flat
    flat = squash(printed("minutes", conference=seed_000)[0])
    assert "Bảo hiểm xã hội tỉnh" in flat and "khu vực" not in flat


def test_illustrative_demo_records_are_marked(dien_bien_bloc):
    flat = squash(printed("bloc-summary", bloc=dien_bien_bloc, year=2017)[0])
    assert "Ban Dân tộc tỉnh *" in flat  # an illustrative member
    assert "dữ liệu minh họa" in flat


def test_a_bloc_year_without_conference_still_prints(dien_bien_bloc):
    flat = squash(printed("bloc-summary", bloc=dien_bien_bloc, year=2016)[0])
    assert "Chưa ghi nhận hội nghị tổng kết năm 2016" in flat
    assert "Không có đề nghị khen thưởng" in flat
    assert "Điện Biên, ngày" in flat and "năm 2017" in flat  # the date is left to fill in


@pytest.mark.parametrize("slug", sorted(BUILDERS))
def test_every_document_has_a_template_named_after_it(slug):
    from django.template.loader import get_template

    assert get_template(f"reports/{slug}.html")
