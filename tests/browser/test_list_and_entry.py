"""In a real browser: lines added to the results page without a save (our own script, under the
CSP), and the awards list's "choose all" and the forms its buttons open."""

import pytest

from awards import catalogue
from awards.models import AwardRule, AwardType, BaseSalary
from emulation.models import Attendance, Conference
from tests.awards.helpers import YEAR
from tests.browser.helpers import log_in, open_panel, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "secret-pass-123"  # tests/blocs/factories.py


@pytest.fixture(autouse=True)
def award_catalogue():
    """A transactional test starts from an empty database: the catalogue's migration is undone."""
    catalogue.ensure(AwardType, AwardRule, BaseSalary)


def test_the_secretary_adds_lines_without_saving(page, screenshot, secretary, bloc, members):
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    log_in(page, secretary.username, PASSWORD)
    page.goto(f"/blocs/{bloc.pk}/conferences/{YEAR}/")
    page.fill("#id_conf-date", "08/01/2018")
    guest_lines = page.locator("#guest-rows tr").count()
    for _ in range(2):
        page.click("[data-add-row=guest]")
    assert page.locator("#guest-rows tr").count() == guest_lines + 2
    assert page.input_value("#id_guest-TOTAL_FORMS") == str(guest_lines + 2)
    last = guest_lines + 1
    page.fill(f"#id_guest-{last}-organisation", "Sở Nội vụ")
    page.fill(f"#id_guest-{last}-person", "Vì Văn Dũng")

    proposal_lines = page.locator("#prop-rows tr").count()
    page.click("[data-add-row=prop]")
    assert page.locator("#prop-rows tr").count() == proposal_lines + 1
    assert page.locator(f"#id_prop-{proposal_lines}-award_type option").first.inner_text() == "— chọn —"
    screenshot("lines-added")
    page.click("button[name=save]")
    page.wait_for_url("**/conferences/*/")
    conference = Conference.objects.get(bloc=bloc, year=YEAR)
    guest = Attendance.objects.get(conference=conference, membership=None)
    assert (guest.guest_organisation, guest.representative) == ("Sở Nội vụ", "Vì Văn Dũng")
    assert not [e for e in errors if "Content Security Policy" in e], errors


def test_the_admin_chooses_all_then_opens_the_submission_form(page, screenshot, province_admin, proposals):
    log_in(page, province_admin.username, PASSWORD)
    page.goto("/awards/")
    boxes = page.locator("[data-testid=proposal-list] input[name=proposal]")
    assert boxes.count() == len(proposals)
    assert not page.is_visible("#id_sub-number")  # folded until asked for
    page.check("#choose-all")
    assert all(boxes.nth(i).is_checked() for i in range(boxes.count()))
    boxes.first.uncheck()
    assert page.evaluate("document.getElementById('choose-all').indeterminate")
    page.check("#choose-all")
    open_panel(page, "open-submission")
    page.wait_for_selector("#id_sub-number", state="visible")
    assert not page.is_visible("#id_dec-number")
    page.fill("#id_sub-number", "08/TTr-BTĐKT")
    page.fill("#id_sub-date", "24/01/2018")
    screenshot("all-chosen-submission-open")
    submit(page, "button[value=submit]")
    assert "08/TTr-BTĐKT" in page.locator(".alert-success").inner_text()
    assert {p.status for p in type(proposals[0]).objects.filter(pk__in=[p.pk for p in proposals])} == {"submitted"}
