"""Every rule of the conference models, both ways: full_clean() names the broken rule in a
sentence (beside its field where it has one), and where the database can hold the rule,
writing the row directly raises IntegrityError."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from blocs.models import Leadership
from emulation.models import Attendance, Conference, Criterion, Pledge, Score, Signature
from tests.blocs.factories import MembershipFactory
from tests.emulation.helpers import NEXT_YEAR, YEAR


def clean_errors(obj):
    """The message dict full_clean() raises (it must raise)."""
    with pytest.raises(ValidationError) as info:
        obj.full_clean()
    return info.value.message_dict


def assert_refused_by_database(model, **fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(**fields)


@pytest.fixture
def foreign_member(other_bloc):
    """A 2017 member of another bloc of the same province."""
    return MembershipFactory(bloc=other_bloc, year=YEAR)


# Conference -------------------------------------------------------------------------


@pytest.mark.parametrize("date", [datetime.date(2017, 12, 31), datetime.date(2017, 1, 15), datetime.date(2016, 12, 20)])
def test_conference_dated_inside_or_before_the_reviewed_year_is_refused(bloc, date):
    conference = Conference(bloc=bloc, year=YEAR, date=date)
    with translation.override("en"):
        errors = clean_errors(conference)
    assert list(errors) == ["date"]
    assert "31/12/2017" in errors["date"][0]
    assert_refused_by_database(Conference, bloc=bloc, year=YEAR, date=date)


def test_conference_on_the_first_day_after_the_reviewed_year_is_accepted(bloc):
    conference = Conference(bloc=bloc, year=YEAR, date=datetime.date(2018, 1, 1))
    conference.full_clean()
    conference.save()
    assert Conference.objects.get().date == datetime.date(2018, 1, 1)


@pytest.mark.parametrize("end", [datetime.time(13, 0), datetime.time(14, 0)])
def test_conference_ending_before_or_when_it_starts_is_refused_beside_the_end_time(bloc, end):
    fields = {"bloc": bloc, "year": YEAR, "date": datetime.date(2018, 1, 8), "start_time": datetime.time(14, 0)}
    errors = clean_errors(Conference(**fields, end_time=end))
    assert list(errors) == ["end_time"]
    assert_refused_by_database(Conference, **fields, end_time=end)


@pytest.mark.parametrize(
    ("start", "end"), [(datetime.time(14, 0), datetime.time(16, 30)), (datetime.time(14, 0), None), (None, None)]
)
def test_conference_times_are_optional_but_ordered(bloc, start, end):
    conference = Conference(bloc=bloc, year=YEAR, date=datetime.date(2018, 1, 8), start_time=start, end_time=end)
    conference.full_clean()
    conference.save()
    assert Conference.objects.filter(pk=conference.pk, start_time=start, end_time=end).exists()


def test_second_conference_for_the_same_bloc_and_year_is_refused(bloc, conference):
    second = Conference(bloc=bloc, year=YEAR, date=datetime.date(2018, 1, 20))
    errors = clean_errors(second)
    assert errors[NON_FIELD_ERRORS] == [str(Conference._meta.constraints[0].violation_error_message)]
    assert_refused_by_database(Conference, bloc=bloc, year=YEAR, date=datetime.date(2018, 1, 20))


def test_another_bloc_or_another_year_may_have_its_own_conference(bloc, other_bloc, conference):
    Conference.objects.create(bloc=other_bloc, year=YEAR, date=datetime.date(2018, 1, 9))
    Conference.objects.create(bloc=bloc, year=YEAR + 1, date=datetime.date(2019, 1, 9))
    assert Conference.objects.filter(year=YEAR).count() == 2
    assert Conference.objects.filter(bloc=bloc).count() == 2


@pytest.mark.parametrize("host", ["other_bloc", "next_year"])
def test_conference_host_must_be_a_member_of_the_bloc_in_the_reviewed_year(bloc, members, foreign_member, host):
    membership = foreign_member if host == "other_bloc" else members[NEXT_YEAR][0]
    conference = Conference(bloc=bloc, year=YEAR, date=datetime.date(2018, 1, 8), host=membership)
    with translation.override("en"):
        errors = clean_errors(conference)
    assert list(errors) == ["host"]
    assert "2017" in errors["host"][0]


def test_conference_names_its_year_and_bloc(conference):
    assert "2017" in str(conference)
    assert conference.bloc.name in str(conference)


def test_new_conference_is_a_draft(conference):
    assert conference.status == Conference.Status.DRAFT
    assert not conference.is_finalized


# Attendance -------------------------------------------------------------------------


def test_member_attending_twice_is_refused(conference, members):
    member = members[YEAR][1]
    Attendance.objects.create(conference=conference, membership=member, representative="Ông A")
    errors = clean_errors(Attendance(conference=conference, membership=member, representative="Bà B"))
    assert errors[NON_FIELD_ERRORS] == [
        str(next(c for c in Attendance._meta.constraints if c.name.endswith("member_once")).violation_error_message)
    ]
    assert_refused_by_database(Attendance, conference=conference, membership=member)


@pytest.mark.parametrize("attendee", ["other_bloc", "next_year"])
def test_non_member_attending_is_refused(conference, members, foreign_member, attendee):
    membership = foreign_member if attendee == "other_bloc" else members[NEXT_YEAR][0]
    errors = clean_errors(Attendance(conference=conference, membership=membership))
    assert list(errors) == ["membership"]


def test_guest_row_without_organisation_is_refused(conference):
    errors = clean_errors(Attendance(conference=conference, representative="Trần Văn Bình"))
    assert NON_FIELD_ERRORS in errors
    assert_refused_by_database(Attendance, conference=conference, representative="Trần Văn Bình")


def test_row_both_member_and_guest_is_refused(conference, members):
    fields = {"conference": conference, "membership": members[YEAR][0], "guest_organisation": "Ban Thi đua"}
    errors = clean_errors(Attendance(**fields))
    assert NON_FIELD_ERRORS in errors
    assert_refused_by_database(Attendance, **fields)


def test_several_guests_and_members_may_attend(conference, members):
    for membership in members[YEAR]:
        Attendance(conference=conference, membership=membership).full_clean()
        Attendance.objects.create(conference=conference, membership=membership)
    for person in ("Ông A", "Bà B"):
        guest = Attendance(
            conference=conference, guest_organisation="Ban Thi đua - Khen thưởng tỉnh", representative=person
        )
        guest.full_clean()
        guest.save()
    assert conference.attendances.filter(membership__isnull=False).count() == len(members[YEAR])
    assert conference.attendances.filter(membership__isnull=True).count() == 2


# Pledge and signatures --------------------------------------------------------------


def test_second_pledge_for_the_same_bloc_and_year_is_refused(bloc):
    Pledge.objects.create(bloc=bloc, year=NEXT_YEAR)
    errors = clean_errors(Pledge(bloc=bloc, year=NEXT_YEAR))
    assert NON_FIELD_ERRORS in errors
    assert_refused_by_database(Pledge, bloc=bloc, year=NEXT_YEAR)


def test_member_signing_the_pledge_twice_is_refused(bloc, members):
    pledge = Pledge.objects.create(bloc=bloc, year=NEXT_YEAR)
    member = members[NEXT_YEAR][0]
    Signature.objects.create(pledge=pledge, membership=member)
    errors = clean_errors(Signature(pledge=pledge, membership=member))
    assert NON_FIELD_ERRORS in errors
    assert_refused_by_database(Signature, pledge=pledge, membership=member)


@pytest.mark.parametrize("signer", ["other_bloc", "reviewed_year"])
def test_non_member_signing_the_pledge_is_refused(bloc, members, other_bloc, signer):
    pledge = Pledge.objects.create(bloc=bloc, year=NEXT_YEAR)
    # Either another bloc's member, or one of the reviewed year rather than the pledge's year.
    membership = MembershipFactory(bloc=other_bloc, year=NEXT_YEAR) if signer == "other_bloc" else members[YEAR][0]
    errors = clean_errors(Signature(pledge=pledge, membership=membership))
    assert list(errors) == ["membership"]


# Leader and deputy (elected at the conference for the next year) --------------------


def test_leader_equal_to_deputy_is_refused(bloc, members):
    member = members[NEXT_YEAR][0]
    errors = clean_errors(Leadership(bloc=bloc, year=NEXT_YEAR, leader=member, deputy=member))
    assert NON_FIELD_ERRORS in errors
    assert_refused_by_database(Leadership, bloc=bloc, year=NEXT_YEAR, leader=member, deputy=member)


@pytest.mark.parametrize("role", ["leader", "deputy"])
def test_non_member_elected_leader_or_deputy_is_refused(bloc, members, other_bloc, role):
    outsider_member = MembershipFactory(bloc=other_bloc, year=NEXT_YEAR)
    fields = {"leader": members[NEXT_YEAR][0], "deputy": members[NEXT_YEAR][1], role: outsider_member}
    errors = clean_errors(Leadership(bloc=bloc, year=NEXT_YEAR, **fields))
    assert list(errors) == [role]


def test_member_of_the_reviewed_year_only_cannot_lead_the_next_year(bloc, members):
    errors = clean_errors(Leadership(bloc=bloc, year=NEXT_YEAR, leader=members[YEAR][0]))
    assert list(errors) == ["leader"]


# Criteria and scores ----------------------------------------------------------------


def test_criterion_without_positive_maximum_is_refused(bloc):
    errors = clean_errors(Criterion(bloc=bloc, year=YEAR, name="Tiêu chí", max_points=0))
    assert "max_points" in errors
    assert_refused_by_database(Criterion, bloc=bloc, year=YEAR, name="Tiêu chí", max_points=0)


def test_criterion_name_is_unique_in_a_scoring_table(bloc, criteria):
    errors = clean_errors(Criterion(bloc=bloc, year=YEAR, name=criteria[0].name, max_points=10))
    assert NON_FIELD_ERRORS in errors
    assert_refused_by_database(Criterion, bloc=bloc, year=YEAR, name=criteria[0].name, max_points=10)
    Criterion.objects.create(bloc=bloc, year=YEAR + 1, name=criteria[0].name, max_points=10)


def test_points_above_the_criterion_maximum_are_refused_beside_the_points(criteria, members):
    criterion = criteria[1]
    score = Score(criterion=criterion, membership=members[YEAR][0], points=criterion.max_points + Decimal("0.5"))
    with translation.override("en"):
        errors = clean_errors(score)
    assert list(errors) == ["points"]
    # The maximum reads as typed (40), not as Decimal.normalize() prints it (4E+1).
    assert errors["points"][0] == f"At most 40 points for “{criterion.name}”."


def test_points_message_writes_a_fractional_maximum_the_vietnamese_way(bloc, members):
    criterion = Criterion.objects.create(bloc=bloc, year=YEAR, name="Sáng kiến", max_points=Decimal("12.50"))
    with translation.override("vi"):
        errors = clean_errors(Score(criterion=criterion, membership=members[YEAR][0], points=Decimal("13")))
    assert "12,5 " in errors["points"][0]


def test_points_equal_to_the_maximum_are_accepted(criteria, members):
    score = Score(criterion=criteria[1], membership=members[YEAR][0], points=criteria[1].max_points)
    score.full_clean()
    score.save()
    assert Score.objects.get().points == criteria[1].max_points


def test_negative_points_are_refused(criteria, members):
    fields = {"criterion": criteria[0], "membership": members[YEAR][0], "points": Decimal("-1")}
    errors = clean_errors(Score(**fields))
    assert "points" in errors
    assert_refused_by_database(Score, **fields)


def test_member_scored_twice_on_a_criterion_is_refused(criteria, members):
    fields = {"criterion": criteria[0], "membership": members[YEAR][0]}
    Score.objects.create(**fields, points=10)
    errors = clean_errors(Score(**fields, points=20))
    assert NON_FIELD_ERRORS in errors
    assert_refused_by_database(Score, **fields, points=20)


def test_non_member_scored_is_refused(criteria, members, foreign_member):
    for membership in (foreign_member, members[NEXT_YEAR][0]):
        errors = clean_errors(Score(criterion=criteria[0], membership=membership, points=1))
        assert list(errors) == ["membership"]
