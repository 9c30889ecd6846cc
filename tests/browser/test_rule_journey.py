"""A province's own 2026 regulation, from the admin to the printed list: the Điện Biên admin
adds it in the admin site, the secretary's conference of January 2026 is judged by it and
cites it, and the list that goes with the tờ trình prints it."""

import datetime

import pytest

from awards.models import AwardRule, Proposal
from blocs.models import Bloc, Membership
from emulation.models import Conference
from tests.browser.helpers import demo_password, log_in, open_panel, submit
from tests.fixtures.demo import load_demo_committed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROVINCIAL_FLAG = "Cờ thi đua của UBND tỉnh"
REGULATION = "Quyết định 12/2026/QĐ-UBND tỉnh Điện Biên, Điều 8: mỗi khối suy tôn tối đa 02 đơn vị"


@pytest.fixture
def dien_bien_2025():
    """The demo, with the Điện Biên culture bloc's members carried into 2025 and a draft
    conference reviewing 2025, held on 12/01/2026."""
    load_demo_committed()
    bloc = Bloc.objects.get(province__name="Điện Biên", name="Khối Văn hóa - Xã hội")
    for membership in Membership.objects.filter(bloc=bloc, year=2024).select_related("agency"):
        if membership.agency.active_until is None:
            Membership.objects.get_or_create(bloc=bloc, agency=membership.agency, year=2025)
    Conference.objects.create(bloc=bloc, year=2025, date=datetime.date(2026, 1, 12))
    return bloc


def test_a_provinces_2026_regulation_is_applied_cited_and_printed(page, screenshot, dien_bien_2025):
    bloc = dien_bien_2025
    members = list(Membership.objects.filter(bloc=bloc, year=2025).select_related("agency"))
    first, second = (m.agency.name_in(2025) for m in members[:2])

    # The province admin adds the province's own rule for 2026 in the admin site.
    log_in(page, "admin.dienbien", demo_password("admin.dienbien"))
    page.goto("/admin/awards/awardrule/add/")
    page.select_option("#id_award_type", label=PROVINCIAL_FLAG)
    page.select_option("#id_province", label="Điện Biên")
    page.fill("#id_valid_from", "01/01/2026")
    page.fill("#id_valid_until", "31/12/2026")
    page.fill("#id_quota_count", "2")
    page.fill("#id_source", REGULATION)
    page.select_option("#id_enforcement", "warn")
    screenshot("admin-adds-rule")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/awards/awardrule/")
    rule = AwardRule.objects.get(province__name="Điện Biên", award_type__name=PROVINCIAL_FLAG)
    assert (rule.valid_from, rule.quota_count) == (datetime.date(2026, 1, 1), 2)

    # The secretary enters two provincial flags: the 2026 regulation allows them and is cited.
    page.context.clear_cookies()
    log_in(page, "thuky.dienbien", demo_password("thuky.dienbien"))
    page.goto(f"/blocs/{bloc.pk}/conferences/2025/")
    for row, name in enumerate((first, second)):
        page.select_option(f"#id_prop-{row}-award_type", label=PROVINCIAL_FLAG)
        page.select_option(f"#id_prop-{row}-membership", label=name)
        page.fill(f"#id_prop-{row}-votes_for", str(len(members)))
        page.fill(f"#id_prop-{row}-ballots", str(len(members)))
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("button[name=finalize]")
    page.wait_for_url("**/conferences/*/")
    cited = page.locator("[data-testid=rules-applied]").inner_text()
    screenshot("secretary-results-cite-the-regulation")
    assert REGULATION in cited and "01/01/2026–31/12/2026" in cited and "12/01/2026" in cited
    assert page.locator("[data-testid=rule-problems]").count() == 0  # two flags are within the 2026 quota
    conference = Conference.objects.get(bloc=bloc, year=2025)
    assert conference.proposals.count() == 2

    # The admin sends them in a tờ trình; its printed list cites the regulation they were judged by.
    page.context.clear_cookies()
    log_in(page, "admin.dienbien", demo_password("admin.dienbien"))
    page.goto("/awards/?year=2025")
    for name in (first, second):
        page.locator("[data-testid=proposal-list] tr", has_text=name).locator("input[name=proposal]").check()
    open_panel(page, "open-submission")
    page.fill("#id_sub-number", "05/TTr-SNV")
    page.fill("#id_sub-date", "20/01/2026")
    submit(page, "button[value=submit]")
    assert "05/TTr-SNV" in page.locator(".alert-success").inner_text()
    proposal = conference.proposals.first()
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED and proposal.applied_rule == rule

    page.goto(f"/reports/submissions/{proposal.submission_id}/list.html")
    printed = page.locator("body").inner_text()
    screenshot("submission-list-cites-the-regulation")
    assert "Quy định áp dụng (hiệu lực 01/01/2026–31/12/2026)" in printed
    assert REGULATION in printed
