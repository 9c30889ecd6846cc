"""factory_boy factories of the year-end conferences (emulation/models.py): each builds a
valid row, with only what a test changes spelled out. Rows that need a member take the
membership of the right bloc and year from what they hang on."""

import datetime
from decimal import Decimal

import factory

from emulation.models import Attendance, Conference, Criterion, Pledge, Score, Signature
from tests.blocs.factories import BlocFactory, MembershipFactory

YEAR = 2017


class ConferenceFactory(factory.django.DjangoModelFactory):
    """A draft conference reviewing `year`, held on 10 January of the next year."""

    class Meta:
        model = Conference

    bloc = factory.SubFactory(BlocFactory)
    year = YEAR
    date = factory.LazyAttribute(lambda c: datetime.date(c.year + 1, 1, 10))


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    conference = factory.SubFactory(ConferenceFactory)
    membership = factory.SubFactory(
        MembershipFactory,
        bloc=factory.SelfAttribute("..conference.bloc"),
        year=factory.SelfAttribute("..conference.year"),
    )
    representative = "Đại diện"


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    bloc = factory.SubFactory(BlocFactory)
    year = YEAR
    order = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Tiêu chí {n}")
    max_points = Decimal("60.00")


class ScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Score

    criterion = factory.SubFactory(CriterionFactory)
    membership = factory.SubFactory(
        MembershipFactory,
        bloc=factory.SelfAttribute("..criterion.bloc"),
        year=factory.SelfAttribute("..criterion.year"),
    )
    points = Decimal("50.00")


class PledgeFactory(factory.django.DjangoModelFactory):
    """The pledge signed at a conference for the year after the one it reviews."""

    class Meta:
        model = Pledge

    bloc = factory.SubFactory(BlocFactory)
    year = YEAR + 1
    content = "Giao ước thi đua"


class SignatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signature

    pledge = factory.SubFactory(PledgeFactory)
    membership = factory.SubFactory(
        MembershipFactory,
        bloc=factory.SelfAttribute("..pledge.bloc"),
        year=factory.SelfAttribute("..pledge.year"),
    )
    signer = "Người ký"
