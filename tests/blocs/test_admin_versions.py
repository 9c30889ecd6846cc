"""No lost update in the admin site: two admins open the same record, the first saves, the second's
save is refused, names the first and when, keeps what the second typed, and lets them save again
deliberately. For every record of the registry, and for the rows of the inlines."""

import datetime

import pytest

from blocs.models import Agency, AgencyName, Bloc, Leadership, Membership, Province, User
from tests.adminforms import as_user, change_url, opened, refusal_shown, save_twice
from tests.blocs.factories import LeadershipFactory

pytestmark = pytest.mark.django_db


CASES = {
    # name: (the record, the field both change, what the first types, what the second types)
    "province": (lambda f: f["province"], "awards_office", "Sở Nội vụ", "Ban Thi đua - Khen thưởng"),
    "agency": (lambda f: f["members"][2017][0].agency, "short_name", "BHXH", "BHXH tỉnh"),
    "bloc": (lambda f: f["bloc"], "description", "Khối của các sở văn hóa", "Khối văn hóa, xã hội"),
    "membership": (lambda f: f["members"][2017][0], "note", "Thành viên mới", "Chuyển từ khối khác"),
    "leadership": (
        lambda f: LeadershipFactory(bloc=f["bloc"], year=2018, leader=f["members"][2018][0]),
        "deputy",
        lambda f: f["members"][2018][1].pk,
        lambda f: f["members"][2018][2].pk,
    ),
    "user": (lambda f: f["viewer"], "last_name", "Thị Xem", "Văn Xem"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_the_second_of_two_admin_saves_is_refused_and_keeps_what_was_typed(
    case, admins, operators, bloc, members, viewer, province
):
    fixtures = {"province": province, "bloc": bloc, "members": members, "viewer": viewer}
    make, field, first_value, second_value = CASES[case]
    obj = make(fixtures)
    first_value = first_value(fixtures) if callable(first_value) else first_value
    second_value = second_value(fixtures) if callable(second_value) else second_value
    a, b = (operators if case == "province" else admins)[:2]
    first, second = as_user(a), as_user(b)

    response = save_twice(first, second, obj, {field: first_value}, {field: second_value})

    model = type(obj)
    saved = model.objects.get(pk=obj.pk)
    assert getattr(saved, model._meta.get_field(field).attname) == first_value
    form = refusal_shown(response, a, saved, {field: second_value})
    # Saving again, now knowingly over the first save, goes through.
    again = second.post(change_url(obj), opened(second, obj) | {field: second_value})
    assert again.status_code == 302
    assert getattr(model.objects.get(pk=obj.pk), model._meta.get_field(field).attname) == second_value
    assert form  # (the form the refusal came back in)


def test_a_form_that_changes_nothing_is_no_conflict(admins, bloc):
    """Opened before someone else's save, posted unchanged but for what they saved: nothing to refuse."""
    first, second = as_user(admins[0]), as_user(admins[1])
    page_b = opened(second, bloc)
    assert first.post(change_url(bloc), opened(first, bloc) | {"description": "Mới"}).status_code == 302
    assert second.post(change_url(bloc), page_b | {"description": "Mới"}).status_code == 302
    assert Bloc.objects.get().description == "Mới"


def test_a_post_without_the_version_is_refused(admins, bloc):
    data = opened(as_user(admins[0]), bloc)
    del data["shown_version"]
    response = as_user(admins[0]).post(change_url(bloc), data | {"description": "Không có phiên bản"})
    assert response.status_code == 200
    assert Bloc.objects.get().description == ""
    assert response.context["adminform"].form["shown_version"].value() == str(bloc.version)


# Inline rows: former names, and a bloc's members and leaders ---------------------------------------


def row_prefix(data, prefix, pk):
    return next(
        k.rsplit("-", 1)[0] for k, v in data.items() if k.startswith(prefix) and k.endswith("-id") and v == str(pk)
    )


def inline_rows(response):
    return {fs.formset.prefix: fs.formset for fs in response.context["inline_admin_formsets"]}


@pytest.mark.parametrize(
    ("parent", "prefix", "field", "values"),
    [
        ("agency", "former_names", "name", ("Sở Văn hóa, Thể thao và Du lịch", "Sở Văn hóa - Thông tin")),
        ("bloc", "memberships", "note", ("Ghi chú của An", "Ghi chú của Bình")),
        ("bloc", "leaderships", "deputy", (1, 2)),
    ],
)
def test_a_stale_inline_row_is_refused_and_keeps_what_was_typed(admins, bloc, members, parent, prefix, field, values):
    agency = members[2017][0].agency
    name = AgencyName.objects.create(agency=agency, name="Sở Văn hóa", until=datetime.date(2008, 1, 1))
    leadership = LeadershipFactory(bloc=bloc, year=2018, leader=members[2018][0])
    row = {"former_names": name, "memberships": members[2017][0], "leaderships": leadership}[prefix]
    if field == "deputy":
        values = tuple(members[2018][i].pk for i in values)
    obj = agency if parent == "agency" else bloc
    first, second = as_user(admins[0]), as_user(admins[1])
    page_a, page_b = opened(first, obj), opened(second, obj)
    key_a, key_b = row_prefix(page_a, prefix, row.pk), row_prefix(page_b, prefix, row.pk)

    assert first.post(change_url(obj), page_a | {f"{key_a}-{field}": values[0]}).status_code == 302
    response = second.post(change_url(obj), page_b | {f"{key_b}-{field}": values[1]})

    assert response.status_code == 200
    saved = type(row).objects.get(pk=row.pk)
    assert getattr(saved, type(row)._meta.get_field(field).attname) == values[0]
    formset = inline_rows(response)[prefix]
    form = next(f for f in formset.forms if f.instance.pk == row.pk)
    [message] = form.non_field_errors()
    assert admins[0].display_name in message
    assert str(form[field].value()) == str(values[1])
    assert form["shown_version"].value() == str(saved.version)


# Read-only once saved ---------------------------------------------------------------------------------


def test_a_membership_keeps_its_bloc_agency_and_year(admins, bloc, other_bloc, members, loose_agency):
    """Moving a leader's membership to another bloc left an invalid leadership behind."""
    membership = members[2018][0]
    leadership = LeadershipFactory(bloc=bloc, year=2018, leader=membership)
    client = as_user(admins[0])
    shown = opened(client, membership)
    data = shown | {"bloc": other_bloc.pk, "agency": loose_agency.pk, "year": 2019, "note": "Đã sửa ghi chú"}

    assert client.post(change_url(membership), data).status_code == 302

    membership.refresh_from_db()
    assert (membership.bloc, membership.agency, membership.year) == (bloc, members[2017][0].agency, 2018)
    assert membership.note == "Đã sửa ghi chú"
    leadership.refresh_from_db()
    leadership.full_clean()  # still valid: its leader is a member of its bloc that year
    assert not {"bloc", "agency", "year"} & set(shown)  # shown on the page, not fields of its form


def test_a_membership_row_of_the_bloc_page_keeps_its_agency_and_year(admins, bloc, members, loose_agency):
    client = as_user(admins[0])
    data = opened(client, bloc)
    key = row_prefix(data, "memberships", members[2017][0].pk)
    data |= {f"{key}-agency": loose_agency.pk, f"{key}-year": 2016}
    assert client.post(change_url(bloc), data).status_code == 302
    assert Membership.objects.get(pk=members[2017][0].pk).agency == members[2017][0].agency
    assert Membership.objects.get(pk=members[2017][0].pk).year == 2017
    assert not Membership.objects.filter(agency=loose_agency).exists()


def test_changing_a_leaderships_year_makes_no_second_row(admins, bloc, members):
    leadership = LeadershipFactory(bloc=bloc, year=2017, leader=members[2017][0])
    client = as_user(admins[0])
    shown = opened(client, leadership)
    data = shown | {"year": 2018, "leader": members[2018][0].pk, "deputy": ""}

    response = client.post(change_url(leadership), data)

    assert list(Leadership.objects.values_list("pk", "year", "leader")) == [(leadership.pk, 2017, members[2017][0].pk)]
    assert response.status_code == 200  # the leader chosen is not a member of 2017: said, not saved
    assert "year" not in shown and "bloc" not in shown  # shown on the page, not fields of its form
    data["leader"] = members[2017][1].pk
    assert client.post(change_url(leadership), data).status_code == 302
    assert list(Leadership.objects.values_list("pk", "year", "leader")) == [(leadership.pk, 2017, members[2017][1].pk)]


def test_a_leadership_row_of_the_bloc_page_keeps_its_year(admins, bloc, members):
    leadership = LeadershipFactory(bloc=bloc, year=2017, leader=members[2017][0])
    client = as_user(admins[0])
    data = opened(client, bloc)
    key = row_prefix(data, "leaderships", leadership.pk)
    data |= {f"{key}-year": 2018}
    client.post(change_url(bloc), data)
    assert list(Leadership.objects.values_list("pk", "year")) == [(leadership.pk, 2017)]


def test_an_agency_keeps_its_province(operators, province, other_province, members):
    agency = members[2017][0].agency
    client = as_user(operators[0])
    data = opened(client, agency) | {"province": other_province.pk, "short_name": "BHXH"}
    assert client.post(change_url(agency), data).status_code == 302
    agency.refresh_from_db()
    assert (agency.province, agency.short_name) == (province, "BHXH")


def test_the_registry_models_carry_a_version(db):
    for model in (Province, Agency, AgencyName, Bloc, Membership, Leadership, User):
        assert model._meta.get_field("version").default == 1
