"""Awards in the admin site: the catalogue and default rules are the operator's, a province
admin keeps their own province's rules; proposals are read-only there; a submission or
decision can be corrected; nobody sees another province's rows."""

import datetime

import pytest
from django.urls import reverse

from awards import services
from awards.models import AwardRule, AwardType, Proposal, Submission
from tests.awards.helpers import (
    GOVERNMENT_FLAG,
    PROVINCIAL_CERTIFICATE,
    PROVINCIAL_FLAG,
    award,
    default_rule,
    province_rule,
    tr,
)


def url(model, action="changelist", *args):
    return reverse(f"admin:awards_{model}_{action}", args=args)


def rule_post(award_name, province, **fields):
    return {
        "award_type": str(award(award_name).pk),
        "province": str(province.pk) if province else "",
        "quota_percent": "",
        "quota_basis": AwardRule.Basis.BLOC_MEMBERS,
        "quota_count": "",
        "vote_threshold_percent": "",
        "vote_basis": AwardRule.VoteBasis.BALLOTS,
        "valid_from": "",
        "valid_until": "",
        "required_award": "",
        "required_years": "",
        "required_source": "",
        "prize_multiplier_collective": "",
        "prize_multiplier_individual": "",
        "enforcement": AwardRule.Enforcement.BLOCK,
        "source": "Quyết định 12/2023/QĐ-UBND, Điều 9",
        "shown_version": "1",  # as the change page of a rule saved once shows it
        "_save": "Save",
        **{name: str(value) for name, value in fields.items()},
    }


def listed(response):
    assert response.status_code == 200
    return set(response.context["cl"].result_list)


@pytest.fixture
def rules(province, other_province):
    """The province's own rule for the provincial flag, and the other province's."""
    return {
        "own": province_rule(province, PROVINCIAL_FLAG, quota_count=2),
        "foreign": province_rule(other_province, PROVINCIAL_FLAG, quota_count=3),
        "default": default_rule(PROVINCIAL_FLAG),
    }


# Who gets in ----------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["secretary", "viewer"])
@pytest.mark.parametrize("model", ["awardtype", "awardrule", "proposal", "submission", "decision"])
def test_secretaries_and_viewers_do_not_get_into_the_awards_admin(login, persona, model, request):
    response = login(request.getfixturevalue(persona)).get(url(model))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


# Rules ----------------------------------------------------------------------------------


def test_province_admin_sees_the_defaults_and_their_own_rules_only(login, province_admin, rules):
    shown = listed(login(province_admin).get(url("awardrule")))
    assert rules["own"] in shown
    assert rules["default"] in shown
    assert rules["foreign"] not in shown
    assert shown == set(AwardRule.objects.filter(province=None)) | {rules["own"]}


def test_province_admin_adds_a_rule_for_their_province_only(login, province_admin, province, other_province):
    client = login(province_admin)
    form = client.get(url("awardrule", "add")).context["adminform"].form
    assert list(form.fields["province"].queryset) == [province]
    assert form.fields["province"].required

    response = client.post(url("awardrule", "add"), rule_post(PROVINCIAL_CERTIFICATE, other_province, quota_count=2))
    assert response.status_code == 200
    assert not AwardRule.objects.filter(province__isnull=False).exists()

    response = client.post(url("awardrule", "add"), rule_post(PROVINCIAL_CERTIFICATE, None, quota_count=2))
    assert response.status_code == 200
    assert AwardRule.objects.filter(award_type=award(PROVINCIAL_CERTIFICATE), province__isnull=False).count() == 0

    response = client.post(url("awardrule", "add"), rule_post(PROVINCIAL_CERTIFICATE, province, quota_count=2))
    assert response.status_code == 302
    rule = AwardRule.objects.get(award_type=award(PROVINCIAL_CERTIFICATE), province__isnull=False)
    assert (rule.province, rule.quota_count, rule.enforcement) == (province, 2, AwardRule.Enforcement.BLOCK)


def test_a_second_rule_for_the_same_award_is_refused_with_a_sentence(login, province_admin, province, rules):
    response = login(province_admin).post(url("awardrule", "add"), rule_post(PROVINCIAL_FLAG, province, quota_count=1))
    assert response.status_code == 200
    assert (
        tr("This province already has a rule for this award type.")
        in response.context["adminform"].form.errors["__all__"]
    )
    assert AwardRule.objects.filter(province=province).count() == 1


def test_a_percentage_out_of_range_is_refused_with_a_sentence(login, province_admin, province):
    response = login(province_admin).post(
        url("awardrule", "add"), rule_post(PROVINCIAL_CERTIFICATE, province, quota_percent=0)
    )
    assert response.status_code == 200
    assert tr("A percentage must be above 0 and at most 100.") in response.context["adminform"].form.errors["__all__"]
    assert not AwardRule.objects.filter(province=province).exists()


def test_province_admin_changes_their_own_rule(login, province_admin, province, rules):
    response = login(province_admin).post(
        url("awardrule", "change", rules["own"].pk), rule_post(PROVINCIAL_FLAG, province, quota_count=4)
    )
    assert response.status_code == 302
    rules["own"].refresh_from_db()
    assert rules["own"].quota_count == 4


def test_province_admin_reads_but_cannot_change_a_default_rule(login, province_admin, rules):
    client = login(province_admin)
    default = rules["default"]
    assert client.get(url("awardrule", "change", default.pk)).status_code == 200
    response = client.post(url("awardrule", "change", default.pk), rule_post(PROVINCIAL_FLAG, None, quota_count=9))
    assert response.status_code == 403
    assert client.post(url("awardrule", "delete", default.pk), {"post": "yes"}).status_code == 403
    default.refresh_from_db()
    assert default.quota_count == 1


def test_province_admin_cannot_reach_another_provinces_rule(login, province_admin, other_province, rules):
    client = login(province_admin)
    foreign = rules["foreign"]
    assert client.get(url("awardrule", "change", foreign.pk)).status_code == 302  # "does not exist"
    client.post(url("awardrule", "change", foreign.pk), rule_post(PROVINCIAL_FLAG, other_province, quota_count=9))
    client.post(url("awardrule", "delete", foreign.pk), {"post": "yes"})
    foreign.refresh_from_db()
    assert foreign.quota_count == 3


def test_superuser_changes_a_default_rule(login, superuser, rules):
    response = login(superuser).post(
        url("awardrule", "change", rules["default"].pk),
        rule_post(PROVINCIAL_FLAG, None, quota_count=2, enforcement="warn", valid_until="31/12/2023"),
    )
    assert response.status_code == 302
    rules["default"].refresh_from_db()
    assert rules["default"].quota_count == 2


# Award types ---------------------------------------------------------------------------


def test_province_admin_reads_the_catalogue_but_cannot_change_it(login, province_admin):
    client = login(province_admin)
    flag = award(GOVERNMENT_FLAG)
    assert flag in listed(client.get(url("awardtype")))
    assert client.get(url("awardtype", "add")).status_code == 403
    data = {"name": "Đổi tên", "authority": "X", "nominee": "collective", "precedence": "1", "is_active": "on"}
    assert client.post(url("awardtype", "change", flag.pk), data).status_code == 403
    flag.refresh_from_db()
    assert flag.name == GOVERNMENT_FLAG


def test_superuser_adds_an_award_type(login, superuser):
    data = {
        "name": "Chiến sĩ thi đua cấp tỉnh",
        "authority": "Chủ tịch UBND tỉnh",
        "nominee": "individual",
        "precedence": "35",
        "is_active": "on",
    }
    assert login(superuser).post(url("awardtype", "add"), data).status_code == 302
    assert AwardType.objects.get(name="Chiến sĩ thi đua cấp tỉnh").nominee == AwardType.Nominee.INDIVIDUAL


# Proposals and documents ------------------------------------------------------------------


def test_proposals_are_listed_for_their_province_only(login, province_admin, proposals, foreign_proposal):
    assert listed(login(province_admin).get(url("proposal"))) == set(proposals)


def test_proposals_are_read_only_in_the_admin(login, province_admin, proposals):
    client = login(province_admin)
    proposal = proposals[1]
    assert client.get(url("proposal", "add")).status_code == 403
    assert client.get(url("proposal", "change", proposal.pk)).status_code == 200
    assert client.post(url("proposal", "change", proposal.pk), {"votes_for": "0"}).status_code == 403
    assert client.post(url("proposal", "delete", proposal.pk), {"post": "yes"}).status_code == 403
    proposal.refresh_from_db()
    assert proposal.votes_for == 3
    assert Proposal.objects.count() == 3


@pytest.fixture
def submissions(proposals, foreign_proposal, province_admin, outsider):
    date = datetime.date(2018, 1, 24)
    return (
        services.proposals_submit(actor=province_admin, proposal_ids=[proposals[0].pk], number="08/TTr", date=date),
        services.proposals_submit(actor=outsider, proposal_ids=[foreign_proposal.pk], number="15/TTr-SNV", date=date),
    )


def test_province_admin_corrects_their_own_submission(login, province_admin, submissions):
    own, foreign = submissions
    client = login(province_admin)
    assert listed(client.get(url("submission"))) == {own}
    assert client.get(url("submission", "add")).status_code == 403

    data = {"number": "08/TTr-BTĐKT", "date": "24/01/2018", "signer": "Lò Văn Muôn", "signer_title": "Trưởng ban"}
    data |= {"proposals-TOTAL_FORMS": "0", "proposals-INITIAL_FORMS": "0"}  # the read-only inline
    data |= {"shown_version": str(own.version)}
    response = client.post(url("submission", "change", own.pk), data)
    assert response.status_code == 302
    own.refresh_from_db()
    assert (own.number, own.signer) == ("08/TTr-BTĐKT", "Lò Văn Muôn")

    client.post(url("submission", "change", foreign.pk), data)
    foreign.refresh_from_db()
    assert foreign.number == "15/TTr-SNV"


def test_a_submission_with_proposals_cannot_be_deleted(login, province_admin, submissions):
    own, _ = submissions
    login(province_admin).post(url("submission", "delete", own.pk), {"post": "yes"})
    assert Submission.objects.filter(pk=own.pk).exists()
    assert Proposal.objects.get(submission=own).status == Proposal.Status.SUBMITTED


def _document_post(number, date, **fields):
    data = {"number": number, "date": date, "proposals-TOTAL_FORMS": "0", "proposals-INITIAL_FORMS": "0"}
    return data | {"shown_version": "1", **fields}  # recorded once, as its change page shows it


def test_a_submission_cannot_be_redated_before_its_conference_in_the_admin(login, province_admin, submissions):
    own, _ = submissions
    conference = Proposal.objects.get(submission=own).conference
    response = login(province_admin).post(url("submission", "change", own.pk), _document_post("08/TTr", "07/01/2018"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["date"] == [
        tr(
            "Nothing was recorded: the submission cannot be dated before the conference: %(names)s.",
            names=str(conference),
        )
    ]
    own.refresh_from_db()
    assert own.date == datetime.date(2018, 1, 24)


@pytest.fixture
def decided(submissions, province_admin):
    own, _ = submissions
    proposal = Proposal.objects.get(submission=own)
    decision = services.proposals_decide(
        actor=province_admin,
        proposal_ids=[proposal.pk],
        approved=True,
        number="215/QĐ-UBND",
        date=datetime.date(2018, 3, 12),
    )
    return own, decision, proposal


def test_a_decision_cannot_be_redated_before_the_submission_in_the_admin(login, province_admin, decided):
    submission, decision, proposal = decided
    message = tr(
        "Nothing was recorded: the decision cannot be dated before the submission of %(names)s.", names=str(proposal)
    )
    client = login(province_admin)

    response = client.post(url("decision", "change", decision.pk), _document_post("215/QĐ-UBND", "23/01/2018"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["date"] == [message]

    response = client.post(url("submission", "change", submission.pk), _document_post("08/TTr", "13/03/2018"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["date"] == [message]

    decision.refresh_from_db()
    submission.refresh_from_db()
    assert (submission.date, decision.date) == (datetime.date(2018, 1, 24), datetime.date(2018, 3, 12))

    # The same day is fine both ways.
    assert (
        client.post(url("decision", "change", decision.pk), _document_post("215/QĐ-UBND", "24/01/2018")).status_code
        == 302
    )
