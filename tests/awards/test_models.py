"""The proposal and rule invariants, each both ways where the database can hold it:
full_clean() gives the user a sentence, the database refuses the row anyway."""

import contextlib
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from awards.models import AwardRule, AwardType, Decision, Proposal, Submission
from emulation.models import Conference
from tests.awards.helpers import (
    CONFERENCE_DATE,
    GOVERNMENT_FLAG,
    PM_CERTIFICATE,
    PROVINCIAL_CERTIFICATE,
    PROVINCIAL_FLAG,
    YEAR,
    award,
    default_rule,
    make_proposal,
    province_rule,
    tr,
)
from tests.blocs.factories import MembershipFactory


@contextlib.contextmanager
def refused_by_database(constraint):
    """The block raises IntegrityError for `constraint`. SQLite names check constraints but
    reports a unique one by its columns, so the name is asserted where the database gives it."""
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        yield
    message = str(caught.value)
    if connection.vendor == "postgresql" or "UNIQUE" not in message:
        assert constraint in message


def clean_errors(obj):
    with pytest.raises(ValidationError) as caught:
        obj.full_clean()
    return caught.value


def proposal(conference, membership, name=PROVINCIAL_CERTIFICATE, **fields):
    fields = {"votes_for": 3, "ballots": 3, **fields}
    return Proposal(conference=conference, award_type=award(name), membership=membership, **fields)


@pytest.fixture
def individual_award(db):
    """An award for individuals only: the catalogue has none, a province may add one."""
    return AwardType.objects.create(
        name="Chiến sĩ thi đua cấp tỉnh", authority="Chủ tịch UBND tỉnh", nominee=AwardType.Nominee.INDIVIDUAL
    )


# A nominee once per award type and conference ------------------------------------


def test_duplicate_proposal_is_refused_by_clean_and_by_the_database(conference, members):
    make_proposal(conference, members[YEAR][0])

    error = clean_errors(proposal(conference, members[YEAR][0]))
    assert tr("This nominee is already proposed for this award at this conference.") in error.messages

    with refused_by_database("awards_proposal_once_per_type"):
        make_proposal(conference, members[YEAR][0])
    assert Proposal.objects.count() == 1


def test_same_agency_may_be_proposed_for_another_award_or_for_two_of_its_people(conference, members):
    make_proposal(conference, members[YEAR][0])
    for other in (
        proposal(conference, members[YEAR][0], PROVINCIAL_FLAG),
        proposal(conference, members[YEAR][0], PM_CERTIFICATE, person_name="Nguyễn Văn An"),
    ):
        other.full_clean()
        other.save()
    make_proposal(conference, members[YEAR][0], PM_CERTIFICATE, person_name="Lò Thị Hoa")
    assert Proposal.objects.count() == 4


# Votes within ballots within members -------------------------------------------------


def test_votes_above_ballots_are_refused_by_clean_and_by_the_database(conference, members):
    error = clean_errors(proposal(conference, members[YEAR][0], votes_for=3, ballots=2))
    assert error.message_dict["votes_for"] == [tr("The votes in favour cannot exceed the ballots cast.")]

    with refused_by_database("awards_proposal_votes_within_ballots"):
        make_proposal(conference, members[YEAR][0], votes=3, ballots=2)
    assert not Proposal.objects.exists()


def test_votes_equal_to_ballots_are_accepted(conference, members):
    proposal(conference, members[YEAR][0], votes_for=0, ballots=0).full_clean()
    proposal(conference, members[YEAR][0], votes_for=3, ballots=3).full_clean()


def test_ballots_above_the_member_count_are_refused_by_clean(conference, members):
    error = clean_errors(proposal(conference, members[YEAR][0], votes_for=2, ballots=4))
    assert error.message_dict["ballots"] == [
        tr("At most %(count)s ballots: the bloc had %(count)s members in %(year)s.", count=3, year=YEAR)
    ]


# The nominee is a member of the bloc in the reviewed year ------------------------------


def test_member_of_another_bloc_cannot_be_nominated(conference, members, other_bloc):
    stranger = MembershipFactory(bloc=other_bloc, year=YEAR)
    error = clean_errors(proposal(conference, stranger))
    assert error.message_dict["membership"] == [tr("The nominee must be a member of the bloc in %(year)s.", year=YEAR)]


def test_member_of_another_year_cannot_be_nominated(conference, members):
    error = clean_errors(proposal(conference, members[YEAR + 1][0]))
    assert error.message_dict["membership"] == [tr("The nominee must be a member of the bloc in %(year)s.", year=YEAR)]


def test_a_line_for_a_conference_not_yet_saved_is_checked_against_its_bloc_and_year(bloc, members, other_bloc):
    draft = Conference(bloc=bloc, year=YEAR)
    stranger = Proposal(conference=draft, award_type=award(PROVINCIAL_CERTIFICATE), votes_for=3, ballots=3)
    stranger.membership = MembershipFactory(bloc=other_bloc, year=YEAR)
    too_many = proposal(draft, members[YEAR][0], votes_for=3, ballots=4)
    with pytest.raises(ValidationError) as caught:
        stranger.clean()
    assert list(caught.value.message_dict) == ["membership"]
    with pytest.raises(ValidationError) as caught:
        too_many.clean()
    assert list(caught.value.message_dict) == ["ballots"]
    proposal(draft, members[YEAR][0]).clean()


# Individuals and collectives ------------------------------------------------------------


def test_an_award_for_individuals_needs_the_persons_name(conference, members, individual_award):
    nominee = Proposal(conference=conference, award_type=individual_award, membership=members[YEAR][0])
    nominee.votes_for = nominee.ballots = 3
    error = clean_errors(nominee)
    assert error.message_dict["person_name"] == [tr("Name the individual proposed for this award.")]

    nominee.person_name = "Nguyễn Văn An"
    nominee.full_clean()


@pytest.mark.parametrize("field", ["person_name", "person_position"])
def test_an_award_for_agencies_takes_no_persons_name(conference, members, field):
    error = clean_errors(proposal(conference, members[YEAR][0], PROVINCIAL_FLAG, **{field: "Nguyễn Văn An"}))
    assert error.message_dict["person_name"] == [tr("This award is for an agency: leave the individual's name empty.")]


def test_an_award_for_either_takes_an_agency_or_a_person(conference, members):
    proposal(conference, members[YEAR][0], PM_CERTIFICATE).full_clean()
    proposal(conference, members[YEAR][0], PM_CERTIFICATE, person_name="Nguyễn Văn An").full_clean()


def test_nominee_name_prints_the_person_with_the_agency(conference, members):
    agency = members[YEAR][0].printed_name
    person = make_proposal(
        conference, members[YEAR][0], PM_CERTIFICATE, person_name="Nguyễn Văn An", person_position="Phó Giám đốc"
    )
    assert person.nominee_name == f"Nguyễn Văn An, Phó Giám đốc, {agency}"
    person.person_position = ""
    assert person.nominee_name == f"Nguyễn Văn An, {agency}"
    assert make_proposal(conference, members[YEAR][1]).nominee_name == members[YEAR][1].printed_name


# Status and documents agree -----------------------------------------------------------


@pytest.fixture
def documents(province):
    return (
        Submission.objects.create(province=province, number="08/TTr-BTĐKT", date=CONFERENCE_DATE),
        Decision.objects.create(province=province, number="215/QĐ-UBND", date=CONFERENCE_DATE),
    )


MISMATCHES = {
    "submitted without submission": lambda s, d: {"status": Proposal.Status.SUBMITTED},
    "submitted with a decision": lambda s, d: {"status": Proposal.Status.SUBMITTED, "submission": s, "decision": d},
    "proposed with a submission": lambda s, d: {"status": Proposal.Status.PROPOSED, "submission": s},
    "approved without decision": lambda s, d: {"status": Proposal.Status.APPROVED, "submission": s},
    "not approved without submission": lambda s, d: {"status": Proposal.Status.NOT_APPROVED, "decision": d},
}


@pytest.mark.parametrize("mismatch", MISMATCHES)
def test_status_must_match_the_documents_in_clean_and_in_the_database(conference, members, documents, mismatch):
    fields = MISMATCHES[mismatch](*documents)
    error = clean_errors(proposal(conference, members[YEAR][0], **fields))
    assert error.messages == [
        tr("A submitted proposal needs its submission, and a decided one its submission and decision.")
    ]

    with refused_by_database("awards_proposal_status_matches_documents"):
        make_proposal(conference, members[YEAR][0], **fields)
    assert not Proposal.objects.exists()


@pytest.mark.parametrize("status", ["submitted", "approved", "not_approved"])
def test_each_status_with_its_documents_is_accepted(conference, members, documents, status):
    submission, decision = documents
    fields = {"status": status, "submission": submission, "decision": None if status == "submitted" else decision}
    proposal(conference, members[YEAR][0], **fields).full_clean()
    assert make_proposal(conference, members[YEAR][0], **fields).status == status


# Rules: one per province, one default, percentages in range ----------------------------


def test_a_province_has_one_rule_per_award_type(province):
    province_rule(province, PROVINCIAL_FLAG, quota_count=2)
    duplicate = AwardRule(award_type=award(PROVINCIAL_FLAG), province=province, quota_count=3, source="Khác")
    assert clean_errors(duplicate).messages == [tr("This province already has a rule for this award type.")]

    with refused_by_database("awards_awardrule_one_per_province"):
        province_rule(province, PROVINCIAL_FLAG, quota_count=3)
    assert AwardRule.objects.filter(province=province).count() == 1


def test_an_award_type_has_one_default_rule(db):
    assert AwardRule.objects.filter(award_type=award(GOVERNMENT_FLAG), province=None, valid_from=None).count() == 1
    duplicate = AwardRule(award_type=award(GOVERNMENT_FLAG), quota_percent=10, source="Khác")
    assert clean_errors(duplicate).messages == [tr("This award type already has a default rule.")]

    with refused_by_database("awards_awardrule_one_default"):
        AwardRule.objects.create(award_type=award(GOVERNMENT_FLAG), quota_percent=10, source="Khác")
    assert AwardRule.objects.filter(award_type=award(GOVERNMENT_FLAG), valid_from=None).count() == 1


def test_two_provinces_each_have_their_own_rule(province, other_province):
    province_rule(province, PROVINCIAL_FLAG, quota_count=2)
    rule = AwardRule(award_type=award(PROVINCIAL_FLAG), province=other_province, quota_count=1, source="Quy chế")
    rule.full_clean()
    rule.save()
    assert AwardRule.objects.filter(award_type=award(PROVINCIAL_FLAG), valid_from=None).count() == 3


@pytest.mark.parametrize(
    "field,value",
    [
        ("quota_percent", Decimal(0)),
        ("quota_percent", Decimal("100.01")),
        ("vote_threshold_percent", Decimal(0)),
        ("vote_threshold_percent", Decimal(150)),
    ],
)
def test_percentages_must_be_above_zero_and_at_most_a_hundred(province, field, value):
    rule = AwardRule(award_type=award(PROVINCIAL_CERTIFICATE), province=province, source="Quy chế", **{field: value})
    assert clean_errors(rule).messages == [tr("A percentage must be above 0 and at most 100.")]

    with refused_by_database("awards_awardrule_percents_in_range"):
        province_rule(province, PROVINCIAL_CERTIFICATE, **{field: value})
    assert not AwardRule.objects.filter(province=province).exists()


def test_a_hundred_percent_is_accepted(province):
    rule = AwardRule(
        award_type=award(PROVINCIAL_CERTIFICATE),
        province=province,
        quota_percent=100,
        vote_threshold_percent=100,
        source="Quy chế",
    )
    rule.full_clean()


def test_the_percent_quota_rounds_down(db):
    rule = AwardRule(quota_percent=Decimal(20))
    assert [rule.percent_quota(n) for n in (0, 4, 5, 9, 10, 14)] == [0, 0, 1, 1, 2, 2]
    assert AwardRule(quota_count=1).percent_quota(10) is None


def test_the_provinces_own_rule_replaces_the_default_only_for_that_province(province, other_province):
    default = default_rule(PROVINCIAL_FLAG)
    own = province_rule(province, PROVINCIAL_FLAG, quota_count=2)
    assert AwardRule.objects.for_province(province, CONFERENCE_DATE)[award(PROVINCIAL_FLAG).pk] == own
    assert AwardRule.objects.for_province(other_province, CONFERENCE_DATE)[award(PROVINCIAL_FLAG).pk] == default
    assert AwardRule.objects.for_province(province, CONFERENCE_DATE)[award(GOVERNMENT_FLAG).pk].is_default
