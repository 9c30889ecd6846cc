"""The seeds' award proposals that `load_demo` adds (awards/demo.py): what the two reports
say was proposed, all approved by decisions that are marked illustrative."""

import pytest
from django.core.management import call_command

from awards.models import Decision, Proposal, Submission
from tests.awards.helpers import GOVERNMENT_FLAG, PROVINCIAL_CERTIFICATE, PROVINCIAL_FLAG

pytestmark = pytest.mark.django_db


def load():
    call_command("load_demo", force=True, verbosity=0)


def seed_proposals(province, year):
    return Proposal.objects.filter(
        conference__bloc__province__name=province, conference__bloc__name="Khối Văn hóa - Xã hội", conference__year=year
    ).select_related("award_type", "membership__agency", "submission", "decision")


def nominees(proposals):
    return sorted((p.award_type.name, p.membership.printed_name) for p in proposals)


def test_seed_000_has_the_provincial_flag_for_bhxh_and_four_certificates(demo):
    proposals = list(seed_proposals("Điện Biên", 2017))
    assert nominees(proposals) == sorted(
        [
            (PROVINCIAL_FLAG, "Bảo hiểm xã hội tỉnh"),
            (PROVINCIAL_CERTIFICATE, "Sở Thông tin và Truyền thông"),
            (PROVINCIAL_CERTIFICATE, "Sở Lao động - Thương binh và Xã hội"),
            (PROVINCIAL_CERTIFICATE, "Sở Giáo dục và Đào tạo"),
            (PROVINCIAL_CERTIFICATE, "Sở Khoa học và Công nghệ"),
        ]
    )
    assert {p.status for p in proposals} == {Proposal.Status.APPROVED}
    assert {p.submission.number for p in proposals} == {"08/TTr-BTĐKT"}
    assert {p.decision.number for p in proposals if p.award_type.name == PROVINCIAL_FLAG} == {"215/QĐ-UBND"}
    assert {p.decision.number for p in proposals if p.award_type.name != PROVINCIAL_FLAG} == {"216/QĐ-UBND"}
    # "thống nhất": every member of the eight voted in favour
    assert {(p.votes_for, p.ballots) for p in proposals} == {(8, 8)}
    assert all(p.conference.is_finalized for p in proposals)


def test_seed_001_has_the_government_flag_for_education_and_the_provincial_flag_for_labour(demo):
    proposals = list(seed_proposals("Vĩnh Phúc", 2020))
    assert nominees(proposals) == sorted(
        [
            (GOVERNMENT_FLAG, "Sở Giáo dục và Đào tạo"),
            (PROVINCIAL_FLAG, "Sở Lao động - Thương binh và Xã hội"),
        ]
    )
    assert {p.status for p in proposals} == {Proposal.Status.APPROVED}
    by_award = {p.award_type.name: p for p in proposals}
    assert (by_award[GOVERNMENT_FLAG].decision.number, by_award[GOVERNMENT_FLAG].decision.authority) == (
        "1136/QĐ-TTg",
        "Thủ tướng Chính phủ",
    )
    assert by_award[PROVINCIAL_FLAG].decision.number == "318/QĐ-UBND"


def test_the_invented_documents_are_marked_illustrative(demo):
    assert Decision.objects.count() == 4
    assert Submission.objects.count() == 3
    assert not Decision.objects.filter(is_illustrative=False).exists()
    assert not Submission.objects.filter(is_illustrative=False).exists()
    for proposal in Proposal.objects.select_related("decision", "submission"):
        assert proposal.decision.is_illustrative
        assert proposal.submission.is_illustrative


def test_a_second_run_adds_no_proposal_or_document(demo):
    counts = (Proposal.objects.count(), Submission.objects.count(), Decision.objects.count())
    load()
    assert (Proposal.objects.count(), Submission.objects.count(), Decision.objects.count()) == counts == (7, 3, 4)
