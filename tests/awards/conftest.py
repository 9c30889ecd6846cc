"""Fixtures for the award tests, built on the shared personas of tests/conftest.py and the
conference fixtures of tests/emulation/conftest.py.

`conference` is a draft conference of `bloc` reviewing 2017 (three members), held on
08/01/2018. The award types and default rules come from the data migration
(awards/catalogue.py): the Government flag may go to 20% of the units leading their
blocs, the provincial flag to one unit per bloc; both only warn.
"""

import datetime

import pytest
from django.utils import translation
from django.utils.translation import gettext

from awards.models import AwardRule, AwardType, Decision, Proposal, Submission
from emulation.models import Conference
from tests.emulation import conftest as conference_fixtures
from tests.emulation.conftest import YEAR
from tests.factories import AgencyFactory, MembershipFactory

# The conference tests' fixtures, shared: `conference`, its scoring `criteria`, the results
# page's POST builder and the row counter that proves what a save left behind.
conference = conference_fixtures.conference
finalized_conference = conference_fixtures.finalized_conference
criteria = conference_fixtures.criteria
results_post = conference_fixtures.results_post
row_counts = conference_fixtures.row_counts
nothing_saved = conference_fixtures.nothing_saved

GOVERNMENT_FLAG = "Cờ thi đua của Chính phủ"
PM_CERTIFICATE = "Bằng khen của Thủ tướng Chính phủ"
PROVINCIAL_FLAG = "Cờ thi đua của UBND tỉnh"
PROVINCIAL_CERTIFICATE = "Bằng khen của Chủ tịch UBND tỉnh"
EXCELLENT_COLLECTIVE = "Tập thể lao động xuất sắc"

CONFERENCE_DATE = datetime.date(2018, 1, 8)


@pytest.fixture(autouse=True)
def vietnamese():
    """Pages and services speak Vietnamese, as users see them; tests compare with the catalogue."""
    with translation.override("vi"):
        yield


def tr(msgid, /, **params):
    """A message as the (Vietnamese) code produces it, with its placeholders filled."""
    text = gettext(msgid)
    return text % params if params else text


def award(name):
    return AwardType.objects.get(name=name)


def make_proposal(conference, membership, name=PROVINCIAL_CERTIFICATE, votes=3, ballots=3, **fields):
    """A proposal written straight to the database, as a fixture: no rule is checked."""
    return Proposal.objects.create(
        conference=conference, award_type=award(name), membership=membership, votes_for=votes, ballots=ballots, **fields
    )


def finalize(conference):
    Conference.objects.filter(pk=conference.pk).update(status=Conference.Status.FINALIZED)
    conference.refresh_from_db()
    return conference


def statuses(*proposals):
    """Each proposal's status as the database has it now."""
    return [Proposal.objects.get(pk=p.pk).status for p in proposals]


def document_counts():
    return Submission.objects.count(), Decision.objects.count()


def bloc_conference(bloc, members=3, year=YEAR):
    """A draft conference of `bloc` reviewing `year`, and `members` new members of it that year."""
    memberships = [
        MembershipFactory(bloc=bloc, agency=AgencyFactory(province=bloc.province), year=year) for _ in range(members)
    ]
    conference = Conference.objects.create(bloc=bloc, year=year, date=datetime.date(year + 1, 1, 10))
    return conference, memberships


def province_rule(province, name, **fields):
    fields.setdefault("source", f"Quy chế thi đua, khen thưởng tỉnh {province.name}, Điều 9")
    return AwardRule.objects.create(award_type=award(name), province=province, **fields)


@pytest.fixture
def proposals(conference, members):
    """Two provincial certificates and a provincial flag voted at `conference`, still proposed,
    with the conference finalized so that they can be submitted."""
    created = [
        make_proposal(conference, members[YEAR][0], PROVINCIAL_FLAG),
        make_proposal(conference, members[YEAR][1]),
        make_proposal(conference, members[YEAR][2]),
    ]
    finalize(conference)
    return created


@pytest.fixture
def other_bloc_conference(other_bloc):
    """A finalized conference of the province's other bloc, with one proposed certificate."""
    conference, memberships = bloc_conference(other_bloc)
    proposal = make_proposal(conference, memberships[0])
    finalize(conference)
    return proposal


@pytest.fixture
def foreign_proposal(foreign_bloc):
    """A proposed certificate at a finalized conference of the other province."""
    conference, memberships = bloc_conference(foreign_bloc)
    proposal = make_proposal(conference, memberships[0])
    finalize(conference)
    return proposal
