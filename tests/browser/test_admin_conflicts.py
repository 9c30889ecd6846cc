"""Two province admins at two desks (two browser contexts) edit the same record in the admin site:
the second to save is told who saved first, and what they typed is still in the form."""

import datetime

import pytest

from blocs.models import Agency, User
from emulation.models import Conference
from tests.blocs.factories import AgencyFactory, BlocFactory, ProvinceFactory, UserFactory
from tests.browser.helpers import log_in
from tests.fixtures.browser import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "secret-pass-123"  # tests.factories.UserFactory's


@pytest.fixture
def desks(chromium, live_server):
    """Two admins of Điện Biên, each logged in in a browser context of their own."""
    province = ProvinceFactory(name="Điện Biên", code="dien-bien")
    users = [
        UserFactory(username="admin.an", first_name="Lò Văn", last_name="An", role=User.Role.PROVINCE_ADMIN,
                    province=province),
        UserFactory(username="admin.binh", first_name="Quàng Thị", last_name="Bình", role=User.Role.PROVINCE_ADMIN,
                    province=province),
    ]  # fmt: skip
    contexts, pages = [], []
    for user in users:
        context = chromium.new_context(
            base_url=live_server.url, locale="vi-VN", viewport={"width": 1280, "height": 900}
        )
        page = context.new_page()
        page.set_default_timeout(15_000)
        log_in(page, user.username, PASSWORD)
        contexts.append(context)
        pages.append(page)
    yield province, users, pages
    for context in contexts:
        context.close()


def shot(page, request, name):
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{request.node.name}-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def save(page):
    page.click("input[name=_save]")
    page.wait_for_load_state("networkidle")


def test_the_second_admin_to_save_an_agency_sees_the_conflict_and_keeps_their_text(desks, request):
    province, (an, binh), (page_a, page_b) = desks
    agency = AgencyFactory(province=province, name="Bảo hiểm xã hội tỉnh")
    url = f"/admin/blocs/agency/{agency.pk}/change/"
    page_a.goto(url)
    page_b.goto(url)

    page_a.fill("#id_short_name", "BHXH tỉnh")
    save(page_a)
    assert page_a.url.endswith("/admin/blocs/agency/")

    page_b.fill("#id_short_name", "Bảo hiểm XH Điện Biên")
    save(page_b)

    errors = page_b.locator(".errornote, ul.errorlist.nonfield").all_inner_texts()
    assert any(an.display_name in text for text in errors), errors
    assert page_b.input_value("#id_short_name") == "Bảo hiểm XH Điện Biên"
    shot(page_b, request, "b-conflict")
    assert Agency.objects.get().short_name == "BHXH tỉnh"

    save(page_b)  # knowing now what A saved, B saves over it
    assert Agency.objects.get().short_name == "Bảo hiểm XH Điện Biên"


def test_the_second_admin_to_save_a_conference_sees_the_conflict_and_keeps_their_text(desks, request):
    province, (an, binh), (page_a, page_b) = desks
    bloc = BlocFactory(province=province, name="Khối Văn hóa - Xã hội")
    conference = Conference.objects.create(bloc=bloc, year=2017, date=datetime.date(2018, 1, 8), venue="Hội trường")
    url = f"/admin/emulation/conference/{conference.pk}/change/"
    page_a.goto(url)
    page_b.goto(url)

    page_a.fill("#id_venue", "Hội trường Bảo hiểm xã hội tỉnh")
    save(page_a)

    page_b.fill("#id_venue", "Hội trường tầng 3, Sở Y tế")
    page_b.fill("#id_results_summary", "Các chỉ tiêu đều đạt và vượt kế hoạch.")
    save(page_b)

    errors = page_b.locator("ul.errorlist.nonfield").all_inner_texts()
    assert any(an.display_name in text for text in errors), errors
    assert page_b.input_value("#id_venue") == "Hội trường tầng 3, Sở Y tế"
    assert page_b.input_value("#id_results_summary") == "Các chỉ tiêu đều đạt và vượt kế hoạch."
    shot(page_b, request, "b-conflict")
    conference.refresh_from_db()
    assert (conference.venue, conference.results_summary) == ("Hội trường Bảo hiểm xã hội tỉnh", "")
