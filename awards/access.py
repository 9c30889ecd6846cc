"""Access to proposals follows access to their conference's bloc (blocs.access)."""

from django.http import Http404

from awards.models import Proposal
from awards.selectors import visible_proposals


def get_proposal_for_user(user, pk):
    """A proposal the user may read; one outside their blocs or province is a 404."""
    try:
        return visible_proposals(user).get(pk=pk)
    except (Proposal.DoesNotExist, ValueError):
        raise Http404("No such proposal") from None
