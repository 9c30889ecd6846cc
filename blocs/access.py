"""Who may see and change what. Every view fetches objects through these helpers.

An object outside the user's scope is a 404 (we do not confirm it exists); a user
who may see it but not make the change asked for gets a 403.

- superuser: everything;
- province admin: everything of their province, read and write;
- viewer: everything of their province, read only;
- bloc secretary: their own blocs (and the agencies that were members of them),
  and may enter their blocs' results, but not manage the registry.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from blocs.models import Agency, Bloc, Province, User


def visible_blocs(user):
    blocs = Bloc.objects.all()
    if user.is_superuser:
        return blocs
    if not user.is_authenticated or not user.province_id:
        return blocs.none()
    blocs = blocs.filter(province_id=user.province_id)
    if user.role == User.Role.SECRETARY:
        blocs = blocs.filter(secretaries=user)
    return blocs


def visible_agencies(user):
    agencies = Agency.objects.all()
    if user.is_superuser:
        return agencies
    if not user.is_authenticated or not user.province_id:
        return agencies.none()
    agencies = agencies.filter(province_id=user.province_id)
    if user.role == User.Role.SECRETARY:
        agencies = agencies.filter(memberships__bloc__secretaries=user).distinct()
    return agencies


def can_read_whole_province(user):
    """Province-wide views and documents (every bloc at once): the province's admins and
    viewers; a bloc's secretary sees only their blocs."""
    return user.is_authenticated and (user.is_province_admin or user.role == User.Role.VIEWER)


def get_province_for_user(user, pk):
    """A province whose province-wide documents the user may read."""
    if not user.is_superuser and user.province_id != pk:
        raise Http404("No such province")
    province = Province.objects.filter(pk=pk).first()
    if province is None:
        raise Http404("No such province")
    if not can_read_whole_province(user):
        raise PermissionDenied(_("Province-wide documents are for the province's admins and viewers."))
    return province


def can_write_bloc(user, bloc):
    """Enter results for the bloc: its secretaries and the admin of its province."""
    if not user.is_authenticated:
        return False
    if user.is_province_admin:
        return user.is_superuser or bloc.province_id == user.province_id
    return user.role == User.Role.SECRETARY and user.blocs.filter(pk=bloc.pk).exists()


def get_bloc_for_user(user, pk, write=False):
    try:
        bloc = visible_blocs(user).select_related("province").get(pk=pk)
    except (Bloc.DoesNotExist, ValueError):
        raise Http404("No such bloc") from None
    if write and not can_write_bloc(user, bloc):
        raise PermissionDenied
    return bloc


def get_bloc_for_registry(user, pk):
    """A bloc whose members and leaders the user may change: province admins only."""
    bloc = get_bloc_for_user(user, pk)
    if not user.is_province_admin:
        raise PermissionDenied
    return bloc


def get_agency_for_user(user, pk, write=False):
    """Agencies are the province's registry: only the province admin changes them."""
    try:
        agency = visible_agencies(user).select_related("province", "successor").get(pk=pk)
    except (Agency.DoesNotExist, ValueError):
        raise Http404("No such agency") from None
    if write and not user.is_province_admin:
        raise PermissionDenied
    return agency
