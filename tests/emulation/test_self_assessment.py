"""A member agency's own part: its self-assessment, sent, adopted by the secretary, locked
once the conference is finalized; nothing it sends is the bloc's record until adopted."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from blocs.models import User
from emulation import services
from emulation.models import Score, SelfAssessment, SelfScore
from emulation.selectors import assessment_progress, sent_assessments
from tests.blocs.factories import UserFactory
from tests.emulation.factories import PledgeFactory, ScoreFactory
from tests.emulation.helpers import NEXT_YEAR, YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture
def own(members):
    return members[YEAR][2]  # member_user's membership of 2017 (Sở Giáo dục và Đào tạo)


def _save(member_user, membership, criteria, points, send=False):
    return services.self_assessment_save(
        actor=member_user,
        membership=membership,
        scores={
            c: (Decimal(p) if p is not None else None, f"Nhận xét {i}")
            for i, (c, p) in enumerate(zip(criteria, points, strict=True))
        },
        send=send,
    )


def test_a_member_user_needs_its_agency_both_ways(province, members):
    user = UserFactory.build(username="x", role=User.Role.MEMBER, province=province, agency=None)
    with pytest.raises(ValidationError) as refusal:
        user.full_clean()
    assert "agency" in refusal.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="y", role=User.Role.MEMBER, province=province)
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="z", role=User.Role.VIEWER, province=province, agency=members[YEAR][0].agency)


def test_a_member_user_belongs_to_an_agency_of_its_province(province, other_province, members):
    from tests.blocs.factories import AgencyFactory

    foreign = AgencyFactory(province=other_province, name="Sở Y tế")
    user = UserFactory.build(username="x", role=User.Role.MEMBER, province=province, agency=foreign)
    with pytest.raises(ValidationError) as refusal:
        user.full_clean()
    assert "agency" in refusal.value.message_dict


def test_points_over_the_maximum_are_refused_both_ways(member_user, own, criteria):
    assessment = _save(member_user, own, criteria, ["50", "30"])
    with pytest.raises(ValidationError):
        _save(member_user, own, criteria, ["61", "30"])
    assert SelfScore.objects.get(assessment=assessment, criterion=criteria[0]).points == Decimal("50")
    with pytest.raises(IntegrityError), transaction.atomic():
        SelfScore.objects.create(
            assessment=assessment, criterion=criteria[0], points=Decimal("1")
        )  # once per criterion
    with pytest.raises(IntegrityError), transaction.atomic():
        SelfScore.objects.filter(assessment=assessment, criterion=criteria[1]).update(points=Decimal("-1"))


def test_a_sent_self_assessment_needs_its_time_both_ways(member_user, own, criteria):
    assessment = _save(member_user, own, criteria, ["50", "30"])
    assessment.status = SelfAssessment.Status.SUBMITTED
    with pytest.raises(ValidationError):
        assessment.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        SelfAssessment.objects.filter(pk=assessment.pk).update(status=SelfAssessment.Status.SUBMITTED)


def test_sending_changes_nothing_of_the_bloc_until_adopted(member_user, secretary, bloc, own, criteria, members):
    ScoreFactory(criterion=criteria[0], membership=own, points=Decimal("40"))
    _save(member_user, own, criteria, ["55", "35"], send=True)
    assert list(Score.objects.filter(membership=own).values_list("points", flat=True)) == [Decimal("40")]

    adopted = services.self_assessments_adopt(actor=secretary, bloc=bloc, year=YEAR, memberships=[own])

    assert [a.membership_id for a in adopted] == [own.pk]
    points = dict(Score.objects.filter(membership=own).values_list("criterion_id", "points"))
    assert points == {criteria[0].pk: Decimal("55"), criteria[1].pk: Decimal("35")}
    assessment = SelfAssessment.objects.get(membership=own)
    assert (assessment.status, assessment.adopted_by) == (SelfAssessment.Status.ADOPTED, secretary)
    # The audit trail names who changed the bloc's points: the secretary, by adopting.
    assert Score.history.filter(membership_id=own.pk).latest().history_user == secretary
    assert SelfScore.history.filter(assessment_id=assessment.pk).latest().history_user == member_user


def test_a_draft_is_never_adopted(member_user, other_member_user, secretary, bloc, members, criteria):
    _save(member_user, members[YEAR][2], criteria, ["55", "35"])  # a draft
    _save(other_member_user, members[YEAR][0], criteria, ["20", None], send=True)

    adopted = services.self_assessments_adopt(actor=secretary, bloc=bloc, year=YEAR)

    assert [a.membership_id for a in adopted] == [members[YEAR][0].pk]
    assert not Score.objects.filter(membership=members[YEAR][2]).exists()
    assert dict(Score.objects.filter(membership=members[YEAR][0]).values_list("criterion_id", "points")) == {
        criteria[0].pk: Decimal("20")
    }


def test_the_results_page_reads_sent_ones_only_with_the_difference(
    member_user, other_member_user, bloc, members, criteria
):
    ScoreFactory(criterion=criteria[0], membership=members[YEAR][0], points=Decimal("20"))
    _save(member_user, members[YEAR][2], criteria, ["55", "35"])  # a draft: not shown
    _save(other_member_user, members[YEAR][0], criteria, ["20", "30"], send=True)

    rows = sent_assessments(bloc=bloc, year=YEAR, members=members[YEAR], criteria=criteria)

    assert [row.membership for row in rows] == [members[YEAR][0]]
    lines = rows[0].lines
    assert [(line[1], line[3], line[4]) for line in lines] == [
        (Decimal("20"), Decimal("20"), False),
        (Decimal("30"), None, True),
    ]
    assert rows[0].differs and rows[0].adoptable


def test_finalized_locks_the_members_part(member_user, own, criteria, finalized_conference, secretary, bloc):
    PledgeFactory(bloc=bloc, year=NEXT_YEAR)
    for write in (
        lambda: _save(member_user, own, criteria, ["50", "30"]),
        lambda: services.pledge_acknowledge(actor=member_user, membership=own),
        lambda: services.achievement_report_save(actor=member_user, membership=own, text="Thành tích"),
        lambda: services.self_assessments_adopt(actor=secretary, bloc=bloc, year=YEAR),
    ):
        with pytest.raises(PermissionDenied):
            write()
    assert not SelfAssessment.objects.exists()


def test_the_pledge_is_acknowledged_not_signed(member_user, own, bloc):
    with pytest.raises(ValidationError):
        services.pledge_acknowledge(actor=member_user, membership=own)  # no pledge recorded yet
    pledge = PledgeFactory(bloc=bloc, year=NEXT_YEAR)
    before = timezone.now()
    assessment = services.pledge_acknowledge(actor=member_user, membership=own)
    assert assessment.pledge_acknowledged_by == member_user and assessment.pledge_acknowledged_at >= before
    assert not pledge.signatures.exists()


def test_a_change_after_sending_is_a_draft_until_sent_again(member_user, own, criteria):
    _save(member_user, own, criteria, ["50", "30"], send=True)
    assessment = _save(member_user, own, criteria, ["51", "30"])
    assert (assessment.status, assessment.submitted_at) == (SelfAssessment.Status.DRAFT, None)


def test_progress_names_who_has_not_sent(member_user, bloc, members, criteria):
    _save(member_user, members[YEAR][2], criteria, ["50", "30"], send=True)
    (progress,) = assessment_progress(blocs=[bloc], year=YEAR)
    assert progress.sent == [members[YEAR][2]]
    assert progress.with_evidence == []
    missing = {m.agency.name: what for m, what in progress.missing}
    assert missing == {
        "Bảo hiểm xã hội tỉnh": ["assessment", "evidence"],
        "Sở Thông tin và Truyền thông": ["assessment", "evidence"],
        "Sở Giáo dục và Đào tạo": ["evidence"],
    }
