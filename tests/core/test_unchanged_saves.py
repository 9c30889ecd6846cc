"""A save that changes nothing writes nothing: the version stays and the audit trail gets no
empty entry, whether a service is called or the admin's form is posted back as it was shown.
A real change still moves both. A secretary's blocs are saved by the user service, with the user."""

import datetime

import pytest

from blocs import services as bloc_services
from blocs.models import Agency, Bloc, Province, User
from emulation.models import Conference
from emulation.services import ConferenceResults, conference_save_results
from tests.adminforms import as_user, change_url, opened, refusal_shown, save_twice

pytestmark = pytest.mark.django_db


def trail_and_version(obj):
    obj = type(obj).objects.get(pk=obj.pk)
    return obj.history.count(), obj.version


def test_a_service_save_that_changes_nothing_keeps_the_version_and_the_trail(bloc, province_admin):
    before = trail_and_version(bloc)
    bloc_services.bloc_save(actor=province_admin, bloc=Bloc.objects.get(pk=bloc.pk))
    assert trail_and_version(bloc) == before


def test_a_service_save_that_changes_a_field_moves_both(bloc, province_admin):
    entries, version = trail_and_version(bloc)
    fresh = Bloc.objects.get(pk=bloc.pk)
    fresh.description = "Khối các sở văn hóa, xã hội"
    bloc_services.bloc_save(actor=province_admin, bloc=fresh)
    assert trail_and_version(bloc) == (entries + 1, version + 1)
    assert fresh.version == version + 1
    # The same object saved again, unchanged since that save: nothing more.
    bloc_services.bloc_save(actor=province_admin, bloc=fresh)
    assert trail_and_version(bloc) == (entries + 1, version + 1)


def test_a_record_changed_then_set_back_is_unchanged(members, province_admin):
    agency = Agency.objects.get(pk=members[2017][0].agency_id)
    before = trail_and_version(agency)
    name = agency.short_name
    agency.short_name = "Tạm"
    agency.short_name = name
    bloc_services.agency_save(actor=province_admin, agency=agency)
    assert trail_and_version(agency) == before


@pytest.mark.parametrize("model", ["province", "agency", "bloc", "user"])
def test_an_admin_form_posted_as_shown_saves_nothing(model, admins, operators, province, bloc, members, viewer):
    obj = {
        "province": province,
        "agency": Agency.objects.get(pk=members[2017][0].agency_id),
        "bloc": bloc,
        "user": viewer,
    }[model]
    client = as_user(operators[0] if model == "province" else admins[0])
    before = trail_and_version(obj)
    response = client.post(change_url(obj), opened(client, obj))
    assert response.status_code == 302
    assert trail_and_version(obj) == before


def test_an_admin_change_is_one_entry_and_one_version(admins, province):
    client = as_user(admins[0])
    entries, version = trail_and_version(province.blocs.create(name="Khối Kinh tế"))
    bloc = Bloc.objects.get(name="Khối Kinh tế")
    assert client.post(change_url(bloc), opened(client, bloc) | {"description": "Mới"}).status_code == 302
    assert trail_and_version(bloc) == (entries + 1, version + 1)


def test_a_results_save_still_claims_the_conference(bloc, members, province_admin):
    """The conference's version stands for its attendance and scores: a results save moves it even
    when the conference's own fields stay as they were, so that a page opened before is refused."""
    conference = Conference.objects.create(bloc=bloc, year=2017, date=datetime.date(2018, 1, 8))
    conference.refresh_from_db()
    version = conference.version
    results = ConferenceResults(details={}, present={members[2017][0]: ("Nguyễn Văn A", "Giám đốc")})
    conference_save_results(actor=province_admin, bloc=bloc, year=2017, results=results, conference=conference)
    assert Conference.objects.get(pk=conference.pk).version == version + 1


# A secretary's blocs -------------------------------------------------------------------------------


def test_the_admin_saves_a_secretarys_blocs_through_the_user_service(monkeypatch, admins, secretary, other_bloc):
    calls = []
    real = bloc_services.user_save

    def spy(**kwargs):
        calls.append(kwargs.get("blocs"))
        return real(**kwargs)

    monkeypatch.setattr(bloc_services, "user_save", spy)
    client = as_user(admins[0])
    data = opened(client, secretary)
    data["blocs"] = [str(other_bloc.pk)]
    response = client.post(change_url(secretary), data)
    assert response.status_code == 302
    assert [set(b) for b in calls] == [{other_bloc}]
    assert list(User.objects.get(pk=secretary.pk).blocs.all()) == [other_bloc]


def test_a_change_of_blocs_is_one_entry_with_the_new_blocs_and_moves_the_version(admins, secretary, other_bloc):
    entries, version = trail_and_version(secretary)
    client = as_user(admins[0])
    data = opened(client, secretary)
    data["blocs"] = [str(other_bloc.pk)]
    assert client.post(change_url(secretary), data).status_code == 302
    assert trail_and_version(secretary) == (entries + 1, version + 1)
    latest = User.objects.get(pk=secretary.pk).history.first()
    assert [row.bloc_id for row in latest.blocs.all()] == [other_bloc.pk]
    assert latest.history_user == admins[0]


def test_the_second_admin_to_change_a_secretarys_blocs_is_refused(admins, secretary, bloc, other_bloc):
    first, second = as_user(admins[0]), as_user(admins[1])
    response = save_twice(
        first, second, secretary, {"blocs": [str(other_bloc.pk)]}, {"blocs": [str(bloc.pk), str(other_bloc.pk)]}
    )
    saved = User.objects.get(pk=secretary.pk)
    assert list(saved.blocs.all()) == [other_bloc]
    refusal_shown(response, admins[0], saved, {})


def test_a_new_secretary_keeps_the_blocs_given(province_admin, bloc):
    user = User(username="thuky.moi", role=User.Role.SECRETARY, province=bloc.province)
    user.set_unusable_password()
    bloc_services.user_save(actor=province_admin, user=user, blocs=[bloc])
    assert list(User.objects.get(username="thuky.moi").blocs.all()) == [bloc]


def test_provinces_are_unchanged_by_an_unchanged_province_save(province, operators):
    before = trail_and_version(province)
    bloc_services.province_save(actor=operators[0], province=Province.objects.get(pk=province.pk))
    assert trail_and_version(province) == before
