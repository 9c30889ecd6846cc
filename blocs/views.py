from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from blocs import selectors, services
from blocs.access import (
    can_read_whole_province,
    can_write_bloc,
    get_agency_for_user,
    get_bloc_for_registry,
    get_bloc_for_user,
    visible_blocs,
)
from blocs.forms import AgencySearchForm, CopyMembersForm
from core.history import timeline
from core.requests import int_or_none


@login_required
def home(request):
    return redirect("blocs:bloc_list")


@login_required
def agency_list(request):
    form = AgencySearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    page = Paginator(selectors.agency_list(user=request.user, query=query), 50).get_page(request.GET.get("page"))
    return render(request, "blocs/agency_list.html", {"form": form, "query": query, "page": page})


@login_required
def agency_detail(request, pk):
    agency = get_agency_for_user(request.user, pk)
    context = {
        "agency": agency,
        "memberships": selectors.agency_memberships(agency=agency),
        "visible_bloc_ids": set(visible_blocs(request.user).values_list("pk", flat=True)),
    }
    return render(request, "blocs/agency_detail.html", context)


@login_required
def agency_history(request, pk):
    agency = get_agency_for_user(request.user, pk)
    entries = timeline(*selectors.agency_history_sources(agency=agency))
    return render(request, "blocs/agency_history.html", {"agency": agency, "entries": entries})


@login_required
def bloc_list(request):
    user = request.user
    # Province-wide reports, for the province's admins and viewers: the years reviewed so far.
    summary_years = []
    if user.province_id and can_read_whole_province(user):
        summary_years = selectors.reviewed_years(province_id=user.province_id)
    context = {"blocs": selectors.bloc_list(user=user), "summary_years": summary_years}
    return render(request, "blocs/bloc_list.html", context)


@login_required
def bloc_detail(request, pk):
    bloc = get_bloc_for_user(request.user, pk)
    shown_year = int_or_none(request.GET.get("members"))
    years = selectors.bloc_years(bloc=bloc, also=shown_year)
    latest_year = years[0].year if years else None
    hint = selectors.rotation_hint(bloc=bloc, year=latest_year + 1) if latest_year else []
    copy_form = None
    if request.user.is_province_admin:
        copy_form = CopyMembersForm(initial={"year": latest_year + 1 if latest_year else None})
        copy_form.helper.form_action = reverse("blocs:bloc_copy_members", args=[bloc.pk])
    statuses = selectors.conference_statuses(bloc=bloc)
    conferences = [(row.year, statuses.get(row.year)) for row in years]
    context = {
        "bloc": bloc,
        "years": years,
        "shown_year": shown_year,
        "latest_year": latest_year,
        "hint": hint,
        "copy_form": copy_form,
        "conferences": conferences,
        "can_write": can_write_bloc(request.user, bloc),
    }
    return render(request, "blocs/bloc_detail.html", context)


@require_POST
@login_required
def bloc_copy_members(request, pk):
    bloc = get_bloc_for_registry(request.user, pk)
    form = CopyMembersForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("year", []):
            messages.error(request, error)
        return redirect("blocs:bloc_detail", pk=bloc.pk)
    year = form.cleaned_data["year"]
    try:
        result = services.memberships_copy_from_previous_year(actor=request.user, bloc=bloc, year=year)
    except ValidationError as refusal:
        for message in refusal.messages:
            messages.error(request, message)
        return redirect("blocs:bloc_detail", pk=bloc.pk)
    if not result.copied and not result.skipped:
        messages.warning(request, _("%(year)s has no members to copy.") % {"year": year - 1})
    if result.copied:
        messages.success(
            request,
            _("%(count)s members of %(previous)s are now members in %(year)s.")
            % {"count": len(result.copied), "previous": year - 1, "year": year},
        )
    for name, reason in result.skipped:
        messages.warning(request, _("Not copied: %(name)s, %(reason)s.") % {"name": name, "reason": reason})
    return redirect("blocs:bloc_detail", pk=bloc.pk)
