"""Each demo user logs in to the real site and sees what their role allows."""

import pytest

from blocs.models import Bloc
from tests.browser.helpers import demo_password, log_in
from tests.fixtures.demo import load_demo_committed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo():
    load_demo_committed()
    return {
        "dien_bien": Bloc.objects.get(province__name="Điện Biên", name="Khối Văn hóa - Xã hội"),
        "vinh_phuc": Bloc.objects.get(province__name="Vĩnh Phúc", name="Khối Văn hóa - Xã hội"),
    }


def bloc_links(page):
    return page.locator("main table a").all_inner_texts()


def test_province_admin_sees_province_and_admin_site(page, screenshot, demo):
    log_in(page, "admin.dienbien", demo_password("admin.dienbien"))
    page.goto("/blocs/")
    assert "Khối Văn hóa - Xã hội" in bloc_links(page)
    assert page.locator("main").inner_text().count("Vĩnh Phúc") == 0
    page.goto(f"/blocs/{demo['dien_bien'].pk}/")
    assert page.locator("form[action$='/copy-members/']").count() == 1
    assert page.locator("[data-testid=rotation-hint] li").count() >= 1
    screenshot("bloc")
    page.goto("/admin/blocs/agency/")
    assert page.locator("#result_list").count() == 1
    screenshot("admin-agencies")
    response = page.goto(f"/blocs/{demo['vinh_phuc'].pk}/")
    assert response.status == 404


def test_secretary_sees_only_their_bloc(page, screenshot, demo):
    log_in(page, "thuky.vinhphuc", demo_password("thuky.vinhphuc"))
    page.goto("/blocs/")
    assert bloc_links(page) == ["Khối Văn hóa - Xã hội"]
    assert "Vĩnh Phúc" in page.locator("main table").inner_text()
    screenshot("blocs")
    page.goto(f"/blocs/{demo['vinh_phuc'].pk}/")
    assert page.locator("form[action$='/copy-members/']").count() == 0
    leaders = page.locator("[data-testid=leadership-history]").inner_text()
    assert "Ban Dân tộc tỉnh" in leaders and "Sở Thông tin và Truyền thông" in leaders
    assert page.goto(f"/blocs/{demo['dien_bien'].pk}/").status == 404
    assert page.goto("/admin/blocs/agency/").url.endswith("/admin/login/?next=/admin/blocs/agency/")


def test_viewer_reads_but_cannot_change(page, screenshot, demo):
    log_in(page, "xem.dienbien", demo_password("xem.dienbien"))
    page.goto(f"/blocs/{demo['dien_bien'].pk}/")
    assert page.locator("[data-testid=leadership-history]").count() == 1
    assert page.locator("form[action$='/copy-members/']").count() == 0
    assert page.locator("[data-testid=conference-status] a.btn").count() == 0  # no "enter results"
    screenshot("bloc")
    page.goto("/agencies/?q=bao+hiem")
    names = page.locator("[data-testid=agency-table] tbody tr td:first-child a").all_inner_texts()
    assert names == ["Bảo hiểm xã hội tỉnh"]
    screenshot("search")
    assert page.goto(f"/blocs/{demo['dien_bien'].pk}/conferences/2019/").status == 403


def test_search_ignores_diacritics_and_sorts_in_vietnamese_order(page, demo):
    log_in(page, "admin.dienbien", demo_password("admin.dienbien"))
    page.goto("/agencies/?q=SO+GIAO+duc")
    assert page.locator("[data-testid=agency-table] tbody tr td:first-child a").all_inner_texts() == [
        "Sở Giáo dục và Đào tạo"
    ]
    page.goto("/agencies/")
    names = page.locator("[data-testid=agency-table] tbody tr td:first-child a").all_inner_texts()
    from core.text import sort_key

    assert names == sorted(names, key=sort_key)
    assert len(names) >= 8


def test_language_switch_to_english_and_back(page, demo):
    log_in(page, "xem.dienbien", demo_password("xem.dienbien"))
    page.goto("/blocs/")
    assert "Khối thi đua" in page.locator("nav").inner_text()
    with page.expect_navigation():  # the switch submits its form on change
        page.select_option("select[name=language]", "en")
    assert "Emulation blocs" in page.locator("nav").inner_text()
    with page.expect_navigation():  # the switch submits its form on change
        page.select_option("select[name=language]", "vi")
    assert "Khối thi đua" in page.locator("nav").inner_text()
