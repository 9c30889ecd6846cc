"""The admin site keeps the rules of the results page: a finalized conference locks its scoring
table and points, its attendance, the next year's pledge, signatures and leaders; a criterion's
maximum cannot go below the points given; a conference keeps its bloc and year. Each test posts
the admin's own form, as the page renders it, and finds the rows as they were."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from blocs.models import Leadership
from emulation.models import Attendance, Conference, Criterion, Pledge, Score, Signature
from tests.emulation.helpers import NEXT_YEAR, YEAR, vi
from tests.permissions.htmlforms import form_data

pytestmark = pytest.mark.django_db

LOCKED = "Hội nghị đã chốt. Quản trị tỉnh có thể mở lại."


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def delete_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_delete", args=[obj.pk])


def changelist_url(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def flash(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def snapshot(*models):
    """Every row of the models, as values: what a refused post must leave as it was."""
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in models}


ROWS = (Conference, Attendance, Criterion, Score, Pledge, Signature, Leadership)


@pytest.fixture
def scored(criteria, members):
    """Every 2017 member has 50 points on the first criterion (worth 60)."""
    return [Score.objects.create(criterion=criteria[0], membership=m, points=Decimal("50")) for m in members[YEAR]]


@pytest.fixture
def attended(conference, members):
    return Attendance.objects.create(conference=conference, membership=members[YEAR][0], representative="Bà A")


@pytest.fixture
def next_pledge(bloc, members):
    """The pledge for the year after the conference's, signed by the first member."""
    pledge = Pledge.objects.create(bloc=bloc, year=NEXT_YEAR, content="Giao ước thi đua năm 2018")
    Signature.objects.create(pledge=pledge, membership=members[NEXT_YEAR][0], signer="Ông B")
    return pledge


@pytest.fixture
def next_leaders(bloc, members):
    return Leadership.objects.create(bloc=bloc, year=NEXT_YEAR, leader=members[NEXT_YEAR][0])


@pytest.fixture
def admin_client(login, province_admin):
    return login(province_admin)


# A criterion's maximum --------------------------------------------------------------------------


def test_a_maximum_below_the_points_given_is_refused(admin_client, criteria, members):
    """The points were given on the results page after the admin opened the criterion's page."""
    criterion = criteria[0]
    data = form_data(admin_client.get(change_url(criterion))) | {"max_points": "40"}
    assert data["scores-INITIAL_FORMS"] == "0"
    Score.objects.create(criterion=criterion, membership=members[YEAR][0], points=Decimal("50"))
    before = snapshot(*ROWS)

    response = admin_client.post(change_url(criterion), data)

    assert response.status_code == 200
    message = vi("Some members already have more than %(max)s points for “%(name)s”.") % {
        "max": "40",
        "name": criterion.name,
    }
    assert message == "Có thành viên đã được hơn 40 điểm cho “Công tác chỉ đạo, điều hành”."
    assert response.context["adminform"].form.non_field_errors() == [message]
    assert response.context["adminform"].form["max_points"].value() == "40"  # what was typed stays
    assert snapshot(*ROWS) == before


def test_a_maximum_below_the_points_shown_is_refused_on_each_row(admin_client, criteria, scored):
    criterion = criteria[0]
    data = form_data(admin_client.get(change_url(criterion))) | {"max_points": "40"}
    before = snapshot(*ROWS)

    response = admin_client.post(change_url(criterion), data)

    assert response.status_code == 200
    [scores] = response.context["inline_admin_formsets"]
    assert [form.errors["points"] for form in scores.formset.forms] == [
        ["Tối đa 40 điểm cho “Công tác chỉ đạo, điều hành”."]
    ] * len(scored)
    assert snapshot(*ROWS) == before


def test_a_maximum_above_the_points_given_is_saved(admin_client, criteria, scored):
    data = form_data(admin_client.get(change_url(criteria[0]))) | {"max_points": "55"}
    assert admin_client.post(change_url(criteria[0]), data).status_code == 302
    criteria[0].refresh_from_db()
    assert criteria[0].max_points == Decimal("55")


# The lock of a finalized conference -------------------------------------------------------------


def test_a_criterion_of_a_finalized_conference_cannot_be_renamed(admin_client, criteria, scored, conference):
    data = form_data(admin_client.get(change_url(criteria[0]))) | {"name": "Tên khác"}
    conference.status = Conference.Status.FINALIZED
    conference.save()
    before = snapshot(*ROWS)

    response = admin_client.post(change_url(criteria[0]), data, follow=True)

    assert response.redirect_chain == [(change_url(criteria[0]), 302)]
    assert LOCKED in flash(response)
    assert snapshot(*ROWS) == before
    # The page shows it read-only, with the reason.
    assert not response.context["has_change_permission"]
    assert LOCKED in response.content.decode()


def test_points_of_a_finalized_conference_cannot_change_in_the_score_inline(
    admin_client, criteria, scored, finalized_conference
):
    page = admin_client.get(change_url(criteria[0]))
    assert LOCKED in page.content.decode()
    data = {
        "name": criteria[0].name,
        "max_points": "60",
        "order": "1",
        "group": "",
        "scores-TOTAL_FORMS": "1",
        "scores-INITIAL_FORMS": "1",
        "scores-0-id": str(scored[0].pk),
        "scores-0-criterion": str(criteria[0].pk),
        "scores-0-membership": str(scored[0].membership_id),
        "scores-0-points": "1",
    }
    before = snapshot(*ROWS)

    response = admin_client.post(change_url(criteria[0]), data)

    assert LOCKED in flash(response)
    assert snapshot(*ROWS) == before


def test_a_criterion_of_a_finalized_conference_cannot_be_deleted(admin_client, criteria, scored, finalized_conference):
    before = snapshot(*ROWS)
    response = admin_client.post(delete_url(criteria[0]), {"post": "yes"}, follow=True)
    assert LOCKED in flash(response)
    action = {"action": "delete_selected", "_selected_action": [c.pk for c in criteria], "post": "yes"}
    response = admin_client.post(changelist_url(Criterion), action)
    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert snapshot(*ROWS) == before


def test_attendance_of_a_finalized_conference_cannot_change(admin_client, attended, finalized_conference, members):
    data = form_data(admin_client.get(change_url(finalized_conference)))
    assert "attendances-TOTAL_FORMS" in data  # shown, read-only
    data |= {
        "attendances-TOTAL_FORMS": "2",
        "attendances-1-membership": str(members[YEAR][1].pk),
        "attendances-1-representative": "Người thêm vào",
    }
    before = snapshot(*ROWS)

    response = admin_client.post(change_url(finalized_conference), data)

    assert LOCKED in flash(response)
    assert snapshot(*ROWS) == before


def test_the_pledge_of_the_year_after_a_finalized_conference_is_locked(admin_client, next_pledge, conference, members):
    data = form_data(admin_client.get(change_url(next_pledge))) | {"content": "Sửa sau khi chốt"}
    data |= {"signatures-0-signer": "Người khác"}
    conference.status = Conference.Status.FINALIZED
    conference.save()
    before = snapshot(*ROWS)

    response = admin_client.post(change_url(next_pledge), data)
    assert LOCKED in flash(response)
    response = admin_client.post(delete_url(next_pledge), {"post": "yes"})
    assert LOCKED in flash(response)
    assert snapshot(*ROWS) == before


def test_the_leaders_elected_by_a_finalized_conference_are_locked(admin_client, next_leaders, conference, members):
    data = form_data(admin_client.get(change_url(next_leaders))) | {"deputy": str(members[NEXT_YEAR][1].pk)}
    conference.status = Conference.Status.FINALIZED
    conference.save()
    before = snapshot(*ROWS)

    response = admin_client.post(change_url(next_leaders), data)

    assert LOCKED in flash(response)
    assert snapshot(*ROWS) == before


def test_the_leaders_elected_by_a_finalized_conference_are_locked_on_the_bloc_page_too(
    admin_client, bloc, next_leaders, conference, members
):
    data = form_data(admin_client.get(change_url(bloc)))
    row = next(k.split("-")[1] for k, v in data.items() if k.startswith("leaderships-") and k.endswith("-id"))
    data[f"leaderships-{row}-deputy"] = str(members[NEXT_YEAR][1].pk)
    conference.status = Conference.Status.FINALIZED
    conference.save()
    before = snapshot(*ROWS)

    response = admin_client.post(change_url(bloc), data)

    assert response.status_code == 200
    assert LOCKED in response.context["adminform"].form.non_field_errors()
    page = response.content.decode()
    assert f'<option value="{members[NEXT_YEAR][1].pk}" selected>' in page  # the choice made is still there
    assert snapshot(*ROWS) == before


def test_the_leaders_of_a_year_no_conference_locks_still_change(admin_client, next_leaders, conference, members):
    data = form_data(admin_client.get(change_url(next_leaders))) | {"deputy": str(members[NEXT_YEAR][1].pk)}
    assert admin_client.post(change_url(next_leaders), data).status_code == 302
    next_leaders.refresh_from_db()
    assert next_leaders.deputy == members[NEXT_YEAR][1]


# A conference keeps its bloc and year -------------------------------------------------------------


def test_a_conference_keeps_its_bloc_and_year(admin_client, conference, attended, other_bloc):
    shown = form_data(admin_client.get(change_url(conference)))
    data = shown | {"bloc": str(other_bloc.pk), "year": "2016", "date": "09/01/2018", "venue": "Nơi khác"}

    response = admin_client.post(change_url(conference), data)

    assert response.status_code == 302
    conference.refresh_from_db()
    assert (conference.bloc_id, conference.year, conference.venue) == (attended.membership.bloc_id, YEAR, "Nơi khác")
    assert conference.date == datetime.date(2018, 1, 9)
    assert "bloc" not in shown and "year" not in shown  # shown on the page, not fields of its form


def test_a_criterion_keeps_its_bloc_and_year(admin_client, criteria, scored, other_bloc):
    data = form_data(admin_client.get(change_url(criteria[0]))) | {"bloc": str(other_bloc.pk), "year": "2016"}
    assert admin_client.post(change_url(criteria[0]), data).status_code == 302
    criteria[0].refresh_from_db()
    assert (criteria[0].bloc_id, criteria[0].year) == (scored[0].membership.bloc_id, YEAR)
