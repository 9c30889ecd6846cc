"""Writes to the registry. Views, the admin and the demo loader all come through here.

`validated_save` and `rows_sync` are the write helpers that the other apps' services use too.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from blocs.models import Agency, AgencyName, Leadership, Membership, User

RACE_MESSAGE = gettext_lazy(
    "Someone else saved a conflicting record at the same moment, so nothing was saved. Please try again."
)


def by_user(obj, user):
    """Name `user` as the author of obj's next save in the audit trail. A page's user is
    found by the history middleware; a service that is told who acts says so here. The demo
    loader acts as no user: the trail leaves the author empty."""
    if isinstance(user, User):
        obj._history_user = user
    return obj


def validated_save(obj, **save_kwargs):
    """full_clean(), then save(). A row that someone else inserted between the two (a race that
    full_clean() could not see) is refused as full_clean() would refuse it now: a
    ValidationError for the page to show, never an IntegrityError."""
    obj.full_clean()
    try:
        with transaction.atomic():  # a savepoint: the caller's transaction can still roll back cleanly
            obj.save(**save_kwargs)
    except IntegrityError as error:
        try:
            obj.validate_unique()
            obj.validate_constraints()
        except ValidationError as refusal:
            raise refusal from error
        raise ValidationError(str(RACE_MESSAGE)) from error
    return obj


def rows_sync(current, wanted, build):
    """Make the saved rows `current` ({key: row}) match `wanted` ({key: {field: value}}): delete
    the rows not wanted, change those whose fields differ and add the missing ones, made by
    `build(key, fields)`. A row that stays as it was is not saved, so the audit trail shows
    only what changed. Returns the wanted rows, in the order of `wanted`."""
    for key, row in current.items():
        if key not in wanted:
            row.delete()
    rows = []
    for key, fields in wanted.items():
        row = current.get(key)
        if row is None:
            row = validated_save(build(key, fields))
        elif any(getattr(row, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(row, name, value)
            validated_save(row)
        rows.append(row)
    return rows


@transaction.atomic
def agency_save(*, agency, renamed_on=None):
    """Create or change an agency. With `renamed_on`, a change of name is a rename: the
    old name is kept for the records of the years before that day."""
    if agency.pk and renamed_on:
        before = Agency.objects.get(pk=agency.pk)
        if (before.name, before.short_name) != (agency.name, agency.short_name):
            validated_save(AgencyName(agency=agency, name=before.name, short_name=before.short_name, until=renamed_on))
    return validated_save(agency)


@transaction.atomic
def membership_add(*, bloc, agency, year, note=""):
    return validated_save(Membership(bloc=bloc, agency=agency, year=year, note=note))


@dataclass
class CopyResult:
    copied: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # (agency name, reason)


@transaction.atomic
def memberships_copy_from_previous_year(*, bloc, year):
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
                result.copied.append(membership_add(bloc=bloc, agency=agency, year=year))
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
def leadership_set(*, bloc, year, leader, deputy=None):
    """Record the leader and deputy memberships of a bloc for a year, replacing any before."""
    leadership = Leadership.objects.filter(bloc=bloc, year=year).first() or Leadership(bloc=bloc, year=year)
    if leadership.pk and (leadership.leader_id, leadership.deputy_id) == (leader.pk, deputy and deputy.pk):
        return leadership  # as recorded already: nothing to add to the audit trail
    leadership.leader, leadership.deputy = leader, deputy
    return validated_save(leadership)
