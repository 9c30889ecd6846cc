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
