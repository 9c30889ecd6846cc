"""Starting a new province (issue 16): the operator's one page and command, transliterated
codes, and a secretary who cannot be saved without their bloc."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from blocs import services
from blocs.models import Province, User

pytestmark = pytest.mark.django_db
PASSWORD = "Mat-khau-dai-2026!"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Đồng Nai", "dong-nai"),
        ("Điện Biên", "dien-bien"),
        ("Thừa Thiên Huế", "thua-thien-hue"),
        ("Bà Rịa - Vũng Tàu", "ba-ria-vung-tau"),
    ],
)
def test_province_codes_are_transliterated(name, code):
    assert services.province_code(name) == code


def test_the_operator_creates_a_province_and_its_admin_in_one_page(login, superuser):
    response = login(superuser).post(
        reverse("admin:blocs_province_add"),
        {
            "name": "Đồng Nai",
            "code": "",
            "awards_office": "Sở Nội vụ",
            "admin_username": "admin.dongnai",
            "admin_last_name": "Nguyễn Thị",
            "admin_first_name": "Lan",
            "admin_email": "",
            "admin_password": PASSWORD,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    province = Province.objects.get(name="Đồng Nai")
    assert province.code == "dong-nai"
    admin_user = User.objects.get(username="admin.dongnai")
    assert (admin_user.province, admin_user.role, admin_user.is_staff) == (province, User.Role.PROVINCE_ADMIN, True)
    assert admin_user.check_password(PASSWORD) and admin_user.display_name == "Nguyễn Thị Lan"
    assert admin_user.history.latest().history_user == superuser


def test_a_new_province_admin_is_shown_what_to_do_first(login, superuser):
    new_admin = User(username="admin.dongnai")
    new_admin.set_password(PASSWORD)
    _province, admin_user = services.province_create_with_admin(actor=superuser, name="Đồng Nai", admin=new_admin)
    response = login(admin_user).get(reverse("home"))
    assert response.status_code == 200 and response.context["onboarding"]
    html = response.content.decode()
    assert 'data-testid="onboarding"' in html and reverse("admin:blocs_agency_add") in html


def test_create_province_command(monkeypatch):
    monkeypatch.setenv("NEW_ADMIN_PASSWORD", PASSWORD)
    call_command("create_province", "Đồng Nai", "--admin", "admin.dongnai", "--password-env", "NEW_ADMIN_PASSWORD")
    assert User.objects.get(username="admin.dongnai").province.code == "dong-nai"
    with pytest.raises(CommandError):  # the same province twice
        call_command("create_province", "Đồng Nai", "--admin", "admin2", "--password-env", "NEW_ADMIN_PASSWORD")
    assert not User.objects.filter(username="admin2").exists()


def test_a_secretary_is_added_in_one_page_with_their_bloc(login, province_admin, province, bloc):
    client = login(province_admin)
    url = reverse("admin:blocs_user_add")
    data = {"username": "thuky.moi", "password1": PASSWORD, "password2": PASSWORD, "role": "secretary",
            "province": province.pk, "last_name": "Trần Văn", "first_name": "An"}  # fmt: skip
    refused = client.post(url, data)
    assert refused.status_code == 200 and "blocs" in refused.context["adminform"].form.errors
    assert not User.objects.filter(username="thuky.moi").exists()
    assert client.post(url, {**data, "blocs": [bloc.pk]}).status_code == 302
    assert list(User.objects.get(username="thuky.moi").blocs.all()) == [bloc]


def test_a_member_agencys_user_is_added_with_its_agency_of_the_province(
    login, province_admin, province, members, other_province
):
    from tests.blocs.factories import AgencyFactory

    client = login(province_admin)
    url = reverse("admin:blocs_user_add")
    data = {"username": "yte.moi", "password1": PASSWORD, "password2": PASSWORD, "role": "member",
            "province": province.pk, "last_name": "Lò Thị", "first_name": "Mai"}  # fmt: skip
    refused = client.post(url, data)
    assert refused.status_code == 200 and "agency" in refused.context["adminform"].form.errors
    foreign = AgencyFactory(province=other_province, name="Sở Y tế")
    refused = client.post(url, {**data, "agency": foreign.pk})  # not offered: another province's
    assert refused.status_code == 200 and "agency" in refused.context["adminform"].form.errors
    agency = members[2017][0].agency
    assert client.post(url, {**data, "agency": agency.pk}).status_code == 302
    user = User.objects.get(username="yte.moi")
    assert (user.agency, user.is_staff, user.history.latest().history_user) == (agency, False, province_admin)
