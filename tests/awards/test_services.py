"""Every change to a proposal goes through awards/services.py: replaced with the conference's
results, submitted and decided by the province admin, each call all-or-nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from awards import services
from awards.access import check_can_record
from awards.models import AwardRule, Decision, Proposal, Submission
from blocs.services import system_actor
from emulation import services as conference_services
from tests.awards.helpers import (
    CONFERENCE_DATE,
    GOVERNMENT_FLAG,
    PM_CERTIFICATE,
    PROVINCIAL_CERTIFICATE,
    PROVINCIAL_FLAG,
    YEAR,
    award,
    bloc_conference,
    default_rule,
    document_counts,
    make_proposal,
    province_rule,
    statuses,
    tr,
)
from tests.blocs.factories import MembershipFactory

SUBMITTED_ON = datetime.date(2018, 1, 24)
DECIDED_ON = datetime.date(2018, 3, 12)


def row(membership, name=PROVINCIAL_CERTIFICATE, votes=3, ballots=3, **fields):
    return {"award_type": award(name), "membership": membership, "votes_for": votes, "ballots": ballots, **fields}


def submit(user, proposals, number="08/TTr-BTĐKT", date=SUBMITTED_ON, **fields):
    """As the proposals page records a submission: who may is checked first, then the service."""
    check_can_record(user, [p.pk for p in proposals])
    return services.proposals_submit(
        actor=user, proposal_ids=[p.pk for p in proposals], number=number, date=date, **fields
    )


def decide(user, proposals, approved=True, number="215/QĐ-UBND", date=DECIDED_ON, **fields):
    check_can_record(user, [p.pk for p in proposals])
    return services.proposals_decide(
        actor=user, proposal_ids=[p.pk for p in proposals], approved=approved, number=number, date=date, **fields
    )


def saved_rows(conference):
    return sorted(
        conference.proposals.values_list("award_type__name", "membership", "person_name", "votes_for", "ballots")
    )


# Replacing a conference's proposals --------------------------------------------------


def test_replace_saves_the_rows_and_drops_the_previous_ones(conference, members):
    make_proposal(conference, members[YEAR][2], PROVINCIAL_FLAG)
    problems = services.proposals_replace(
        actor=system_actor(),
        conference=conference,
        rows=[
            row(members[YEAR][0], PROVINCIAL_FLAG, votes=3),
            row(members[YEAR][1], PM_CERTIFICATE, votes=2, person_name="Nguyễn Văn An", person_position="Giám đốc"),
        ],
    )
    assert problems == []
    assert saved_rows(conference) == sorted(
        [
            (PROVINCIAL_FLAG, members[YEAR][0].pk, "", 3, 3),
            (PM_CERTIFICATE, members[YEAR][1].pk, "Nguyễn Văn An", 2, 3),
        ]
    )
    assert set(conference.proposals.values_list("status", flat=True)) == {Proposal.Status.PROPOSED}


def test_replace_with_no_rows_removes_every_proposal(conference, members):
    make_proposal(conference, members[YEAR][0])
    assert services.proposals_replace(actor=system_actor(), conference=conference, rows=[]) == []
    assert not Proposal.objects.exists()


def test_a_warning_is_returned_and_the_proposals_are_saved(conference, members):
    problems = services.proposals_replace(
        actor=system_actor(),
        conference=conference,
        rows=[row(members[YEAR][0], PROVINCIAL_FLAG), row(members[YEAR][1], PROVINCIAL_FLAG)],
    )
    [problem] = problems
    assert not problem.blocking
    assert problem.rule == default_rule(PROVINCIAL_FLAG)
    assert conference.proposals.count() == 2


def test_a_blocking_rule_refuses_and_leaves_the_previous_proposals(conference, members, province):
    rule = province_rule(province, PROVINCIAL_FLAG, quota_count=1, enforcement=AwardRule.Enforcement.BLOCK)
    make_proposal(conference, members[YEAR][2], PROVINCIAL_CERTIFICATE)
    before = saved_rows(conference)

    with pytest.raises(ValidationError) as caught:
        services.proposals_replace(
            actor=system_actor(),
            conference=conference,
            rows=[row(members[YEAR][0], PROVINCIAL_FLAG), row(members[YEAR][1], PROVINCIAL_FLAG)],
        )

    message = tr(
        "%(award)s: %(count)s proposed, at most %(limit)s per bloc and year.", award=PROVINCIAL_FLAG, count=2, limit=1
    )
    assert caught.value.messages == [tr("%(message)s (%(source)s)", message=message, source=rule.source)]
    assert saved_rows(conference) == before


@pytest.mark.parametrize(
    "broken",
    ["non-member", "votes above ballots", "duplicate", "ballots above members", "name for a flag"],
)
def test_an_invalid_row_refuses_everything(conference, members, other_bloc, broken):
    make_proposal(conference, members[YEAR][2], PROVINCIAL_FLAG)
    before = saved_rows(conference)
    good = row(members[YEAR][0])
    bad = {
        "non-member": lambda: row(MembershipFactory(bloc=other_bloc, year=YEAR)),
        "votes above ballots": lambda: row(members[YEAR][1], votes=3, ballots=2),
        "duplicate": lambda: row(members[YEAR][0]),
        "ballots above members": lambda: row(members[YEAR][1], votes=3, ballots=4),
        "name for a flag": lambda: row(members[YEAR][1], PROVINCIAL_FLAG, person_name="Nguyễn Văn An"),
    }[broken]()

    with pytest.raises(ValidationError):
        services.proposals_replace(actor=system_actor(), conference=conference, rows=[good, bad])

    assert saved_rows(conference) == before


def test_replace_is_refused_on_a_finalized_conference(finalized_conference, members):
    make_proposal(finalized_conference, members[YEAR][0])
    with pytest.raises(PermissionDenied):
        services.proposals_replace(actor=system_actor(), conference=finalized_conference, rows=[row(members[YEAR][1])])
    assert list(Proposal.objects.values_list("membership", flat=True)) == [members[YEAR][0].pk]


def test_replace_is_refused_once_a_proposal_is_submitted(proposals, province_admin, members):
    submit(province_admin, proposals[:1])
    conference = proposals[0].conference
    conference_services.conference_reopen(conference=conference, actor=province_admin)

    with pytest.raises(ValidationError) as caught:
        services.proposals_replace(actor=system_actor(), conference=conference, rows=[row(members[YEAR][0])])

    assert caught.value.messages == [
        tr(
            "Some proposals of this conference are already submitted to the awarding authority: "
            "they can no longer be changed here."
        )
    ]
    assert statuses(*proposals) == ["submitted", "proposed", "proposed"]


# Submitting ---------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["province_admin", "superuser"])
def test_province_admin_submits_proposals_of_a_finalized_conference(proposals, persona, request):
    submission = submit(
        request.getfixturevalue(persona), proposals[:2], signer="Lò Văn Muôn", signer_title="Trưởng ban"
    )

    assert (submission.province, submission.number, submission.date) == (
        proposals[0].conference.bloc.province,
        "08/TTr-BTĐKT",
        SUBMITTED_ON,
    )
    assert (submission.signer, submission.signer_title) == ("Lò Văn Muôn", "Trưởng ban")
    assert statuses(*proposals) == ["submitted", "submitted", "proposed"]
    assert set(Proposal.objects.filter(status="submitted").values_list("submission", flat=True)) == {submission.pk}


@pytest.mark.parametrize("persona", ["secretary", "viewer", "outsider", "other_secretary"])
def test_only_the_province_admin_submits(proposals, persona, request):
    with pytest.raises(PermissionDenied):
        submit(request.getfixturevalue(persona), proposals)
    assert statuses(*proposals) == ["proposed"] * 3
    assert document_counts() == (0, 0)


def test_proposals_of_a_draft_conference_cannot_be_submitted(conference, members, province_admin):
    proposal = make_proposal(conference, members[YEAR][0])
    with pytest.raises(ValidationError) as caught:
        submit(province_admin, [proposal])
    assert caught.value.messages == [
        tr("Nothing was recorded: finalize the conference first: %(names)s.", names=str(conference))
    ]
    assert statuses(proposal) == ["proposed"]
    assert document_counts() == (0, 0)


def test_a_submission_cannot_be_dated_before_the_conference(proposals, province_admin):
    conference = proposals[0].conference
    with pytest.raises(ValidationError) as caught:
        submit(province_admin, proposals, date=CONFERENCE_DATE - datetime.timedelta(days=1))
    assert caught.value.messages == [
        tr(
            "Nothing was recorded: the submission cannot be dated before the conference: %(names)s.",
            names=str(conference),
        )
    ]
    assert statuses(*proposals) == ["proposed"] * 3
    assert document_counts() == (0, 0)

    assert submit(province_admin, proposals, date=CONFERENCE_DATE).date == CONFERENCE_DATE  # the same day is fine


def test_a_blocking_rule_refuses_the_submission(proposals, members, province_admin, province):
    # Voted under the warning default, then the province's regulation makes it block.
    make_proposal(proposals[0].conference, members[YEAR][1], PROVINCIAL_FLAG)
    rule = province_rule(province, PROVINCIAL_FLAG, quota_count=1, enforcement=AwardRule.Enforcement.BLOCK)

    with pytest.raises(ValidationError) as caught:
        submit(province_admin, proposals[1:])

    [message] = caught.value.messages
    assert rule.source in message
    assert Proposal.objects.filter(status="proposed").count() == 4
    assert document_counts() == (0, 0)


def test_a_warning_rule_does_not_stop_the_submission(proposals, members, province_admin):
    make_proposal(proposals[0].conference, members[YEAR][1], PROVINCIAL_FLAG)
    submit(province_admin, proposals)
    assert statuses(*proposals) == ["submitted"] * 3


def test_a_second_submission_with_the_same_number_and_date_reuses_it(proposals, province_admin):
    first = submit(province_admin, proposals[:1])
    second = submit(province_admin, proposals[1:], signer="ignored")
    assert second.pk == first.pk
    assert Submission.objects.count() == 1
    assert set(Proposal.objects.values_list("submission", flat=True)) == {first.pk}
    assert (first.signer, Submission.objects.get().signer) == ("", "")


def test_another_number_or_date_is_another_submission(proposals, province_admin):
    first = submit(province_admin, proposals[:1])
    second = submit(province_admin, proposals[1:2], number="09/TTr-BTĐKT")
    third = submit(province_admin, proposals[2:], date=SUBMITTED_ON + datetime.timedelta(days=1))
    assert len({first.pk, second.pk, third.pk}) == 3


def test_submitting_nothing_is_refused(province_admin, db):
    with pytest.raises(ValidationError) as caught:
        submit(province_admin, [])
    assert caught.value.messages == [tr("Choose at least one proposal.")]
    assert document_counts() == (0, 0)


# Deciding ----------------------------------------------------------------------------


@pytest.fixture
def submitted(proposals, province_admin):
    submit(province_admin, proposals)
    return proposals


@pytest.mark.parametrize("approved,status", [(True, "approved"), (False, "not_approved")])
def test_province_admin_records_the_decision(submitted, province_admin, approved, status):
    decision = decide(
        province_admin,
        submitted[:2],
        approved=approved,
        authority="UBND tỉnh Điện Biên",
        signer="Mùa A Sơn",
        signer_title="Chủ tịch UBND tỉnh",
    )
    assert (decision.number, decision.date, decision.authority) == ("215/QĐ-UBND", DECIDED_ON, "UBND tỉnh Điện Biên")
    assert (decision.signer, decision.signer_title) == ("Mùa A Sơn", "Chủ tịch UBND tỉnh")
    assert statuses(*submitted) == [status, status, "submitted"]
    assert set(Proposal.objects.exclude(decision=None).values_list("decision", flat=True)) == {decision.pk}


@pytest.mark.parametrize("persona", ["secretary", "viewer", "outsider"])
def test_only_the_province_admin_decides(submitted, persona, request):
    with pytest.raises(PermissionDenied):
        decide(request.getfixturevalue(persona), submitted)
    assert statuses(*submitted) == ["submitted"] * 3
    assert not Decision.objects.exists()


def test_only_submitted_proposals_are_decided(proposals, province_admin):
    with pytest.raises(ValidationError):
        decide(province_admin, proposals)
    assert statuses(*proposals) == ["proposed"] * 3
    assert not Decision.objects.exists()


def test_a_decided_proposal_is_not_decided_again(submitted, province_admin):
    decide(province_admin, submitted[:1])
    with pytest.raises(ValidationError):
        decide(province_admin, submitted[:1], approved=False, number="300/QĐ-UBND")
    assert statuses(*submitted) == ["approved", "submitted", "submitted"]
    assert Decision.objects.count() == 1


def test_a_decision_cannot_be_dated_before_the_submission(submitted, province_admin):
    with pytest.raises(ValidationError) as caught:
        decide(province_admin, submitted[:1], date=SUBMITTED_ON - datetime.timedelta(days=1))
    assert caught.value.messages == [
        tr(
            "Nothing was recorded: the decision cannot be dated before the submission of %(names)s.",
            names=str(submitted[0]),
        )
    ]
    assert statuses(*submitted) == ["submitted"] * 3
    assert not Decision.objects.exists()

    assert decide(province_admin, submitted[:1], date=SUBMITTED_ON).date == SUBMITTED_ON


def test_a_second_decision_with_the_same_number_and_date_reuses_it(submitted, province_admin):
    first = decide(province_admin, submitted[:1])
    second = decide(province_admin, submitted[1:])
    assert second.pk == first.pk
    assert Decision.objects.count() == 1
    assert statuses(*submitted) == ["approved"] * 3


# All or nothing -------------------------------------------------------------------------


def test_submitting_a_mix_with_one_already_submitted_changes_nothing(proposals, province_admin):
    first = submit(province_admin, proposals[:1])

    with pytest.raises(ValidationError) as caught:
        submit(province_admin, proposals, number="09/TTr-BTĐKT")

    assert caught.value.messages == [
        tr(
            "Nothing was recorded: %(count)s of the chosen proposals are not “%(status)s”: %(names)s.",
            count=1,
            status=Proposal.Status.PROPOSED.label,
            names=str(proposals[0]),
        )
    ]
    assert statuses(*proposals) == ["submitted", "proposed", "proposed"]
    assert list(Submission.objects.all()) == [first]


def test_submitting_a_mix_with_another_provinces_proposal_changes_nothing(
    proposals, foreign_proposal, province_admin, outsider
):
    for user in (province_admin, outsider):
        with pytest.raises(PermissionDenied):
            submit(user, [*proposals, foreign_proposal])
    assert statuses(*proposals, foreign_proposal) == ["proposed"] * 4
    assert document_counts() == (0, 0)


def test_submitting_a_mix_with_a_draft_conference_changes_nothing(proposals, other_bloc, province_admin):
    draft, memberships = bloc_conference(other_bloc)
    pending = make_proposal(draft, memberships[0])
    with pytest.raises(ValidationError):
        submit(province_admin, [*proposals, pending])
    assert statuses(*proposals, pending) == ["proposed"] * 4
    assert document_counts() == (0, 0)


def test_a_superuser_cannot_mix_provinces_in_one_document(proposals, foreign_proposal, superuser):
    with pytest.raises(ValidationError) as caught:
        submit(superuser, [proposals[0], foreign_proposal])
    assert caught.value.messages == [tr("One submission or decision covers proposals of one province.")]
    assert statuses(proposals[0], foreign_proposal) == ["proposed", "proposed"]
    assert document_counts() == (0, 0)


def test_an_unknown_proposal_changes_nothing(proposals, province_admin):
    ids = [proposals[0].pk, 999999]
    with pytest.raises(PermissionDenied):
        check_can_record(province_admin, ids)
    # Deleted between the check and the save: the service refuses them as well.
    with pytest.raises(ValidationError):
        services.proposals_submit(actor=province_admin, proposal_ids=ids, number="1/TTr", date=SUBMITTED_ON)
    assert statuses(*proposals) == ["proposed"] * 3
    assert document_counts() == (0, 0)


def test_deciding_a_mix_with_one_still_proposed_changes_nothing(proposals, province_admin):
    submit(province_admin, proposals[:2])
    with pytest.raises(ValidationError):
        decide(province_admin, proposals)
    assert statuses(*proposals) == ["submitted", "submitted", "proposed"]
    assert not Decision.objects.exists()


def test_deciding_a_mix_with_another_provinces_proposal_changes_nothing(
    proposals, foreign_proposal, province_admin, outsider
):
    submit(province_admin, proposals)
    submit(outsider, [foreign_proposal], number="15/TTr-SNV")
    with pytest.raises(PermissionDenied):
        decide(province_admin, [*proposals, foreign_proposal])
    assert statuses(*proposals, foreign_proposal) == ["submitted"] * 4
    assert not Decision.objects.exists()


# The whole path, as the seeds went ----------------------------------------------------


def test_a_government_flag_goes_from_the_conference_to_the_decision(conference, members, province_admin, secretary):
    problems = services.proposals_replace(
        actor=system_actor(), conference=conference, rows=[row(members[YEAR][2], GOVERNMENT_FLAG)]
    )
    assert [p.rule.award_type.name for p in problems] == [GOVERNMENT_FLAG]  # one bloc: 20% of 1 leader is 0
    conference_services.conference_finalize(conference=conference, actor=secretary)
    proposal = Proposal.objects.get()
    submit(province_admin, [proposal], number="42/TTr-UBND")
    decide(province_admin, [proposal], number="1136/QĐ-TTg", authority="Thủ tướng Chính phủ")
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.APPROVED
    assert (proposal.submission.number, proposal.decision.number) == ("42/TTr-UBND", "1136/QĐ-TTg")
