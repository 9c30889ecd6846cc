"""The one lock of the year-end cycle: a finalized conference, and everything its results page
records (attendance, the scoring table and its points, next year's pledge and signatures,
next year's leaders, the proposals), changes only after a province admin reopens it. The
results page, the services and the admin site all ask here."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from emulation.models import Conference

LOCKED = _("This conference is finalized. A province admin can reopen it.")


def is_locked(conference):
    return conference is not None and conference.pk is not None and conference.is_finalized


def locking_conference(*, bloc_id, year):
    """The finalized conference reviewing `year` of the bloc, if any: it locks that year's
    criteria and points, and the pledge and leaders of the year after."""
    return Conference.objects.filter(bloc_id=bloc_id, year=year, status=Conference.Status.FINALIZED).first()


def refuse_if_locked(conference):
    if is_locked(conference):
        raise PermissionDenied(LOCKED)


def lock_of(conference):
    """The sentence that says why the conference and what it records cannot change, or None."""
    return LOCKED if is_locked(conference) else None


def year_lock(*, bloc_id, year):
    """Why the bloc's records of `year` (criteria, points, attendance) cannot change, or None."""
    return lock_of(locking_conference(bloc_id=bloc_id, year=year))


def next_year_lock(*, bloc_id, year):
    """Why the bloc's pledge and leaders of `year` cannot change: the conference reviewing the year
    before signed and elected them. None when they can."""
    return lock_of(locking_conference(bloc_id=bloc_id, year=year - 1))


def refuse_if_year_locked(*, bloc_id, year, next_year=False):
    reason = (next_year_lock if next_year else year_lock)(bloc_id=bloc_id, year=year)
    if reason:
        raise PermissionDenied(reason)
