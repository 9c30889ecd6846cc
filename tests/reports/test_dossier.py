"""A bloc's award dossier: the tờ trình, the vote minutes, the list of nominees and one
achievement report per collective nominee, in the template of the decree in force on the
conference's day; each part alone and the whole as one ZIP of DOCX and PDF."""

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse

from awards.models import Proposal
from emulation.models import Attendance
from reports import basis, output
from tests.awards.factories import AwardTypeFactory, DecisionFactory, ProposalFactory, SubmissionFactory
from tests.blocs.factories import MembershipFactory
from tests.emulation.factories import AttendanceFactory, ConferenceFactory, CriterionFactory, ScoreFactory
from tests.reports.dossier import DECREE_2017, FORM_2024, FORM_2026
from tests.reports.pdf import pdf_text, squash


def test_the_template_in_force_follows_the_conference_date():
    on = datetime.date
    assert basis.in_force(on(2018, 1, 8)).decree.startswith(DECREE_2017)
    assert basis.in_force(on(2023, 12, 31)).decree.startswith(DECREE_2017)
    assert basis.in_force(on(2024, 1, 1)).decree.startswith("Nghị định số 98/2023/NĐ-CP")
    assert basis.in_force(on(2025, 6, 30)).template.citation == FORM_2024
    assert basis.in_force(on(2025, 7, 1)).decree.startswith("Nghị định số 152/2025/NĐ-CP")
    assert basis.in_force(on(2026, 1, 15)).template.citation == FORM_2026
    # The collective's form of each annex, as the pages quoting them name it (docs/rules.md).
    assert basis.in_force(on(2018, 1, 8)).template.purpose.startswith("Báo cáo thành tích đề nghị tặng Huân chương")
    assert "Cờ thi đua và Bằng khen của bộ, ban, ngành, tỉnh" in basis.in_force(on(2024, 6, 1)).template.purpose
    # Exactly one period covers any day: no gap, no overlap.
    day = on(2015, 1, 1)
    while day < on(2027, 1, 1):
        assert sum(p.covers(day) for p in basis.PERIODS) == 1, day
        day += datetime.timedelta(days=1)


@pytest.fixture
def conference_2026(bloc):
    """A conference reviewing 2025, held on 15/01/2026 under Nghị định 152/2025: three members
    present of four (the fourth wrote in), scored, one collective nominee with an earlier award."""
    conference = ConferenceFactory(bloc=bloc, year=2025, date=datetime.date(2026, 1, 15))
    members = [MembershipFactory(bloc=bloc, year=2025) for _ in range(4)]
    for membership in members[:3]:
        AttendanceFactory(conference=conference, membership=membership)
    conference.absent_opinions = "Sở Vắng Mặt: đồng ý đề nghị Cờ thi đua cho đơn vị được đề nghị."
    conference.save()
    criterion = CriterionFactory(bloc=bloc, year=2025, name="Thực hiện nhiệm vụ chính trị", max_points=Decimal(60))
    for membership, points in zip(members, (58, 50, 55, 40), strict=True):
        ScoreFactory(criterion=criterion, membership=membership, points=Decimal(points))
    flag = AwardTypeFactory(name="Cờ thi đua của UBND tỉnh", authority="UBND tỉnh")
    proposal = ProposalFactory(conference=conference, membership=members[0], award_type=flag, votes_for=3, ballots=3)
    # The same agency's flag of 2023, decided.
    earlier = ConferenceFactory(bloc=bloc, year=2023)
    decision = DecisionFactory(province=bloc.province, number="15/QĐ-UBND", date=datetime.date(2024, 3, 1))
    ProposalFactory(
        conference=earlier,
        membership=MembershipFactory(bloc=bloc, year=2023, agency=members[0].agency),
        award_type=flag,
        status=Proposal.Status.APPROVED,
        submission=SubmissionFactory(province=bloc.province, date=datetime.date(2024, 2, 1)),
        decision=decision,
    )
    return conference, proposal


def test_a_2026_dossier_follows_decree_152_of_2025(conference_2026):
    conference, proposal = conference_2026
    parts = output.build_dossier(conference=conference)
    assert [p.slug for p in parts] == ["dossier-submission", "vote-minutes", "nominee-list", "achievement-report"]
    submission = squash(pdf_text(output.to_pdf(parts[0]))[0])
    assert "Nghị định số 152/2025/NĐ-CP" in submission and "Luật Thi đua, khen thưởng số 06/2022/QH15" in submission
    assert "Mẫu số 03" in submission
    report = squash(pdf_text(output.to_pdf(parts[3]))[0])
    assert FORM_2026 in report and "công trạng cho tập thể" in report
    assert "I. Thông tin chung" in report and "Sơ lược đặc điểm" not in report
    # Filled from the record: score and rank, the vote, and the earlier flag with its decision.
    assert "58/60 điểm, xếp thứ 1/4" in report
    assert "3/3 phiếu đồng ý" in report and "75,0% của 4 thành viên" in report
    assert "2023 Cờ thi đua của UBND tỉnh Quyết định số 15/QĐ-UBND ngày 01/03/2024" in report
    minutes = squash(pdf_text(output.to_pdf(parts[1]))[0])
    assert "Thành viên có mặt: 3/4" in minutes and "Vắng mặt:" in minutes
    assert "Sở Vắng Mặt: đồng ý đề nghị Cờ thi đua" in minutes


def test_the_vote_minutes_say_when_no_written_opinion_was_recorded(conference_2026):
    conference, _proposal = conference_2026
    conference.absent_opinions = ""
    conference.save()
    text = output.to_html(output.build("vote-minutes", conference=conference))
    assert "Chưa ghi nhận ý kiến bằng văn bản của thành viên vắng mặt" in text
    Attendance.objects.filter(conference=conference).delete()
    text = output.to_html(output.build("vote-minutes", conference=conference))
    assert "Chưa ghi nhận thành viên vắng mặt" in text and "……/4" in text


def test_an_individual_nominee_has_no_achievement_report_here(admin_client, conference_2026):
    conference, proposal = conference_2026
    person = ProposalFactory(
        conference=conference,
        membership=proposal.membership,
        award_type=AwardTypeFactory(name="Bằng khen của Chủ tịch UBND tỉnh", nominee="either"),
        person_name="Nguyễn Văn A",
    )
    ok = admin_client.get(reverse("reports:achievement_report", args=[conference.pk, proposal.pk, "html"]))
    assert ok.status_code == 200
    url = reverse("reports:achievement_report", args=[conference.pk, person.pk, "html"])
    assert admin_client.get(url).status_code == 404
    assert len(output.build_dossier(conference=conference)) == 4  # still one report: the collective's


def test_the_zip_download_is_named_from_slugs(admin_client, conference_2026):
    conference, _proposal = conference_2026
    response = admin_client.get(reverse("reports:dossier_zip", args=[conference.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="ho-so-de-nghi-khen-thuong-')
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert len(names) == 8 and all(name.isascii() for name in names)


def _dossier_of_size(bloc, year, members, nominees):
    conference = ConferenceFactory(bloc=bloc, year=year)
    memberships = [MembershipFactory(bloc=bloc, year=year) for _ in range(members)]
    for membership in memberships:
        AttendanceFactory(conference=conference, membership=membership)
    criterion = CriterionFactory(bloc=bloc, year=year)
    for membership in memberships:
        ScoreFactory(criterion=criterion, membership=membership, points=Decimal(5))
    for membership in memberships[:nominees]:
        ProposalFactory(conference=conference, membership=membership, votes_for=members, ballots=members)
    return conference


@pytest.mark.slow
@pytest.mark.parametrize(("members", "nominees"), [(3, 1), (15, 5)])
def test_the_dossier_zip_reads_the_same_queries_at_two_sizes(django_assert_num_queries, bloc, members, nominees):
    conference = _dossier_of_size(bloc, 2019, members, nominees)
    conference = type(conference).objects.select_related("bloc__province").get(pk=conference.pk)
    # 1 memberships of the year and the next, 2 their name history, 3 attendance, 4 next year's
    # pledge, 5 the next year's leaders, 6 criteria, 7 scores, 8 proposals with award type,
    # submission and decision, 9 the year's leaders, 10 the nominees' earlier approved awards.
    with django_assert_num_queries(10):
        data = output.to_zip(output.build_dossier(conference=conference))
    assert len(zipfile.ZipFile(io.BytesIO(data)).namelist()) == 2 * (3 + nominees)
