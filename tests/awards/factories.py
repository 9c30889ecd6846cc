"""factory_boy factories of the awards (awards/models.py): each builds a valid row, with
only what a test changes spelled out. The award types of the catalogue come from a data
migration (awards/catalogue.py): AwardTypeFactory gets one by name, or makes a new one."""

import datetime

import factory

from awards.models import AwardRule, AwardType, Decision, Proposal, Submission
from tests.blocs.factories import MembershipFactory, ProvinceFactory
from tests.emulation.factories import ConferenceFactory

PROVINCIAL_CERTIFICATE = "Bằng khen của Chủ tịch UBND tỉnh"


class AwardTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardType
        django_get_or_create = ("name",)

    name = PROVINCIAL_CERTIFICATE
    authority = "Chủ tịch UBND tỉnh"


class AwardRuleFactory(factory.django.DjangoModelFactory):
    """A province's own rule (province=None: the default of every province)."""

    class Meta:
        model = AwardRule

    award_type = factory.SubFactory(AwardTypeFactory)
    province = factory.SubFactory(ProvinceFactory)
    source = factory.LazyAttribute(
        lambda r: f"Quy chế thi đua, khen thưởng tỉnh {r.province.name}, Điều 9" if r.province else "Luật Thi đua"
    )


class SubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Submission

    province = factory.SubFactory(ProvinceFactory)
    number = factory.Sequence(lambda n: f"{n + 1:02d}/TTr-UBND")
    date = datetime.date(2018, 2, 1)


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    province = factory.SubFactory(ProvinceFactory)
    number = factory.Sequence(lambda n: f"{n + 200}/QĐ-UBND")
    date = datetime.date(2018, 3, 1)


class ProposalFactory(factory.django.DjangoModelFactory):
    """A proposal voted unanimously (3 of 3) for a member of the conference's bloc and year,
    written straight to the database: no rule is checked."""

    class Meta:
        model = Proposal

    conference = factory.SubFactory(ConferenceFactory)
    award_type = factory.SubFactory(AwardTypeFactory)
    membership = factory.SubFactory(
        MembershipFactory,
        bloc=factory.SelfAttribute("..conference.bloc"),
        year=factory.SelfAttribute("..conference.year"),
    )
    votes_for = 3
    ballots = 3
