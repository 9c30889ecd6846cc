from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from awards import selectors, services
from awards.access import get_proposal_for_user
from awards.forms import DecisionForm, SubmissionForm
from awards.models import AwardType, Proposal
from awards.templatetags.awards import status_badge
from blocs.access import can_read_whole_province, get_agency_for_user, visible_blocs
from blocs.history import timeline
from blocs.models import EditConflict

PAGE_SIZE = 100  # proposals per page of the list


class RowUrl:
    """One view's URL for each row of a list: reversed once with a placeholder id, which
    each row's id then replaces (reverse() costs about 15 µs; a page has 300 links)."""

    PLACEHOLDER = "2147483647"

    def __init__(self, viewname, *more_args):
        self.pattern = reverse(viewname, args=[self.PLACEHOLDER, *more_args])

    def __call__(self, pk):
        return self.pattern.replace(self.PLACEHOLDER, str(pk))


def _list_rows(proposals, *, chosen, can_print_lists):
    """What each row of the list prints, worked out here rather than in the template: 100
    rows of nested lookups took the template language about 22 ms, these values about 6."""
    conference_url = RowUrl("emulation:conference_detail")
    history_url = RowUrl("awards:proposal_history")
    list_url = RowUrl("reports:submission_list", "pdf")
    rows = []
    for p in proposals:
        submission, decision = p.submission, p.decision
        rows.append(
            SimpleNamespace(
                pk=p.pk,
                version=p.version,
                year=p.conference.year,
                conference_url=conference_url(p.conference_id),
                bloc=p.conference.bloc.name,
                award=p.award_type.name,
                nominee=p.nominee_name,
                votes=f"{p.votes_for}/{p.ballots}",
                status=status_badge(p),
                history_url=history_url(p.pk),
                checked=str(p.pk) in chosen,
                closed=p.status in (Proposal.Status.APPROVED, Proposal.Status.NOT_APPROVED),
                submission=submission and f"{submission.number}, {submission.date:%d/%m/%Y}",
                list_url=list_url(submission.pk) if submission and can_print_lists else "",
                decision=decision and f"{decision.number}, {decision.date:%d/%m/%Y}",
                illustrative=bool(decision and decision.is_illustrative),
            )
        )
    return rows


def _int_or_none(value):
    """An id, a year or a version from the query or the form; None for anything no row can
    hold: text, or a number past the 64 bits of an id (which SQLite cannot even compare)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    low, high = connection.ops.integer_field_range("BigIntegerField")
    return number if low <= number <= high else None


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
        # The version of each chosen proposal as the page showed it: if any changed since, all are refused.
        versions = {pk: _int_or_none(request.POST.get(f"version-{pk}")) for pk in chosen}
        form = submission_form if action == "submit" else decision_form
        if action in ("submit", "decide") and form.is_valid():
            try:
                if action == "submit":
                    document = services.proposals_submit(
                        user=user, proposal_ids=chosen, versions=versions, **form.cleaned_data
                    )
                else:
                    data = dict(form.cleaned_data)
                    document = services.proposals_decide(
                        user=user, proposal_ids=chosen, approved=data.pop("outcome"), versions=versions, **data
                    )
            except EditConflict as conflict:
                messages.error(
                    request,
                    " ".join(
                        [*conflict.messages, _("The list shows them as they are now: check them, then record again.")]
                    ),
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
    page = Paginator(proposals, PAGE_SIZE).get_page(params.get("page"))
    other_params = params.copy()
    other_params.pop("page", None)
    chosen = set(request.POST.getlist("proposal"))
    context = {
        "proposals": page,
        "rows": _list_rows(page, chosen=chosen, can_print_lists=can_read_whole_province(user)),
        "page": page,
        "page_query": other_params.urlencode(),
        "filters": filters,
        "blocs": blocs,
        "statuses": Proposal.Status.choices,
        "award_types": AwardType.objects.all(),
        "years": selectors.visible_proposals(user)
        .order_by("-conference__year")
        .values_list("conference__year", flat=True)
        .distinct(),
        "can_record": can_record,
        "submission_form": submission_form,
        "decision_form": decision_form,
    }
    return render(request, "awards/proposal_list.html", context)


@login_required
def agency_record(request, pk):
    agency = get_agency_for_user(request.user, pk)
    lines = selectors.agency_record(agency=agency, user=request.user)
    return render(request, "awards/agency_record.html", {"agency": agency, "lines": lines})


@login_required
def proposal_history(request, pk):
    proposal = get_proposal_for_user(request.user, pk)
    entries = timeline(selectors.proposal_history_source(proposal=proposal))
    return render(request, "awards/proposal_history.html", {"proposal": proposal, "entries": entries})
