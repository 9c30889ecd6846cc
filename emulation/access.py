"""Access to conferences follows access to their bloc (blocs.access); a finalized
conference is locked for everyone until a province admin reopens it."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from blocs.access import can_write_bloc, visible_blocs
from emulation.models import Conference


def get_conference_for_user(user, pk, write=False):
    try:
        conference = Conference.objects.select_related("bloc__province", "finalized_by").get(
            pk=pk, bloc__in=visible_blocs(user)
        )
    except (Conference.DoesNotExist, ValueError):
        raise Http404("No such conference") from None
    if write and not can_write_bloc(user, conference.bloc):
        raise PermissionDenied
    if write and conference.is_finalized:
        raise PermissionDenied(_("This conference is finalized. A province admin can reopen it."))
    return conference
