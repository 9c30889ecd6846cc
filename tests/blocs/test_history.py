"""The registry's audit trail: a change made in the admin site is recorded with its user; the
agency's history page and the admin site's history pages show it within the user's scope only;
users are tracked without their password hash or their logins."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from django.utils.text import capfirst

from blocs import services
from blocs.models import Agency, AgencyName, Membership, User
from blocs.services import system_actor
from tests.blocs.factories import AgencyFactory, MembershipFactory
from tests.clients import AxesClient

pytestmark = pytest.mark.django_db


def history_url(agency):
    return reverse("blocs:agency_history", args=[agency.pk])


def label(model, name):
    return str(capfirst(model._meta.get_field(name).verbose_name))


def agency_post(agency, **changes):
    data = {
        "province": agency.province_id,
        "name": agency.name,
        "short_name": agency.short_name,
        "kind": agency.kind,
        "active_from": "",
        "active_until": "",
        "successor": "",
        "renamed_on": "",
        "shown_version": agency.version,
        "former_names-TOTAL_FORMS": 0,
        "former_names-INITIAL_FORMS": 0,
        "former_names-MIN_NUM_FORMS": 0,
        "former_names-MAX_NUM_FORMS": 1000,
    }
    return data | changes


@pytest.fixture
def renamed(login, province_admin, bloc, members):
    """The province admin renamed a member agency in the admin site on 01/03/2025."""
    agency = members[2017][1].agency
    url = reverse("admin:blocs_agency_change", args=[agency.pk])
    data = agency_post(agency, name="Sở Khoa học và Công nghệ", renamed_on="01/03/2025")
    response = login(province_admin).post(url, data)
    assert response.status_code == 302
    agency.refresh_from_db()
    return agency


def test_a_change_in_the_admin_site_records_the_user(renamed, province_admin):
    assert renamed.history.first().history_user == province_admin
    assert AgencyName.history.get().history_user == province_admin


def test_the_agency_history_page_lists_the_rename(login, viewer, province_admin, renamed):
    response = login(viewer).get(history_url(renamed))

    assert response.status_code == 200
    entries = response.context["entries"]
    [rename] = [e for e in entries if e.kind == "~"]
    assert rename.who == province_admin.display_name
    assert (label(Agency, "name"), "Sở Thông tin và Truyền thông", "Sở Khoa học và Công nghệ") in [
        (c.field, c.old, c.new) for c in rename.changes
    ]
    [former] = [e for e in entries if e.subject.endswith("Sở Thông tin và Truyền thông") and e.kind == "+"]
    assert (label(AgencyName, "until"), "—", "01/03/2025") in [(c.field, c.old, c.new) for c in former.changes]
    assert any(e.subject.endswith("Khối Văn hóa - Xã hội, 2017") for e in entries)  # its memberships
    page = response.content.decode()
    assert escape("Sở Khoa học và Công nghệ") in page


def test_the_agency_page_links_to_its_history(login, viewer, renamed):
    page = login(viewer).get(reverse("blocs:agency_detail", args=[renamed.pk])).content.decode()
    assert f'href="{history_url(renamed)}"' in page


@pytest.mark.parametrize("persona", ["outsider", "other_secretary"])
def test_users_who_cannot_see_the_agency_get_404(login, renamed, persona, request):
    assert login(request.getfixturevalue(persona)).get(history_url(renamed)).status_code == 404


def test_the_blocs_secretary_reads_a_members_history(login, secretary, renamed):
    assert login(secretary).get(history_url(renamed)).status_code == 200


def test_the_page_costs_no_more_queries_with_more_history(login, viewer, renamed, django_assert_num_queries):
    client = login(viewer)
    with CaptureQueriesContext(connection) as captured:
        client.get(history_url(renamed))
    # session, user, the agency, its three histories (agency, former names, memberships), the
    # names of the provinces, blocs and agencies they point to, the page header's province
    assert len(captured.captured_queries) == 10
    for year in range(2019, 2025):
        MembershipFactory(bloc=Membership.objects.filter(agency=renamed).first().bloc, agency=renamed, year=year)
    renamed.short_name = "Sở KH&CN"
    services.agency_save(actor=system_actor(), agency=renamed)
    with django_assert_num_queries(10):
        response = client.get(history_url(renamed))
    assert len(response.context["entries"]) == 12


# The admin site's history pages -------------------------------------------------------------


def admin_history(obj):
    return reverse(f"admin:blocs_{obj._meta.model_name}_history", args=[obj.pk])


def test_the_admin_history_page_shows_the_change(login, province_admin, renamed):
    response = login(province_admin).get(admin_history(renamed))
    assert response.status_code == 200
    assert escape("Sở Khoa học và Công nghệ") in response.content.decode()


def test_another_provinces_admin_cannot_read_the_history_through_the_admin_site(outsider, renamed):
    client = AxesClient()  # not the province admin's browser, which still holds their messages
    client.force_login(outsider)
    record = renamed.history.first()
    for url in (
        admin_history(renamed),
        reverse("admin:blocs_agency_simple_history", args=[renamed.pk, record.history_id]),
    ):
        response = client.get(url)
        assert (response.status_code, response.url) == (302, reverse("admin:index")), url
        assert "Sở Khoa học" not in client.get(response.url).content.decode()


def test_a_past_version_cannot_be_saved_back_from_the_admin_site(login, province_admin, renamed):
    record = renamed.history.last()
    url = reverse("admin:blocs_agency_simple_history", args=[renamed.pk, record.history_id])
    client = login(province_admin)
    assert client.get(url).status_code == 200
    assert client.post(url, agency_post(renamed, name=record.name)).status_code == 403
    renamed.refresh_from_db()
    assert renamed.name == "Sở Khoa học và Công nghệ"


# Users ------------------------------------------------------------------------------------------


def test_users_are_tracked_without_password_or_logins(client, province_admin, secretary, bloc, other_bloc):
    assert {f.name for f in User.history.model._meta.fields}.isdisjoint({"password", "last_login"})
    secretary.blocs.add(other_bloc)
    assert secretary.history.first().history_type == "~"
    count = secretary.history.count()

    assert client.login(username="thuky", password="secret-pass-123")  # writes last_login alone
    secretary.set_password("another-pass-456")
    secretary.save(update_fields=["password"])

    assert secretary.history.count() == count


def test_an_agency_created_by_a_service_names_its_actor(province):
    system = system_actor()
    agency = services.agency_save(actor=system, agency=AgencyFactory.build(province=province, name="Thanh tra tỉnh"))
    record = agency.history.get()
    assert (record.history_type, record.history_user, record.name) == ("+", system, "Thanh tra tỉnh")
    assert system.display_name == "Hệ thống" and not system.is_active and not system.has_usable_password()


def test_history_dates_keep_the_milliseconds_a_backup_keeps(province):
    """The JSON backup writes times to the millisecond: a restored trail must be the same."""
    for number in range(20):
        services.agency_save(actor=system_actor(), agency=Agency(province=province, name=f"Sở Số {number}"))
    assert {record.history_date.microsecond % 1000 for record in Agency.history.all()} == {0}
