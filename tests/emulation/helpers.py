"""Helpers of the year-end conference tests: the years, the catalogue, more members, the
points a complete results page gives."""

from decimal import Decimal

from django.utils import translation

from tests.blocs.factories import AgencyFactory, MembershipFactory

YEAR = 2017
NEXT_YEAR = YEAR + 1


def vi(message):
    """A message as the (default Vietnamese) pages show it, read from the project's catalogue."""
    with translation.override("vi"):
        return str(translation.gettext(message))


def add_members(bloc, count, years=(YEAR, NEXT_YEAR)):
    """`count` more member agencies of `bloc` in each of `years`."""
    agencies = [AgencyFactory(province=bloc.province) for _ in range(count)]
    return {year: [MembershipFactory(bloc=bloc, agency=a, year=year) for a in agencies] for year in years}


def expected_points(members, criteria):
    """The points results_post gives each (criterion, membership)."""
    return {
        (criterion.pk, membership.pk): Decimal(int(criterion.max_points) - 5 * (i + j))
        for i, membership in enumerate(members[YEAR])
        for j, criterion in enumerate(criteria)
    }
