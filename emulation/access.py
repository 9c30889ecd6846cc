"""Access to conferences follows access to their bloc (blocs.access); a finalized
conference is locked for everyone until a province admin reopens it."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from blocs.access import can_write_bloc, visible_blocs
from blocs.models import FIRST_YEAR, LAST_YEAR
from emulation.models import Conference
from emulation.rules import refuse_if_locked


def get_conference_for_user(user, pk, write=False):
    try:
        conference = Conference.objects.select_related("bloc__province", "finalized_by").get(
            pk=pk, bloc__in=visible_blocs(user)
        )
    except (Conference.DoesNotExist, ValueError):
        raise Http404("No such conference") from None
    if write and not can_write_bloc(user, conference.bloc):
        raise PermissionDenied
    if write:
        refuse_if_locked(conference)
    return conference


def reviewed_year_or_404(year):
    """A year a conference can review (from a URL): the year after it must exist too."""
    if not FIRST_YEAR <= year < LAST_YEAR:
        raise Http404("No such year")
    return year


def can_reopen(user, conference):
    """A finalized conference is reopened by its province's admin (or the operator)."""
    if not (user.is_authenticated and user.is_province_admin):
        return False
    return user.is_superuser or conference.bloc.province_id == user.province_id
