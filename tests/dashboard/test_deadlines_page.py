"""The province admin sets the year's deadlines on a page (not only in the admin site), through
the deadlines' service; the dashboard then marks late blocs."""

import datetime

import pytest
from django.urls import reverse

from dashboard.models import YearDeadline

pytestmark = pytest.mark.django_db
YEAR = 2017


def url(province, year=YEAR):
    return reverse("dashboard:deadlines", args=[province.pk, year])


def test_the_province_admin_sets_the_deadlines_of_a_year(login, province_admin, province):
    client = login(province_admin)
    page = client.get(url(province))
    assert page.status_code == 200
    assert 'name="dossiers_due"' in page.content.decode()
    response = client.post(url(province), {"dossiers_due": "10/12/2017", "conference_due": "31/01/2018"})
    assert response.status_code == 302 and response.url == reverse("home") + f"?year={YEAR}"
    deadline = YearDeadline.objects.get(province=province, year=YEAR)
    assert deadline.dossiers_due == datetime.date(2017, 12, 10)
    assert deadline.conference_due == datetime.date(2018, 1, 31)
    assert deadline.members_due is None
    assert deadline.history.latest().history_user == province_admin  # written by the service, with its actor


def test_a_date_cleared_on_the_page_is_cleared(login, province_admin, province):
    YearDeadline.objects.create(province=province, year=YEAR, dossiers_due=datetime.date(2017, 12, 10))
    assert login(province_admin).post(url(province), {"dossiers_due": ""}).status_code == 302
    assert YearDeadline.objects.get(province=province, year=YEAR).dossiers_due is None


def test_a_wrong_date_is_shown_beside_its_field_in_vietnamese(login, province_admin, province):
    response = login(province_admin).post(url(province), {"dossiers_due": "31/02/2017"})
    assert response.status_code == 200
    assert "Nhập một ngày hợp lệ." in response.content.decode()
    assert not YearDeadline.objects.exists()


def test_only_the_provinces_admins_set_its_deadlines(login, secretary, viewer, outsider, province):
    for user in (secretary, viewer):
        assert login(user).get(url(province)).status_code == 403
        assert login(user).post(url(province), {"dossiers_due": "10/12/2017"}).status_code == 403
    assert login(outsider).post(url(province), {"dossiers_due": "10/12/2017"}).status_code == 404
    assert not YearDeadline.objects.exists()


def test_the_dashboard_links_its_admin_to_the_page(login, province_admin, viewer, province, bloc, members):
    link = f'href="{url(province)}"'
    assert link in login(province_admin).get(reverse("home") + f"?year={YEAR}").content.decode()
    assert link not in login(viewer).get(reverse("home") + f"?year={YEAR}").content.decode()
