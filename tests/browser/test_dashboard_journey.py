"""Issue 16's journey: a site admin starts Đồng Nai with its first admin in one page; that admin
adds ten agencies, a bloc and its secretary (one page); the secretary copies the members into
2016, enters the conference and finalizes it after the confirmation; the year dashboard shows
each step as it changes. Clicks and pages are counted (the closing note of the issue)."""

import datetime

import pytest

from blocs import services
from blocs.models import Agency, Bloc, Membership, User
from emulation.models import Conference
from tests.blocs.factories import UserFactory
from tests.browser.helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Mat-khau-dai-2026!"
AGENCIES = [f"Sở Thử nghiệm {n}" for n in range(1, 11)]


class Counted:
    """Counts the clicks and the pages loaded of a journey."""

    def __init__(self, page):
        self.page, self.clicks, self.pages = page, 0, 0
        page.on("load", lambda _page: setattr(self, "pages", self.pages + 1))

    def click(self, selector):
        self.clicks += 1
        self.page.click(selector)
        self.page.wait_for_load_state("networkidle")


def step_done(page, step):
    return page.locator(f"[data-testid=year-dashboard] td[data-step={step}]").first.get_attribute("data-done") == "1"


def test_a_new_province_from_nothing_to_a_finalized_conference(page, screenshot):
    operator = UserFactory(username="vanhanh", is_superuser=True, is_staff=True)
    operator.set_password(PASSWORD)
    operator.save()
    user = Counted(page)

    # The site admin: a province and its first admin, one page.
    log_in(page, "vanhanh", PASSWORD)
    page.goto("/admin/blocs/province/add/")
    page.fill("#id_name", "Đồng Nai")
    page.fill("#id_awards_office", "Sở Nội vụ")
    page.fill("#id_admin_username", "admin.dongnai")
    page.fill("#id_admin_last_name", "Nguyễn Thị")
    page.fill("#id_admin_first_name", "Lan")
    page.fill("#id_admin_password", PASSWORD)
    user.click("input[name=_save]")
    admin_user = User.objects.get(username="admin.dongnai")
    assert admin_user.province.code == "dong-nai"
    page.context.clear_cookies()

    # The province admin: what to do first, then ten agencies and a bloc.
    log_in(page, "admin.dongnai", PASSWORD)
    assert page.locator("[data-testid=onboarding]").is_visible()
    assert "Nguyễn Thị Lan" in page.locator("[data-testid=current-user]").inner_text()
    screenshot("onboarding")
    page.goto("/admin/blocs/agency/add/")
    for name in AGENCIES:
        page.fill("#id_name", name)
        user.click("input[name=_addanother]")
    assert Agency.objects.filter(province=admin_user.province).count() == 10
    page.goto("/admin/blocs/bloc/add/")
    page.fill("#id_name", "Khối Thử nghiệm")
    user.click("input[name=_save]")
    bloc = Bloc.objects.get(name="Khối Thử nghiệm")
    # The 2015 members, as a decision drew them (the service; the page is issue 13's re-draw).
    for agency in Agency.objects.filter(province=admin_user.province):
        services.membership_add(actor=admin_user, bloc=bloc, agency=agency, year=2015)

    # The secretary, one page with their bloc.
    page.goto("/admin/blocs/user/add/")
    page.fill("#id_username", "thuky.dongnai")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.fill("#id_last_name", "Trần Văn")
    page.fill("#id_first_name", "An")
    page.select_option("#id_role", "secretary")
    page.select_option("#id_province", str(admin_user.province.pk))
    page.select_option("#id_blocs_from", str(bloc.pk))
    user.click("#id_blocs_add")
    user.click("input[name=_save]")
    assert list(User.objects.get(username="thuky.dongnai").blocs.all()) == [bloc]
    page.goto("/?year=2016")
    assert not step_done(page, "members")
    screenshot("dashboard-before")
    page.context.clear_cookies()

    # The secretary: the next step is one click away; copy, confirm, enter, finalize.
    log_in(page, "thuky.dongnai", PASSWORD)
    page.goto("/?year=2016")
    screenshot("secretary-home")
    user.click("[data-testid=next-step]")
    page.fill("#id_year", "2016")
    user.click("input[name=preview]")
    screenshot("copy-preview")
    user.click("[data-testid=confirm-copy]")
    assert Membership.objects.filter(bloc=bloc, year=2016).count() == 10
    page.goto(f"/blocs/{bloc.pk}/conferences/2016/")
    page.fill("#id_conf-date", "08/01/2017")
    user.click("[data-check-all=attendance]")
    user.click("button[name=save]")
    conference = Conference.objects.get(bloc=bloc, year=2016)
    assert conference.date == datetime.date(2017, 1, 8) and not conference.is_finalized
    user.click("[data-testid=finalize]")
    assert page.locator("[data-testid=finalize-warning]").is_visible()
    screenshot("finalize-confirmation")
    user.click("[data-testid=confirm-finalize]")
    conference.refresh_from_db()
    assert conference.is_finalized
    page.context.clear_cookies()

    # The province admin's dashboard shows the steps done.
    log_in(page, "admin.dongnai", PASSWORD)
    page.goto("/?year=2016")
    for step in ("members", "conference", "results", "finalized"):
        assert step_done(page, step), step
    assert not step_done(page, "leaders")
    screenshot("dashboard-after")
    print(f"\njourney: {user.clicks} clicks, {user.pages} pages loaded")
