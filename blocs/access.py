"""Who may see and change what. Every view fetches objects through these helpers.

An object outside the user's scope is a 404 (we do not confirm it exists); a user
who may see it but not make the change asked for gets a 403.

- superuser: everything;
- province admin: everything of their province, read and write;
- viewer: everything of their province, read only;
- bloc secretary: their own blocs (and the agencies that were members of them),
  and may enter their blocs' results, but not manage the registry;
- member agency's user: none of the registry's pages; their own agency's memberships, year by
  year (member_memberships), where they send their agency's own part.

A province merged into the user's province (the 2025 reorganisation) is read like the
user's own, read only: its records are history, and every write helper still asks for the
user's own province.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from blocs.models import Agency, Bloc, Membership, Province, User


def _readable_provinces(user, path="province"):
    """The user's province and those merged into it: a join, no query of its own."""
    return Q(**{f"{path}_id": user.province_id}) | Q(**{f"{path}__merged_into_id": user.province_id})


def _readable_province(user, pk):
    """The province, if it is the user's or one merged into theirs (the operator reads all);
    otherwise a 404: we do not confirm it exists."""
    province = Province.objects.filter(pk=pk).first()
    if province is None or not (
        user.is_superuser or (user.province_id and user.province_id in (province.pk, province.merged_into_id))
    ):
        raise Http404("No such province")
    return province


def writes_province(user, province_id):
    """Whether the user's writes may reach rows of this province: their own only, never a
    province merged into theirs."""
    return user.is_superuser or (user.province_id is not None and user.province_id == province_id)


def can_reorganise(user):
    """Merge agencies and re-draw blocs of the user's province: its admins."""
    return user.is_authenticated and user.is_province_admin and (user.is_superuser or user.province_id is not None)


def visible_blocs(user):
    blocs = Bloc.objects.all()
    if user.is_superuser:
        return blocs
    if not user.is_authenticated or not user.province_id:
        return blocs.none()
    if user.is_member_agency:
        return blocs.none()  # their own part only, through member_memberships
    blocs = blocs.filter(_readable_provinces(user))
    if user.role == User.Role.SECRETARY:
        blocs = blocs.filter(secretaries=user)
    return blocs


def visible_agencies(user):
    agencies = Agency.objects.all()
    if user.is_superuser:
        return agencies
    if not user.is_authenticated or not user.province_id:
        return agencies.none()
    if user.is_member_agency:
        return agencies.none()
    agencies = agencies.filter(_readable_provinces(user))
    if user.role == User.Role.SECRETARY:
        agencies = agencies.filter(memberships__bloc__secretaries=user).distinct()
    return agencies


def can_read_whole_province(user):
    """Province-wide views and documents (every bloc at once): the province's admins and
    viewers; a bloc's secretary sees only their blocs."""
    return user.is_authenticated and (user.is_province_admin or user.role == User.Role.VIEWER)


def get_province_for_user(user, pk):
    """A province whose province-wide documents the user may read: theirs, or one merged
    into theirs."""
    province = _readable_province(user, pk)
    if not can_read_whole_province(user):
        raise PermissionDenied(_("Province-wide documents are for the province's admins and viewers."))
    return province


def can_write_bloc(user, bloc):
    """Enter results for the bloc: its secretaries and the admin of its province."""
    if not user.is_authenticated:
        return False
    if bloc.province.merged_into_id and not user.is_superuser:
        return False  # a merged province's records are history: read only, its secretaries' too
    if user.is_province_admin:
        return writes_province(user, bloc.province_id)
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
    if not (user.is_province_admin and writes_province(user, bloc.province_id)):
        raise PermissionDenied
    return bloc


def get_agency_for_user(user, pk, write=False):
    """Agencies are the province's registry: only the province admin changes them."""
    try:
        agency = visible_agencies(user).select_related("province", "successor", "merger").get(pk=pk)
    except (Agency.DoesNotExist, ValueError):
        raise Http404("No such agency") from None
    if write and not (user.is_province_admin and writes_province(user, agency.province_id)):
        raise PermissionDenied
    return agency


def get_province_for_reorganisation(user, pk):
    """A province whose agencies the user may merge and whose blocs they may re-draw: its
    own admins (or the operator). Another province is a 404; the province's viewers and
    secretaries, and the admins of a province it was merged into, get a 403."""
    province = _readable_province(user, pk)
    if not (can_reorganise(user) and writes_province(user, province.pk)):
        raise PermissionDenied(_("Only the province's admins reorganise its agencies and blocs."))
    if province.merged_into_id:
        raise PermissionDenied(_("This province has been merged into another: its records are kept as they were."))
    return province


def get_province_to_administer(user, pk, *, refusal):
    """A province whose own settings the user may change (its deadlines): its admins, or the
    operator. Another province is a 404; its viewers and secretaries get a 403 with `refusal`;
    a province merged into another is kept as it was."""
    province = _readable_province(user, pk)
    if not (can_reorganise(user) and writes_province(user, province.pk)) or province.merged_into_id:
        raise PermissionDenied(refusal)
    return province


def get_province_for_import(user, pk):
    """A province whose registry the user may import from a spreadsheet: its own admins (or the
    operator). Another province is a 404; its viewers and secretaries get a 403."""
    province = _readable_province(user, pk)
    if not (user.is_authenticated and user.is_province_admin and writes_province(user, province.pk)):
        raise PermissionDenied(_("Only the province's admins import its registry."))
    return province


def member_memberships(user):
    """The memberships of the user's own agency, in its own province: what a member agency's
    user sees (and nothing of another agency). None for any other user."""
    if not (user.is_authenticated and user.is_member_agency and user.agency_id and user.province_id):
        return Membership.objects.none()
    return Membership.objects.filter(agency_id=user.agency_id, agency__province_id=user.province_id)


def get_membership_for_member(user, pk):
    """One of the user's own agency's memberships; another agency's, or any for another role, is a
    404: we do not confirm it exists."""
    membership = member_memberships(user).select_related("bloc__province", "agency").filter(pk=pk).first()
    if membership is None:
        raise Http404("No such membership")
    return membership
