"""The conference pages through the browser's eyes: who may open and change what, the
results page saving all or nothing with each error beside its field, the lock after
finalizing, the statuses on the bloc page and query counts that do not grow with the bloc."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from blocs import services as bloc_services
from blocs.models import FIRST_YEAR, LAST_YEAR, Leadership
from blocs.services import system_actor
from emulation import selectors, services
from emulation.models import Attendance, Conference, Criterion, Pledge, Score, Signature
from emulation.services import ConferenceResults
from tests.blocs.factories import MembershipFactory
from tests.emulation.helpers import NEXT_YEAR, YEAR, add_members, expected_points, vi


def edit_url(bloc, year=YEAR):
    return reverse("awards:conference_edit", args=[bloc.pk, year])


def criteria_url(bloc, year=YEAR):
    return reverse("emulation:criteria_edit", args=[bloc.pk, year])


def detail_url(conference):
    return reverse("awards:conference_detail", args=[conference.pk])


def finalize_url(conference):
    return reverse("emulation:conference_finalize", args=[conference.pk])


def reopen_url(conference):
    return reverse("emulation:conference_reopen", args=[conference.pk])


def conference_urls(conference):
    """Every conference URL with the method it answers."""
    bloc = conference.bloc
    return [
        ("get", edit_url(bloc)),
        ("post", edit_url(bloc)),
        ("get", criteria_url(bloc)),
        ("post", criteria_url(bloc)),
        ("get", detail_url(conference)),
        ("post", finalize_url(conference)),
        ("post", reopen_url(conference)),
    ]


def beside(html, name):
    """The opening tag of the control named `name` and what follows it up to the next control."""
    at = html.index(f'name="{name}"')
    start = html.rindex("<", 0, at)
    end = html.find('name="', at + 1)
    return html[start:at] + html[at : end if end > 0 else len(html)]


def assert_error_beside(response, form, field, name):
    """The form holds an error for `field`, and the page shows it right after the control `name`."""
    assert form.errors.get(field), f"no error on {field}: {form.errors}"
    near = beside(response.content.decode(), name)
    assert "is-invalid" in near.split(">", 1)[0]
    assert "invalid-feedback" in near
    for message in form.errors[field]:
        assert escape(message) in near


def flash(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


# Who may open what ------------------------------------------------------------------


def test_anonymous_is_sent_to_the_login_page_from_every_conference_url(client, conference):
    for method, url in conference_urls(conference):
        response = getattr(client, method)(url)
        assert response.status_code == 302, (method, url)
        assert response.url.startswith(reverse("login")), (method, url)
    assert Conference.objects.get().status == Conference.Status.DRAFT


@pytest.mark.parametrize("persona", ["other_secretary", "outsider"])
def test_users_outside_the_bloc_get_404_on_every_conference_url(
    login, finalized_conference, persona, request, results_post, row_counts
):
    client = login(request.getfixturevalue(persona))
    before = row_counts()
    for method, url in conference_urls(finalized_conference):
        data = results_post() if url == edit_url(finalized_conference.bloc) else {}
        assert getattr(client, method)(url, data).status_code == 404, (method, url)
    assert row_counts() == before
    assert Conference.objects.get().is_finalized


def test_other_secretary_cannot_open_a_draft_either(login, conference, other_secretary):
    client = login(other_secretary)
    for method, url in conference_urls(conference):
        assert getattr(client, method)(url).status_code == 404, (method, url)
    assert not Conference.objects.get().is_finalized


def test_viewer_reads_the_conference_but_sees_no_edit_controls(login, viewer, conference):
    response = login(viewer).get(detail_url(conference))
    assert response.status_code == 200
    page = response.content.decode()
    assert conference.venue in page
    assert f'href="{edit_url(conference.bloc)}"' not in page
    assert finalize_url(conference) not in page
    assert reopen_url(conference) not in page


def test_viewer_cannot_edit_enter_criteria_finalize_or_reopen(login, viewer, conference, results_post, row_counts):
    client = login(viewer)
    before = row_counts()
    assert client.get(edit_url(conference.bloc)).status_code == 403
    assert client.post(edit_url(conference.bloc), results_post()).status_code == 403
    assert client.get(criteria_url(conference.bloc)).status_code == 403
    assert client.post(finalize_url(conference)).status_code == 403
    assert client.post(reopen_url(conference)).status_code == 403
    assert row_counts() == before
    assert Conference.objects.get().venue == "Hội trường tầng 3"
    assert not Conference.objects.get().is_finalized


def test_viewer_cannot_reopen_a_finalized_conference(login, viewer, finalized_conference):
    assert login(viewer).post(reopen_url(finalized_conference)).status_code == 403
    assert Conference.objects.get().is_finalized


def test_secretary_sees_edit_and_finalize_on_a_draft(login, secretary, conference):
    page = login(secretary).get(detail_url(conference)).content.decode()
    assert f'href="{edit_url(conference.bloc)}"' in page
    assert finalize_url(conference) in page
    assert reopen_url(conference) not in page


def test_secretary_finalizes_a_draft(login, secretary, conference):
    response = login(secretary).post(finalize_url(conference))
    assert response.status_code == 302
    assert response.url == detail_url(conference)
    conference.refresh_from_db()
    assert conference.is_finalized
    assert conference.finalized_by == secretary


def test_reopen_answers_only_post(login, province_admin, finalized_conference):
    assert login(province_admin).get(reopen_url(finalized_conference)).status_code == 405
    assert Conference.objects.get().is_finalized


def test_finalize_by_get_only_asks(login, province_admin, finalized_conference):
    # GET is the confirmation page (issue 16); on a finalized conference it goes back to it.
    response = login(province_admin).get(finalize_url(finalized_conference))
    assert response.status_code == 302
    assert response.url == reverse("awards:conference_detail", args=[finalized_conference.pk])
    assert Conference.objects.get().is_finalized


def test_years_outside_the_range_are_not_found(login, secretary, bloc):
    client = login(secretary)
    assert client.get(edit_url(bloc, LAST_YEAR)).status_code == 404
    assert client.get(edit_url(bloc, FIRST_YEAR - 1)).status_code == 404
    assert client.get(criteria_url(bloc, LAST_YEAR)).status_code == 404


def test_missing_conference_is_not_found(login, province_admin, db):
    assert login(province_admin).get(reverse("awards:conference_detail", args=[999999])).status_code == 404


# The lock ---------------------------------------------------------------------------


def test_finalized_conference_is_read_only_for_its_secretary(
    login, secretary, finalized_conference, criteria, results_post, row_counts
):
    client = login(secretary)
    bloc = finalized_conference.bloc
    before = row_counts()

    page = client.get(detail_url(finalized_conference))
    assert page.status_code == 200
    assert f'href="{edit_url(bloc)}"' not in page.content.decode()
    assert finalize_url(finalized_conference) not in page.content.decode()
    assert reopen_url(finalized_conference) not in page.content.decode()

    response = client.get(edit_url(bloc))
    assert (response.status_code, response.url) == (302, detail_url(finalized_conference))
    assert flash(response)

    response = client.post(edit_url(bloc), results_post(**{"conf-venue": "Nơi khác"}))
    assert (response.status_code, response.url) == (302, detail_url(finalized_conference))

    response = client.get(criteria_url(bloc))
    assert (response.status_code, response.url) == (302, detail_url(finalized_conference))
    response = client.post(criteria_url(bloc), criteria_post([("1", "", "Mới", "10")]))
    assert (response.status_code, response.url) == (302, detail_url(finalized_conference))

    assert client.post(finalize_url(finalized_conference)).status_code == 403
    assert client.post(reopen_url(finalized_conference)).status_code == 403

    assert row_counts() == before
    assert list(Criterion.objects.values_list("name", flat=True)) == [c.name for c in criteria]
    conference = Conference.objects.get()
    assert conference.venue == "Hội trường tầng 3"
    assert conference.is_finalized
    assert conference.finalized_at == finalized_conference.finalized_at


def test_finalized_conference_is_locked_for_the_province_admin_until_reopened(
    login, province_admin, finalized_conference, results_post
):
    client = login(province_admin)
    response = client.post(edit_url(finalized_conference.bloc), results_post(**{"conf-venue": "Nơi khác"}))
    assert response.status_code == 302
    assert Conference.objects.get().venue == "Hội trường tầng 3"
    assert reopen_url(finalized_conference) in client.get(detail_url(finalized_conference)).content.decode()


@pytest.mark.parametrize("persona", ["province_admin", "superuser"])
def test_province_admin_or_superuser_reopens_and_the_secretary_can_edit_again(
    login, finalized_conference, persona, request, secretary
):
    response = login(request.getfixturevalue(persona)).post(reopen_url(finalized_conference))
    assert (response.status_code, response.url) == (302, detail_url(finalized_conference))
    conference = Conference.objects.get()
    assert conference.status == Conference.Status.DRAFT
    assert conference.finalized_by is None

    assert login(secretary).get(edit_url(conference.bloc)).status_code == 200


def test_secretary_cannot_reopen(login, secretary, finalized_conference):
    assert login(secretary).post(reopen_url(finalized_conference)).status_code == 403
    assert Conference.objects.get().is_finalized


# The results page -------------------------------------------------------------------


def test_new_results_page_offers_every_member_and_criterion(login, secretary, bloc, members, criteria):
    response = login(secretary).get(edit_url(bloc))
    assert response.status_code == 200
    forms = response.context["forms"]
    assert [f.membership for f in forms.attendance_forms] == selectors.members_of(bloc=bloc, year=YEAR)
    assert [f.membership for f in forms.signature_forms] == selectors.members_of(bloc=bloc, year=NEXT_YEAR)
    page = response.content.decode()
    for membership in members[YEAR]:
        assert f'name="att-{membership.pk}-checked"' in page
        for criterion in criteria:
            assert f'name="score-{membership.pk}-c{criterion.pk}"' in page
    for membership in members[NEXT_YEAR]:
        assert f'name="sig-{membership.pk}-checked"' in page
    assert not Conference.objects.exists()


def test_valid_post_saves_every_part_and_redirects(login, secretary, bloc, members, criteria, results_post):
    response = login(secretary).post(edit_url(bloc), results_post())

    conference = Conference.objects.get()
    assert (response.status_code, response.url) == (302, detail_url(conference))
    assert flash(response)
    assert conference.status == Conference.Status.DRAFT
    assert (conference.date, conference.start_time, conference.end_time) == (
        datetime.date(2018, 1, 8),
        datetime.time(14, 0),
        datetime.time(16, 30),
    )
    assert conference.host == members[YEAR][0]
    assert conference.chair_name == "Nguyễn Văn An"
    assert {a.membership_id: a.representative for a in Attendance.objects.filter(membership__isnull=False)} == {
        m.pk: f"Đại diện {i + 1}" for i, m in enumerate(members[YEAR])
    }
    assert list(Attendance.objects.filter(membership__isnull=True).values_list("guest_organisation", flat=True)) == [
        "Ban Thi đua - Khen thưởng tỉnh"
    ]
    assert {(s.criterion_id, s.membership_id): s.points for s in Score.objects.all()} == expected_points(
        members, criteria
    )
    pledge = Pledge.objects.get()
    assert (pledge.year, pledge.signed_on) == (NEXT_YEAR, datetime.date(2018, 1, 8))
    assert {s.membership_id for s in Signature.objects.all()} == {m.pk for m in members[NEXT_YEAR]}
    leadership = Leadership.objects.get(bloc=bloc, year=NEXT_YEAR)
    assert (leadership.leader, leadership.deputy) == (members[NEXT_YEAR][1], members[NEXT_YEAR][2])


def test_saved_results_are_shown_when_the_page_is_opened_again(login, secretary, bloc, members, results_post):
    client = login(secretary)
    client.post(edit_url(bloc), results_post())
    forms = client.get(edit_url(bloc)).context["forms"]
    assert forms.conference_form["venue"].value() == "Hội trường Bảo hiểm xã hội tỉnh"
    assert {f.membership.pk: f["person"].value() for f in forms.attendance_forms} == {
        m.pk: f"Đại diện {i + 1}" for i, m in enumerate(members[YEAR])
    }
    assert forms.election_form["leader"].value() == members[NEXT_YEAR][1].pk


def test_rows_forged_for_non_members_are_ignored(login, secretary, bloc, members, results_post, foreign_next_member):
    foreign_member = MembershipFactory(bloc=foreign_next_member.bloc, year=YEAR)
    forged = {
        f"att-{foreign_member.pk}-checked": "on",
        f"att-{foreign_member.pk}-person": "Người lạ",
        f"sig-{foreign_next_member.pk}-checked": "on",
    }
    response = login(secretary).post(edit_url(bloc), results_post(**forged))
    assert response.status_code == 302
    assert set(Attendance.objects.exclude(membership=None).values_list("membership", flat=True)) == {
        m.pk for m in members[YEAR]
    }
    assert set(Signature.objects.values_list("membership", flat=True)) == {m.pk for m in members[NEXT_YEAR]}


def test_save_and_finalize_in_one_go(login, secretary, bloc, results_post):
    response = login(secretary).post(edit_url(bloc), results_post(save=None, finalize=""))
    conference = Conference.objects.get()
    assert response.status_code == 302
    assert conference.is_finalized
    assert conference.finalized_by == secretary


def test_points_are_typed_with_a_vietnamese_decimal_comma(login, secretary, bloc, members, criteria, results_post):
    name = f"score-{members[YEAR][0].pk}-c{criteria[0].pk}"
    login(secretary).post(edit_url(bloc), results_post(**{name: "12,5"}))
    assert Score.objects.get(criterion=criteria[0], membership=members[YEAR][0]).points == Decimal("12.5")


def _score_field(members, criteria):
    return f"score-{members[YEAR][0].pk}-c{criteria[0].pk}"


# Each broken part of an otherwise valid POST: (changes, form of the page, field, control name).
BROKEN_POSTS = {
    "points above the maximum": (
        lambda m, c, f: {_score_field(m, c): str(c[0].max_points + 1)},
        lambda forms: forms.score_forms[0],
        lambda m, c: f"c{c[0].pk}",
        lambda m, c: _score_field(m, c),
    ),
    "negative points": (
        lambda m, c, f: {_score_field(m, c): "-1"},
        lambda forms: forms.score_forms[0],
        lambda m, c: f"c{c[0].pk}",
        lambda m, c: _score_field(m, c),
    ),
    "leader not a member next year": (
        lambda m, c, f: {"elect-leader": str(m[YEAR][0].pk)},
        lambda forms: forms.election_form,
        lambda m, c: "leader",
        lambda m, c: "elect-leader",
    ),
    "deputy of another bloc": (
        lambda m, c, f: {"elect-deputy": str(f.pk)},
        lambda forms: forms.election_form,
        lambda m, c: "deputy",
        lambda m, c: "elect-deputy",
    ),
    "leader equal to deputy": (
        lambda m, c, f: {"elect-deputy": str(m[NEXT_YEAR][1].pk)},
        lambda forms: forms.election_form,
        lambda m, c: "deputy",
        lambda m, c: "elect-deputy",
    ),
    "deputy without leader": (
        lambda m, c, f: {"elect-leader": ""},
        lambda forms: forms.election_form,
        lambda m, c: "leader",
        lambda m, c: "elect-leader",
    ),
    "guest without organisation": (
        lambda m, c, f: {"guest-1-person": "Lê Văn Cường"},
        lambda forms: forms.guest_formset[1],
        lambda m, c: "organisation",
        lambda m, c: "guest-1-organisation",
    ),
    "date inside the reviewed year": (
        lambda m, c, f: {"conf-date": "31/12/2017"},
        lambda forms: forms.conference_form,
        lambda m, c: "date",
        lambda m, c: "conf-date",
    ),
    "end before start": (
        lambda m, c, f: {"conf-end_time": "13:00"},
        lambda forms: forms.conference_form,
        lambda m, c: "end_time",
        lambda m, c: "conf-end_time",
    ),
    "host of another bloc": (
        lambda m, c, f: {"conf-host": str(f.pk)},
        lambda forms: forms.conference_form,
        lambda m, c: "host",
        lambda m, c: "conf-host",
    ),
    "no date": (
        lambda m, c, f: {"conf-date": ""},
        lambda forms: forms.conference_form,
        lambda m, c: "date",
        lambda m, c: "conf-date",
    ),
}


@pytest.fixture
def foreign_next_member(other_bloc):
    """A 2018 member of another bloc: a valid membership, just not one of this bloc's."""
    return MembershipFactory(bloc=other_bloc, year=NEXT_YEAR)


@pytest.mark.parametrize("broken", BROKEN_POSTS)
def test_one_broken_part_saves_nothing_and_keeps_what_was_typed(
    login, secretary, bloc, members, criteria, results_post, row_counts, nothing_saved, foreign_next_member, broken
):
    change, pick_form, field, control = BROKEN_POSTS[broken]
    foreign = foreign_next_member
    if broken == "host of another bloc":
        foreign = MembershipFactory(bloc=foreign_next_member.bloc, year=YEAR)
    data = results_post(**change(members, criteria, foreign))

    response = login(secretary).post(edit_url(bloc), data)

    assert response.status_code == 200
    forms = response.context["forms"]
    assert_error_beside(response, pick_form(forms), field(members, criteria), control(members, criteria))
    assert flash(response)
    # Every other part keeps what the user typed.
    page = response.content.decode()
    assert forms.conference_form["venue"].value() == data["conf-venue"]
    assert f'value="{escape(data["conf-venue"])}"' in page
    assert f'value="{escape(data["conf-chair_name"])}"' in page
    assert forms.guest_formset[0]["organisation"].value() == "Ban Thi đua - Khen thưởng tỉnh"
    for form in forms.attendance_forms:
        assert form["checked"].value() is True
        assert f'value="{escape(data[f"att-{form.membership.pk}-person"])}"' in page
    for form in forms.signature_forms:
        assert f'value="{escape(data[f"sig-{form.membership.pk}-person"])}"' in page
    other_score = f"score-{members[YEAR][1].pk}-c{criteria[1].pk}"
    assert f'name="{other_score}" id="id_{other_score}" value="{data[other_score]}"' in page
    assert 'data-testid="scoring"' in page
    assert row_counts() == nothing_saved


@pytest.mark.parametrize("broken", ["points above the maximum", "leader equal to deputy", "end before start"])
def test_one_broken_part_leaves_a_saved_draft_as_it_was(
    login, secretary, bloc, members, criteria, results_post, row_counts, foreign_next_member, broken
):
    client = login(secretary)
    client.post(edit_url(bloc), results_post())
    saved = row_counts()
    change = BROKEN_POSTS[broken][0]
    data = results_post(**change(members, criteria, foreign_next_member), **{"conf-venue": "Nơi khác"})
    data.pop(f"att-{members[YEAR][0].pk}-checked")
    data["guest-0-organisation"] = ""
    data["guest-0-person"] = ""
    data["guest-0-title"] = ""

    response = client.post(edit_url(bloc), data)

    assert response.status_code == 200
    assert row_counts() == saved
    assert Conference.objects.get().venue == "Hội trường Bảo hiểm xã hội tỉnh"
    assert Attendance.objects.filter(membership=members[YEAR][0]).exists()
    assert response.context["forms"].conference_form["venue"].value() == "Nơi khác"


def test_an_error_from_the_service_is_shown_beside_its_field_and_nothing_is_saved(
    login, secretary, bloc, results_post, row_counts, nothing_saved, monkeypatch
):
    def refuse(**kwargs):
        raise ValidationError({"leader": "Đơn vị này đã làm Trưởng khối hai năm liền."})

    monkeypatch.setattr(bloc_services, "leadership_set", refuse)

    response = login(secretary).post(edit_url(bloc), results_post())

    assert response.status_code == 200
    assert_error_beside(response, response.context["forms"].election_form, "leader", "elect-leader")
    assert row_counts() == nothing_saved


def test_an_error_of_no_field_from_the_service_is_shown_at_the_top(
    login, secretary, bloc, results_post, row_counts, nothing_saved, monkeypatch
):
    def refuse(**kwargs):
        raise ValidationError("Quy chế của tỉnh không cho bầu Phó trưởng khối.")

    monkeypatch.setattr(bloc_services, "leadership_set", refuse)

    response = login(secretary).post(edit_url(bloc), results_post())

    assert response.status_code == 200
    errors = response.content.decode().split('data-testid="page-errors"')[1].split("</div>")[0]
    assert "Quy chế của tỉnh không cho bầu Phó trưởng khối." in errors
    assert row_counts() == nothing_saved


def test_a_crash_in_the_last_step_leaves_nothing(
    login, secretary, bloc, results_post, row_counts, nothing_saved, monkeypatch
):
    def crash(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(bloc_services, "leadership_set", crash)

    with pytest.raises(RuntimeError):
        login(secretary).post(edit_url(bloc), results_post())
    assert row_counts() == nothing_saved


# The scoring table page -------------------------------------------------------------


def criteria_post(rows, existing=()):
    """The criteria formset's POST: `existing` are (criterion, order, group, name, max) of saved
    criteria, `rows` the (order, group, name, max) of new ones."""
    data = {
        "crit-TOTAL_FORMS": str(len(existing) + len(rows)),
        "crit-INITIAL_FORMS": str(len(existing)),
        "crit-MIN_NUM_FORMS": "0",
        "crit-MAX_NUM_FORMS": "1000",
    }
    for i, (criterion, order, group, name, max_points) in enumerate(existing):
        data.update(
            {f"crit-{i}-id": str(criterion.pk), f"crit-{i}-order": order, f"crit-{i}-group": group}
            | {f"crit-{i}-name": name, f"crit-{i}-max_points": max_points}
        )
    for i, (order, group, name, max_points) in enumerate(rows, start=len(existing)):
        data.update(
            {f"crit-{i}-order": order, f"crit-{i}-group": group, f"crit-{i}-name": name}
            | {f"crit-{i}-max_points": max_points}
        )
    return data


def test_secretary_creates_the_scoring_table(login, secretary, bloc):
    response = login(secretary).post(
        criteria_url(bloc), criteria_post([("1", "I", "Công tác chỉ đạo", "60"), ("2", "I", "Kết quả", "40")])
    )
    assert (response.status_code, response.url) == (302, edit_url(bloc))
    assert list(Criterion.objects.values_list("bloc", "year", "name", "max_points")) == [
        (bloc.pk, YEAR, "Công tác chỉ đạo", Decimal(60)),
        (bloc.pk, YEAR, "Kết quả", Decimal(40)),
    ]


def test_lowering_a_maximum_below_given_points_is_refused_on_the_criteria_page(
    login, secretary, bloc, members, criteria
):
    Score.objects.create(criterion=criteria[0], membership=members[YEAR][0], points=Decimal(55))
    data = criteria_post([], existing=[(criteria[0], "1", "", criteria[0].name, "50")])
    data["crit-INITIAL_FORMS"] = "1"

    response = login(secretary).post(criteria_url(bloc), data)

    assert response.status_code == 200
    assert response.context["errors"]
    assert escape(response.context["errors"][0]) in response.content.decode()
    assert "50" in response.context["errors"][0]
    assert Criterion.objects.get(pk=criteria[0].pk).max_points == Decimal(60)


# The bloc page ----------------------------------------------------------------------


def status_cell(page, year):
    return page.split(f'<tr data-year="{year}">')[1].split("</tr>")[0]


def test_bloc_page_shows_each_years_conference_status(login, secretary, bloc, members, province_admin):
    client = login(secretary)
    statuses = {key: vi(key) for key in ("no conference yet", "draft", "finalized")}
    assert len(set(statuses.values())) == 3

    def shown(year):
        cell = status_cell(client.get(reverse("blocs:bloc_detail", args=[bloc.pk])).content.decode(), year)
        return [key for key, text in statuses.items() if text in cell]

    assert (shown(YEAR), shown(NEXT_YEAR)) == (["no conference yet"], ["no conference yet"])

    conference = Conference.objects.create(bloc=bloc, year=YEAR, date=datetime.date(2018, 1, 8))
    assert (shown(YEAR), shown(NEXT_YEAR)) == (["draft"], ["no conference yet"])

    services.conference_finalize(conference=conference, actor=secretary)
    assert (shown(YEAR), shown(NEXT_YEAR)) == (["finalized"], ["no conference yet"])

    services.conference_reopen(conference=conference, actor=province_admin)
    assert shown(YEAR) == ["draft"]


def test_bloc_page_links_to_the_conference_or_to_entering_results(login, secretary, viewer, bloc, conference):
    page = login(secretary).get(reverse("blocs:bloc_detail", args=[bloc.pk])).content.decode()
    assert detail_url(conference) in status_cell(page, YEAR)
    assert edit_url(bloc, NEXT_YEAR) in status_cell(page, NEXT_YEAR)

    page = login(viewer).get(reverse("blocs:bloc_detail", args=[bloc.pk])).content.decode()
    assert detail_url(conference) in status_cell(page, YEAR)
    assert edit_url(bloc, NEXT_YEAR) not in page


# The detail page --------------------------------------------------------------------


def test_detail_page_shows_the_ranking_and_the_elected_leader(
    login, viewer, secretary, bloc, members, criteria, results_post
):
    login(secretary).post(edit_url(bloc), results_post())
    conference = Conference.objects.get()

    response = login(viewer).get(detail_url(conference))

    ranking = response.content.decode().split('data-testid="ranking"')[1].split("</table>")[0]
    rows = response.context["record"].scoring.rows
    assert [row.rank for row in rows] == [1, 2, 3]
    for row in rows:
        assert row.membership.printed_name in ranking
    assert ranking.index(rows[0].membership.printed_name) < ranking.index(rows[2].membership.printed_name)
    elected = response.content.decode().split('data-testid="elected"')[1].split("</p>")[0]
    assert members[NEXT_YEAR][1].printed_name in elected
    assert members[NEXT_YEAR][2].printed_name in elected


# Query counts -----------------------------------------------------------------------


def _record_everything(bloc, criteria):
    """Results for every current member: all present, scored and signed, a leader elected."""
    members = selectors.members_of(bloc=bloc, year=YEAR)
    next_members = selectors.members_of(bloc=bloc, year=NEXT_YEAR)
    conference = Conference.objects.filter(bloc=bloc, year=YEAR).first()
    return services.conference_save_results(
        actor=system_actor(),
        bloc=bloc,
        year=YEAR,
        conference=conference,
        results=ConferenceResults(
            details={"date": datetime.date(2018, 1, 8), "host": members[0]},
            present=dict.fromkeys(members, ("Đại diện", "")),
            guests=[("Ban Thi đua - Khen thưởng tỉnh", "", "")],
            scores={(c, m): Decimal(i % 7) for i, m in enumerate(members) for c in criteria},
            pledge={"content": "Giao ước", "signed_on": None},
            signatures=dict.fromkeys(next_members, ("Người ký", "")),
            leader=next_members[0],
            deputy=next_members[1],
        ),
    )


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("page", ["results", "detail"])
def test_queries_do_not_grow_with_the_number_of_members(
    login, secretary, bloc, members, criteria, page, django_assert_num_queries
):
    client = login(secretary)
    conference = _record_everything(bloc, criteria)
    url = edit_url(bloc) if page == "results" else detail_url(conference)
    with_three = _queries(client, url)

    add_members(bloc, 9)
    _record_everything(bloc, criteria)
    assert len(selectors.members_of(bloc=bloc, year=YEAR)) == 12
    assert Attendance.objects.filter(membership__isnull=False).count() == 12

    with django_assert_num_queries(with_three):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["record"].members if page == "detail" else response.context["forms"].members) == 12


def test_results_page_with_errors_costs_no_more_queries_with_more_members(
    login, secretary, bloc, members, criteria, results_post
):
    client = login(secretary)
    bad = {f"score-{members[YEAR][0].pk}-c{criteria[0].pk}": "999"}
    with CaptureQueriesContext(connection) as three:
        assert client.post(edit_url(bloc), results_post(**bad)).status_code == 200
    add_members(bloc, 9)
    with CaptureQueriesContext(connection) as twelve:
        response = client.post(edit_url(bloc), results_post(**bad))
    assert response.status_code == 200
    assert len(response.context["forms"].attendance_forms) == 12
    assert len(twelve.captured_queries) == len(three.captured_queries)


def test_finalizing_asks_first_and_says_what_it_locks_and_who_reopens(login, secretary, conference):
    client = login(secretary)
    page = client.get(finalize_url(conference))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="finalize-warning"' in html and 'data-testid="confirm-finalize"' in html
    assert "Chỉ quản trị tỉnh" in html  # who can reopen
    conference.refresh_from_db()
    assert not conference.is_finalized  # asking changes nothing
    client.post(finalize_url(conference), {"version": conference.version})
    conference.refresh_from_db()
    assert conference.is_finalized
    # Once finalized, the question is not asked again.
    assert client.get(finalize_url(conference)).url == reverse("awards:conference_detail", args=[conference.pk])


def test_the_absent_members_written_opinions_are_entered_on_the_results_page(
    login, secretary, bloc, members, criteria, results_post
):
    """The vote minutes of the award dossier print them (reports.documents.vote_minutes)."""
    opinion = "Sở Giáo dục và Đào tạo (vắng mặt): nhất trí các đề nghị, văn bản số 12/SGDĐT ngày 05/01/2018."
    client = login(secretary)
    response = client.post(edit_url(bloc), results_post(**{"conf-absent_opinions": opinion}))
    assert response.status_code == 302
    conference = Conference.objects.get()
    assert conference.absent_opinions == opinion
    assert opinion in client.get(detail_url(conference)).content.decode()
    assert conference.history.first().absent_opinions == opinion  # through the service, in the audit trail
