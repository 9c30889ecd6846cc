"""The page where the province admin records its awards council's vote on a proposal: members,
votes in favour with absent members' written opinions, and the share on the council basis of
the rule that judges it."""

import datetime

import pytest
from django.urls import reverse
from django.utils.html import escape

from awards import services
from awards.models import Proposal
from blocs.services import system_actor
from tests.awards.helpers import GOVERNMENT_FLAG, YEAR, finalize, make_proposal, province_rule, tr

pytestmark = pytest.mark.django_db


@pytest.fixture
def flag(conference, members, province):
    """A Government flag proposal under a provincial rule that counts 80% of the council."""
    province_rule(province, GOVERNMENT_FLAG, vote_threshold_percent=80, vote_basis="council", source="Quy chế 86/2025")
    return make_proposal(conference, members[YEAR][0], GOVERNMENT_FLAG)


def url(proposal):
    return reverse("awards:proposal_council", args=[proposal.pk])


def post(client, proposal, members, votes, written, version=None):
    return client.post(
        url(proposal),
        {
            "council_members": members,
            "council_votes_for": votes,
            "council_written_opinions": written,
            "version": proposal.version if version is None else version,
        },
    )


def test_the_admin_records_the_council_vote_and_the_conference_page_shows_the_share(login, province_admin, flag):
    client = login(province_admin)
    page = client.get(url(flag)).content.decode()
    assert tr("the council has not voted yet") in page
    assert "Quy chế 86/2025" in page
    basis = escape(tr("all members of the council (absent members' written opinions counted)"))
    assert f"80% {basis}" in page

    response = post(client, flag, members=20, votes=17, written=3)
    assert response.status_code == 302
    flag.refresh_from_db()
    assert (flag.council_members, flag.council_votes_for, flag.council_written_opinions) == (20, 17, 3)
    conference_page = client.get(response["Location"]).content.decode()
    basis = tr("of the council's members")
    assert f"17/20 (85,0% {basis})" in conference_page
    assert tr("passes") in conference_page


def test_below_eighty_percent_of_the_council_is_shown_below_the_threshold(login, province_admin, flag):
    client = login(province_admin)
    post(client, flag, members=20, votes=15, written=2)
    page = client.get(url(flag)).content.decode()
    assert "15/20 (75,0%" in page
    assert tr("below the threshold") in page


def test_more_votes_than_members_is_refused_beside_the_field_and_nothing_saved(login, province_admin, flag):
    response = post(login(province_admin), flag, members=5, votes=7, written=0)
    assert response.status_code == 200
    assert tr("The council's votes in favour cannot exceed its members.") in response.content.decode()
    flag.refresh_from_db()
    assert flag.council_votes_for is None


def test_written_opinions_are_counted_among_the_votes_in_favour(login, province_admin, flag):
    response = post(login(province_admin), flag, members=10, votes=2, written=3)
    assert tr("Written opinions are counted among the votes in favour.") in response.content.decode()
    flag.refresh_from_db()
    assert flag.council_written_opinions is None


def test_a_page_opened_before_another_admins_save_keeps_what_was_typed_and_saves_nothing(login, province_admin, flag):
    opened = flag.version
    services.proposal_council_vote(actor=system_actor(), proposal=flag, members=20, votes_for=16, version=opened)
    response = post(login(province_admin), flag, members=20, votes=18, written=1, version=opened)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="conflict"' in page
    assert 'value="18"' in page
    flag.refresh_from_db()
    assert flag.council_votes_for == 16


def test_a_decided_proposal_keeps_the_council_vote_it_was_decided_on(login, province_admin, conference, flag):
    finalize(conference)
    services.proposal_council_vote(actor=system_actor(), proposal=flag, members=20, votes_for=17)
    services.proposals_submit(
        actor=system_actor(), proposal_ids=[flag.pk], number="1/TTr", date=datetime.date(2018, 2, 1)
    )
    services.proposals_decide(
        actor=system_actor(), proposal_ids=[flag.pk], approved=True, number="2/QĐ", date=datetime.date(2018, 3, 1)
    )
    flag = Proposal.objects.get(pk=flag.pk)
    client = login(province_admin)
    assert 'data-testid="decided"' in client.get(url(flag)).content.decode()
    post(client, flag, members=20, votes=1, written=0)
    flag.refresh_from_db()
    assert flag.council_votes_for == 17


def test_the_conference_page_links_the_council_page_for_the_admin_only(login, province_admin, viewer, secretary, flag):
    link = url(flag)
    conference = reverse("awards:conference_detail", args=[flag.conference_id])
    assert link in login(province_admin).get(conference).content.decode()
    assert link not in login(viewer).get(conference).content.decode()
    assert link not in login(secretary).get(conference).content.decode()


@pytest.mark.parametrize(
    "persona,status", [("secretary", 403), ("viewer", 403), ("other_secretary", 404), ("outsider", 404)]
)
def test_only_the_provinces_admin_may_open_it(request, login, flag, persona, status):
    user = request.getfixturevalue(persona)
    client = login(user)
    assert client.get(url(flag)).status_code == status
    assert post(client, flag, members=20, votes=20, written=0).status_code == status
    flag.refresh_from_db()
    assert flag.council_votes_for is None
