"""Writes to the registry. Views, the admin and the demo loader all come through here."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from blocs.models import Agency, AgencyName, Leadership, Membership


@transaction.atomic
def agency_save(*, agency, renamed_on=None):
    """Create or change an agency. With `renamed_on`, a change of name is a rename: the
    old name is kept for the records of the years before that day."""
    if agency.pk and renamed_on:
        before = Agency.objects.get(pk=agency.pk)
        if (before.name, before.short_name) != (agency.name, agency.short_name):
            former = AgencyName(agency=agency, name=before.name, short_name=before.short_name, until=renamed_on)
            former.full_clean()
            former.save()
    agency.full_clean()
    agency.save()
    return agency


@transaction.atomic
def membership_add(*, bloc, agency, year, note=""):
    membership = Membership(bloc=bloc, agency=agency, year=year, note=note)
    membership.full_clean()
    membership.save()
    return membership


@dataclass
class CopyResult:
    copied: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # (agency name, reason)


@transaction.atomic
def memberships_copy_from_previous_year(*, bloc, year):
    """Make last year's members members of `year` too, where they still can be."""
    result = CopyResult()
    previous = Membership.objects.filter(bloc=bloc, year=year - 1).select_related("agency")
    taken = dict(
        Membership.objects.filter(year=year, agency__in=[m.agency_id for m in previous]).values_list(
            "agency_id", "bloc__name"
        )
    )
    active = set(
        Agency.objects.filter(pk__in=[m.agency_id for m in previous]).active_in(year).values_list("pk", flat=True)
    )
    for old in previous:
        agency = old.agency
        if agency.pk in taken:
            result.skipped.append(
                (agency.name, _("already a member of %(bloc)s in %(year)s") % {"bloc": taken[agency.pk], "year": year})
            )
        elif agency.pk not in active:
            result.skipped.append((agency.name, _("not active in %(year)s") % {"year": year}))
        else:
            result.copied.append(membership_add(bloc=bloc, agency=agency, year=year))
    return result


@transaction.atomic
def leadership_set(*, bloc, year, leader, deputy=None):
    """Record the leader and deputy memberships of a bloc for a year, replacing any before."""
    leadership = Leadership.objects.filter(bloc=bloc, year=year).first() or Leadership(bloc=bloc, year=year)
    leadership.leader, leadership.deputy = leader, deputy
    leadership.full_clean()
    leadership.save()
    return leadership
