from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from awards import selectors, services
from awards.forms import DecisionForm, SubmissionForm
from awards.models import AwardType, Proposal
from blocs.access import get_agency_for_user, visible_blocs


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
def proposal_list(request):
    """The province's proposals, filtered; a province admin chooses some and records the
    submission that sends them, or the decision on them, for all of them at once."""
    user = request.user
    params = request.GET
    blocs = visible_blocs(user).order_by("name")
    filters = {
        "year": _int_or_none(params.get("year")),
        "bloc": blocs.filter(pk=_int_or_none(params.get("bloc"))).first(),
        "status": params.get("status") if params.get("status") in Proposal.Status.values else None,
        "award_type": AwardType.objects.filter(pk=_int_or_none(params.get("award_type"))).first(),
    }
    proposals = selectors.filter_proposals(selectors.visible_proposals(user), **filters)
    can_record = user.is_province_admin
    action = request.POST.get("action")
    submission_form = SubmissionForm(request.POST if action == "submit" else None, prefix="sub")
    decision_form = DecisionForm(request.POST if action == "decide" else None, prefix="dec")
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied(_("Only a province admin records submissions and decisions."))
        chosen = [pk for pk in map(_int_or_none, request.POST.getlist("proposal")) if pk]
        form = submission_form if action == "submit" else decision_form
        if action in ("submit", "decide") and form.is_valid():
            try:
                if action == "submit":
                    document = services.proposals_submit(user=user, proposal_ids=chosen, **form.cleaned_data)
                else:
                    data = dict(form.cleaned_data)
                    document = services.proposals_decide(
                        user=user, proposal_ids=chosen, approved=data.pop("outcome"), **data
                    )
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(
                    request,
                    _("%(document)s recorded for %(count)s proposals.") % {"document": document, "count": len(chosen)},
                )
                return redirect(request.get_full_path())
        else:
            messages.error(request, _("Nothing was recorded: please correct the errors shown below."))
    context = {
        "proposals": proposals,
        "filters": filters,
        "blocs": blocs,
        "statuses": Proposal.Status.choices,
        "award_types": AwardType.objects.all(),
        "years": sorted(set(selectors.visible_proposals(user).values_list("conference__year", flat=True)))[::-1],
        "can_record": can_record,
        "can_print_lists": user.is_province_admin or user.role == user.Role.VIEWER,
        "chosen": set(request.POST.getlist("proposal")),
        "submission_form": submission_form,
        "decision_form": decision_form,
    }
    return render(request, "awards/proposal_list.html", context)


@login_required
def agency_record(request, pk):
    agency = get_agency_for_user(request.user, pk)
    lines = selectors.agency_record(agency=agency, user=request.user)
    return render(request, "awards/agency_record.html", {"agency": agency, "lines": lines})
