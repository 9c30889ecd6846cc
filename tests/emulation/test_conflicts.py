"""No lost updates on the conference results page, and no server error from a race.

The page carries the version of the conference it was opened with; a save made meanwhile by
someone else makes the next save of the old page refuse everything, name who saved and when,
and keep what the user typed. On PostgreSQL, two connections saving the same version at the
same moment: exactly one of them wins, every time.
"""

import datetime
import threading

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from awards.models import Proposal
from blocs.services import system_actor
from core.versioning import EditConflict
from emulation import services
from emulation.models import Conference
from emulation.services import ConferenceResults
from tests.awards.helpers import PROVINCIAL_CERTIFICATE, PROVINCIAL_FLAG, award
from tests.blocs.factories import UserFactory
from tests.clients import AxesClient
from tests.emulation.helpers import YEAR


def edit_url(bloc, year=YEAR):
    return reverse("awards:conference_edit", args=[bloc.pk, year])


def detail_url(conference):
    return reverse("awards:conference_detail", args=[conference.pk])


def as_user(user):
    """A browser of its own for each user: two people at two desks."""
    client = AxesClient()
    client.force_login(user)
    return client


def shown_version(response):
    """The version the results page carries in its hidden field."""
    return response.context["forms"].conference_form["version"].value()


def conflict_box(response):
    return response.content.decode().split('data-testid="conflict"')[1].split("</div>")[0]


def proposal_rows(*rows):
    """The proposals section's POST: (award name, membership, votes, ballots)."""
    data = {"prop-TOTAL_FORMS": str(len(rows)), "prop-INITIAL_FORMS": "0", "prop-MIN_NUM_FORMS": "0"}
    data["prop-MAX_NUM_FORMS"] = "1000"
    for i, (name, membership, votes, ballots) in enumerate(rows):
        data |= {f"prop-{i}-award_type": str(award(name).pk), f"prop-{i}-membership": str(membership.pk)}
        data |= {f"prop-{i}-votes_for": str(votes), f"prop-{i}-ballots": str(ballots)}
    return data


@pytest.fixture
def province_admin_b(province):
    """A second admin of the province, at another desk."""
    return UserFactory(
        username="admin-b", first_name="Lò", last_name="Văn Bình", role="province_admin", province=province
    )


@pytest.fixture
def draft(secretary, bloc, results_post):
    """A draft the secretary saved once through the page."""
    assert as_user(secretary).post(edit_url(bloc), results_post()).status_code == 302
    return Conference.objects.get()


def test_the_second_of_two_savers_is_refused_and_keeps_their_input(
    secretary, province_admin_b, bloc, members, draft, results_post, row_counts
):
    a, b = as_user(secretary), as_user(province_admin_b)
    opened_a = shown_version(a.get(edit_url(bloc)))
    opened_b = shown_version(b.get(edit_url(bloc)))
    assert opened_a == opened_b == draft.version

    assert (
        a.post(edit_url(bloc), results_post(**{"conf-version": opened_a, "conf-venue": "Hội trường A"})).status_code
        == 302
    )
    saved = row_counts()
    b_input = {"conf-version": opened_b, "conf-venue": "Hội trường B", "conf-chair_name": "Người chủ trì B"}
    response = b.post(edit_url(bloc), results_post(**b_input))

    assert response.status_code == 200
    box = conflict_box(response)
    record = Conference.objects.get().history.first()
    assert record.history_user == secretary
    assert escape(secretary.display_name) in box
    assert timezone.localtime(record.history_date).strftime("%d/%m/%Y %H:%M") in box
    assert reverse("awards:conference_history", args=[draft.pk]) in box
    # Nothing of B's save is kept…
    conference = Conference.objects.get()
    assert (conference.venue, conference.chair_name) == ("Hội trường A", "Nguyễn Văn An")
    assert row_counts() == saved
    # …but all B typed is on the page, now based on A's version: saving again is B's informed choice.
    form = response.context["forms"].conference_form
    assert (form["venue"].value(), form["chair_name"].value()) == ("Hội trường B", "Người chủ trì B")
    assert 'value="Hội trường B"' in response.content.decode()
    assert shown_version(response) == str(conference.version)

    again = results_post(**(b_input | {"conf-version": shown_version(response)}))
    assert b.post(edit_url(bloc), again).status_code == 302
    assert Conference.objects.get().venue == "Hội trường B"


def test_the_conference_version_guards_the_proposals_section(
    secretary, province_admin_b, bloc, members, draft, results_post
):
    a, b = as_user(secretary), as_user(province_admin_b)
    opened = shown_version(a.get(edit_url(bloc)))
    b.get(edit_url(bloc))
    first = members[YEAR][0]
    a_rows = proposal_rows((PROVINCIAL_FLAG, first, 3, 3))
    assert a.post(edit_url(bloc), results_post(**{"conf-version": opened}, **a_rows)).status_code == 302

    b_rows = proposal_rows((PROVINCIAL_CERTIFICATE, members[YEAR][1], 2, 3))
    response = b.post(edit_url(bloc), results_post(**{"conf-version": opened}, **b_rows))

    assert response.status_code == 200
    assert 'data-testid="conflict"' in response.content.decode()
    assert list(Proposal.objects.values_list("award_type__name", "membership")) == [(PROVINCIAL_FLAG, first.pk)]
    section = response.context["section"].formset
    assert section.forms[0]["membership"].value() == str(members[YEAR][1].pk)


def test_a_page_opened_before_the_conference_existed_does_not_overwrite_it(
    secretary, province_admin_b, bloc, members, results_post
):
    a, b = as_user(secretary), as_user(province_admin_b)
    assert shown_version(a.get(edit_url(bloc))) == shown_version(b.get(edit_url(bloc))) == 0
    assert a.post(edit_url(bloc), results_post(**{"conf-version": "0", "conf-venue": "A"})).status_code == 302

    response = b.post(edit_url(bloc), results_post(**{"conf-version": "0", "conf-venue": "B"}))

    assert response.status_code == 200
    assert escape(secretary.display_name) in conflict_box(response)
    assert Conference.objects.get().venue == "A"


def test_a_post_without_the_version_is_refused_for_a_saved_conference(secretary, bloc, draft, results_post):
    response = as_user(secretary).post(edit_url(bloc), results_post(**{"conf-version": None, "conf-venue": "X"}))
    assert response.status_code == 200
    assert 'data-testid="conflict"' in response.content.decode()
    assert Conference.objects.get().venue == "Hội trường Bảo hiểm xã hội tỉnh"


def test_finalizing_a_page_that_changed_since_is_refused(secretary, province_admin_b, bloc, draft, results_post):
    shown = draft.version  # the detail page's hidden version
    assert as_user(province_admin_b).post(edit_url(bloc), results_post(**{"conf-venue": "Nơi khác"})).status_code == 302

    url = reverse("emulation:conference_finalize", args=[draft.pk])
    response = as_user(secretary).post(url, {"version": shown}, follow=True)

    # Back to the confirmation (issue 16), which now carries the version saved meanwhile.
    assert response.redirect_chain == [(url, 302)]
    assert not Conference.objects.get().is_finalized
    page = response.content.decode()
    assert escape(province_admin_b.display_name) in page
    assert f'name="version" value="{Conference.objects.get().version}"' in page


# Races: an IntegrityError is a form error, never a server error ------------------------------


def test_a_conference_created_meanwhile_by_someone_else_is_a_conflict_not_a_500(
    secretary, bloc, members, results_post, monkeypatch
):
    """Both pages found no conference; the other one's INSERT lands between this one's check and its own."""
    check = Conference.full_clean

    def other_saves_first(self, *args, **kwargs):
        check(self, *args, **kwargs)
        # The service's own check (the form's has arguments): the other row lands right after it.
        if not args and not kwargs and self.pk is None and not Conference.objects.exists():
            Conference.objects.create(bloc=bloc, year=YEAR, date=datetime.date(2018, 1, 9), venue="Của người khác")

    monkeypatch.setattr(Conference, "full_clean", other_saves_first)

    response = as_user(secretary).post(edit_url(bloc), results_post(**{"conf-venue": "Của tôi"}))

    assert response.status_code == 200
    assert 'data-testid="conflict"' in response.content.decode()
    assert response.context["forms"].conference_form["venue"].value() == "Của tôi"
    # Nothing of this save is kept. (The other row, made inside this very transaction to stand in
    # for another connection's, went with it.)
    assert not Conference.objects.exists()


# PostgreSQL: two connections at the same moment ------------------------------------------------

RUNS = 20


def _results(venue, members=()):
    return ConferenceResults(
        details={"date": datetime.date(2018, 1, 8), "venue": venue}, present=dict.fromkeys(members, ("", ""))
    )


def _race(save):
    """Runs save(name) in two threads released together; returns each one's outcome."""
    barrier = threading.Barrier(2)
    outcomes = {}

    def run(name):
        try:
            barrier.wait(timeout=10)
            save(name)
            outcomes[name] = "saved"
        except EditConflict:
            outcomes[name] = "conflict"
        except Exception as error:  # any other outcome fails the test below
            outcomes[name] = repr(error)
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=run, args=(name,)) for name in ("A", "B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_connections_saving_the_same_version_have_exactly_one_winner(bloc, members):
    conference = services.conference_save_results(actor=system_actor(), bloc=bloc, year=YEAR, results=_results("0"))
    first_version = conference.version
    winners = []
    for run in range(RUNS):
        version = Conference.objects.get().version

        def save(name, run=run, version=version):
            mine = Conference.objects.get()  # each thread loads the conference itself…
            services.conference_save_results(
                actor=system_actor(),  # …and saves what its page showed at `version`
                bloc=bloc,
                year=YEAR,
                conference=mine,
                version=version,
                results=_results(f"{name}{run}", members[YEAR]),
            )

        outcomes = _race(save)
        assert sorted(outcomes.values()) == ["conflict", "saved"], outcomes
        winner = next(name for name, outcome in outcomes.items() if outcome == "saved")
        winners.append(winner)
        saved = Conference.objects.get()
        assert (saved.venue, saved.version) == (f"{winner}{run}", version + 1)
        assert saved.attendances.count() == len(members[YEAR])
    print(f"{RUNS} runs, one winner each: {''.join(winners)}")
    assert len(winners) == RUNS
    assert Conference.objects.get().version == first_version + RUNS
    assert Conference.history.filter(history_type="~").count() == RUNS


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_connections_creating_the_same_conference_have_exactly_one_winner(bloc, members):
    winners = []
    for run in range(RUNS):
        Conference.objects.all().delete()

        def save(name, run=run):
            services.conference_save_results(
                actor=system_actor(), bloc=bloc, year=YEAR, version=0, results=_results(f"{name}{run}")
            )

        outcomes = _race(save)
        assert sorted(outcomes.values()) == ["conflict", "saved"], outcomes
        winner = next(name for name, outcome in outcomes.items() if outcome == "saved")
        assert list(Conference.objects.values_list("venue", flat=True)) == [f"{winner}{run}"]
        winners.append(winner)
    print(f"{RUNS} runs, one winner each: {''.join(winners)}")
