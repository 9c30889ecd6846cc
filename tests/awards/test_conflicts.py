"""No lost updates when recording submissions and decisions for many proposals at once.

The proposals page carries the version of each proposal it shows; if any chosen one changed
after the page was shown, nothing is recorded and the message says which, by whom and when.
Each recording is all or nothing, and two admins recording at the same moment on PostgreSQL
never both win.
"""

import datetime
import threading

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.urls import reverse

from awards import catalogue, services
from awards.models import AwardRule, AwardType, BaseSalary, Decision, Proposal, Submission
from core.versioning import EditConflict
from tests.awards.helpers import bloc_conference, document_counts, finalize, make_proposal, statuses
from tests.blocs.factories import UserFactory
from tests.clients import AxesClient

LIST_URL = reverse("awards:proposal_list")
SUBMITTED_ON = datetime.date(2018, 1, 24)


def as_user(user):
    client = AxesClient()
    client.force_login(user)
    return client


def shown_versions(response):
    """The hidden version of each proposal on the list page, as a browser would post it back."""
    page = response.content.decode()
    return {
        f"version-{p.pk}": page.split(f'name="version-{p.pk}" value="')[1].split('"')[0]
        for p in response.context["proposals"]
    }


def submit_post(versions, proposals, number="08/TTr-BTĐKT"):
    return {
        **versions,
        "proposal": [str(p.pk) for p in proposals],
        "action": "submit",
        "sub-number": number,
        "sub-date": "24/01/2018",
    }


def flash(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def province_admin_b(province):
    return UserFactory(
        username="admin-b", first_name="Lò", last_name="Văn Bình", role="province_admin", province=province
    )


def test_a_proposal_changed_since_the_page_was_shown_refuses_all(province_admin, province_admin_b, proposals):
    a, b = as_user(province_admin), as_user(province_admin_b)
    shown_a = shown_versions(a.get(LIST_URL))
    shown_b = shown_versions(b.get(LIST_URL))
    assert b.post(LIST_URL, submit_post(shown_b, proposals[:1], number="01/TTr")).status_code == 302

    response = a.post(LIST_URL, submit_post(shown_a, proposals[:2]))

    assert response.status_code == 200
    assert statuses(*proposals) == ["submitted", "proposed", "proposed"]
    assert list(Submission.objects.values_list("number", flat=True)) == ["01/TTr"]
    [message] = flash(response)
    assert str(proposals[0]) in message
    assert province_admin_b.display_name in message
    assert str(proposals[1]) not in message
    # The list now shows the proposals as they are, with their new versions, the choice kept.
    assert {str(r.pk) for r in response.context["rows"] if r.checked} == {str(proposals[0].pk), str(proposals[1].pk)}
    assert shown_versions(response)[f"version-{proposals[0].pk}"] == str(
        Proposal.objects.get(pk=proposals[0].pk).version
    )


def test_a_decision_on_a_proposal_decided_meanwhile_is_refused(province_admin, province_admin_b, proposals):
    services.proposals_submit(
        actor=province_admin, proposal_ids=[p.pk for p in proposals], number="08/TTr", date=SUBMITTED_ON
    )
    a, b = as_user(province_admin), as_user(province_admin_b)
    shown_a, shown_b = shown_versions(a.get(LIST_URL)), shown_versions(b.get(LIST_URL))
    decide = {"action": "decide", "dec-outcome": "1", "dec-number": "215/QĐ-UBND", "dec-date": "12/03/2018"}
    b.post(LIST_URL, {**shown_b, **decide, "proposal": [str(proposals[2].pk)], "dec-outcome": "0"})

    response = a.post(LIST_URL, {**shown_a, **decide, "proposal": [str(p.pk) for p in proposals]})

    assert response.status_code == 200
    assert statuses(*proposals) == ["submitted", "submitted", "not_approved"]
    assert Decision.objects.count() == 1
    assert province_admin_b.display_name in flash(response)[0]


def test_a_chosen_proposal_without_its_version_is_refused(province_admin, proposals):
    data = submit_post({}, proposals[:1])
    response = as_user(province_admin).post(LIST_URL, data)
    assert response.status_code == 200
    assert statuses(*proposals) == ["proposed"] * 3
    assert document_counts() == (0, 0)


def test_the_service_names_every_proposal_that_changed(province_admin, proposals):
    versions = {p.pk: p.version for p in proposals}
    for proposal in proposals[1:]:
        proposal.note = "Sửa ghi chú"
        proposal.save()

    with pytest.raises(EditConflict) as refused:
        services.proposals_submit(
            actor=province_admin, proposal_ids=list(versions), versions=versions, number="1/TTr", date=SUBMITTED_ON
        )

    assert [p.pk for p in refused.value.objs] == [p.pk for p in proposals[1:]]
    assert statuses(*proposals) == ["proposed"] * 3
    assert document_counts() == (0, 0)


# All or nothing -------------------------------------------------------------------------


@pytest.mark.parametrize("step", ["submit", "decide"])
def test_a_failure_on_the_last_proposal_records_nothing(province_admin, proposals, step, monkeypatch):
    if step == "decide":
        services.proposals_submit(
            actor=province_admin, proposal_ids=[p.pk for p in proposals], number="08/TTr", date=SUBMITTED_ON
        )
    before = list(Proposal.objects.order_by("pk").values_list("pk", "status", "submission", "decision", "version"))
    counts = document_counts()
    history = Proposal.history.count()
    save = Proposal.save

    def fail_on_the_last(self, *args, **kwargs):
        if self.pk == proposals[-1].pk:
            raise RuntimeError("the disk is full")
        save(self, *args, **kwargs)

    monkeypatch.setattr(Proposal, "save", fail_on_the_last)
    with pytest.raises(RuntimeError):
        if step == "submit":
            services.proposals_submit(
                actor=province_admin, proposal_ids=[p.pk for p in proposals], number="09/TTr", date=SUBMITTED_ON
            )
        else:
            services.proposals_decide(
                actor=province_admin,
                proposal_ids=[p.pk for p in proposals],
                approved=True,
                number="215/QĐ-UBND",
                date=datetime.date(2018, 3, 12),
            )

    assert list(Proposal.objects.order_by("pk").values_list("pk", "status", "submission", "decision", "version")) == (
        before
    )
    assert document_counts() == counts
    assert Proposal.history.count() == history


def test_a_document_recorded_by_another_admin_at_the_same_moment_is_reused(province_admin, proposals, monkeypatch):
    """Both found no submission 08/TTr; the other one's lands between this one's check and its INSERT."""
    check = Submission.full_clean

    def other_records_first(self, *args, **kwargs):
        check(self, *args, **kwargs)
        if self.pk is None and not Submission.objects.exists():
            Submission.objects.create(province=self.province, number=self.number, date=self.date, signer="Người khác")

    monkeypatch.setattr(Submission, "full_clean", other_records_first)

    submission = services.proposals_submit(
        actor=province_admin, proposal_ids=[proposals[0].pk], number="08/TTr", date=SUBMITTED_ON
    )

    assert (Submission.objects.get(), submission.signer) == (submission, "Người khác")
    assert statuses(*proposals) == ["submitted", "proposed", "proposed"]


# The admin site: a correction of a decision changed meanwhile ------------------------------------


def test_an_admin_correction_of_a_document_changed_meanwhile_is_refused(province_admin, province_admin_b, proposals):
    submission = services.proposals_submit(
        actor=province_admin, proposal_ids=[proposals[0].pk], number="08/TTr", date=SUBMITTED_ON
    )
    url = reverse("admin:awards_submission_change", args=[submission.pk])
    a, b = as_user(province_admin), as_user(province_admin_b)
    shown = a.get(url).context["adminform"].form["shown_version"].value()
    data = {"number": "08/TTr", "date": "24/01/2018", "proposals-TOTAL_FORMS": "0", "proposals-INITIAL_FORMS": "0"}
    assert b.post(url, {**data, "signer": "Lò Văn Bình", "shown_version": shown}).status_code == 302

    response = a.post(url, {**data, "signer": "Người sửa sau", "shown_version": shown})

    # The form comes back with what A typed, the refusal naming B, and the version B saved.
    assert response.status_code == 200
    submission.refresh_from_db()
    assert submission.signer == "Lò Văn Bình"
    form = response.context["adminform"].form
    assert province_admin_b.display_name in form.non_field_errors()[0]
    assert form["signer"].value() == "Người sửa sau"
    assert form["shown_version"].value() == str(submission.version)


# PostgreSQL: two admins at the same moment -----------------------------------------------------

RUNS = 20


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_admins_recording_the_same_proposals_at_once_have_exactly_one_winner(
    province_admin, province_admin_b, bloc
):
    catalogue.ensure(
        AwardType, AwardRule, BaseSalary
    )  # an earlier transactional test's flush took the migration's rows
    admins = {"A": province_admin, "B": province_admin_b}
    winners = []
    for run in range(RUNS):
        conference, memberships = bloc_conference(bloc, year=2000 + run)
        chosen = [make_proposal(conference, membership) for membership in memberships[:2]]
        finalize(conference)
        versions = {p.pk: p.version for p in chosen}  # both pages showed these
        barrier = threading.Barrier(2)
        outcomes = {}

        def record(name, run=run, chosen=chosen, versions=versions, barrier=barrier, outcomes=outcomes):
            try:
                barrier.wait(timeout=10)
                services.proposals_submit(
                    actor=admins[name],
                    proposal_ids=[p.pk for p in chosen],
                    versions=versions,
                    number=f"{run}/TTr-{name}",
                    date=datetime.date(2000 + run + 1, 2, 1),
                )
                outcomes[name] = "recorded"
            except EditConflict:
                outcomes[name] = "conflict"
            except Exception as error:  # any other outcome fails the test below
                outcomes[name] = repr(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=record, args=(name,)) for name in admins]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

        assert sorted(outcomes.values()) == ["conflict", "recorded"], outcomes
        winner = next(name for name, outcome in outcomes.items() if outcome == "recorded")
        winners.append(winner)
        submitted = Proposal.objects.filter(pk__in=versions)
        assert {p.submission.number for p in submitted} == {f"{run}/TTr-{winner}"}
        assert {p.history.first().history_user_id for p in submitted} == {admins[winner].pk}
    print(f"{RUNS} runs, one winner each: {''.join(winners)}")
    assert Submission.objects.count() == RUNS
