"""Writes to the registry. Views, the admin and the demo loader all come through here."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from blocs.models import Agency, AgencyName, Leadership, Membership, User
from core.services import by_user, validated_save

SYSTEM_USERNAME = "system"


def system_actor():
    """Who acts when a script writes (the demo loader, management commands): a named user that
    cannot log in and belongs to no province, so that the audit trail says who made a change."""
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME, defaults={"first_name": "Hệ thống", "is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def user_save(*, actor, user):
    """Create or change a user. Province admins manage the registry through the admin site, so
    their role (or being the operator) is what gives them the admin site."""
    user.is_staff = user.is_superuser or user.role == User.Role.PROVINCE_ADMIN
    return validated_save(by_user(user, actor))


@transaction.atomic
def agency_save(*, actor, agency, renamed_on=None):
    """Create or change an agency. With `renamed_on`, a change of name is a rename: the
    old name is kept for the records of the years before that day."""
    if agency.pk and renamed_on:
        before = Agency.objects.get(pk=agency.pk)
        if (before.name, before.short_name) != (agency.name, agency.short_name):
            former = AgencyName(agency=agency, name=before.name, short_name=before.short_name, until=renamed_on)
            validated_save(by_user(former, actor))
    return validated_save(by_user(agency, actor))


@transaction.atomic
def membership_add(*, actor, bloc, agency, year, note=""):
    return validated_save(by_user(Membership(bloc=bloc, agency=agency, year=year, note=note), actor))


@dataclass
class CopyResult:
    copied: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # (agency name, reason)


@transaction.atomic
def memberships_copy_from_previous_year(*, actor, bloc, year):
    """Make last year's members members of `year` too, where they still can be. All of them or,
    should anything fail, none."""
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
            try:
                result.copied.append(membership_add(actor=actor, bloc=bloc, agency=agency, year=year))
            except ValidationError:
                # Added to a bloc by someone else since `taken` was read: skipped like the others.
                other = Membership.objects.filter(agency=agency, year=year).values_list("bloc__name", flat=True).first()
                if other is None:
                    raise
                result.skipped.append(
                    (agency.name, _("already a member of %(bloc)s in %(year)s") % {"bloc": other, "year": year})
                )
    return result


@transaction.atomic
def leadership_set(*, actor, bloc, year, leader, deputy=None):
    """Record the leader and deputy memberships of a bloc for a year, replacing any before."""
    leadership = Leadership.objects.filter(bloc=bloc, year=year).first() or Leadership(bloc=bloc, year=year)
    if leadership.pk and (leadership.leader_id, leadership.deputy_id) == (leader.pk, deputy and deputy.pk):
        return leadership  # as recorded already: nothing to add to the audit trail
    leadership.leader, leadership.deputy = leader, deputy
    return validated_save(by_user(leadership, actor))
