"""The conference's audit trail: each save of the results page is recorded with the user who
made it, and the conference's history page lists it (when, who, what kind of change, which
fields from what to what) to those who may read the conference, and to nobody else."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.text import capfirst

from emulation.models import Attendance, Conference, Score
from tests.emulation.helpers import YEAR, add_members, vi


def edit_url(bloc, year=YEAR):
    return reverse("awards:conference_edit", args=[bloc.pk, year])


def history_url(conference):
    return reverse("awards:conference_history", args=[conference.pk])


def in_vietnamese(text):
    with translation.override("vi"):
        return str(capfirst(text))


def field_name(model, name):
    return in_vietnamese(model._meta.get_field(name).verbose_name)


def conference_entries(response, kind):
    subject = in_vietnamese(Conference._meta.verbose_name)
    return [entry for entry in response.context["entries"] if entry.subject == subject and entry.kind == kind]


@pytest.fixture
def saved_twice(login, secretary, bloc, results_post):
    """The secretary entered the results, then changed the venue and one score."""
    client = login(secretary)
    assert client.post(edit_url(bloc), results_post()).status_code == 302
    conference = Conference.objects.get()
    score = Score.objects.order_by("pk").first()
    name = f"score-{score.membership_id}-c{score.criterion_id}"
    changed = results_post(**{"conf-venue": "Hội trường UBND tỉnh", name: "1"})
    assert client.post(edit_url(bloc), changed).status_code == 302
    return conference, score


def test_a_save_through_the_results_page_records_the_user(saved_twice, secretary):
    conference, score = saved_twice
    latest = conference.history.first()
    assert (latest.history_type, latest.history_user, latest.venue) == ("~", secretary, "Hội trường UBND tỉnh")
    assert score.history.first().history_user == secretary
    assert {record.history_user for record in Attendance.history.all()} == {secretary}


def test_the_history_page_lists_the_change_with_the_field_from_what_to_what(login, viewer, secretary, saved_twice):
    conference, score = saved_twice

    response = login(viewer).get(history_url(conference))

    assert response.status_code == 200
    [changed] = conference_entries(response, "~")
    assert changed.who == secretary.display_name
    assert [(c.field, c.old, c.new) for c in changed.changes] == [
        (field_name(Conference, "venue"), "Hội trường Bảo hiểm xã hội tỉnh", "Hội trường UBND tỉnh")
    ]
    assert len(conference_entries(response, "+")) == 1
    points = [e for e in response.context["entries"] if e.kind == "~" and score.criterion.name in e.subject]
    assert [(c.field, c.new) for e in points for c in e.changes] == [(field_name(Score, "points"), "1")]
    page = response.content.decode()
    when = timezone.localtime(conference.history.first().history_date).strftime("%d/%m/%Y %H:%M")
    row = page.split('data-testid="history-entry"')[1].split("</tr>")[0]  # newest first
    assert when in row
    assert escape(secretary.display_name) in row
    assert vi("changed") in row


def test_the_detail_page_links_to_the_history(login, viewer, saved_twice):
    conference, _ = saved_twice
    page = login(viewer).get(reverse("awards:conference_detail", args=[conference.pk])).content.decode()
    assert f'href="{history_url(conference)}"' in page


@pytest.mark.parametrize("persona", ["outsider", "other_secretary"])
def test_users_outside_the_bloc_get_404(login, saved_twice, persona, request):
    conference, _ = saved_twice
    assert login(request.getfixturevalue(persona)).get(history_url(conference)).status_code == 404


def test_anonymous_is_sent_to_log_in(client, saved_twice):
    conference, _ = saved_twice
    client.logout()
    response = client.get(history_url(conference))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_history_page_costs_no_more_queries_with_more_members_and_saves(
    login, secretary, bloc, results_post, django_assert_num_queries
):
    client = login(secretary)
    client.post(edit_url(bloc), results_post())
    conference = Conference.objects.get()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(history_url(conference)).status_code == 200
    few = len(captured.captured_queries)  # read now: the next request empties the query log

    add_members(bloc, 6)
    client.post(edit_url(bloc), results_post(**{"conf-venue": "Nơi khác"}))
    client.post(edit_url(bloc), results_post(**{"conf-venue": "Nơi khác nữa"}))
    with django_assert_num_queries(few):
        response = client.get(history_url(conference))
    assert len(conference_entries(response, "~")) == 2
