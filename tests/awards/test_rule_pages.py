"""What the pages show of the rules: the versions applied, with the day that chose them, each
nominee's share on its basis, and the prize money of decided awards."""

import datetime

import pytest
from django.urls import reverse

from awards import services
from blocs.services import system_actor
from tests.awards.helpers import (
    PROVINCIAL_CERTIFICATE,
    PROVINCIAL_FLAG,
    YEAR,
    default_rule,
    finalize,
    make_proposal,
    province_rule,
    tr,
)

pytestmark = pytest.mark.django_db


def test_the_conference_page_cites_the_rules_and_shows_each_share(login, viewer, conference, members, province):
    rule = province_rule(province, PROVINCIAL_CERTIFICATE, vote_threshold_percent=50)
    make_proposal(conference, members[YEAR][0], votes=1, ballots=3)
    make_proposal(conference, members[YEAR][1], PROVINCIAL_FLAG)
    page = login(viewer).get(reverse("awards:conference_detail", args=[conference.pk])).content.decode()
    cited = page.split('data-testid="rules-applied"')[1].split("</div>")[0]
    assert "08/01/2018" in cited
    assert rule.source in cited
    assert default_rule(PROVINCIAL_FLAG).source in cited
    assert f"1/3 (33,3% {tr('of ballots cast')})" in page
    assert tr("below the threshold") in page


def test_the_results_page_cites_the_rules_of_its_saved_proposals(login, secretary, conference, members, bloc):
    make_proposal(conference, members[YEAR][0], PROVINCIAL_FLAG)
    page = login(secretary).get(reverse("awards:conference_edit", args=[bloc.pk, YEAR])).content.decode()
    assert 'data-testid="rules-applied"' in page
    assert "Nghị định 91/2017/NĐ-CP" in page


def test_decided_awards_show_their_prize_money_on_the_list_and_the_record(login, viewer, conference, members):
    proposal = make_proposal(conference, members[YEAR][0], PROVINCIAL_FLAG)
    finalize(conference)
    services.proposals_submit(
        actor=system_actor(), proposal_ids=[proposal.pk], number="08/TTr", date=datetime.date(2018, 1, 24)
    )
    services.proposals_decide(
        actor=system_actor(),
        proposal_ids=[proposal.pk],
        approved=True,
        number="215/QĐ-UBND",
        date=datetime.date(2018, 3, 12),
    )
    proposal.refresh_from_db()
    client = login(viewer)
    listed = client.get(reverse("awards:proposal_list")).content.decode()
    assert "10.400.000 đ" in listed
    assert reverse("reports:decision_list", args=[proposal.decision_id, "pdf"]) in listed
    record = client.get(reverse("awards:agency_record", args=[members[YEAR][0].agency_id])).content.decode()
    assert 'data-testid="prize-total">10.400.000 đ' in record
    assert proposal.applied_rule == default_rule(PROVINCIAL_FLAG)
