"""A bloc secretary enters the Điện Biên 2017 conference of seed 000 from scratch."""

import pytest

from awards.models import Proposal
from blocs.models import Bloc, Leadership, Membership
from emulation.models import Conference, Pledge
from tests.browser.helpers import demo_password, log_in
from tests.fixtures.demo import load_demo_committed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def dien_bien_without_2017_conference():
    load_demo_committed()
    bloc = Bloc.objects.get(province__name="Điện Biên", name="Khối Văn hóa - Xã hội")
    # The demo data holds this conference already; the secretary enters it again here.
    Proposal.objects.filter(conference__bloc=bloc, conference__year=2017).delete()
    Conference.objects.filter(bloc=bloc, year=2017).delete()
    Pledge.objects.filter(bloc=bloc, year=2018).delete()
    Leadership.objects.filter(bloc=bloc, year=2018).delete()
    return bloc


def test_secretary_enters_seed_000_conference_and_finalizes_it(page, screenshot, dien_bien_without_2017_conference):
    bloc = dien_bien_without_2017_conference
    members_2018 = Membership.objects.filter(bloc=bloc, year=2018).count()
    assert members_2018 == 8

    log_in(page, "thuky.dienbien", demo_password("thuky.dienbien"))
    page.goto(f"/blocs/{bloc.pk}/")
    row = page.locator('[data-testid=conference-status] tr[data-year="2017"]')
    row.locator("[data-testid=enter-results]").click()
    page.wait_for_url(f"**/blocs/{bloc.pk}/conferences/2017/")

    page.fill("#id_conf-date", "08/01/2018")
    page.fill("#id_conf-start_time", "14:00")
    page.fill("#id_conf-end_time", "17:00")
    page.select_option("#id_conf-host", label="Bảo hiểm xã hội tỉnh")
    page.fill("#id_conf-venue", "Hội trường Bảo hiểm xã hội tỉnh Điện Biên")
    page.fill("#id_conf-results_summary", "Các chỉ tiêu đều đạt và vượt kế hoạch đề ra.")
    page.click("[data-check-all=attendance]")
    page.fill("#id_guest-0-organisation", "Ban Thi đua - Khen thưởng tỉnh")
    page.fill("#id_guest-0-person", "Lãnh đạo Ban")
    page.fill("#id_pledge-content", "Ký kết giao ước thi đua năm 2018.")
    page.fill("#id_pledge-signed_on", "08/01/2018")
    page.click("[data-check-all=signatures]")
    page.select_option("#id_elect-leader", label="Sở Thông tin và Truyền thông")
    screenshot("filled")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("button[name=finalize]")
    page.wait_for_url("**/conferences/*/")
    screenshot("finalized")

    conference = Conference.objects.get(bloc=bloc, year=2017)
    assert conference.is_finalized
    assert conference.date.isoformat() == "2018-01-08"
    assert conference.attendances.filter(membership__isnull=False).count() == 8
    assert conference.attendances.filter(guest_organisation="Ban Thi đua - Khen thưởng tỉnh").exists()
    assert Pledge.objects.get(bloc=bloc, year=2018).signatures.count() == members_2018
    assert Leadership.objects.get(bloc=bloc, year=2018).leader.agency.name == "Sở Thông tin và Truyền thông"
    assert page.locator("[data-testid=status]").get_attribute("class").count("text-bg-success") == 1
    assert "Sở Thông tin và Truyền thông" in page.locator("[data-testid=elected]").inner_text()
    assert "8" in page.locator("[data-testid=signature-count]").inner_text()

    page.goto(f"/blocs/{bloc.pk}/")
    assert page.locator('[data-testid=conference-status] tr[data-year="2017"] .text-bg-success').count() == 1
    screenshot("bloc-page")

    # Locked for the secretary: the edit page sends them back to the record.
    page.goto(f"/blocs/{bloc.pk}/conferences/2017/")
    assert page.url.endswith(f"/conferences/{conference.pk}/")

    # A secretary of another bloc cannot open it.
    page.context.clear_cookies()
    log_in(page, "thuky.vinhphuc", demo_password("thuky.vinhphuc"))
    response = page.goto(f"/conferences/{conference.pk}/")
    assert response.status == 404
    response = page.goto(f"/blocs/{bloc.pk}/conferences/2017/")
    assert response.status == 404
    screenshot("other-secretary")


def test_invalid_results_keep_input_and_save_nothing(page, dien_bien_without_2017_conference):
    bloc = dien_bien_without_2017_conference
    log_in(page, "thuky.dienbien", demo_password("thuky.dienbien"))
    page.goto(f"/blocs/{bloc.pk}/conferences/2017/")
    page.fill("#id_conf-date", "20/12/2017")  # inside the reviewed year
    page.fill("#id_conf-venue", "Hội trường tầng 3")
    page.select_option("#id_elect-leader", label="Sở Thông tin và Truyền thông")
    page.select_option("#id_elect-deputy", label="Sở Thông tin và Truyền thông")
    page.click("button[name=save]")

    assert page.locator("#id_conf-date.is-invalid").count() == 1
    assert page.locator("#id_elect-deputy.is-invalid").count() == 1
    assert page.input_value("#id_conf-venue") == "Hội trường tầng 3"
    assert page.input_value("#id_conf-date") == "20/12/2017"
    assert not Conference.objects.filter(bloc=bloc, year=2017).exists()
    assert not Leadership.objects.filter(bloc=bloc, year=2018).exists()
