"""A proposal's audit trail: the vote entered on the results page, the submission and the
decision recorded on the proposals page, each with the user who made it; its history page
shows them to those who may read the proposal, and to nobody else."""

import pytest
from django.urls import reverse
from django.utils.html import escape
from django.utils.text import capfirst

from awards.models import Proposal
from blocs.models import Leadership
from tests.awards.helpers import PROVINCIAL_FLAG, YEAR, award

LIST_URL = reverse("awards:proposal_list")


def history_url(proposal):
    return reverse("awards:proposal_history", args=[proposal.pk])


def edit_url(bloc):
    return reverse("awards:conference_edit", args=[bloc.pk, YEAR])


def label(model, name):
    return str(capfirst(model._meta.get_field(name).verbose_name))


def changes(entry):
    return [(c.field, c.old, c.new) for c in entry.changes]


@pytest.fixture
def submitted(login, province_admin, proposals):
    """The province admin submitted the first proposal through the proposals page."""
    client = login(province_admin)
    data = {
        "proposal": [str(proposals[0].pk)],
        f"version-{proposals[0].pk}": str(proposals[0].version),
        "action": "submit",
        "sub-number": "08/TTr-BTĐKT",
        "sub-date": "24/01/2018",
    }
    assert client.post(LIST_URL, data).status_code == 302
    return Proposal.objects.get(pk=proposals[0].pk)


def test_submitting_on_the_page_records_the_user_and_the_status_change(submitted, province_admin):
    record = submitted.history.first()
    assert (record.history_type, record.history_user, record.status) == ("~", province_admin, "submitted")
    assert submitted.history.count() == 2  # created as a fixture, then submitted


def test_the_history_page_shows_who_moved_it_from_what_to_what(login, viewer, province_admin, submitted):
    response = login(viewer).get(history_url(submitted))

    assert response.status_code == 200
    latest = response.context["entries"][0]
    assert (latest.kind, latest.who) == ("~", province_admin.display_name)
    submitted.refresh_from_db()
    assert changes(latest) == [
        (label(Proposal, "applied_rule"), "—", str(submitted.applied_rule)),
        (label(Proposal, "status"), str(Proposal.Status.PROPOSED.label), str(Proposal.Status.SUBMITTED.label)),
        (label(Proposal, "submission"), "—", str(submitted.submission)),
    ]
    row = response.content.decode().split('data-testid="history-entry"')[1]
    assert escape(str(submitted.submission)) in row


@pytest.mark.parametrize("persona", ["outsider", "other_secretary"])
def test_users_outside_the_bloc_get_404(login, submitted, persona, request):
    assert login(request.getfixturevalue(persona)).get(history_url(submitted)).status_code == 404


def test_the_blocs_secretary_reads_it(login, secretary, submitted):
    assert login(secretary).get(history_url(submitted)).status_code == 200


def test_the_list_and_the_award_record_link_to_it(login, viewer, submitted):
    client = login(viewer)
    assert f'href="{history_url(submitted)}"' in client.get(LIST_URL).content.decode()
    record = reverse("awards:agency_record", args=[submitted.membership.agency_id])
    assert f'href="{history_url(submitted)}"' in client.get(record).content.decode()


def test_changing_a_vote_on_the_results_page_changes_the_proposal_in_place(
    login, secretary, bloc, members, results_post
):
    def rows(votes):
        """The section with one line, as the page posts it: a saved line is an initial form."""
        line = {"award_type": str(award(PROVINCIAL_FLAG).pk), "membership": str(members[YEAR][0].pk)}
        line |= {"person_name": "", "person_position": "", "votes_for": str(votes), "ballots": "3"}
        data = {f"prop-0-{name}": value for name, value in line.items()}
        saved = str(Proposal.objects.count())
        return data | {"prop-TOTAL_FORMS": "1", "prop-INITIAL_FORMS": saved, "prop-MIN_NUM_FORMS": "0"}

    client = login(secretary)
    assert client.post(edit_url(bloc), results_post(**rows(2))).status_code == 302
    proposal = Proposal.objects.get()
    assert client.post(edit_url(bloc), results_post(**rows(3))).status_code == 302

    assert Proposal.objects.get().pk == proposal.pk  # the same proposal, one version on
    assert Proposal.objects.get().version == proposal.version + 1
    response = client.get(reverse("awards:conference_history", args=[proposal.conference_id]))
    [entry] = [e for e in response.context["entries"] if e.kind == "~" and PROVINCIAL_FLAG in e.subject]
    assert (entry.who, changes(entry)) == (secretary.display_name, [(label(Proposal, "votes_for"), "2", "3")])
    # Saving the page unchanged adds nothing to the trail of what it did not change.
    assert client.post(edit_url(bloc), results_post(**rows(3))).status_code == 302
    assert proposal.history.count() == 2
    assert Leadership.history.count() == 1  # next year's leader, elected on the first save
