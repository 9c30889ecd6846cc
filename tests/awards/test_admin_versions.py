"""No lost update in the admin site for conferences, the award catalogue, the rules and the
documents: the second of two admins who opened the same record is refused, told who saved and
when, and keeps what they typed. (Proposals are read-only there: their pages carry their versions,
tests/awards/test_conflicts.py.)"""

import datetime

import pytest

from awards import services
from awards.models import AwardRule, AwardType, Decision, Proposal, Submission
from emulation.models import Conference
from tests.adminforms import as_user, change_url, opened, refusal_shown, save_twice
from tests.awards.helpers import PROVINCIAL_FLAG, award, province_rule

pytestmark = pytest.mark.django_db


@pytest.fixture
def documents(proposals, province_admin):
    submission = services.proposals_submit(
        actor=province_admin, proposal_ids=[proposals[0].pk], number="08/TTr", date=datetime.date(2018, 1, 24)
    )
    decision = services.proposals_decide(
        actor=province_admin,
        proposal_ids=[proposals[0].pk],
        approved=True,
        number="215/QĐ-UBND",
        date=datetime.date(2018, 3, 12),
    )
    return submission, decision


CASES = {
    "conference": (lambda f: f["conference"], "admins", "venue", "Hội trường A", "Hội trường B"),
    # The first value differs from the catalogue's ("UBND tỉnh"): a save that changes nothing is no conflict.
    "award type": (
        lambda f: award(PROVINCIAL_FLAG),
        "operators",
        "authority",
        "Ủy ban nhân dân tỉnh",
        "Chủ tịch UBND tỉnh",
    ),
    "award rule": (
        lambda f: province_rule(f["province"], PROVINCIAL_FLAG, quota_count=2),
        "admins",
        "source",
        "Quyết định 12/2023/QĐ-UBND",
        "Quyết định 86/2025/QĐ-UBND",
    ),
    "submission": (lambda f: f["documents"][0], "admins", "signer", "Lò Văn An", "Lò Văn Bình"),
    "decision": (lambda f: f["documents"][1], "admins", "signer", "Nguyễn Văn An", "Nguyễn Văn Bình"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_the_second_of_two_admin_saves_is_refused_and_keeps_what_was_typed(
    case, request, admins, operators, province, conference
):
    fixtures = {"conference": conference, "province": province}
    if case in ("submission", "decision"):
        fixtures["documents"] = request.getfixturevalue("documents")
    make, who, field, first_value, second_value = CASES[case]
    obj = make(fixtures)
    a, b = {"admins": admins, "operators": operators}[who]
    first, second = as_user(a), as_user(b)

    response = save_twice(first, second, obj, {field: first_value}, {field: second_value})

    model = type(obj)
    assert getattr(model.objects.get(pk=obj.pk), field) == first_value
    refusal_shown(response, a, model.objects.get(pk=obj.pk), {field: second_value})
    again = second.post(change_url(obj), opened(second, obj) | {field: second_value})
    assert again.status_code == 302
    assert getattr(model.objects.get(pk=obj.pk), field) == second_value


def test_every_record_an_admin_or_page_edits_carries_a_version(db):
    for model in (AwardType, AwardRule, Conference, Proposal, Submission, Decision):
        assert model._meta.get_field("version").default == 1
