"""Helpers of the award tests: the catalogue's names, messages as users read them, and
conferences and proposals written straight to the database.

The award types and default rules come from the data migration (awards/catalogue.py): the
Government flag may go to 20% of the units leading their blocs, the provincial flag to one
unit per bloc; both only warn.
"""

import datetime

from django.utils.translation import gettext

from awards.models import AwardRule, AwardType, Decision, Proposal, Submission
from emulation.models import Conference
from tests.awards.factories import AwardRuleFactory, ProposalFactory
from tests.blocs.factories import AgencyFactory, MembershipFactory
from tests.emulation.factories import ConferenceFactory
from tests.emulation.helpers import YEAR

GOVERNMENT_FLAG = "Cờ thi đua của Chính phủ"
PM_CERTIFICATE = "Bằng khen của Thủ tướng Chính phủ"
PROVINCIAL_FLAG = "Cờ thi đua của UBND tỉnh"
PROVINCIAL_CERTIFICATE = "Bằng khen của Chủ tịch UBND tỉnh"
EXCELLENT_COLLECTIVE = "Tập thể lao động xuất sắc"

CONFERENCE_DATE = datetime.date(2018, 1, 8)


def tr(msgid, /, **params):
    """A message as the (Vietnamese) code produces it, with its placeholders filled."""
    text = gettext(msgid)
    return text % params if params else text


def award(name):
    return AwardType.objects.get(name=name)


def make_proposal(conference, membership, name=PROVINCIAL_CERTIFICATE, votes=3, ballots=3, **fields):
    """A proposal written straight to the database, as a fixture: no rule is checked."""
    return ProposalFactory(
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
    return ConferenceFactory(bloc=bloc, year=year), memberships


def default_rule(name, on=CONFERENCE_DATE):
    """The national default version of the award's rules in force on `on`."""
    return AwardRule.objects.filter(award_type=award(name), province=None).in_force(on).get()


def province_rule(province, name, **fields):
    return AwardRuleFactory(award_type=award(name), province=province, **fields)
