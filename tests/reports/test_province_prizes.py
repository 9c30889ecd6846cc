"""The province's prize money per reviewed year and award form (reports/documents/province_prizes.py):
the amounts kept with known decided proposals, added up, in the figures, the PDF and the page."""

import datetime

import pytest
from django.urls import reverse

from awards import services
from blocs.services import system_actor
from reports import output
from reports.selectors import province_prizes
from tests.awards.factories import AwardTypeFactory
from tests.awards.helpers import (
    PM_CERTIFICATE,
    PROVINCIAL_CERTIFICATE,
    PROVINCIAL_FLAG,
    YEAR,
    bloc_conference,
    finalize,
    make_proposal,
)
from tests.reports.pdf import pdf_text, squash

pytestmark = pytest.mark.django_db


def decide(proposals, date, approved=True):
    ids = [p.pk for p in proposals]
    for conference in {p.conference for p in proposals}:
        finalize(conference)
    services.proposals_submit(actor=system_actor(), proposal_ids=ids, number=f"T{date:%y%m%d}", date=date)
    services.proposals_decide(actor=system_actor(), proposal_ids=ids, approved=approved, number=f"Q{date:%y%m%d}",
                              date=date)  # fmt: skip


@pytest.fixture
def known(conference, members, bloc, foreign_bloc):
    """2017 (decided 12/03/2018, base salary 1.300.000 đ): a flag 8× = 10.400.000; two collectives'
    certificates 2× = 2.600.000 each; a person's certificate 1× = 1.300.000; an award no rule pays
    for. 2024 (decided 01/09/2025, 2.340.000 đ): a person's certificate of the Prime Minister
    3,5× = 8.190.000, and one refused. Another province's award counts nowhere here."""
    m = members[YEAR]
    unpaid = AwardTypeFactory(name="Giấy khen của Giám đốc Sở", authority="Giám đốc Sở", nominee="either")
    decide(
        [
            make_proposal(conference, m[0], PROVINCIAL_FLAG),
            make_proposal(conference, m[1]),
            make_proposal(conference, m[2]),
            make_proposal(conference, m[0], person_name="Nguyễn Văn A"),
            make_proposal(conference, m[1], unpaid.name),
        ],
        datetime.date(2018, 3, 12),
    )
    later, later_members = bloc_conference(bloc, year=2024)
    decide(
        [make_proposal(later, later_members[0], PM_CERTIFICATE, person_name="Trần Thị B")], datetime.date(2025, 9, 1)
    )
    decide([make_proposal(later, later_members[1], PROVINCIAL_FLAG)], datetime.date(2025, 9, 2), approved=False)
    foreign, foreign_members = bloc_conference(foreign_bloc)
    decide([make_proposal(foreign, foreign_members[0], PROVINCIAL_FLAG)], datetime.date(2018, 3, 12))
    return unpaid


def test_the_figures_add_up_the_known_proposals(province, known, django_assert_num_queries):
    # 1. the sums per reviewed year and award type (and how many a demo decision decided); 2. the award types
    with django_assert_num_queries(2):
        figures = province_prizes(province=province)
    assert [(y.year, y.awarded, y.total) for y in figures.years] == [(2017, 5, 16_900_000), (2024, 1, 8_190_000)]
    lines_2017 = {
        line.award_type.name: (line.awarded, line.without_prize, line.total) for line in figures.years[0].lines
    }
    assert lines_2017 == {
        PROVINCIAL_FLAG: (1, 0, 10_400_000),
        PROVINCIAL_CERTIFICATE: (3, 0, 6_500_000),
        known.name: (1, 1, 0),
    }
    assert [line.award_type.name for line in figures.by_award_type] == [
        PM_CERTIFICATE, PROVINCIAL_FLAG, PROVINCIAL_CERTIFICATE, known.name
    ]  # fmt: skip
    assert (figures.awarded, figures.total) == (6, 25_090_000)
    assert not figures.illustrative


def test_the_pdf_prints_each_year_and_the_grand_total(province, known):
    text, _ = pdf_text(output.to_pdf(output.build("province-prizes", province=province)))
    flat = squash(text)
    for expected in [
        "BÁO CÁO",
        "Tổng hợp tiền thưởng theo năm và hình thức khen thưởng",
        "Năm 2017",
        "Cờ thi đua của UBND tỉnh 1 0 10.400.000",
        "Bằng khen của Chủ tịch UBND tỉnh 3 0 6.500.000",
        "Cộng năm 2017 5 1 16.900.000",
        "Cộng năm 2024 1 0 8.190.000",
        "Tổng cộng 6 1 25.090.000",
        "6 tập thể, cá nhân được khen thưởng, tổng tiền thưởng 25.090.000 đồng",
    ]:
        assert expected in flat, expected


def test_a_province_with_no_decision_prints_that_it_has_none(other_province):
    text, _ = pdf_text(output.to_pdf(output.build("province-prizes", province=other_province)))
    assert "Chưa có quyết định khen thưởng nào được ghi nhận." in squash(text)


def test_the_viewer_reads_it_as_a_page_and_a_secretary_may_not(login, viewer, secretary, province, known):
    page = login(viewer).get(reverse("reports:province_prizes", args=[province.pk, "html"]))
    assert page.status_code == 200
    assert "25.090.000" in page.content.decode()
    assert login(secretary).get(reverse("reports:province_prizes", args=[province.pk, "pdf"])).status_code == 403


def test_the_bloc_list_links_it_for_the_provinces_readers(login, viewer, secretary, province, known):
    link = reverse("reports:province_prizes", args=[province.pk, "pdf"])
    assert link in login(viewer).get(reverse("blocs:bloc_list")).content.decode()
    assert link not in login(secretary).get(reverse("blocs:bloc_list")).content.decode()


def test_amounts_decided_by_a_demo_decision_are_starred_with_the_footnote(province, known):
    from awards.models import Decision

    Decision.objects.filter(number="Q180312", province=province).update(is_illustrative=True)
    figures = province_prizes(province=province)
    assert figures.illustrative and figures.years[0].illustrative and not figures.years[1].illustrative
    flat = squash(pdf_text(output.to_pdf(output.build("province-prizes", province=province)))[0])
    assert "Cộng năm 2017 5 1 16.900.000 *" in flat
    assert "Cộng năm 2024 1 0 8.190.000 *" not in flat
    assert "dữ liệu minh họa" in flat
