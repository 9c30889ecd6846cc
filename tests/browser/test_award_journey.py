"""Seed 001's proposals from the conference to the decision: the Vĩnh Phúc secretary enters
them on the results page, a province admin records the submission and the decisions,
and the agency's award record shows them."""

import pytest

from awards.models import Decision, Proposal, Submission
from blocs.models import Bloc, Membership, Province, User
from emulation import services as conference_services
from emulation.models import Conference
from tests.blocs.factories import UserFactory
from tests.browser.helpers import demo_password, log_in, open_panel, submit
from tests.fixtures.demo import load_demo_committed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GOVERNMENT_FLAG = "Cờ thi đua của Chính phủ"
PROVINCIAL_FLAG = "Cờ thi đua của UBND tỉnh"
GDDT = "Sở Giáo dục và Đào tạo"
LDTBXH = "Sở Lao động - Thương binh và Xã hội"


@pytest.fixture
def vinh_phuc_2020_without_proposals():
    """The demo's 2020 conference, reopened and without its proposals, for the secretary
    to enter them again; and an admin of Vĩnh Phúc (the demo has none). The journey replays
    2021, before Vĩnh Phúc became part of Phú Thọ (01/07/2025), whose records are read only."""
    load_demo_committed()
    bloc = Bloc.objects.get(province__name="Vĩnh Phúc", name="Khối Văn hóa - Xã hội")
    Province.objects.filter(pk=bloc.province_id).update(merged_into=None, merged_on=None)
    bloc.province.refresh_from_db()
    admin = UserFactory(
        username="admin.vinhphuc", role=User.Role.PROVINCE_ADMIN, province=bloc.province, password="admin-vp-pass-1"
    )
    conference = Conference.objects.get(bloc=bloc, year=2020)
    Proposal.objects.filter(conference=conference).delete()
    Submission.objects.filter(province=bloc.province).delete()
    Decision.objects.filter(province=bloc.province).delete()
    conference_services.conference_reopen(conference=conference, actor=admin)
    return bloc, admin


def choose(page, nominee):
    page.locator("[data-testid=proposal-list] tr", has_text=nominee).locator("input[name=proposal]").check()


def test_seed_001_proposals_from_conference_to_decision(page, screenshot, vinh_phuc_2020_without_proposals):
    bloc, admin = vinh_phuc_2020_without_proposals
    members = Membership.objects.filter(bloc=bloc, year=2020).count()

    # The secretary enters what the conference voted, unanimously, and finalizes.
    log_in(page, "thuky.vinhphuc", demo_password("thuky.vinhphuc"))
    page.goto(f"/blocs/{bloc.pk}/conferences/2020/")
    page.select_option("#id_prop-0-award_type", label=GOVERNMENT_FLAG)
    page.select_option("#id_prop-0-membership", label=GDDT)
    page.fill("#id_prop-0-votes_for", str(members))
    page.fill("#id_prop-0-ballots", str(members))
    page.select_option("#id_prop-1-award_type", label=PROVINCIAL_FLAG)
    page.select_option("#id_prop-1-membership", label=LDTBXH)
    page.fill("#id_prop-1-votes_for", str(members))
    page.fill("#id_prop-1-ballots", str(members))
    screenshot("secretary-filled")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("button[name=finalize]")
    page.wait_for_url("**/conferences/*/")
    screenshot("secretary-finalized")

    conference = Conference.objects.get(bloc=bloc, year=2020)
    assert conference.is_finalized
    proposals = {p.award_type.name: p for p in conference.proposals.select_related("award_type", "membership__agency")}
    assert proposals[GOVERNMENT_FLAG].membership.agency.name_in(2020) == GDDT
    assert proposals[PROVINCIAL_FLAG].membership.agency.name_in(2020) == LDTBXH
    assert {p.status for p in proposals.values()} == {Proposal.Status.PROPOSED}
    # The province has two blocs: 20% of two bloc-leading units allows none, and the
    # default rule warns with its source rather than blocks.
    warning = page.locator(".alert-warning").first.inner_text()
    assert GOVERNMENT_FLAG in warning and "Nghị định 91/2017/NĐ-CP" in warning  # the rules of 13/01/2021
    table = page.locator("[data-testid=proposal-table]").inner_text()
    assert GDDT in table and LDTBXH in table

    # The secretary cannot record decisions: the page has no forms for it.
    page.goto("/awards/")
    assert page.locator("[data-testid=decision-form]").count() == 0

    # The province admin sends both in one submission, then records each decision.
    page.context.clear_cookies()
    log_in(page, admin.username, "admin-vp-pass-1")
    page.goto("/awards/?year=2020")
    choose(page, GDDT)
    choose(page, LDTBXH)
    open_panel(page, "open-submission")
    page.fill("#id_sub-number", "15/TTr-SNV")
    page.fill("#id_sub-date", "28/01/2021")
    page.fill("#id_sub-signer_title", "Giám đốc Sở Nội vụ")
    submit(page, "button[value=submit]")
    assert "15/TTr-SNV" in page.locator(".alert-success").inner_text()

    choose(page, LDTBXH)
    open_panel(page, "open-decision")
    page.fill("#id_dec-number", "318/QĐ-UBND")
    page.fill("#id_dec-date", "22/02/2021")
    page.fill("#id_dec-authority", "UBND tỉnh Vĩnh Phúc")
    submit(page, "button[value=decide]")
    choose(page, GDDT)
    open_panel(page, "open-decision")
    page.fill("#id_dec-number", "1136/QĐ-TTg")
    page.fill("#id_dec-date", "20/07/2021")
    page.fill("#id_dec-authority", "Thủ tướng Chính phủ")
    submit(page, "button[value=decide]")
    screenshot("admin-decided")

    for proposal in proposals.values():
        proposal.refresh_from_db()
        assert proposal.status == Proposal.Status.APPROVED
        assert proposal.submission.number == "15/TTr-SNV"
    assert proposals[PROVINCIAL_FLAG].decision.number == "318/QĐ-UBND"
    assert proposals[GOVERNMENT_FLAG].decision.number == "1136/QĐ-TTg"

    # The agency's award record shows the Government flag and its decision.
    agency = proposals[GOVERNMENT_FLAG].membership.agency
    page.goto(f"/agencies/{agency.pk}/")
    page.click(f"a[href='/agencies/{agency.pk}/awards/']")
    record = page.locator("[data-testid=award-record]").inner_text()
    screenshot("award-record")
    assert GOVERNMENT_FLAG in record and "1136/QĐ-TTg" in record and "20/07/2021" in record
