"""The admin site: each province admin sees and changes only their own province, the
forms report the model rules as sentences, and history cannot be deleted."""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from blocs.models import Agency, AgencyName, Bloc, Leadership, Membership, Province, User
from tests.blocs.factories import AgencyFactory, BlocFactory, LeadershipFactory, MembershipFactory
from tests.permissions.htmlforms import form_data

pytestmark = pytest.mark.django_db


def text(response):
    return response.content.decode()


def changelist(model):
    return reverse(f"admin:blocs_{model._meta.model_name}_changelist")


def change_page(obj):
    return reverse(f"admin:blocs_{obj._meta.model_name}_change", args=[obj.pk])


def delete_page(obj):
    return reverse(f"admin:blocs_{obj._meta.model_name}_delete", args=[obj.pk])


@pytest.fixture
def two_provinces(bloc, foreign_bloc, members, foreign_member, province_admin, secretary, viewer, outsider):
    """Rows of every model in both provinces, with a leader in each."""
    LeadershipFactory(bloc=bloc, year=2017, leader=members[2017][0])
    LeadershipFactory(bloc=foreign_bloc, year=2017, leader=foreign_member.memberships.get())
    BlocFactory(province=foreign_bloc.province, name="Khối Nội chính")  # a name only the other province uses


# What a province admin sees ------------------------------------------------------------

OWN_ROWS = {
    Province: lambda province: Province.objects.filter(pk=province.pk),
    Agency: lambda province: Agency.objects.filter(province=province),
    Bloc: lambda province: Bloc.objects.filter(province=province),
    Membership: lambda province: Membership.objects.filter(bloc__province=province),
    Leadership: lambda province: Leadership.objects.filter(bloc__province=province),
    User: lambda province: User.objects.filter(province=province),
}


@pytest.mark.usefixtures("two_provinces")
@pytest.mark.parametrize("model", list(OWN_ROWS), ids=lambda model: model.__name__)
def test_changelist_shows_only_the_own_province(login, province_admin, province, model):
    response = login(province_admin).get(changelist(model))
    assert response.status_code == 200
    shown = set(response.context["cl"].result_list)
    assert shown == set(OWN_ROWS[model](province))
    assert shown  # the fixture gave every model rows here


@pytest.mark.usefixtures("two_provinces")
@pytest.mark.parametrize("model", list(OWN_ROWS), ids=lambda model: model.__name__)
def test_changelist_names_nothing_of_the_other_province(login, province_admin, model):
    """Not in the rows, and not in the filters beside them either."""
    html = text(login(province_admin).get(changelist(model)))
    assert "Vĩnh Phúc" not in html
    assert "Khối Nội chính" not in html
    assert "Sở Tư pháp" not in html


@pytest.mark.usefixtures("two_provinces")
def test_superuser_sees_every_province(login, superuser):
    response = login(superuser).get(changelist(Bloc))
    assert set(response.context["cl"].result_list) == set(Bloc.objects.all())


@pytest.mark.usefixtures("two_provinces")
def test_superusers_are_not_listed_for_a_province_admin(login, province_admin, superuser):
    response = login(province_admin).get(changelist(User))
    assert superuser not in response.context["cl"].result_list


# Search --------------------------------------------------------------------------------


@pytest.fixture
def insurance(province, other_province, bloc, foreign_bloc, members):
    """Bảo hiểm xã hội tỉnh in both provinces, each a member of its province's bloc."""
    foreign = MembershipFactory(bloc=foreign_bloc, agency__name="Bảo hiểm xã hội tỉnh", year=2017)
    return members[2017][0], foreign


@pytest.mark.parametrize("query", ["bao hiem", "BẢO HIỂM"])
def test_agency_search_ignores_diacritics_and_stays_in_the_province(login, province_admin, insurance, query):
    response = login(province_admin).get(changelist(Agency), {"q": query})
    assert list(response.context["cl"].result_list) == [insurance[0].agency]


def test_membership_search_ignores_diacritics_and_stays_in_the_province(login, province_admin, insurance):
    own = insurance[0].agency
    response = login(province_admin).get(changelist(Membership), {"q": "bao hiem"})
    assert set(response.context["cl"].result_list) == set(own.memberships.all())  # 2017 and 2018


@pytest.mark.usefixtures("two_provinces")
@pytest.mark.parametrize(
    ("model", "query", "expected"),
    [
        (Bloc, "Văn hóa", lambda bloc: {bloc}),
        (Leadership, "Văn hóa", lambda bloc: set(bloc.leaderships.all())),
        (Province, "Biên", lambda bloc: {bloc.province}),
        (User, "thuky", lambda bloc: set(User.objects.filter(username="thuky"))),
    ],
    ids=["bloc", "leadership", "province", "user"],
)
def test_other_searches_stay_in_the_province(login, province_admin, bloc, model, query, expected):
    response = login(province_admin).get(changelist(model), {"q": query})
    assert response.status_code == 200
    assert set(response.context["cl"].result_list) == expected(bloc)


# Another province's rows ---------------------------------------------------------------


@pytest.fixture
def this_provinces_rows(two_provinces, bloc, members, viewer):
    return {
        "agency": members[2017][0].agency,
        "bloc": bloc,
        "membership": members[2017][0],
        "leadership": bloc.leaderships.get(),
        "user": viewer,
        "province": bloc.province,
    }


@pytest.mark.parametrize("name", ["agency", "bloc", "membership", "leadership", "user", "province"])
def test_outsider_cannot_open_another_provinces_change_page(login, outsider, this_provinces_rows, name):
    obj = this_provinces_rows[name]
    response = login(outsider).get(change_page(obj), follow=True)
    assert response.redirect_chain == [(reverse("admin:index"), 302)]
    assert "không tồn tại" in text(response)
    assert str(obj) not in text(response)


@pytest.mark.parametrize("name", ["agency", "bloc", "user"])
def test_outsider_cannot_change_or_delete_another_provinces_row(login, outsider, this_provinces_rows, name):
    obj = this_provinces_rows[name]
    before = str(obj)
    client = login(outsider)
    for response in (
        client.post(change_page(obj), {"name": "Đã bị sửa", "username": "da-bi-sua"}),
        client.post(delete_page(obj), {"post": "yes"}),
    ):
        assert (response.status_code, response.url) == (302, reverse("admin:index"))
    obj.refresh_from_db()  # raises if it was deleted
    assert str(obj) == before


@pytest.mark.parametrize("persona", ["secretary", "viewer"], indirect=True)
def test_only_province_admins_enter_the_admin(login, persona, bloc):
    response = login(persona).get(changelist(Bloc))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_form_choices_are_the_own_provinces(login, province_admin, two_provinces, province, bloc):
    response = login(province_admin).get(reverse("admin:blocs_membership_add"))
    assert set(response.context["adminform"].form.fields["bloc"].queryset) == set(
        Bloc.objects.filter(province=province)
    )
    response = login(province_admin).get(reverse("admin:blocs_agency_add"))
    assert list(response.context["adminform"].form.fields["province"].queryset) == [province]


# Deleting what history refers to -------------------------------------------------------


class TestDeletingHistory:
    def test_agency_delete_page_says_it_cannot_be_deleted(self, login, province_admin, bloc, members):
        agency = members[2017][0].agency
        response = login(province_admin).get(delete_page(agency))
        assert response.status_code == 200
        html = text(response)
        assert "Không thể xóa cơ quan" in html
        assert "sẽ bắt buộc xóa các đối tượng được bảo vệ sau đây" in html
        assert "Bảo hiểm xã hội tỉnh thuộc Khối Văn hóa - Xã hội, năm 2017" in html
        assert 'name="post"' not in html  # no confirmation button to press

    def test_posting_the_agency_delete_deletes_nothing(self, login, province_admin, members):
        agency = members[2017][0].agency
        response = login(province_admin).post(delete_page(agency), {"post": "yes"})
        assert response.status_code == 200
        assert "Không thể xóa cơ quan" in text(response)
        assert Agency.objects.filter(pk=agency.pk).exists()

    def test_bloc_delete_page_says_it_cannot_be_deleted(self, login, province_admin, bloc, members):
        LeadershipFactory(bloc=bloc, year=2018, leader=members[2018][0])
        response = login(province_admin).post(delete_page(bloc), {"post": "yes"})
        html = text(response)
        assert "Không thể xóa khối thi đua" in html
        assert "Trưởng khối Khối Văn hóa - Xã hội năm 2018" in html
        assert Bloc.objects.filter(pk=bloc.pk).exists()

    def test_bulk_delete_says_it_cannot_be_deleted(self, login, province_admin, members, loose_agency):
        agencies = [members[2017][0].agency, loose_agency]
        response = login(province_admin).post(
            changelist(Agency),
            {"action": "delete_selected", "_selected_action": [a.pk for a in agencies], "post": "yes"},
        )
        assert "sẽ bắt buộc xóa các đối tượng đã được bảo vệ sau đây" in text(response)
        assert Agency.objects.filter(pk__in=[a.pk for a in agencies]).count() == 2

    def test_an_agency_without_history_can_be_deleted(self, login, province_admin, loose_agency):
        response = login(province_admin).post(delete_page(loose_agency), {"post": "yes"})
        assert response.status_code == 302
        assert not Agency.objects.filter(pk=loose_agency.pk).exists()


# Forms report the rules ----------------------------------------------------------------


def agency_form(province, **changes):
    data = {
        "province": province.pk,
        "name": "Sở Khoa học và Công nghệ",
        "short_name": "",
        "kind": Agency.Kind.DEPARTMENT,
        "active_from": "",
        "active_until": "",
        "successor": "",
        "renamed_on": "",
        "shown_version": 1,  # as the change page of a new agency shows it
        "former_names-TOTAL_FORMS": 0,
        "former_names-INITIAL_FORMS": 0,
        "former_names-MIN_NUM_FORMS": 0,
        "former_names-MAX_NUM_FORMS": 1000,
    }
    return data | changes


class TestAdminForms:
    def test_rename_keeps_the_old_name(self, login, province_admin, province):
        agency = AgencyFactory(province=province, name="Sở Thông tin và Truyền thông")
        response = login(province_admin).post(change_page(agency), agency_form(province, renamed_on="01/07/2025"))
        assert response.status_code == 302, response.context["adminform"].form.errors
        agency.refresh_from_db()
        assert agency.name == "Sở Khoa học và Công nghệ"
        assert list(agency.former_names.values_list("name", "until")) == [
            ("Sở Thông tin và Truyền thông", datetime.date(2025, 7, 1))
        ]
        assert Agency.objects.search("thong tin truyen thong").get() == agency

    def test_correction_without_a_date_keeps_no_old_name(self, login, province_admin, province):
        agency = AgencyFactory(province=province, name="So Khoa hoc va Cong nghe")
        response = login(province_admin).post(change_page(agency), agency_form(province))
        assert response.status_code == 302
        assert not AgencyName.objects.exists()

    def test_duplicate_active_agency_name_is_a_sentence(self, login, province_admin, province):
        AgencyFactory(province=province, name="Sở Khoa học và Công nghệ")
        response = login(province_admin).post(reverse("admin:blocs_agency_add"), agency_form(province))
        assert response.status_code == 200
        assert "Tỉnh đã có một cơ quan đang hoạt động mang tên này." in text(response)
        assert Agency.objects.count() == 1

    def test_closing_before_opening_is_a_sentence(self, login, province_admin, province):
        data = agency_form(province, active_from="01/01/2020", active_until="31/12/2019")
        response = login(province_admin).post(reverse("admin:blocs_agency_add"), data)
        assert "Ngày kết thúc hoạt động không thể trước ngày bắt đầu." in text(response)
        assert not Agency.objects.exists()

    def test_duplicate_bloc_name_is_a_sentence(self, login, province_admin, bloc):
        data = {"province": bloc.province.pk, "name": bloc.name, "description": ""}
        for prefix in ("leaderships", "memberships"):
            data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
        response = login(province_admin).post(reverse("admin:blocs_bloc_add"), data)
        assert "Tỉnh đã có khối thi đua mang tên này." in text(response)
        assert Bloc.objects.count() == 1

    def test_membership_in_a_second_bloc_is_a_sentence(self, login, province_admin, other_bloc, members):
        data = {"bloc": other_bloc.pk, "agency": members[2017][0].agency.pk, "year": 2017, "note": ""}
        response = login(province_admin).post(reverse("admin:blocs_membership_add"), data)
        assert "Cơ quan này đã là thành viên của một khối trong năm này." in text(response)

    def test_leadership_without_a_leader_is_a_form_error(self, login, province_admin, bloc, members):
        data = {"bloc": bloc.pk, "year": 2017, "leader": "", "deputy": ""}
        response = login(province_admin).post(reverse("admin:blocs_leadership_add"), data)
        assert response.status_code == 200
        assert "leader" in response.context["adminform"].form.errors
        assert not Leadership.objects.exists()

    def test_leader_of_another_year_is_a_sentence(self, login, province_admin, bloc, members):
        data = {"bloc": bloc.pk, "year": 2018, "leader": members[2017][0].pk, "deputy": ""}
        response = login(province_admin).post(reverse("admin:blocs_leadership_add"), data)
        assert "Phải là thành viên của khối trong năm 2018." in text(response)
        assert not Leadership.objects.exists()

    def test_leadership_saved_through_the_admin(self, login, province_admin, bloc, members):
        data = {"bloc": bloc.pk, "year": 2018, "leader": members[2018][0].pk, "deputy": members[2018][1].pk}
        response = login(province_admin).post(reverse("admin:blocs_leadership_add"), data)
        assert response.status_code == 302
        leadership = Leadership.objects.get()
        assert (leadership.leader, leadership.deputy) == (members[2018][0], members[2018][1])


def test_a_province_merger_is_never_set_in_the_admin_site(login, superuser, province, other_province):
    """The merge_provinces command is the one path: it also gives agencies their successors."""
    client = login(superuser)
    url = reverse("admin:blocs_province_change", args=[other_province.pk])
    data = form_data(client.get(url))
    data.update({"merged_into": str(province.pk), "merged_on": "01/07/2025", "merger_basis": "NQ 202/2025/QH15"})
    response = client.post(url, data)
    assert response.status_code == 302
    other_province.refresh_from_db()
    assert (other_province.merged_into, other_province.merged_on, other_province.merger_basis) == (None, None, "")


def test_an_admin_form_with_errors_says_so_in_vietnamese(login, superuser, province):
    """Django's own Vietnamese catalogue lacks the banner's current wording: ours carries it."""
    response = login(superuser).post(reverse("admin:blocs_province_change", args=[province.pk]), {"name": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vui lòng sửa các lỗi dưới đây." in html
    assert "Please correct" not in html


class Controls(HTMLParser):
    """The visible controls of a page: (name, aria-label) of each input, select and textarea."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("input", "select", "textarea") and attrs.get("type") != "hidden":
            self.found.append((attrs.get("name", ""), attrs.get("aria-label")))


def test_the_inputs_of_an_inline_row_are_named_by_their_column(login, province_admin, bloc, members):
    """A tabular inline heads its columns once; each input under them says its column's name to a
    screen reader (axe-core's label and select-name), the "delete" checkbox's included."""
    LeadershipFactory(bloc=bloc, year=2017, leader=members[2017][0])
    controls = Controls()
    controls.feed(text(login(province_admin).get(change_page(bloc))))
    rows = {name.split("-", 2)[-1]: label for name, label in controls.found if re.match(r"\w+-\d+-", name)}
    assert rows == {
        "year": "Năm",
        "leader": "Trưởng khối",
        "deputy": "Phó trưởng khối",
        "head_name": "Thủ trưởng đơn vị Trưởng khối",
        "head_title": "Chức vụ của thủ trưởng",
        "agency": "Cơ quan",
        "note": "Ghi chú",
        "DELETE": "Xóa",
    }
