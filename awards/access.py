"""Access to proposals follows access to their conference's bloc (blocs.access); submissions
and decisions are recorded by the province's admins, for their own province's proposals."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from awards.models import Proposal
from awards.selectors import visible_proposals


def get_proposal_for_user(user, pk):
    """A proposal the user may read; one outside their blocs or province is a 404."""
    try:
        return visible_proposals(user).get(pk=pk)
    except (Proposal.DoesNotExist, ValueError):
        raise Http404("No such proposal") from None


def check_can_record(user, proposal_ids):
    """A submission or decision for these proposals: their province's admin (or the operator)."""
    if not (user.is_authenticated and user.is_province_admin):
        raise PermissionDenied(_("Only a province admin records submissions and decisions."))
    ids = set(proposal_ids)
    proposals = Proposal.objects.filter(pk__in=ids)
    if not user.is_superuser:
        proposals = proposals.filter(conference__bloc__province_id=user.province_id)
    if proposals.count() != len(ids):
        raise PermissionDenied(_("Some of these proposals are not of your province."))
